import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { REPO_ROOT } from "../harness";

const WORKFLOW = join(REPO_ROOT, ".github", "workflows", "preview.yml");

describe(".github/workflows/preview.yml", () => {
  const text = readFileSync(WORKFLOW, "utf8");

  it("is a valid GitHub Actions workflow", () => {
    const result = validateWorkflow(text) as { errors: unknown[] };
    expect(result.errors).toEqual([]);
  });

  it("previews each cloud stack with OIDC credentials and the policy pack", () => {
    const workflow = parse(text);
    expect(workflow.permissions["id-token"]).toBe("write");
    const preview = workflow.jobs.preview;
    expect(preview.strategy.matrix.include.map((m: { stack: string }) => m.stack)).toEqual(["prod", "aci"]);
    const step = preview.steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
    expect(step.with).toMatchObject({ command: "preview", policyPacks: "policies" });
    const uses = preview.steps.map((s: { uses?: string }) => s.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining([expect.stringMatching(/^aws-actions\/configure-aws-credentials@/), expect.stringMatching(/^azure\/login@/)]));
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|AZURE_CLIENT_SECRET/);
  });

  it("runs every job on a Node.js that Forja and @pulumi/pulumi support", () => {
    const workflow = parse(text);
    const required = [join(REPO_ROOT, "package.json"), join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json")].map(
      (file) => Number(/^>=(\d+)$/.exec((JSON.parse(readFileSync(file, "utf8")) as { engines: { node: string } }).engines.node)?.[1]),
    );
    // A job names its Node.js directly or through .nvmrc.
    const nvmrc = Number(readFileSync(join(REPO_ROOT, ".nvmrc"), "utf8").trim());
    const versions = Object.values(workflow.jobs as Record<string, { steps: { uses?: string; with?: { "node-version"?: number; "node-version-file"?: string } }[] }>).flatMap((job) =>
      job.steps
        .filter((s) => s.uses?.startsWith("actions/setup-node@"))
        .map((s) => (s.with?.["node-version-file"] === ".nvmrc" ? nvmrc : Number(s.with?.["node-version"]))),
    );
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.filter((v) => required.some((min) => !(v >= min)))).toEqual([]);
  });
});

describe("one Node.js line", () => {
  it("is .nvmrc's, which every workflow's setup-node reads and .ci/run installs", () => {
    const nvmrc = readFileSync(join(REPO_ROOT, ".nvmrc"), "utf8").trim();
    expect(nvmrc).toBe("22");
    const steps = Object.values(parse(readFileSync(WORKFLOW, "utf8")).jobs as Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>).flatMap((job) => job.steps);
    const setups = steps.filter((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(setups.length).toBeGreaterThan(0);
    expect(setups.map((step) => step.with)).toEqual(setups.map(() => expect.objectContaining({ "node-version-file": ".nvmrc" })));
    expect(setups.every((step) => step.with?.["node-version"] === undefined)).toBe(true);
    expect(/^NODE_VERSION=(\d+)\./m.exec(readFileSync(join(REPO_ROOT, ".ci", "run"), "utf8"))?.[1]).toBe(nvmrc);
  });
});
