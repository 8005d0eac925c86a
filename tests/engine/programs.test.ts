import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse, stringify } from "yaml";
import { engineBin, engineEnv, pythonWithPulumi, ROOT, run, timed } from "./engine";

/**
 * Forja from other languages, through the real engine: a Python program and a
 * YAML program (programs/) each create a Postgres and a WebService on K3s
 * capabilities through the component package (the repository, a local
 * package of the project), and `pulumi preview` runs them with the policy
 * pack and no cluster (their kubernetes provider renders to a folder).
 * Python runs on tools/engine/codegen's pulumi-language-python with the SDK
 * `pulumi package gen-sdk` generates, pip-installed (the SDK reads its own
 * version from the installed package's metadata); YAML on Pulumi's own
 * pulumi-language-yaml, which reads the schema from the plugin.
 */
const work = mkdtempSync(join(tmpdir(), "forja-engine-programs-"));
let env: NodeJS.ProcessEnv;

interface Plan {
  steps?: { op: string; urn: string }[];
}

/** The objects both programs declare, as `type name` of the planned creates. */
const DECLARED = [
  "forja:index:Postgres db",
  "kubernetes:apps/v1:StatefulSet db-server",
  "kubernetes:batch/v1:Job db-setup",
  "forja:index:WebService api",
  "kubernetes:apps/v1:Deployment api-deployment",
  "kubernetes:networking.k8s.io/v1:Ingress api-ingress",
  "kubernetes:networking.k8s.io/v1:NetworkPolicy api-netpol",
];

/** A project folder of `manifest` plus `files` copied from programs/, with a stack of its name. */
function project(name: string, manifest: Record<string, unknown>, files: string[] = []): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const file of files) copyFileSync(join(__dirname, "programs", name, file), join(dir, file));
  writeFileSync(join(dir, "Pulumi.yaml"), stringify({ ...manifest, packages: { forja: ROOT } }));
  const init = run("pulumi", ["stack", "init", name, "--non-interactive"], dir, env);
  if (init.status !== 0) throw new Error(`pulumi stack init ${name} failed:\n${init.output}`);
  return dir;
}

function preview(dir: string, extra: string[] = []): { status: number | null; output: string; stdout: string } {
  const stack = dir.split("/").pop() as string;
  return timed(`pulumi preview (${stack}) ${extra.join(" ")}`, () =>
    run("pulumi", ["preview", "--stack", stack, "--non-interactive", "--policy-pack", join(ROOT, "policies"), ...extra], dir, env),
  );
}

/** Previews with the policy pack: every declared object planned, and the WebService's URL exported. */
function expectDeclaredPlanned(dir: string): void {
  const json = preview(dir, ["--json"]);
  expect({ status: json.status, output: json.status === 0 ? "" : json.output }).toEqual({ status: 0, output: "" });
  const planned = ((JSON.parse(json.stdout) as Plan).steps ?? []).filter((step) => step.op === "create").map((step) => `${step.urn.split("::")[2].split("$").pop()} ${step.urn.split("::").pop()}`);
  process.stderr.write(`[engine] ${dir.split("/").pop()} preview plans ${planned.length} creates\n`);
  expect(planned).toEqual(expect.arrayContaining(DECLARED));
  expect(preview(dir).output).toMatch(/url +: "http:\/\/api\.apps\.svc\.cluster\.local:8000"/);
}

let python: string;
let yaml: string;
let docsYaml: string;

/**
 * The YAML example of docs/other-languages.md as a project: its package from the repository instead of the git tag
 * (no git host is reachable here), and its provider rendering to a folder instead of reading a kubeconfig.
 */
function docsYamlExample(): Record<string, unknown> {
  const block = /```yaml\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, "docs", "other-languages.md"), "utf8"))?.[1];
  if (!block) throw new Error("docs/other-languages.md has no YAML example");
  const example = parse(block) as { config?: unknown; resources: Record<string, { type: string; properties?: Record<string, unknown> }> };
  const [provider] = Object.values(example.resources).filter((resource) => resource.type === "pulumi:providers:kubernetes");
  provider.properties = { renderYamlToDirectory: "rendered" };
  delete example.config;
  return { name: "forja-docs-yaml", runtime: "yaml", ...example };
}

beforeAll(() => {
  env = engineEnv(engineBin(), work);
  mkdirSync(join(work, "state"));
  const interpreter = pythonWithPulumi(work, env);
  const sdks = join(work, "sdks");
  const generated = timed("gen-sdk python", () => run("pulumi", ["package", "gen-sdk", ROOT, "--language", "python", "--out", sdks], work, env));
  if (generated.status !== 0) throw new Error(`pulumi package gen-sdk failed:\n${generated.output}`);
  const site = join(work, "site");
  const installed = timed("pip install the Python SDK", () => run(interpreter, ["-m", "pip", "install", "--quiet", "--no-deps", "--target", site, join(sdks, "python")], work, env));
  if (installed.status !== 0) throw new Error(`pip install of the generated SDK failed:\n${installed.output}`);
  env = { ...env, PYTHONPATH: site };

  python = project("python", { name: "forja-python", runtime: { name: "python", options: { virtualenv: dirname(dirname(interpreter)) } } }, ["__main__.py"]);
  yaml = project("yaml", parse(readFileSync(join(__dirname, "programs/yaml/Pulumi.yaml"), "utf8")) as Record<string, unknown>);
  docsYaml = project("docs-yaml", docsYamlExample());
}, 3_600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("Forja's components from other languages, through the real engine", () => {
  it("a Python program previews a Postgres and a WebService on K3s with the policy pack", () => {
    expectDeclaredPlanned(python);
  });

  it("a YAML program previews the same Postgres and WebService with the policy pack", () => {
    expectDeclaredPlanned(yaml);
  });

  it("the docs' YAML example previews: its WebService planned with the policy pack", () => {
    const json = preview(docsYaml, ["--json"]);
    expect({ status: json.status, output: json.status === 0 ? "" : json.output }).toEqual({ status: 0, output: "" });
    const planned = ((JSON.parse(json.stdout) as Plan).steps ?? []).map((step) => step.urn.split("::").slice(2).join(" "));
    expect(planned).toEqual(expect.arrayContaining([expect.stringMatching(/forja:index:WebService api$/), expect.stringMatching(/kubernetes:apps\/v1:Deployment api-deployment$/)]));
  });

  it("shows a Python user Forja's own argument error, naming the component, argument and value", () => {
    const { status, output } = preview(python, ["--config", "database=app"]);
    expect(status).not.toBe(0);
    expect(output).toContain(`forja:index:Postgres resource 'db' has a problem: Postgres: argument "databases[0].name" was "app"; expected a database name not used twice (nor the main database).`);
  });
});
