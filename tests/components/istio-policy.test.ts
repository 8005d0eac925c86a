import { IstioPolicy, planIstioPolicy, renderIstioPolicy } from "../../components/istio-policy";
import type { IstioPolicyArgs } from "../../components/istio-policy";
import { ServiceMesh } from "../../components/service-mesh";
import { CustomResourceSchemas } from "../../src/offline/custom-resources";
import type { KubernetesObject } from "../../src/offline/kubernetes";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { MINIKUBE } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const mlflowPods = { "app.kubernetes.io/name": "mlflow" };
const args = (meshReady: IstioPolicyArgs["meshReady"]): IstioPolicyArgs => ({
  namespace: "ml-dev",
  meshReady,
  gateway: { name: "ml-gateway", hosts: ["anomaly-detector.local", "mlflow.local"] },
  routes: [{ name: "mlflow", hosts: ["mlflow.local"], destination: { host: "mlflow", port: 5000 } }],
  destinations: [{ name: "mlflow", host: "mlflow.ml-dev.svc.cluster.local", tlsMode: "ISTIO_MUTUAL" }],
  mtls: { scrapeExceptions: [{ name: "mlflow-metrics", podLabels: mlflowPods, ports: [5000] }] },
  jwt: [{ name: "gateway-jwt", namespace: "istio-ingress", podLabels: { istio: "ingressgateway" }, issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks.json" }],
  authorization: [{ name: "mlflow", podLabels: mlflowPods, rules: [{ principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] }, { paths: ["/metrics"], methods: ["GET"] }] }],
});

describe("IstioPolicy with the mesh's CRDs", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => {
      const opts = onCluster();
      const mesh = new ServiceMesh("mesh", { cluster: MINIKUBE, cniPlatform: "default" }, opts);
      new IstioPolicy("ml-dev", args(mesh.ready), opts);
    });
  }, 120000);

  it("creates every object as a typed v1 resource after istiod, each valid against the CRD Istio's base chart ships", () => {
    const objects = recorded.records.filter((r) => /istio\.io\/v1:/.test(r.type));
    expect(objects.map((r) => `${(r.inputs as Obj).kind}/${(r.inputs as Obj).metadata.name}`).sort()).toEqual([
      "AuthorizationPolicy/mlflow",
      "DestinationRule/mlflow",
      "Gateway/ml-gateway",
      "PeerAuthentication/default",
      "PeerAuthentication/mlflow-metrics",
      "RequestAuthentication/gateway-jwt",
      "VirtualService/mlflow",
    ]);
    const istiod = recorded.ofType("kubernetes:helm.sh/v4:Chart").find((c) => c.name === "mesh-istiod")!;
    const schemas = new CustomResourceSchemas(recorded.chartObjects.map((r) => r.inputs as unknown as KubernetesObject));
    for (const object of objects) {
      expect(object.dependsOn).toEqual([istiod.urn]);
      expect([object.name, schemas.errors(object.inputs as unknown as KubernetesObject)]).toEqual([object.name, []]);
    }
  });

  it("catches a typo the API server would prune silently", () => {
    const schemas = new CustomResourceSchemas(recorded.chartObjects.map((r) => r.inputs as unknown as KubernetesObject));
    const typo = { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "x" }, spec: { mtls: { mode: "STRICT" }, portLevelMTLS: {} } };
    expect(schemas.errors(typo)).toEqual(["/spec must NOT have additional properties: portLevelMTLS"]);
    expect(schemas.has({ apiVersion: "traefik.io/v1alpha1", kind: "Middleware" })).toBe(false);
  });
});

describe("IstioPolicy's rules", () => {
  const ready = [{}] as unknown as IstioPolicyArgs["meshReady"];

  it("keeps the namespace STRICT and opens plaintext on the named workload's metrics ports only", () => {
    const [, , , strict, exception] = renderIstioPolicy(planIstioPolicy(args(ready)));
    expect(strict.spec).toEqual({ mtls: { mode: "STRICT" } });
    expect(exception.spec).toEqual({ selector: { matchLabels: mlflowPods }, mtls: { mode: "STRICT" }, portLevelMtls: { "5000": { mode: "PERMISSIVE" } } });
  });

  it("refuses a route for a host the gateway drops, a namespace-wide exception, JWT without keys and policies before the mesh", () => {
    const a = args(ready);
    expect(() => planIstioPolicy({ ...a, routes: [{ ...a.routes![0], hosts: ["other.local"] }] })).toThrow(/one of the Gateway's hosts/);
    expect(() => planIstioPolicy({ ...a, mtls: { scrapeExceptions: [{ name: "all", podLabels: {}, ports: [5000] }] } })).toThrow(/would undo STRICT/);
    expect(() => planIstioPolicy({ ...a, jwt: [{ ...a.jwt![0], jwksUri: undefined }] })).toThrow(/exactly one of jwksUri and jwks/);
    expect(() => planIstioPolicy({ ...a, meshReady: [] })).toThrow(/ServiceMesh.ready/);
  });
});
