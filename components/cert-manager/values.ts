/** Pure parts of CertManager: the plan (args with defaults, checked) and the chart values. */
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../core/security";
import { chartRepositoryReason } from "../helm/chart";
import type { PlainObject } from "../core/merge";
import type { CertManagerArgs } from "./args";
import { CERT_MANAGER_CHART, CERT_MANAGER_DEFAULTS, CERT_MANAGER_PODS, CERT_MANAGER_VERSION } from "./defaults";
import type { CertManagerPod } from "./defaults";

/** cert-manager's images run as this user (distroless nonroot). */
const CERT_MANAGER_USER = 1000;

export function planCertManager(args: CertManagerArgs) {
  const plan = withDefaults({ namespace: CERT_MANAGER_DEFAULTS.namespace, chartRepository: CERT_MANAGER_CHART.repository, values: {} }, args);
  const reason = chartRepositoryReason(plan.chartRepository);
  if (reason) throw new ForjaArgumentError("CertManager", "chartRepository", plan.chartRepository, reason);
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(plan.namespace)) throw new ForjaArgumentError("CertManager", "namespace", plan.namespace, "a Kubernetes namespace name (lowercase letters, digits and '-', at most 63)");
  return { ...plan, resources: { ...CERT_MANAGER_DEFAULTS.resources, ...(args.resources ?? {}) } };
}
export type CertManagerPlan = ReturnType<typeof planCertManager>;

function podValues(plan: CertManagerPlan, pod: CertManagerPod): PlainObject {
  return {
    image: { repository: CERT_MANAGER_PODS[pod], tag: CERT_MANAGER_VERSION },
    resources: plan.resources[pod],
    securityContext: restrictedPodSecurityContext(CERT_MANAGER_USER),
    containerSecurityContext: restrictedContainerSecurityContext(),
  };
}

/**
 * Values for a `helm.v4.Chart`, which renders every update as a fresh install
 * and drops hooks:
 * - CRDs are templates (`crds.enabled`), so Pulumi applies and diffs them;
 *   `crds.keep` (the chart's default) marks them retained, so removing the
 *   component never deletes every Certificate in the cluster.
 * - `startupapicheck` is a post-install hook Job the v4 Chart would drop
 *   anyway; it is off, and Pulumi's readiness wait on the webhook Deployment
 *   (see `CertManager.ready`) takes its place.
 * - Leader election stays in cert-manager's own namespace, so the chart
 *   creates no Role in kube-system.
 */
export function renderCertManagerValues(plan: CertManagerPlan): PlainObject {
  const controller = podValues(plan, "controller");
  return {
    crds: { enabled: true, keep: true },
    global: { leaderElection: { namespace: plan.namespace } },
    ...controller,
    webhook: podValues(plan, "webhook"),
    cainjector: { enabled: true, ...podValues(plan, "cainjector") },
    startupapicheck: { enabled: false },
  };
}
