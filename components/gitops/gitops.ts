import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import { restrictedNamespaceLabels } from "../core/security";
import { chartValues, deployChart, HelmInstall } from "../helm";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { GitOpsArgs } from "./args";
import { ARGO_CD_CHART, REDIS_SECRET } from "./defaults";
import { applicationSpec, appProjectSpec, planGitOps, renderArgoCdValues } from "./values";

/**
 * Argo CD (chart 10.1.1, v3.4.4) as a `helm.v4.Chart`, and the Applications it syncs.
 *
 * The boundary: Forja installs Argo CD, its repository Secret, one AppProject,
 * the Applications and their (restricted) namespaces; Argo CD owns every
 * object it syncs into them. Forja never manages those, or with `selfHeal`
 * each would revert the other. Applications depend on the chart: created
 * once the CRDs and controller exist, deleted while the controller still runs
 * to honour their cascading finalizer.
 */
export class GitOps extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** The Application names, in order. */
  readonly applicationNames: pulumi.Output<string[]>;
  /** What Argo CD custom resources must depend on: the chart. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: GitOpsArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planGitOps(args);
    requireKubernetesProvider("GitOps", opts);
    super("forja:index:GitOps", name, {}, opts);
    const parent = { parent: this };
    const ns = new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: plan.namespace, labels: restrictedNamespaceLabels() } }, { parent: this, protect: args.protect === true, retainOnDelete: args.protect === true });
    const namespace = ns.metadata.name;

    // The chart's redis-secret-init hook would make this; a v4 Chart never runs hooks.
    const redisPassword = new random.RandomPassword(childName(name, "redis"), { length: 32, special: false }, parent);
    const redisSecret = new k8s.core.v1.Secret(childName(name, "redis"), { metadata: { name: REDIS_SECRET.name, namespace }, stringData: { [REDIS_SECRET.key]: redisPassword.result } }, { ...parent, additionalSecretOutputs: ["stringData"] });
    const repoSecret = new k8s.core.v1.Secret(
      childName(name, "repository"),
      {
        metadata: { name: "forja-repository", namespace, labels: { "argocd.argoproj.io/secret-type": "repository" } },
        stringData: { type: "git", url: plan.repository.url, sshPrivateKey: pulumi.secret(plan.repository.sshPrivateKey) },
      },
      { ...parent, additionalSecretOutputs: ["stringData"] },
    );
    const chart = deployChart(this, childName(name, "chart"), {
      chart: ARGO_CD_CHART,
      repositoryOverride: plan.chartRepository,
      namespace,
      releaseName: "argocd",
      values: chartValues({ computed: renderArgoCdValues(), user: plan.values, mirrors: plan.cluster.imageMirrors }),
      install: HelmInstall.Chart,
      dependsOn: [redisSecret],
    });
    this.ready = [chart];

    const targets = [...new Set(plan.applications.map((app) => app.namespace))].map(
      (target) => new k8s.core.v1.Namespace(childName(name, `ns-${target}`), { metadata: { name: target, labels: restrictedNamespaceLabels() } }, { parent: this, protect: args.protect === true, retainOnDelete: args.protect === true }),
    );
    const project = new k8s.apiextensions.CustomResource(
      childName(name, "project"),
      { apiVersion: "argoproj.io/v1alpha1", kind: "AppProject", metadata: { name: "forja", namespace }, spec: appProjectSpec(plan) },
      { ...parent, dependsOn: this.ready },
    );
    const applications = plan.applications.map(
      (app) =>
        new k8s.apiextensions.CustomResource(
          childName(name, `app-${app.name}`),
          {
            apiVersion: "argoproj.io/v1alpha1",
            kind: "Application",
            // Deleting the Application deletes what it synced, while the controller (a dependency) still runs.
            metadata: { name: app.name, namespace, finalizers: ["resources-finalizer.argocd.argoproj.io"] },
            spec: applicationSpec(app, "forja", plan.repository.url),
          },
          { ...parent, dependsOn: [...this.ready, project, repoSecret, ...targets] },
        ),
    );
    this.namespace = namespace;
    this.applicationNames = pulumi.output(applications.map((a) => a.metadata.name));
    this.registerOutputs({ namespace: this.namespace, applicationNames: this.applicationNames });
  }
}
