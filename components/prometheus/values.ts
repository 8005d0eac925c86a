/** Pure parts of Prometheus: rules, the scrape config as code, and the app spec. */
import type * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { withDefaults } from "../core/defaults";
import { parseCidr } from "../core/network";
import { parseQuantity } from "../core/validate";
import type { AppNetwork, AppPodSpec } from "../stateful-app/values";
import { commonAppProblems, httpProbe } from "../stateful-app/values";
import type { EgressRule } from "../stateful-app/types";
import type { PrometheusArgs, PrometheusScrapeTarget } from "./args";
import { PROMETHEUS_DEFAULTS } from "./defaults";

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
const SIZE = /^\d+(B|KB|MB|GB|TB|PB)$/;
const JOB = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;
const SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
/** Jobs Forja always writes: a target may not reuse their names. */
export const BUILT_IN_JOBS = ["kubernetes-apiservers", "kubernetes-nodes-cadvisor"] as const;

export function prometheusSettings(args: PrometheusArgs) {
  const s = withDefaults(
    {
      image: PROMETHEUS_DEFAULTS.image,
      storageSize: PROMETHEUS_DEFAULTS.storageSize,
      resources: PROMETHEUS_DEFAULTS.resources,
      retentionTime: PROMETHEUS_DEFAULTS.retentionTime,
      scrapeInterval: PROMETHEUS_DEFAULTS.scrapeInterval,
      nodeCidrs: [...PROMETHEUS_DEFAULTS.nodeCidrs] as string[],
      servicePort: PROMETHEUS_DEFAULTS.port as number,
      protect: PROMETHEUS_DEFAULTS.protect,
    },
    {
      image: args.image,
      storageSize: args.storageSize,
      resources: args.resources,
      retentionTime: args.retentionTime,
      scrapeInterval: args.scrapeInterval,
      nodeCidrs: args.nodeCidrs,
      servicePort: args.servicePort,
      protect: args.protect,
    },
  );
  return { ...s, retentionSize: args.retentionSize ?? defaultRetentionSize(s.storageSize), targets: args.targets ?? [] };
}

/** 80% of the volume, in whole GB (Prometheus's GB is 2^30 bytes), at least 1GB. */
export function defaultRetentionSize(storageSize: string): string {
  const bytes = parseQuantity(storageSize) ?? 0;
  return `${Math.max(1, Math.floor((bytes * PROMETHEUS_DEFAULTS.retentionShare) / 2 ** 30))}GB`;
}

export function validatePrometheus(name: string, args: PrometheusArgs): void {
  const problems = commonAppProblems("Prometheus", name, args);
  if (!args || typeof args !== "object") return problems.throwFirst();
  for (const field of ["retentionTime", "scrapeInterval"] as const) {
    const value = args[field];
    if (value !== undefined && !DURATION.test(value)) problems.add(field, value, 'a Prometheus duration such as "15d" or "30s"');
  }
  if (args.retentionSize !== undefined && !SIZE.test(args.retentionSize)) problems.add("retentionSize", args.retentionSize, 'a Prometheus size such as "8GB"');
  (args.nodeCidrs ?? []).forEach((cidr, i) => {
    if (!parseCidr(cidr)) problems.add(`nodeCidrs[${i}]`, cidr, "a CIDR such as 192.168.1.0/24");
  });
  if (args.nodeCidrs !== undefined && args.nodeCidrs.length === 0) problems.add("nodeCidrs", args.nodeCidrs, "at least one CIDR: without it Prometheus reaches neither the API server nor the kubelets");
  if (args.servicePort !== undefined && (!Number.isInteger(args.servicePort) || args.servicePort < 1 || args.servicePort > 65535)) problems.add("servicePort", args.servicePort, "a TCP port (integer)");
  const jobs = new Set<string>(BUILT_IN_JOBS);
  (args.targets ?? []).forEach((t, i) => {
    const at = `targets[${i}]`;
    if (typeof t?.job !== "string" || !JOB.test(t.job)) problems.add(`${at}.job`, t?.job, "a job name of letters, digits, '_' and '-'");
    else if (jobs.has(t.job)) problems.add(`${at}.job`, t.job, `a job name not used twice (${[...jobs].join(", ")} are taken)`);
    else jobs.add(t.job);
    if (typeof t?.namespace !== "string" || t.namespace === "") problems.add(`${at}.namespace`, t?.namespace, "the namespace of the pods");
    if (!t?.podLabels || Object.keys(t.podLabels).length === 0) problems.add(`${at}.podLabels`, t?.podLabels, "the pods' labels (at least one): a job never scrapes every pod");
    if (!Number.isInteger(t?.port) || t.port < 1 || t.port > 65535) problems.add(`${at}.port`, t?.port, "the container port serving metrics (integer)");
    if (t?.path !== undefined && !t.path.startsWith("/")) problems.add(`${at}.path`, t.path, 'a path starting with "/"');
  });
  problems.throwFirst();
}

const inCluster = { ca_file: `${SERVICE_ACCOUNT}/ca.crt` };
const token = { credentials_file: `${SERVICE_ACCOUNT}/token` };

/** One job per declared target: pods of one namespace, selected by their labels, on their metrics port. */
function targetJob(target: PrometheusScrapeTarget): Record<string, unknown> {
  const labelKeeps = Object.entries(target.podLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ source_labels: [`__meta_kubernetes_pod_label_${key.replace(/[^a-zA-Z0-9_]/g, "_")}`], action: "keep", regex: value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") }));
  return {
    job_name: target.job,
    metrics_path: target.path ?? PROMETHEUS_DEFAULTS.metricsPath,
    kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [target.namespace] } }],
    relabel_configs: [
      ...labelKeeps,
      { source_labels: ["__meta_kubernetes_pod_container_port_number"], action: "keep", regex: String(target.port) },
      { source_labels: ["__meta_kubernetes_pod_phase"], action: "drop", regex: "Pending|Succeeded|Failed" },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
    ],
  };
}

/**
 * prometheus.yml: the API server (endpoints of the `kubernetes` Service),
 * every node's cAdvisor through the kubelet on 10250 (`/metrics/cadvisor`,
 * with the ServiceAccount token; the kubelet's certificate is self-signed on
 * K3s), and one job per declared target.
 */
export function prometheusConfig(args: PrometheusArgs): string {
  const s = prometheusSettings(args);
  return stringify({
    global: { scrape_interval: s.scrapeInterval, evaluation_interval: s.scrapeInterval },
    scrape_configs: [
      {
        job_name: "kubernetes-apiservers",
        scheme: "https",
        kubernetes_sd_configs: [{ role: "endpoints", namespaces: { names: ["default"] } }],
        tls_config: inCluster,
        authorization: token,
        relabel_configs: [{ source_labels: ["__meta_kubernetes_service_name", "__meta_kubernetes_endpoint_port_name"], action: "keep", regex: "kubernetes;https" }],
      },
      {
        job_name: "kubernetes-nodes-cadvisor",
        scheme: "https",
        metrics_path: "/metrics/cadvisor",
        kubernetes_sd_configs: [{ role: "node" }],
        tls_config: { ...inCluster, insecure_skip_verify: true },
        authorization: token,
        relabel_configs: [{ action: "labelmap", regex: "__meta_kubernetes_node_label_(.+)" }],
      },
      ...s.targets.map(targetJob),
    ],
  }, { aliasDuplicateObjects: false });
}

export function prometheusSpec(name: string, args: PrometheusArgs, configMap: pulumi.Input<string>, serviceAccountName: pulumi.Input<string>): AppPodSpec {
  const s = prometheusSettings(args);
  const port = "http";
  return {
    name,
    app: "prometheus",
    namespace: args.namespace,
    cluster: args.cluster,
    image: s.image,
    uid: PROMETHEUS_DEFAULTS.uid,
    readOnlyRootFilesystem: true,
    port: { name: port, containerPort: PROMETHEUS_DEFAULTS.port },
    servicePort: s.servicePort,
    args: [
      `--config.file=${PROMETHEUS_DEFAULTS.configPath}/${PROMETHEUS_DEFAULTS.configFile}`,
      `--storage.tsdb.path=${PROMETHEUS_DEFAULTS.dataPath}`,
      `--storage.tsdb.retention.time=${s.retentionTime}`,
      `--storage.tsdb.retention.size=${s.retentionSize}`,
      `--web.listen-address=:${PROMETHEUS_DEFAULTS.port}`,
    ],
    env: [],
    resources: s.resources,
    readiness: httpProbe("/-/ready", port),
    liveness: httpProbe("/-/healthy", port, { periodSeconds: 20, failureThreshold: 5 }),
    // Replaying a large WAL after a restart takes a while.
    startup: httpProbe("/-/ready", port, { failureThreshold: 60 }),
    volume: { mountPath: PROMETHEUS_DEFAULTS.dataPath, size: s.storageSize },
    configMounts: [{ name: "config", mountPath: PROMETHEUS_DEFAULTS.configPath, configMap }],
    serviceAccountName,
    labels: args.labels ?? {},
  };
}

/** Egress to the API server and kubelets on the node addresses, and to each target's pods on its port. */
export function prometheusNetwork(args: PrometheusArgs): AppNetwork {
  const s = prometheusSettings(args);
  const nodes: EgressRule[] = s.nodeCidrs.map((cidr) => ({ cidr, ports: [PROMETHEUS_DEFAULTS.kubeletPort, ...PROMETHEUS_DEFAULTS.apiServerPorts] }));
  const targets: EgressRule[] = s.targets.map((t) => ({ namespaceLabels: { "kubernetes.io/metadata.name": t.namespace }, podLabels: t.podLabels, ports: [t.port] }));
  return { clients: args.clients ?? [], egress: [...nodes, ...targets], route: args.route };
}
