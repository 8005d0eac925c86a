/** Pinned KubeRay operator and Ray, and the ports and sizes Ray pods use. */
import type { ChartReference } from "../helm/chart";

export const KUBERAY_CHART: ChartReference = {
  chart: "kuberay-operator",
  version: "1.7.0",
  repository: "https://ray-project.github.io/kuberay-helm/",
};

export const KUBERAY_DEFAULTS = {
  namespace: "kuberay-system",
  image: "quay.io/kuberay/operator:v1.7.0",
  /** The chart sets only limits (100m / 512Mi); the policy wants requests too. */
  resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "100m", memory: "512Mi" } },
};

/**
 * The Ray image KubeRay 1.7.0's samples use. `rayVersion` must be the Ray
 * inside the image (the operator picks its protocol by it), so it is read
 * from this tag.
 */
export const RAY_DEFAULT_IMAGE = "docker.io/rayproject/ray:2.52.0";

/** Ray's image runs as `ray`, uid 1000, gid 100: only uid 1000 can write /home/ray. */
export const RAY_USER = 1000;
export const RAY_GROUP = 100;

/** Ports KubeRay names on Ray pods (ray-operator utils/constant.go). */
export const RAY_PORTS = { gcs: 6379, dashboard: 8265, client: 10001, metrics: 8080, serve: 8000 } as const;

export const RAY_SERVICE_DEFAULTS = {
  /** Head-only fits the seed's small machine: Serve replicas run on the head. */
  head: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
  worker: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
  workerReplicas: 0,
  appName: "app",
  routePrefix: "/",
};
