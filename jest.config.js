const { exports: entries } = require("./package.json");

/**
 * `forja` and `forja/<component>` resolve to the sources, exactly as the
 * package's exports map does to dist/: examples are tested as consumers.
 */
const moduleNameMapper = Object.fromEntries(
  Object.entries(entries)
    .filter(([key]) => key !== "./package.json")
    .map(([key, target]) => [`^${key === "." ? "forja" : `forja/${key.slice(2)}`}$`, `<rootDir>/${target.default.replace("./dist/", "").replace(/\.js$/, ".ts")}`]),
);

/**
 * Transpile-only (tsconfig isolatedModules): `npm test` type-checks once with tsc; jest stays fast.
 * tests/consumer is the package suite (jest.package.config.js): it packs and installs, so it runs apart;
 * tests/render is the chart tier (jest.charts.config.js): hundreds of Helm runs;
 * tests/engine (jest.engine.config.js) builds and runs the real Pulumi engine, apart too.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests", "<rootDir>/examples"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/consumer/", "<rootDir>/tests/render/", "<rootDir>/tests/engine/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // Examples compile under Pulumi's template (nodenext), which wants `./program.js` in relative imports.
  moduleNameMapper: { ...moduleNameMapper, "^(\\.{1,2}/.*)\\.js$": "$1" },
  // Jest's default is one worker per core but one: a single worker on CI's two cores. The suites wait on
  // Helm and child processes often enough that two workers halve the wall time (measured: 240 s -> 130 s).
  maxWorkers: 2,
  testTimeout: 60000,
  globalSetup: "<rootDir>/tests/harness/helm-setup.ts",
};
