/** Pure parts of Grafana: rules, provisioning files, and the app spec. */
import type * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { withDefaults } from "../core/defaults";
import type { AppNetwork, AppPodSpec } from "../stateful-app/values";
import { commonAppProblems, httpProbe, plainEnv, routeTls, routeUrl, secretEnv } from "../stateful-app/values";
import type { GrafanaArgs } from "./args";
import { dashboardJson, dashboardProblems } from "./dashboard";
import { GRAFANA_DEFAULTS } from "./defaults";

/** Keys of the generated Secret. `secret_key` encrypts datasource secrets in Grafana's database. */
export const GRAFANA_KEYS = { adminPassword: "admin-password", secretKey: "secret-key" } as const;

export function grafanaSettings(args: GrafanaArgs) {
  return withDefaults(
    {
      image: GRAFANA_DEFAULTS.image,
      storageSize: GRAFANA_DEFAULTS.storageSize,
      resources: GRAFANA_DEFAULTS.resources,
      datasourceUid: GRAFANA_DEFAULTS.datasourceUid as string,
      folder: GRAFANA_DEFAULTS.folder as string,
      protect: GRAFANA_DEFAULTS.protect,
    },
    { image: args.image, storageSize: args.storageSize, resources: args.resources, datasourceUid: args.datasourceUid, folder: args.folder, protect: args.protect },
  );
}

export function validateGrafana(name: string, args: GrafanaArgs): void {
  const problems = commonAppProblems("Grafana", name, args);
  if (args && typeof args === "object") {
    if (!args.prometheus || args.prometheus.url === undefined || !args.prometheus.peer) problems.add("prometheus", args.prometheus, "the Prometheus to query: url, peer and port (e.g. from the Prometheus component)");
    else if (!Number.isInteger(args.prometheus.port)) problems.add("prometheus.port", args.prometheus.port, "the port Prometheus's pods listen on (integer), for the egress allow");
    if (args.datasourceUid !== undefined && !/^[a-zA-Z0-9_-]{1,40}$/.test(args.datasourceUid)) problems.add("datasourceUid", args.datasourceUid, "letters, digits, '-' and '_', at most 40 characters");
    dashboardProblems(problems, args.dashboards ?? []);
    for (const [i, d] of (args.dashboards ?? []).entries()) {
      const bytes = Buffer.byteLength(JSON.stringify(dashboardJson(d, "x")));
      if (bytes > GRAFANA_DEFAULTS.dashboardBytesLimit) problems.add(`dashboards[${i}]`, d.uid, `a dashboard under ${GRAFANA_DEFAULTS.dashboardBytesLimit} bytes of JSON (this one is ${bytes}): split it`);
    }
  }
  problems.throwFirst();
}

/** The datasource file: Prometheus with a fixed uid, default, not editable in the UI. */
export function datasourcesYaml(url: string, uid: string): string {
  return stringify({ apiVersion: 1, datasources: [{ name: "Prometheus", uid, type: "prometheus", access: "proxy", url, isDefault: true, editable: false }] });
}

/** The file provider: dashboards from the mounted ConfigMap, never deleted or overwritten from the UI. */
export function dashboardProviderYaml(folder: string): string {
  return stringify({
    apiVersion: 1,
    providers: [{ name: "forja", orgId: 1, folder, type: "file", disableDeletion: true, allowUiUpdates: false, updateIntervalSeconds: 60, options: { path: GRAFANA_DEFAULTS.dashboardsPath } }],
  });
}

/** `<uid>.json` per dashboard. */
export function dashboardFiles(args: GrafanaArgs): Record<string, string> {
  const uid = grafanaSettings(args).datasourceUid;
  return Object.fromEntries((args.dashboards ?? []).map((d) => [`${d.uid}.json`, JSON.stringify(dashboardJson(d, uid), null, 2)]));
}

export interface GrafanaConfigMaps {
  datasources: pulumi.Input<string>;
  provider: pulumi.Input<string>;
  dashboards: pulumi.Input<string>;
}

/**
 * Grafana as its own user with a read-only root: data, logs and plugins on
 * the volume, provisioning from ConfigMaps, the admin password (it seeds only
 * the first start) and the secret key from the generated Secret, anonymous
 * access, sign-up and phoning home off.
 */
export function grafanaSpec(name: string, args: GrafanaArgs, configMaps: GrafanaConfigMaps, keysSecret: pulumi.Input<string>): AppPodSpec {
  const s = grafanaSettings(args);
  const data = GRAFANA_DEFAULTS.dataPath;
  const url = routeUrl(args.route);
  const port = "http";
  return {
    name,
    app: "grafana",
    namespace: args.namespace,
    cluster: args.cluster,
    image: s.image,
    uid: GRAFANA_DEFAULTS.uid,
    readOnlyRootFilesystem: true,
    port: { name: port, containerPort: GRAFANA_DEFAULTS.port },
    env: [
      ...plainEnv({
        GF_PATHS_DATA: data,
        GF_PATHS_LOGS: `${data}/logs`,
        GF_PATHS_PLUGINS: `${data}/plugins`,
        GF_PATHS_PROVISIONING: GRAFANA_DEFAULTS.provisioningPath,
        GF_SECURITY_ADMIN_USER: GRAFANA_DEFAULTS.adminUser,
        GF_AUTH_ANONYMOUS_ENABLED: "false",
        GF_USERS_ALLOW_SIGN_UP: "false",
        GF_ANALYTICS_REPORTING_ENABLED: "false",
        GF_ANALYTICS_CHECK_FOR_UPDATES: "false",
        GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: "false",
        GF_SECURITY_COOKIE_SECURE: String(args.route !== undefined && routeTls(args.route)),
        ...(url ? { GF_SERVER_ROOT_URL: url } : {}),
      }),
      ...secretEnv(keysSecret, { GF_SECURITY_ADMIN_PASSWORD: GRAFANA_KEYS.adminPassword, GF_SECURITY_SECRET_KEY: GRAFANA_KEYS.secretKey }),
    ],
    resources: s.resources,
    readiness: httpProbe(GRAFANA_DEFAULTS.probePath, port),
    liveness: httpProbe(GRAFANA_DEFAULTS.probePath, port, { periodSeconds: 20, failureThreshold: 5 }),
    startup: httpProbe(GRAFANA_DEFAULTS.probePath, port, { failureThreshold: 30 }),
    volume: { mountPath: data, size: s.storageSize },
    configMounts: [
      { name: "datasources", mountPath: `${GRAFANA_DEFAULTS.provisioningPath}/datasources`, configMap: configMaps.datasources },
      { name: "dashboard-provider", mountPath: `${GRAFANA_DEFAULTS.provisioningPath}/dashboards`, configMap: configMaps.provider },
      { name: "dashboards", mountPath: GRAFANA_DEFAULTS.dashboardsPath, configMap: configMaps.dashboards },
    ],
    labels: args.labels ?? {},
  };
}

export function grafanaNetwork(args: GrafanaArgs): AppNetwork {
  return { clients: args.clients ?? [], egress: [{ ...args.prometheus.peer, ports: [args.prometheus.port] }, ...(args.egressTo ?? [])], route: args.route };
}
