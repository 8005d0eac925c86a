import { Ollama } from "../../components/ollama";
import type { OllamaArgs } from "../../components/ollama";
import { renderNetworkPolicy, validateOllama } from "../../components/ollama/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { k3sCapabilities } from "../../components/platform/k3s";
import { EKS_CAPABILITIES, onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, unknown>;
type Pod = { securityContext: Obj; tolerations?: Obj[]; runtimeClassName?: string; nodeSelector: Obj; initContainers: Obj[]; containers: Obj[]; volumes: Obj[]; automountServiceAccountToken: boolean };

const k3s = k3sCapabilities({});
const gpuCluster: ClusterCapabilities = { ...k3s, gpu: true, imageMirrors: { "docker.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub" } };
const base: OllamaArgs = { cluster: k3s, namespace: "forja", models: ["qwen2.5:0.5b"] };

function statefulSet(recorded: Recorded) {
  const set = recorded.one("kubernetes:apps/v1:StatefulSet");
  const spec = set.inputs.spec as { serviceName: string; replicas: number; persistentVolumeClaimRetentionPolicy: Obj; volumeClaimTemplates: { spec: Obj }[]; template: { spec: Pod } };
  return { set, spec, pod: spec.template.spec };
}

describe("Ollama on K3s", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new Ollama("ollama", { ...base, clients: [{ podLabels: { "app.kubernetes.io/name": "chat-api" } }] }, onCluster()));
  });

  it("creates a ServiceAccount, a ClusterIP Service, a StatefulSet and a NetworkPolicy", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Ollama": 1,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
    });
    expect((recorded.one("kubernetes:core/v1:Service").inputs.spec as Obj).type).toBe("ClusterIP");
  });

  it("keeps models on a retained volume of the cluster's storage class", () => {
    const { spec } = statefulSet(recorded);
    expect(spec.replicas).toBe(1);
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "local-path", resources: { requests: { storage: "50Gi" } } });
  });

  it("runs non-root with its home on the volume, read-only root, probes and resources", () => {
    const { pod } = statefulSet(recorded);
    const [server] = pod.containers as { env: Obj[]; securityContext: Obj; readinessProbe: Obj; livenessProbe: Obj; resources: Obj; volumeMounts: Obj[]; image: string }[];
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532, fsGroupChangePolicy: "OnRootMismatch" });
    expect(server.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(server.image).toBe("docker.io/ollama/ollama:0.21.2");
    expect(server.env).toEqual([
      { name: "HOME", value: "/home/ollama" },
      { name: "OLLAMA_HOST", value: "0.0.0.0:11434" },
      { name: "OLLAMA_MODELS", value: "/home/ollama/.ollama/models" },
      { name: "OLLAMA_KEEP_ALIVE", value: "24h" },
      { name: "OLLAMA_NUM_PARALLEL", value: "1" },
      { name: "OLLAMA_MAX_LOADED_MODELS", value: "1" },
    ]);
    expect(server.volumeMounts).toEqual([{ name: "data", mountPath: "/home/ollama/.ollama" }, { name: "tmp", mountPath: "/tmp" }]);
    expect(server.readinessProbe).toMatchObject({ httpGet: { path: "/api/version", port: "http" } });
    expect(server.livenessProbe).toMatchObject({ httpGet: { path: "/", port: "http" } });
    expect(server.resources).toEqual({ requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "8Gi" } });
    expect(pod.tolerations).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it("pulls missing models in an init container on the same volume", () => {
    const [init] = statefulSet(recorded).pod.initContainers as { name: string; command: string[]; env: Obj[]; volumeMounts: Obj[] }[];
    expect(init.name).toBe("pull-models");
    expect(init.command[2]).toContain("for model in 'qwen2.5:0.5b'; do");
    expect(init.env).toEqual([
      { name: "HOME", value: "/home/ollama" },
      { name: "OLLAMA_HOST", value: "127.0.0.1:11435" },
      { name: "OLLAMA_MODELS", value: "/home/ollama/.ollama/models" },
    ]);
    expect(init.volumeMounts).toEqual(statefulSet(recorded).pod.containers[0].volumeMounts);
  });

  it("admits only the named clients on 11434, and lets the pod resolve names and download models", () => {
    const spec = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as { ingress: Obj[]; egress: { ports: Obj[] }[]; policyTypes: string[] };
    expect(spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "chat-api" } } }], ports: [{ protocol: "TCP", port: 11434 }] }]);
    expect(spec.egress.map((rule) => rule.ports)).toEqual([[{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }], [{ protocol: "TCP", port: 443 }]]);
  });

  it("admits nobody without named clients, like every Forja server (a shared namespace is no client list)", () => {
    expect(renderNetworkPolicy("ollama", base).spec).toMatchObject({ policyTypes: ["Ingress", "Egress"], ingress: [] });
  });

  it("passes every policy rule and the Kubernetes schema", () => {
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });
});

describe("Ollama on a GPU cluster", () => {
  it("requests nvidia.com/gpu, tolerates GPU nodes and pulls through the mirror", async () => {
    const recorded = await record(() => new Ollama("ollama", { ...base, cluster: gpuCluster, gpuCount: 1, protect: true }, onCluster()));
    const { set, pod } = statefulSet(recorded);
    const server = pod.containers[0] as { image: string; resources: { limits: Obj } };
    expect(server.resources.limits).toEqual({ memory: "8Gi", "nvidia.com/gpu": "1" });
    expect(pod.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(server.image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/ollama/ollama:0.21.2");
    expect(set.protect).toBe(true);
  });

  it("asks K3s for its nvidia RuntimeClass (runc stays the default there), and EKS for none (its GPU AMI defaults to NVIDIA's runtime)", async () => {
    const onK3s = await record(() => new Ollama("ollama", { ...base, cluster: gpuCluster, gpuCount: 1 }, onCluster()));
    const onEks = await record(() => new Ollama("ollama", { ...base, cluster: { ...EKS_CAPABILITIES, gpu: true }, gpuCount: 1 }, onCluster()));
    const onCpu = await record(() => new Ollama("ollama", base, onCluster()));
    expect(statefulSet(onK3s).pod.runtimeClassName).toBe("nvidia");
    expect(statefulSet(onEks).pod.runtimeClassName).toBeUndefined();
    expect(statefulSet(onCpu).pod.runtimeClassName).toBeUndefined();
  });
});

describe("validateOllama", () => {
  it.each<[string, Partial<OllamaArgs>, RegExp]>([
    ["a GPU on a cluster without GPUs", { gpuCount: 1 }, /Ollama: argument "gpuCount" was 1; expected 0 on this k3s cluster, whose capabilities say no GPU nodes exist/],
    ["no model", { models: [] }, /"models" was \[\]; expected at least one model/],
    ["a model that is not a reference", { models: ["qwen 2.5"] }, /"models\[0\]" was "qwen 2.5"/],
    ["a model on latest", { models: ["qwen2.5:latest"] }, /moving tag "latest"/],
    ["a storage size that is not a quantity", { storageSize: "50GB" }, /"storageSize" was "50GB"/],
    ["no memory limit", { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: {} as never } }, /"resources.limits.memory" was missing/],
    ["root", { runAsUser: 0 }, /"runAsUser" was 0; expected a non-root UID/],
    ["an unpinned image", { image: "ollama/ollama" }, /"image" was "ollama\/ollama"/],
    ["no cluster", { cluster: undefined }, /"cluster" was missing/],
  ])("refuses %s", (_label, change, expected) => {
    expect(() => validateOllama("ollama", { ...base, ...change } as OllamaArgs)).toThrow(expected);
  });

  it("refuses to deploy through the ambient kubeconfig", async () => {
    const recorded = await record(() => {
      expect(() => new Ollama("ollama", base)).toThrow(/Ollama: argument "opts.providers.kubernetes" was missing/);
    });
    expect(recorded.counts()).toEqual({});
  });
});
