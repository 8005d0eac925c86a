/**
 * Each component page's example is a program a user would paste: it must not
 * only type-check (tsc covers docs/examples) but also run, and create the
 * component it documents, under forja/testing.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { recordStack } from "forja/testing";
import { DOCS, ENTRIES, pageOf } from "../../docs/generate";

const EXAMPLES = join(DOCS, "examples");

describe("docs/examples", () => {
  it("holds exactly one program per component page", () => {
    expect(readdirSync(EXAMPLES).sort()).toEqual(Object.keys(ENTRIES).map((name) => `${pageOf(name)}.ts`).sort());
  });

  it.each(Object.keys(ENTRIES))("%s: the page's example runs and creates one", async (name) => {
    const stack = await recordStack(() => import(join(EXAMPLES, `${pageOf(name)}.ts`)), { project: "docs", mocks: { awsRegion: "us-east-1" } });
    // Its own, at the top: EksCluster makes WorkloadRoles of its own for its add-ons.
    const top = stack.ofType(`forja:index:${name}`).filter((record) => record.parent !== null && stack.byUrn(record.parent).type === "pulumi:pulumi:Stack");
    expect(top).toHaveLength(1);
    // What a reader copies must connect: every egress it declares, its target admits.
    expect(stack.networkProblems()).toEqual([]);
  });
});
