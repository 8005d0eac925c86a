import type * as awsModule from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type * as workloadRoleModule from "../aws/workload-role";
import { withDefaults } from "../core/defaults";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import type { GenAiAccessArgs } from "./args";
import { CostGuardKind, GenAiProvider } from "./args";
import { COST_GUARD_DEFAULTS, INVOCATION_LOGGING_DEFAULTS } from "./defaults";
import type { BedrockModel } from "./values";
import {
  bedrockEnvironment,
  bedrockPolicy,
  billingAlarmInputs,
  billsThroughMarketplace,
  budgetInputs,
  guardrailInputs,
  guardrailVersionDescription,
  invocationLoggingTrust,
  invocationLoggingWriter,
  validateGenAiAccess,
} from "./values";

/** AWS SDKs load only for Bedrock, so Ollama and OpenAI-compatible users need no @pulumi/aws. */
function aws(): typeof awsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@pulumi/aws") as typeof awsModule;
}
function workloadRoles(): typeof workloadRoleModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../aws/workload-role") as typeof workloadRoleModule;
}

/**
 * How workloads reach a model, one interface on every target: Bedrock through
 * a least-privilege role (EKS), or an Ollama / OpenAI-compatible endpoint
 * (K3s, any cluster, ACI). Every realisation exports the same env contract
 * (`env`, plus `secretEnv` for a key) and, for Bedrock, the role and the
 * service accounts that run as it.
 */
export class GenAiAccess extends pulumi.ComponentResource {
  /** GENAI_PROVIDER, GENAI_BASE_URL, GENAI_MODEL_ID; Bedrock adds AWS_REGION, AWS_DEFAULT_REGION, BEDROCK_MODEL_ID (and GENAI_GUARDRAIL_ID/VERSION). Spread into a WebService's `env`. */
  readonly env: Record<string, pulumi.Output<string>>;
  /** GENAI_API_KEY for an OpenAI-compatible server with a key; spread into `secretEnv`. */
  readonly secretEnv: Record<string, pulumi.Output<string>>;
  /** Bedrock: the least-privilege policy (JSON), for a WebService's `rolePolicies` or any role. */
  readonly policyJson: pulumi.Output<string | undefined>;
  /** Bedrock with serviceAccounts: the role they run as. */
  readonly roleArn: pulumi.Output<string | undefined>;
  /** Put these on the service accounts (IRSA's role annotation; none for Pod Identity). */
  readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
  /** The service accounts to run as (empty: the workload's own, with policyJson). */
  readonly serviceAccounts: string[];
  /**
   * NetworkPolicy egress a workload with the env contract needs: the server's
   * pods (`peer`), or with Bedrock the credential endpoints of the role.
   * Spread into a WebService's `networkPolicy.egressTo`.
   */
  readonly egress: Peer[];
  /** The Bedrock guardrail's ID, unset without a guardrail. */
  readonly guardrailId: pulumi.Output<string | undefined>;
  /** The guardrail version requests pin, unset without a guardrail. */
  readonly guardrailVersion: pulumi.Output<string | undefined>;

  constructor(name: string, args: GenAiAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const models = validateGenAiAccess(args);
    super("forja:index:GenAiAccess", name, {}, opts);
    this.serviceAccounts = [...(args.serviceAccounts ?? [])];
    this.secretEnv = {};
    if (args.provider !== GenAiProvider.Bedrock) {
      this.env = { GENAI_PROVIDER: pulumi.output(args.provider), GENAI_BASE_URL: pulumi.output(args.baseUrl as pulumi.Input<string>), GENAI_MODEL_ID: pulumi.output(args.modelId as string) };
      if (args.apiKey !== undefined) this.secretEnv.GENAI_API_KEY = pulumi.secret(args.apiKey);
      this.policyJson = pulumi.output(undefined);
      this.roleArn = pulumi.output(undefined);
      this.serviceAccountAnnotations = pulumi.output<Record<string, string>>({});
      this.egress = args.peer ? [{ ...args.peer }] : [];
      this.guardrailId = pulumi.output(undefined);
      this.guardrailVersion = pulumi.output(undefined);
      this.registerOutputs({ env: this.env });
      return;
    }

    const a = aws();
    const parent = { parent: this };
    const region = (args.region ?? args.cluster?.region) as string;
    const tags = args.tags ?? {};
    const guardrail = args.guardrail
      ? new a.bedrock.Guardrail(childName(name, "guardrail"), { ...guardrailInputs(args.guardrail), region, description: `Forja GenAiAccess ${name}`, tags }, parent)
      : undefined;
    // A numbered version is immutable: workloads pin it. Its description hashes the content, so an edit replaces it (a new number).
    const guardrailVersion =
      guardrail && args.guardrail
        ? new a.bedrock.GuardrailVersion(
            childName(name, "guardrail-version"),
            { guardrailArn: guardrail.guardrailArn, region, description: guardrailVersionDescription(args.guardrail) },
            { parent: this, replaceOnChanges: ["description"] },
          )
        : undefined;

    // With a guardrail, the role may only call models with it: workloads cannot skip it.
    const policy = pulumi
      .all([pulumi.output(args.accountId ?? ""), guardrail?.guardrailArn, guardrailVersion?.version])
      .apply(([accountId, arn, version]) => JSON.stringify(bedrockPolicy(models, region, accountId, arn !== undefined && version !== undefined ? { arn, version } : undefined)));
    const role =
      this.serviceAccounts.length > 0
        ? new (workloadRoles().WorkloadRole)(
            childName(name, "role"),
            {
              identity: args.cluster!.workloadIdentity,
              namespace: args.namespace as pulumi.Input<string>,
              serviceAccounts: this.serviceAccounts,
              policies: { bedrock: policy },
              region,
              description: `Bedrock access for ${this.serviceAccounts.join(", ")}`,
              tags,
            },
            parent,
          )
        : undefined;

    if (args.invocationLogging) this.invocationLogging(name, args, region, tags);
    if (args.costGuard) this.costGuard(name, args, models, tags);

    const env: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(bedrockEnvironment(models[0].id, region)).map(([k, v]) => [k, pulumi.output(v)]));
    if (guardrail && guardrailVersion) {
      // The ARN, not the bare id: exactly what the role's bedrock:GuardrailIdentifier condition names.
      env.GENAI_GUARDRAIL_ID = guardrail.guardrailArn;
      env.GENAI_GUARDRAIL_VERSION = guardrailVersion.version;
    }
    this.env = env;
    this.policyJson = policy;
    this.roleArn = pulumi.output(role?.roleArn);
    this.serviceAccountAnnotations = role?.serviceAccountAnnotations ?? pulumi.output<Record<string, string>>({});
    this.egress = role?.egress ?? [];
    this.guardrailId = pulumi.output(guardrail?.guardrailId);
    this.guardrailVersion = pulumi.output(guardrailVersion?.version);
    this.registerOutputs({ env: this.env, policyJson: this.policyJson, roleArn: this.roleArn, guardrailId: this.guardrailId, guardrailVersion: this.guardrailVersion });
  }

  /** Per account and region, one configuration: whoever applies last wins (docs/components/gen-ai-access.md). */
  private invocationLogging(name: string, args: GenAiAccessArgs, region: string, tags: Record<string, string>): void {
    const a = aws();
    const parent = { parent: this };
    const logging = withDefaults(INVOCATION_LOGGING_DEFAULTS, { retentionDays: args.invocationLogging?.retentionDays, textData: args.invocationLogging?.textData });
    const group = new a.cloudwatch.LogGroup(childName(name, "invocations"), { region, retentionInDays: logging.retentionDays, tags }, parent);
    const role = new a.iam.Role(
      childName(name, "invocation-logging"),
      { assumeRolePolicy: pulumi.output(args.accountId as pulumi.Input<string>).apply((account) => JSON.stringify(invocationLoggingTrust(region, account))), description: "Bedrock delivers model invocation logs", tags },
      parent,
    );
    const writer = new a.iam.RolePolicy(childName(name, "invocation-logging"), { role: role.id, policy: group.arn.apply((arn) => JSON.stringify(invocationLoggingWriter(arn))) }, parent);
    new a.bedrockmodel.InvocationLoggingConfiguration(
      childName(name, "invocation-logging"),
      {
        region,
        loggingConfig: {
          cloudwatchConfig: { logGroupName: group.name, roleArn: role.arn },
          textDataDeliveryEnabled: logging.textData,
          imageDataDeliveryEnabled: false,
          embeddingDataDeliveryEnabled: false,
          videoDataDeliveryEnabled: false,
        },
      },
      { parent: this, dependsOn: [writer] },
    );
  }

  private costGuard(name: string, args: GenAiAccessArgs, models: BedrockModel[], tags: Record<string, string>): void {
    const a = aws();
    const parent = { parent: this };
    const guard = args.costGuard!;
    if (guard.kind === CostGuardKind.Budget) {
      const budgets = budgetInputs(guard, billsThroughMarketplace(models));
      new a.budgets.Budget(childName(name, "budget"), { ...budgets.bedrock, tags }, parent);
      if ("marketplace" in budgets) new a.budgets.Budget(childName(name, "marketplace-budget"), { ...budgets.marketplace, tags }, parent);
      return;
    }
    // Billing metrics, and so the alarm and the topic it notifies, live in us-east-1 only.
    const region = COST_GUARD_DEFAULTS.billingRegion;
    const topic = new a.sns.Topic(childName(name, "cost-alerts"), { region, tags }, parent);
    guard.emails.forEach((email, i) => new a.sns.TopicSubscription(childName(name, `cost-alert-${i + 1}`), { region, topic: topic.arn, protocol: "email", endpoint: email }, parent));
    new a.cloudwatch.MetricAlarm(childName(name, "cost-alarm"), { ...billingAlarmInputs(guard, topic.arn), tags }, parent);
  }
}
