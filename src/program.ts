import type { StackConfig } from "./config";
import { composeAci } from "./targets/aci";
import { composeEks } from "./targets/eks";
import { composeK3s } from "./targets/k3s";

/** Builds the target's platform and the enabled components; returns the stack outputs. */
export function composeStack(config: StackConfig): Promise<Record<string, unknown>> {
  switch (config.target) {
    case "k3s":
      return composeK3s(config);
    case "eks":
      return composeEks(config);
    case "aci":
      return composeAci(config);
  }
}
