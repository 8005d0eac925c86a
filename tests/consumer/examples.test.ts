/**
 * Every TypeScript project under examples/ as its team gets it: copied out of
 * the repository, Forja installed from the packed tarball through the
 * project's own package.json (its `file:../forja-<version>.tgz` pointed at the
 * suite's one `npm pack`), compiled by its own TypeScript under its own
 * tsconfig (Pulumi's template) and tested by its own jest config: nothing of
 * this repository's paths, mappers or dependencies helps it.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { NPM_INSTALL, PACKAGE, REPO_ROOT, WORK, readPackResult, run } from "./workspace";
import type { CommandResult } from "./workspace";

const EXAMPLES = join(REPO_ROOT, "examples");
/** The examples with a package.json: each a Pulumi TypeScript project. */
const projects = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, "package.json")));

interface Manifest {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
}

it("finds the K3s, EKS and ACI examples", () => {
  expect(projects.sort()).toEqual(["aci-ollama-cosmos", "eks-web-services", "k3s-genai"]);
});

describe.each(projects)("examples/%s", (name) => {
  const dir = join(WORK, "examples", name);
  const manifest = JSON.parse(readFileSync(join(EXAMPLES, name, "package.json"), "utf8")) as Manifest;
  let install: CommandResult;
  beforeAll(() => {
    cpSync(join(EXAMPLES, name), dir, { recursive: true, filter: (source) => !/[/\\](node_modules|bin)$/.test(source) });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ ...manifest, dependencies: { ...manifest.dependencies, forja: `file:${readPackResult().tarball}` } }, null, 2));
    // Everything but the tarball comes from npm's cache when an earlier run (or the other examples) fetched it.
    install = run("npm", [...NPM_INSTALL, "--prefer-offline"], dir);
  }, 600_000);

  it("names the tarball of this version, a Pulumi program and its test script", () => {
    expect(manifest).toMatchObject({ main: "index.ts", scripts: { test: "jest" }, dependencies: { forja: `file:../forja-${PACKAGE.version}.tgz` } });
  });

  it("installs from the packed tarball with its own package.json", () => {
    expect(install.output).not.toMatch(/ERESOLVE|EBADENGINE/);
    expect(install.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "node_modules", "forja", "package.json"), "utf8"))).toMatchObject({ name: "forja", version: PACKAGE.version });
  });

  it("compiles strictly under its tsconfig (Pulumi's template, nodenext), tests included", () => {
    const tsc = run(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], dir);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("passes its own tests under forja/testing, and jest reports the summary", () => {
    const jest = run(process.execPath, [join("node_modules", "jest", "bin", "jest.js"), "--ci"], dir);
    expect({ status: jest.status, output: jest.output }).toEqual({ status: 0, output: expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/) });
    expect(jest.output).not.toMatch(/failed|unhandled/i);
  });
});

/** The files of docs/testing.md's project, from its fences: each starts at a `// <file>` line. */
function docsProject(): Record<string, string> {
  const page = readFileSync(join(REPO_ROOT, "docs", "testing.md"), "utf8");
  const files: Record<string, string> = {};
  for (const [, language, body] of page.matchAll(/^```(ts|js)\n([\s\S]*?)^```$/gm)) {
    if (language === "js") files["jest.config.js"] = body;
    let current: string | undefined;
    for (const line of body.split("\n")) {
      const start = /^\/\/ ([\w/.-]+\.ts)$/.exec(line);
      if (start) current = start[1];
      else if (current) files[current] = `${files[current] ?? ""}${line}\n`;
    }
  }
  return files;
}

/**
 * docs/testing.md's project exactly as the page shows it (program, index,
 * test, jest config), with Pulumi's template tsconfig plus the test file, on
 * the k3s-genai example's installed packages: it compiles, and jest passes it,
 * the refused port included, and prints its summary.
 */
describe("docs/testing.md's project, as written", () => {
  const dir = join(WORK, "examples", "docs-testing");
  beforeAll(() => {
    const files = docsProject();
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const tsconfig = JSON.parse(readFileSync(join(EXAMPLES, "k3s-genai", "tsconfig.json"), "utf8")) as { files: string[] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, files: Object.keys(files).filter((file) => file.endsWith(".ts")) }, null, 2));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "my-app", main: "index.ts", private: true }, null, 2));
    symlinkSync(join(WORK, "examples", "k3s-genai", "node_modules"), join(dir, "node_modules"), "dir");
  });

  it("has a program, its index, a test and the jest config", () => {
    expect(Object.keys(docsProject()).sort()).toEqual(["index.ts", "jest.config.js", "program.ts", "test/index.test.ts"]);
  });

  it("compiles under Pulumi's template tsconfig (nodenext)", () => {
    const tsc = run(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], dir);
    expect(tsc.output).toBe("");
  });

  it("passes under jest, the refusal included, and jest reports the summary", () => {
    const jest = run(process.execPath, [join("node_modules", "jest", "bin", "jest.js"), "--ci"], dir);
    expect({ status: jest.status, output: jest.output }).toEqual({ status: 0, output: expect.stringMatching(/Tests:\s+3 passed, 3 total/) });
  });
});
