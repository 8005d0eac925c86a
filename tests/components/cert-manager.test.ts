import { CERT_MANAGER_DEFAULTS, CertManager, renderCertManagerValues, planCertManager } from "../../components/cert-manager";
import { ForjaArgumentError } from "../../components/core/errors";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { MINIKUBE, renderedKinds, renderedObject, synthProblems } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("CertManager on Minikube", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new CertManager("cm", { cluster: { ...MINIKUBE, imageMirrors: { "quay.io": "registry.example.com/quay" } }, selfSignedIssuer: "selfsigned" }, onCluster()));
  }, 120000);

  it("renders the chart with real Helm: CRDs, three Deployments, the webhooks and no hook", () => {
    const kinds = renderedKinds(recorded);
    expect(kinds.filter((k) => k === "CustomResourceDefinition")).toHaveLength(6);
    expect(kinds.filter((k) => k === "Deployment")).toHaveLength(3);
    expect(kinds).toEqual(expect.arrayContaining(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]));
    // startupapicheck is off: the v4 Chart would drop the hook Job anyway, and no orphan SA/Role of it is left.
    expect(kinds).not.toContain("Job");
    expect(recorded.chartObjects.filter((r) => JSON.stringify(r.inputs).includes("startupapicheck"))).toEqual([]);
  });

  it("keeps the CRDs on removal and leader election out of kube-system", () => {
    const crd = renderedObject(recorded, "CustomResourceDefinition", "certificates.cert-manager.io").inputs as Obj;
    expect(crd.metadata.annotations["helm.sh/resource-policy"]).toBe("keep");
    const namespaces = recorded.chartObjects.map((r) => (r.inputs as Obj).metadata.namespace).filter(Boolean);
    expect(new Set(namespaces)).toEqual(new Set(["cert-manager"]));
  });

  it("runs every pod restricted, pinned and through the mirror, in a restricted namespace", () => {
    expect(recorded.one("kubernetes:core/v1:Namespace").inputs.metadata).toMatchObject({ name: "cert-manager", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
    const images = recorded.chartObjects.filter((r) => (r.inputs as Obj).kind === "Deployment").map((r) => (r.inputs as Obj).spec.template.spec.containers[0].image);
    expect(images.sort()).toEqual(["cainjector", "controller", "webhook"].map((p) => `registry.example.com/quay/jetstack/cert-manager-${p}:v1.21.1`));
    expect(synthProblems(recorded)).toEqual([]);
  });

  it("sizes each pod as documented", () => {
    for (const [pod, name] of [["controller", "cert-manager"], ["webhook", "cert-manager-webhook"], ["cainjector", "cert-manager-cainjector"]] as const) {
      const container = (renderedObject(recorded, "Deployment", name).inputs as Obj).spec.template.spec.containers[0];
      expect([pod, container.resources]).toEqual([pod, CERT_MANAGER_DEFAULTS.resources[pod]]);
    }
  });

  it("creates Issuers only after the chart, whose webhook Deployment Pulumi waits for", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
    const webhook = renderedObject(recorded, "Deployment", "cert-manager-webhook");
    expect(webhook.parent).toBe(chart.urn);
    const issuer = recorded.one("kubernetes:cert-manager.io/v1:ClusterIssuer");
    expect(issuer.dependsOn).toContain(chart.urn);
    expect(issuer.inputs).toMatchObject({ metadata: { name: "selfsigned" }, spec: { selfSigned: {} } });
  });
});

describe("CertManager args", () => {
  it("sends no startupapicheck and enables CRDs by default", () => {
    const values = renderCertManagerValues(planCertManager({ cluster: MINIKUBE }));
    expect(values).toMatchObject({ crds: { enabled: true, keep: true }, startupapicheck: { enabled: false }, global: { leaderElection: { namespace: "cert-manager" } } });
  });

  it("creates no Issuer unless asked", async () => {
    const recorded = await record(() => new CertManager("cm", { cluster: MINIKUBE }, onCluster()));
    expect(recorded.ofType("kubernetes:cert-manager.io/v1:ClusterIssuer")).toEqual([]);
  }, 120000);

  it("refuses a chart repository that is not a URL", () => {
    expect(() => planCertManager({ cluster: MINIKUBE, chartRepository: "jetstack" })).toThrow(ForjaArgumentError);
    expect(() => planCertManager({ cluster: MINIKUBE, chartRepository: "jetstack" })).toThrow(/chartRepository/);
  });

  it("refuses a provider-less install", () => {
    expect(() => new CertManager("cm", { cluster: MINIKUBE })).toThrow(/opts\.providers\.kubernetes/);
  });
});
