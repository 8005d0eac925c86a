import { K3sCluster } from "../../components/platform/k3s";
import { k3sClusterArgs } from "../config";
import type { K3sStackConfig } from "../config";
import { composeGenAi } from "./genai";
import { composeMilvus } from "./milvus";
import { composeOllama } from "./ollama";
import { composeAirflowOnK3s } from "./airflow";
import { composeAppGear } from "./appgear";
import { composeMlPlatform } from "./mlplatform";
import { composeServices } from "./services";
import { workloadNamespace } from "./shared";

/** dev: an existing K3s (or Minikube) cluster on a laptop or one server. */
export async function composeK3s(config: K3sStackConfig): Promise<Record<string, unknown>> {
  const cluster = new K3sCluster(config.project, k3sClusterArgs(config));
  const namespace = workloadNamespace(config, cluster.provider);
  const genai = composeGenAi(
    config,
    config.services,
    {
      cluster: cluster.capabilities,
      namespace: config.namespace,
      defaultOllamaUrl: `http://ollama.${config.namespace}.svc.cluster.local:11434`,
      kubernetes: { provider: cluster.provider, namespace: namespace.metadata.name, dependsOn: [namespace] },
    },
    {},
  );
  const services = composeServices(config.file, genai.services, cluster.capabilities, namespace.metadata.name, { kubernetes: cluster.provider }, [namespace]);
  const milvus = composeMilvus(`${config.project}-milvus`, config.milvus, config.environment, cluster.capabilities, { kubernetes: cluster.provider }, config.tags, config.namespace);
  const airflow = composeAirflowOnK3s(config.airflow, config.environment, cluster.capabilities, namespace.metadata.name, cluster.provider, genai.access);
  const appgear = config.appgear ? composeAppGear(config.appgear, cluster.capabilities, namespace, config.namespace, cluster.provider, config.project, config.environment === "production") : undefined;
  const mlplatform = config.mlplatform
    ? composeMlPlatform(config.mlplatform, { project: config.project, stack: config.stack, production: config.environment === "production", cluster: cluster.capabilities, namespace, namespaceName: config.namespace, providers: { kubernetes: cluster.provider } })
    : undefined;
  return {
    target: config.target,
    environment: config.environment,
    namespace: namespace.metadata.name,
    storageClass: cluster.capabilities.storageClass,
    ingressClass: cluster.capabilities.ingress.className,
    capabilities: cluster.capabilities,
    services,
    // Only what the stack has: an undefined output is a warning on every `pulumi up`.
    ...(genai.outputs ? { genai: genai.outputs } : {}),
    ...(milvus ? { milvus } : {}),
    ...composeOllama(config.ollama, cluster.capabilities, namespace.metadata.name, cluster.provider, [namespace], config.environment === "production"),
    ...(airflow ? { airflow } : {}),
    ...(appgear ? { appgear } : {}),
    ...(mlplatform ? { mlplatform } : {}),
  };
}
