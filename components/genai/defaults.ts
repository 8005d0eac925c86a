/** A current Claude Sonnet through the US cross-region inference profile (Claude 4.x is served on demand only through profiles). */
export const DEFAULT_BEDROCK_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/** What Converse and ConverseStream authorize as: nothing else is granted. */
export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
export const BEDROCK_GUARDRAIL_ACTION = "bedrock:ApplyGuardrail";
export const INFERENCE_PROFILE_CONDITION = "bedrock:InferenceProfileArn";
/** AWS: "deny any inference API request that doesn't include the guardrail configured in your IAM policy" (value `<guardrail ARN>:<version>`). */
export const GUARDRAIL_CONDITION = "bedrock:GuardrailIdentifier";

/**
 * The regions of each geography, used only to check that a workload's region
 * may call a geographic profile (the grant itself names every region under the
 * profile condition, as the AWS CDK does: listing regions adds no least
 * privilege, and a region AWS adds later would fail at random). Override with
 * `destinationRegions` when AWS's list differs. `global` serves every
 * commercial region.
 */
export const PROFILE_DESTINATIONS: Record<string, string[]> = {
  us: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"],
  "us-gov": ["us-gov-east-1", "us-gov-west-1"],
  eu: ["eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3"],
  apac: [
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "me-central-1",
  ],
  jp: ["ap-northeast-1", "ap-northeast-3"],
  au: ["ap-southeast-2", "ap-southeast-4"],
  ca: ["ca-central-1", "ca-west-1"],
  global: [""],
};

export const GUARDRAIL_DEFAULTS = {
  blockedInputMessaging: "This request is not allowed.",
  blockedOutputsMessaging: "The answer was blocked by policy.",
  contentFilterStrength: "HIGH",
  /** Content filters Bedrock offers; PROMPT_ATTACK applies to input only. */
  contentFilters: ["HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT"],
} as const;

/**
 * On-demand foundation models AWS serves only in some regions (elsewhere,
 * through a profile). The seed's Claude 3.5 Sonnet v2 launched on demand in
 * US West (Oregon) only, with the `us.` profile for the other US regions.
 */
export const ON_DEMAND_REGIONS: Record<string, string[]> = {
  "anthropic.claude-3-5-sonnet-20241022-v2:0": ["us-west-2"],
};

/** Claude 4 and later: served on demand only through inference profiles (`us.`, `eu.`, `global.`...). */
export const PROFILE_ONLY_MODEL = /^anthropic\.claude-(?:[a-z]+-)?(?:[4-9]|\d{2,})/;

/** Model providers whose Bedrock models bill through AWS Marketplace ("Claude ... (Amazon Bedrock Edition)"), not under "Amazon Bedrock". */
export const MARKETPLACE_PROVIDERS = ["anthropic"];

/** CloudWatch Logs accepts only these retention periods (days): AWS's table. */
export { CLOUDWATCH_LOG_RETENTION_DAYS as LOG_RETENTION_DAYS } from "../aws/limits";

export const COST_GUARD_DEFAULTS = {
  thresholdPercents: [80, 100],
  costServices: ["Amazon Bedrock"],
  /** AWS Budgets' billing-entity filter value for Marketplace purchases. */
  marketplaceBillingEntity: "AWS Marketplace",
  /** Billing metrics exist only in us-east-1, updated a few times a day. */
  billingRegion: "us-east-1",
  billingService: "AmazonBedrock",
  alarmPeriodSeconds: 21600,
} as const;

export const INVOCATION_LOGGING_DEFAULTS = { retentionDays: 30, textData: true } as const;
