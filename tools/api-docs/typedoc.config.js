/**
 * `npm run docs:api`: the API reference in docs/api/, one page per symbol, from
 * the TSDoc of every entry the package exports (read from package.json, so a
 * new entry is documented without touching this file). Modules are named as a
 * consumer imports them (`forja/k3s`), by the plugin beside this file.
 */
const { join } = require("node:path");
const { exports: entries } = require("../../package.json");

const root = join(__dirname, "..", "..");
const entryPoints = Object.entries(entries)
  // `forja` itself re-exports the component entries: documenting it would print every page twice.
  .filter(([key]) => key !== "./package.json" && key !== ".")
  .map(([, target]) => join(root, target.default.replace("./dist/", "").replace(/\.js$/, ".ts")));

/** @type {Partial<import("typedoc").TypeDocOptions & import("typedoc-plugin-markdown").PluginOptions>} */
module.exports = {
  entryPoints,
  tsconfig: join(root, "tsconfig.build.json"),
  out: join(root, "docs", "api"),
  plugin: ["typedoc-plugin-markdown", join(__dirname, "entry-names.js")],
  readme: "none",
  name: "Forja API reference",
  // Dated or machine-specific output would make the checked-in pages stale on every run.
  disableSources: true,
  hideGenerator: true,
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  // Types the entries use but do not export are still documented (as `internal`-free pages), not warned about.
  validation: { notExported: false, invalidLink: true, rewrittenLink: true },
  treatWarningsAsErrors: false,
  entryFileName: "README.md",
  outputFileStrategy: "modules",
  useCodeBlocks: true,
  parametersFormat: "table",
  interfacePropertiesFormat: "table",
  classPropertiesFormat: "table",
  sanitizeComments: true,
};
