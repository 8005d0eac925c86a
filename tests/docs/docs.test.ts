/**
 * docs/ holds what a user reads: the generated parts must match their sources,
 * every stack key and every component must be documented, and the examples in
 * the pages are the type-checked files under docs/examples.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COMPONENTS } from "../../components/plugin/components";
import { CONFIG_NOTES } from "../../docs/config-notes";
import { DOCS, ENTRIES, configReference, pageOf, schemaKeys, withExample, withReference } from "../../docs/generate";

const read = (path: string) => readFileSync(join(DOCS, path), "utf8");

describe("the stack-configuration reference", () => {
  const reference = read("config-reference.md");

  it("is what `npm run docs` generates from the schema", () => {
    expect(reference).toBe(configReference());
  });

  it("names every leaf key the config schema accepts", () => {
    const keys = schemaKeys();
    const leaves = keys.filter((key) => !keys.some((other) => other.startsWith(`${key}.`)));
    expect(leaves.length).toBeGreaterThan(100);
    expect(leaves.filter((key) => !reference.includes(`\`${key}\``))).toEqual([]);
  });

  it("refuses to generate when a schema key has no note", () => {
    const withoutTarget = CONFIG_NOTES.filter((note) => !note.keys.includes("forja:target"));
    expect(() => configReference(withoutTarget)).toThrow(/the schema has keys no note in docs\/config-notes\.ts mentions: forja:target$/);
  });

  it("refuses a note for a key the schema does not have", () => {
    expect(() => configReference([...CONFIG_NOTES, { keys: ["forja:eks.nodeCount"], type: "int", default: "3", meaning: "" }])).toThrow(/documents keys the schema does not have: forja:eks\.nodeCount/);
  });
});

describe("component pages", () => {
  const names = COMPONENTS.map((component) => component.name);

  it("exist for every component the library serves, with the entry it is imported from", () => {
    expect(Object.keys(ENTRIES).sort()).toEqual([...names].sort());
    expect(names.filter((name) => !existsSync(join(DOCS, "components", `${pageOf(name)}.md`)))).toEqual([]);
  });

  it.each(names)("%s: has every section a user looks for, and args and outputs as the TSDoc says", (name) => {
    const page = read(join("components", `${pageOf(name)}.md`));
    for (const heading of ["## What it creates", "## Production checklist", "## Example", "## Limits", "## Args", "## Outputs"]) expect(page).toContain(`\n${heading}`);
    expect(page).toContain(`import { ${name} } from "${ENTRIES[name]}"`);
    expect(page).toBe(withReference(page, name));
  });

  it.each(names)("%s: shows docs/examples as it is type-checked", (name) => {
    const page = read(join("components", `${pageOf(name)}.md`));
    const example = read(join("examples", `${pageOf(name)}.ts`));
    expect(page).toContain(`\`\`\`ts\n${example}\`\`\``);
    expect(withExample(page, name)).toBe(page);
  });

  it("are listed in the components index and the README", () => {
    const index = read(join("components", "README.md"));
    const readme = readFileSync(join(DOCS, "..", "README.md"), "utf8");
    for (const name of names) {
      expect(index).toContain(`[\`${name}\`](${pageOf(name)}.md)`);
      expect(readme).toContain(`[\`${name}\`](docs/components/${pageOf(name)}.md)`);
    }
  });
});

describe("the README", () => {
  const readme = readFileSync(join(DOCS, "..", "README.md"), "utf8");

  it("and docs/install.md show a component program that type-checks", () => {
    expect(read("install.md")).toContain(`\`\`\`ts\n${read(join("examples", "web-service.ts"))}\`\`\``);
    expect(readme).toContain(`\`\`\`ts\n${read(join("examples", "web-service.ts"))}\`\`\``);
  });

  it("stays a front door: at most 250 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
  });

  it("installs from the tag of the version package.json declares", () => {
    const { version } = JSON.parse(readFileSync(join(DOCS, "..", "package.json"), "utf8")) as { version: string };
    const refs = [...readme.matchAll(/forja(?:\.git#|@)(v[\d.]+)/g), ...read("install.md").matchAll(/forja(?:\.git#|@)(v[\d.]+)/g), ...read("other-languages.md").matchAll(/forja(?:\.git#|@)(v[\d.]+)/g)].map((match) => match[1]);
    expect(refs.length).toBeGreaterThan(3);
    expect(new Set(refs)).toEqual(new Set([`v${version}`]));
  });
});
