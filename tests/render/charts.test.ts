/**
 * The charts Forja installs, rendered with real Helm from the packaged charts
 * with the values each stack (and each Airflow variant) computes: every values
 * key Forja sets changes the render, or is listed here with the reason it
 * cannot, and the rendered objects pass every check (restricted pods, served
 * APIs, schema, policies).
 */
import { Airflow } from "../../components/airflow";
import type { AirflowArgs } from "../../components/airflow";
import { k3sCapabilities } from "../../components/platform/k3s/k3s-cluster";
import { helmEntry, reportProblems } from "../../src/offline/report";
import type { HelmEntry } from "../../src/offline/report";
import { onCluster, record, runStack, runStackVariant } from "../harness";
import type { Recorded } from "../harness";
import { unconsumedKeys } from "./render-harness";

/** Keys whose change cannot show in a render, by case and release, with why. */
const EXPLAINED: Record<string, string> = {
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

interface Case {
  name: string;
  entries: HelmEntry[];
  problems: string[];
}

const cases: Case[] = [];

async function fromStack(name: string, run: Promise<{ report: { helm: HelmEntry[] } } & { report: Parameters<typeof reportProblems>[0] }>): Promise<void> {
  const { report } = await run;
  cases.push({ name, entries: report.helm, problems: reportProblems(report) });
}

async function fromAirflow(name: string, args: Partial<AirflowArgs>): Promise<void> {
  const recorded: Recorded = await record(() => new Airflow("airflow", { cluster: k3sCapabilities({}), namespace: "forja", preset: "production", protect: false, ...args }, onCluster()));
  const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
  cases.push({ name, entries: [helmEntry(chart)], problems: recorded.policyViolations(true).map((v) => `${v.policy}: ${v.message}`).concat(recorded.schemaErrors()) });
}

beforeAll(async () => {
  await fromStack("dev (Milvus development on MinIO, Airflow 3 on K3s)", runStack("dev"));
  await fromStack("prod (Milvus production on S3 with Kafka, Airflow 2.10 with S3 DAGs, ALB controller, autoscaler)", runStack("prod"));
  await fromStack(
    "prod with Airflow 3.1.7 (S3 DAGs)",
    runStackVariant("prod", (config) => {
      const airflow = config["forja:airflow"] as Record<string, unknown>;
      airflow.version = "3.1.7";
      delete airflow.image;
    }),
  );
  const gitSync = { kind: "git-sync", gitRepository: "https://github.com/acme/dags.git", gitSubPath: "dags", syncIntervalSeconds: 30 } as const;
  await fromAirflow("Airflow 2.10.5 with git-sync DAGs on K3s", { airflowVersion: "2.10.5", dags: gitSync });
  await fromAirflow("Airflow 3.1.7 with git-sync DAGs on K3s", { airflowVersion: "3.1.7", dags: gitSync });
}, 600_000);

describe("the charts Forja installs", () => {
  it("render with no problem in any case", () => {
    expect(Object.fromEntries(cases.map((c) => [c.name, c.problems]))).toEqual(Object.fromEntries(cases.map((c) => [c.name, []])));
  });

  it("read every values key Forja sets", () => {
    const found: Record<string, string[]> = {};
    // A release with the same values in two cases (the ALB controller in both prod cases) is probed once.
    const probed = new Map<string, string[]>();
    for (const c of cases) {
      for (const entry of c.entries) {
        const key = JSON.stringify([entry.chart, entry.version, entry.name, entry.namespace, entry.values]);
        if (!probed.has(key)) probed.set(key, unconsumedKeys(entry).filter((path) => !(`${entry.name}.${path}` in EXPLAINED)));
        found[`${c.name}: ${entry.name}`] = probed.get(key) as string[];
      }
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });
});
