import { connect } from "../../components/core/connect";
import { ForjaArgumentError } from "../../components/core/errors";
import { podSpecViolations } from "../../components/core/security";
import { KubeRayOperator, planRayService, RayService, rayServiceSpec, rayVersionOfImage } from "../../components/kuberay";
import { Monitoring } from "../../components/monitoring";
import type { RayServiceArgs } from "../../components/kuberay";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { customResourceErrors, MINIKUBE, renderedKinds, renderedObject, synthProblems } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const app = { importPath: "detector.app:deployment" };

describe("KubeRayOperator and a RayService on Minikube", () => {
  let recorded: Recorded;
  let serveUrl: string;
  let ray: RayService;
  beforeAll(async () => {
    recorded = await record(() => {
      const cluster = onCluster();
      const operator = new KubeRayOperator("kuberay", { cluster: MINIKUBE }, cluster);
      ray = new RayService("anomaly-detector", { cluster: MINIKUBE, namespace: "ml-dev", operatorReady: operator.ready, app }, cluster);
      ray.serveUrl.apply((url) => (serveUrl = url));
    });
  }, 120000);

  it("renders the operator chart with its four CRDs, the RayService CRD among them", () => {
    const crds = recorded.chartObjects.filter((r) => (r.inputs as Obj).kind === "CustomResourceDefinition").map((r) => (r.inputs as Obj).metadata.name);
    expect(crds.sort()).toEqual(["rayclusters.ray.io", "raycronjobs.ray.io", "rayjobs.ray.io", "rayservices.ray.io"]);
    expect(renderedKinds(recorded).filter((k) => k === "Deployment")).toHaveLength(1);
    expect(renderedKinds(recorded)).not.toContain("Job");
  });

  it("runs the operator restricted with requests, pinned, and passes every synth check", () => {
    const pod = (renderedObject(recorded, "Deployment", "kuberay-operator").inputs as Obj).spec.template.spec;
    expect(pod.containers[0].image).toBe("quay.io/kuberay/operator:v1.7.0");
    expect(pod.containers[0].resources.requests).toEqual({ cpu: "50m", memory: "128Mi" });
    expect(podSpecViolations(pod)).toEqual([]);
    expect(recorded.one("kubernetes:core/v1:Namespace").inputs.metadata).toMatchObject({ name: "kuberay-system", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
    expect(synthProblems(recorded)).toEqual([]);
  });

  it("creates the RayService after the operator chart: CRD and controller first", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
    expect(recorded.one("kubernetes:ray.io/v1:RayService").dependsOn).toEqual([chart.urn]);
    // No Prometheus operator given: no PodMonitor whose CRD may not exist.
    expect(recorded.ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor")).toEqual([]);
  });

  it("is head-only with the image's Ray version, the app's import path and restricted pods", () => {
    const spec = recorded.one("kubernetes:ray.io/v1:RayService").inputs.spec as Obj;
    expect(spec.rayClusterConfig.rayVersion).toBe("2.52.0");
    expect(spec.rayClusterConfig.workerGroupSpecs).toEqual([]);
    expect(JSON.parse(spec.serveConfigV2)).toEqual({ applications: [{ name: "app", import_path: "detector.app:deployment", route_prefix: "/" }] });
    const head = spec.rayClusterConfig.headGroupSpec.template.spec;
    expect(head.containers[0].image).toBe("docker.io/rayproject/ray:2.52.0");
    expect(head.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 100, fsGroup: 100 });
    expect(head.enableServiceLinks).toBe(false);
    expect(head.containers[0].ports).toContainEqual({ name: "metrics", containerPort: 8080 });
    expect(podSpecViolations(head)).toEqual([]);
    expect(customResourceErrors(recorded, "rayservices.ray.io", "v1", { spec })).toEqual([]);
    expect(serveUrl).toBe("http://anomaly-detector-serve-svc.ml-dev.svc:8000/");
  });

  it("hands a client the Serve endpoint and the peer to allow, which selects the Ray pods by the label connect uses", async () => {
    expect(await new Promise((resolve) => ray.endpoint.apply(resolve))).toEqual({ host: "anomaly-detector-serve-svc.ml-dev.svc.cluster.local", port: 8000 });
    expect(ray.clientPeer).toEqual(connect({ name: "client", namespace: "ml-dev" }, { name: "anomaly-detector", namespace: "ml-dev" }, [8000]).egress);
    const spec = recorded.one("kubernetes:ray.io/v1:RayService").inputs.spec as Obj;
    expect(spec.rayClusterConfig.headGroupSpec.template.metadata.labels).toMatchObject(ray.clientPeer.podLabels!);
  });
});

describe("RayService with Monitoring", () => {
  it("adds a PodMonitor on Ray's metrics port after the Prometheus operator, selecting the head's labels", async () => {
    const recorded = await record(() => {
      const cluster = onCluster();
      const operator = new KubeRayOperator("kuberay", { cluster: MINIKUBE }, cluster);
      const monitoring = new Monitoring("mon", { cluster: MINIKUBE }, cluster);
      new RayService("detector", { cluster: MINIKUBE, namespace: "ml-dev", operatorReady: operator.ready, monitoringReady: monitoring.ready, app }, cluster);
    });
    const monitor = recorded.one("kubernetes:monitoring.coreos.com/v1:PodMonitor");
    expect(monitor.dependsOn).toEqual([recorded.one("kubernetes:helm.sh/v4:Chart", "mon-chart").urn]);
    expect(customResourceErrors(recorded, "podmonitors.monitoring.coreos.com", "v1", monitor.inputs as Obj)).toEqual([]);
    const head = ((recorded.one("kubernetes:ray.io/v1:RayService").inputs.spec as Obj).rayClusterConfig.headGroupSpec.template) as Obj;
    expect(head.metadata.labels).toMatchObject((monitor.inputs.spec as Obj).selector.matchLabels);
    expect((monitor.inputs.spec as Obj).podMetricsEndpoints).toEqual([{ port: "metrics", path: "/metrics" }]);
  }, 120000);
});

describe("RayService args", () => {
  const base: RayServiceArgs = { cluster: MINIKUBE, namespace: "ml-dev", operatorReady: [], app };

  it("reads the Ray version from tags with suffixes, and only from tags that start with one", () => {
    expect(rayVersionOfImage("rayproject/ray:2.52.0-py311-gpu")).toBe("2.52.0");
    expect(rayVersionOfImage("ghcr.io/acme/detector:v7")).toBeUndefined();
  });

  it("refuses a rayVersion that contradicts the image, and a custom image without one", () => {
    expect(() => planRayService("rs", { ...base, rayVersion: "2.46.0" })).toThrow(/rayVersion.*2\.52\.0/);
    expect(() => planRayService("rs", { ...base, image: "ghcr.io/acme/detector:v7" })).toThrow(ForjaArgumentError);
    expect(planRayService("rs", { ...base, image: "ghcr.io/acme/detector:v7", rayVersion: "2.52.0" }).rayVersion).toBe("2.52.0");
  });

  it("refuses names that leave no room for -serve-svc, bad import paths and unpinned images", () => {
    expect(() => planRayService("a".repeat(54), base)).toThrow(/53/);
    expect(() => planRayService("rs", { ...base, app: { importPath: "detector.app" } })).toThrow(/app\.importPath/);
    expect(() => planRayService("rs", { ...base, image: "rayproject/ray:latest", rayVersion: "2.52.0" })).toThrow(/pinned/);
  });

  it("adds a worker group of the asked size, with private pull secrets, through the mirror", () => {
    const spec = rayServiceSpec(planRayService("rs", { ...base, cluster: { ...MINIKUBE, imageMirrors: { "docker.io": "mirror.example.com/hub" } }, workers: { replicas: 2 }, imagePullSecrets: ["ghcr"] })) as Obj;
    const [group] = spec.rayClusterConfig.workerGroupSpecs;
    expect(group).toMatchObject({ replicas: 2, minReplicas: 2, maxReplicas: 2 });
    expect(group.template.spec.imagePullSecrets).toEqual([{ name: "ghcr" }]);
    expect(group.template.spec.containers[0].image).toBe("mirror.example.com/hub/rayproject/ray:2.52.0");
    expect(podSpecViolations(group.template.spec)).toEqual([]);
  });

  it("writes a spec the RayService CRD accepts, and the check catches a misspelt field", async () => {
    const recorded = await record(() => new KubeRayOperator("kuberay", { cluster: MINIKUBE }, onCluster()));
    const spec = rayServiceSpec(planRayService("rs", { ...base, workers: { replicas: 1 } })) as Obj;
    expect(customResourceErrors(recorded, "rayservices.ray.io", "v1", { spec })).toEqual([]);
    expect(customResourceErrors(recorded, "rayservices.ray.io", "v1", { spec: { ...spec, serveConfig: "x" } })).toEqual([expect.stringContaining("serveConfig")]);
  }, 120000);
});
