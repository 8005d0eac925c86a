/** The estimated critical path of a first `pulumi up`: the longest dependency chain weighted by typical create times. */
import { CREATE_MINUTES, criticalPath } from "../../src/offline/critical-path";
import type { ResourceEntry } from "../../src/offline/report";
import { runStack } from "../harness";

const entry = (name: string, type: string, dependsOn: string[] = [], parent: string | null = null, custom = true): ResourceEntry => ({
  urn: `urn:pulumi:s::p::${type}::${name}`,
  type,
  name,
  parent,
  dependsOn,
  custom,
  protect: false,
  provider: null,
  replaceOnChanges: [],
  deleteBeforeReplace: false,
  inputs: {},
});

describe("criticalPath", () => {
  it("follows dependencies, expands a dependency on a component to its resources, and starts a chart's objects after the chart's dependencies", () => {
    const cluster = entry("vpc", "aws:ec2/vpc:Vpc");
    const db = entry("db", "aws:rds/instance:Instance");
    const app = entry("app", "forja:index:App", [], null, false);
    const migrate = entry("migrate", "kubernetes:batch/v1:Job", [db.urn], app.urn);
    const chart = entry("chart", "kubernetes:helm.sh/v4:Chart", [cluster.urn, app.urn], null, false);
    const web = entry("web", "kubernetes:apps/v1:Deployment", [], chart.urn);
    const path = criticalPath([cluster, db, app, migrate, chart, web]);
    expect(path.chain).toEqual(["aws:rds/instance:Instance db (12 min)", "kubernetes:batch/v1:Job migrate (1 min)", "kubernetes:apps/v1:Deployment web (2 min)"]);
    expect(path.minutes).toBeCloseTo(CREATE_MINUTES["aws:rds/instance:Instance"] + CREATE_MINUTES["kubernetes:batch/v1:Job"] + CREATE_MINUTES["kubernetes:apps/v1:Deployment"]);
  });

  it("estimates prod's first pulumi up at 24 minutes or less: EKS, its nodes, storage, then Milvus, with no chart waiting on the ALB controller", async () => {
    const { report } = await runStack("prod");
    const path = criticalPath(report.resources);
    expect(path.minutes).toBeLessThanOrEqual(24);
    expect(path.chain.slice(0, 2)).toEqual([expect.stringMatching(/^eks:index:Cluster /), expect.stringMatching(/^eks:index:ManagedNodeGroup /)]);
    expect(path.chain.join(" ")).not.toMatch(/aws-load-balancer-controller|alb-controller/);
    // Only what claims a volume waits for the EBS CSI driver: Airflow keeps its logs in S3 and starts with the nodes.
    const airflow = criticalPath(report.resources, (r) => r.type === "kubernetes:apps/v1:Deployment" && r.name.startsWith("airflow-"));
    expect(airflow.chain).toEqual([expect.stringMatching(/^eks:index:Cluster /), expect.stringMatching(/^eks:index:ManagedNodeGroup /), expect.stringMatching(/^kubernetes:batch\/v1:Job airflow-db-setup /), expect.stringMatching(/^kubernetes:apps\/v1:Deployment airflow-/)]);
    const etcd = criticalPath(report.resources, (r) => r.name.endsWith("milvus-etcd"));
    expect(etcd.chain).toContainEqual(expect.stringMatching(/^aws:eks\/addon:Addon forja-ebs-csi /));
  });
});
