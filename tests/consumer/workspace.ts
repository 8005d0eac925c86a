/**
 * Shared by the package suite (`npm run test:package`): where consumer
 * projects live, how they are made, and how npm and tsc run in them.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");
export const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;

/** The work folder jest.package.config.js chose (one per checkout, so two checkouts can run the suite at once). */
export const WORK = packageWorkFolder();
/** What the global setup leaves for the tests: the packed tarball, its `npm pack --json` entry, the lowest-peers project. */
export const PACK_RESULT = join(WORK, "pack.json");
export const LOWEST_PROJECT = join(WORK, "lowest");

function packageWorkFolder(): string {
  const folder = process.env.FORJA_PACKAGE_WORK;
  if (!folder) throw new Error("FORJA_PACKAGE_WORK is not set: run the package suite with `npm run test:package`");
  return folder;
}

export interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, { types: string; default: string } | string>;
  typesVersions: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
  [key: string]: unknown;
}

export interface PackResult {
  tarball: string;
  files: { path: string; size: number }[];
  size: number;
  unpackedSize: number;
  entryCount: number;
  /** The repository's package.json text before `npm pack` ran its prepack and postpack. */
  manifestBeforePack: string;
}

/** Each public entry as a consumer imports it: `forja`, `forja/k3s`, ... */
export function entryNames(): string[] {
  return Object.keys(PACKAGE.exports)
    .filter((key) => key !== "./package.json")
    .map((key) => (key === "." ? PACKAGE.name : `${PACKAGE.name}/${key.slice(2)}`));
}

/** The lowest version each peer range allows: what the lowest-peers project installs. */
export function lowestPeers(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PACKAGE.peerDependencies).map(([name, range]) => {
      const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
      if (!match) throw new Error(`peer range ${name}@${range} is not ^x.y.z: the lowest-peers run cannot tell its lower bound`);
      return [name, match[1]];
    }),
  );
}

export interface CommandResult {
  status: number;
  /** stdout and stderr together, for messages. */
  output: string;
  stdout: string;
}

/**
 * The environment without what an outer `npm run` exports (npm_config_*,
 * npm_package_*, ...), so an npm started here acts on its own folder alone.
 */
function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig"]);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_") || keep.has(key.toLowerCase())));
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CommandResult {
  const result = spawnSync(command, args, { cwd, env: { ...childEnv(), ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

/** Runs a command that must succeed; its output is the error message otherwise. */
export function mustRun(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CommandResult {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.output}`);
  return result;
}

/** `npm install` flags for consumer projects: quiet, and never a lockfile to clean up. */
export const NPM_INSTALL = ["install", "--no-audit", "--no-fund", "--no-package-lock"];

/**
 * A fresh consumer project as `pulumi new typescript` makes it (package.json
 * with `main: index.ts`, the template's tsconfig), with the given
 * dependencies and the programs in tests/consumer/project.
 */
export function createProject(dir: string, dependencies: Record<string, string>, programs: string[]): void {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: "consumer", main: "index.ts", private: true, devDependencies: { "@types/node": PACKAGE.devDependencies["@types/node"] }, dependencies };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ["report.ts", ...programs]) cpSync(join(__dirname, "project", file), join(dir, file));
}

/** Pulumi's TypeScript template settings (before 2026: commonjs + node; since: nodenext), with a chosen module resolution. */
export const RESOLUTIONS = {
  node: { module: "commonjs", moduleResolution: "node" },
  node16: { module: "node16", moduleResolution: "node16" },
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
} as const;
export type Resolution = keyof typeof RESOLUTIONS;

/** Compiles `files` strictly with the template's settings (no skipLibCheck) into bin-<resolution>/. */
export function compile(dir: string, resolution: Resolution, files: string[]): CommandResult {
  const tsconfig = {
    compilerOptions: {
      strict: true,
      outDir: `bin-${resolution}`,
      target: "es2020",
      ...RESOLUTIONS[resolution],
      sourceMap: true,
      experimentalDecorators: true,
      pretty: false,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files,
  };
  const config = `tsconfig.${resolution}.json`;
  writeFileSync(join(dir, config), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return run(process.execPath, [join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", config], dir);
}

/** A module that imports every public entry, so compiling it resolves each one's types. */
export function writeEntriesModule(dir: string): string {
  const lines = entryNames().map((entry, index) => `import * as entry${index} from "${entry}";`);
  lines.push(`export const entries = [${entryNames().map((_, index) => `entry${index}`).join(", ")}];`);
  writeFileSync(join(dir, "entries.ts"), `${lines.join("\n")}\n`);
  return "entries.ts";
}

export function readPackResult(): PackResult {
  return JSON.parse(readFileSync(PACK_RESULT, "utf8")) as PackResult;
}
