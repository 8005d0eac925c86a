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
    const versions = Object.values(workflow.jobs as Record<string, { steps: { uses?: string; with?: { "node-version"?: number } }[] }>).flatMap((job) =>
      job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@")).map((s) => Number(s.with?.["node-version"])),
    );
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.filter((v) => required.some((min) => !(v >= min)))).toEqual([]);
  });
});
