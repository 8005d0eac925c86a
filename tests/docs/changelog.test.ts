/**
 * A reader of the CHANGELOG finds every component in the latest release
 * entry, or under [Unreleased] if it came after: a component shipped without
 * a line there is one nobody is told about.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));
}

/** Every component class the library defines. */
const components = sources(join(REPO_ROOT, "components")).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export class (\w+) extends pulumi\.ComponentResource/g)].map((match) => match[1]));

describe("the CHANGELOG", () => {
  const changelog = readFileSync(join(REPO_ROOT, "CHANGELOG.md"), "utf8");
  const sections = changelog.split(/^## /m).slice(1);
  const unreleased = sections.find((section) => section.startsWith("[Unreleased]")) ?? "";
  const latest = sections.find((section) => /^\[\d+\.\d+\.\d+\]/.test(section)) ?? "";
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };

  it("has its latest release entry at the version package.json declares", () => {
    expect(latest.split("\n")[0]).toMatch(new RegExp(`^\\[${version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`));
  });

  it("names every component in the latest release entry or under [Unreleased]", () => {
    expect(components.length).toBeGreaterThan(20);
    expect(components.filter((name) => !`${latest}${unreleased}`.includes(`\`${name}\``))).toEqual([]);
  });
});
