/**
 * The capacity check: what the scheduler would reserve per pod, packed onto
 * the stack's nodes. It refuses a stack whose pods stay Pending and says by
 * how much; the shipped stacks pass it.
 */
import { capacityProblem, fitPods, podDemands, podRequests } from "../../src/offline/capacity";
import { reportProblems } from "../../src/offline/report";
import { runStack, runStackVariant } from "../harness";

const container = (cpu: string, memory: string, extra: object = {}) => ({ name: "c", image: "x:1", resources: { requests: { cpu, memory } }, ...extra });

describe("podRequests", () => {
  it("adds containers and restartable sidecars, and takes an init container when it asks for more", () => {
    expect(podRequests({ containers: [container("250m", "256Mi"), container("250m", "256Mi")] })).toEqual({ cpuMillis: 500, memoryMiB: 512 });
    expect(podRequests({ containers: [container("250m", "256Mi")], initContainers: [container("100m", "64Mi", { restartPolicy: "Always" })] })).toEqual({ cpuMillis: 350, memoryMiB: 320 });
    expect(podRequests({ containers: [container("250m", "256Mi")], initContainers: [container("2", "64Mi")] })).toEqual({ cpuMillis: 2000, memoryMiB: 256 });
  });

  it("counts a limit as the request when the request is missing, as Kubernetes defaults it", () => {
    expect(podRequests({ containers: [{ name: "c", resources: { limits: { cpu: "1", memory: "1Gi" } } }] })).toEqual({ cpuMillis: 1000, memoryMiB: 1024 });
  });
});

describe("fitPods", () => {
  const node = { name: "m6i.xlarge", count: 2, cpuMillis: 3920, memoryMiB: 15391 };

  it("places replicas and DaemonSets (one per node), leaving Jobs out", () => {
    const demands = podDemands([
      { kind: "Deployment", metadata: { name: "web", namespace: "a" }, spec: { replicas: 3, template: { spec: { containers: [container("1", "1Gi")] } } } },
      { kind: "DaemonSet", metadata: { name: "agent", namespace: "a" }, spec: { template: { spec: { containers: [container("100m", "128Mi")] } } } },
      { kind: "Job", metadata: { name: "migrate", namespace: "a" }, spec: { template: { spec: { containers: [container("8", "1Gi")] } } } },
    ]);
    const result = fitPods(demands, [node]);
    expect(result).toMatchObject({ fits: true, demand: { cpuMillis: 3200, memoryMiB: 3328 }, capacity: { cpuMillis: 7840, nodes: 2 }, pending: [] });
  });

  it("finds a pod that fits the total but no single node", () => {
    const demands = podDemands([{ kind: "StatefulSet", metadata: { name: "db", namespace: "a" }, spec: { replicas: 2, template: { spec: { containers: [container("3", "1Gi")] } } } }]);
    demands.push({ workload: "Deployment/a/big", replicas: 1, cpuMillis: 1500, memoryMiB: 10, perNode: false });
    const result = fitPods(demands, [node]);
    expect(result.pending).toEqual(["Deployment/a/big#0"]);
    expect(capacityProblem(result, [node], "Add nodes.")).toBe(
      "the stack cannot schedule: its pods request 7.5 vCPU / 2.0 GiB but 2 × m6i.xlarge (3.9 vCPU / 15.0 GiB allocatable each) offer 7.8 vCPU / 30.1 GiB; 1 pod(s) would stay Pending (Deployment/a/big#0). Add nodes.",
    );
  });
});

describe("the stacks", () => {
  it.each(["dev", "prod"])("%s fits its nodes", async (stack) => {
    const { report } = await runStack(stack);
    expect(report.capacity?.fits).toBe(true);
    expect(report.capacity?.problem).toBeUndefined();
  });

  it("refuses the prod shape of the issue that asked for it: Airflow and Milvus production presets as they were on 3 × m6i.xlarge with no autoscaler", () => {
    // The requests the real-rendering review summed from the charts before the presets were resized.
    const before: [string, number, number][] = [
      ["airflow-scheduler", 2, 1000], ["airflow-webserver", 2, 500], ["airflow-worker", 2, 1000], ["airflow-triggerer", 2, 250], ["airflow-sidecars", 1, 400],
      ["etcd", 3, 250], ["kafka", 3, 500], ["zookeeper", 3, 250], ["datanode", 2, 500], ["querynode", 1, 1000], ["indexnode", 1, 1000], ["proxy", 1, 500], ["mixcoord", 1, 500],
    ];
    const demands = before.map(([workload, replicas, cpuMillis]) => ({ workload, replicas, cpuMillis, memoryMiB: 1024, perNode: false }));
    const nodes = [{ name: "m6i.xlarge", count: 3, cpuMillis: 3920, memoryMiB: 15391 }];
    const result = fitPods(demands, nodes);
    expect(result.fits).toBe(false);
    expect(capacityProblem(result, nodes, "")).toMatch(/^the stack cannot schedule: its pods request 12\.9 vCPU \/ 24\.0 GiB but 3 × m6i\.xlarge \(3\.9 vCPU \/ 15\.0 GiB allocatable each\) offer 11\.8 vCPU \/ 45\.1 GiB; \d+ pod\(s\) would stay Pending/);
  });

  it("refuses prod without an autoscaler on nodes too small for it, naming the key to raise", async () => {
    const { report } = await runStackVariant("prod", (config) => {
      const eks = config["forja:eks"] as Record<string, unknown>;
      eks.nodeAutoscaler = "none";
      eks.nodes = { ...(eks.nodes as object), instanceTypes: ["m6i.large"] };
    });
    expect(reportProblems(report).filter((p) => p.startsWith("capacity:"))).toEqual([
      expect.stringMatching(/^capacity: the stack cannot schedule: its pods request \d+\.\d vCPU \/ \d+\.\d GiB but 3 × m6i\.large \(1\.9 vCPU \/ [\d.]+ GiB allocatable each\) offer 5\.8 vCPU .*Raise forja:eks\.nodeGroups\.<group>\.desiredSize \(no autoscaler\)/),
    ]);
  });

  it("refuses a K3s stack whose node is smaller than its pods", async () => {
    const { report } = await runStackVariant("dev", (config) => {
      config["forja:k3s"] = { ...(config["forja:k3s"] as object), nodes: { count: 1, cpu: "1", memory: "2Gi" } };
    });
    expect(report.capacity?.problem).toMatch(/^the stack cannot schedule: .* but 1 × k3s node \(1\.0 vCPU \/ 2\.0 GiB allocatable each\) .*Describe the cluster's real nodes in forja:k3s\.nodes/);
  });
});
