export { WorkloadRole } from "./workload-role";
export type { WorkloadRoleArgs } from "./workload-role";
export { AwsPartition, awsPartition } from "./iam";
export type { IdentityEgress } from "./workload-identity";
