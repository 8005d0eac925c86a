/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["**/test/**/*.test.ts"],
  transform: {
    // Type-checks with the project's tsconfig (nodenext) and emits CommonJS; 151002 is ts-jest's advice to
    // turn on isolatedModules, which would keep `import()` as is, and jest cannot run that without a flag.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { ignoreCodes: [151002] } }],
  },
  // nodenext wants `./program.js` in relative imports; jest resolves the .ts source.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // Charts render with a real Helm: a program with several takes longer than jest's default 5 s.
  testTimeout: 60000,
};
