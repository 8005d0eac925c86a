/**
 * Every component class has documentation, not only the ones the component
 * package serves to other languages (tests/docs/docs.test.ts covers those):
 * a TypeScript-only component has a page of its own in the same format, with
 * an example this test runs under forja/testing, or is one of the components
 * documented together on a stack's page (linked from the components index). A new component that is
 * in neither list fails here.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { recordStack } from "forja/testing";
import { COMPONENTS } from "../../components/plugin/components";
import { DOCS, pageOf } from "../../docs/generate";
import { REPO_ROOT } from "../harness";

/** TypeScript-only components with a page of their own, and the entry each is imported from. */
const OWN_PAGES: Record<string, string> = {
  StatefulService: "forja/stateful-service",
  Mlflow: "forja/mlflow",
  ObjectStore: "forja/object-store",
  IstioPolicy: "forja/istio-policy",
};

/** Components documented together on the page of the stack they were built for. */
const STACK_PAGES: Record<string, string> = {
  Flowise: "appgear.md",
  N8n: "appgear.md",
  Prometheus: "appgear.md",
  Grafana: "appgear.md",
  CertManager: "ml-platform.md",
  ServiceMesh: "ml-platform.md",
  KubeRayOperator: "ml-platform.md",
  RayService: "ml-platform.md",
  Monitoring: "ml-platform.md",
  GitOps: "ml-platform.md",
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Every class registered as `forja:index:<Name>` under components/. */
const declared = [...new Set(sources(join(REPO_ROOT, "components")).flatMap((path) => [...readFileSync(path, "utf8").matchAll(/super\("forja:index:([A-Za-z0-9]+)"/g)].map((m) => m[1])))].sort();
const read = (path: string) => readFileSync(join(DOCS, path), "utf8");
const example = (name: string) => join(DOCS, "examples-typescript", `${pageOf(name)}.ts`);

describe("TypeScript-only component pages", () => {
  it("cover every component the package does not serve: a page of its own, or its stack's page", () => {
    const served = new Set(COMPONENTS.map((component) => component.name));
    expect(declared.length).toBeGreaterThan(25);
    expect(declared.filter((name) => !served.has(name))).toEqual(Object.keys({ ...OWN_PAGES, ...STACK_PAGES }).sort());
    // Their row in the components index links the stack's page.
    const index = read(join("components", "README.md")).split("\n");
    for (const [name, page] of Object.entries(STACK_PAGES)) expect([name, index.some((line) => line.startsWith("| ") && line.includes(`\`${name}\``) && line.includes(`(../${page})`))]).toEqual([name, true]);
  });

  it.each(Object.keys(OWN_PAGES))("%s: has the sections of every component page, its import and its API reference, and is listed in the index", (name) => {
    const page = read(join("components", `${pageOf(name)}.md`));
    for (const heading of ["## What it creates", "## Production checklist", "## Example", "## Limits"]) expect(page).toContain(`\n${heading}`);
    expect(page).toContain(`\`import { ${name} } from "${OWN_PAGES[name]}"\``);
    expect(page).toContain(`](../api/forja/${OWN_PAGES[name].replace("forja/", "")}.md)`);
    expect(read(join("components", "README.md"))).toContain(`[\`${name}\`](${pageOf(name)}.md)`);
  });

  it.each(Object.keys(OWN_PAGES))("%s: shows the example this test runs", (name) => {
    expect(read(join("components", `${pageOf(name)}.md`))).toContain(`\`\`\`ts\n${readFileSync(example(name), "utf8")}\`\`\``);
  });

  it.each(Object.keys(OWN_PAGES))(
    "%s: the example runs, creates one, and every connection it declares is admitted",
    async (name) => {
      const stack = await recordStack(() => import(example(name)), { project: "docs" });
      const top = stack.ofType(`forja:index:${name}`).filter((record) => record.parent !== null && stack.byUrn(record.parent).type === "pulumi:pulumi:Stack");
      expect(top).toHaveLength(1);
      expect(stack.networkProblems()).toEqual([]);
    },
    120_000,
  );
});
