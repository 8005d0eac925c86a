import type * as workloadRoleModule from "../aws/workload-role";
import { serviceAccountAnnotations } from "../aws/workload-identity";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { WebServiceArgs } from "./args";
import {
  podSelector,
  renderAutoscaler,
  renderDeployment,
  renderDisruptionBudget,
  renderIngress,
  renderNetworkPolicy,
  renderService,
  validateWebService,
  webServiceLabels,
} from "./values";

/** Loaded only when a pod needs a cloud role, so K3s users need not install the optional @pulumi/aws peer. */
function workloadRoles(): typeof workloadRoleModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../aws/workload-role") as typeof workloadRoleModule;
}

/**
 * A stateless HTTP service or worker: Deployment, ServiceAccount and
 * default-deny NetworkPolicy always; Service when it has a port; ConfigMap and
 * Secret for env; HPA, PodDisruptionBudget and Ingress when they apply; a
 * WorkloadRole when it has `rolePolicies`.
 */
export class WebService extends pulumi.ComponentResource {
  /** The Deployment's name (also the Service's, when there is one). */
  readonly name: pulumi.Output<string>;
  /** In-cluster URL, e.g. http://api.forja.svc.cluster.local:8000; undefined for workers. */
  readonly url: pulumi.Output<string | undefined>;
  /** The pods' ServiceAccount: what a role's trust or another component's policy names. */
  readonly serviceAccountName: pulumi.Output<string>;
  /** The pods' immutable labels: a NetworkPolicy peer that admits this service's traffic. */
  readonly podSelector: Record<string, string>;
  /** The cloud role the pods run as (given, or created from rolePolicies). */
  readonly roleArn: pulumi.Output<string | undefined>;

  constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    validateWebService(name, args);
    requireKubernetesProvider("WebService", opts);
    super("forja:index:WebService", name, {}, opts);
    const parent = { parent: this };
    const labels = webServiceLabels(name, args);

    const configMap = Object.keys(args.env ?? {}).length
      ? new k8s.core.v1.ConfigMap(childName(name, "config"), { metadata: { namespace: args.namespace, labels }, data: args.env }, parent)
      : undefined;
    // Auto-named (no metadata.name): a change of data makes a new object, and the
    // Deployment that points at it rolls out. Values are always Pulumi secrets.
    const secret = Object.keys(args.secretEnv ?? {}).length
      ? new k8s.core.v1.Secret(
          childName(name, "secret"),
          { metadata: { namespace: args.namespace, labels }, type: "Opaque", stringData: pulumi.secret(args.secretEnv as Record<string, pulumi.Input<string>>) },
          parent,
        )
      : undefined;

    const identity = args.cluster.workloadIdentity;
    const role = args.rolePolicies
      ? new (workloadRoles().WorkloadRole)(
          childName(name, "role"),
          { identity, namespace: args.namespace, serviceAccounts: [name], policies: args.rolePolicies, region: args.cluster.region, description: `Pods of WebService ${name}` },
          parent,
        )
      : undefined;
    const roleArn = role?.roleArn ?? args.roleArn;
    const serviceAccount = new k8s.core.v1.ServiceAccount(
      childName(name, "sa"),
      {
        metadata: { name, namespace: args.namespace, labels, annotations: roleArn === undefined ? undefined : serviceAccountAnnotations(identity.kind, roleArn) },
        automountServiceAccountToken: false,
      },
      parent,
    );
    // A WorkloadRole associates its own service accounts; a role made elsewhere is bound here.
    if (args.roleArn !== undefined && identity.kind === "pod-identity") {
      workloadRoles().podIdentityAssociation(this, name, identity.clusterName as pulumi.Input<string>, args.namespace, serviceAccount.metadata.name, args.roleArn);
    }

    const deployment = new k8s.apps.v1.Deployment(
      childName(name, "deployment"),
      renderDeployment(name, args, { configMapName: configMap?.metadata.name, secretName: secret?.metadata.name }, serviceAccount.metadata.name),
      parent,
    );
    const serviceSpec = renderService(name, args);
    const service = serviceSpec ? new k8s.core.v1.Service(childName(name, "service"), serviceSpec, parent) : undefined;

    const autoscaler = renderAutoscaler(name, args);
    if (autoscaler) new k8s.autoscaling.v2.HorizontalPodAutoscaler(childName(name, "hpa"), autoscaler, { parent: this, dependsOn: [deployment] });
    const budget = renderDisruptionBudget(name, args);
    if (budget) new k8s.policy.v1.PodDisruptionBudget(childName(name, "pdb"), budget, parent);
    const ingress = renderIngress(name, args);
    if (ingress) new k8s.networking.v1.Ingress(childName(name, "ingress"), ingress, { parent: this, dependsOn: service ? [service] : [] });
    new k8s.networking.v1.NetworkPolicy(childName(name, "netpol"), renderNetworkPolicy(name, args), parent);

    this.name = deployment.metadata.name;
    this.serviceAccountName = serviceAccount.metadata.name;
    this.podSelector = podSelector(name);
    this.roleArn = pulumi.output(roleArn);
    this.url = service
      ? pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${args.servicePort ?? args.port}`
      : pulumi.output(undefined);
    this.registerOutputs({ name: this.name, url: this.url, serviceAccountName: this.serviceAccountName, roleArn: this.roleArn });
  }
}
