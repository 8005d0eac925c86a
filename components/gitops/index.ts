export { GitOps } from "./gitops";
export type { GitOpsApplicationArgs, GitOpsArgs, GitRepositoryArgs } from "./args";
export { ARGO_CD_CHART, ARGO_CD_RESOURCES, GITOPS_DEFAULTS, REDIS_SECRET } from "./defaults";
export type { ArgoCdResources } from "./defaults";
export { applicationSpec, appProjectSpec, planGitOps, renderArgoCdValues } from "./values";
