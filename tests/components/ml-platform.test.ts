/**
 * The ML platform's components together, as seed 004 installs them: every
 * chart rendered with real Helm, every synth check over the whole set, and
 * the pods' requests against the seed's machine (6 CPU / 12 GiB) and a
 * 2-CPU / 8-GB laptop. Custom-resource pods (Prometheus, the Ray head) are
 * created by operators at run time and are not in the capacity sum.
 */
import { podSpecOf } from "../../components/core/pod";
import { CertManager } from "../../components/cert-manager";
import { GitOps } from "../../components/gitops";
import { KubeRayOperator, RayService } from "../../components/kuberay";
import { Monitoring } from "../../components/monitoring";
import { ServiceMesh } from "../../components/service-mesh";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { MINIKUBE, synthProblems, synthReport } from "./ml-platform-checks";

async function platform(size: "small" | "standard"): Promise<Recorded> {
  return record(() => {
    const opts = onCluster();
    const cluster = { ...MINIKUBE };
    new CertManager("cert-manager", { cluster }, opts);
    new ServiceMesh("mesh", { cluster, size, cniPlatform: "default" }, opts);
    const operator = new KubeRayOperator("kuberay", { cluster }, opts);
    const monitoring = new Monitoring("monitoring", { cluster }, opts);
    const gitops = new GitOps("gitops", { cluster, repository: { url: "git@github.com:acme/ml.git", sshPrivateKey: "key" }, applications: [{ name: "ml-dev", path: "k8s", namespace: "ml-dev" }] }, opts);
    new RayService("anomaly-detector", { cluster, namespace: "ml-dev", operatorReady: operator.ready, monitoringReady: monitoring.ready, app: { importPath: "detector.app:deployment" } }, { ...opts, dependsOn: gitops.ready });
  });
}

/** Room left for the pods operators create at run time: Prometheus (200m / 1Gi) and the Ray head (1 CPU / 2Gi). */
function expectRoomForOperatorPods(recorded: Recorded, node?: { cpu: string; memory: string }): void {
  const capacity = synthReport(recorded, node).capacity!;
  expect(capacity.fits).toBe(true);
  expect(capacity.capacity.cpuMillis - capacity.demand.cpuMillis).toBeGreaterThan(1200);
  expect(capacity.capacity.memoryMiB - capacity.demand.memoryMiB).toBeGreaterThan(3072);
}

describe("the ML platform's components together", () => {
  it("pass every synth check on the seed's 6-CPU / 12-GB Minikube, at the standard size", async () => {
    const recorded = await platform("standard");
    expect(recorded.ofType("kubernetes:helm.sh/v4:Chart")).toHaveLength(8);
    expect(synthProblems(recorded)).toEqual([]);
    expectRoomForOperatorPods(recorded);
  }, 180000);

  it("turn service links off in every pod they render and in the pods their operators make (Prometheus, Ray)", async () => {
    type Obj = { kind?: string; metadata?: { name?: string }; spec?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const objects = (await platform("small")).allRecords.map((r) => r.inputs as Obj);
    const pods = objects.flatMap((o) => {
      const pod = podSpecOf(o as Record<string, unknown>);
      return pod ? [{ where: `${o.kind}/${o.metadata?.name}`, links: pod.enableServiceLinks }] : [];
    });
    const cluster = objects.find((o) => o.kind === "RayService")!.spec!.rayClusterConfig;
    const operated = [
      { where: "Prometheus", links: objects.find((o) => o.kind === "Prometheus")!.spec!.enableServiceLinks },
      { where: "Ray head", links: cluster.headGroupSpec.template.spec.enableServiceLinks },
      ...cluster.workerGroupSpecs.map((group: Obj & { groupName: string; template: Obj }) => ({ where: `Ray ${group.groupName}`, links: group.template.spec!.enableServiceLinks })),
    ];
    expect(pods.length).toBeGreaterThan(8);
    expect([...pods, ...operated].filter((p) => p.links !== false).map((p) => p.where)).toEqual([]);
  }, 180000);

  it("fit a 2-CPU / 8-GB laptop at the small size", async () => {
    const recorded = await platform("small");
    expect(synthProblems(recorded, { cpu: "2", memory: "8Gi" })).toEqual([]);
    expectRoomForOperatorPods(recorded, { cpu: "2", memory: "8Gi" });
  }, 180000);
});
