import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { WebService } from "../../components/web-service";
import { serviceKeys, webServiceArgs, withStackKeys } from "../config";
import type { ServiceSpec } from "../config";

/** The stack's WebServices, from `forja:services`; returns their in-cluster URLs. */
export function composeServices(
  file: string,
  services: Record<string, ServiceSpec>,
  cluster: ClusterCapabilities,
  namespace: pulumi.Input<string>,
  providers: { kubernetes: pulumi.ProviderResource; aws?: pulumi.ProviderResource },
  dependsOn: pulumi.Input<pulumi.Resource>[],
): Record<string, pulumi.Output<string | undefined>> {
  const urls: Record<string, pulumi.Output<string | undefined>> = {};
  for (const [name, spec] of Object.entries(services)) {
    const service = withStackKeys(file, serviceKeys(name), () => new WebService(name, webServiceArgs(spec, cluster, namespace), { providers, dependsOn }));
    urls[name] = service.url;
  }
  return urls;
}
