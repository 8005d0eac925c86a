/** Pure parts of Flowise: rules, and the app spec the shared renderer turns into objects. */
import { withDefaults } from "../core/defaults";
import type { AppNetwork, AppPodSpec } from "../stateful-app/values";
import { commonAppProblems, databaseEgress, databasePort, databaseProblems, httpProbe, plainEnv, routeUrl, secretEnv } from "../stateful-app/values";
import type { FlowiseArgs } from "./args";
import { FLOWISE_DEFAULTS, FLOWISE_KEYS } from "./defaults";
import type * as pulumi from "@pulumi/pulumi";

export function flowiseSettings(args: FlowiseArgs) {
  return withDefaults(
    { image: FLOWISE_DEFAULTS.image, storageSize: FLOWISE_DEFAULTS.storageSize, resources: FLOWISE_DEFAULTS.resources, protect: FLOWISE_DEFAULTS.protect },
    { image: args.image, storageSize: args.storageSize, resources: args.resources, protect: args.protect },
  );
}

/** Every rule, before anything is registered. */
export function validateFlowise(name: string, args: FlowiseArgs): void {
  const problems = commonAppProblems("Flowise", name, args);
  if (args && typeof args === "object") databaseProblems(problems, args.database);
  problems.throwFirst();
}

/**
 * Flowise as uid 1000 with everything it writes on the volume: HOME, logs
 * and blobs (LOG_PATH defaults inside the package, which a non-root user
 * cannot write). The encryption key comes from the Secret
 * (FLOWISE_SECRETKEY_OVERWRITE), so no key file is written. The root filesystem stays writable: the
 * image's chromium and npm caches are not mapped yet.
 */
export function flowiseSpec(name: string, args: FlowiseArgs, keysSecret: pulumi.Input<string>): AppPodSpec {
  const s = flowiseSettings(args);
  const db = args.database;
  const data = FLOWISE_DEFAULTS.dataPath;
  const url = routeUrl(args.route);
  const port = "http";
  return {
    name,
    app: "flowise",
    namespace: args.namespace,
    cluster: args.cluster,
    image: s.image,
    uid: FLOWISE_DEFAULTS.uid,
    readOnlyRootFilesystem: false,
    port: { name: port, containerPort: FLOWISE_DEFAULTS.port },
    env: [
      ...plainEnv({
        PORT: String(FLOWISE_DEFAULTS.port),
        HOME: FLOWISE_DEFAULTS.home,
        LOG_PATH: `${data}/logs`,
        BLOB_STORAGE_PATH: `${data}/storage`,
        DATABASE_TYPE: "postgres",
        DATABASE_PORT: String(databasePort(db)),
        DATABASE_NAME: db.name,
        DATABASE_USER: db.user,
        DATABASE_SSL: String(db.ssl ?? false),
        // An https APP_URL also turns on secure cookies.
        ...(url ? { APP_URL: url.replace(/\/$/, "") } : {}),
      }),
      { name: "DATABASE_HOST", value: db.host },
      ...secretEnv(db.passwordSecret.name, { DATABASE_PASSWORD: db.passwordSecret.key }),
      ...secretEnv(keysSecret, Object.fromEntries(Object.keys(FLOWISE_KEYS).map((key) => [key, key]))),
    ],
    resources: s.resources,
    readiness: httpProbe(FLOWISE_DEFAULTS.probePath, port),
    liveness: httpProbe(FLOWISE_DEFAULTS.probePath, port, { periodSeconds: 20, failureThreshold: 5 }),
    startup: httpProbe(FLOWISE_DEFAULTS.probePath, port, { failureThreshold: FLOWISE_DEFAULTS.startupFailureThreshold }),
    volume: { mountPath: data, size: s.storageSize },
    labels: args.labels ?? {},
  };
}

export function flowiseNetwork(args: FlowiseArgs): AppNetwork {
  return { clients: args.clients ?? [], egress: [databaseEgress(args.database), ...(args.egressTo ?? [])], route: args.route };
}
