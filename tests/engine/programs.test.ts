import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { engineBin, engineEnv, pythonWithPulumi, ROOT, run, timed } from "./engine";

/**
 * Forja from another language, through the real engine: a Python program
 * (programs/python) creates a Postgres and a WebService on K3s capabilities
 * through the component package (the repository, a local package of the
 * project), and `pulumi preview` runs it with the policy pack and no cluster.
 * Its host is tools/engine/codegen's pulumi-language-python; its SDK is the
 * one `pulumi package gen-sdk` generates, pip-installed (the SDK reads its own
 * version from the installed package's metadata).
 */
const work = mkdtempSync(join(tmpdir(), "forja-engine-programs-"));
const project = join(work, "python");
let env: NodeJS.ProcessEnv;

interface Plan {
  steps?: { op: string; urn: string }[];
}

function preview(extra: string[] = []): { status: number | null; output: string; stdout: string } {
  return timed(`pulumi preview (Python) ${extra.join(" ")}`, () =>
    run("pulumi", ["preview", "--stack", "python", "--non-interactive", "--policy-pack", join(ROOT, "policies"), ...extra], project, env),
  );
}

beforeAll(() => {
  env = engineEnv(engineBin(), work);
  const python = pythonWithPulumi(work, env);
  const sdks = join(work, "sdks");
  const generated = timed("gen-sdk python", () => run("pulumi", ["package", "gen-sdk", ROOT, "--language", "python", "--out", sdks], work, env));
  if (generated.status !== 0) throw new Error(`pulumi package gen-sdk failed:\n${generated.output}`);
  const site = join(work, "site");
  const installed = timed("pip install the Python SDK", () => run(python, ["-m", "pip", "install", "--quiet", "--no-deps", "--target", site, join(sdks, "python")], work, env));
  if (installed.status !== 0) throw new Error(`pip install of the generated SDK failed:\n${installed.output}`);

  mkdirSync(project);
  copyFileSync(join(__dirname, "programs/python/__main__.py"), join(project, "__main__.py"));
  const manifest = { name: "forja-python", runtime: { name: "python", options: { virtualenv: dirname(dirname(python)) } }, packages: { forja: ROOT } };
  writeFileSync(join(project, "Pulumi.yaml"), stringify(manifest));
  env = { ...env, PYTHONPATH: site };
  mkdirSync(join(work, "state"));
  const init = run("pulumi", ["stack", "init", "python", "--non-interactive"], project, env);
  if (init.status !== 0) throw new Error(`pulumi stack init python failed:\n${init.output}`);
}, 3_600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a Python program of Forja's components, through the real engine", () => {
  it("previews a Postgres and a WebService on K3s with the policy pack: every object planned, the URL exported", () => {
    const json = preview(["--json"]);
    expect({ status: json.status, output: json.status === 0 ? "" : json.output }).toEqual({ status: 0, output: "" });
    const planned = ((JSON.parse(json.stdout) as Plan).steps ?? []).filter((step) => step.op === "create").map((step) => `${step.urn.split("::")[2].split("$").pop()} ${step.urn.split("::").pop()}`);
    process.stderr.write(`[engine] Python preview plans ${planned.length} creates\n`);
    expect(planned).toEqual(
      expect.arrayContaining([
        "forja:index:Postgres db",
        "kubernetes:apps/v1:StatefulSet db-server",
        "kubernetes:batch/v1:Job db-setup",
        "forja:index:WebService api",
        "kubernetes:apps/v1:Deployment api-deployment",
        "kubernetes:networking.k8s.io/v1:Ingress api-ingress",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy api-netpol",
      ]),
    );
    expect(preview().output).toMatch(/url +: "http:\/\/api\.apps\.svc\.cluster\.local:8000"/);
  });

  it("shows a Python user Forja's own argument error, naming the component, argument and value", () => {
    const { status, output } = preview(["--config", "database=app"]);
    expect(status).not.toBe(0);
    expect(output).toContain(`forja:index:Postgres resource 'db' has a problem: Postgres: argument "databases[0].name" was "app"; expected a database name not used twice (nor the main database).`);
  });
});
