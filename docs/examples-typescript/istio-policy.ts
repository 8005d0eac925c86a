// A namespace's Istio policy: a Gateway for one host routed to an app in the mesh, STRICT mutual
// TLS with plaintext only on the app's metrics port (Prometheus is outside the mesh), and an
// AuthorizationPolicy that lets the gateway in and anyone else read /metrics only.
import * as k8s from "@pulumi/kubernetes";
import { IstioPolicy, IstioTlsMode } from "forja/istio-policy";
import { K3sCluster } from "forja/k3s";
import { ServiceMesh } from "forja/service-mesh";

const cluster = new K3sCluster("lab", {});
const opts = { providers: { kubernetes: cluster.provider } };
const mesh = new ServiceMesh("mesh", { cluster: cluster.capabilities }, opts);
const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });
const app = { "app.kubernetes.io/name": "api" };

const policy = new IstioPolicy(
  "apps",
  {
    namespace: apps.metadata.name,
    meshReady: mesh.ready,
    gateway: { name: "apps-gateway", hosts: ["api.example.internal"] },
    routes: [{ name: "api", hosts: ["api.example.internal"], destination: { host: "api", port: 8080 }, timeout: "30s" }],
    destinations: [{ name: "api", host: "api.apps.svc.cluster.local", tlsMode: IstioTlsMode.IstioMutual }],
    mtls: { mode: "STRICT", scrapeExceptions: [{ name: "api-metrics", podLabels: app, ports: [9090] }] },
    authorization: [{ name: "api", podLabels: app, rules: [{ principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] }, { paths: ["/metrics"], methods: ["GET"], ports: [9090] }] }],
  },
  opts,
);
export const objects = policy.objects; // ["Gateway/apps-gateway", "VirtualService/api", ...]
