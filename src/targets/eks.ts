import * as aws from "@pulumi/aws";
import type { EksStackConfig } from "../config";

/** prod: AWS EKS in the configured region. */
export async function composeEks(config: EksStackConfig): Promise<Record<string, unknown>> {
  const tags = { ...config.tags, "forja:stack": config.stack, "forja:project": config.project };
  new aws.Provider(`${config.project}-aws`, { region: config.region as aws.Region, defaultTags: { tags } });
  return { target: config.target, environment: config.environment, region: config.region };
}
