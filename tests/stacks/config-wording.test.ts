/**
 * Forja's words for zod's issues: every issue code a section schema can raise
 * reads as key, value, expectation and fix, never in zod's default phrasing.
 */
import { z } from "zod";
import { describeIssue } from "../../src/config/issues";
import { ZOD_PHRASING, closest } from "../../src/config/wording";

const section = z
  .object({
    replicas: z.number().int().min(1).max(10),
    size: z.number().multipleOf(5),
    name: z.string().min(1).max(8),
    path: z.string().startsWith("/"),
    id: z.string().regex(/^a+$/),
    mode: z.enum(["fast", "safe"]),
    models: z.array(z.string()).min(1),
    labels: z.record(z.string(), z.string()),
    either: z.union([z.string(), z.object({ x: z.number() }).strict()]),
    enabled: z.boolean(),
    version: z.string(),
    nested: z.object({ storageClass: z.string() }).strict(),
  })
  .strict();

function problems(value: unknown): string[] {
  const result = section.safeParse(value, { reportInput: true });
  return result.success ? [] : result.error.issues.flatMap((issue) => describeIssue("forja:demo", issue, () => false, section));
}

describe("zod issues in Forja's words", () => {
  const found = problems({
    replicas: 0.5,
    size: 3,
    name: "",
    path: "x",
    id: "b",
    mode: "fsat",
    models: [],
    labels: [],
    either: 3,
    enabled: "yes",
    version: 2.1,
    nested: { storageclass: "gp3" },
    replica: 2,
  });

  it("rewrites every issue code, keeping key and value", () => {
    expect(found.length).toBeGreaterThanOrEqual(12);
    expect(found.filter((p) => ZOD_PHRASING.test(p))).toEqual([]);
    expect(found.every((p) => p.startsWith("forja:demo"))).toBe(true);
  });

  it.each([
    [/^forja:demo\.replicas = 0\.5: expected an integer \(no fraction\)$/],
    [/^forja:demo\.size = 3: expected a multiple of 5$/],
    [/^forja:demo\.name = "": expected a non-empty string$/],
    [/^forja:demo\.path = "x": expected text starting with "\/"$/],
    [/^forja:demo\.mode = "fsat": expected one of "fast"\|"safe" \(did you mean "fast"\?\)$/],
    [/^forja:demo\.models = \[\]: expected a non-empty list$/],
    [/^forja:demo\.labels = \[\]: expected a map$/],
    [/^forja:demo\.either = 3: expected a string \(quote numbers and booleans\), or a map of settings$/],
    [/^forja:demo\.enabled = "yes": expected true or false \(unquoted\)$/],
    [/^forja:demo\.version = 2\.1: expected a string \(quote it: .*2\.10 arrives as 2\.1/],
    [/^forja:demo\.nested\.storageclass is not a known key \(did you mean "storageClass"\?\)$/],
    [/^forja:demo\.replica is not a known key \(did you mean "replicas"\?\)$/],
  ])("%s", (expected) => {
    expect(found).toContainEqual(expect.stringMatching(expected));
  });

  it("offers a near key only when it is near", () => {
    expect(closest("storageclass", ["storageClass", "nodes"])).toBe("storageClass");
    expect(closest("kepAlive", ["keepAlive", "models"])).toBe("keepAlive");
    expect(closest("replicas", ["image", "port"])).toBeUndefined();
  });
});
