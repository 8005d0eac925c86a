import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { engineBin, engineEnv, ROOT, run, timed } from "./engine";

/**
 * `pulumi preview` of the dev (K3s) stack with the real Pulumi engine, offline:
 * the CLI and kubernetes provider built from pinned Go modules
 * (tools/engine/build.sh), a local file backend, a passphrase secrets provider,
 * a cluster that cannot be reached, charts from a local folder, and
 * `--policy-pack policies` started as the CLI starts it.
 */
const charts = process.env.FORJA_CHARTS ?? resolve(ROOT, "../shared/charts/packages");
const work = mkdtempSync(join(tmpdir(), "forja-engine-"));
const project = join(work, "project");
let env: NodeJS.ProcessEnv;

const pulumi = (args: string[]) => run("pulumi", args, project, env);

interface Preview {
  steps?: { op: string; urn: string }[];
  diagnostics?: { message: string; severity: string; urn?: string }[];
  changeSummary?: Record<string, number>;
}

/** `pulumi preview --json` of the dev stack; the JSON document and whatever the CLI said besides. */
function preview(extra: string[]): { status: number | null; json: Preview; output: string } {
  const { status, output } = timed(`pulumi preview ${extra.join(" ")}`, () =>
    pulumi(["preview", "--stack", "dev", "--non-interactive", "--json", "--policy-pack", join(ROOT, "policies"), ...extra]),
  );
  const start = output.indexOf("{");
  let json: Preview = {};
  try {
    json = JSON.parse(output.slice(start, output.lastIndexOf("}") + 1)) as Preview;
  } catch {
    // Not JSON: the assertions below show the output.
  }
  return { status, json, output };
}

beforeAll(() => {
  const bin = engineBin();
  // Pulumi.yaml runs the compiled program (main: dist/src/index.js).
  timed("npm run build", () => execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" }));

  // The project folder links to the repository's build and dependencies; its stack file is the repository's dev stack plus the local chart folder.
  mkdirSync(project);
  for (const entry of ["dist", "node_modules", "package.json", "Pulumi.yaml"]) symlinkSync(join(ROOT, entry), join(project, entry));
  const stack = parse(readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  stack.config["forja:chartPackages"] = charts;
  writeFileSync(join(project, "Pulumi.dev.yaml"), stringify(stack));
  // A kubeconfig whose cluster no one answers: the kubernetes provider previews without a cluster.
  const kubeconfig = join(work, "kubeconfig");
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "default", cluster: { server: "https://127.0.0.1:9" } }],
      users: [{ name: "default", user: { token: "unreachable" } }],
      contexts: [{ name: "default", context: { cluster: "default", user: "default" } }],
      "current-context": "default",
    }),
  );
  env = { ...engineEnv(bin, work), KUBECONFIG: kubeconfig };
  mkdirSync(join(work, "state"));
  const init = pulumi(["stack", "init", "dev", "--non-interactive"]);
  if (init.status !== 0) throw new Error(`pulumi stack init failed:\n${init.output}`);
}, 3_600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the real Pulumi engine", () => {
  it("previews the dev stack with the policy pack: every resource planned, no violation", () => {
    const { status, json, output } = preview([]);
    expect({ status, output: status === 0 ? "" : output }).toEqual({ status: 0, output: "" });
    const creates = (json.steps ?? []).filter((step) => step.op === "create");
    process.stderr.write(`[engine] dev preview plans ${creates.length} creates: ${JSON.stringify(json.changeSummary)}\n`);
    expect(creates.length).toBeGreaterThan(50);
  });

  it("refuses the dev stack under the production policy config: its stateful resources are not protected", () => {
    const { status, json, output } = preview(["--policy-pack-config", join(ROOT, "policies/production.json")]);
    expect(status).not.toBe(0);
    const violations = (json.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message);
    expect(violations.join("\n") || output).toMatch(/stateful-resources-protected/);
  });
});
