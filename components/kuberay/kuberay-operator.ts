import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { restrictedNamespaceLabels } from "../core/security";
import { chartValues, deployChart, HelmInstall } from "../helm";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { KubeRayOperatorArgs } from "./args";
import { KUBERAY_CHART } from "./defaults";
import { planKubeRayOperator, renderKubeRayValues } from "./values";

/**
 * The KubeRay operator (chart 1.7.0) as a `helm.v4.Chart` in a restricted
 * namespace of its own, with the RayCluster, RayJob, RayService and
 * RayCronJob CRDs from the chart's `crds/`. Ray custom resources must depend
 * on `ready`: the chart, reported created once its CRDs exist and the
 * operator Deployment is Ready.
 */
export class KubeRayOperator extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** What Ray custom resources (RayService, RayCluster, RayJob) must depend on. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: KubeRayOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planKubeRayOperator(args);
    requireKubernetesProvider("KubeRayOperator", opts);
    super("forja:index:KubeRayOperator", name, {}, opts);
    const ns = new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: plan.namespace, labels: restrictedNamespaceLabels() } }, { parent: this, protect: args.protect === true, retainOnDelete: args.protect === true });
    const chart = deployChart(this, childName(name, "chart"), {
      chart: KUBERAY_CHART,
      repositoryOverride: plan.chartRepository,
      namespace: ns.metadata.name,
      releaseName: "kuberay-operator",
      values: chartValues({ computed: renderKubeRayValues(plan), user: plan.values, mirrors: plan.cluster.imageMirrors }),
      install: HelmInstall.Chart,
    });
    this.namespace = ns.metadata.name;
    this.ready = [chart];
    this.registerOutputs({ namespace: this.namespace });
  }
}
