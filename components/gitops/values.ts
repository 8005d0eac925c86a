/** Pure parts of GitOps: the plan, the Argo CD chart values and the AppProject/Application specs. */
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import type { PlainObject } from "../core/merge";
import { chartRepositoryReason } from "../helm/chart";
import type { GitOpsArgs } from "./args";
import { ARGO_CD_CHART, ARGO_CD_RESOURCES as SIZE, GITOPS_DEFAULTS } from "./defaults";

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function planGitOps(args: GitOpsArgs) {
  const plan = withDefaults({ namespace: GITOPS_DEFAULTS.namespace, chartRepository: ARGO_CD_CHART.repository, applications: [], values: {} }, args);
  const reason = chartRepositoryReason(plan.chartRepository);
  if (reason) throw new ForjaArgumentError("GitOps", "chartRepository", plan.chartRepository, reason);
  if (!NAME.test(plan.namespace)) throw new ForjaArgumentError("GitOps", "namespace", plan.namespace, "a Kubernetes namespace name");
  if (!/^(ssh:\/\/)?[\w.-]+@[\w.-]+[:/]\S+$/.test(plan.repository.url)) throw new ForjaArgumentError("GitOps", "repository.url", plan.repository.url, 'an SSH URL such as "git@github.com:owner/repo.git" (the key is an SSH deploy key)');
  const applications = plan.applications.map((app, index) => {
    if (!NAME.test(app.name)) throw new ForjaArgumentError("GitOps", `applications[${index}].name`, app.name, "a Kubernetes name");
    if (!NAME.test(app.namespace)) throw new ForjaArgumentError("GitOps", `applications[${index}].namespace`, app.namespace, "a Kubernetes namespace name");
    if (app.namespace === plan.namespace) throw new ForjaArgumentError("GitOps", `applications[${index}].namespace`, app.namespace, "a namespace other than Argo CD's own");
    return withDefaults({ targetRevision: GITOPS_DEFAULTS.targetRevision, automated: true }, app);
  });
  return { ...plan, applications };
}
export type GitOpsPlan = ReturnType<typeof planGitOps>;

/**
 * Values for a `helm.v4.Chart`, which drops hooks: the redis password Secret
 * is created by Forja (`redisSecretInit` is a pre-install hook Job), Dex and
 * notifications are off, and the server speaks plain HTTP behind a
 * port-forward or the mesh (`server.insecure`).
 */
export function renderArgoCdValues(): PlainObject {
  return {
    redisSecretInit: { enabled: false },
    dex: { enabled: false },
    notifications: { enabled: false },
    configs: { params: { "server.insecure": true } },
    controller: { resources: SIZE.controller },
    repoServer: { resources: SIZE.repoServer, copyutil: { resources: SIZE.copyutil } },
    server: { resources: SIZE.server },
    redis: { resources: SIZE.redis },
    applicationSet: { resources: SIZE.applicationSet },
  };
}

/** One project for every Application: only this repository, only their namespaces, no cluster-scoped objects. */
export function appProjectSpec(plan: GitOpsPlan): PlainObject {
  return {
    description: "Applications Forja registers; Argo CD owns what they sync",
    sourceRepos: [plan.repository.url],
    destinations: plan.applications.map((app) => ({ server: GITOPS_DEFAULTS.inCluster, namespace: app.namespace })),
    clusterResourceWhitelist: [],
  };
}

export function applicationSpec(app: GitOpsPlan["applications"][number], project: string, repoURL: string): PlainObject {
  return {
    project,
    source: { repoURL, path: app.path, targetRevision: app.targetRevision },
    destination: { server: GITOPS_DEFAULTS.inCluster, namespace: app.namespace },
    syncPolicy: app.automated ? { automated: { prune: true, selfHeal: true } } : {},
  };
}
