export { CertManager } from "./cert-manager";
export type { CertManagerArgs } from "./args";
export { CERT_MANAGER_CHART, CERT_MANAGER_DEFAULTS } from "./defaults";
export type { CertManagerResources } from "./defaults";
export { planCertManager, renderCertManagerValues } from "./values";
