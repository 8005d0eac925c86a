/**
 * prepack/postpack: the packed package.json says what a consumer needs and no
 * more. `strip` keeps a copy and removes `scripts` (they name files the
 * tarball does not ship, and npm flags a `prepare` on tarball installs) and
 * `devDependencies`; `restore` puts the copy back. A copy left by an
 * interrupted pack is restored before anything else.
 */
const { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const manifest = join(root, "package.json");
const copy = join(root, ".package.json.prepack");

function restore() {
  if (existsSync(copy)) renameSync(copy, manifest);
}

function strip() {
  restore();
  copyFileSync(manifest, copy);
  const pkg = JSON.parse(readFileSync(manifest, "utf8"));
  delete pkg.scripts;
  delete pkg.devDependencies;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

const commands = { strip, restore };
const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node .ci/pack-manifest.js ${Object.keys(commands).join("|")}`);
  process.exit(2);
}
command();
