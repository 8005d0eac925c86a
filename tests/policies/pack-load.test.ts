import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { forjaPolicies } from "../../policies/rules";

/**
 * `pulumi preview --policy-pack policies` starts the pack the way this test
 * does: the nodejs language host runs `@pulumi/pulumi/cmd/run-policy-pack
 * <engine> .` with the pack folder as working directory; that script registers
 * ts-node with type-checking and requires the folder's `main`, whose
 * `new PolicyPack(...)` reads `./package.json` from the working directory and
 * calls `serve`. Only `serve` (the gRPC server) is replaced, by a preload that
 * prints what it was given. The mock-engine tests import rules.ts directly and
 * never see any of this.
 */
const root = resolve(__dirname, "../..");
const runPolicyPack = join(root, "node_modules/@pulumi/pulumi/cmd/run-policy-pack");

interface Served {
  name: string;
  version: string;
  policies: string[];
}

const scratch = mkdtempSync(join(tmpdir(), "forja-pack-load-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const intercept = join(scratch, "intercept-serve.js");
writeFileSync(
  intercept,
  `const server = require(${JSON.stringify(require.resolve("@pulumi/policy/server"))});
server.serve = (name, version, enforcementLevel, args) => {
  process.stdout.write("SERVED " + JSON.stringify({ name, version, policies: args.policies.map((p) => p.name) }) + "\\n");
  process.exit(0);
};
`,
);

function loadPack(packDir: string): { served?: Served; output: string } {
  const run = spawnSync(process.execPath, ["--require", intercept, runPolicyPack, "127.0.0.1:1", "."], { cwd: packDir, encoding: "utf8", timeout: 50000 });
  const output = `${run.stdout}${run.stderr}`;
  const line = run.stdout.split("\n").find((l) => l.startsWith("SERVED "));
  return { served: line ? (JSON.parse(line.slice("SERVED ".length)) as Served) : undefined, output };
}

/** A copy of policies/ whose files link to the real ones, but with its own package.json (and optionally index.ts). */
function variant(name: string, packageJson: object, indexTs?: string): string {
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const file of readdirSync(join(root, "policies"))) {
    if (file === "package.json" || (indexTs && file === "index.ts")) continue;
    symlinkSync(join(root, "policies", file), join(dir, file));
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify(packageJson));
  if (indexTs) writeFileSync(join(dir, "index.ts"), indexTs);
  return dir;
}

const manifest = JSON.parse(readFileSync(join(root, "policies/package.json"), "utf8")) as Record<string, unknown>;

describe("the policy pack, started as the Pulumi CLI starts it", () => {
  it("registers every rule of policies/rules.ts under the name forja, versioned like Forja", () => {
    const { served, output } = loadPack(join(root, "policies"));
    expect({ output: served ? "" : output, served }).toEqual({
      output: "",
      served: { name: "forja", version: (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version, policies: forjaPolicies.map((p) => p.name) },
    });
  });

  it("cannot start without a version in policies/package.json", () => {
    const unversioned = { ...manifest };
    delete unversioned.version;
    const { served, output } = loadPack(variant("no-version", unversioned));
    expect(served).toBeUndefined();
    expect(output).toContain("Version must be defined in the package.json file.");
  });

  it("type-checks the pack's TypeScript before running it", () => {
    const { served, output } = loadPack(variant("type-error", manifest, `export const replicas: number = "three";\n`));
    expect(served).toBeUndefined();
    expect(output).toContain("TS2322");
  });
});
