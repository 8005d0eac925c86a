import * as aws from "@pulumi/aws";
import { ImageMirror } from "../../components/image-mirror";
import { EksCluster } from "../../components/platform/eks";
import { clusterKeys, eksClusterArgs, imageMirrorArgs, mirrorKeys, stackTags, withStackKeys } from "../config";
import type { EksStackConfig } from "../config";
import { composeGenAi } from "./genai";
import { composeMilvus } from "./milvus";
import { composeOllama } from "./ollama";
import { composeAirflowOnEks } from "./airflow";
import { composeMlPlatform } from "./mlplatform";
import { composeServices } from "./services";
import { workloadNamespace } from "./shared";

/** prod: AWS EKS, every image pulled through the stack's ECR mirror. */
export async function composeEks(config: EksStackConfig): Promise<Record<string, unknown>> {
  const production = config.environment === "production";
  const tags = stackTags(config);
  // allowedAccountIds: a prod stack can never land in the wrong account.
  const provider = new aws.Provider(`${config.project}-aws`, { region: config.region as aws.Region, allowedAccountIds: [config.eks.accountId], defaultTags: { tags } });
  const providers = { aws: provider };

  const mirror = withStackKeys(config.file, mirrorKeys(config), () => new ImageMirror(`${config.project}-mirror`, imageMirrorArgs(config), { providers }));
  const wiring = { nodeRolePolicies: { "image-mirror": mirror.nodePolicyJson }, imageMirrors: mirror.mirrors };
  const cluster = withStackKeys(config.file, clusterKeys(config), () => new EksCluster(config.project, eksClusterArgs(config, wiring), { providers }));
  const namespace = workloadNamespace(config, cluster.provider);
  // Seed 000: Bedrock for Airflow (its own role takes the policy) and any service forja:genai.services lists.
  const genai = composeGenAi(config, config.services, { cluster: cluster.capabilities, namespace: config.namespace, defaultOllamaUrl: `http://ollama.${config.namespace}.svc.cluster.local:11434`, accountId: config.eks.accountId, region: config.region }, { providers });
  const services = composeServices(config.file, genai.services, cluster.capabilities, namespace.metadata.name, { kubernetes: cluster.provider, aws: provider }, [namespace]);
  const milvus = composeMilvus(`${config.project}-milvus`, config.milvus, config.environment, cluster.capabilities, { kubernetes: cluster.provider, aws: provider }, tags, config.namespace);
  const airflowGenAi = genai.access && { access: genai.access, bedrock: (config.genai?.provider ?? "bedrock") === "bedrock" };
  const airflow = composeAirflowOnEks(config.airflow, config.environment, cluster, namespace.metadata.name, { kubernetes: cluster.provider, aws: provider }, tags, airflowGenAi);
  // Seed 004's app-aws.yaml: the same platform, artifacts in S3 through a WorkloadRole.
  const mlplatform = config.mlplatform
    ? composeMlPlatform(config.mlplatform, { project: config.project, stack: config.stack, production, cluster: cluster.capabilities, namespace, namespaceName: config.namespace, providers: { kubernetes: cluster.provider, aws: provider }, aws: { region: config.region, tags } })
    : undefined;
  return {
    target: config.target,
    environment: config.environment,
    region: config.region,
    clusterName: cluster.clusterName,
    kubeconfig: cluster.kubeconfig,
    oidcProviderArn: cluster.oidcProviderArn,
    oidcProviderUrl: cluster.oidcProviderUrl,
    nodeSecurityGroupId: cluster.nodeSecurityGroupId,
    egressIps: cluster.egressIps,
    vpcId: cluster.vpcId,
    registry: mirror.registry,
    imageMirrors: mirror.mirrors,
    privateRepositories: mirror.repositoryUrls,
    namespace: namespace.metadata.name,
    capabilities: cluster.capabilities,
    services,
    // Only what the stack has: an undefined output is a warning on every `pulumi up`.
    ...(genai.outputs ? { genai: genai.outputs } : {}),
    ...(milvus ? { milvus } : {}),
    ...composeOllama(config.ollama, cluster.capabilities, namespace.metadata.name, cluster.provider, [namespace], production),
    ...(airflow ? { airflow } : {}),
    ...(mlplatform ? { mlplatform } : {}),
  };
}
