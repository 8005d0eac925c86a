/**
 * The Forja program: `pulumi up` runs the compiled form of this file
 * (dist/src/index.js). Config errors surface as one message, no stack trace.
 */
import { loadStackConfig } from "./config";
import { composeStack } from "./program";

export = composeStack(loadStackConfig());
