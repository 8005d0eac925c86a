import { CosmosMongo } from "../../components/cosmos-mongo";
import type { CosmosMongoArgs } from "../../components/cosmos-mongo";
import { connectionString, validateCosmosMongo } from "../../components/cosmos-mongo/values";
import { record } from "../harness";
import type { Recorded } from "../harness";

const base: CosmosMongoArgs = {
  resourceGroupName: "rg-datalk",
  location: "eastus",
  databaseName: "datalk",
  keyVault: { name: "datalk-kv1234", resourceGroupName: "rg-datalk" },
  allowPublicNetworkAccess: true,
};

describe("CosmosMongo", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new CosmosMongo("datalk", { ...base, collections: [{ name: "sales", indexes: [{ keys: ["customerId", "createdAt"] }] }, { name: "customers", indexes: [{ keys: ["email"], unique: true }] }] }));
  });

  it("creates an account, a database, its collections, a role, a user, a password and the Key Vault secret", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:CosmosMongo": 1,
      "random:index/randomString:RandomString": 1,
      "random:index/randomPassword:RandomPassword": 1,
      "azure-native:cosmosdb:DatabaseAccount": 1,
      "azure-native:cosmosdb:MongoDBResourceMongoDBDatabase": 1,
      "azure-native:cosmosdb:MongoDBResourceMongoDBCollection": 2,
      "azure-native:cosmosdb:MongoDBResourceMongoRoleDefinition": 1,
      "azure-native:cosmosdb:MongoDBResourceMongoUserDefinition": 1,
      "azure-native:keyvault:Secret": 1,
    });
  });

  it("runs a serverless Mongo 7.0 account with Mongo RBAC, TLS 1.2 and continuous backup", () => {
    const account = recorded.one("azure-native:cosmosdb:DatabaseAccount");
    expect(account.inputs).toMatchObject({
      resourceGroupName: "rg-datalk",
      location: "eastus",
      kind: "MongoDB",
      databaseAccountOfferType: "Standard",
      locations: [{ locationName: "eastus", failoverPriority: 0 }],
      apiProperties: { serverVersion: "7.0" },
      capabilities: [{ name: "EnableMongo" }, { name: "EnableMongoRoleBasedAccessControl" }, { name: "EnableServerless" }],
      minimalTlsVersion: "Tls12",
      disableLocalAuth: false,
      disableKeyBasedMetadataWriteAccess: true,
      backupPolicy: { type: "Continuous", continuousModeProperties: { tier: "Continuous7Days" } },
      publicNetworkAccess: "Enabled",
      isVirtualNetworkFilterEnabled: false,
      virtualNetworkRules: [],
      ipRules: [],
    });
    expect(account.inputs.accountName).toMatch(/^datalk-[a-z0-9]{6}$/);
    expect([account.protect, account.retainOnDelete]).toEqual([true, true]);
  });

  it("grants the custom role only find, insert, update and remove, on the whole of one database (no collection key, which would be another scope)", () => {
    const role = recorded.one("azure-native:cosmosdb:MongoDBResourceMongoRoleDefinition");
    expect(role.inputs).toEqual({
      resourceGroupName: "rg-datalk",
      accountName: recorded.one("azure-native:cosmosdb:DatabaseAccount").inputs.accountName,
      mongoRoleDefinitionId: "datalk.app-readwrite",
      roleName: "app-readwrite",
      type: "CustomRole",
      databaseName: "datalk",
      privileges: [{ resource: { db: "datalk" }, actions: ["find", "insert", "update", "remove"] }],
      roles: [],
    });
  });

  it("creates the user with a generated secret password and only that role", () => {
    const user = recorded.one("azure-native:cosmosdb:MongoDBResourceMongoUserDefinition");
    const password = String(recorded.one("random:index/randomPassword:RandomPassword").outputs.result);
    expect(user.inputs).toMatchObject({ mongoUserDefinitionId: "datalk.app", userName: "app", databaseName: "datalk", mechanisms: "SCRAM-SHA-256", password, roles: [{ db: "datalk", role: "app-readwrite" }] });
    expect(user.secretPaths).toContain("password");
    expect(user.dependsOn).toContain(recorded.one("azure-native:cosmosdb:MongoDBResourceMongoRoleDefinition").urn);
  });

  it("stores that user's connection string, never the account key, in Key Vault as a secret, after the user (the string carries it)", () => {
    const secret = recorded.one("azure-native:keyvault:Secret");
    const account = String(recorded.one("azure-native:cosmosdb:DatabaseAccount").inputs.accountName);
    const password = String(recorded.one("random:index/randomPassword:RandomPassword").outputs.result);
    expect(secret.inputs).toMatchObject({
      resourceGroupName: "rg-datalk",
      vaultName: "datalk-kv1234",
      secretName: "datalk-connection-string",
      properties: {
        value: `mongodb://app:${password}@${account}.mongo.cosmos.azure.com:10255/datalk?ssl=true&replicaSet=globaldb&retrywrites=false&maxIdleTimeMS=120000&authMechanism=SCRAM-SHA-256&authSource=datalk&appName=@${account}@`,
        contentType: "application/x-mongodb-uri",
      },
    });
    expect(secret.secretPaths).toEqual(["properties.value"]);
    expect(JSON.stringify(secret.redactedInputs)).not.toContain(password);
    expect(secret.dependsOn).toContain(recorded.one("azure-native:cosmosdb:MongoDBResourceMongoUserDefinition").urn);
  });


  it("creates the listed collections with their indexes, unique ones in the same resource, protected, so the application never needs to", () => {
    const collections = recorded.ofType("azure-native:cosmosdb:MongoDBResourceMongoDBCollection");
    expect(collections.map((c) => [c.inputs.collectionName, c.inputs.resource, c.protect])).toEqual([
      ["sales", { id: "sales", indexes: [{ key: { keys: ["_id"] } }, { key: { keys: ["customerId", "createdAt"] } }] }, true],
      ["customers", { id: "customers", indexes: [{ key: { keys: ["_id"] } }, { key: { keys: ["email"] }, options: { unique: true } }] }, true],
    ]);
    expect(recorded.one("azure-native:cosmosdb:MongoDBResourceMongoDBDatabase").inputs).toEqual({ resourceGroupName: "rg-datalk", accountName: expect.any(String), databaseName: "datalk", resource: { id: "datalk" } });
  });
});

describe("CosmosMongo in production", () => {
  it("provisions autoscale throughput, periodic backup and lets only the given subnet in", async () => {
    const subnet = "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/aci";
    const recorded = await record(() => new CosmosMongo("datalk", { ...base, allowPublicNetworkAccess: undefined, capacityMode: "provisioned", maxThroughput: 4000, backup: "periodic", subnetIds: [subnet] }));
    const account = recorded.one("azure-native:cosmosdb:DatabaseAccount").inputs;
    expect(account.capabilities).toEqual([{ name: "EnableMongo" }, { name: "EnableMongoRoleBasedAccessControl" }]);
    expect(account).toMatchObject({
      isVirtualNetworkFilterEnabled: true,
      virtualNetworkRules: [{ id: subnet }],
      backupPolicy: { type: "Periodic", periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: "Geo" } },
    });
    expect(recorded.one("azure-native:cosmosdb:MongoDBResourceMongoDBDatabase").inputs.options).toEqual({ autoscaleSettings: { maxThroughput: 4000 } });
  });
});

describe("validateCosmosMongo", () => {
  it.each<[string, Partial<CosmosMongoArgs>, RegExp]>([
    ["no network choice", { allowPublicNetworkAccess: undefined }, /"subnetIds" was missing; expected subnets or allowedIpRanges that may connect, or allowPublicNetworkAccess: true/],
    ["both a restriction and open access", { allowedIpRanges: ["203.0.113.7"] }, /"allowPublicNetworkAccess" was true; expected false when subnetIds or allowedIpRanges restrict access/],
    ["0.0.0.0/0 as a range", { allowPublicNetworkAccess: false, allowedIpRanges: ["0.0.0.0/0"] }, /"allowedIpRanges" was "0.0.0.0\/0"/],
    ["throughput in serverless mode", { maxThroughput: 1000 }, /"maxThroughput" was 1000; expected no throughput in serverless mode/],
    ["throughput that is not a multiple of 1000", { capacityMode: "provisioned", maxThroughput: 1500 }, /"maxThroughput" was 1500; expected an integer multiple of 1000/],
    ["a database name with a dot", { databaseName: "data.lk" }, /"databaseName" was "data.lk"/],
    ["no key vault", { keyVault: undefined }, /"keyVault" was missing/],
    ["a system collection", { collections: [{ name: "system.users" }] }, /"collections\[0\].name" was "system.users"/],
    ["a collection listed twice", { collections: [{ name: "sales" }, { name: "sales" }] }, /"collections\[1\].name" was "sales"; expected a unique collection name/],
    ["an index without keys", { collections: [{ name: "sales", indexes: [{ keys: [] }] }] }, /"collections\[0\].indexes\[0\].keys" was \[\]; expected one or more distinct field names/],
    ["an operator as a field", { collections: [{ name: "sales", indexes: [{ keys: ["$where"] }] }] }, /"collections\[0\].indexes\[0\].keys" was \["\$where"\]/],
    ["a second _id index", { collections: [{ name: "sales", indexes: [{ keys: ["_id"], unique: true }] }] }, /expected fields other than _id alone/],
    ["the same index twice", { collections: [{ name: "sales", indexes: [{ keys: ["a"] }, { keys: ["a"], unique: true }] }] }, /"collections\[0\].indexes\[1\].keys" was \["a"\]; expected keys no other index/],
    ["an unknown backup mode", { backup: "weekly" as never }, /"backup" was "weekly"; expected one of continuous-7-days, continuous-30-days, periodic/],
  ])("refuses %s", (_label, change, expected) => {
    expect(() => validateCosmosMongo("datalk", { ...base, ...change })).toThrow(expected);
  });

  it("refuses a plain-JS caller that passes nothing, naming the argument", () => {
    expect(() => new CosmosMongo("datalk", undefined as never)).toThrow(/CosmosMongo: argument "resourceGroupName" was missing/);
  });
});

describe("connectionString", () => {
  it("URL-encodes the credentials", () => {
    expect(connectionString("acct", "db", "app", "p@ss/word")).toMatch(/^mongodb:\/\/app:p%40ss%2Fword@acct\.mongo\.cosmos\.azure\.com:10255\/db\?/);
  });
});
