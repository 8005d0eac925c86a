const { createHash } = require("node:crypto");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const base = require("./jest.config.js");
const { peerDependencies } = require("./package.json");

/**
 * The package suite (`npm run test:package`, run by CI after `npm test`): the
 * library as a consumer gets it. The global setup packs it and installs the
 * tarball with the lowest supported peers; "package" tests the tarball, types
 * and installs, "lowest peers" runs the component tests against those peers.
 */
process.env.FORJA_PACKAGE_WORK ??= join(tmpdir(), `forja-package-${createHash("sha256").update(__dirname).digest("hex").slice(0, 8)}`);
const lowestModules = join(process.env.FORJA_PACKAGE_WORK, "lowest", "node_modules");
const peers = Object.keys(peerDependencies).join("|");

module.exports = {
  // Installs and strict compiles of big SDK typings take minutes on a busy machine; no test asserts time.
  testTimeout: 600_000,
  globalSetup: "<rootDir>/tests/consumer/setup.ts",
  globalTeardown: "<rootDir>/tests/consumer/teardown.ts",
  projects: [
    {
      displayName: "package",
      testEnvironment: "node",
      transform: base.transform,
      roots: ["<rootDir>/tests/consumer"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/consumer/lowest/"],
    },
    {
      ...base,
      displayName: "lowest peers",
      roots: ["<rootDir>/tests/components", "<rootDir>/tests/examples", "<rootDir>/examples", "<rootDir>/tests/consumer/lowest"],
      // Tests about what the ML platform's charts render (their objects, CRDs and sidecar settings) need rendering (off here, below).
      testPathIgnorePatterns: ["/node_modules/", "tests/components/(cert-manager|gitops|kuberay|monitoring|service-mesh|ml-platform|istio-policy|ray-dashboard)\\.test\\.ts$"],
      // The lowest @pulumi/pulumi's mocks do not hand charts' transforms over: charts are recorded unrendered here
      // (rendering is tested with the pinned SDKs in npm test and the chart tier).
      setupFiles: ["<rootDir>/tests/consumer/lowest-peers-env.ts"],
      // Every SDK import, the library's and the SDKs' own, loads the lowest peer.
      moduleNameMapper: { [`^(${peers})$`]: `${lowestModules}/$1`, [`^(${peers})/(.*)$`]: `${lowestModules}/$1/$2`, ...base.moduleNameMapper },
    },
  ],
};
