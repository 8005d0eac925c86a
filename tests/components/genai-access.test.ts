import * as pulumi from "@pulumi/pulumi";
import { GenAiAccess } from "../../components/genai";
import type { GenAiAccessArgs } from "../../components/genai";
import { bedrockPolicy, parseBedrockModel, validateGenAiAccess } from "../../components/genai/values";
import { ForjaArgumentError } from "../../components/core";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { k3sCapabilities } from "../../components/platform/k3s";
import { record } from "../harness";
import type { Recorded } from "../harness";

const ACCOUNT = "123456789012";
const PROFILE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const PROFILE_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${PROFILE}`;
const SEED_MODEL = "anthropic.claude-3-5-sonnet-20241022-v2:0";
const ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABC";

function eks(kind: "pod-identity" | "irsa"): ClusterCapabilities {
  return {
    kind: "eks",
    storageClass: "gp3",
    ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [] },
    workloadIdentity: kind === "irsa" ? { kind, oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, issuerUrl: `https://${ISSUER}` } : { kind, clusterName: "forja" },
    region: "us-east-1",
    nodeArchitecture: "amd64",
    gpu: false,
    imageMirrors: {},
  };
}

const airflow: GenAiAccessArgs = { provider: "bedrock", accountId: ACCOUNT, cluster: eks("pod-identity"), namespace: "airflow", serviceAccounts: ["airflow-worker", "airflow-triggerer"] };

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("Bedrock policy", () => {
  const FOUNDATION = "anthropic.claude-sonnet-4-5-20250929-v1:0";
  it("allows the profile, and its foundation model in any region (bedrock:*) only through that profile: nothing else", () => {
    expect(bedrockPolicy([parseBedrockModel("modelId", PROFILE)], "us-east-1", ACCOUNT)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "InvokeChosenModels", Effect: "Allow", Action: ACTIONS, Resource: [PROFILE_ARN] },
        {
          Sid: "FoundationModelsThroughProfile1",
          Effect: "Allow",
          Action: ACTIONS,
          Resource: `arn:aws:bedrock:*::foundation-model/${FOUNDATION}`,
          Condition: { StringEquals: { "bedrock:InferenceProfileArn": PROFILE_ARN } },
        },
      ],
    });
  });

  it("never grants a region wildcard without the profile condition", () => {
    const models = [PROFILE, "eu.anthropic.claude-haiku-4-5-20251001-v1:0", "global.anthropic.claude-opus-4-5-20251101-v1:0", SEED_MODEL].map((id) => parseBedrockModel("modelId", id));
    const wildcards = bedrockPolicy(models, "us-west-2", ACCOUNT).Statement.filter((statement) => JSON.stringify(statement.Resource).includes("bedrock:*"));
    expect(wildcards.map((statement) => statement.Condition?.StringEquals?.["bedrock:InferenceProfileArn"])).toEqual(models.filter((m) => m.geography).map((m) => expect.stringContaining(`:inference-profile/${m.id}`)));
  });

  it("grants the seed's on-demand model as its foundation-model ARN in the region only", () => {
    expect(bedrockPolicy([parseBedrockModel("modelId", SEED_MODEL)], "us-west-2", ACCOUNT).Statement).toEqual([
      { Sid: "InvokeChosenModels", Effect: "Allow", Action: ACTIONS, Resource: [`arn:aws:bedrock:us-west-2::foundation-model/${SEED_MODEL}`] },
    ]);
  });

  it("follows the partition (GovCloud)", () => {
    const gov = bedrockPolicy([parseBedrockModel("modelId", "us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0")], "us-gov-west-1", ACCOUNT);
    expect(gov.Statement[0].Resource).toEqual([`arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:inference-profile/us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0`]);
    expect(gov.Statement[1].Resource).toBe("arn:aws-us-gov:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0");
  });

  it("with a guardrail, allows only calls that name its version (bedrock:GuardrailIdentifier) and ApplyGuardrail on it", () => {
    const haiku = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    const guardrail = { arn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/abc`, version: "3" };
    const policy = bedrockPolicy([PROFILE, haiku].map((id) => parseBedrockModel("modelId", id)), "us-east-1", ACCOUNT, guardrail);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["InvokeChosenModels", "FoundationModelsThroughProfile1", "FoundationModelsThroughProfile2", "ApplyGuardrail"]);
    const enforced = `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/abc:3`;
    expect(policy.Statement[0].Condition).toEqual({ StringEquals: { "bedrock:GuardrailIdentifier": enforced } });
    expect(policy.Statement[2].Condition).toEqual({ StringEquals: { "bedrock:GuardrailIdentifier": enforced, "bedrock:InferenceProfileArn": `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${haiku}` } });
    expect(policy.Statement[3]).toEqual({ Sid: "ApplyGuardrail", Effect: "Allow", Action: "bedrock:ApplyGuardrail", Resource: guardrail.arn });
  });
});

describe("validateGenAiAccess", () => {
  it.each<[string, Partial<GenAiAccessArgs>, RegExp]>([
    ["a model id of the wrong shape", { modelId: "claude-sonnet" }, /argument "modelId" was "claude-sonnet"; expected a foundation model id/],
    ["a profile that does not serve the region", { modelId: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" }, /"modelId" .*expected a profile callable from us-east-1: the "eu\." profile serves eu-central-1/],
    ["a profile without the account id", { accountId: undefined }, /argument "accountId" was missing; expected the AWS account id: "us\.anthropic/],
    ["a wildcard destination", { destinationRegions: ["us-*"] }, /argument "destinationRegions" was "us-\*"; expected region names AWS has, never a wildcard/],
    ["service accounts on a cluster without workload identity", { cluster: k3sCapabilities({}), region: "us-east-1" }, /"cluster.workloadIdentity.kind" was "none"; expected "irsa" or "pod-identity": serviceAccounts need a role/],
    ["service accounts without a namespace", { namespace: undefined }, /argument "namespace" was missing; expected the namespace of serviceAccounts/],
    ["a key for Bedrock", { apiKey: "sk-1" }, /argument "apiKey" was "\[secret\]"; expected nothing with provider "bedrock"/],
    ["a billing alarm for Claude", { costGuard: { kind: "alarm", monthlyLimitUsd: 100, emails: ["a@b.co"] } }, /"costGuard.kind" was "alarm"; expected "budget": these models bill through AWS Marketplace/],
    ["a retention CloudWatch refuses", { invocationLogging: { retentionDays: 10 } }, /"invocationLogging.retentionDays" was 10; expected one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120/],
    ["the seed's on-demand model outside its region", { modelId: SEED_MODEL }, /"modelId" was "anthropic.claude-3-5-sonnet-20241022-v2:0"; expected a model served on demand in us-east-1: AWS serves it on demand in us-west-2 only/],
    ["Claude 4 on demand", { modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0" }, /"modelId" .*expected an inference profile id: AWS serves this model on demand only through one \(e.g. "us.anthropic/],
    ["a cost guard nobody hears", { costGuard: { kind: "budget", monthlyLimitUsd: 100, emails: [] } }, /"costGuard.emails".*at least one email/],
    ["an unknown provider", { provider: "vertex" as never }, /argument "provider" was "vertex"; expected one of "bedrock", "ollama", "openai"/],
    ["Ollama without a URL", { provider: "ollama", cluster: undefined, namespace: undefined, serviceAccounts: undefined, accountId: undefined, modelId: "llama3.2:3b" }, /argument "baseUrl" was missing; expected the ollama server's URL/],
    ["Ollama with Bedrock settings", { provider: "ollama", baseUrl: "http://ollama:11434", modelId: "llama3.2:3b" }, /argument "accountId" .*expected nothing with provider "ollama": it applies to Bedrock only/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateGenAiAccess({ ...airflow, ...change })).toThrow(expected);
  });

  it("gives a plain-JS caller a ForjaArgumentError, never a TypeError", () => {
    expect(() => validateGenAiAccess(undefined)).toThrow(ForjaArgumentError);
    expect(() => new GenAiAccess("x", undefined as never)).toThrow(/GenAiAccess: argument "args" was missing/);
  });

  it("accepts the seed's on-demand model where AWS serves it, the default profile, and a profile from a region added to its geography", () => {
    expect(validateGenAiAccess({ ...airflow, region: "us-west-2", modelId: SEED_MODEL }).map((m) => m.geography)).toEqual([undefined]);
    expect(validateGenAiAccess({ ...airflow, region: "eu-west-2", modelId: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" })).toHaveLength(1);
    expect(validateGenAiAccess(airflow).map((m) => m.id)).toEqual([PROFILE]);
  });
});

describe("GenAiAccess on EKS with Pod Identity (the Airflow workers)", () => {
  let recorded: Recorded;
  let access: GenAiAccess;
  let env: Record<string, string>;
  beforeAll(async () => {
    recorded = await record(() => {
      access = new GenAiAccess("genai", {
        ...airflow,
        guardrail: { deniedTopics: [{ name: "investment advice", definition: "Recommendations to buy or sell securities." }], anonymizePii: ["EMAIL"] },
        invocationLogging: {},
        costGuard: { kind: "budget", monthlyLimitUsd: 500, emails: ["finops@example.com"] },
      });
    });
    env = Object.fromEntries(await Promise.all(Object.entries(access.env).map(async ([k, v]) => [k, await value(v)])));
  });

  it("creates exactly the role, its policy, one association per service account, the guardrail and version, logging and the budget", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:GenAiAccess": 1,
      "forja:index:WorkloadRole": 1,
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicy:RolePolicy": 2,
      "aws:eks/podIdentityAssociation:PodIdentityAssociation": 2,
      "aws:bedrock/guardrail:Guardrail": 1,
      "aws:bedrock/guardrailVersion:GuardrailVersion": 1,
      "aws:cloudwatch/logGroup:LogGroup": 1,
      "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration": 1,
      "aws:budgets/budget:Budget": 2,
    });
  });

  it("binds the role to exactly the named service accounts of the namespace", () => {
    const role = recorded.one("aws:iam/role:Role", "genai-role-role");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
    expect(recorded.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").map((r) => r.inputs)).toEqual([
      expect.objectContaining({ clusterName: "forja", namespace: "airflow", serviceAccount: "airflow-worker", roleArn: role.outputs.arn }),
      expect.objectContaining({ clusterName: "forja", namespace: "airflow", serviceAccount: "airflow-triggerer", roleArn: role.outputs.arn }),
    ]);
  });

  it("attaches exactly the Bedrock policy, enforcing its own guardrail's pinned version", () => {
    const guardrailArn = recorded.one("aws:bedrock/guardrail:Guardrail").outputs.guardrailArn as string;
    const policy = JSON.parse(String(recorded.one("aws:iam/rolePolicy:RolePolicy", "genai-role-bedrock").inputs.policy));
    expect(policy).toEqual(bedrockPolicy([parseBedrockModel("modelId", PROFILE)], "us-east-1", ACCOUNT, { arn: guardrailArn, version: "1" }));
    expect(policy.Statement[0].Condition).toEqual({ StringEquals: { "bedrock:GuardrailIdentifier": `${guardrailArn}:1` } });
    expect(policy.Statement.flatMap((s: { Action: string | string[] }) => s.Action)).toEqual([...ACTIONS, ...ACTIONS, "bedrock:ApplyGuardrail"]);
  });

  it("configures the guardrail's filters, topics, words and PII, and pins a version", () => {
    const guardrail = recorded.one("aws:bedrock/guardrail:Guardrail").inputs;
    expect(guardrail).toMatchObject({
      region: "us-east-1",
      blockedInputMessaging: "This request is not allowed.",
      topicPolicyConfig: { topicsConfigs: [{ name: "investment advice", definition: "Recommendations to buy or sell securities.", examples: [], type: "DENY" }] },
      wordPolicyConfig: { managedWordListsConfigs: [{ type: "PROFANITY" }] },
      sensitiveInformationPolicyConfig: { piiEntitiesConfigs: [{ type: "EMAIL", action: "ANONYMIZE" }] },
    });
    const filters = (guardrail.contentPolicyConfig as { filtersConfigs: { type: string; inputStrength: string; outputStrength: string }[] }).filtersConfigs;
    expect(filters.map((f) => `${f.type}:${f.inputStrength}/${f.outputStrength}`)).toEqual(["HATE:HIGH/HIGH", "INSULTS:HIGH/HIGH", "SEXUAL:HIGH/HIGH", "VIOLENCE:HIGH/HIGH", "MISCONDUCT:HIGH/HIGH", "PROMPT_ATTACK:HIGH/NONE"]);
  });

  it("budgets Claude's spend on AWS Marketplace too: the Bedrock service budget never counts it", () => {
    expect(recorded.one("aws:budgets/budget:Budget", "genai-marketplace-budget").inputs).toMatchObject({ limitAmount: "500.00", costFilters: [{ name: "BillingEntity", values: ["AWS Marketplace"] }] });
  });

  it("budgets monthly Bedrock spend, emailing at 80% and 100% actual and 100% forecast", () => {
    expect(recorded.one("aws:budgets/budget:Budget", "genai-budget").inputs).toMatchObject({
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: "500.00",
      limitUnit: "USD",
      costFilters: [{ name: "Service", values: ["Amazon Bedrock"] }],
      notifications: [
        { comparisonOperator: "GREATER_THAN", threshold: 80, thresholdType: "PERCENTAGE", notificationType: "ACTUAL", subscriberEmailAddresses: ["finops@example.com"] },
        { comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", notificationType: "ACTUAL", subscriberEmailAddresses: ["finops@example.com"] },
        { comparisonOperator: "GREATER_THAN", threshold: 100, thresholdType: "PERCENTAGE", notificationType: "FORECASTED", subscriberEmailAddresses: ["finops@example.com"] },
      ],
    });
  });

  it("logs invocations to a 30-day log group through a role only this account's Bedrock can assume", () => {
    const group = recorded.one("aws:cloudwatch/logGroup:LogGroup");
    expect(group.inputs.retentionInDays).toBe(30);
    const trust = JSON.parse(String(recorded.one("aws:iam/role:Role", "genai-invocation-logging").inputs.assumeRolePolicy));
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:bedrock:us-east-1:${ACCOUNT}:*` } });
    expect(JSON.parse(String(recorded.one("aws:iam/rolePolicy:RolePolicy", "genai-invocation-logging").inputs.policy)).Statement[0].Resource).toBe(`${group.outputs.arn}:log-stream:*`);
    expect(recorded.one("aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration").inputs.loggingConfig).toMatchObject({
      cloudwatchConfig: { logGroupName: group.outputs.name },
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: false,
    });
  });

  it("exports the env contract (with the seed's names) and the service accounts to run as", async () => {
    expect(env).toEqual({
      GENAI_PROVIDER: "bedrock",
      GENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com",
      GENAI_MODEL_ID: PROFILE,
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      BEDROCK_MODEL_ID: PROFILE,
      GENAI_GUARDRAIL_ID: recorded.one("aws:bedrock/guardrail:Guardrail").outputs.guardrailArn,
      GENAI_GUARDRAIL_VERSION: "1",
    });
    expect(access.serviceAccounts).toEqual(["airflow-worker", "airflow-triggerer"]);
    expect(await value(access.serviceAccountAnnotations)).toEqual({});
    expect(access.egress).toEqual([{ cidr: "169.254.170.23/32", ports: [80] }, { cidr: "0.0.0.0/0", ports: [443] }]);
  });

  it("passes every policy rule", () => {
    expect(recorded.policyViolations()).toEqual([]);
  });
});

describe("Guardrail versions follow the guardrail's content", () => {
  const versionOf = async (topics: { name: string; definition: string }[]) => {
    const recorded = await record(() => new GenAiAccess("genai", { ...airflow, guardrail: { deniedTopics: topics } }));
    return recorded.one("aws:bedrock/guardrailVersion:GuardrailVersion");
  };

  it("changing the denied topics changes the version's description, which replaces it (a new number for the workloads)", async () => {
    const before = await versionOf([{ name: "investment advice", definition: "Recommendations to buy or sell securities." }]);
    const after = await versionOf([{ name: "investment advice", definition: "Recommendations to buy, sell or hold securities." }]);
    expect(before.inputs.description).not.toEqual(after.inputs.description);
  });
});

describe("GenAiAccess variants", () => {
  it("with IRSA trusts exactly system:serviceaccount:<ns>:<sa> for each, with no associations", async () => {
    const recorded = await record(() => new GenAiAccess("genai", { ...airflow, cluster: eks("irsa"), region: "us-west-2", modelId: SEED_MODEL }));
    const trust = JSON.parse(String(recorded.one("aws:iam/role:Role").inputs.assumeRolePolicy));
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { [`${ISSUER}:sub`]: ["system:serviceaccount:airflow:airflow-worker", "system:serviceaccount:airflow:airflow-triggerer"], [`${ISSUER}:aud`]: "sts.amazonaws.com" },
    });
    expect(recorded.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")).toHaveLength(0);
    expect(JSON.parse(String(recorded.one("aws:iam/rolePolicy:RolePolicy").inputs.policy)).Statement).toEqual([
      { Sid: "InvokeChosenModels", Effect: "Allow", Action: ACTIONS, Resource: [`arn:aws:bedrock:us-west-2::foundation-model/${SEED_MODEL}`] },
    ]);
  });

  it("without service accounts makes no role: only the policy, for a WebService's rolePolicies", async () => {
    let access: GenAiAccess | undefined;
    const recorded = await record(() => (access = new GenAiAccess("genai", { provider: "bedrock", region: "us-west-2", modelId: SEED_MODEL })));
    expect(recorded.counts()).toEqual({ "forja:index:GenAiAccess": 1 });
    expect(JSON.parse((await value((access as GenAiAccess).policyJson)) as string).Statement[0].Resource).toEqual([`arn:aws:bedrock:us-west-2::foundation-model/${SEED_MODEL}`]);
  });

  it("alarms on Bedrock's estimated charges through an SNS topic with one email subscription each, all in us-east-1 whatever the workloads' region", async () => {
    const recorded = await record(
      () => new GenAiAccess("genai", { ...airflow, region: "us-west-2", modelId: "us.amazon.nova-pro-v1:0", costGuard: { kind: "alarm", monthlyLimitUsd: 250, emails: ["a@example.com", "b@example.com"] } }),
    );
    const topic = recorded.one("aws:sns/topic:Topic");
    expect([topic, ...recorded.ofType("aws:sns/topicSubscription:TopicSubscription"), recorded.one("aws:cloudwatch/metricAlarm:MetricAlarm")].map((r) => r.inputs.region)).toEqual(["us-east-1", "us-east-1", "us-east-1", "us-east-1"]);
    expect(recorded.ofType("aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs)).toEqual([
      expect.objectContaining({ topic: topic.outputs.arn, protocol: "email", endpoint: "a@example.com" }),
      expect.objectContaining({ topic: topic.outputs.arn, protocol: "email", endpoint: "b@example.com" }),
    ]);
    expect(recorded.one("aws:cloudwatch/metricAlarm:MetricAlarm").inputs).toMatchObject({
      namespace: "AWS/Billing",
      metricName: "EstimatedCharges",
      dimensions: { ServiceName: "AmazonBedrock", Currency: "USD" },
      threshold: 250,
      comparisonOperator: "GreaterThanThreshold",
      alarmActions: [topic.outputs.arn],
    });
    expect(recorded.ofType("aws:budgets/budget:Budget")).toHaveLength(0);
  });

  it("for Ollama exports the endpoint contract and creates nothing", async () => {
    let access: GenAiAccess | undefined;
    const recorded = await record(() => (access = new GenAiAccess("genai", { provider: "ollama", baseUrl: "http://ollama.forja.svc.cluster.local:11434", modelId: "llama3.2:3b" })));
    expect(recorded.counts()).toEqual({ "forja:index:GenAiAccess": 1 });
    const a = access as GenAiAccess;
    expect(await value(a.env.GENAI_BASE_URL)).toBe("http://ollama.forja.svc.cluster.local:11434");
    expect([await value(a.env.GENAI_PROVIDER), await value(a.env.GENAI_MODEL_ID), Object.keys(a.env).sort(), a.secretEnv]).toEqual(["ollama", "llama3.2:3b", ["GENAI_BASE_URL", "GENAI_MODEL_ID", "GENAI_PROVIDER"], {}]);
  });

  it("hands out the in-cluster server's peer as egress, so a client's default-deny policy can reach it", async () => {
    let access: GenAiAccess | undefined;
    const peer = { podLabels: { "app.kubernetes.io/name": "ollama", "app.kubernetes.io/instance": "ollama" }, ports: [11434] };
    await record(() => (access = new GenAiAccess("genai", { provider: "ollama", baseUrl: "http://ollama.forja.svc.cluster.local:11434", modelId: "llama3.2:3b", peer })));
    expect((access as GenAiAccess).egress).toEqual([peer]);
    expect(() => validateGenAiAccess({ provider: "ollama", baseUrl: "http://ollama:11434", modelId: "m", peer: { podLabels: { app: "ollama" } } })).toThrow(/argument "peer" .*expected where the server runs, with its port/);
  });

  it("for an OpenAI-compatible gateway delivers the key as a secret", async () => {
    let access: GenAiAccess | undefined;
    await record(() => (access = new GenAiAccess("genai", { provider: "openai", baseUrl: "http://llm-gateway:4000", modelId: "claude-sonnet", apiKey: "sk-virtual" })));
    const key = (access as GenAiAccess).secretEnv.GENAI_API_KEY;
    expect(await pulumi.isSecret(key)).toBe(true);
    expect(await value(key)).toBe("sk-virtual");
  });
});
