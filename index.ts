/**
 * Entry of Forja's Pulumi package (PulumiPlugin.yaml), not of the library:
 * TypeScript programs import `forja` or `forja/<component>` (package.json
 * exports). Pulumi runs this as `node @pulumi/pulumi/cmd/run-plugin <repo>`,
 * which loads it and calls the exported function, which starts the provider.
 * It exports no component class on purpose: Pulumi would then host them
 * itself and serve a schema without the reviewed additions (provider.ts).
 * Pulumi's schema analyzer starts here too (the root index.ts of the
 * package), following imports to the classes in components/plugin/components.ts.
 */
import { serve } from "./components/plugin/provider";

export = serve;
