/**
 * The chart tier's cases: the charts Forja installs, rendered with real Helm
 * from the packaged charts with the values a stack (or an Airflow variant)
 * computes. Every values key Forja sets must change the render, or be listed
 * here with the reason it cannot, and the rendered objects must pass every
 * check (restricted pods, served APIs, schema, policies). One test file per
 * case, so jest spreads them over the machine's cores.
 */
import { Airflow } from "../../components/airflow";
import type { AirflowArgs } from "../../components/airflow";
import { k3sCapabilities } from "../../components/platform/k3s/k3s-cluster";
import { helmEntry, reportProblems } from "../../src/offline/report";
import type { HelmEntry, SynthReport } from "../../src/offline/report";
import { onCluster, record } from "../harness";
import { unconsumedKeys } from "./render-harness";

/** Keys whose change cannot show in a render, by case and release, with why. */
export const EXPLAINED: Record<string, string> = {
  "airflow.defaultAirflowRepository": "kept equal to images.airflow for the chart's templates that read the default image (pod templates of the Kubernetes executor); the Celery executor renders none",
  "airflow.defaultAirflowTag": "as defaultAirflowRepository",
  "airflow.uid": "the image's user; the chart falls back to it only where Forja's explicit securityContexts are absent",
  "airflow.gid": "as uid",
  "airflow.apiServer.podDisruptionBudget.config.maxUnavailable": "budgets are off in development; the value is what production turns on",
  "airflow.webserver.podDisruptionBudget.config.maxUnavailable": "as apiServer's",
  "airflow.dagProcessor.podDisruptionBudget.config.maxUnavailable": "as apiServer's",
  "airflow.scheduler.podDisruptionBudget.config.maxUnavailable": "as apiServer's",
  "airflow.triggerer.podDisruptionBudget.config.maxUnavailable": "as apiServer's",
  "airflow.workers.podDisruptionBudget.config.maxUnavailable": "as apiServer's",
  "airflow.workers.logGroomerSidecar.resources.limits.memory": "workers keep no log volume when logs go to S3: there is nothing to groom, so no sidecar",
  "airflow.workers.logGroomerSidecar.resources.requests.cpu": "as limits.memory",
  "airflow.workers.logGroomerSidecar.resources.requests.memory": "as limits.memory",
  "milvus.kafka.pdb.create": "Kafka is off on MinIO/development stacks; the key keeps the subchart's budget off when Kafka is on (Forja makes its own)",
  "milvus.kafka.zookeeper.pdb.create": "as kafka.pdb.create",
};

export interface Case {
  entries: HelmEntry[];
  problems: string[];
}

export async function stackCase(run: Promise<{ report: SynthReport }>): Promise<Case> {
  const { report } = await run;
  return { entries: report.helm, problems: reportProblems(report) };
}

export async function airflowCase(args: Partial<AirflowArgs>): Promise<Case> {
  const recorded = await record(() => new Airflow("airflow", { cluster: k3sCapabilities({}), namespace: "forja", preset: "production", protect: false, ...args }, onCluster()));
  const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
  return { entries: [helmEntry(chart)], problems: recorded.policyViolations(true).map((v) => `${v.policy}: ${v.message}`).concat(recorded.schemaErrors()) };
}

/** Per release, the keys Forja sets that the chart does not read (beyond the explained ones): `[]` each when all are read. */
export function unreadKeys(loaded: Case): Record<string, string[]> {
  return Object.fromEntries(loaded.entries.map((entry) => [entry.name, unconsumedKeys(entry).filter((path) => !(`${entry.name}.${path}` in EXPLAINED))]));
}

export function noneUnread(loaded: Case): Record<string, string[]> {
  return Object.fromEntries(loaded.entries.map((entry) => [entry.name, []]));
}
