/** As docs/testing.md shows it: ts-jest under the project's nodenext tsconfig. */
/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["**/test/**/*.test.ts"],
  // Type-checks with the project's tsconfig and emits CommonJS; 151002 is ts-jest's advice to turn on isolatedModules.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { ignoreCodes: [151002] } }] },
  // nodenext wants `./program.js` in relative imports; jest resolves the .ts source.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 60000,
};
