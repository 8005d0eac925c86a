export { MilvusCluster } from "./milvus-cluster";
export { EtcdClusterState, KafkaSaslMechanism, KafkaSecurityProtocol, MilvusAccess, MilvusMessageQueue, MilvusPreset, MilvusStorage, TolerationEffect, TolerationOperator } from "./args";
export type {
  ChartValuesOverride,
  MilvusAttuArgs,
  MilvusClusterArgs,
  MilvusComponentArgs,
  MilvusComponentsArgs,
  MilvusCreatedWithArgs,
  MilvusEtcdArgs,
  MilvusEtcdBackupArgs,
  MilvusExternalKafkaArgs,
  MilvusImagesArgs,
  MilvusResourcesArgs,
  MilvusS3Args,
  MilvusStatefulComponentArgs,
  MilvusStorageSizes,
  MilvusTlsArgs,
  MilvusTolerationArgs,
} from "./args";
