/**
 * Every pod Forja renders, raw or from a chart it installs, in every stack:
 * no Service env links (a Service named like an app's env prefix, n8n's
 * N8N_PORT from a Service "n8n", crashes it) and, for Forja's own pods, no
 * API token unless the pod calls the API.
 */
import * as pulumi from "@pulumi/pulumi";
import { podSpecOf } from "../../components/core/pod";
import type { SynthReport } from "../../src/offline/report";
import { runStack, runStackVariant } from "../harness";

/**
 * Pods that keep service links, by chart template, each with why. Both are
 * helm.v3.Release installs, whose objects are not Pulumi resources (no
 * transform reaches them), from charts with no key for it.
 */
const SERVICE_LINK_EXEMPTIONS: Record<string, string> = {
  "aws-load-balancer-controller/templates/deployment.yaml":
    "a Release (Helm generates and keeps its webhook certificate); chart 3.5.0 has no key; it is configured by flags, so no <SERVICE>_PORT variable of kube-system can collide with a setting",
  "nvidia-device-plugin/templates/daemonset-device-plugin.yml":
    "a Release; chart 0.17.1 has no key; the plugin reads only NVIDIA_* and its own flags, and kube-system has no Service named nvidia",
  "nvidia-device-plugin/templates/daemonset-mps-control-daemon.yml":
    "a Release; chart 0.17.1 has no key; rendered but never run: it schedules only on nodes labelled nvidia.com/mps.capable, which Forja does not label",
};

/** Forja's own pods that call the Kubernetes API with their ServiceAccount token. */
const API_CLIENTS = ["prometheus"];

interface RenderedPod {
  stack: string;
  /** `kind/name`, with the chart template for a chart's pod. */
  where: string;
  template?: string;
  pod: Record<string, unknown>;
}

const runs = new Map<string, SynthReport>();

function podsOf(stack: string): RenderedPod[] {
  return runs.get(stack)!.kubernetes.flatMap(({ object, origin }) => {
    const pod = podSpecOf(object as unknown as Record<string, unknown>);
    if (!pod) return [];
    return [{ stack, where: `${object.kind}/${object.metadata.name}${origin ? ` (${origin.template})` : ""}`, template: origin?.template, pod }];
  });
}

beforeAll(async () => {
  // The stacks' own warnings (a plain-HTTP ALB) are other tests' business.
  jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
  for (const stack of ["dev", "prod", "aci", "appgear"]) runs.set(stack, (await runStack(stack)).report);
  // The device plugin renders only with a GPU node group.
  const gpu = await runStackVariant("prod", (config) => {
    const eks = config["forja:eks"] as Record<string, unknown>;
    eks.nodeGroups = { general: eks.nodes, gpu: { instanceTypes: ["g5.xlarge"], gpu: true, minSize: 0, desiredSize: 0, maxSize: 2 } };
    delete eks.nodes;
  });
  runs.set("prod+gpu", gpu.report);
  jest.restoreAllMocks();
});

const KUBERNETES_STACKS = ["dev", "prod", "prod+gpu", "appgear"];

describe("pod defaults in every stack", () => {
  it.each(KUBERNETES_STACKS)("%s: every pod turns service links off, raw or from a chart, but the named exemptions", (stack) => {
    const pods = podsOf(stack);
    expect(pods.length).toBeGreaterThan(5);
    const linked = pods.filter((p) => p.pod.enableServiceLinks !== false && !(p.template && p.template in SERVICE_LINK_EXEMPTIONS));
    expect(linked.map((p) => p.where)).toEqual([]);
  });

  it("uses every exemption: each covers a pod a stack really renders with service links", () => {
    const used = KUBERNETES_STACKS.flatMap(podsOf).filter((p) => p.pod.enableServiceLinks !== false).map((p) => p.template);
    expect(Object.keys(SERVICE_LINK_EXEMPTIONS).filter((template) => !used.includes(template))).toEqual([]);
  });

  it("aci renders no Kubernetes pod (container groups have no service links)", () => {
    expect(podsOf("aci")).toEqual([]);
  });

  it.each(KUBERNETES_STACKS)("%s: Forja's own pods mount no API token, but those that call the API", (stack) => {
    const own = podsOf(stack).filter((p) => p.template === undefined);
    const mounted = own.filter((p) => p.pod.automountServiceAccountToken !== false).map((p) => p.where);
    expect(mounted).toEqual(own.filter((p) => API_CLIENTS.some((name) => p.where.endsWith(`/${name}`))).map((p) => p.where));
  });
});
