import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { AppRoute, EgressRule } from "../stateful-app/types";

/** One query of a panel. */
export interface DashboardQuery {
  /** PromQL. */
  expr: string;
  /** Legend template, e.g. "{{pod}}". @default unset (Grafana's series name) */
  legend?: string;
}

/** A time-series panel. */
export interface DashboardPanel {
  title: string;
  /** Grafana unit id, e.g. "percentunit", "bytes", "reqps", "s". @default "short" */
  unit?: string;
  /** Grid width, 1-24 (integer). @default 12 */
  width?: number;
  /** @default unset */
  description?: string;
  /** At least one. */
  queries: DashboardQuery[];
}

/** A dashboard as code: rendered to Grafana's JSON model over the provisioned datasource. */
export interface GrafanaDashboard {
  /** Stable id (URL /d/<uid>): letters, digits, '-' and '_', at most 40. */
  uid: string;
  title: string;
  /** @default [] */
  tags?: string[];
  /** Auto-refresh interval. @default "30s" */
  refresh?: string;
  /** Panels, laid out left to right, top to bottom. */
  panels: DashboardPanel[];
}

/** The Prometheus Grafana's datasource queries. */
export interface GrafanaPrometheus {
  /** In-cluster URL, e.g. `Prometheus.url`. */
  url: pulumi.Input<string>;
  /** Its pods (e.g. `{ podLabels: prometheus.podSelector }`), for the egress allow. */
  peer: Peer;
  /** The port its pods listen on (integer; 9090 whatever the Service port). */
  port: number;
}

export interface GrafanaArgs {
  /** Capabilities of the cluster (storage class, ingress, mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** The Prometheus the datasource queries: its URL (e.g. `Prometheus.url`) and pods (for the egress allow). */
  prometheus: GrafanaPrometheus;
  /** uid of the provisioned Prometheus datasource: every dashboard panel references it. @default "prometheus" */
  datasourceUid?: string;
  /** Dashboards provisioned from ConfigMaps (read-only in the UI). @default [] */
  dashboards?: GrafanaDashboard[];
  /** Folder the dashboards appear in. @default "Forja" */
  folder?: string;
  /** Image, pinned by tag and digest. @default "docker.io/grafana/grafana:13.2.1@sha256:f772…" */
  image?: string;
  /** Size of the retained volume (users, preferences, sessions). @default "5Gi" */
  storageSize?: string;
  /** @default requests 100m CPU and 256Mi, limits 500m CPU and 512Mi (seed 003) */
  resources?: Resources;
  /** Who may open Grafana on 3000 besides the route. @default [] */
  clients?: Peer[];
  /** Further egress (e.g. another datasource). @default [] */
  egressTo?: EgressRule[];
  /** The UI's route; also GF_SERVER_ROOT_URL. @default unset (no route) */
  route?: AppRoute;
  /** Protect the StatefulSet and the generated admin password and secret key. @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
