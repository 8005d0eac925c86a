/**
 * Forja's component library. Explicit named exports only. Each component is
 * also its own entry point (`forja/<component>`), so importing one never loads
 * a provider SDK another needs.
 */
export {
  ForjaArgumentError,
  deepMerge,
  withDefaults,
  kubernetesName,
  standardLabels,
  mirrorImage,
  parseImage,
  restrictedPodSecurityContext,
  restrictedContainerSecurityContext,
} from "./core";
export type { RegistryMirrors } from "./core";
// One shape for "who may connect" and one for "how big": every component's args use these.
export { connect, componentPods } from "./core";
export type { Peer, Resources, ResourceRequests, ResourceLimits, Quantity, ComponentRef, Connection, Endpoint } from "./core";
export { ClusterKind, IngressController, NodeArchitecture, NodeAutoscalerKind, NodeTaintEffect, WorkloadIdentityKind, requireWorkloadIdentity, validateCapabilities, requireKubernetesProvider } from "./platform";
export type { ClusterCapabilities, IngressCapability, NodeAutoscaling, NodeGroupCapacity, NodeGroupTaint, TrafficSource, WorkloadIdentity } from "./platform";
export { WorkloadRole } from "./aws";
export type { WorkloadRoleArgs } from "./aws";
export { HelmInstall } from "./helm";
export type { ChartReference } from "./helm";
export { K3sCluster, k3sCapabilities } from "./platform/k3s";
export type { K3sClusterArgs } from "./platform/k3s";
export { EksCluster, EKS_VERSIONS } from "./platform/eks";
export { NatGateways, EksWorkloadIdentity, NodeAutoscaler, TaintEffect, allocatable, eksSystemPodRequests, instanceTypeSpec, INSTANCE_TYPES } from "./platform/eks";
export type { EksClusterArgs, NodeGroupArgs, NodeTaint, ExistingNetworkArgs, InstanceTypeSpec, NodeResources, SystemPod, SystemPodRequests } from "./platform/eks";
export { WebService } from "./web-service";
export { PathType } from "./web-service";
export type { WebServiceArgs, ProbeArgs, ProbesArgs, ResourceArgs, NetworkPeer, NetworkPolicyArgs, IngressArgs, AutoscalingArgs } from "./web-service";
export { ImageMirror } from "./image-mirror";
export { Upstream } from "./image-mirror";
export type { ImageMirrorArgs, UpstreamCredential, UpstreamName } from "./image-mirror";
export { GenAiAccess, GenAiProvider, CostGuardKind, GuardrailStrength } from "./genai";
export type { GenAiAccessArgs, GuardrailArgs, GuardrailTopicArgs, CostGuardArgs, InvocationLoggingArgs } from "./genai";
export { LlmGateway, GatewayBackend } from "./llm-gateway";
export type { LlmGatewayArgs, GatewayModelArgs, GatewayMetricsArgs, GatewayRedisArgs, KeyLimitsArgs, VirtualKeyArgs } from "./llm-gateway";
export { MilvusCluster, MilvusAccess, MilvusMessageQueue, MilvusPreset, MilvusStorage } from "./milvus";
export type { MilvusClusterArgs, MilvusComponentArgs, MilvusComponentsArgs, MilvusExternalKafkaArgs, MilvusS3Args } from "./milvus";
export { AciEnvironment, RegistrySku } from "./platform/aci";
export type { AciEnvironmentArgs, AciCapabilities } from "./platform/aci";
export { CosmosMongo, CosmosBackup, CosmosCapacityMode } from "./cosmos-mongo";
export type { CosmosMongoArgs, KeyVaultReference, MongoCollection, MongoIndex } from "./cosmos-mongo";
export { OllamaContainerGroup, ModelStorage, DnsNameReusePolicy } from "./ollama-aci";
export type { OllamaContainerGroupArgs, AciAppContainer, AciOllamaArgs } from "./ollama-aci";
export { Ollama } from "./ollama";
export type { OllamaArgs } from "./ollama";
export { Postgres } from "./postgres";
export type { PostgresArgs, PostgresDatabase } from "./postgres";
export { Redis } from "./redis";
export type { RedisArgs } from "./redis";
export { Airflow, AirflowIngressScheme, AirflowPreset, DagSourceKind } from "./airflow";
export type { AirflowArgs, AirflowBroker, AirflowDags, AirflowDatabase, AirflowIngress, AirflowRemoteLogging } from "./airflow";
export { AirflowOnEks } from "./airflow-eks";
export type { AirflowBucketNames, AirflowCacheArgs, AirflowOnEksArgs, AirflowRdsArgs } from "./airflow-eks";
