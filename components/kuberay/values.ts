/** Pure parts of the KubeRay operator and RayService: plans (args checked, defaults filled) and rendered objects. */
import { INSTANCE_LABEL } from "../core/connect";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { mirrorImage, parseImage, unpinnedReason } from "../core/images";
import { labelValue } from "../core/labels";
import type { PlainObject } from "../core/merge";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../core/security";
import { chartRepositoryReason } from "../helm/chart";
import type { KubeRayOperatorArgs, RayServiceArgs } from "./args";
import type { Resources } from "../core/resources";
import { KUBERAY_CHART, KUBERAY_DEFAULTS, RAY_DEFAULT_IMAGE, RAY_GROUP, RAY_PORTS, RAY_SERVICE_DEFAULTS, RAY_USER } from "./defaults";

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function pinned(component: string, argument: string, image: string): string {
  const reason = unpinnedReason(image);
  if (reason) throw new ForjaArgumentError(component, argument, image, `a pinned image (tag or digest): ${reason}`);
  return image;
}

export function planKubeRayOperator(args: KubeRayOperatorArgs) {
  const plan = withDefaults({ namespace: KUBERAY_DEFAULTS.namespace, image: KUBERAY_DEFAULTS.image, chartRepository: KUBERAY_CHART.repository, values: {} }, args);
  const reason = chartRepositoryReason(plan.chartRepository);
  if (reason) throw new ForjaArgumentError("KubeRayOperator", "chartRepository", plan.chartRepository, reason);
  if (!NAMESPACE.test(plan.namespace)) throw new ForjaArgumentError("KubeRayOperator", "namespace", plan.namespace, "a Kubernetes namespace name");
  pinned("KubeRayOperator", "image", plan.image);
  if (!parseImage(plan.image).tag) throw new ForjaArgumentError("KubeRayOperator", "image", plan.image, "a tag (with or without a digest): the chart always writes repository:tag");
  return plan;
}
export type KubeRayOperatorPlan = ReturnType<typeof planKubeRayOperator>;

/**
 * Values for a `helm.v4.Chart`. The chart has no hooks and no `lookup`; its
 * four CRDs (under `crds/`, up to 1.4 MB each) go through Pulumi's
 * server-side apply, which client-side apply's annotation limit would refuse.
 * The chart's container is already restricted; the pod level adds non-root
 * and RuntimeDefault so the namespace can enforce restricted.
 */
export function renderKubeRayValues(plan: KubeRayOperatorPlan): PlainObject {
  const image = parseImage(plan.image);
  return {
    // The chart writes `repository:tag`, so a digest rides in the tag.
    image: { repository: `${image.registry}/${image.repository}`, tag: [image.tag, image.digest].filter(Boolean).join("@") || undefined },
    resources: KUBERAY_DEFAULTS.resources,
    podSecurityContext: restrictedPodSecurityContext(),
    securityContext: restrictedContainerSecurityContext(),
  };
}

/** The Ray version an image tag starts with ("2.52.0", "2.52.0-py311-gpu"), if any. */
export function rayVersionOfImage(image: string): string | undefined {
  return /^(\d+\.\d+\.\d+)(?:-|$)/.exec(parseImage(image).tag ?? "")?.[1];
}

export function planRayService(name: string, args: RayServiceArgs) {
  const plan = withDefaults({ name, image: RAY_DEFAULT_IMAGE, headResources: RAY_SERVICE_DEFAULTS.head, imagePullSecrets: [] as string[] }, args);
  if (!/^[a-z]([-a-z0-9]{0,51}[a-z0-9])?$/.test(plan.name)) throw new ForjaArgumentError("RayService", "name", plan.name, "a DNS-1035 label of at most 53 characters, so <name>-serve-svc fits 63");
  pinned("RayService", "image", plan.image);
  const tagged = rayVersionOfImage(plan.image);
  const rayVersion = plan.rayVersion ?? tagged;
  if (!rayVersion) throw new ForjaArgumentError("RayService", "rayVersion", undefined, `the Ray version inside ${plan.image} (its tag does not start with one)`);
  if (tagged && rayVersion !== tagged) throw new ForjaArgumentError("RayService", "rayVersion", rayVersion, `the Ray version of the image, ${tagged}: the operator talks to Ray by this version`);
  if (!/^[A-Za-z_][\w.]*:[A-Za-z_]\w*$/.test(plan.app.importPath)) throw new ForjaArgumentError("RayService", "app.importPath", plan.app.importPath, 'a Serve import path "module.path:attribute"');
  const app = withDefaults({ name: RAY_SERVICE_DEFAULTS.appName, routePrefix: RAY_SERVICE_DEFAULTS.routePrefix }, plan.app);
  if (!app.routePrefix.startsWith("/")) throw new ForjaArgumentError("RayService", "app.routePrefix", app.routePrefix, 'a path starting with "/"');
  const workers = withDefaults({ replicas: RAY_SERVICE_DEFAULTS.workerReplicas, resources: RAY_SERVICE_DEFAULTS.worker }, plan.workers);
  if (!Number.isInteger(workers.replicas) || workers.replicas < 0) throw new ForjaArgumentError("RayService", "workers.replicas", workers.replicas, "an integer >= 0");
  // `component` is the Pulumi name: what `connect` and `serverPeer` select Ray's pods by (the RayService's own name may differ).
  return { ...plan, component: name, rayVersion, app, workers };
}
export type RayServicePlan = ReturnType<typeof planRayService>;

/** Ray pods: uid 1000 (the image's `ray`), no privilege, a writable root (Ray writes /tmp/ray and /home/ray). */
function rayPod(plan: RayServicePlan, container: string, resources: Resources, ports: PlainObject[]): PlainObject {
  return {
    ...(plan.imagePullSecrets.length ? { imagePullSecrets: plan.imagePullSecrets.map((secret) => ({ name: secret })) } : {}),
    // The operator creates and watches the pods; Ray itself never calls the API (no in-tree autoscaler).
    ...podDefaults({ user: RAY_USER, group: RAY_GROUP }),
    containers: [
      {
        name: container,
        image: mirrorImage(plan.image, plan.cluster.imageMirrors),
        resources,
        ports,
        securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: false }),
      },
    ],
  };
}

/** The Serve config as the operator reads it (`serveConfigV2`, a YAML string; JSON is YAML). */
export function serveConfig(plan: RayServicePlan): string {
  return JSON.stringify({ applications: [{ name: plan.app.name, import_path: plan.app.importPath, route_prefix: plan.app.routePrefix }] });
}

/** Labels Forja puts on every Ray pod of this RayService (KubeRay adds its own `ray.io/*` and keeps these). */
export function rayPodLabels(plan: Pick<RayServicePlan, "name" | "component">): Record<string, string> {
  return { "app.kubernetes.io/name": plan.name, [INSTANCE_LABEL]: labelValue(plan.component), "app.kubernetes.io/component": "ray" };
}

/** A PodMonitor for Ray's own metrics (port `metrics`, 8080) on the head and the workers. */
export function rayPodMonitorSpec(plan: RayServicePlan): PlainObject {
  return { selector: { matchLabels: rayPodLabels(plan) }, podMetricsEndpoints: [{ port: "metrics", path: "/metrics" }] };
}

/** The `ray.io/v1` RayService: head-only unless workers are asked for. */
export function rayServiceSpec(plan: RayServicePlan): PlainObject {
  const named = (entries: Record<string, number>) => Object.entries(entries).map(([name, containerPort]) => ({ name, containerPort }));
  const workerGroups =
    plan.workers.replicas > 0
      ? [{ groupName: "workers", replicas: plan.workers.replicas, minReplicas: plan.workers.replicas, maxReplicas: plan.workers.replicas, rayStartParams: {}, template: { metadata: { labels: rayPodLabels(plan) }, spec: rayPod(plan, "ray-worker", plan.workers.resources, named({ metrics: RAY_PORTS.metrics })) } }]
      : [];
  return {
    serveConfigV2: serveConfig(plan),
    rayClusterConfig: {
      rayVersion: plan.rayVersion,
      headGroupSpec: {
        rayStartParams: { "dashboard-host": "0.0.0.0" },
        template: { metadata: { labels: rayPodLabels(plan) }, spec: rayPod(plan, "ray-head", plan.headResources, named({ gcs: RAY_PORTS.gcs, dashboard: RAY_PORTS.dashboard, client: RAY_PORTS.client, metrics: RAY_PORTS.metrics, serve: RAY_PORTS.serve })) },
      },
      workerGroupSpecs: workerGroups,
    },
  };
}
