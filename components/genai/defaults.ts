/** A current Claude Sonnet through the US cross-region inference profile (Claude 4.x is served on demand only through profiles). */
export const DEFAULT_BEDROCK_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/** What Converse and ConverseStream authorize as: nothing else is granted. */
export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
export const BEDROCK_GUARDRAIL_ACTION = "bedrock:ApplyGuardrail";
export const INFERENCE_PROFILE_CONDITION = "bedrock:InferenceProfileArn";

/**
 * Where each geographic system inference profile routes requests (its
 * destination regions), per AWS's inference-profile documentation, late 2025.
 * AWS adds regions to profiles over time: override with `destinationRegions`
 * when a call fails with AccessDenied on a region missing here. `global`
 * routes to every commercial region, which IAM names with an empty region.
 */
export const PROFILE_DESTINATIONS: Record<string, string[]> = {
  us: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"],
  "us-gov": ["us-gov-east-1", "us-gov-west-1"],
  eu: ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3"],
  apac: ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-4"],
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

export const COST_GUARD_DEFAULTS = {
  thresholdPercents: [80, 100],
  costServices: ["Amazon Bedrock"],
  /** Billing metrics exist only in us-east-1, updated a few times a day. */
  billingRegion: "us-east-1",
  billingService: "AmazonBedrock",
  alarmPeriodSeconds: 21600,
} as const;

export const INVOCATION_LOGGING_DEFAULTS = { retentionDays: 30, textData: true } as const;
