/** A parsed, typed stack: one shape per target. */
import type { AciStackConfig } from "./aci";
import type { EksStackConfig } from "./eks";
import type { K3sStackConfig } from "./k3s";

export type StackConfig = K3sStackConfig | EksStackConfig | AciStackConfig;
