import { K3sCluster, k3sCapabilities } from "../../components/platform/k3s";
import { record } from "../harness";

describe("k3sCapabilities", () => {
  it("documents its defaults: local-path, traefik, amd64, no GPU, no workload identity", () => {
    expect(k3sCapabilities({})).toEqual({
      kind: "k3s",
      storageClass: "local-path",
      ingress: {
        className: "traefik",
        controller: "traefik",
        annotations: {},
        sourcePeers: [{ namespaceLabels: {}, podLabels: { "app.kubernetes.io/name": "traefik" } }],
      },
      workloadIdentity: { kind: "none" },
      nodeArchitecture: "amd64",
      gpu: false,
      imageMirrors: {},
    });
  });

  it("serves Minikube with its own storage and ingress classes", () => {
    expect(k3sCapabilities({ storageClass: "standard", ingressClass: "nginx" })).toMatchObject({ storageClass: "standard", ingress: { className: "nginx", controller: "nginx" } });
  });

  it("rejects a storage class that is not a Kubernetes name", () => {
    expect(() => k3sCapabilities({ storageClass: "Fast SSD" })).toThrow('K3sCluster: argument "storageClass" was "Fast SSD"; expected a DNS-1123 name');
  });
});

describe("K3sCluster", () => {
  it("creates only a Kubernetes provider, with the kubeconfig as a secret", async () => {
    const recorded = await record(() => new K3sCluster("dev", { kubeconfig: "apiVersion: v1\nkind: Config", context: "k3s" }));
    expect(recorded.counts()).toEqual({ "forja:index:K3sCluster": 1, "pulumi:providers:kubernetes": 1 });
    const provider = recorded.one("pulumi:providers:kubernetes");
    expect(provider.name).toBe("dev-provider");
    expect(provider.inputs).toMatchObject({ kubeconfig: "apiVersion: v1\nkind: Config", context: "k3s" });
    expect(provider.secretPaths).toContain("kubeconfig");
    expect(provider.parent).toBe(recorded.one("forja:index:K3sCluster").urn);
  });
});
