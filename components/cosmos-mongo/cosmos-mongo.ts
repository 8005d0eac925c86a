import * as cosmosdb from "@pulumi/azure-native/cosmosdb";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AZURE_NAME_RULES, NAME_SUFFIX_LENGTH, azureName } from "../azure/naming";
import { childName } from "../core/naming";
import type { CosmosMongoArgs } from "./args";
import { CosmosCapacityMode } from "./args";
import { MONGO_HOST_SUFFIX, PASSWORD_LENGTH } from "./defaults";
import { accountSettings, applicationRole, applicationRoleName, collectionResource, connectionString, cosmosMongoSettings, validateCosmosMongo } from "./values";

/**
 * Cosmos DB for MongoDB with one database and one least-privileged user: a
 * custom role that may only find, insert, update and remove documents in that
 * database, a generated password, and that user's connection string (never
 * the account key) stored in Key Vault.
 */
export class CosmosMongo extends pulumi.ComponentResource {
  /** The Cosmos DB account's name. */
  readonly accountName: pulumi.Output<string>;
  /** The MongoDB database the app uses. */
  readonly databaseName: string;
  /** The user name in the connection string. */
  readonly userName: string;
  /** `<account>.mongo.cosmos.azure.com` */
  readonly host: pulumi.Output<string>;
  /** The application user's connection string (secret). */
  readonly connectionString: pulumi.Output<string>;
  /** Key Vault secret holding the connection string. */
  readonly secretName: string;
  /** Versionless URI of that secret: readers always get the current value. */
  readonly secretUri: pulumi.Output<string>;

  constructor(name: string, args: CosmosMongoArgs, opts?: pulumi.ComponentResourceOptions) {
    validateCosmosMongo(name, args);
    super("forja:index:CosmosMongo", name, {}, opts);
    const a = cosmosMongoSettings(name, args);
    const tags = { ...args.tags, "forja:component": "cosmos-mongo" };
    const parent = { parent: this };
    const stateful = { parent: this, protect: a.protect, retainOnDelete: a.protect };
    const suffix = new random.RandomString(childName(name, "suffix"), { length: NAME_SUFFIX_LENGTH, special: false, upper: false }, parent).result;

    const account = new cosmosdb.DatabaseAccount(
      childName(name, "account"),
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName: suffix.apply((s) => azureName(name, s, AZURE_NAME_RULES.cosmosAccount)),
        ...accountSettings(args, a.capacityMode, a.backup),
        tags,
      },
      stateful,
    );
    const inAccount = { resourceGroupName: args.resourceGroupName, accountName: account.name };
    const database = new cosmosdb.MongoDBResourceMongoDBDatabase(
      childName(name, "database"),
      {
        ...inAccount,
        databaseName: args.databaseName,
        resource: { id: args.databaseName },
        options: a.capacityMode === CosmosCapacityMode.Provisioned ? { autoscaleSettings: { maxThroughput: a.maxThroughput } } : undefined,
      },
      stateful,
    );
    for (const collection of args.collections ?? []) {
      new cosmosdb.MongoDBResourceMongoDBCollection(
        childName(name, `collection-${collection.name}`),
        { ...inAccount, databaseName: database.name, collectionName: collection.name, resource: collectionResource(collection) },
        stateful,
      );
    }

    const role = new cosmosdb.MongoDBResourceMongoRoleDefinition(childName(name, "role"), { ...inAccount, ...applicationRole(args.databaseName, a.userName) }, { parent: this, dependsOn: [database] });
    const password = new random.RandomPassword(childName(name, "password"), { length: PASSWORD_LENGTH, special: false }, parent).result;
    const user = new cosmosdb.MongoDBResourceMongoUserDefinition(
      childName(name, "user"),
      {
        ...inAccount,
        mongoUserDefinitionId: `${args.databaseName}.${a.userName}`,
        userName: a.userName,
        password: pulumi.secret(password),
        databaseName: args.databaseName,
        mechanisms: "SCRAM-SHA-256",
        roles: [{ db: args.databaseName, role: applicationRoleName(a.userName) }],
      },
      { parent: this, dependsOn: [role], additionalSecretOutputs: ["password"] },
    );

    // Carries the user as a dependency: whatever receives the string (a container group's secure
    // value) is created after the user exists, so the application never starts with unknown credentials.
    this.connectionString = pulumi.secret(pulumi.all([account.name, password, user.id]).apply(([accountName, pw]) => connectionString(accountName, args.databaseName, a.userName, pw)));
    // Written after the user exists (the value carries it): a reader never finds credentials the database does not know yet.
    const secret = new keyvault.Secret(
      childName(name, "connection-string"),
      {
        resourceGroupName: args.keyVault.resourceGroupName,
        vaultName: args.keyVault.name,
        secretName: a.secretName,
        properties: { value: this.connectionString, contentType: "application/x-mongodb-uri" },
        tags,
      },
      { parent: this },
    );

    this.accountName = account.name;
    this.databaseName = args.databaseName;
    this.userName = a.userName;
    this.host = pulumi.interpolate`${account.name}.${MONGO_HOST_SUFFIX}`;
    this.secretName = a.secretName;
    // The secret's properties carry its value, so Pulumi marks them all secret; the URI is not.
    this.secretUri = pulumi.unsecret(secret.properties.apply((p) => p.secretUri));
    this.registerOutputs({
      accountName: this.accountName,
      databaseName: this.databaseName,
      userName: this.userName,
      host: this.host,
      connectionString: this.connectionString,
      secretName: this.secretName,
      secretUri: this.secretUri,
    });
  }
}
