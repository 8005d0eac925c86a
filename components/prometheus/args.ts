import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { AppRoute } from "../stateful-app/types";

/** Pods Prometheus scrapes: one job each, and the egress allow that lets it through. */
export interface PrometheusScrapeTarget {
  /** Job name (the `job` label of every series). */
  job: string;
  /** Namespace of the pods. */
  namespace: string;
  /** Pods with these labels (e.g. a component's `podSelector`). */
  podLabels: Record<string, string>;
  /** Container port serving metrics (integer). */
  port: number;
  /** @default "/metrics" */
  path?: string;
}

export interface PrometheusArgs {
  /** Capabilities of the cluster (storage class, ingress, mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Image, pinned by tag and digest. @default "docker.io/prom/prometheus:v3.14.0@sha256:5ce7…" */
  image?: string;
  /** Size of the retained TSDB volume. @default "10Gi" */
  storageSize?: string;
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 2Gi (seed 003) */
  resources?: Resources;
  /** How long samples are kept (Prometheus duration). @default "15d" */
  retentionTime?: string;
  /** Size at which the oldest blocks go, e.g. "8GB". @default 80% of storageSize */
  retentionSize?: string;
  /** Prometheus duration. @default "30s" */
  scrapeInterval?: string;
  /** Application pods to scrape, beside the API server and the kubelets' cAdvisor. @default [] */
  targets?: PrometheusScrapeTarget[];
  /** Where the nodes (kubelet 10250) and the API server (6443) are: egress is allowed there on those ports only. @default the private IPv4 ranges */
  nodeCidrs?: string[];
  /** Port of the Service (the seed used 9099). @default 9090 */
  servicePort?: number;
  /** Who may query on 9090 (e.g. Grafana). @default [] */
  clients?: Peer[];
  /** A route to the (unauthenticated) UI: only behind an authenticating proxy. @default unset */
  route?: AppRoute;
  /** Protect the StatefulSet (the volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
