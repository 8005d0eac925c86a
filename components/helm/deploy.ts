import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PlainObject } from "../core/merge";
import { withoutServiceLinks } from "../core/pod";
import type { ChartReference } from "./chart";
import { validateChartReference } from "./chart";

/**
 * How a chart is installed. Decide per chart and write down why:
 * - `release`: a real Helm release (`helm.v3.Release`). Hooks run; the chart
 *   may generate things at install time (webhook certificates) and keep them
 *   across upgrades. Its objects are invisible to CrossGuard, so the values
 *   are tested instead. CRDs under `crds/` are installed once and never
 *   upgraded by Helm.
 * - `chart`: `helm template` rendered by Pulumi (`helm.v4.Chart`). No hooks
 *   (charts that rely on them must turn them off), every object is a Pulumi
 *   resource: diffed, policy-checked, awaited.
 */
export const HelmInstall = { Release: "release", Chart: "chart" } as const;
export type HelmInstall = (typeof HelmInstall)[keyof typeof HelmInstall];

export interface ChartDeployment {
  chart: ChartReference;
  /**
   * A mirror of the chart repository: https:// or oci://, or a `file://` folder holding
   * packaged charts named `NAME-VERSION.tgz` (installs with no chart repository at all).
   * @default chart.repository
   */
  repositoryOverride?: string;
  namespace: pulumi.Input<string>;
  /** Final values (from `chartValues`). */
  values: PlainObject;
  install: HelmInstall;
  /** Release name. @default the Pulumi name */
  releaseName?: string;
  /** Release only: how long Helm waits for the release, in seconds. @default 600 */
  timeoutSeconds?: number;
  /** What the release waits for beyond the provider's own dependencies. @default [] */
  dependsOn?: pulumi.Input<pulumi.Resource>[];
  /** A provider other than the one the parent passes down (a platform's add-on provider). @default inherited */
  provider?: pulumi.ProviderResource;
  /**
   * Chart only: transforms applied to every rendered object, before Forja's
   * own (service links off, see `serviceLinksOff`). A Release's objects are
   * not Pulumi resources. @default []
   */
  transforms?: pulumi.ResourceTransform[];
}

/**
 * Every pod a v4 Chart renders gets `enableServiceLinks: false` where the
 * chart leaves it unset (an explicit value, the user's or the chart's,
 * stands): few charts have a key for it, and the kubelet's
 * `<SERVICE>_PORT=tcp://...` variables collide with apps' own settings.
 */
export const serviceLinksOff: pulumi.ResourceTransform = (args) => {
  const props = withoutServiceLinks(args.props);
  return props ? { props, opts: args.opts } : undefined;
};

/** Where Helm gets the chart: a package file from a `file://` folder, else the chart by name from its repository. */
export function chartSource(chart: ChartReference, repositoryOverride?: string): { chart: string; version?: string; repositoryOpts?: { repo: string } } {
  const repo = repositoryOverride ?? chart.repository;
  if (repo.startsWith("file://")) return { chart: join(fileURLToPath(repo), `${chart.chart}-${chart.version}.tgz`) };
  return { chart: chart.chart, version: chart.version, repositoryOpts: { repo } };
}

/** Installs a pinned chart as a child of `parent` under the Pulumi name `resourceName`. */
export function deployChart(parent: pulumi.Resource, resourceName: string, spec: ChartDeployment): k8s.helm.v3.Release | k8s.helm.v4.Chart {
  // Every chart, whichever component pins it, is held to the same pinning rule.
  validateChartReference(resourceName, "chart", { ...spec.chart, repository: spec.repositoryOverride ?? spec.chart.repository });
  const source = chartSource(spec.chart, spec.repositoryOverride);
  const opts = { parent, dependsOn: spec.dependsOn, provider: spec.provider };
  if (spec.install === HelmInstall.Release) {
    if (spec.transforms?.length) throw new Error(`deployChart ${resourceName}: transforms need install "chart"; a Release's objects are not Pulumi resources`);
    return new k8s.helm.v3.Release(
      resourceName,
      {
        name: spec.releaseName,
        ...source,
        namespace: spec.namespace,
        values: spec.values,
        // A failed install or upgrade rolls back instead of leaving half a release.
        atomic: true,
        cleanupOnFail: true,
        timeout: spec.timeoutSeconds ?? 600,
      },
      opts,
    );
  }
  return new k8s.helm.v4.Chart(
    resourceName,
    { name: spec.releaseName, ...source, namespace: spec.namespace, values: spec.values },
    { ...opts, transforms: [...(spec.transforms ?? []), serviceLinksOff] },
  );
}
