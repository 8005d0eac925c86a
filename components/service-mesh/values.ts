/** Pure parts of ServiceMesh: the plan and the values of its four charts. */
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { mirrorImage } from "../core/images";
import type { PlainObject } from "../core/merge";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../core/security";
import { chartRepositoryReason } from "../helm/chart";
import { CniPlatform, GatewayServiceType } from "./args";
import type { ServiceMeshArgs } from "./args";
import { ISTIO_CHARTS, ISTIO_HUB, ISTIO_PROXY_USER, ISTIO_VERSION, MESH_DEFAULTS, MESH_SIZES } from "./defaults";

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function planServiceMesh(args: ServiceMeshArgs) {
  const k3s = args.cluster.kind === "k3s";
  const plan = withDefaults(
    {
      ...MESH_DEFAULTS,
      cniPlatform: k3s ? CniPlatform.K3s : CniPlatform.Default,
      hub: ISTIO_HUB,
      gatewayService: k3s ? GatewayServiceType.NodePort : GatewayServiceType.LoadBalancer,
      chartRepository: ISTIO_CHARTS.base.repository,
      values: {} as NonNullable<ServiceMeshArgs["values"]>,
    },
    args,
  );
  const reason = chartRepositoryReason(plan.chartRepository);
  if (reason) throw new ForjaArgumentError("ServiceMesh", "chartRepository", plan.chartRepository, reason);
  for (const key of ["namespace", "cniNamespace", "gatewayNamespace"] as const) {
    if (!NAMESPACE.test(plan[key])) throw new ForjaArgumentError("ServiceMesh", key, plan[key], "a Kubernetes namespace name");
  }
  if (new Set([plan.namespace, plan.cniNamespace, plan.gatewayNamespace]).size !== 3) {
    throw new ForjaArgumentError("ServiceMesh", "cniNamespace", plan.cniNamespace, "a namespace apart from istiod's and the gateway's: only the CNI agent may run privileged");
  }
  if (!Object.values(GatewayServiceType).includes(plan.gatewayService)) throw new ForjaArgumentError("ServiceMesh", "gatewayService", plan.gatewayService, Object.values(GatewayServiceType).join(", "));
  if (!(plan.size in MESH_SIZES)) throw new ForjaArgumentError("ServiceMesh", "size", plan.size, "small or standard");
  // The hub through the mirrors: every Istio image is <hub>/<name>:<tag>.
  const hub = mirrorImage(`${plan.hub}/pilot:${ISTIO_VERSION}`, args.cluster.imageMirrors).replace(/\/pilot:[^/]+$/, "");
  return { ...plan, hub, sizes: MESH_SIZES[plan.size] };
}
export type ServiceMeshPlan = ReturnType<typeof planServiceMesh>;

function global(plan: ServiceMeshPlan): PlainObject {
  return { hub: plan.hub, tag: ISTIO_VERSION, istioNamespace: plan.namespace };
}

/**
 * A v4 Chart renders every update as a fresh install (`.Release.IsUpgrade`
 * false), so without this the validating webhook goes out as `Ignore` on each
 * `up`, fighting istiod, which sets it to `Fail` once it serves. Sent as `Fail`
 * from the start, in both charts that render it.
 */
const FAIL_CLOSED = { validationFailurePolicy: "Fail" };

export function renderBaseValues(plan: ServiceMeshPlan): PlainObject {
  return { global: global(plan), base: FAIL_CLOSED, defaultRevision: "default" };
}

/**
 * istiod with the sidecar template for the CNI: injected pods get the
 * `istio-validation` init container (uid 1337, no capabilities) instead of the
 * root `istio-init` with NET_ADMIN and NET_RAW; every proxy gets RuntimeDefault
 * seccomp. Analysis stays off: it writes status into user objects, which Pulumi
 * would then see drift on.
 */
export function renderIstiodValues(plan: ServiceMeshPlan): PlainObject {
  return {
    global: {
      ...global(plan),
      istiod: { enableAnalysis: false },
      proxy: { privileged: false, seccompProfile: { type: "RuntimeDefault" }, resources: plan.sizes.proxy },
      proxy_init: { resources: plan.sizes.proxy },
    },
    base: FAIL_CLOSED,
    pilot: {
      cni: { enabled: plan.cni, provider: "default" },
      autoscaleEnabled: false,
      replicaCount: 1,
      resources: plan.sizes.istiod,
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
}

/** The CNI agent: the node's CNI paths, and pods in kube-system left alone. */
export function renderCniValues(plan: ServiceMeshPlan): PlainObject {
  return {
    global: { ...global(plan), ...(plan.cniPlatform === CniPlatform.K3s ? { platform: "k3s" } : {}) },
    resources: plan.sizes.cni,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * The ingress gateway, injected from the `gateway` template ("image: auto" is
 * filled in by istiod's webhook, hence after istiod), as uid 1337 restricted.
 * One replica, no HPA, on small clusters.
 */
export function renderGatewayValues(plan: ServiceMeshPlan): PlainObject {
  const skipAwait: Record<string, pulumi.Input<string>> = plan.gatewayService === GatewayServiceType.LoadBalancer && plan.cluster.kind === "k3s" ? { "pulumi.com/skipAwait": "true" } : {};
  return {
    service: { type: plan.gatewayService, annotations: skipAwait },
    autoscaling: { enabled: false },
    replicaCount: 1,
    resources: plan.sizes.gateway,
    securityContext: {
      ...restrictedPodSecurityContext(ISTIO_PROXY_USER),
      // Lets the proxy bind 80 and 443 with no capability; a "safe" sysctl in the baseline standard.
      sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
    },
    containerSecurityContext: restrictedContainerSecurityContext(),
  };
}
