import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { forjaPolicies, productionRules, runPolicies } from "../../policies/rules";
import { hardenedTemplate, POD_KINDS } from "./fixtures";

describe("the policy pack", () => {
  it("has at least 30 mandatory rules with unique names and descriptions", () => {
    const names = forjaPolicies.map((p) => p.name);
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(new Set(names).size).toBe(names.length);
    expect(forjaPolicies.every((p) => p.description.length > 10 && p.enforcementLevel === "mandatory")).toBe(true);
  });

  it.each(Object.keys(POD_KINDS))("passes a hardened %s under every rule, in production", (type) => {
    const props = POD_KINDS[type](hardenedTemplate());
    expect(runPolicies([{ type, name: "ok", urn: "u", props, protect: false }], { production: true })).toEqual([]);
  });

  it("turns on every production-only rule in policies/production.json, and nothing else", () => {
    const config = JSON.parse(readFileSync(resolve(__dirname, "../../policies/production.json"), "utf8")) as Record<string, { production: boolean }>;
    expect(Object.keys(config).sort()).toEqual([...productionRules].sort());
    expect(Object.values(config).every((rule) => rule.production === true)).toBe(true);
  });

  it("names the resource in every message", () => {
    const violations = runPolicies([{ type: "aws:rds/instance:Instance", name: "airflow-db", urn: "u", props: { publiclyAccessible: true }, protect: false }], { production: true });
    expect(violations.length).toBeGreaterThanOrEqual(3);
    expect(violations.every((v) => v.message.startsWith("airflow-db: "))).toBe(true);
  });

  it("is listed rule by rule in docs/policies.md", () => {
    const section = readFileSync(resolve(__dirname, "../../docs/policies.md"), "utf8");
    const listed = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual(forjaPolicies.map((p) => p.name));
    expect(section).toContain(`a CrossGuard pack of ${forjaPolicies.length} rules`);
  });
});
