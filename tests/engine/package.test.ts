import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineBin, engineEnv, pythonWithPulumi, ROOT, run, timed } from "./engine";

/**
 * The component package through the real CLI: `pulumi package get-schema`
 * starts the plugin (PulumiPlugin.yaml) through the Node.js language host, and
 * `pulumi package gen-sdk` runs Pulumi's own Python and Go generators (pinned
 * with the CLI) on what it served. C# is not generated: its generator lives in
 * the .NET language host, a module the Go module proxy reachable here does not
 * serve.
 */
const work = mkdtempSync(join(tmpdir(), "forja-engine-package-"));
const sdks = join(work, "sdks");
let env: NodeJS.ProcessEnv;
let served: Schema;

type Schema = Record<string, unknown> & { version?: string; types: Record<string, unknown>; resources: Record<string, unknown> };

/**
 * The schema as the CLI hands it on: Pulumi's schema has no `optional` flag
 * (a property is optional when no `required` list names it), so the CLI drops
 * it with empty lists; it adds the plugin's version and an empty `config`.
 */
function asTheCliReadsIt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asTheCliReadsIt);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => key !== "optional" && !(Array.isArray(v) && v.length === 0 && (key === "required" || key === "requiredInputs" || key === "dependencies")))
      .map(([key, v]) => [key, asTheCliReadsIt(v)]),
  );
}

/**
 * Names the Go SDK uses but Pulumi's Go generator does not emit, each with the
 * schema shape that causes it. Shrink it as the schema is reshaped: the test
 * fails when one is fixed but still listed, and when a new one appears.
 */
const GO_UNDEFINED: Record<string, string> = {
  UpstreamCredentialArgs: "ImageMirror.credentials: a plain map of a type whose fields are not plain",
  AciAppContainerArgs: "OllamaContainerGroup.apps: a plain array of a type whose fields are not plain",
  MongoCollectionArgs: "CosmosMongo.collections: a plain array of a type whose fields are not plain",
};

beforeAll(() => {
  env = engineEnv(engineBin(), work);
  const schema = timed("pulumi package get-schema", () => run("pulumi", ["package", "get-schema", ROOT], work, env));
  if (schema.status !== 0) throw new Error(`pulumi package get-schema failed:\n${schema.output}`);
  served = JSON.parse(schema.stdout) as Schema;
}, 3_600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the component package, through the real Pulumi CLI", () => {
  it("serves the reviewed schema (components/plugin/schema.json), versioned like the package", () => {
    const reviewed = JSON.parse(readFileSync(join(ROOT, "components/plugin/schema.json"), "utf8")) as Schema;
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(asTheCliReadsIt(served)).toEqual({ ...(asTheCliReadsIt(reviewed) as object), version, config: {} });
  });

  it("generates a Python SDK, pulumi_forja, that compiles, and the docs' Python example type-checks against it", () => {
    const generated = timed("gen-sdk python", () => run("pulumi", ["package", "gen-sdk", ROOT, "--language", "python", "--out", sdks], work, env));
    expect({ status: generated.status, output: generated.status === 0 ? "" : generated.output }).toEqual({ status: 0, output: "" });
    expect(existsSync(join(sdks, "python/pulumi_forja/__init__.py"))).toBe(true);
    expect(run("python3", ["-m", "compileall", "-q", "python"], sdks, env)).toMatchObject({ status: 0 });

    const python = pythonWithPulumi(work, env);
    const readme = readFileSync(join(ROOT, "docs", "other-languages.md"), "utf8");
    const example = /Python \(after `pulumi package add`[^\n]*\n\n```python\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("import pulumi_forja as forja");
    writeFileSync(join(work, "example.py"), example as string);
    // pulumi_kubernetes is not installed: its names are Any; every Forja call is checked.
    writeFileSync(join(work, "mypy.ini"), "[mypy]\nfollow_imports = silent\n[mypy-pulumi_kubernetes.*]\nignore_missing_imports = True\n");
    const checked = timed("mypy example.py", () => run(python, ["-m", "mypy", "--config-file", "mypy.ini", "example.py"], work, { ...env, MYPYPATH: join(sdks, "python") }));
    expect(checked.output).toContain("Success");
  });

  it("generates a Go SDK that builds, but for the types Pulumi's Go generator leaves out", () => {
    const generated = timed("gen-sdk go", () => run("pulumi", ["package", "gen-sdk", ROOT, "--language", "go", "--out", sdks], work, env));
    expect({ status: generated.status, output: generated.status === 0 ? "" : generated.output }).toEqual({ status: 0, output: "" });
    const init = readFileSync(join(sdks, "go/forja/webService.go"), "utf8");
    const module = /"(\S+)\/go\/forja\/internal"/.exec(init)?.[1] as string;
    expect(module).toBe("example.com/pulumi-forja/sdk");
    // Build it as a module of its own, with the Go SDK of the CLI's release.
    const { version } = JSON.parse(readFileSync(join(ROOT, "tools/engine/versions.json"), "utf8"))["@pulumi/pulumi"] as { version: string };
    writeFileSync(join(sdks, "go.mod"), `module ${module}\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${version}\n`);
    const goEnv = { ...env, GOFLAGS: "-mod=mod" };
    expect(run("go", ["mod", "tidy"], sdks, goEnv)).toMatchObject({ status: 0 });
    const built = timed("go build (Go SDK)", () => run("go", ["build", "./..."], sdks, goEnv));
    const undefinedNames = [...new Set([...built.output.matchAll(/undefined: (\w+)/g)].map((m) => m[1]))].sort();
    expect(undefinedNames).toEqual(Object.keys(GO_UNDEFINED).sort());
    expect(built.output.split("\n").filter((line) => /\.go:\d+:\d+: /.test(line) && !/undefined: /.test(line))).toEqual([]);
  });
});
