export { AciEnvironment } from "./aci-environment";
export type { AciEnvironmentArgs } from "./args";
export { RegistrySku } from "./args";
export type { AciCapabilities } from "./capabilities";
