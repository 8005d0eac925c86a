export { MilvusCluster } from "./milvus-cluster";
export { KafkaSaslMechanism, KafkaSecurityProtocol, MilvusAccess, MilvusMessageQueue, MilvusPreset, MilvusStorage, TolerationEffect, TolerationOperator } from "./args";
export type {
  ChartValuesOverride,
  MilvusAttuArgs,
  MilvusClusterArgs,
  MilvusComponentArgs,
  MilvusComponentsArgs,
  MilvusExternalKafkaArgs,
  MilvusImagesArgs,
  MilvusResourceQuantities,
  MilvusResourcesArgs,
  MilvusS3Args,
  MilvusStatefulComponentArgs,
  MilvusTlsArgs,
  MilvusTolerationArgs,
} from "./args";
