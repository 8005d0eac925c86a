/** Pure renderers for Ollama on Kubernetes: args in, object specs out. */
import { containerResources } from "../core/resources";
import type * as k8s from "@pulumi/kubernetes";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { mirrorImage, parseImage, unpinnedReason } from "../core/images";
import { requestAboveLimit } from "../core/validate";
import { selectorLabels, standardLabels } from "../core/labels";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext, DEFAULT_RUN_AS_USER } from "../core/security";
import { ClusterKind, storageClassName, validateCapabilities } from "../platform/capabilities";
import { networkPolicyPeer } from "../core/peer";
import type { OllamaArgs } from "./args";
import {
  GPU_RESOURCE,
  K3S_GPU_RUNTIME_CLASS,
  MODEL_REGISTRY_EGRESS,
  OLLAMA_DATA_VOLUME,
  OLLAMA_IMAGE,
  OLLAMA_KUBERNETES_DEFAULTS,
  OLLAMA_KUBERNETES_HOME,
  OLLAMA_PORT,
  OLLAMA_PROBES,
  OLLAMA_TUNING_DEFAULTS,
  PULL_RESOURCES,
  SCRATCH,
} from "./defaults";
import { modelReferenceProblem, pullEnvironment, pullScript, serverEnvironment, tuningProblem } from "./models";

const COMPONENT = "Ollama";
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;
type Env = { name: string; value: string }[];

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

export function ollamaSettings(args: OllamaArgs) {
  return withDefaults({ ...OLLAMA_KUBERNETES_DEFAULTS, ...OLLAMA_TUNING_DEFAULTS, image: OLLAMA_IMAGE, runAsUser: DEFAULT_RUN_AS_USER }, args);
}

/** Every rule an Ollama must satisfy before anything is registered. */
export function validateOllama(name: string, args: OllamaArgs | undefined): void {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 52) fail("name", name, "a DNS-1123 label of at most 52 characters (room for the StatefulSet's pod and volume suffixes)");
  if (args === undefined) return fail("cluster", undefined, "the cluster's capabilities (EksCluster.capabilities or K3sCluster.capabilities)");
  validateCapabilities(COMPONENT, args.cluster);
  if (args.namespace === undefined) fail("namespace", undefined, "the namespace to run in");
  if (!Array.isArray(args.models) || args.models.length === 0) fail("models", args.models, 'at least one model to pull before the server starts, e.g. ["qwen2.5:0.5b"]');
  args.models.forEach((model, i) => {
    const problem = modelReferenceProblem(model);
    if (problem) fail(`models[${i}]`, model, `an Ollama model reference pinned to a tag (${problem})`);
  });
  const reason = args.image === undefined ? undefined : unpinnedReason(args.image);
  if (reason) fail("image", args.image, `an image pinned to a tag other than latest, or a digest (${reason})`);
  if (args.storageSize !== undefined && !QUANTITY.test(args.storageSize)) fail("storageSize", args.storageSize, 'a Kubernetes quantity such as "50Gi"');
  const resources = args.resources;
  if (resources !== undefined) {
    for (const [path, value] of [["resources.requests.cpu", resources.requests?.cpu], ["resources.requests.memory", resources.requests?.memory], ["resources.limits.memory", resources.limits?.memory]] as const) {
      if (typeof value !== "string" || !QUANTITY.test(value)) fail(path, value, 'a Kubernetes quantity such as "1" or "8Gi" (requests and a memory limit are required)');
    }
  }
  const above = requestAboveLimit(resources?.requests, resources?.limits);
  if (above) fail(`resources.requests.${above[0]}`, resources?.requests?.[above[0] as "cpu"], above[1]);
  const gpus = args.gpuCount;
  if (gpus !== undefined && (!Number.isInteger(gpus) || gpus < 0)) fail("gpuCount", gpus, "a non-negative integer");
  if (gpus !== undefined && gpus > 0 && !args.cluster.gpu) {
    fail("gpuCount", gpus, `0 on this ${args.cluster.kind} cluster, whose capabilities say no GPU nodes exist (cluster.gpu is false): add a GPU node group, or run on CPU`);
  }
  if (args.runAsUser !== undefined && (!Number.isInteger(args.runAsUser) || args.runAsUser < 1)) fail("runAsUser", args.runAsUser, "a non-root UID (integer >= 1)");
  const tuning = tuningProblem(args);
  if (tuning) fail(tuning[0], args[tuning[0]], tuning[1]);
}

export function ollamaLabels(name: string, args: OllamaArgs): Record<string, string> {
  const version = parseImage(args.image ?? OLLAMA_IMAGE).tag;
  return { ...args.labels, ...standardLabels({ name: "ollama", instance: name, component: "llm-server", version }) };
}

export function ollamaSelector(name: string): Record<string, string> {
  return selectorLabels({ name: "ollama", instance: name });
}

function env(values: Record<string, string>): Env {
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/**
 * One pod with its own volume: an init container pulls the models the
 * volume lacks, then `ollama serve` runs as a non-root user whose home is
 * the volume. The volume outlives the StatefulSet (Retain on delete and
 * scale-down): models are downloaded once.
 */
export function renderStatefulSet(name: string, args: OllamaArgs, serviceName: string, serviceAccountName: string): k8s.apps.v1.StatefulSetArgs & { spec: k8s.types.input.apps.v1.StatefulSetSpec } {
  const a = ollamaSettings(args);
  const pod = podDefaults({ user: a.runAsUser });
  const image = mirrorImage(a.image, args.cluster.imageMirrors);
  const dataPath = `${OLLAMA_KUBERNETES_HOME}/.ollama`;
  const modelsPath = `${dataPath}/models`;
  const mounts = [
    { name: OLLAMA_DATA_VOLUME, mountPath: dataPath },
    { name: SCRATCH.volume, mountPath: SCRATCH.path },
  ];
  const home = { HOME: OLLAMA_KUBERNETES_HOME };
  const gpu = a.gpuCount > 0;
  const sized = containerResources(a.resources);
  const limits: Record<string, string> = { ...sized.limits, ...(gpu ? { [GPU_RESOURCE]: String(a.gpuCount) } : {}) };
  const probe = (path: string) => ({ httpGet: { path, port: "http" } });
  const selector = ollamaSelector(name);
  const labels = ollamaLabels(name, args);
  return {
    metadata: { name, namespace: args.namespace, labels },
    spec: {
      serviceName,
      replicas: 1,
      selector: { matchLabels: selector },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels: { ...labels, ...selector } },
        spec: {
          serviceAccountName,
          ...pod,
          // OnRootMismatch: a volume full of models is not re-chowned at every start.
          securityContext: { ...pod.securityContext, fsGroupChangePolicy: "OnRootMismatch" },
          nodeSelector: { "kubernetes.io/arch": args.cluster.nodeArchitecture },
          tolerations: gpu ? [{ key: GPU_RESOURCE, operator: "Exists", effect: "NoSchedule" }] : undefined,
          runtimeClassName: gpu && args.cluster.kind === ClusterKind.K3s ? K3S_GPU_RUNTIME_CLASS : undefined,
          initContainers: [
            {
              name: "pull-models",
              image,
              imagePullPolicy: "IfNotPresent",
              command: ["/bin/sh", "-c", pullScript(args.models)],
              env: env({ ...home, ...pullEnvironment(modelsPath) }),
              resources: { requests: { ...PULL_RESOURCES.requests }, limits: { ...PULL_RESOURCES.limits } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: mounts,
            },
          ],
          containers: [
            {
              name: "ollama",
              image,
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "http", containerPort: OLLAMA_PORT, protocol: "TCP" }],
              env: env({ ...home, ...serverEnvironment(a, modelsPath) }),
              resources: { requests: sized.requests, limits },
              securityContext: restrictedContainerSecurityContext(),
              readinessProbe: { ...probe(OLLAMA_PROBES.readinessPath), initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { ...probe(OLLAMA_PROBES.livenessPath), initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 },
              volumeMounts: mounts,
            },
          ],
          volumes: [{ name: SCRATCH.volume, emptyDir: { sizeLimit: SCRATCH.sizeLimit } }],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: OLLAMA_DATA_VOLUME, labels: selector },
          spec: { accessModes: ["ReadWriteOnce"], storageClassName: storageClassName(args.cluster), resources: { requests: { storage: a.storageSize } } },
        },
      ],
    },
  };
}

/** ClusterIP only: Ollama has no authentication and is never exposed outside the cluster. */
export function renderService(name: string, args: OllamaArgs): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name, namespace: args.namespace, labels: ollamaLabels(name, args) },
    spec: { type: "ClusterIP", selector: ollamaSelector(name), ports: [{ name: "http", port: OLLAMA_PORT, targetPort: "http", protocol: "TCP" }] },
  };
}

/**
 * Default deny, then: the named clients on Ollama's port; DNS; HTTPS out
 * for model downloads (the registry's CDN has no fixed addresses).
 */
export function renderNetworkPolicy(name: string, args: OllamaArgs): k8s.networking.v1.NetworkPolicyArgs {
  // Deny by default, like every Forja server: a client is named (see `connect`), never implied by a shared namespace.
  const clients = args.clients ?? [];
  return {
    metadata: { name, namespace: args.namespace, labels: ollamaLabels(name, args) },
    spec: {
      podSelector: { matchLabels: ollamaSelector(name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: clients.length ? [{ from: clients.map(networkPolicyPeer), ports: [{ protocol: "TCP", port: OLLAMA_PORT }] }] : [],
      egress: [
        { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
        { to: [{ ipBlock: { cidr: MODEL_REGISTRY_EGRESS.cidr } }], ports: [{ protocol: "TCP", port: MODEL_REGISTRY_EGRESS.port }] },
      ],
    },
  };
}
