/**
 * `forja:airflow`: Airflow on the stack's cluster (k3s: with Forja's Postgres
 * and Redis; eks: AirflowOnEks with RDS, ElastiCache and S3). Enums and
 * defaults come from the components; the components check the rest.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { AirflowArgs } from "../../components/airflow";
import { AirflowIngressScheme, AirflowPreset } from "../../components/airflow/args";
import { validateAirflow } from "../../components/airflow/settings";
import type { AirflowOnEksArgs } from "../../components/airflow-eks";
import { validateAirflowOnEks } from "../../components/airflow-eks/values";
import type { ForjaArgumentError } from "../../components/core/errors";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { Environment } from "./base";
import { componentProblems } from "./issues";

const ingress = z
  .object({
    /** Host name of the UI. @default every host */
    host: z.string().min(1).optional(),
    /** ALB scheme (eks). @default "internal" */
    scheme: z.enum(Object.values(AirflowIngressScheme) as [AirflowIngressScheme, ...AirflowIngressScheme[]]).optional(),
    /** Required for an internet-facing UI. @default false */
    allowPublicAccess: z.boolean().optional(),
    /** ACM certificate (eks): HTTPS on the ALB. @default HTTP only, with a warning */
    certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/, "expected an ACM certificate ARN").optional(),
  })
  .strict();

const database = z
  .object({
    /** RDS PostgreSQL major version ("15", "16", "17"); minors follow AWS's maintenance window. @default "15" */
    engineVersion: z.string().optional(),
    /** @default "db.t4g.large" in production, else "db.t4g.medium" */
    instanceClass: z.string().optional(),
    /** @default 7 in production (protected), else 1 */
    backupRetentionDays: z.number().int().optional(),
  })
  .strict();

const cache = z
  .object({
    /** ElastiCache node type. @default "cache.t4g.medium" */
    nodeType: z.string().optional(),
  })
  .strict();

export const airflowSection = z
  .object({
    /** Airflow version: 3.x, or 2.10/2.11 for the seed's image. @default "3.1.7" */
    version: z.string().optional(),
    /** Image pinned to a tag or digest (eks: mirrored through ECR). @default the official image of the version */
    image: z.string().min(1).optional(),
    /** Replicas, sizes and disruption budgets; protection follows forja:environment, never the preset. @default the stack's environment */
    preset: z.enum(Object.values(AirflowPreset) as [AirflowPreset, ...AirflowPreset[]]).optional(),
    /** The UI's route. @default eks: an internal ALB; k3s: none (port-forward) */
    ingress: ingress.optional(),
    /** eks: the RDS metadata database. @default see AirflowOnEks */
    database: database.optional(),
    /** eks: the ElastiCache broker. @default see AirflowOnEks */
    cache: cache.optional(),
    /** eks: days task logs stay in S3. @default 90 */
    logRetentionDays: z.number().int().optional(),
    /** eks: upload the GenAI example DAG. @default true */
    exampleDag: z.boolean().optional(),
  })
  .strict();

export type AirflowConfig = z.output<typeof airflowSection>;

const EKS_ONLY = ["database", "cache", "logRetentionDays", "exampleDag"] as const;

/** Cross-key problems zod cannot see: AWS-only keys on another target. */
export function airflowProblems(airflow: AirflowConfig | undefined, target: string | undefined): string[] {
  if (airflow === undefined) return [];
  if (target !== "k3s" && target !== "eks") return [`forja:airflow is set but forja:target is "${target}": Airflow runs on the k3s and eks targets`];
  if (target === "eks") return [];
  return EKS_ONLY.filter((key) => airflow[key] !== undefined).map((key) => `forja:airflow.${key} is set but forja:target is "k3s": it configures the AWS services of the eks target`);
}

/** The Helm release name: every chart object is prefixed with it. */
export const AIRFLOW_RELEASE = "airflow";

/** Airflow's args on k3s, as the program passes them (the dev preset follows the environment). */
export function airflowArgs(config: AirflowConfig, environment: Environment, cluster: ClusterCapabilities, namespace: pulumi.Input<string>): AirflowArgs {
  return { cluster, namespace, airflowVersion: config.version, image: config.image, preset: config.preset ?? environment, ingress: config.ingress, protect: environment === "production" };
}

/** The network of an EKS cluster: what AirflowOnEks's database and cache live in. */
export interface AirflowNetwork {
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  nodeSecurityGroupId: pulumi.Input<string>;
}

/** AirflowOnEks's args on eks, as the program passes them. */
export function airflowOnEksArgs(config: AirflowConfig, environment: Environment, cluster: ClusterCapabilities, namespace: pulumi.Input<string>, network: AirflowNetwork, tags: Record<string, string>): AirflowOnEksArgs {
  return {
    cluster,
    namespace,
    ...network,
    airflowVersion: config.version,
    image: config.image,
    preset: config.preset ?? environment,
    ingress: config.ingress,
    database: config.database,
    cache: config.cache,
    logRetentionDays: config.logRetentionDays,
    exampleDag: config.exampleDag,
    // Protection follows the stack, never the preset: a small Airflow in production keeps its data.
    protect: environment === "production",
    tags,
  };
}

const AIRFLOW_KEYS: [string, string][] = [
  ["", "forja:airflow"],
  ["airflowVersion", "forja:airflow.version"],
  ["cluster", "forja:target"],
  ["tags", "forja:tags"],
];

/** The component's own rules on the args the program will pass, reported under forja:airflow. */
export function airflowComponentProblems(config: AirflowConfig, environment: Environment, cluster: ClusterCapabilities, namespace: string, isSecret: (path: string) => boolean): string[] {
  try {
    if (cluster.kind === "eks") {
      const network = { vpcId: "known once the VPC exists", privateSubnetIds: ["known once the subnets exist"], nodeSecurityGroupId: "known once the cluster exists" };
      validateAirflowOnEks(AIRFLOW_RELEASE, airflowOnEksArgs(config, environment, cluster, namespace, network, {}));
    } else {
      validateAirflow(AIRFLOW_RELEASE, airflowArgs(config, environment, cluster, namespace));
    }
    return [];
  } catch (error) {
    if ((error as ForjaArgumentError).name !== "ForjaArgumentError") throw error;
    return componentProblems([error as ForjaArgumentError], AIRFLOW_KEYS, isSecret);
  }
}
