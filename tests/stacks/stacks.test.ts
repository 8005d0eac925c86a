import { reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { runStack } from "../harness";
import type { Recorded } from "../harness";

const STACKS = ["dev", "prod", "aci"] as const;
const results = new Map<string, { report: SynthReport; recorded: Recorded; outputs: Record<string, unknown> }>();

beforeAll(async () => {
  // One program run per stack, shared by every assertion below.
  for (const stack of STACKS) {
    const { run, report, recorded } = await runStack(stack);
    results.set(stack, { report, recorded, outputs: run.outputs });
  }
});

describe.each(STACKS)("stack %s", (stack) => {
  const get = () => results.get(stack)!;

  it("synthesises with no policy violation, schema error or secret leak", () => {
    expect(reportProblems(get().report)).toEqual([]);
  });

  it("parents every resource inside the stack", () => {
    const urns = new Set(get().recorded.records.map((r) => r.urn));
    const orphans = get().recorded.records.filter((r) => r.type !== "pulumi:pulumi:Stack" && (!r.parent || !urns.has(r.parent)));
    expect(orphans.map((r) => r.urn)).toEqual([]);
  });

  it("creates every custom resource through an explicit provider, never the ambient default", () => {
    const ambient = get().recorded.records.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && (r.provider ?? "").includes("::default"));
    expect(ambient.map((r) => r.urn)).toEqual([]);
  });

  it("exports the target it was configured with", () => {
    expect(get().outputs.target).toBe({ dev: "k3s", prod: "eks", aci: "aci" }[stack]);
  });
});

describe("stack dev", () => {
  it("puts workloads in a namespace that enforces the restricted Pod Security Standard", () => {
    const namespace = results.get("dev")!.recorded.one("kubernetes:core/v1:Namespace");
    expect(namespace.inputs.metadata).toMatchObject({ name: "forja", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
  });
});
