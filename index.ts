/**
 * Entry of Forja's Pulumi package (PulumiPlugin.yaml), not of the library:
 * TypeScript programs import `forja` or `forja/<component>` (package.json
 * exports). Pulumi starts the plugin as `node @pulumi/pulumi/cmd/run-plugin
 * <repo>`, which requires the directory, so package.json `main` points here
 * (dist/index.js once built; before a build Node falls back to this file),
 * and calls the exported function, which starts the provider. No component
 * class is exported on purpose: Pulumi would then host them itself, with a
 * schema analyzed at run time, without the reviewed additions (provider.ts).
 * Pulumi's schema analyzer starts here too (the package's root index.ts) and
 * follows the imports to the classes in components/plugin/components.ts.
 */
import { serve } from "./components/plugin/provider";

export = serve;
