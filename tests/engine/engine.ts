import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse, stringify } from "yaml";

export const ROOT = resolve(__dirname, "../..");

/** Runs `label`, printing how long it took (the suite's numbers: build, preview, SDKs). */
export function timed<T>(label: string, run: () => T): T {
  const started = Date.now();
  const result = run();
  process.stderr.write(`[engine] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/** The bin folder of the engine tools/engine/build.sh builds (or reuses from its cache). */
export function engineBin(): string {
  const out = timed("tools/engine/build.sh", () =>
    execFileSync("bash", [join(ROOT, "tools/engine/build.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 3_600_000 }),
  );
  return out.trim().split("\n").pop() as string;
}

/** The environment of an offline `pulumi`: its own home, no update check, no plugin downloads, state in `work`. */
export function engineEnv(bin: string, work: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [bin, dirname(process.execPath), process.env.PATH].join(":"),
    PULUMI_HOME: join(work, "home"),
    PULUMI_BACKEND_URL: `file://${join(work, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "forja-engine-test",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

/** Runs a command to completion; its status and everything it printed. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 1_200_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ""}`, stdout: result.stdout };
}

/** A Python with Pulumi's Python SDK and mypy, kept in the engine cache (PyPI once per machine). */
export function pythonWithPulumi(work: string, env: NodeJS.ProcessEnv): string {
  const venv = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "forja/engine/python-pulumi-3.272.0-mypy-2.4.1");
  const python = join(venv, "bin/python");
  if (!existsSync(join(venv, "complete"))) {
    mkdirSync(dirname(venv), { recursive: true });
    timed("python venv with pulumi and mypy", () => {
      const made = run("python3", ["-m", "venv", venv], work, env);
      const installed = made.status === 0 ? run(python, ["-m", "pip", "install", "--quiet", "pulumi==3.272.0", "mypy==2.4.1"], work, env) : made;
      if (installed.status !== 0) throw new Error(`a Python with pulumi and mypy could not be made in ${venv}:\n${installed.output}`);
    });
    writeFileSync(join(venv, "complete"), "");
  }
  return python;
}

/**
 * A project folder in `work` that runs the repository's dev stack: links to its build and dependencies, copies of
 * Pulumi.dev.yaml (`pulumi stack init` writes its secrets salt into the stack file) and of offline-program.js, which
 * Pulumi.yaml's `main` runs (it loads dist/src/index.js behind the stack transforms its environment asks for).
 */
export function devProject(work: string): string {
  const project = join(work, "project");
  mkdirSync(project);
  for (const entry of ["dist", "node_modules", "package.json"]) symlinkSync(join(ROOT, entry), join(project, entry));
  copyFileSync(join(ROOT, "Pulumi.dev.yaml"), join(project, "Pulumi.dev.yaml"));
  copyFileSync(join(__dirname, "offline-program.js"), join(project, "offline-program.js"));
  const manifest = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
  writeFileSync(join(project, "Pulumi.yaml"), stringify({ ...manifest, main: "offline-program.js" }));
  return project;
}

/** Builds dist/ (Pulumi.yaml runs the compiled program). */
export function buildProgram(): void {
  timed("npm run build", () => execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" }));
}

/** A kubeconfig with one cluster (`server`, TLS unchecked) and a bearer token, at `path`; returns the path. */
export function writeKubeconfig(path: string, server: string, token: string): string {
  writeFileSync(
    path,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "default", cluster: { server, "insecure-skip-tls-verify": true } }],
      users: [{ name: "default", user: { token } }],
      contexts: [{ name: "default", context: { cluster: "default", user: "default" } }],
      "current-context": "default",
    }),
  );
  return path;
}
