/**
 * Pure pieces of GenAiAccess: argument rules, Bedrock model-id parsing, the
 * least-privilege policy, Guardrail/Budget/alarm inputs and the env contract.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ForjaArgumentError } from "../core/errors";
import { BEDROCK_GUARDRAIL_LIMITS } from "../aws/limits";
import { awsRegionReason } from "../aws/validate";
import { awsDnsSuffix, awsPartition, policyDocument } from "../aws/iam";
import type { PolicyDocument, PolicyStatement } from "../aws/iam";
import { validateCapabilities, requireWorkloadIdentity } from "../platform/capabilities";
import { withDefaults } from "../core/defaults";
import { shortHash } from "../core/naming";
import type { CostGuardArgs, GenAiAccessArgs, GuardrailArgs } from "./args";
import { CostGuardKind, GenAiProvider, GuardrailStrength } from "./args";
import {
  BEDROCK_GUARDRAIL_ACTION,
  BEDROCK_INVOKE_ACTIONS,
  COST_GUARD_DEFAULTS,
  DEFAULT_BEDROCK_MODEL,
  GUARDRAIL_CONDITION,
  GUARDRAIL_DEFAULTS,
  INFERENCE_PROFILE_CONDITION,
  LOG_RETENTION_DAYS,
  MARKETPLACE_PROVIDERS,
  ON_DEMAND_REGIONS,
  PROFILE_DESTINATIONS,
  PROFILE_ONLY_MODEL,
} from "./defaults";

const COMPONENT = "GenAiAccess";
/** provider.model[:version[:context]], e.g. anthropic.claude-3-5-sonnet-20241022-v2:0, amazon.nova-pro-v1:0, meta.llama3-1-70b-instruct-v1:0. */
const FOUNDATION_MODEL = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9._-]*(:[a-z0-9]+){0,2}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

/** A Bedrock model id, read by its shape: a geographic system inference profile, or an on-demand foundation model. */
export interface BedrockModel {
  id: string;
  /** The foundation model behind it (the id itself when on demand). */
  foundationModelId: string;
  /** Geography prefix of a system inference profile (us, eu, global...); undefined on demand. */
  geography?: string;
}

export function parseBedrockModel(argument: string, id: unknown): BedrockModel {
  if (typeof id !== "string") return fail(argument, id, "a Bedrock model id");
  const dot = id.indexOf(".");
  const prefix = id.slice(0, dot);
  if (prefix in PROFILE_DESTINATIONS) {
    const foundationModelId = id.slice(dot + 1);
    if (!FOUNDATION_MODEL.test(foundationModelId)) fail(argument, id, `an inference profile "<geo>.<provider>.<model>", with a model id shaped like "anthropic.claude-sonnet-4-5-20250929-v1:0"`);
    return { id, foundationModelId, geography: prefix };
  }
  if (!FOUNDATION_MODEL.test(id)) {
    fail(argument, id, `a foundation model id ("anthropic.claude-3-5-sonnet-20241022-v2:0") or an inference profile id with a geography prefix (${Object.keys(PROFILE_DESTINATIONS).map((g) => `"${g}."`).join(", ")})`);
  }
  return { id, foundationModelId: id, geography: undefined };
}

/** An on-demand model id where AWS serves it on demand (Claude 4+ never; some models in a few regions). */
export function checkOnDemand(component: string, argument: string, model: BedrockModel, region: string): void {
  if (model.geography !== undefined) return;
  if (PROFILE_ONLY_MODEL.test(model.id)) throw new ForjaArgumentError(component, argument, model.id, `an inference profile id: AWS serves this model on demand only through one (e.g. "us.${model.id}")`);
  const served = ON_DEMAND_REGIONS[model.id];
  if (served && !served.includes(region)) {
    throw new ForjaArgumentError(component, argument, model.id, `a model served on demand in ${region}: AWS serves it on demand in ${served.join(", ")} only (call it through a profile, e.g. "us.${model.id}", or from ${served.join(", ")})`);
  }
}

export interface BedrockModelGrant {
  /** ARNs invoked directly: the profile, or the on-demand foundation model in the region. */
  direct: string;
  /** A profile's foundation model in every region, usable only through that profile. */
  viaProfile?: string;
}

/** The ARNs a model id needs, in the region's partition. */
export function bedrockModelGrant(model: BedrockModel, region: string, accountId: string): BedrockModelGrant {
  const partition = awsPartition(region);
  if (model.geography === undefined) return { direct: `arn:${partition}:bedrock:${region}::foundation-model/${model.foundationModelId}` };
  return {
    direct: `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${model.id}`,
    // Every region, fenced by the profile condition: the profile decides where it routes.
    viaProfile: `arn:${partition}:bedrock:*::foundation-model/${model.foundationModelId}`,
  };
}

/** A guardrail version the workloads must send: `bedrock:GuardrailIdentifier` is `<arn>:<version>`. */
export interface GuardrailGrant {
  arn: string;
  version: string;
}

/**
 * Exactly what Converse needs: invoke (and stream) the chosen profiles or
 * on-demand models; a profile's foundation model only when the call comes
 * through that profile; with a guardrail, only calls that name it (and apply it).
 */
export function bedrockPolicy(models: BedrockModel[], region: string, accountId: string, guardrail?: GuardrailGrant): PolicyDocument {
  const grants = models.map((model) => bedrockModelGrant(model, region, accountId));
  const enforced: Record<string, string> = guardrail ? { [GUARDRAIL_CONDITION]: `${guardrail.arn}:${guardrail.version}` } : {};
  const condition = (extra: Record<string, string>): Pick<PolicyStatement, "Condition"> => {
    const equals: Record<string, string> = { ...enforced, ...extra };
    return Object.keys(equals).length ? { Condition: { StringEquals: equals } } : {};
  };
  const statements: PolicyStatement[] = [{ Sid: "InvokeChosenModels", Effect: "Allow", Action: [...BEDROCK_INVOKE_ACTIONS], Resource: grants.map((g) => g.direct), ...condition({}) }];
  grants
    .filter((g) => g.viaProfile !== undefined)
    .forEach((g, i) => {
      statements.push({ Sid: `FoundationModelsThroughProfile${i + 1}`, Effect: "Allow", Action: [...BEDROCK_INVOKE_ACTIONS], Resource: g.viaProfile as string, ...condition({ [INFERENCE_PROFILE_CONDITION]: g.direct }) });
    });
  if (guardrail !== undefined) statements.push({ Sid: "ApplyGuardrail", Effect: "Allow", Action: BEDROCK_GUARDRAIL_ACTION, Resource: guardrail.arn });
  return policyDocument(statements);
}

/** Every rule, checked before anything is registered; returns the Bedrock models (empty for other providers). */
export function validateGenAiAccess(args: GenAiAccessArgs | undefined): BedrockModel[] {
  if (!args || typeof args !== "object") return fail("args", args, "an object with at least provider");
  const providers = Object.values(GenAiProvider) as string[];
  if (!providers.includes(args.provider)) fail("provider", args.provider, `one of ${providers.map((p) => `"${p}"`).join(", ")}`);
  const bedrock = args.provider === GenAiProvider.Bedrock;
  const bedrockOnly = { region: args.region, accountId: args.accountId, destinationRegions: args.destinationRegions, additionalModelIds: args.additionalModelIds, guardrail: args.guardrail, invocationLogging: args.invocationLogging, costGuard: args.costGuard, serviceAccounts: args.serviceAccounts, cluster: args.cluster };
  const endpointOnly = { baseUrl: args.baseUrl, apiKey: args.apiKey, peer: args.peer };
  if (!bedrock) {
    const stray = Object.entries(bedrockOnly).find(([, value]) => value !== undefined);
    if (stray) fail(stray[0], stray[0] === "cluster" ? "(capabilities)" : stray[1], `nothing with provider "${args.provider}": it applies to Bedrock only`);
    if (args.baseUrl === undefined || args.baseUrl === "") fail("baseUrl", args.baseUrl, `the ${args.provider} server's URL (e.g. ollama.url or gateway.url)`);
    if (typeof args.baseUrl === "string" && !/^https?:\/\/[^/\s]+/.test(args.baseUrl)) fail("baseUrl", args.baseUrl, "an http(s) URL");
    if (typeof args.modelId !== "string" || args.modelId === "") fail("modelId", args.modelId, `the model ${args.provider === GenAiProvider.Ollama ? 'tag, e.g. "llama3.2:3b"' : "name the server routes"}`);
    if (args.provider === GenAiProvider.Ollama && args.apiKey !== undefined) fail("apiKey", "[secret]", "nothing with provider \"ollama\": Ollama has no keys (protect it with a NetworkPolicy)");
    if (args.peer !== undefined && (typeof args.peer !== "object" || (args.peer.podLabels === undefined && args.peer.cidr === undefined) || !args.peer.ports?.length)) {
      fail("peer", args.peer, "where the server runs, with its port: { podLabels, ports } (e.g. gateway.peer) or { cidr, ports }");
    }
    return [];
  }
  const stray = Object.entries(endpointOnly).find(([, value]) => value !== undefined);
  if (stray) fail(stray[0], stray[0] === "apiKey" ? "[secret]" : stray[1], "nothing with provider \"bedrock\": workloads call Bedrock with their role, never a key or another URL");
  if (args.cluster !== undefined) validateCapabilities(COMPONENT, args.cluster);
  const region = args.region ?? args.cluster?.region;
  if (typeof region !== "string" || !REGION.test(region)) fail("region", region, "the AWS region workloads call Bedrock in, e.g. us-east-1 (or a cluster with a region)");
  const models = [parseBedrockModel("modelId", args.modelId ?? DEFAULT_BEDROCK_MODEL), ...(args.additionalModelIds ?? []).map((id, i) => parseBedrockModel(`additionalModelIds[${i}]`, id))];
  const ids = models.map((m) => m.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) fail("additionalModelIds", duplicate, "model ids not already listed");
  if (args.destinationRegions !== undefined) {
    if (!Array.isArray(args.destinationRegions) || args.destinationRegions.length === 0) fail("destinationRegions", args.destinationRegions, "a non-empty list of regions");
    // They become IAM condition values: a region AWS does not have would silently match nothing.
    const bad = args.destinationRegions.find((r) => awsRegionReason(r) !== undefined);
    if (bad !== undefined) fail("destinationRegions", bad, `region names AWS has, never a wildcard: ${awsRegionReason(bad)}`);
  }
  for (const [i, model] of models.entries()) {
    const argument = i === 0 ? "modelId" : `additionalModelIds[${i - 1}]`;
    if (model.geography === undefined) {
      checkOnDemand(COMPONENT, argument, model, region);
      continue;
    }
    if (args.accountId === undefined || args.accountId === "") fail("accountId", args.accountId, `the AWS account id: "${model.id}" is an inference profile, whose ARN names the account`);
    const destinations = args.destinationRegions ?? PROFILE_DESTINATIONS[model.geography];
    if (!destinations.includes("") && !destinations.includes(region)) {
      fail(argument, model.id, `a profile callable from ${region}: the "${model.geography}." profile serves ${destinations.join(", ")} (choose the profile of ${region}'s geography, or list destinationRegions)`);
    }
  }
  const accounts = args.serviceAccounts ?? [];
  if (!Array.isArray(accounts)) fail("serviceAccounts", accounts, "a list of service account names");
  if (accounts.length > 0) {
    if (args.cluster === undefined) fail("cluster", undefined, "the cluster's capabilities: serviceAccounts get the role through its workload identity");
    requireWorkloadIdentity(COMPONENT, args.cluster, `serviceAccounts need a role, but this ${args.cluster.kind} cluster cannot give pods one`);
    if (args.namespace === undefined || args.namespace === "") fail("namespace", args.namespace, "the namespace of serviceAccounts");
    const bad = accounts.find((a, i) => typeof a !== "string" || !SERVICE_ACCOUNT.test(a) || accounts.indexOf(a) !== i);
    if (bad !== undefined) fail("serviceAccounts", accounts, `distinct DNS-1123 service account names (${JSON.stringify(bad)})`);
  } else if (args.namespace !== undefined) {
    fail("namespace", args.namespace, "nothing without serviceAccounts (it names their namespace)");
  }
  if (args.guardrail !== undefined) validateGuardrail(args.guardrail);
  if (args.costGuard !== undefined) validateCostGuard(args.costGuard, models);
  if (args.invocationLogging !== undefined && (args.accountId === undefined || args.accountId === "")) fail("accountId", args.accountId, "the AWS account id: invocation logging trusts only this account's Bedrock");
  const retention = args.invocationLogging?.retentionDays;
  if (retention !== undefined && !(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) fail("invocationLogging.retentionDays", retention, `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
  return models;
}

function validateGuardrail(guardrail: GuardrailArgs): void {
  const L = BEDROCK_GUARDRAIL_LIMITS;
  const strengths = Object.values(GuardrailStrength) as string[];
  if (guardrail.contentFilterStrength !== undefined && !strengths.includes(guardrail.contentFilterStrength)) fail("guardrail.contentFilterStrength", guardrail.contentFilterStrength, `one of ${strengths.join(", ")}`);
  const topics = guardrail.deniedTopics ?? [];
  if (topics.length > L.deniedTopics) fail("guardrail.deniedTopics", `${topics.length} topics`, `at most ${L.deniedTopics} denied topics (Bedrock's quota per guardrail)`);
  topics.forEach((topic, i) => {
    if (!topic || typeof topic.name !== "string" || !new RegExp(`^[\\w\\- !?.]{1,${L.topicName}}$`).test(topic.name)) fail(`guardrail.deniedTopics[${i}].name`, topic?.name, `1-${L.topicName} letters, digits, spaces or -_!?.`);
    if (typeof topic.definition !== "string" || topic.definition.length < 1 || topic.definition.length > L.topicDefinition) fail(`guardrail.deniedTopics[${i}].definition`, topic.definition, `a definition of 1-${L.topicDefinition} characters`);
    const examples = topic.examples ?? [];
    if (examples.length > L.examplesPerTopic) fail(`guardrail.deniedTopics[${i}].examples`, `${examples.length} examples`, `at most ${L.examplesPerTopic} examples per topic`);
    const long = examples.find((e) => typeof e !== "string" || e.length < 1 || e.length > L.exampleLength);
    if (long !== undefined) fail(`guardrail.deniedTopics[${i}].examples`, long, `examples of 1-${L.exampleLength} characters`);
  });
  const words = guardrail.blockedWords ?? [];
  if (words.length > L.blockedWords) fail("guardrail.blockedWords", `${words.length} words`, `at most ${L.blockedWords} words (Bedrock's quota per word policy)`);
  const word = words.find((w) => typeof w !== "string" || w.trim() === "" || w.length > L.wordLength);
  if (word !== undefined) fail("guardrail.blockedWords", word, `non-empty words or phrases of at most ${L.wordLength} characters`);
  const types = L.piiEntityTypes as readonly string[];
  const pii = (guardrail.anonymizePii ?? []).find((p) => typeof p !== "string" || !types.includes(p));
  if (pii !== undefined) fail("guardrail.anonymizePii", pii, `Bedrock's PII entity types (${types.join(", ")})${typeof pii === "string" ? didYouMeanType(pii, types) : ""}`);
}

/** A near miss among Bedrock's PII types ("PHONE_NUMBER" -> "PHONE"). */
function didYouMeanType(given: string, types: readonly string[]): string {
  const match = types.find((t) => given.toUpperCase() === t) ?? types.find((t) => given.toUpperCase().startsWith(t) || t.startsWith(given.toUpperCase()));
  return match === undefined ? "" : `; did you mean ${match}?`;
}

/** Whether some model bills through AWS Marketplace rather than under the "Amazon Bedrock" service. */
export function billsThroughMarketplace(models: BedrockModel[]): boolean {
  return models.some((m) => MARKETPLACE_PROVIDERS.includes(m.foundationModelId.split(".")[0]));
}

function validateCostGuard(guard: CostGuardArgs, models: BedrockModel[]): void {
  const kinds = Object.values(CostGuardKind) as string[];
  if (!kinds.includes(guard.kind)) fail("costGuard.kind", guard.kind, `one of ${kinds.map((k) => `"${k}"`).join(", ")}`);
  if (typeof guard.monthlyLimitUsd !== "number" || !(guard.monthlyLimitUsd > 0)) fail("costGuard.monthlyLimitUsd", guard.monthlyLimitUsd, "a positive amount of US dollars");
  if (!Array.isArray(guard.emails) || guard.emails.length === 0) fail("costGuard.emails", guard.emails, "at least one email address to alert");
  const email = guard.emails.find((e) => typeof e !== "string" || !EMAIL.test(e));
  if (email !== undefined) fail("costGuard.emails", email, "email addresses");
  const threshold = (guard.thresholdPercents ?? []).find((t) => !Number.isInteger(t) || t < 1 || t > 1000);
  if (threshold !== undefined) fail("costGuard.thresholdPercents", threshold, "integer percentages 1-1000");
  if (guard.kind === CostGuardKind.Alarm && billsThroughMarketplace(models)) {
    fail("costGuard.kind", guard.kind, `"budget": these models bill through AWS Marketplace, which the alarm's AmazonBedrock charges never include (a budget counts the Marketplace spend too)`);
  }
}

/**
 * The description of the guardrail's numbered version: it names the content's
 * hash, so an edit of the guardrail replaces the version (a new number the
 * workloads then get) instead of leaving them on the old one.
 */
export function guardrailVersionDescription(guardrail: GuardrailArgs): string {
  return `Forja: guardrail content ${shortHash(JSON.stringify(guardrailInputs(guardrail)))}`;
}

/** Guardrail inputs: content filters and prompt-attack detection at one strength, denied topics, words, PII. */
export function guardrailInputs(guardrail: GuardrailArgs) {
  const g = withDefaults(GUARDRAIL_DEFAULTS, {
    blockedInputMessaging: guardrail.blockedInputMessaging,
    blockedOutputsMessaging: guardrail.blockedOutputsMessaging,
    contentFilterStrength: guardrail.contentFilterStrength,
  });
  const filters = GUARDRAIL_DEFAULTS.contentFilters.map((type) => ({ type, inputStrength: g.contentFilterStrength, outputStrength: g.contentFilterStrength }));
  // Prompt attacks are judged on input only; Bedrock requires NONE on output.
  filters.push({ type: "PROMPT_ATTACK" as never, inputStrength: g.contentFilterStrength, outputStrength: "NONE" as never });
  const topics = guardrail.deniedTopics ?? [];
  const words = guardrail.blockedWords ?? [];
  const pii = guardrail.anonymizePii ?? [];
  return {
    blockedInputMessaging: g.blockedInputMessaging,
    blockedOutputsMessaging: g.blockedOutputsMessaging,
    contentPolicyConfig: { filtersConfigs: filters },
    topicPolicyConfig: topics.length ? { topicsConfigs: topics.map((t) => ({ name: t.name, definition: t.definition, examples: t.examples ?? [], type: "DENY" })) } : undefined,
    wordPolicyConfig: { managedWordListsConfigs: [{ type: "PROFANITY" }], wordsConfigs: words.length ? words.map((text) => ({ text })) : undefined },
    sensitiveInformationPolicyConfig: pii.length ? { piiEntitiesConfigs: pii.map((type) => ({ type, action: "ANONYMIZE" })) } : undefined,
  };
}

/**
 * Budgets, monthly, emailing at each threshold of actual spend and at 100% of
 * forecast: one on the Bedrock service, and, when a model bills through AWS
 * Marketplace (Claude: "Claude ... (Amazon Bedrock Edition)"), one on the
 * Marketplace billing entity, which the first never counts. Budget filters
 * of different dimensions AND together, hence two budgets.
 */
export function budgetInputs(guard: CostGuardArgs, marketplace: boolean) {
  const c = withDefaults(COST_GUARD_DEFAULTS, { thresholdPercents: guard.thresholdPercents, costServices: guard.costServices });
  const notify = (threshold: number, notificationType: "ACTUAL" | "FORECASTED") => ({ comparisonOperator: "GREATER_THAN", threshold, thresholdType: "PERCENTAGE", notificationType, subscriberEmailAddresses: [...guard.emails] });
  const budget = (costFilters: { name: string; values: string[] }[]) => ({
    budgetType: "COST",
    timeUnit: "MONTHLY",
    limitAmount: guard.monthlyLimitUsd.toFixed(2),
    limitUnit: "USD",
    costFilters,
    notifications: [...c.thresholdPercents.map((t) => notify(t, "ACTUAL")), notify(100, "FORECASTED")],
  });
  const budgets = { bedrock: budget([{ name: "Service", values: [...c.costServices] }]) };
  return marketplace ? { ...budgets, marketplace: budget([{ name: "BillingEntity", values: [COST_GUARD_DEFAULTS.marketplaceBillingEntity] }]) } : budgets;
}

/** Billing alarm inputs: Bedrock's estimated month-to-date charges above the limit. */
export function billingAlarmInputs(guard: CostGuardArgs, topicArn: pulumi.Input<string>) {
  return {
    namespace: "AWS/Billing",
    metricName: "EstimatedCharges",
    dimensions: { ServiceName: COST_GUARD_DEFAULTS.billingService, Currency: "USD" },
    statistic: "Maximum",
    period: COST_GUARD_DEFAULTS.alarmPeriodSeconds,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: guard.monthlyLimitUsd,
    treatMissingData: "notBreaching",
    alarmDescription: `Amazon Bedrock month-to-date charges above ${guard.monthlyLimitUsd} USD`,
    alarmActions: [topicArn],
    // Billing metrics exist only there, whatever the caller's default region.
    region: COST_GUARD_DEFAULTS.billingRegion,
  };
}

/** Trust for Bedrock's logging delivery: this account's Bedrock in this region only (confused-deputy guard). */
export function invocationLoggingTrust(region: string, accountId: string): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: "bedrock.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": `arn:${awsPartition(region)}:bedrock:${region}:${accountId}:*` } },
    },
  ]);
}

export function invocationLoggingWriter(logGroupArn: string): PolicyDocument {
  return policyDocument([{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:log-stream:*` }]);
}

/** The env contract for workloads (see forja/genai-client): Bedrock also gets the seed's AWS_DEFAULT_REGION and BEDROCK_MODEL_ID. */
export function bedrockEnvironment(modelId: string, region: string): Record<string, string> {
  return {
    GENAI_PROVIDER: GenAiProvider.Bedrock,
    GENAI_BASE_URL: `https://bedrock-runtime.${region}.${awsDnsSuffix(region)}`,
    GENAI_MODEL_ID: modelId,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    BEDROCK_MODEL_ID: modelId,
  };
}
