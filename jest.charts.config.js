/**
 * `npm run test:charts`: the slow chart tier. Renders the charts Forja installs
 * once per values key (hundreds of Helm runs on a cold cache), so it runs in
 * CI after the package suite, not in `npm test`.
 */
const base = require("./jest.config.js");

module.exports = { ...base, roots: ["<rootDir>/tests/render"], testPathIgnorePatterns: ["/node_modules/"], testTimeout: 1_800_000, maxWorkers: 2 };
