/* eslint-disable @typescript-eslint/no-require-imports -- each SDK is loaded by name, as the component code loads it */
import * as pulumi from "@pulumi/pulumi";
import { lowestPeers } from "../workspace";

/** Runs in the "lowest peers" project: proves its component tests load the lowest peers, one copy of the SDK. */
describe("the lowest-peers run", () => {
  it.each(Object.entries(lowestPeers()))("loads %s at %s", (name, version) => {
    // Some SDK releases wrote their version with a leading "v" (@pulumi/random 4.16.0).
    expect((require(`${name}/package.json`) as { version: string }).version.replace(/^v/, "")).toBe(version);
  });

  it("gives every SDK the same @pulumi/pulumi as the components (mocks apply to all resources)", () => {
    const classes = [require("@pulumi/kubernetes/core/v1").Namespace, require("@pulumi/aws/iam").Role, require("@pulumi/eks").Cluster] as (new () => object)[];
    expect(classes.map((resource) => resource.prototype instanceof pulumi.Resource)).toEqual([true, true, true]);
  });
});
