import { podSpecViolations } from "../../components/core";
import { MilvusCluster } from "../../components/milvus";
import type { MilvusClusterArgs } from "../../components/milvus";
import { MILVUS_CHART, MILVUS_IMAGES } from "../../components/milvus/defaults";
import { planMilvusCluster } from "../../components/milvus/validate";
import { snapshotPolicy, storagePolicy } from "../../components/milvus/iam";
import { etcdBackupCronJob, uploadCommand } from "../../components/milvus/etcd-backup";
import { attuIngress, hardenMinio, kafkaCaConfigMap, loadBalancerService, networkPolicy } from "../../components/milvus/objects";
import { renderValues, userConfig } from "../../components/milvus/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

const OIDC = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
const eks: ClusterCapabilities = {
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [{ cidr: "10.0.0.0/16" }], controllerReady: "alb-controller-ready" },
  workloadIdentity: { kind: "irsa", oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${OIDC}`, issuerUrl: `https://${OIDC}` },
  region: "us-east-1",
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: { "docker.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub", "quay.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/quay" },
};
const k3s = k3sCapabilities({});
const prod: MilvusClusterArgs = { cluster: eks, namespace: "milvus" };
const dev: MilvusClusterArgs = { cluster: k3s, namespace: "milvus", preset: "development" };

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const values = (args: MilvusClusterArgs, bucketName = "milvus-bucket-abc") => renderValues(planMilvusCluster("milvus", args), { bucketName }) as Obj;

describe("MilvusCluster args", () => {
  it.each<[string, MilvusClusterArgs, RegExp]>([
    ["S3 on a cluster without workload identity", { cluster: k3s, storage: "s3" }, /argument "cluster.workloadIdentity.kind" was "none"; expected "irsa": storage "s3" needs a cloud role/],
    [
      "S3 through EKS Pod Identity",
      { cluster: { ...eks, workloadIdentity: { kind: "pod-identity", clusterName: "forja" } } },
      /"cluster.workloadIdentity.kind" was "pod-identity"; expected "irsa": EKS Pod Identity does not work for Milvus — its C\+\+ storage layer asserts on an empty access key/,
    ],
    ["zero replicas", { ...prod, components: { dataNode: { replicas: 0 } } }, /argument "components.dataNode.replicas" was 0; expected an integer >= 1/],
    ["an even etcd quorum", { ...prod, components: { etcd: { replicas: 2 } } }, /"components.etcd.replicas" was 2; expected an odd number/],
    ["three MinIO pods", { ...dev, components: { minio: { replicas: 3 } } }, /"components.minio.replicas" was 3; expected at least 4/],
    ["external Kafka without brokers", { ...prod, messageQueue: "external-kafka", externalKafka: { brokers: [] } }, /argument "externalKafka.brokers" was \[\]; expected at least one bootstrap broker/],
    ["external Kafka without its section", { ...prod, messageQueue: "external-kafka" }, /argument "externalKafka" was missing/],
    ["a broker without a port", { ...prod, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1.msk.example.com"] } }, /"externalKafka.brokers" was "b-1.msk.example.com"; expected host:port/],
    ["SASL without a password", { ...prod, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1:9096"], securityProtocol: "SASL_SSL", saslUsername: "milvus" } }, /"externalKafka.saslPassword" was missing/],
    ["an unpinned image", { ...prod, images: { milvus: "milvusdb/milvus" } }, /argument "images.milvus" was "milvusdb\/milvus"; expected an image pinned/],
    ["a latest image", { ...prod, images: { kafka: "bitnamilegacy/kafka:latest" } }, /"images.kafka".*latest/],
    ["a digest without a tag", { ...prod, images: { etcd: `milvusdb/etcd@sha256:${"a".repeat(64)}` } }, /"images.etcd".*expected a tag/],
    ["an unknown preset", { ...prod, preset: "huge" as never }, /argument "preset" was "huge"; expected one of "production", "development"/],
    ["a memory limit missing", { ...prod, components: { queryNode: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: {} as never } } } }, /"components.queryNode.resources.limits.memory" was missing/],
    ["storage size on a stateless component", { ...prod, components: { proxy: { storageSize: "10Gi" } as never } }, /"components.proxy.storageSize" was "10Gi"; expected no storageSize/],
    ["S3 options with MinIO", { ...dev, s3: { bucketName: "x-bucket" } }, /argument "s3" was \{"bucketName":"x-bucket"\}; expected storage "s3"/],
    ["an NLB on K3s", { ...dev, access: "internal-load-balancer" }, /argument "access" was "internal-load-balancer"; expected "cluster-ip" on this cluster/],
    ["an NLB open to the internet", { ...prod, access: "internal-load-balancer", loadBalancerSourceRanges: ["0.0.0.0/0"] }, /"loadBalancerSourceRanges" was "0.0.0.0\/0"/],
    ["Kafka on arm64 nodes", { cluster: { ...k3s, nodeArchitecture: "arm64" } }, /"components.kafka.tolerations" was \[\]; expected tolerations for an amd64 node pool/],
    [
      "ZooKeeper on arm64 nodes",
      { cluster: { ...k3s, nodeArchitecture: "arm64" }, components: { kafka: { tolerations: [{ key: "arch", value: "amd64", effect: "NoSchedule" }] } } },
      /"components.zookeeper.tolerations" was \[\]; expected tolerations for an amd64 node pool: .* the ZooKeeper image is amd64-only/,
    ],
    ["metrics open to every pod of the cluster", { ...prod, metricsSources: [{ namespaceLabels: {} }] }, /"metricsSources\[0\]".*expected named sources/],
    ["clients from the whole internet", { ...prod, clients: [{ cidr: "000.0.0.0/0" }] }, /argument "clients" was \["000.0.0.0\/0"\]; expected CIDRs narrower than the whole internet/],
    ["clients from both halves of the internet", { ...prod, clients: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }] }, /argument "clients" was .*expected CIDRs narrower/],
    ["a client block that is not a CIDR", { ...prod, clients: [{ cidr: "10.0.0.0/33" }] }, /"clients\[0\]" was \{"cidr":"10.0.0.0\/33"\}; expected an IPv4 or IPv6 CIDR in cidr, such as 10.0.0.0\/8 \(got 10.0.0.0\/33\)/],
    ["etcd backups with MinIO", { ...dev, etcdBackup: { enabled: true } }, /"etcdBackup.enabled" was true; expected storage "s3": snapshots go to the stack's bucket/],
    ["a backup schedule that is not cron", { ...prod, etcdBackup: { schedule: "daily" } }, /"etcdBackup.schedule" was "daily"; expected a five-field cron schedule/],
    ["a Kafka CA that is not PEM", { ...prod, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1:9094"], caCertificate: "not a cert" } }, /"externalKafka.caCertificate".*expected PEM/],
    ["TLS given twice", { ...prod, tls: { secretName: "tls", certificate: "c", privateKey: "k" } }, /argument "tls".*either secretName/],
    ["a plain-JS caller with no cluster", { cluster: undefined as never }, /argument "cluster" was missing/],
  ])("rejects %s", (_label, args, expected) => {
    expect(() => planMilvusCluster("milvus", args)).toThrow(expected);
  });

  it("registers nothing when args are bad, and refuses the ambient kubeconfig", async () => {
    const recorded = await record(() => {
      expect(() => new MilvusCluster("milvus", { cluster: k3s, storage: "s3" }, onCluster())).toThrow(/storage "s3"/);
      expect(() => new MilvusCluster("milvus", dev)).toThrow(/argument "opts.providers.kubernetes" was missing/);
    });
    expect(recorded.ofType("forja:index:MilvusCluster")).toEqual([]);
  });

  it("defaults storage by capability: S3 on a cloud cluster, MinIO elsewhere", () => {
    expect(planMilvusCluster("milvus", { cluster: eks }).storage).toBe("s3");
    expect(planMilvusCluster("milvus", { cluster: k3s }).storage).toBe("minio");
  });
});

describe("rendered values", () => {
  const p = values(prod);
  const d = values(dev);

  it("pins chart 4.2.57 and Milvus v2.5.27 in cluster mode", () => {
    expect(MILVUS_CHART).toEqual({ chart: "milvus", version: "4.2.57", repository: "https://zilliztech.github.io/milvus-helm/" });
    expect(MILVUS_IMAGES.milvus).toBe("docker.io/milvusdb/milvus:v2.5.27");
    expect(p.cluster).toEqual({ enabled: true });
    expect(p.image.all).toEqual({ repository: "docker.io/milvusdb/milvus", tag: "v2.5.27" });
  });

  it("runs Kafka, never Pulsar, with images that still pull, on amd64 nodes", () => {
    expect(p.pulsarv3).toEqual({ enabled: false });
    expect(p.kafka).toMatchObject({
      enabled: true,
      replicaCount: 3,
      image: { registry: "docker.io", repository: "bitnamilegacy/kafka", tag: "3.1.0" },
      defaultReplicationFactor: 3,
      nodeSelector: { "kubernetes.io/arch": "amd64" },
      persistence: { enabled: true, storageClass: "gp3" },
      zookeeper: { enabled: true, replicaCount: 3, image: { registry: "docker.io", repository: "bitnamilegacy/zookeeper", tag: "3.7.0" }, nodeSelector: { "kubernetes.io/arch": "amd64" } },
    });
    expect(p.externalKafka).toEqual({ enabled: false });
    // One broker in development: replication can be no higher than the broker count.
    expect(d.kafka).toMatchObject({ replicaCount: 1, defaultReplicationFactor: 1, offsetsTopicReplicationFactor: 1, zookeeper: { replicaCount: 1 } });
  });

  it("sizes the production preset like seed 000 and the development one at one of each", () => {
    const replicas = (v: Obj) => ({
      proxy: v.proxy.replicas,
      mixCoordinator: v.mixCoordinator.replicas,
      dataNode: v.dataNode.replicas,
      indexNode: v.indexNode.replicas,
      queryNode: v.queryNode.replicas,
      etcd: v.etcd.replicaCount,
      kafka: v.kafka.replicaCount,
      zookeeper: v.kafka.zookeeper.replicaCount,
    });
    expect(replicas(p)).toEqual({ proxy: 1, mixCoordinator: 1, dataNode: 2, indexNode: 1, queryNode: 1, etcd: 3, kafka: 3, zookeeper: 3 });
    expect(replicas(d)).toEqual({ proxy: 1, mixCoordinator: 1, dataNode: 1, indexNode: 1, queryNode: 1, etcd: 1, kafka: 1, zookeeper: 1 });
    expect(d.minio.replicas).toBe(4);
    for (const component of ["proxy", "mixCoordinator", "dataNode", "indexNode", "queryNode"]) {
      expect(p[component].resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(p[component].resources.limits.memory).toEqual(expect.any(String));
    }
  });

  it("applies per-component overrides over the preset", () => {
    const v = values({ ...prod, components: { queryNode: { replicas: 3, nodeSelector: { pool: "memory" }, tolerations: [{ key: "dedicated", value: "milvus", effect: "NoSchedule" }] } } });
    expect(v.queryNode).toMatchObject({ replicas: 3, nodeSelector: { pool: "memory" }, tolerations: [{ key: "dedicated", value: "milvus", effect: "NoSchedule" }], resources: p.queryNode.resources });
  });

  it("keeps etcd at 3 members on the cluster's storage class, with a quota and compaction", () => {
    expect(p.etcd).toMatchObject({
      enabled: true,
      replicaCount: 3,
      image: { registry: "docker.io", repository: "milvusdb/etcd", tag: "3.5.18-r1" },
      persistence: { enabled: true, storageClass: "gp3", size: "10Gi" },
      // The subchart's PDB is policy/v1beta1: off, Forja's policy/v1 one replaces it.
      pdb: { create: false },
      autoCompactionMode: "revision",
      autoCompactionRetention: "1000",
    });
    expect(p.etcd.extraEnvVars).toContainEqual({ name: "ETCD_QUOTA_BACKEND_BYTES", value: "4294967296" });
    expect(d.etcd.persistence).toEqual({ enabled: true, storageClass: "local-path", size: "2Gi" });
  });

  it("reaches S3 through IRSA on the regional endpoint, with no MinIO and no keys", () => {
    expect(p.minio).toEqual({ enabled: false });
    expect(p.externalS3).toEqual({
      enabled: true,
      host: "s3.us-east-1.amazonaws.com",
      port: 443,
      useSSL: true,
      bucketName: "milvus-bucket-abc",
      rootPath: "milvus",
      useIAM: true,
      cloudProvider: "aws",
      region: "us-east-1",
      accessKey: "",
      secretKey: "",
    });
    expect(p.serviceAccount).toEqual({ create: false, name: "milvus" });
    const china = values({ ...prod, cluster: { ...eks, region: "cn-north-1" } });
    expect(china.externalS3.host).toBe("s3.cn-north-1.amazonaws.com.cn");
  });

  it("gives MinIO generated credentials through an existing Secret, never minioadmin", () => {
    expect(d.minio).toMatchObject({ enabled: true, mode: "distributed", existingSecret: "milvus-minio-credentials", accessKey: "", secretKey: "" });
    expect(d.externalS3).toEqual({ enabled: false });
    expect(JSON.stringify(d)).not.toMatch(/minioadmin/i);
    // Milvus reads the same Secret from its environment (env outranks its config files).
    expect(d.dataNode.extraEnv).toEqual([
      { name: "MINIO_ACCESSKEYID", valueFrom: { secretKeyRef: { name: "milvus-minio-credentials", key: "accesskey" } } },
      { name: "MINIO_SECRETACCESSKEY", valueFrom: { secretKeyRef: { name: "milvus-minio-credentials", key: "secretkey" } } },
    ]);
  });

  it("keeps metrics on and adds a ServiceMonitor only when asked", () => {
    expect(p.metrics).toEqual({ enabled: true, serviceMonitor: { enabled: false } });
    expect(values({ ...prod, serviceMonitor: true, serviceMonitorLabels: { release: "kube-prometheus-stack" }, metricsSources: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }] }).metrics).toEqual({
      enabled: true,
      serviceMonitor: { enabled: true, additionalLabels: { release: "kube-prometheus-stack" } },
    });
    expect(() => planMilvusCluster("milvus", { ...prod, serviceMonitorLabels: { release: "x" } })).toThrow(/"serviceMonitorLabels".*expected serviceMonitor true/);
    // Without a named source the NetworkPolicy would drop every scrape.
    expect(() => planMilvusCluster("milvus", { ...prod, serviceMonitor: true })).toThrow(/"metricsSources" was \[\]; expected the Prometheus pods that scrape Milvus/);
  });

  it("turns authentication on and sets the root password from a Secret, never from a config file", () => {
    expect(userConfig(planMilvusCluster("milvus", prod))).toBe("common:\n  security:\n    authorizationEnabled: true\n");
    expect(p.mixCoordinator.extraEnv).toEqual([{ name: "COMMON_SECURITY_DEFAULTROOTPASSWORD", valueFrom: { secretKeyRef: { name: "milvus-root-credentials", key: "password" } } }]);
    expect(p.proxy.extraEnv).toEqual([]);
  });

  it("runs every Milvus pod non-root with no privileges, and the Bitnami pods restricted too", () => {
    expect(p.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 0, seccompProfile: { type: "RuntimeDefault" } });
    expect(p.containerSecurityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] } });
    for (const chart of [p.etcd, p.kafka, p.kafka.zookeeper]) {
      const pod = { securityContext: chart.podSecurityContext, containers: [{ name: "c", securityContext: chart.containerSecurityContext, resources: chart.resources }] };
      expect(podSpecViolations(pod)).toEqual([]);
    }
  });

  it("spreads production across zones (hard for the quorum, soft for Milvus) and not development", () => {
    expect(p.dataNode.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { "app.kubernetes.io/name": "milvus", "app.kubernetes.io/instance": "milvus", component: "datanode" } } },
    ]);
    expect(p.kafka.topologySpreadConstraints[0]).toMatchObject({ whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { "app.kubernetes.io/name": "kafka" } } });
    expect(p.etcd.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe("topology.kubernetes.io/zone");
    expect(d.dataNode.topologySpreadConstraints).toEqual([]);
    expect(d.etcd.affinity).toBeUndefined();
  });

  it("points an external Kafka at the brokers over TLS, SASL credentials only through a Secret", () => {
    const v = values({ ...prod, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1.msk:9096", "b-2.msk:9096"], securityProtocol: "SASL_SSL", saslUsername: "milvus", saslPassword: "s3cret-pw" } });
    expect(v.kafka).toEqual({ enabled: false });
    expect(v.externalKafka).toEqual({ enabled: true, brokerList: "b-1.msk:9096,b-2.msk:9096", securityProtocol: "SASL_SSL", sasl: { mechanisms: "SCRAM-SHA-512", username: "", password: "" } });
    expect(v.queryNode.extraEnv.map((e: Obj) => e.name)).toEqual(["KAFKA_SASLUSERNAME", "KAFKA_SASLPASSWORD"]);
    expect(JSON.stringify(v)).not.toContain("s3cret-pw");
  });

  it("mounts a TLS certificate on the proxy only and turns on one-way TLS", () => {
    const plan = planMilvusCluster("milvus", { ...prod, tls: { secretName: "milvus-cert" } });
    const v = renderValues(plan) as Obj;
    expect(v.proxy.volumes).toEqual([{ name: "milvus-tls", secret: { secretName: "milvus-cert" } }]);
    expect(v.dataNode.volumes).toBeUndefined();
    expect(userConfig(plan)).toContain("tlsMode: 1");
  });

  it("routes Attu through the cluster's ingress, after its controller", () => {
    const ingress = attuIngress(planMilvusCluster("milvus", { ...prod, attu: { host: "attu.example.com" } }), "milvus") as Obj;
    expect(ingress.metadata.annotations).toMatchObject({ "forja.dev/ingress-controller": "alb-controller-ready", "alb.ingress.kubernetes.io/scheme": "internal" });
    expect(ingress.spec.rules[0]).toMatchObject({ host: "attu.example.com", http: { paths: [{ path: "/", backend: { service: { name: "milvus-attu", port: { number: 3000 } } } }] } });
    expect(values({ ...prod, attu: {} }).attu).toMatchObject({ enabled: true, ingress: { enabled: false } });
  });

  it("exposes an internal NLB only to the VPC, on the proxy pods", () => {
    const plan = planMilvusCluster("milvus", { ...prod, access: "internal-load-balancer" });
    const service = loadBalancerService(plan, "milvus") as Obj;
    expect(service.metadata.annotations).toMatchObject({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal", "forja.dev/ingress-controller": "alb-controller-ready" });
    expect(service.spec).toMatchObject({ type: "LoadBalancer", loadBalancerSourceRanges: ["10.0.0.0/16"], selector: { component: "proxy" } });
    expect((networkPolicy(plan, "milvus") as Obj).spec.ingress).toContainEqual({ from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 19530 }] });
    expect(loadBalancerService(planMilvusCluster("milvus", prod), "milvus")).toBeUndefined();
  });
});

describe("who may reach the proxy and the metrics port", () => {
  const ingress = (args: MilvusClusterArgs) => (networkPolicy(planMilvusCluster("milvus", args), "milvus") as Obj).spec.ingress as Obj[];
  const prometheus = { namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" }, podLabels: { "app.kubernetes.io/name": "prometheus" } };
  const airflow = { namespaceLabels: { "kubernetes.io/metadata.name": "forja" } };

  it("admits only Milvus's own namespace by default: 9091 is open to no other pod", () => {
    expect(ingress(prod)).toEqual([{ from: [{ podSelector: {} }] }]);
  });

  it("opens 19530 to the named clients and 9091 to the named metrics sources, each port to its own peers only", () => {
    expect(ingress({ ...prod, clients: [airflow], metricsSources: [prometheus] })).toEqual([
      { from: [{ podSelector: {} }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "forja" } }, podSelector: {} }], ports: [{ protocol: "TCP", port: 19530 }] },
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }],
        ports: [{ protocol: "TCP", port: 9091 }],
      },
    ]);
  });
});

describe("coordinator high availability", () => {
  it("turns on active-standby with more than one MixCoord, which the chart requires", () => {
    expect(values(prod).mixCoordinator.activeStandby).toEqual({ enabled: false });
    expect(values({ ...prod, components: { mixCoordinator: { replicas: 2 } } }).mixCoordinator).toMatchObject({ replicas: 2, activeStandby: { enabled: true } });
  });
});

describe("an external Kafka with a private CA", () => {
  const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  const args: MilvusClusterArgs = { ...prod, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1.kafka.internal:9094"], caCertificate: CA } };

  it("verifies the brokers against the CA, mounted from a ConfigMap into every Milvus container", () => {
    const plan = planMilvusCluster("milvus", args);
    expect(userConfig(plan)).toContain("kafka:\n  ssl:\n    enabled: true\n    tlsCaCert: /etc/milvus/kafka-ca/ca.crt\n");
    expect(kafkaCaConfigMap(plan, "milvus")).toMatchObject({ metadata: { name: "milvus-kafka-ca" }, data: { "ca.crt": CA } });
    const v = values(args);
    expect(v.volumes).toContainEqual({ name: "kafka-ca", configMap: { name: "milvus-kafka-ca" } });
    expect(v.volumeMounts).toContainEqual({ name: "kafka-ca", mountPath: "/etc/milvus/kafka-ca", readOnly: true });
  });

  it("relies on the image's public roots when no CA is given (Amazon MSK)", () => {
    const plan = planMilvusCluster("milvus", { ...args, externalKafka: { brokers: ["b-1:9094"] } });
    expect(userConfig(plan)).not.toContain("kafka");
    expect(kafkaCaConfigMap(plan, "milvus")).toBeUndefined();
  });
});

describe("changes a running StatefulSet cannot take", () => {
  it("refuses more etcd members after creation unless etcd is in existing-cluster mode, and says why", () => {
    expect(() => planMilvusCluster("milvus", { ...prod, components: { etcd: { replicas: 5 } } })).toThrow(
      /"components.etcd.replicas" was 5; expected 3, the etcd members the cluster was created with .* unless components.etcd.clusterState is "existing".*ETCD_INITIAL_CLUSTER_STATE=new and bootstrap a second cluster/,
    );
    const joined = values({ ...prod, components: { etcd: { replicas: 5, clusterState: "existing" } } });
    expect(joined.etcd).toMatchObject({ replicaCount: 5, initialClusterState: "existing" });
    // A stack created with 5 members records it once; no mode change needed.
    expect(values({ ...prod, createdWith: { etcdReplicas: 5 }, components: { etcd: { replicas: 5 } } }).etcd.initialClusterState).toBeUndefined();
  });

  it("leaves the chart's first-install mode alone until told etcd runs", () => {
    expect(values(prod).etcd.initialClusterState).toBeUndefined();
    expect(values({ ...prod, components: { etcd: { clusterState: "existing" } } }).etcd.initialClusterState).toBe("existing");
  });

  it("refuses a new volume size, explaining the StatefulSet replacement and the in-place PVC expansion", () => {
    expect(() => planMilvusCluster("milvus", { ...prod, components: { kafka: { storageSize: "200Gi" } } })).toThrow(
      /"components.kafka.storageSize" was "200Gi"; expected "100Gi", the size kafka's volumes were created with .*Pulumi would delete and recreate the kafka StatefulSet, stopping every kafka pod at once.*expand each PVC .*patch pvc/,
    );
    // A stack created at 200Gi says so once.
    expect(values({ ...prod, createdWith: { storageSize: { kafka: "200Gi" } }, components: { kafka: { storageSize: "200Gi" } } }).kafka.persistence.size).toBe("200Gi");
    // MinIO's size is not checked where MinIO does not run (S3).
    expect(() => planMilvusCluster("milvus", { ...prod, createdWith: { storageSize: { minio: "1Ti" } } })).not.toThrow();
  });
});

describe("etcd backup", () => {
  it("is on with S3, off with MinIO, and off when asked", () => {
    expect(planMilvusCluster("milvus", prod).etcdBackup).toEqual({ schedule: "17 3 * * *", retentionDays: 14 });
    expect(planMilvusCluster("milvus", dev).etcdBackup).toBeUndefined();
    const off = planMilvusCluster("milvus", { ...prod, etcdBackup: { enabled: false } });
    expect(etcdBackupCronJob(off, "milvus", "bucket")).toBeUndefined();
  });

  it("lets the backup role use a customer key only through S3, for the multipart upload", () => {
    const policy = snapshotPolicy("arn:aws:s3:::b", "etcd-snapshots", "arn:aws:kms:us-east-1:123456789012:key/k", "us-east-1");
    expect(policy.Statement[1]).toEqual({
      Sid: "EncryptThroughS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["arn:aws:kms:us-east-1:123456789012:key/k"],
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
  });

  it("names each snapshot by its UTC time, so no run overwrites another", () => {
    expect(uploadCommand()).toBe('aws s3 cp /backup/snapshot.db "s3://$BUCKET/etcd-snapshots/$(date -u +%Y-%m-%dT%H%M%SZ).db" --only-show-errors');
  });
});

describe("IAM for the bucket", () => {
  it("grants exactly ListBucket on the bucket and Get/Put/DeleteObject on its objects", () => {
    const policy = storagePolicy("arn:aws:s3:::milvus-bucket-abc");
    expect(policy.Statement).toEqual([
      { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::milvus-bucket-abc"] },
      { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::milvus-bucket-abc/*"] },
    ]);
  });

  it("adds a customer key only through S3 when one is given", () => {
    const statement = storagePolicy("arn:aws:s3:::b", "arn:aws:kms:us-east-1:123456789012:key/k", "us-east-1").Statement[2];
    expect(statement).toEqual({
      Sid: "UseKeyThroughS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["arn:aws:kms:us-east-1:123456789012:key/k"],
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
  });
});

describe("MinIO hardening transform", () => {
  const minioStatefulSet = {
    metadata: { name: "milvus-minio" },
    spec: {
      template: {
        metadata: { labels: { app: "minio", release: "milvus" } },
        spec: {
          securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
          containers: [{ name: "minio", image: "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z", resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "512Mi" } } }],
        },
      },
    },
  };

  it("makes the subchart's StatefulSet pass the restricted standard, which its values cannot", () => {
    const before = minioStatefulSet.spec.template.spec;
    expect(podSpecViolations(before).map((v) => v.kind)).toEqual(["root", "privilege-escalation", "capabilities", "seccomp"]);
    const after = hardenMinio("kubernetes:apps/v1:StatefulSet", minioStatefulSet) as Obj;
    expect(podSpecViolations(after.spec.template.spec)).toEqual([]);
    expect(after.spec.template.spec.securityContext).toMatchObject({ runAsUser: 1000, fsGroup: 1000 });
  });

  it("leaves every other object alone", () => {
    expect(hardenMinio("kubernetes:apps/v1:StatefulSet", { spec: { template: { metadata: { labels: { app: "etcd" } } } } })).toBeUndefined();
    expect(hardenMinio("kubernetes:core/v1:Service", minioStatefulSet)).toBeUndefined();
  });
});

describe("MilvusCluster on EKS (production, S3 + IRSA)", () => {
  let recorded: Recorded;
  /** A WorkloadRole's IAM role and inline policy, by the WorkloadRole's name. */
  const childOf = (type: string, owner: string) => {
    const parent = recorded.one("forja:index:WorkloadRole", owner).urn;
    return recorded.ofType(type).find((r) => r.parent === parent) as Recorded["records"][number];
  };
  const roleOf = (owner: string) => childOf("aws:iam/role:Role", owner);
  const policyOf = (owner: string) => childOf("aws:iam/rolePolicy:RolePolicy", owner);
  let endpoint = "";
  let bucketName: string | undefined;
  beforeAll(async () => {
    recorded = await record(() => {
      const milvus = new MilvusCluster("milvus", { ...prod, tags: { team: "data" } }, onCluster());
      milvus.endpoint.apply((e) => (endpoint = e));
      milvus.bucketName.apply((b) => (bucketName = b));
    });
  });

  it("creates exactly the bucket, its guards, two roles (Milvus, etcd backup), and the Kubernetes pieces", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:MilvusCluster": 1,
      "kubernetes:core/v1:Namespace": 1,
      "random:index/randomPassword:RandomPassword": 1,
      "kubernetes:core/v1:Secret": 1,
      // The data bucket and its access-log bucket.
      "aws:s3/bucket:Bucket": 2,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 2,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
      "aws:s3/bucketVersioning:BucketVersioning": 1,
      "aws:s3/bucketPolicy:BucketPolicy": 2,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 2,
      "forja:index:WorkloadRole": 2,
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicy:RolePolicy": 2,
      "kubernetes:core/v1:ServiceAccount": 2,
      "kubernetes:batch/v1:CronJob": 1,
      "kubernetes:helm.sh/v4:Chart": 1,
      "kubernetes:policy/v1:PodDisruptionBudget": 2,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
    });
  });

  it("keeps the bucket private, encrypted with KMS, versioned, TLS-only and never force-destroyed", () => {
    expect(recorded.one("aws:s3/bucket:Bucket", "milvus-bucket").inputs).toMatchObject({ forceDestroy: false, tags: { team: "data" } });
    expect(recorded.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "milvus-bucket-encryption").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true },
    ]);
    expect(recorded.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
    expect(recorded.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "milvus-bucket-public-access").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const policy = JSON.parse(recorded.one("aws:s3/bucketPolicy:BucketPolicy", "milvus-bucket-policy").inputs.policy as string);
    expect(policy.Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("logs every request to the bucket into its own access-log bucket, which only S3's log delivery for this bucket may write", () => {
    expect(recorded.one("aws:s3/bucket:Bucket", "milvus-bucket").inputs.logging).toMatchObject({ targetPrefix: "milvus/" });
    expect(recorded.one("aws:s3/bucket:Bucket", "milvus-access-logs").inputs).toMatchObject({ forceDestroy: false, tags: { "forja:access-logs": "true" } });
    expect(recorded.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "milvus-access-logs-encryption").inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const delivery = JSON.parse(recorded.one("aws:s3/bucketPolicy:BucketPolicy", "milvus-access-logs-policy").inputs.policy as string).Statement[1];
    expect(delivery).toMatchObject({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Condition: { ArnLike: { "aws:SourceArn": [`arn:aws:s3:::${bucketName}`] } } });
  });

  it("lets only Milvus's service account assume a role limited to the four S3 actions on this bucket", () => {
    const trust = JSON.parse(roleOf("milvus-storage").inputs.assumeRolePolicy as string);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ [`${OIDC}:sub`]: "system:serviceaccount:milvus:milvus", [`${OIDC}:aud`]: "sts.amazonaws.com" });
    const policy = JSON.parse(policyOf("milvus-storage").inputs.policy as string);
    expect(policy.Statement.flatMap((s: Obj) => s.Action)).toEqual(["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]);
    expect(policy.Statement.flatMap((s: Obj) => s.Resource)).toEqual([`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`]);
  });

  it("annotates Milvus's service account with the role, and the chart uses that account", () => {
    const account = recorded.one("kubernetes:core/v1:ServiceAccount", "milvus-sa").inputs as Obj;
    expect(account.metadata).toMatchObject({ name: "milvus", namespace: "milvus", annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(/^arn:aws:iam::123456789012:role\//) } });
    expect(account.automountServiceAccountToken).toBe(false);
    const values = recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as Obj;
    expect(values.serviceAccount).toEqual({ create: false, name: "milvus" });
    expect(values.externalS3.bucketName).toBe(bucketName);
  });

  it("installs the pinned chart in its own restricted namespace, every image through the mirror", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart").inputs as Obj;
    expect(chart).toMatchObject({ name: "milvus", chart: "milvus", version: "4.2.57", namespace: "milvus", repositoryOpts: { repo: "https://zilliztech.github.io/milvus-helm/" } });
    expect(chart.values.image.all.repository).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/milvusdb/milvus");
    expect(chart.values.kafka.image).toEqual({ registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com", repository: "docker-hub/bitnamilegacy/kafka", tag: "3.1.0" });
    expect(recorded.one("kubernetes:core/v1:Namespace").inputs.metadata).toMatchObject({ name: "milvus", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
  });

  it("protects and retains the namespace, the buckets and root password in production", () => {
    for (const type of ["kubernetes:core/v1:Namespace", "aws:s3/bucket:Bucket", "random:index/randomPassword:RandomPassword", "kubernetes:core/v1:Secret"]) {
      for (const record of recorded.ofType(type)) expect([record.name, record.protect, record.retainOnDelete]).toEqual([record.name, true, true]);
    }
    expect(recorded.ofType("aws:s3/bucket:Bucket").map((b) => b.name).sort()).toEqual(["milvus-access-logs", "milvus-bucket"]);
  });

  it("starts the pods only after their Secret, service account and role policy exist", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
    const waitsFor = chart.dependsOn.map((urn) => recorded.byUrn(urn).type);
    expect(waitsFor).toEqual(expect.arrayContaining(["kubernetes:core/v1:Secret", "kubernetes:core/v1:ServiceAccount", "aws:iam/rolePolicy:RolePolicy", "aws:s3/bucketPolicy:BucketPolicy"]));
    expect(waitsFor.filter((type) => type.startsWith("kubernetes:helm.sh"))).toEqual([]);
  });

  it("snapshots etcd daily into the bucket through a role that may only write snapshots, in restricted pods", () => {
    const trust = JSON.parse(roleOf("milvus-etcd-backup").inputs.assumeRolePolicy as string);
    expect(trust.Statement[0].Condition.StringEquals[`${OIDC}:sub`]).toBe("system:serviceaccount:milvus:milvus-etcd-backup");
    expect(JSON.parse(policyOf("milvus-etcd-backup").inputs.policy as string).Statement).toEqual([
      { Sid: "WriteSnapshots", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`arn:aws:s3:::${bucketName}/etcd-snapshots/*`] },
    ]);
    const account = recorded.one("kubernetes:core/v1:ServiceAccount", "milvus-etcd-backup-sa").inputs as Obj;
    expect(account.metadata).toMatchObject({ name: "milvus-etcd-backup", annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(/^arn:aws:iam::/) } });
    const cron = recorded.one("kubernetes:batch/v1:CronJob");
    expect(cron.inputs.spec).toMatchObject({ schedule: "17 3 * * *", concurrencyPolicy: "Forbid" });
    const pod = (cron.inputs.spec as Obj).jobTemplate.spec.template.spec;
    expect(podSpecViolations(pod)).toEqual([]);
    expect(pod.serviceAccountName).toBe("milvus-etcd-backup");
    expect(pod.initContainers[0].command).toEqual(["/opt/bitnami/etcd/bin/etcdctl", "--endpoints=http://milvus-etcd:2379", "snapshot", "save", "/backup/snapshot.db"]);
    expect(pod.containers[0].env).toContainEqual({ name: "BUCKET", value: bucketName });
    expect(cron.dependsOn.map((urn) => recorded.byUrn(urn).type)).toContain("kubernetes:helm.sh/v4:Chart");
    const lifecycle = recorded.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "milvus-bucket-lifecycle").inputs.rules as Obj[];
    expect(lifecycle).toContainEqual({ id: "expire-etcd-snapshots", status: "Enabled", filter: { prefix: "etcd-snapshots/" }, expiration: { days: 14 } });
  });

  it("keeps the root password a Pulumi secret, out of the chart's values", () => {
    const secret = recorded.one("kubernetes:core/v1:Secret");
    expect(secret.secretPaths).toContain("stringData");
    expect(Object.keys(secret.inputs.stringData as Obj)).toEqual(["password"]);
    const password = (secret.inputs.stringData as Obj).password as string;
    expect(JSON.stringify(recorded.one("kubernetes:helm.sh/v4:Chart").inputs)).not.toContain(password);
  });

  it("budgets disruptions for the two data nodes and etcd, in policy/v1, one pod at a time", () => {
    const specs = recorded.ofType("kubernetes:policy/v1:PodDisruptionBudget").map((budget) => (budget.inputs as Obj).spec);
    expect(specs).toHaveLength(2);
    expect(specs).toEqual(expect.arrayContaining([
      { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "milvus", "app.kubernetes.io/instance": "milvus", component: "datanode" } } },
      // The labels etcd 6.3.3 puts on its pods (its StatefulSet's selector, as `helm template` renders it).
      { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": "milvus" } } },
    ]));
  });

  it("passes every policy rule and the Kubernetes schema", () => {
    expect(recorded.policyViolations(true)).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("reports the in-cluster endpoint and the bucket", () => {
    expect(endpoint).toBe("milvus.milvus.svc.cluster.local:19530");
    expect(bucketName).toMatch(/^milvus-bucket-/);
  });
});

describe("MilvusCluster on K3s (development, MinIO)", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(
      () =>
        new MilvusCluster(
          "milvus",
          { ...dev, protect: false, attu: {}, chartRepository: "oci://registry.example.com/charts", values: { log: { level: "debug" }, queryNode: { replicas: 2 } } },
          onCluster(),
        ),
    );
  });

  it("generates the root and MinIO credentials and creates no AWS resource", () => {
    const counts = recorded.counts();
    expect(counts["random:index/randomPassword:RandomPassword"]).toBe(3);
    expect(counts["kubernetes:core/v1:Secret"]).toBe(2);
    expect(Object.keys(counts).filter((type) => type.startsWith("aws:"))).toEqual([]);
  });

  it("has no default credential anywhere in its inputs or outputs", () => {
    expect(JSON.stringify(recorded.records.map((r) => [r.inputs, r.outputs]))).not.toMatch(/minioadmin/i);
    const secret = recorded.one("kubernetes:core/v1:Secret", "milvus-minio-credentials");
    expect(secret.secretPaths).toContain("stringData");
    expect(Object.keys(secret.inputs.stringData as Obj)).toEqual(["accesskey", "secretkey"]);
  });

  it("routes Attu on the K3s ingress class and admits it from the controller only", () => {
    expect(recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs.spec).toMatchObject({ ingressClassName: "traefik" });
    const ingress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj).ingress as Obj[];
    expect(ingress).toContainEqual({ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } } }], ports: [{ protocol: "TCP", port: 3000 }] });
  });

  it("merges the caller's values last and installs from a chart mirror", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart").inputs as Obj;
    expect(chart.repositoryOpts).toEqual({ repo: "oci://registry.example.com/charts" });
    expect(chart.values.log).toEqual({ level: "debug" });
    expect(chart.values.queryNode).toMatchObject({ replicas: 2, resources: { limits: { memory: "2Gi" } } });
  });

  it("does not protect development data, and passes every rule", () => {
    expect(recorded.one("kubernetes:core/v1:Namespace").protect).toBe(false);
    expect(recorded.policyViolations(false)).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });
});
