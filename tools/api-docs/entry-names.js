/**
 * A TypeDoc plugin: each module takes the name a consumer imports it by
 * (`forja`, `forja/k3s`), from package.json's exports, instead of its folder
 * path (`platform/k3s/index`).
 */
const { join, resolve } = require("node:path");
const { Converter, ReflectionKind } = require("typedoc");
const { name: packageName, exports: entries } = require("../../package.json");

const root = resolve(__dirname, "..", "..");
const importName = new Map(
  Object.entries(entries)
    .filter(([key]) => key !== "./package.json")
    .map(([key, target]) => [join(root, target.default.replace("./dist/", "").replace(/\.js$/, ".ts")), key === "." ? packageName : `${packageName}/${key.slice(2)}`]),
);

/** @param {import("typedoc").Application} app */
exports.load = function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = context.getSymbolFromReflection(module)?.declarations?.[0]?.getSourceFile().fileName;
      const name = file && importName.get(resolve(file));
      if (name) module.name = name;
    }
  });
};
