const base = require("./jest.config.js");

/**
 * The engine suite (`npm run test:engine`): the real Pulumi CLI and providers,
 * built from pinned Go modules by tools/engine/build.sh, preview the program.
 * Apart from `npm test`: the first build takes minutes.
 */
module.exports = {
  ...base,
  roots: ["<rootDir>/tests/engine"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 1_800_000,
  // One suite at a time: each starts the engine build (the first one builds, the next reuses) and the CLI uses both cores.
  maxWorkers: 1,
};
