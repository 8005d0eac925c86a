/**
 * Global setup of the package suite: packs the library as `npm publish` would
 * (prepack cleans and builds) and installs the tarball into a consumer project
 * with the lowest supported peers, which the "lowest peers" project then runs
 * the component tests against.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LOWEST_PROJECT, NPM_INSTALL, PACK_RESULT, REPO_ROOT, WORK, createProject, lowestPeers, mustRun } from "./workspace";
import type { PackResult } from "./workspace";

export default function setup(): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const manifestBeforePack = readFileSync(join(REPO_ROOT, "package.json"), "utf8");
  const [packed] = JSON.parse(mustRun("npm", ["pack", "--json", "--pack-destination", WORK], REPO_ROOT).stdout) as (PackResult & { filename: string })[];
  const result: PackResult = { tarball: join(WORK, packed.filename), files: packed.files, size: packed.size, unpackedSize: packed.unpackedSize, entryCount: packed.entryCount, manifestBeforePack };
  writeFileSync(PACK_RESULT, JSON.stringify(result, null, 2));
  createProject(LOWEST_PROJECT, { forja: `file:${result.tarball}`, ...lowestPeers() }, ["k3s.ts", "eks.ts", "main-k3s.ts", "main-eks.ts", "main-refused.ts"]);
  writeFileSync(join(WORK, "lowest-install.log"), mustRun("npm", NPM_INSTALL, LOWEST_PROJECT).output);
}
