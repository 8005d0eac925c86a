/**
 * The charts Forja installs, rendered with real Helm from the packaged charts
 * with the values each stack computes: every values key Forja sets changes
 * the render (or is listed here with the reason it cannot), and the rendered
 * objects pass every check (restricted pods, served APIs, schema).
 */
import { reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { runStack } from "../harness";
import { unconsumedKeys } from "./render-harness";

/** Keys whose change cannot show in a render, by release, with why. */
const EXPLAINED: Record<string, Record<string, string>> = {};

const reports = new Map<string, SynthReport>();
beforeAll(async () => {
  for (const stack of ["dev", "prod"]) reports.set(stack, (await runStack(stack)).report);
});

describe.each(["dev", "prod"])("stack %s", (stack) => {
  it("renders every chart with no problem", () => {
    expect(reportProblems(reports.get(stack) as SynthReport)).toEqual([]);
  });

  it("sets no values key its charts ignore", () => {
    const report = reports.get(stack) as SynthReport;
    const found = Object.fromEntries(report.helm.map((entry) => [entry.name, unconsumedKeys(entry, stack === "prod" ? "1.35" : "1.35")]));
    const explained = Object.fromEntries(report.helm.map((entry) => [entry.name, Object.keys(EXPLAINED[entry.name] ?? {}).filter((key) => found[entry.name].includes(key))]));
    expect(found).toEqual(explained);
  });
});
