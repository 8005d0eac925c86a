/** Airflow's args checked and completed: every rule in one place, before anything is registered. */
import { ingressCertificateReason } from "../aws/validate";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { unpinnedReason, versionMismatchReason } from "../core/images";
import { isPlainObject } from "../core/merge";
import { requireWorkloadIdentity, validateCapabilities } from "../platform/capabilities";
import type { AirflowArgs } from "./args";
import { AirflowIngressScheme, AirflowPreset, DagSourceKind } from "./args";
import { AIRFLOW_DEFAULTS, AIRFLOW_IMAGES, AIRFLOW_PRESETS, AIRFLOW_VERSIONS, CHART_TOP_LEVEL_KEYS, NAMING_KEYS, VERSION_ONLY_KEYS } from "./defaults";

export const COMPONENT = "Airflow";
const SUPPORTED_VERSION = /^(2\.(10|11)|3\.\d+)\.\d+$/;
const QUANTITY = /^\d+(\.\d+)?(Mi|Gi|Ti)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;
const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
const ALB_SCHEME = "alb.ingress.kubernetes.io/scheme";

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

function enumValue<T extends string>(argument: string, value: T | undefined, allowed: Record<string, T>, fallback: T): T {
  if (value === undefined) return fallback;
  if (!Object.values(allowed).includes(value)) fail(argument, value, `one of ${Object.values(allowed).map((v) => `"${v}"`).join(", ")}`);
  return value;
}

/** The value at a dotted path of a values tree, if any. */
function at(values: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), values);
}

export function airflowSettings(name: string, args: AirflowArgs) {
  const a = withDefaults(
    {
      airflowVersion: AIRFLOW_VERSIONS.airflow3 as string,
      preset: AIRFLOW_DEFAULTS.preset as AirflowPreset,
      adminUsername: AIRFLOW_DEFAULTS.adminUsername as string,
      workerStorageSize: AIRFLOW_DEFAULTS.workerStorageSize as string,
      triggererStorageSize: AIRFLOW_DEFAULTS.triggererStorageSize as string,
      protect: AIRFLOW_DEFAULTS.protect as boolean,
    },
    {
      airflowVersion: args.airflowVersion,
      preset: args.preset,
      adminUsername: args.adminUsername,
      workerStorageSize: args.workerStorageSize,
      triggererStorageSize: args.triggererStorageSize,
      protect: args.protect,
    },
  );
  const airflow3 = a.airflowVersion.startsWith("3.");
  const image = args.image ?? `${AIRFLOW_IMAGES.airflow}:${a.airflowVersion}`;
  const dags = args.dags ?? { kind: DagSourceKind.Image };
  return {
    ...a,
    release: args.releaseName ?? name,
    airflow3,
    image,
    presetSpec: AIRFLOW_PRESETS[a.preset] ?? AIRFLOW_PRESETS.production,
    dags,
    syncIntervalSeconds: dags.syncIntervalSeconds ?? AIRFLOW_DEFAULTS.syncIntervalSeconds,
    ingressScheme: args.ingress?.scheme ?? AirflowIngressScheme.Internal,
    userValues: (args.values ?? {}) as Record<string, unknown>,
  };
}

export type AirflowSettings = ReturnType<typeof airflowSettings>;

/** Every rule an Airflow must satisfy, checked before anything is registered. */
export function validateAirflow(name: string, args: AirflowArgs): AirflowSettings {
  if (!args || typeof args !== "object") fail("args", args, "an object with at least cluster and namespace");
  validateCapabilities(COMPONENT, args.cluster);
  if (args.namespace === undefined || args.namespace === "") fail("namespace", args.namespace, "the namespace to run in");
  // Chart objects are named <release>-<component>, up to 33 more characters.
  const release = args.releaseName ?? name;
  if (typeof release !== "string" || !/^[a-z]([-a-z0-9]{0,28}[a-z0-9])?$/.test(release)) {
    fail(args.releaseName === undefined ? "name" : "releaseName", release, "a DNS-1123 label of at most 30 characters (the Helm release name)");
  }
  if (args.airflowVersion !== undefined && (typeof args.airflowVersion !== "string" || !SUPPORTED_VERSION.test(args.airflowVersion))) {
    fail("airflowVersion", args.airflowVersion, 'an Airflow 3 version such as "3.1.7", or 2.10.x/2.11.x');
  }
  enumValue("preset", args.preset, AirflowPreset, AirflowPreset.Production);
  enumValue("ingress.scheme", args.ingress?.scheme, AirflowIngressScheme, AirflowIngressScheme.Internal);
  enumValue("dags.kind", args.dags?.kind, DagSourceKind, DagSourceKind.Image);
  const s = airflowSettings(name, args);
  if (typeof s.image !== "string") fail("image", s.image, "an image reference pinned to a tag or digest");
  const reason = unpinnedReason(s.image);
  if (reason) fail("image", s.image, `an Airflow image pinned to a tag other than latest, or a digest (${reason})`);
  // The version defaults to Airflow 3: an Airflow 2 image without a version is the same mistake.
  const mismatch = args.image === undefined ? undefined : versionMismatchReason(args.image, s.airflowVersion);
  if (mismatch) fail("airflowVersion", args.airflowVersion, `the version the image runs (${mismatch})`);
  for (const [field, value] of [["workerStorageSize", s.workerStorageSize], ["triggererStorageSize", s.triggererStorageSize]] as const) {
    if (typeof value !== "string" || !QUANTITY.test(value)) fail(field, value, 'a volume size such as "20Gi"');
  }
  if (typeof s.adminUsername !== "string" || !/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(s.adminUsername)) fail("adminUsername", s.adminUsername, "a user name of letters, digits, '.', '_' or '-'");

  const db = args.database;
  if (db !== undefined) {
    if (db.host === undefined || db.host === "") fail("database.host", db.host, "the database endpoint");
    if (typeof db.database !== "string" || !IDENTIFIER.test(db.database)) fail("database.database", db.database, "a database name");
    if (typeof db.user !== "string" || !IDENTIFIER.test(db.user)) fail("database.user", db.user, "a role name");
    if (db.password === undefined) fail("database.password", undefined, "the role's password (a Pulumi secret)");
    if (db.sslmode !== undefined && !SSL_MODES.includes(db.sslmode)) fail("database.sslmode", db.sslmode, `one of ${SSL_MODES.join(", ")}`);
  }
  const broker = args.broker;
  if (broker !== undefined) {
    if (broker.host === undefined || broker.host === "") fail("broker.host", broker.host, "the Redis endpoint");
    if (broker.password === undefined) fail("broker.password", undefined, "the AUTH token (a Pulumi secret)");
  }

  const dags = s.dags;
  if (!Number.isInteger(s.syncIntervalSeconds) || s.syncIntervalSeconds < 10) fail("dags.syncIntervalSeconds", s.syncIntervalSeconds, "an integer number of seconds >= 10");
  if (dags.kind === DagSourceKind.GitSync && (typeof dags.gitRepository !== "string" || !/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(dags.gitRepository))) {
    fail("dags.gitRepository", dags.gitRepository, "an https://, ssh:// or git@ repository URL with dags.kind \"git-sync\"");
  }
  if (dags.kind === DagSourceKind.S3) {
    if (dags.s3Uri === undefined || (typeof dags.s3Uri === "string" && !dags.s3Uri.startsWith("s3://"))) fail("dags.s3Uri", dags.s3Uri, 'an s3:// URI with dags.kind "s3"');
    requireWorkloadIdentity(COMPONENT, args.cluster, "DAGs from S3 are copied with the pods' role");
  }
  if (args.remoteLogging !== undefined) {
    const folder = args.remoteLogging.baseLogFolder;
    if (folder === undefined || (typeof folder === "string" && !folder.startsWith("s3://"))) fail("remoteLogging.baseLogFolder", folder, "an s3:// URI for task logs");
    requireWorkloadIdentity(COMPONENT, args.cluster, "remote logs are written with the pods' role");
  }

  const ingress = args.ingress;
  if (ingress !== undefined) {
    if (s.ingressScheme === AirflowIngressScheme.InternetFacing && ingress.allowPublicAccess !== true) {
      fail("ingress.allowPublicAccess", ingress.allowPublicAccess, 'true to make the Airflow UI and API internet-facing (scheme "internet-facing" exposes them to the internet)');
    }
    if (s.ingressScheme === AirflowIngressScheme.InternetFacing && ingress.certificateArn === undefined) {
      fail("ingress.certificateArn", undefined, "an ACM certificate for an internet-facing UI (logins must not cross the internet in plain HTTP)");
    }
    // An Output (a certificate created in the same program) is checked by ACM itself.
    const certificate = typeof ingress.certificateArn === "string" ? ingressCertificateReason(ingress.certificateArn, args.cluster) : undefined;
    if (certificate) fail("ingress.certificateArn", ingress.certificateArn, certificate);
    if (ingress.host !== undefined && !/^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/.test(ingress.host)) fail("ingress.host", ingress.host, "a DNS host name");
  }

  for (const [key, value] of Object.entries({ ...args.env, ...args.secretEnv })) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) fail("env", key, "environment variable names of letters, digits and '_'");
    if (value === undefined) fail(`env.${key}`, value, "a value");
  }
  const overlap = Object.keys(args.env ?? {}).find((key) => key in (args.secretEnv ?? {}));
  if (overlap) fail("secretEnv", overlap, "a name not also set in env");

  const user = s.userValues;
  if (!isPlainObject(user)) fail("values", user, "an object of chart values");
  const unknown = Object.keys(user).filter((key) => !(CHART_TOP_LEVEL_KEYS as readonly string[]).includes(key));
  if (unknown.length) fail("values", unknown, "top-level keys of the Airflow chart 1.19.0 (Helm would silently ignore these)");
  const renaming = NAMING_KEYS.filter((key) => user[key] !== undefined);
  if (renaming.length) fail("values", renaming, "no naming overrides: Forja refers to the chart's Secrets, Services, service accounts and Jobs by their <release>-<component> names (rename with releaseName)");
  const foreign = s.airflow3 ? VERSION_ONLY_KEYS.airflow2 : VERSION_ONLY_KEYS.airflow3;
  const misplaced = foreign.filter((path) => at(user, path) !== undefined);
  if (misplaced.length) {
    fail("values", misplaced, `no Airflow ${s.airflow3 ? "2" : "3"}-only keys with airflowVersion ${s.airflowVersion} (the chart ignores them; use ${s.airflow3 ? "apiServer, ingress.apiServer, apiSecretKey/jwtSecret" : "webserver, ingress.web, webserverSecretKey"})`);
  }
  const scheme = at(user, `ingress.${s.airflow3 ? "apiServer" : "web"}.annotations`) as Record<string, unknown> | undefined;
  if (scheme?.[ALB_SCHEME] === AirflowIngressScheme.InternetFacing && ingress?.allowPublicAccess !== true) {
    fail("ingress.allowPublicAccess", ingress?.allowPublicAccess, `true when values set ${ALB_SCHEME}: internet-facing (it exposes the UI to the internet)`);
  }
  return s;
}
