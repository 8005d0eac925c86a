/**
 * Mocks that answer like the real providers would, enough for the program to
 * wire outputs into inputs: ARNs, ids, kubeconfigs, OIDC fields, IPs. Any
 * invoke they do not know is an error: a silent `{}` would hide a missing mock.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { ChartRenderer } from "./helm/renderer";
import { resolveChartSettings } from "./helm/settings";
import type { ChartRenderSettings } from "./helm/settings";

/** The Kubernetes version charts render for unless told otherwise: the one Forja's EKS clusters pin. */
export const DEFAULT_KUBERNETES_VERSION = "1.35";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const MOCK_TENANT_ID = "11111111-1111-1111-1111-111111111111";

export interface MockSettings {
  /** @default "123456789012" */
  awsAccountId?: string;
  /** @default "us-east-1" */
  awsRegion?: string;
  /** @default "eastus" */
  azureLocation?: string;
  /**
   * Answers for invokes these mocks do not know, by token (`"aws:ec2/getAmi:getAmi"`): a function of the invoke's inputs.
   * @default {}
   */
  invokes?: Record<string, InvokeAnswer>;
  /**
   * Outputs for resource types of your own, by type token: merged over the generic answer (inputs plus `id`, `arn`, `name`).
   * @default {}
   */
  resources?: Record<string, ResourceAnswer>;
  /**
   * How `helm.sh/v4:Chart`s and `helm.sh/v3:Release`s are rendered with a real Helm (where Helm and the
   * chart packages come from), or `false` to record charts as their inputs only.
   * @default {} (Helm and charts found as `ChartRenderSettings` describes)
   */
  charts?: ChartRenderSettings | false;
  /** The target cluster's Kubernetes version charts render for (`.Capabilities.KubeVersion`). @default "1.35" */
  kubernetesVersion?: string;
}

/** The result of an invoke, from its inputs. */
export type InvokeAnswer = (inputs: Record<string, unknown>) => Record<string, unknown>;
/** Extra outputs of a resource, from its name and inputs. */
export type ResourceAnswer = (name: string, inputs: Record<string, unknown>) => Record<string, unknown>;

type State = Record<string, unknown>;

/** azure-native types whose name field is not `<kind>Name`. */
const AZURE_NAME_FIELDS: Record<string, string> = {
  "azure-native:managedidentity:UserAssignedIdentity": "resourceName",
  "azure-native:resources:ResourceGroup": "resourceGroupName",
  "azure-native:cosmosdb:DatabaseAccount": "accountName",
  "azure-native:storage:StorageAccount": "accountName",
  "azure-native:cosmosdb:MongoDBResourceMongoDBDatabase": "databaseName",
  "azure-native:cosmosdb:MongoDBResourceMongoRoleDefinition": "mongoRoleDefinitionId",
  "azure-native:cosmosdb:MongoDBResourceMongoUserDefinition": "mongoUserDefinitionId",
  "azure-native:storage:FileShare": "shareName",
};

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A stable, plausible IPv4 from a name, in the TEST-NET-3 documentation range. */
function testIp(name: string): string {
  return `203.0.113.${(parseInt(digest(name, 4), 16) % 250) + 1}`;
}

export class ForjaMocks implements pulumi.runtime.Mocks {
  private readonly region: string;
  private readonly location: string;
  private readonly account: string;
  private readonly invokes: Record<string, InvokeAnswer>;
  private readonly resources: Record<string, ResourceAnswer>;
  /** Renders charts for the recording monitor; undefined when rendering is off. */
  readonly chartRenderer?: ChartRenderer;

  constructor(settings: MockSettings = {}) {
    if (settings.charts !== false && resolveChartSettings(settings.charts).render) this.chartRenderer = new ChartRenderer(settings.charts ?? {}, settings.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
    this.invokes = settings.invokes ?? {};
    this.resources = settings.resources ?? {};
    this.account = settings.awsAccountId ?? MOCK_ACCOUNT_ID;
    this.region = settings.awsRegion ?? "us-east-1";
    this.location = settings.azureLocation ?? "eastus";
  }

  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    const answer = this.invokes[args.token];
    if (answer) return answer(args.inputs);
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId: this.account, arn: `arn:aws:iam::${this.account}:user/forja`, userId: "AIDAFORJA", id: this.account };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
      case "aws:index/getRegion:getRegion":
        return { name: this.region, region: this.region, id: this.region, endpoint: `ec2.${this.region}.amazonaws.com` };
      case "aws:index/getAvailabilityZones:getAvailabilityZones": {
        const names = ["a", "b", "c", "d"].map((suffix) => `${this.region}${suffix}`);
        return { names, zoneIds: names.map((_, i) => `use1-az${i + 1}`), id: this.region };
      }
      case "azure-native:operationalinsights:getSharedKeys":
        return { primarySharedKey: Buffer.from(digest(`workspace-key-${String(args.inputs.workspaceName)}`, 64), "hex").toString("base64"), secondarySharedKey: "" };
      case "azure-native:storage:listStorageAccountKeys": {
        const key = Buffer.from(digest(`storage-key-${String(args.inputs.accountName)}`, 64), "hex").toString("base64");
        return { keys: [{ keyName: "key1", permissions: "FULL", value: key, creationTime: "2026-01-01T00:00:00Z" }] };
      }
      case "azure-native:authorization:getClientConfig":
        return { clientId: "22222222-2222-2222-2222-222222222222", objectId: "33333333-3333-3333-3333-333333333333", subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID };
      case "pulumi:pulumi:getResource":
        return { urn: args.inputs.urn, id: "", state: {} };
      default:
        throw new Error(`Mock not implemented for invoke ${args.token}: answer it with \`invokes\` in the mock settings, or add a realistic answer to components/testing/mocks.ts`);
    }
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: State } {
    const own = this.resources[args.type];
    const state = { ...this.outputs(args.type, args.name, args.inputs), ...own?.(args.name, args.inputs) };
    const id = (state.id as string | undefined) ?? `${args.name}-id`;
    return { id, state };
  }

  private outputs(type: string, name: string, inputs: State): State {
    const [pkg] = type.split(":");
    if (type === "eks:index:Cluster") return this.eksCluster(name, inputs);
    if (type.startsWith("kubernetes:helm.sh/")) return { ...inputs, name: inputs.name ?? name, status: { status: "deployed", version: 1 }, resources: [] };
    if (pkg === "kubernetes") return this.kubernetesObject(name, inputs);
    if (pkg === "aws") return this.awsResource(type, name, inputs);
    if (pkg === "azure-native") return this.azureResource(type, name, inputs);
    if (pkg === "random") return this.randomResource(type, name, inputs);
    return { ...inputs };
  }

  private kubernetesObject(name: string, inputs: State): State {
    const metadata = (inputs.metadata ?? {}) as State;
    // The provider auto-names objects without metadata.name by suffixing a random part.
    const objectName = (metadata.name as string | undefined) ?? `${name}-${digest(name, 8)}`;
    return { ...inputs, metadata: { ...metadata, name: objectName, uid: digest(`uid-${name}`, 32) } };
  }

  private awsResource(type: string, name: string, inputs: State): State {
    const [, module] = type.split(":");
    const service = module.split("/")[0];
    const physical = (inputs.name as string | undefined) ?? `${name}-${digest(name, 7)}`;
    // IAM is global (no region); S3 ARNs carry neither region nor account.
    const region = service === "iam" ? "" : this.region;
    const resourceKind = type.split(":")[2].toLowerCase();
    const arn = service === "s3" ? `arn:aws:s3:::${physical}` : `arn:aws:${service}:${region}:${this.account}:${resourceKind}/${physical}`;
    const state: State = { ...inputs, arn, id: `${name}-id`, name: physical };
    switch (type) {
      case "aws:iam/role:Role":
        return { ...state, arn: `arn:aws:iam::${this.account}:role/${physical}`, id: physical, uniqueId: `AROA${digest(name, 16).toUpperCase()}` };
      case "aws:iam/policy:Policy":
        return { ...state, arn: `arn:aws:iam::${this.account}:policy/${physical}`, id: `arn:aws:iam::${this.account}:policy/${physical}` };
      case "aws:ec2/vpc:Vpc":
        return { ...state, id: `vpc-${digest(name, 17)}`, defaultSecurityGroupId: `sg-${digest(`${name}-default`, 17)}` };
      case "aws:ec2/subnet:Subnet":
        return { ...state, id: `subnet-${digest(name, 17)}` };
      case "aws:ec2/securityGroup:SecurityGroup":
        return { ...state, id: `sg-${digest(name, 17)}` };
      case "aws:ec2/eip:Eip":
        return { ...state, id: `eipalloc-${digest(name, 17)}`, allocationId: `eipalloc-${digest(name, 17)}`, publicIp: testIp(name) };
      case "aws:ec2/natGateway:NatGateway":
        return { ...state, id: `nat-${digest(name, 17)}` };
      case "aws:ec2/internetGateway:InternetGateway":
        return { ...state, id: `igw-${digest(name, 17)}` };
      case "aws:ec2/launchTemplate:LaunchTemplate":
        return { ...state, id: `lt-${digest(name, 17)}`, latestVersion: 1, defaultVersion: 1 };
      case "aws:ec2/routeTable:RouteTable":
        return { ...state, id: `rtb-${digest(name, 17)}` };
      case "aws:ecr/repository:Repository":
        return { ...state, repositoryUrl: `${this.account}.dkr.ecr.${this.region}.amazonaws.com/${physical}`, registryId: this.account };
      case "aws:kms/key:Key":
        return { ...state, id: digest(name, 36), keyId: digest(name, 36), arn: `arn:aws:kms:${this.region}:${this.account}:key/${digest(name, 36)}` };
      case "aws:s3/bucket:Bucket":
      case "aws:s3/bucketV2:BucketV2": {
        // Auto-named buckets get the logical name plus a random suffix; ids and ARNs are the name.
        const bucket = (inputs.bucket as string | undefined) ?? `${name}-${digest(name, 7)}`;
        return {
          ...state,
          id: bucket,
          bucket,
          arn: `arn:aws:s3:::${bucket}`,
          region: this.region,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${this.region}.amazonaws.com`,
          hostedZoneId: "Z3AQBSTGFYJSTF",
        };
      }
      case "aws:secretsmanager/secret:Secret":
        return { ...state, arn: `arn:aws:secretsmanager:${this.region}:${this.account}:secret:${physical}-${digest(name, 6)}` };
      case "aws:bedrock/guardrail:Guardrail": {
        const guardrailId = digest(name, 12);
        return { ...state, guardrailId, guardrailArn: `arn:aws:bedrock:${this.region}:${this.account}:guardrail/${guardrailId}`, version: "DRAFT", status: "READY" };
      }
      case "aws:bedrock/guardrailVersion:GuardrailVersion":
        return { ...state, version: "1" };
      case "aws:sns/topic:Topic":
        return { ...state, arn: `arn:aws:sns:${this.region}:${this.account}:${physical}` };
      case "aws:cloudwatch/logGroup:LogGroup":
        return { ...state, arn: `arn:aws:logs:${this.region}:${this.account}:log-group:${physical}` };
      case "aws:rds/instance:Instance": {
        const address = `${physical}.c${digest(name, 12)}.${this.region}.rds.amazonaws.com`;
        const port = Number(inputs.port ?? 5432);
        return { ...state, id: physical, identifier: physical, address, port, endpoint: `${address}:${port}`, arn: `arn:aws:rds:${this.region}:${this.account}:db:${physical}`, resourceId: `db-${digest(name, 26).toUpperCase()}` };
      }
      case "aws:elasticache/replicationGroup:ReplicationGroup": {
        const host = `${physical}.${digest(name, 6)}.${this.region.replace(/-(\w)\w+-(\d)$/, "$1$2")}.cache.amazonaws.com`;
        return { ...state, id: physical, replicationGroupId: physical, primaryEndpointAddress: `master.${host}`, readerEndpointAddress: `replica.${host}`, arn: `arn:aws:elasticache:${this.region}:${this.account}:replicationgroup:${physical}` };
      }
      case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
        return { ...state, arn: `arn:aws:iam::${this.account}:oidc-provider/${String(inputs.url ?? "").replace(/^https:\/\//, "")}` };
      default:
        return state;
    }
  }

  private azureResource(type: string, name: string, inputs: State): State {
    const [, module, kind] = type.split(":");
    // azure-native names each resource in its own field: registryName, vaultName, accountName...
    const nameField = AZURE_NAME_FIELDS[type] ?? `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Name`;
    const physical = (inputs[nameField] as string | undefined) ?? ((inputs.resourceGroupName ? (inputs.name as string | undefined) : undefined) || name);
    const group = (inputs.resourceGroupName as string | undefined) ?? physical;
    const id =
      type === "azure-native:resources:ResourceGroup"
        ? `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${inputs.resourceGroupName ?? name}`
        : `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/Microsoft.${module}/${kind}/${physical}`;
    const state = { ...inputs, id, name: type === "azure-native:resources:ResourceGroup" ? (inputs.resourceGroupName ?? name) : physical, location: inputs.location ?? this.location };
    return { ...state, ...this.azureOutputs(type, physical, inputs) };
  }

  /** Outputs the Azure provider computes that programs wire into other resources. */
  private azureOutputs(type: string, physical: string, inputs: State): State {
    const guid = (seed: string) => digest(seed, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    switch (type) {
      case "azure-native:containerregistry:Registry":
        return { loginServer: `${physical}.azurecr.io` };
      case "azure-native:keyvault:Vault":
        return { properties: { ...(inputs.properties as State), vaultUri: `https://${physical}.vault.azure.net/` } };
      case "azure-native:keyvault:Secret": {
        const uri = `https://${String(inputs.vaultName)}.vault.azure.net/secrets/${physical}`;
        // Like ARM, the read-back carries the secret's URIs but not its value.
        return { properties: { secretUri: uri, secretUriWithVersion: `${uri}/${digest(physical, 32)}` } };
      }
      case "azure-native:managedidentity:UserAssignedIdentity":
        return { clientId: guid(`client-${physical}`), principalId: guid(`principal-${physical}`), tenantId: MOCK_TENANT_ID };
      case "azure-native:operationalinsights:Workspace":
        return { customerId: guid(`workspace-${physical}`) };
      case "azure-native:cosmosdb:DatabaseAccount":
        return { documentEndpoint: `https://${physical}.documents.azure.com:443/` };
      case "azure-native:storage:StorageAccount":
        return { primaryEndpoints: { file: `https://${physical}.file.core.windows.net/`, blob: `https://${physical}.blob.core.windows.net/` } };
      case "azure-native:containerinstance:ContainerGroup": {
        const address = (inputs.ipAddress ?? {}) as State;
        const label = address.dnsNameLabel as string | undefined;
        // Any reuse scope but "Unsecure" adds a hash to the label, which protects it from takeover.
        const scoped = address.autoGeneratedDomainNameLabelScope && address.autoGeneratedDomainNameLabelScope !== "Unsecure";
        const fqdn = label ? `${label}${scoped ? `.${digest(label, 12)}` : ""}.${this.location}.azurecontainer.io` : undefined;
        const ip = address.type === "Private" ? `10.0.0.${(parseInt(digest(physical, 2), 16) % 250) + 4}` : testIp(physical);
        return inputs.ipAddress ? { ipAddress: { ...address, ip, fqdn } } : {};
      }
      default:
        return {};
    }
  }

  private randomResource(type: string, name: string, inputs: State): State {
    const length = Number(inputs.length ?? 32);
    const value = digest(`random-${name}`, 64).repeat(4).slice(0, length);
    switch (type) {
      case "random:index/randomPassword:RandomPassword":
        return { ...inputs, result: value, bcryptHash: `$2a$10$${digest(name, 53)}` };
      case "random:index/randomBytes:RandomBytes":
        return { ...inputs, base64: Buffer.from(digest(`bytes-${name}`, Number(inputs.length ?? 32) * 2), "hex").toString("base64"), hex: digest(`bytes-${name}`, 64) };
      case "random:index/randomId:RandomId":
        return { ...inputs, hex: digest(name, Number(inputs.byteLength ?? 8) * 2), b64Url: digest(name, 11), dec: String(parseInt(digest(name, 8), 16)) };
      default:
        return { ...inputs, result: value };
    }
  }

  private eksCluster(name: string, inputs: State): State {
    const issuerId = digest(name, 32).toUpperCase();
    const issuer = `oidc.eks.${this.region}.amazonaws.com/id/${issuerId}`;
    const clusterName = (inputs.name as string | undefined) ?? `${name}-eksCluster-${digest(name, 7)}`;
    const endpoint = `https://${digest(name, 32).toUpperCase()}.gr7.${this.region}.eks.amazonaws.com`;
    const kubeconfig = {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": Buffer.from("mock-ca").toString("base64") } }],
      contexts: [{ name: "aws", context: { cluster: clusterName, user: "aws" } }],
      "current-context": "aws",
      users: [{ name: "aws", user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", clusterName, "--region", this.region] } } }],
    };
    return {
      ...inputs,
      kubeconfig,
      kubeconfigJson: JSON.stringify(kubeconfig),
      oidcIssuer: issuer,
      oidcProviderUrl: `https://${issuer}`,
      oidcProviderArn: `arn:aws:iam::${this.account}:oidc-provider/${issuer}`,
      clusterSecurityGroupId: `sg-${digest(`${name}-cluster`, 17)}`,
      nodeSecurityGroupId: `sg-${digest(`${name}-node`, 17)}`,
      clusterIngressRuleId: `sgrule-${digest(name, 10)}`,
      eksCluster: {
        name: clusterName,
        arn: `arn:aws:eks:${this.region}:${this.account}:cluster/${clusterName}`,
        endpoint,
        version: inputs.version,
        vpcConfig: { clusterSecurityGroupId: `sg-${digest(`${name}-eks-cluster`, 17)}` },
      },
      core: { cluster: { name: clusterName } },
    };
  }
}
