import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { restrictedNamespaceLabels } from "../core/security";
import { chartValues, deployChart, HelmInstall } from "../helm";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { CertManagerArgs } from "./args";
import { CA_INJECTION_WAIT, CERT_MANAGER_CHART } from "./defaults";
import { planCertManager, renderCertManagerValues } from "./values";

/**
 * cainjector writes the webhook's CA into both webhook configurations after
 * the webhook Deployment is Ready; until then the API server cannot call the
 * webhook, and an Issuer is refused (x509). Pulumi's `waitFor` holds each
 * configuration, and so the chart everything else depends on, until its
 * caBundle is set.
 */
export const awaitCaInjection: pulumi.ResourceTransform = (args) => {
  if (!/:(Validating|Mutating)WebhookConfiguration$/.test(args.type)) return undefined;
  const props = structuredClone(args.props);
  props.metadata = { ...props.metadata, annotations: { ...props.metadata?.annotations, [CA_INJECTION_WAIT.annotation]: CA_INJECTION_WAIT.value } };
  return { props, opts: args.opts };
};

/**
 * cert-manager (chart v1.21.1) as a `helm.v4.Chart` in a restricted namespace
 * of its own: controller, webhook and cainjector, with its CRDs.
 *
 * Issuers and Certificates go through cert-manager's validating webhook,
 * whose `failurePolicy` is Fail: created before the webhook serves (with the
 * CA cainjector injects), they are refused. Depend on `ready`: the chart,
 * which Pulumi reports created only once every rendered object is, the
 * webhook Deployment Ready and both webhook configurations carrying the CA
 * cainjector injects (`awaitCaInjection`). That wait replaces the chart's
 * `startupapicheck` hook, which a v4 Chart never runs.
 */
export class CertManager extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** What Issuers, Certificates and anything using cert-manager's CRDs must depend on. */
  readonly ready: pulumi.Resource[];
  /** The self-signed ClusterIssuer's name, when one was asked for. */
  readonly selfSignedIssuer: pulumi.Output<string | undefined>;

  constructor(name: string, args: CertManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planCertManager(args);
    requireKubernetesProvider("CertManager", opts);
    super("forja:index:CertManager", name, {}, opts);

    const ns = new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: plan.namespace, labels: restrictedNamespaceLabels() } }, { parent: this, protect: args.protect === true, retainOnDelete: args.protect === true });
    const chart = deployChart(this, childName(name, "chart"), {
      chart: CERT_MANAGER_CHART,
      repositoryOverride: plan.chartRepository,
      namespace: ns.metadata.name,
      releaseName: "cert-manager",
      values: chartValues({ computed: renderCertManagerValues(plan), user: plan.values, mirrors: plan.cluster.imageMirrors }),
      install: HelmInstall.Chart,
      transforms: [awaitCaInjection],
    });
    this.namespace = ns.metadata.name;
    this.ready = [chart];

    const issuer = plan.selfSignedIssuer
      ? new k8s.apiextensions.CustomResource(
          childName(name, "selfsigned-issuer"),
          { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: plan.selfSignedIssuer }, spec: { selfSigned: {} } },
          { parent: this, dependsOn: this.ready },
        )
      : undefined;
    this.selfSignedIssuer = pulumi.output(issuer?.metadata.name);
    this.registerOutputs({ namespace: this.namespace, selfSignedIssuer: this.selfSignedIssuer });
  }
}
