import type * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { MilvusCluster } from "../../components/milvus";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { milvusArgs } from "../config";
import type { Environment, MilvusConfig } from "../config";

export { milvusArgs };

/** The stack's MilvusCluster, when `forja:milvus` is set; returns what clients need to connect. */
export function composeMilvus(
  name: string,
  config: MilvusConfig | undefined,
  environment: Environment,
  cluster: ClusterCapabilities,
  providers: { kubernetes: pulumi.ProviderResource; aws?: pulumi.ProviderResource },
  tags: Record<string, string>,
  workloadNamespace: string,
): Record<string, pulumi.Output<string | undefined>> | undefined {
  if (!config) return undefined;
  // Generated credentials come from an explicit provider too, like every resource of the stack.
  const randomProvider = new random.Provider(`${name}-random`, {});
  const milvus = new MilvusCluster(name, milvusArgs(config, environment, cluster, tags, workloadNamespace), { providers: { ...providers, random: randomProvider } });
  return {
    endpoint: milvus.endpoint,
    namespace: milvus.namespace,
    serviceName: milvus.serviceName,
    rootUser: milvus.rootUser,
    rootCredentialsSecretName: milvus.rootCredentialsSecretName,
    bucketName: milvus.bucketName,
    roleArn: milvus.roleArn,
  };
}
