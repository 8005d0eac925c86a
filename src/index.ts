/**
 * The Forja program: `pulumi up` runs the compiled form of this file
 * (dist/src/index.js). Config errors surface as one message, no stack trace.
 */
import { join } from "node:path";
import { loadStackConfig } from "./config";
import { staleBuildProblem } from "./preflight";
import { composeStack } from "./program";

// Compiled, this file is dist/src/index.js: refuse a build older than its sources.
const stale = __filename.endsWith(".js") ? staleBuildProblem(join(__dirname, "..", "..")) : undefined;
if (stale) throw new Error(`forja: ${stale}.`);

export = composeStack(loadStackConfig());
