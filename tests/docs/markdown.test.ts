/**
 * Every markdown file a reader opens renders as written: fences closed and
 * labelled, headings in order, relative links and anchors that resolve.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";
import { lintMarkdown } from "./markdown-lint";

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return ["node_modules", "dist", "out", "tmp", "fixtures", ".git"].includes(entry.name) ? [] : markdownFiles(join(dir, entry.name));
    return entry.name.endsWith(".md") ? [join(dir, entry.name)] : [];
  });
}

const files = ["README.md", "CHANGELOG.md"].map((name) => join(REPO_ROOT, name)).concat(markdownFiles(join(REPO_ROOT, "docs")), markdownFiles(join(REPO_ROOT, "examples")));

describe("markdown", () => {
  it("covers the README, the changelog, docs/ and the examples", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((file) => [file.slice(REPO_ROOT.length + 1), file]))("%s: fences, headings and links", (_name, file) => {
    expect(lintMarkdown(file, readFileSync(file, "utf8"), REPO_ROOT)).toEqual([]);
  });
});

describe("the markdown lint", () => {
  const page = (body: string) => lintMarkdown(join(REPO_ROOT, "docs", "page.md"), `# Title\n\n${body}\n`, REPO_ROOT).map((finding) => finding.problem);

  it("finds a fence that never closes (the README's old Python snippet)", () => {
    expect(page("```python\nimport forja\n\n## Airflow\n\ntext")).toEqual([expect.stringContaining("```python is never closed")]);
  });

  it("finds a fence without a language, a skipped heading level and a second title", () => {
    expect(page("```\nx\n```\n\n#### Deep\n\n# Again")).toEqual([
      "code fence without a language (```bash, ```ts, ```text...)",
      "heading skips from h1 to h4",
      "2 # titles; a page has exactly one",
    ]);
  });

  it("finds links to missing files, missing anchors and files outside the repository", () => {
    expect(page("[a](missing.md) [b](install.md#nowhere) [c](install.md#supported-versions) [d](../../seeds/000.md) [e](#title) [f](https://example.com/x.md) [g](#nothing)")).toEqual([
      "link missing.md: docs/missing.md does not exist",
      "link install.md#nowhere: docs/install.md has no heading #nowhere",
      "link ../../seeds/000.md points outside the repository",
      "link #nothing: no heading #nothing in this file",
    ]);
  });

  it("takes an HTML anchor as a link target, as the API reference's table rows have", () => {
    expect(page('| arg | |\n|---|---|\n| <a id="property-port"></a> `port` | x |\n\n[port](#property-port) [p](#property-ports)')).toEqual(["link #property-ports: no heading #property-ports in this file"]);
  });
});
