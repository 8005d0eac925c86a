/**
 * Does the stack schedule? The steady-state requests of every pod the stack
 * runs (replicas × requests; DaemonSets once per node; Jobs left out: they
 * finish) packed onto the nodes the stack has, first-fit by size. A stack
 * that cannot schedule fails the synth with the numbers, before `pulumi up`
 * times out on Pending pods.
 */
import { parseQuantity } from "../../components/core/validate";

export interface PodObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: unknown;
}

/** One workload's pods: how many, what each requests. */
export interface PodDemand {
  /** `Kind/namespace/name`. */
  workload: string;
  replicas: number;
  cpuMillis: number;
  memoryMiB: number;
  /** A DaemonSet: one pod on every node. */
  perNode: boolean;
}

/** Nodes of one kind and what each can give pods (allocatable, after the kubelet's and the OS's reservations). */
export interface NodePool {
  name: string;
  count: number;
  cpuMillis: number;
  memoryMiB: number;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value && typeof value === "object" ? (value as Obj) : {});
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.map(obj) : []);

function requestsOf(container: Obj): { cpu: number; memory: number } {
  const requests = obj(obj(container.resources).requests);
  // A container with a limit and no request is given the limit as its request.
  const limits = obj(obj(container.resources).limits);
  const cpu = parseQuantity(String(requests.cpu ?? limits.cpu ?? "0")) ?? 0;
  const memory = parseQuantity(String(requests.memory ?? limits.memory ?? "0")) ?? 0;
  return { cpu: cpu * 1000, memory: memory / 2 ** 20 };
}

/** What the scheduler reserves for one pod: its containers and sidecars, or its largest init container if that is more. */
export function podRequests(podSpec: unknown): { cpuMillis: number; memoryMiB: number } {
  const spec = obj(podSpec);
  const sidecars = list(spec.initContainers).filter((c) => c.restartPolicy === "Always");
  const running = [...list(spec.containers), ...sidecars].map(requestsOf);
  const inits = list(spec.initContainers)
    .filter((c) => c.restartPolicy !== "Always")
    .map(requestsOf);
  const sum = running.reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
  const cpu = Math.max(sum.cpu, ...inits.map((i) => i.cpu));
  const memory = Math.max(sum.memory, ...inits.map((i) => i.memory));
  return { cpuMillis: Math.round(cpu), memoryMiB: Math.round(memory) };
}

const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]);

/** The pods each long-running workload asks for. */
export function podDemands(objects: PodObject[]): PodDemand[] {
  const demands: PodDemand[] = [];
  for (const object of objects) {
    const spec = obj(object.spec);
    const workload = `${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
    if (object.kind === "Pod") demands.push({ workload, replicas: 1, ...podRequests(spec), perNode: false });
    else if (REPLICATED.has(object.kind)) {
      const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
      if (replicas > 0) demands.push({ workload, replicas, ...podRequests(obj(obj(spec.template).spec)), perNode: false });
    } else if (object.kind === "DaemonSet") demands.push({ workload, replicas: 1, ...podRequests(obj(obj(spec.template).spec)), perNode: true });
  }
  return demands;
}

export interface CapacityResult {
  fits: boolean;
  /** Sum of all pods' requests, DaemonSets counted once per node. */
  demand: { cpuMillis: number; memoryMiB: number };
  capacity: { cpuMillis: number; memoryMiB: number; nodes: number };
  /** Pods that found no node, `workload #replica`. */
  pending: string[];
}

/** First-fit decreasing: the biggest pods first, each on the first node with room for both its CPU and memory. */
export function fitPods(demands: PodDemand[], pools: NodePool[]): CapacityResult {
  const nodes = pools.flatMap((pool) => Array.from({ length: pool.count }, () => ({ cpu: pool.cpuMillis, memory: pool.memoryMiB })));
  const capacity = { cpuMillis: nodes.reduce((a, n) => a + n.cpu, 0), memoryMiB: nodes.reduce((a, n) => a + n.memory, 0), nodes: nodes.length };
  const pending: string[] = [];
  let cpu = 0;
  let memory = 0;
  for (const daemon of demands.filter((d) => d.perNode)) {
    for (const node of nodes) {
      node.cpu -= daemon.cpuMillis;
      node.memory -= daemon.memoryMiB;
    }
    cpu += daemon.cpuMillis * nodes.length;
    memory += daemon.memoryMiB * nodes.length;
  }
  if (nodes.some((node) => node.cpu < 0 || node.memory < 0)) pending.push("DaemonSets alone exceed a node");
  const pods = demands
    .filter((d) => !d.perNode)
    .flatMap((d) => Array.from({ length: d.replicas }, (_, i) => ({ name: `${d.workload}#${i}`, cpu: d.cpuMillis, memory: d.memoryMiB })))
    .sort((a, b) => b.cpu - a.cpu || b.memory - a.memory);
  for (const pod of pods) {
    cpu += pod.cpu;
    memory += pod.memory;
    const node = nodes.find((n) => n.cpu >= pod.cpu && n.memory >= pod.memory);
    if (!node) {
      pending.push(pod.name);
      continue;
    }
    node.cpu -= pod.cpu;
    node.memory -= pod.memory;
  }
  return { fits: pending.length === 0, demand: { cpuMillis: cpu, memoryMiB: memory }, capacity, pending };
}

const cores = (millis: number) => `${(millis / 1000).toFixed(1)} vCPU`;
const gib = (mib: number) => `${(mib / 1024).toFixed(1)} GiB`;

/** One paragraph a reviewer can act on. */
export function capacityProblem(result: CapacityResult, pools: NodePool[], fix: string, describe: (workload: string) => string = (w) => w): string | undefined {
  if (result.fits) return undefined;
  const offer = pools.map((p) => `${p.count} × ${p.name} (${cores(p.cpuMillis)} / ${gib(p.memoryMiB)} allocatable each)`).join(" + ");
  const shown = result.pending
    .slice(0, 5)
    .map((pod) => describe(pod.replace(/#\d+$/, "")) + pod.slice(pod.lastIndexOf("#")))
    .join(", ");
  return (
    `the stack cannot schedule: its pods request ${cores(result.demand.cpuMillis)} / ${gib(result.demand.memoryMiB)} ` +
    `but ${offer} offer ${cores(result.capacity.cpuMillis)} / ${gib(result.capacity.memoryMiB)}; ` +
    `${result.pending.length} pod(s) would stay Pending (${shown}${result.pending.length > 5 ? ", ..." : ""}). ${fix}`
  );
}
