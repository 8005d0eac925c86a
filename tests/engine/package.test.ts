import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineBin, engineEnv, pythonWithPulumi, ROOT, run, timed } from "./engine";

/**
 * The component package through the real CLI: `pulumi package get-schema`
 * starts the plugin (PulumiPlugin.yaml) through the Node.js language host, and
 * `pulumi package gen-sdk` runs Pulumi's own Python and Go generators (pinned
 * with the CLI) and its C# generator (pkg/v3 v3.206.0, tools/engine/dotnet) on
 * what it served. The names the docs' examples use (docs/other-languages.md)
 * are checked against what was generated. C# is checked as text: no .NET SDK
 * nor the Pulumi NuGet package can be installed from the registries here.
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
 * Names the Go SDK uses but Pulumi's Go generator does not emit. None since the
 * schema sets `language.go.generateExtraInputTypes`: without it the generator
 * skips the `...Args` struct of a type reached only through a plain array or
 * map (ImageMirror.credentials, OllamaContainerGroup.apps,
 * CosmosMongo.collections). A name listed here that builds, or a new one
 * missing, fails the build test.
 */
const GO_UNDEFINED: Record<string, string> = {};

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

  it("`pulumi package add` of the repository writes the Python SDK where the docs say: sdks/forja-platform-forja (the schema's namespace and name), package pulumi_forja", () => {
    const project = join(work, "add-python");
    mkdirSync(project);
    writeFileSync(join(project, "Pulumi.yaml"), "name: add-python\nruntime: python\n");
    const added = timed("pulumi package add (Python)", () => run("pulumi", ["package", "add", ROOT], project, env));
    // Then the CLI asks the language host to link the SDK into the project (requirements.txt): Pulumi's Python host does
    // that, tools/engine's stand-in does not ("method Link not implemented"), so only what the CLI itself did is checked.
    expect(added.output).toContain(`Successfully generated an SDK for the forja package at ${join(project, "sdks")}`);
    expect(existsSync(join(project, "sdks/forja-platform-forja/pulumi_forja/__init__.py"))).toBe(true);
    const docs = readFileSync(join(ROOT, "docs", "other-languages.md"), "utf8");
    expect(docs).toContain("`sdks/forja-platform-forja`");
    expect(docs).toContain("import pulumi_forja as forja");
  });

  it("generates a Go SDK that builds, but for the types Pulumi's Go generator leaves out", () => {
    const generated = timed("gen-sdk go", () => run("pulumi", ["package", "gen-sdk", ROOT, "--language", "go", "--out", sdks], work, env));
    expect({ status: generated.status, output: generated.status === 0 ? "" : generated.output }).toEqual({ status: 0, output: "" });
    const init = readFileSync(join(sdks, "go/forja/webService.go"), "utf8");
    const module = /"(\S+)\/go\/forja\/internal"/.exec(init)?.[1] as string;
    expect(module).toBe("github.com/forja-platform/forja/sdk");
    // Build it as a module of its own, with the Go SDK of the CLI's release.
    const { version } = JSON.parse(readFileSync(join(ROOT, "tools/engine/versions.json"), "utf8"))["@pulumi/pulumi"] as { version: string };
    writeFileSync(join(sdks, "go.mod"), `module ${module}\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${version}\n`);
    const goEnv = { ...env, GOFLAGS: "-mod=mod" };
    expect(run("go", ["mod", "tidy"], sdks, goEnv)).toMatchObject({ status: 0 });
    const built = timed("go build (Go SDK)", () => run("go", ["build", "./..."], sdks, goEnv));
    const undefinedNames = [...new Set([...built.output.matchAll(/undefined: (\w+)/g)].map((m) => m[1]))].sort();
    expect(undefinedNames).toEqual(Object.keys(GO_UNDEFINED).sort());
    expect(built.output.split("\n").filter((line) => /\.go:\d+:\d+: /.test(line) && !/undefined: /.test(line))).toEqual([]);

    // Every forja.X of the docs' Go example is a type, function or constant of the SDK.
    const code = readdirSync(join(sdks, "go/forja")).filter((file) => file.endsWith(".go")).map((file) => readFileSync(join(sdks, "go/forja", file), "utf8")).join("\n");
    const used = [...new Set([...codeBlock("go").matchAll(/\bforja\.(\w+)/g)].map((m) => m[1]))];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !new RegExp(`^\\s*(?:type|func) ${name}\\b|^\\s*${name}\\s+(?:\\w+\\s+)?=`, "m").test(code))).toEqual([]);
  });

  it("generates a C# SDK, Pulumi.Forja, with a class for every component and type, and every name the docs' C# example uses", () => {
    const generated = timed("gen-sdk dotnet", () => run("pulumi", ["package", "gen-sdk", ROOT, "--language", "dotnet", "--out", sdks], work, env));
    expect({ status: generated.status, output: generated.status === 0 ? "" : generated.output }).toEqual({ status: 0, output: "" });
    const dotnet = join(sdks, "dotnet");
    expect(existsSync(join(dotnet, "Pulumi.Forja.csproj"))).toBe(true);
    const read = (file: string) => (existsSync(join(dotnet, file)) ? readFileSync(join(dotnet, file), "utf8") : "");
    const missing: string[] = [];
    for (const token of Object.keys(served.resources)) {
      const name = token.split(":")[2];
      if (!new RegExp(`namespace Pulumi\\.Forja\\b[\\s\\S]*public partial class ${name} : global::Pulumi\\.ComponentResource`).test(read(`${name}.cs`))) missing.push(token);
    }
    for (const [token, type] of Object.entries(served.types)) {
      const name = token.split(":")[2];
      const found = (type as { enum?: unknown }).enum
        ? read("Enums.cs").includes(`public readonly struct ${name} `)
        : [`Inputs/${name}Args.cs`, `Outputs/${name}.cs`].some((file) => read(file).includes(`class ${name}`));
      if (!found) missing.push(token);
    }
    expect(missing).toEqual([]);

    // Forja.Inputs.X, Forja.X and Forja.Enum.Member of the docs' C# example.
    const unknown = [...new Set([...codeBlock("csharp").matchAll(/\bForja\.((?:Inputs\.)?\w+)(?:\.(\w+))?/g)].map((m) => m[0]))].filter((used) => {
      const [, inputs, name, member] = /^Forja\.(Inputs\.)?(\w+)(?:\.(\w+))?$/.exec(used) as RegExpExecArray;
      if (inputs) return !read(`Inputs/${name}.cs`).includes(`class ${name} `);
      if (member) return !read("Enums.cs").includes(`public static ${name} ${member} `);
      return !read(`${name}.cs`).includes(`class ${name} `);
    });
    expect(unknown).toEqual([]);
  });
});

/** The docs' example in `language` (docs/other-languages.md). */
function codeBlock(language: string): string {
  const block = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(readFileSync(join(ROOT, "docs", "other-languages.md"), "utf8"))?.[1];
  if (!block) throw new Error(`docs/other-languages.md has no ${language} example`);
  return block;
}
