/** Pure parts of N8n: rules, and the app spec the shared renderer turns into objects. */
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import type { AppNetwork, AppPodSpec } from "../stateful-app/values";
import { IngressController } from "../platform/capabilities";
import { appLabels, commonAppProblems, databaseEgress, databasePort, databaseProblems, httpProbe, plainEnv, deniedRoutePath, routeTls, routeUrl, secretEnv } from "../stateful-app/values";
import type { N8nArgs } from "./args";
import { N8N_DEFAULTS } from "./defaults";

/** Key of the generated encryption key in the keys Secret. */
export const ENCRYPTION_KEY = "N8N_ENCRYPTION_KEY";

export function n8nSettings(args: N8nArgs) {
  return withDefaults(
    { image: N8N_DEFAULTS.image, storageSize: N8N_DEFAULTS.storageSize, resources: N8N_DEFAULTS.resources, metrics: N8N_DEFAULTS.metrics, protect: N8N_DEFAULTS.protect },
    { image: args.image, storageSize: args.storageSize, resources: args.resources, metrics: args.metrics, protect: args.protect },
  );
}

export function validateN8n(name: string, args: N8nArgs): void {
  const problems = commonAppProblems("N8n", name, args);
  if (args && typeof args === "object") {
    databaseProblems(problems, args.database);
    const schema = args.database?.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) problems.add("database.schema", schema, "a lower-case SQL identifier (a schema the database user owns)");
    if (args.route !== undefined && (args.metrics ?? N8N_DEFAULTS.metrics) && args.cluster?.ingress?.controller !== IngressController.Traefik) {
      problems.add("route", args.route.host, `no route on a ${String(args.cluster?.ingress?.controller)} ingress while metrics is on: /metrics shares the editor's port without auth, and only Traefik gets the middleware that closes it on the route (or set metrics: false)`);
    }
  }
  problems.throwFirst();
}

/**
 * n8n as the image's `node` user with ~/.n8n on the volume. The root
 * filesystem stays writable, as n8n's own chart leaves it (it writes below
 * HOME and elsewhere). N8N_PORT is set explicitly and service links are off:
 * a Service named `n8n` would otherwise inject N8N_PORT=tcp://... Task
 * runners run internally (the 2.x default, one container); the external
 * runner sidecar adds an image and a token for isolation this stack does not need.
 */
export function n8nSpec(name: string, args: N8nArgs, keysSecret: pulumi.Input<string>): AppPodSpec {
  const s = n8nSettings(args);
  const db = args.database;
  const url = routeUrl(args.route);
  const port = "http";
  const routed: Record<string, string> = url
    ? { N8N_HOST: args.route!.host, N8N_PROTOCOL: routeTls(args.route!) ? "https" : "http", WEBHOOK_URL: url, N8N_EDITOR_BASE_URL: url, N8N_PROXY_HOPS: "1" }
    : {};
  return {
    name,
    app: "n8n",
    namespace: args.namespace,
    cluster: args.cluster,
    image: s.image,
    uid: N8N_DEFAULTS.uid,
    readOnlyRootFilesystem: false,
    port: { name: port, containerPort: N8N_DEFAULTS.port },
    env: [
      ...plainEnv({
        N8N_PORT: String(N8N_DEFAULTS.port),
        N8N_LISTEN_ADDRESS: "0.0.0.0",
        HOME: N8N_DEFAULTS.home,
        DB_TYPE: "postgresdb",
        DB_POSTGRESDB_PORT: String(databasePort(db)),
        DB_POSTGRESDB_DATABASE: db.name,
        DB_POSTGRESDB_USER: db.user,
        DB_POSTGRESDB_SCHEMA: db.schema ?? N8N_DEFAULTS.schema,
        DB_POSTGRESDB_SSL_ENABLED: String(db.ssl ?? false),
        N8N_METRICS: String(s.metrics),
        N8N_RUNNERS_ENABLED: "true",
        N8N_RUNNERS_MODE: "internal",
        // Without HTTPS a secure cookie never reaches the browser and login loops.
        N8N_SECURE_COOKIE: String(args.route !== undefined && routeTls(args.route)),
        N8N_DIAGNOSTICS_ENABLED: "false",
        N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
        ...routed,
      }),
      { name: "DB_POSTGRESDB_HOST", value: db.host },
      ...secretEnv(db.passwordSecret.name, { DB_POSTGRESDB_PASSWORD: db.passwordSecret.key }),
      ...secretEnv(keysSecret, { [ENCRYPTION_KEY]: ENCRYPTION_KEY }),
    ],
    resources: s.resources,
    readiness: httpProbe(N8N_DEFAULTS.readinessPath, port),
    liveness: httpProbe(N8N_DEFAULTS.livenessPath, port, { periodSeconds: 20, failureThreshold: 5 }),
    startup: httpProbe(N8N_DEFAULTS.livenessPath, port, { failureThreshold: N8N_DEFAULTS.startupFailureThreshold }),
    volume: { mountPath: N8N_DEFAULTS.dataPath, size: s.storageSize },
    labels: args.labels ?? {},
  };
}

export function n8nNetwork(args: N8nArgs): AppNetwork {
  return { clients: args.clients ?? [], egress: [databaseEgress(args.database), ...(args.egressTo ?? [])], route: args.route };
}

/**
 * /metrics shares 5678 with the editor and has no auth: on a route it would be
 * public. A more specific Exact route sends it through a Traefik middleware
 * that admits no client address (403), while Prometheus scrapes the pod directly.
 */
export function metricsGuard(name: string, args: N8nArgs, spec: AppPodSpec): ReturnType<typeof deniedRoutePath> | undefined {
  if (!args.route || !n8nSettings(args).metrics) return undefined;
  return deniedRoutePath({ name, namespace: args.namespace, cluster: args.cluster, portName: spec.port.name, labels: appLabels(spec) }, args.route, { path: "/metrics", pathType: "Exact", role: "metrics" });
}
