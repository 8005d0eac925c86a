/**
 * `pulumi up` runs the compiled program (Pulumi.yaml: dist/src/index.js). After
 * an edit or a `git pull` without `npm run build`, it would deploy the old
 * program without a word; this check refuses instead, naming the first source
 * newer than its compiled file.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Folders whose TypeScript the program is compiled from. */
const SOURCE_DIRS = ["src", "components"];

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * Why the build in `dist` does not match the sources under `root`, or
 * undefined when it does. A root without sources (an installed copy) passes.
 */
export function staleBuildProblem(root: string, dist = join(root, "dist")): string | undefined {
  for (const dir of SOURCE_DIRS.map((name) => join(root, name)).filter((path) => existsSync(path))) {
    for (const source of typescriptFiles(dir)) {
      const compiled = join(dist, relative(root, source)).replace(/\.ts$/, ".js");
      const name = relative(root, source);
      if (!existsSync(compiled)) return `${name} has no compiled ${relative(root, compiled)}: run \`npm run build\` before \`pulumi up\``;
      if (statSync(source).mtimeMs > statSync(compiled).mtimeMs) {
        return `${name} changed after ${relative(root, compiled)} was built: run \`npm run build\` before \`pulumi up\`, or Pulumi deploys the old program`;
      }
    }
  }
  return undefined;
}
