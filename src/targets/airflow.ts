import type * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Airflow } from "../../components/airflow";
import { AirflowOnEks } from "../../components/airflow-eks";
import type { GenAiAccess } from "../../components/genai";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { EksCluster } from "../../components/platform/eks";
import type { Environment } from "../config";
import type { AirflowConfig } from "../config/airflow";
import { AIRFLOW_RELEASE, airflowArgs, airflowOnEksArgs } from "../config/airflow";

/** Generated keys and passwords come from an explicit provider too, like every other resource of the stack. */
function randomProvider(): random.Provider {
  return new random.Provider(`${AIRFLOW_RELEASE}-random`, {});
}

/** dev: Airflow with its own Postgres and Redis; the admin password is in the Secret `airflow-admin`. */
export function composeAirflowOnK3s(
  config: AirflowConfig | undefined,
  environment: Environment,
  cluster: ClusterCapabilities,
  namespace: pulumi.Input<string>,
  provider: pulumi.ProviderResource,
  genai?: GenAiAccess,
): Record<string, unknown> | undefined {
  if (!config) return undefined;
  // forja:genai's contract (GENAI_PROVIDER, GENAI_BASE_URL, GENAI_MODEL_ID) in every Airflow container.
  const args = { ...airflowArgs(config, environment, cluster, namespace), env: genai?.env, secretEnv: genai?.secretEnv };
  const airflow = new Airflow(AIRFLOW_RELEASE, args, { providers: { kubernetes: provider, random: randomProvider() } });
  return { uiUrl: airflow.uiUrl, internalUrl: airflow.internalUrl, adminUsername: airflow.adminUsername, adminSecretName: airflow.adminSecretName };
}

/** What forja:genai hands Airflow: the env contract, and with Bedrock the policy for Airflow's own role. */
export interface AirflowGenAi {
  access: GenAiAccess;
  bedrock: boolean;
}

/**
 * prod: AirflowOnEks (RDS, ElastiCache, S3, role, ALB); the outputs seed 000's
 * Terraform had. With Bedrock, the policy joins Airflow's role: a service
 * account has one role (and one Pod Identity association), so GenAiAccess makes
 * none for Airflow.
 */
export function composeAirflowOnEks(
  config: AirflowConfig | undefined,
  environment: Environment,
  cluster: EksCluster,
  namespace: pulumi.Input<string>,
  providers: { kubernetes: pulumi.ProviderResource; aws: pulumi.ProviderResource },
  tags: Record<string, string>,
  genai?: AirflowGenAi,
): Record<string, unknown> | undefined {
  if (!config) return undefined;
  const network = { vpcId: cluster.vpcId, privateSubnetIds: cluster.privateSubnetIds, nodeSecurityGroupId: cluster.nodeSecurityGroupId };
  const args = {
    ...airflowOnEksArgs(config, environment, cluster.capabilities, namespace, network, tags),
    env: genai?.access.env,
    secretEnv: genai?.access.secretEnv,
    rolePolicies: genai?.bedrock ? { bedrock: genai.access.policyJson as pulumi.Output<string> } : undefined,
  };
  const airflow = new AirflowOnEks(AIRFLOW_RELEASE, args, { providers: { ...providers, random: randomProvider() } });
  return {
    rdsEndpoint: airflow.rdsEndpoint,
    redisEndpoint: airflow.redisEndpoint,
    s3BucketNames: airflow.s3BucketNames,
    uiUrl: airflow.uiUrl,
    roleArn: airflow.roleArn,
    adminSecretName: airflow.adminSecretName,
  };
}
