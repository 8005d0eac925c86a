import * as k8s from "@pulumi/kubernetes";
import { INSTANCE_LABEL } from "../core/connect";
import type { Peer } from "../core/peer";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import { chartValues, deployChart, HelmInstall } from "../helm";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { MilvusClusterArgs } from "./args";
import { KafkaSecurityProtocol, MilvusStorage } from "./args";
import type * as bucketTypes from "./bucket";
import type { WorkloadRole } from "../aws/workload-role";
import { MILVUS_DEFAULTS, MILVUS_PORTS, SECRET_KEYS } from "./defaults";
import { planMilvusCluster } from "./validate";
import type { MilvusPlan } from "./validate";
import { attuIngress, disruptionBudgets, hardenMinio, kafkaCaConfigMap, loadBalancerService, networkPolicy } from "./objects";
import { milvusLabels, namespaceLabels, objectNames, renderValues } from "./values";
import { ETCD_BACKUP_NAME, etcdBackupCronJob } from "./etcd-backup";

/** Loaded only in S3 mode, so K3s users need not install the optional @pulumi/aws peer. */
function bucketModule(): typeof bucketTypes {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./bucket") as typeof bucketTypes;
}

/**
 * Milvus 2.5 in cluster mode (chart milvus-helm 4.2.57) in a namespace of its
 * own: proxy, MixCoord, data, index and query nodes; etcd; Kafka with
 * ZooKeeper (or an external Kafka); MinIO with generated credentials, or an S3
 * bucket reached through IRSA. Authentication is on, with a generated root
 * password delivered through a Secret.
 *
 * Installed as a `helm.v4.Chart`: the chart needs no hooks with these values
 * (MinIO's bucket job is off, Milvus creates its bucket itself; Kafka
 * provisioning is off), and every rendered object becomes a Pulumi resource
 * that CrossGuard checks and Pulumi awaits. A Release would hide them.
 */
export class MilvusCluster extends pulumi.ComponentResource {
  /** In-cluster gRPC endpoint, host:19530. */
  readonly endpoint: pulumi.Output<string>;
  /** The namespace Milvus runs in. */
  readonly namespace: pulumi.Output<string>;
  /** The proxy's Service. */
  readonly serviceName: pulumi.Output<string>;
  /** Milvus's administrator, "root". */
  readonly rootUser: pulumi.Output<string>;
  /** Secret (in the namespace) whose key `password` is the root user's password. */
  readonly rootCredentialsSecretName: pulumi.Output<string>;
  /** S3 mode: the bucket's name. */
  readonly bucketName: pulumi.Output<string | undefined>;
  /** S3 mode: the role Milvus's pods assume through IRSA. */
  readonly roleArn: pulumi.Output<string | undefined>;
  /** internal-load-balancer: the NLB's DNS name (port 19530). */
  readonly loadBalancerHostname: pulumi.Output<string | undefined>;
  /** What a client's egress must allow: the proxy pods on 19530, in Milvus's namespace (admit the client with `clients`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: MilvusClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planMilvusCluster(name, args);
    requireKubernetesProvider("MilvusCluster", opts);
    super("forja:index:MilvusCluster", name, {}, opts);
    const parent = { parent: this };
    // Data holders: never deleted by `pulumi destroy` or a removed component in production.
    const keep = { parent: this, protect: plan.protect, retainOnDelete: plan.protect };
    const names = objectNames(plan);

    const ns = new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: plan.namespace, labels: namespaceLabels(plan) } }, keep);
    const namespace = ns.metadata.name;
    const secrets = this.secrets(name, plan, namespace, keep);
    const kafkaCa = kafkaCaConfigMap(plan, namespace);
    const configMaps = kafkaCa ? [new k8s.core.v1.ConfigMap(childName(name, "kafka-ca"), kafkaCa as k8s.core.v1.ConfigMapArgs, parent)] : [];
    const storage = plan.storage === MilvusStorage.S3 ? bucketModule().milvusBucket(this, name, plan, namespace, names.serviceAccount) : undefined;
    const serviceAccount = new k8s.core.v1.ServiceAccount(
      childName(name, "sa"),
      {
        metadata: { name: names.serviceAccount, namespace, labels: milvusLabels(plan), annotations: storage?.role.serviceAccountAnnotations },
        // Milvus never calls the Kubernetes API; IRSA mounts its own token.
        automountServiceAccountToken: false,
      },
      parent,
    );

    const chart = deployChart(this, childName(name, "chart"), {
      chart: plan.chart,
      namespace,
      releaseName: names.release,
      values: chartValues({ computed: renderValues(plan, { bucketName: storage?.bucket.bucket }), user: plan.values, mirrors: plan.cluster.imageMirrors }),
      install: HelmInstall.Chart,
      // Pods start only once their Secrets, CA, service account and (S3) role exist.
      dependsOn: [...secrets, ...configMaps, serviceAccount, ...(storage?.ready ?? [])],
      transforms: plan.storage === MilvusStorage.Minio ? [hardenMinioTransform] : [],
    });

    for (const budget of disruptionBudgets(plan, namespace)) {
      new k8s.policy.v1.PodDisruptionBudget(childName(name, `pdb-${budget.component.toLowerCase()}`), budget.spec as k8s.policy.v1.PodDisruptionBudgetArgs, parent);
    }
    new k8s.networking.v1.NetworkPolicy(childName(name, "netpol"), networkPolicy(plan, namespace) as k8s.networking.v1.NetworkPolicyArgs, parent);
    const lbSpec = loadBalancerService(plan, namespace);
    const lb = lbSpec ? new k8s.core.v1.Service(childName(name, "nlb"), lbSpec as k8s.core.v1.ServiceArgs, { parent: this, dependsOn: [chart] }) : undefined;
    if (storage?.backupRole) this.etcdBackup(name, plan, namespace, storage.bucket.bucket, storage.backupRole, chart);
    const attu = attuIngress(plan, namespace);
    if (attu) new k8s.networking.v1.Ingress(childName(name, "attu-ingress"), attu as k8s.networking.v1.IngressArgs, { parent: this, dependsOn: [chart] });

    // Resolves once the chart's objects are up: consumers of the endpoint wait for Milvus.
    const ready = (chart as k8s.helm.v4.Chart).resources;
    this.namespace = namespace;
    this.serviceName = pulumi.all([namespace, ready]).apply(() => names.service);
    this.endpoint = pulumi.interpolate`${this.serviceName}.${namespace}.svc.cluster.local:${MILVUS_PORTS.grpc}`;
    this.rootUser = pulumi.output(MILVUS_DEFAULTS.rootUser);
    this.rootCredentialsSecretName = secrets[0].metadata.name;
    this.bucketName = pulumi.output(storage?.bucket.bucket);
    this.roleArn = pulumi.output(storage?.role.roleArn);
    this.loadBalancerHostname = lb ? lb.status.apply((status) => status?.loadBalancer?.ingress?.[0]?.hostname) : pulumi.output(undefined);
    // The chart labels every pod with its release as instance, and the proxy as component.
    this.clientPeer = { namespace: plan.namespace, podLabels: { [INSTANCE_LABEL]: names.release, component: "proxy" }, ports: [MILVUS_PORTS.grpc] };
    this.registerOutputs({
      clientPeer: this.clientPeer,
      endpoint: this.endpoint,
      namespace: this.namespace,
      serviceName: this.serviceName,
      rootUser: this.rootUser,
      rootCredentialsSecretName: this.rootCredentialsSecretName,
      bucketName: this.bucketName,
      roleArn: this.roleArn,
      loadBalancerHostname: this.loadBalancerHostname,
    });
  }

  /** The snapshot CronJob and its own service account, bound to the write-only role; it runs once etcd is up. */
  private etcdBackup(name: string, plan: MilvusPlan, namespace: pulumi.Output<string>, bucketName: pulumi.Input<string>, role: WorkloadRole, chart: pulumi.Resource): void {
    const account = new k8s.core.v1.ServiceAccount(
      childName(name, "etcd-backup-sa"),
      { metadata: { name: ETCD_BACKUP_NAME, namespace, labels: milvusLabels(plan, "etcd-backup"), annotations: role.serviceAccountAnnotations }, automountServiceAccountToken: false },
      { parent: this },
    );
    const spec = etcdBackupCronJob(plan, namespace, bucketName);
    if (spec) new k8s.batch.v1.CronJob(childName(name, "etcd-backup"), spec, { parent: this, dependsOn: [account, role, chart] });
  }

  /** Generated credentials (root, MinIO) and given ones (SASL, TLS), each only in a Secret; the root Secret first. */
  private secrets(name: string, plan: MilvusPlan, namespace: pulumi.Output<string>, keep: pulumi.CustomResourceOptions): k8s.core.v1.Secret[] {
    const names = objectNames(plan);
    const secret = (role: string, secretName: string, stringData: Record<string, pulumi.Input<string>>, type = "Opaque", opts: pulumi.CustomResourceOptions = { parent: this }) =>
      new k8s.core.v1.Secret(childName(name, role), { metadata: { name: secretName, namespace, labels: milvusLabels(plan) }, type, stringData: pulumi.secret(stringData) }, opts);
    // Milvus keeps the root password it was first started with: losing this one locks the root user out.
    const rootPassword = new random.RandomPassword(childName(name, "root-password"), { length: MILVUS_DEFAULTS.passwordLength, special: false }, keep);
    const created = [secret("root-credentials", names.rootSecret, { [SECRET_KEYS.password]: rootPassword.result }, "Opaque", keep)];
    if (plan.storage === MilvusStorage.Minio) {
      const accessKey = new random.RandomPassword(childName(name, "minio-access-key"), { length: MILVUS_DEFAULTS.minioAccessKeyLength, special: false }, keep);
      const secretKey = new random.RandomPassword(childName(name, "minio-secret-key"), { length: MILVUS_DEFAULTS.passwordLength, special: false }, keep);
      created.push(secret("minio-credentials", names.minioSecret, { [SECRET_KEYS.minioAccessKey]: accessKey.result, [SECRET_KEYS.minioSecretKey]: secretKey.result }, "Opaque", keep));
    }
    const kafka = plan.externalKafka;
    if (kafka?.securityProtocol === KafkaSecurityProtocol.SaslSsl) {
      created.push(secret("kafka-sasl", names.kafkaSecret, { [SECRET_KEYS.saslUsername]: kafka.saslUsername as pulumi.Input<string>, [SECRET_KEYS.saslPassword]: kafka.saslPassword as pulumi.Input<string> }));
    }
    if (plan.tls?.certificate !== undefined) {
      created.push(secret("proxy-tls", names.tlsSecret, { "tls.crt": plan.tls.certificate, "tls.key": plan.tls.privateKey as pulumi.Input<string> }, "kubernetes.io/tls"));
    }
    return created;
  }
}

/** Applies `hardenMinio` to the chart's rendered objects (see there). */
const hardenMinioTransform: pulumi.ResourceTransform = (args) => {
  const props = hardenMinio(args.type, args.props);
  return props ? { props, opts: args.opts } : undefined;
};
