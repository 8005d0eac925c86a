import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import type { PlainObject } from "../core/merge";
import { restrictedNamespaceLabels } from "../core/security";
import { chartValues, deployChart, HelmInstall } from "../helm";
import type { ChartReference } from "../helm/chart";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { ServiceMeshArgs } from "./args";
import { ISTIO_CHARTS } from "./defaults";
import { planServiceMesh, renderBaseValues, renderCniValues, renderGatewayValues, renderIstiodValues } from "./values";
import type { ServiceMeshPlan } from "./values";

/**
 * istiod patches the CA into its webhook configurations at runtime. The
 * charts render `caBundle: ""`; sent on every `up`, Pulumi would claim the
 * field and blank it. Left out, the field stays istiod's.
 */
export const keepIstiodCaBundle: pulumi.ResourceTransform = (args) => {
  if (!/:(Validating|Mutating)WebhookConfiguration$/.test(args.type)) return undefined;
  const props = structuredClone(args.props);
  for (const webhook of (props.webhooks ?? []) as { clientConfig?: { caBundle?: string } }[]) {
    if (webhook.clientConfig?.caBundle === "") delete webhook.clientConfig.caBundle;
  }
  return { props, opts: args.opts };
};

/**
 * Istio in sidecar mode: base (CRDs, default validator) → CNI agent → istiod
 * (Ready) → ingress gateway, each a `helm.v4.Chart` (no hooks in these charts).
 *
 * Restricted Pod Security: injected pods pass only with the CNI, which takes
 * over the traffic redirection `istio-init` would do as root with NET_ADMIN.
 * Ambient mode would not avoid privilege (it needs the same CNI agent plus a
 * ztunnel DaemonSet) and needs waypoints for L7 policy. The CNI agent runs
 * privileged in a namespace of its own, covered by named policy exemptions;
 * istiod and the gateway stay in restricted namespaces.
 */
export class ServiceMesh extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly gatewayNamespace: pulumi.Output<string>;
  /** The gateway's Service, for Gateways' selectors and port-forwards: "istio-ingressgateway". */
  readonly gatewayServiceName: pulumi.Output<string>;
  /** What mesh resources (Gateway, VirtualService, PeerAuthentication...) and injected namespaces must depend on: istiod. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: ServiceMeshArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planServiceMesh(args);
    requireKubernetesProvider("ServiceMesh", opts);
    super("forja:index:ServiceMesh", name, {}, opts);
    const namespace = (role: string, nsName: string, labels: Record<string, string>) => new k8s.core.v1.Namespace(childName(name, role), { metadata: { name: nsName, labels } }, { parent: this, protect: args.protect === true, retainOnDelete: args.protect === true }).metadata.name;
    const system = namespace("namespace", plan.namespace, restrictedNamespaceLabels());
    const gatewayNs = namespace("gateway-namespace", plan.gatewayNamespace, { ...restrictedNamespaceLabels(), "istio-injection": "enabled" });

    const chart = (role: keyof typeof ISTIO_CHARTS, ns: pulumi.Input<string>, computed: PlainObject, user: PlainObject | undefined, dependsOn: pulumi.Resource[], releaseName: string) =>
      deployChart(this, childName(name, role), {
        chart: ISTIO_CHARTS[role] as ChartReference,
        repositoryOverride: plan.chartRepository,
        namespace: ns,
        releaseName,
        values: chartValues({ computed, user, mirrors: plan.cluster.imageMirrors }),
        install: HelmInstall.Chart,
        dependsOn,
        transforms: [keepIstiodCaBundle],
      });

    const base = chart("base", system, renderBaseValues(plan), plan.values.base, [], "istio-base");
    const cni = plan.cni ? [this.cni(name, plan, chart)] : [];
    const istiod = chart("istiod", system, renderIstiodValues(plan), plan.values.istiod, [base, ...cni], "istiod");
    chart("gateway", gatewayNs, renderGatewayValues(plan), plan.values.gateway, [istiod], "istio-ingressgateway");

    this.namespace = system;
    this.gatewayNamespace = gatewayNs;
    this.gatewayServiceName = pulumi.output("istio-ingressgateway");
    this.ready = [istiod];
    this.registerOutputs({ namespace: this.namespace, gatewayNamespace: this.gatewayNamespace, gatewayServiceName: this.gatewayServiceName });
  }

  /** The CNI agent in its own privileged namespace: the one place the mesh needs host access. */
  private cni(name: string, plan: ServiceMeshPlan, chart: (role: "cni", ns: pulumi.Input<string>, computed: PlainObject, user: PlainObject | undefined, dependsOn: pulumi.Resource[], releaseName: string) => pulumi.Resource): pulumi.Resource {
    const ns = new k8s.core.v1.Namespace(childName(name, "cni-namespace"), { metadata: { name: plan.cniNamespace, labels: { "pod-security.kubernetes.io/enforce": "privileged" } } }, { parent: this, protect: plan.protect === true, retainOnDelete: plan.protect === true });
    return chart("cni", ns.metadata.name, renderCniValues(plan), plan.values.cni, [], "istio-cni");
  }
}
