/**
 * Kubernetes components deploy only through a provider the caller chose.
 * Falling back to Pulumi's default provider would use the ambient kubeconfig,
 * which may point at another cluster entirely.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ForjaArgumentError } from "../core/errors";

const PACKAGE = "kubernetes";

/** `getPackage()` exists on every provider but is marked internal in the SDK's typings. */
function packageOf(provider: pulumi.ProviderResource): string {
  return (provider as unknown as { getPackage(): string }).getPackage();
}

/** The Kubernetes provider a component's children will use, found as Pulumi will find it (opts, then the parent). */
export function kubernetesProviderOf(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ProviderResource | undefined {
  const providers = opts?.providers;
  if (Array.isArray(providers)) {
    const found = providers.find((p) => packageOf(p) === PACKAGE);
    if (found) return found;
  } else if (providers && (providers as Record<string, pulumi.ProviderResource>)[PACKAGE]) {
    return (providers as Record<string, pulumi.ProviderResource>)[PACKAGE];
  }
  if (opts?.provider && packageOf(opts.provider) === PACKAGE) return opts.provider;
  return opts?.parent?.getProvider(`${PACKAGE}::`);
}

/** Refuses to build a Kubernetes component without an explicit provider. */
export function requireKubernetesProvider(component: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.ProviderResource {
  const provider = kubernetesProviderOf(opts);
  if (!provider) {
    throw new ForjaArgumentError(
      component,
      "opts.providers.kubernetes",
      undefined,
      "the cluster's provider, e.g. { providers: { kubernetes: cluster.provider } }: Forja never deploys through the ambient kubeconfig",
    );
  }
  return provider;
}
