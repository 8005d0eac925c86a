import { ForjaArgumentError } from "../../components/core/errors";
import { podSpecViolations } from "../../components/core/security";
import { MESH_SIZES, planServiceMesh, renderGatewayValues, ServiceMesh } from "../../components/service-mesh";
import { EKS_CAPABILITIES, onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { MINIKUBE, renderedObject, synthProblems } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const chartOf = (recorded: Recorded, role: string) => recorded.one("kubernetes:helm.sh/v4:Chart", `mesh-${role}`);
const podOf = (recorded: Recorded, kind: string, name: string) => (renderedObject(recorded, kind, name).inputs as Obj).spec.template.spec;

describe("ServiceMesh on K3s (sidecars with the Istio CNI)", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new ServiceMesh("mesh", { cluster: { ...MINIKUBE, imageMirrors: { "docker.io": "mirror.example.com/hub" } } }, onCluster()));
  }, 120000);

  it("installs base, then the CNI agent, then istiod, then the gateway", () => {
    const [base, cni, istiod, gateway] = ["base", "cni", "istiod", "gateway"].map((role) => chartOf(recorded, role));
    const charts = (record: { dependsOn: string[] }) => record.dependsOn.filter((urn) => urn.includes("helm.sh"));
    expect(charts(base)).toEqual([]);
    expect(charts(cni)).toEqual([]);
    expect(charts(istiod)).toEqual([base.urn, cni.urn]);
    expect(charts(gateway)).toEqual([istiod.urn]);
  });

  it("sends both validating webhooks as Fail and leaves their CA to istiod, as a fresh install renders them", () => {
    for (const name of ["istiod-default-validator", "istio-validator-istio-system"]) {
      const webhooks = (renderedObject(recorded, "ValidatingWebhookConfiguration", name).inputs as Obj).webhooks as Obj[];
      expect(webhooks.map((w) => w.failurePolicy)).toEqual(webhooks.map(() => "Fail"));
      expect(webhooks.map((w) => "caBundle" in w.clientConfig)).toEqual(webhooks.map(() => false));
    }
    const injector = (renderedObject(recorded, "MutatingWebhookConfiguration", "istio-sidecar-injector").inputs as Obj).webhooks as Obj[];
    expect(injector.some((w) => "caBundle" in w.clientConfig)).toBe(false);
  });

  it("pulls every Istio image from the mirrored hub, pinned", () => {
    expect(podOf(recorded, "Deployment", "istiod").containers[0].image).toBe("mirror.example.com/hub/istio/pilot:1.30.3");
    expect(podOf(recorded, "DaemonSet", "istio-cni-node").containers[0].image).toBe("mirror.example.com/hub/istio/install-cni:1.30.3");
    const injected = JSON.parse((renderedObject(recorded, "ConfigMap", "istio-sidecar-injector").inputs as Obj).data.values);
    expect(injected.global).toMatchObject({ hub: "mirror.example.com/hub/istio", tag: "1.30.3" });
  });

  it("injects pods that restricted Pod Security admits: CNI redirection, no privilege, RuntimeDefault seccomp", () => {
    // The sidecar template istiod renders at admission branches on these values: with the CNI the init
    // container is istio-validation (uid 1337, drop ALL, no NET_ADMIN/NET_RAW), not the root istio-init.
    const injected = JSON.parse((renderedObject(recorded, "ConfigMap", "istio-sidecar-injector").inputs as Obj).data.values);
    expect(injected.pilot.cni).toMatchObject({ enabled: true });
    expect(injected.global.proxy).toMatchObject({ privileged: false, seccompProfile: { type: "RuntimeDefault" } });
    const template = (renderedObject(recorded, "ConfigMap", "istio-sidecar-injector").inputs as Obj).data.config as string;
    expect(template).toMatch(/if not \.Values\.pilot\.cni\.enabled \}\}\s+add:\s+- NET_ADMIN\s+- NET_RAW/);
    expect(template).toMatch(/if \.Values\.pilot\.cni\.enabled -\}\}\s+- "--run-validation"/);
  });

  it("runs istiod and the gateway restricted in restricted namespaces, and only the CNI agent privileged, alone", () => {
    expect(podSpecViolations(podOf(recorded, "Deployment", "istiod"))).toEqual([]);
    expect(podSpecViolations(podOf(recorded, "Deployment", "istio-ingressgateway"))).toEqual([]);
    expect(podSpecViolations(podOf(recorded, "DaemonSet", "istio-cni-node")).length).toBeGreaterThan(0);
    const labels = Object.fromEntries(recorded.ofType("kubernetes:core/v1:Namespace").map((ns) => [(ns.inputs as Obj).metadata.name, (ns.inputs as Obj).metadata.labels["pod-security.kubernetes.io/enforce"]]));
    expect(labels).toEqual({ "istio-system": "restricted", "istio-ingress": "restricted", "istio-cni": "privileged" });
    const inCniNamespace = recorded.chartObjects.filter((r) => (r.inputs as Obj).metadata.namespace === "istio-cni").map((r) => r.origin?.chart);
    expect(new Set(inCniNamespace)).toEqual(new Set(["cni 1.30.3"]));
  });

  it("passes every synth check, the CNI agent's findings covered by named exemptions", () => {
    expect(synthProblems(recorded)).toEqual([]);
  });

  it("sizes every pod for a small cluster by default: istiod, gateway, CNI agent and each injected proxy", () => {
    expect(podOf(recorded, "Deployment", "istiod").containers[0].resources).toEqual(MESH_SIZES.small.istiod);
    expect(podOf(recorded, "Deployment", "istio-ingressgateway").containers[0].resources).toEqual(MESH_SIZES.small.gateway);
    expect(podOf(recorded, "DaemonSet", "istio-cni-node").containers[0].resources).toEqual(MESH_SIZES.small.cni);
    const injected = JSON.parse((renderedObject(recorded, "ConfigMap", "istio-sidecar-injector").inputs as Obj).data.values);
    expect(injected.global.proxy.resources).toEqual(MESH_SIZES.small.proxy);
  });

  it("chains into K3s's CNI paths and exposes the gateway as a NodePort", () => {
    const paths = podOf(recorded, "DaemonSet", "istio-cni-node").volumes.map((v: Obj) => v.hostPath?.path).filter(Boolean);
    expect(paths).toEqual(expect.arrayContaining(["/var/lib/rancher/k3s/agent/etc/cni/net.d", "/var/lib/rancher/k3s/data/cni"]));
    expect((renderedObject(recorded, "Service", "istio-ingressgateway").inputs as Obj).spec.type).toBe("NodePort");
  });
});

describe("ServiceMesh choices", () => {
  it("on Minikube with the default CNI paths and no CNI: no privileged namespace at all", async () => {
    const recorded = await record(() => new ServiceMesh("mesh", { cluster: MINIKUBE, cni: false }, onCluster()));
    expect(recorded.ofType("kubernetes:helm.sh/v4:Chart").map((c) => c.name)).toEqual(["mesh-base", "mesh-istiod", "mesh-gateway"]);
    expect(JSON.parse((renderedObject(recorded, "ConfigMap", "istio-sidecar-injector").inputs as Obj).data.values).pilot.cni.enabled).toBe(false);
    expect(recorded.ofType("kubernetes:core/v1:Namespace").map((ns) => (ns.inputs as Obj).metadata.name)).toEqual(["istio-system", "istio-ingress"]);
  }, 120000);

  it("uses the default CNI paths when told (Minikube)", async () => {
    const recorded = await record(() => new ServiceMesh("mesh", { cluster: MINIKUBE, cniPlatform: "default" }, onCluster()));
    const paths = podOf(recorded, "DaemonSet", "istio-cni-node").volumes.map((v: Obj) => v.hostPath?.path).filter(Boolean);
    expect(paths).toEqual(expect.arrayContaining(["/etc/cni/net.d", "/opt/cni/bin"]));
  }, 120000);

  it("awaits a LoadBalancer on EKS, and does not wait for one on K3s", () => {
    expect(renderGatewayValues(planServiceMesh({ cluster: EKS_CAPABILITIES })).service).toEqual({ type: "LoadBalancer", annotations: {} });
    expect(renderGatewayValues(planServiceMesh({ cluster: MINIKUBE, gatewayService: "LoadBalancer" })).service).toEqual({ type: "LoadBalancer", annotations: { "pulumi.com/skipAwait": "true" } });
  });

  it("refuses the CNI agent in istiod's namespace, and unknown service types", () => {
    expect(() => planServiceMesh({ cluster: MINIKUBE, cniNamespace: "istio-system" })).toThrow(ForjaArgumentError);
    expect(() => planServiceMesh({ cluster: MINIKUBE, gatewayService: "Ingress" as never })).toThrow(/gatewayService/);
  });
});
