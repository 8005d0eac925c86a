import { forjaPolicies } from "../../policies/rules";
import { aciCases } from "./cases/aci";
import { dataCases } from "./cases/data";
import { iamCases } from "./cases/iam";
import { networkCases } from "./cases/network";
import { podCases } from "./cases/pods";
import { secretCases } from "./cases/secrets";
import { storageCases } from "./cases/storage";
import { messagesOf } from "./fixtures";
import type { RuleCase } from "./fixtures";

const CASES: RuleCase[] = [...podCases, ...storageCases, ...iamCases, ...networkCases, ...dataCases, ...aciCases, ...secretCases];

describe("every rule", () => {
  it.each(forjaPolicies.map((policy) => policy.name))("%s has a failing and a passing case", (rule) => {
    const mine = CASES.filter((c) => c.rule === rule);
    expect(mine.some((c) => c.expect.length > 0)).toBe(true);
    expect(mine.some((c) => c.expect.length === 0)).toBe(true);
  });

  it("is a rule of the pack (no case names a rule that does not exist)", () => {
    const names = new Set(forjaPolicies.map((policy) => policy.name));
    expect(CASES.map((c) => c.rule).filter((rule) => !names.has(rule))).toEqual([]);
  });
});

describe.each([...new Set(CASES.map((c) => c.rule))])("%s", (rule) => {
  it.each(CASES.filter((c) => c.rule === rule).map((c) => [c.title, c] as const))("%s", (_title, c) => {
    const messages = messagesOf(rule, c);
    expect(messages).toEqual(c.expect.map((fragment) => expect.stringContaining(fragment)));
  });
});
