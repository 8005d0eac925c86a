import { parse } from "yaml";
import { Grafana, dashboardJson } from "../../components/grafana";
import type { GrafanaArgs, GrafanaDashboard } from "../../components/grafana";
import { validateGrafana } from "../../components/grafana/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const prometheus = { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "prometheus" };
const dashboard: GrafanaDashboard = {
  uid: "demo",
  title: "Demo",
  panels: [
    { title: "Up", queries: [{ expr: "up" }] },
    { title: "CPU", unit: "cores", width: 24, queries: [{ expr: 'sum by (pod) (rate(container_cpu_usage_seconds_total{container=""}[5m]))', legend: "{{pod}}" }] },
  ],
};
const base: GrafanaArgs = {
  cluster: k3sCapabilities({}),
  namespace: "observability",
  prometheus: { url: "http://prometheus.observability.svc.cluster.local:9099", peer: { podLabels: prometheus }, port: 9090 },
  dashboards: [dashboard],
};

describe("Grafana", () => {
  let recorded: Recorded;
  let pod: Obj;
  const configMap = (name: string) => recorded.one("kubernetes:core/v1:ConfigMap", `grafana-${name}`).inputs.data as Record<string, string>;
  beforeAll(async () => {
    recorded = await record(() => new Grafana("grafana", { ...base, route: { host: "grafana.example.com", clusterIssuer: "letsencrypt" } }, onCluster()));
    pod = (recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template.spec;
  });

  it("creates the admin password and secret key (protected), their Secret, three ConfigMaps, the pod, its Service, policy and route", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Grafana": 1,
      "random:index/randomPassword:RandomPassword": 2,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:ConfigMap": 3,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      "kubernetes:networking.k8s.io/v1:Ingress": 1,
    });
    expect(recorded.ofType("random:index/randomPassword:RandomPassword").map((k) => k.protect)).toEqual([true, true]);
    expect(recorded.policyViolations()).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("provisions Prometheus with the fixed uid as the default, read-only datasource", () => {
    expect(parse(configMap("datasources")["datasources.yaml"])).toEqual({
      apiVersion: 1,
      datasources: [{ name: "Prometheus", uid: "prometheus", type: "prometheus", access: "proxy", url: "http://prometheus.observability.svc.cluster.local:9099", isDefault: true, editable: false }],
    });
    expect(parse(configMap("dashboard-provider")["dashboards.yaml"]).providers[0]).toMatchObject({ type: "file", folder: "Forja", disableDeletion: true, allowUiUpdates: false, options: { path: "/etc/grafana/dashboards" } });
  });

  it("ships each dashboard as <uid>.json, every panel and query on the provisioned datasource", () => {
    const model = JSON.parse(configMap("dashboards")["demo.json"]);
    expect(model).toMatchObject({ uid: "demo", title: "Demo", editable: false });
    expect(model.panels.map((p: Obj) => p.gridPos)).toEqual([{ x: 0, y: 0, w: 12, h: 8 }, { x: 0, y: 8, w: 24, h: 8 }]);
    for (const panel of model.panels) {
      expect(panel.datasource).toEqual({ type: "prometheus", uid: "prometheus" });
      for (const target of panel.targets) expect(target.datasource).toEqual({ type: "prometheus", uid: "prometheus" });
    }
    expect(model.panels[1].targets).toEqual([{ refId: "A", datasource: { type: "prometheus", uid: "prometheus" }, expr: dashboard.panels[1].queries[0].expr, legendFormat: "{{pod}}", range: true }]);
  });

  it("reads the admin password and secret key from the Secret, with anonymous access and sign-up off", () => {
    const env = Object.fromEntries((pod.containers[0].env as Obj[]).map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      GF_SECURITY_ADMIN_USER: "admin",
      GF_SECURITY_ADMIN_PASSWORD: { secretKeyRef: { name: "grafana-keys", key: "admin-password" } },
      GF_SECURITY_SECRET_KEY: { secretKeyRef: { name: "grafana-keys", key: "secret-key" } },
      GF_AUTH_ANONYMOUS_ENABLED: "false",
      GF_USERS_ALLOW_SIGN_UP: "false",
      GF_SERVER_ROOT_URL: "https://grafana.example.com/",
      GF_SECURITY_COOKIE_SECURE: "true",
    });
    expect(JSON.stringify(pod)).not.toMatch(/appgear_grafana_2025|"admin"\s*:\s*"admin"/);
  });

  it("runs as uid 472 with a read-only root, data, logs and plugins on the retained volume, probed on /api/health", () => {
    const [container] = pod.containers;
    expect(pod.securityContext).toMatchObject({ runAsUser: 472, fsGroup: 472 });
    expect(pod.enableServiceLinks).toBe(false);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts.map((m: Obj) => m.mountPath)).toEqual(["/var/lib/grafana", "/tmp", "/etc/grafana/provisioning/datasources", "/etc/grafana/provisioning/dashboards", "/etc/grafana/dashboards"]);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) expect(probe.httpGet).toEqual({ path: "/api/health", port: "http" });
  });

  it("reaches only DNS and Prometheus's pods; the route gets a cert-manager certificate", () => {
    const policy = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj;
    expect(policy.egress.slice(1)).toEqual([{ to: [{ podSelector: { matchLabels: prometheus } }], ports: [{ protocol: "TCP", port: 9090 }] }]);
    const ingress = recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs as Obj;
    expect(ingress.metadata.annotations).toMatchObject({ "cert-manager.io/cluster-issuer": "letsencrypt" });
    expect(ingress.spec.tls).toEqual([{ hosts: ["grafana.example.com"], secretName: "grafana-tls" }]);
  });

  it("refuses duplicate dashboard uids, empty panels and a bad grid width", () => {
    expect(() => validateGrafana("grafana", { ...base, dashboards: [dashboard, dashboard] })).toThrow(/argument "dashboards\[1\].uid" was "demo"; expected a uid not used by another dashboard/);
    expect(() => validateGrafana("grafana", { ...base, dashboards: [{ ...dashboard, panels: [] }] })).toThrow(/dashboards\[0\].panels/);
    expect(() => validateGrafana("grafana", { ...base, dashboards: [{ ...dashboard, panels: [{ title: "x", width: 30, queries: [{ expr: "up" }] }] }] })).toThrow(/dashboards\[0\].panels\[0\].width/);
    // The builder takes the uid it is given: Grafana passes its provisioned one.
    expect((dashboardJson(dashboard, "other").panels as Obj[]).map((p) => p.datasource.uid)).toEqual(["other", "other"]);
  });
});
