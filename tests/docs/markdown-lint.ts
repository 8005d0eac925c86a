/**
 * A markdown lint for what GitHub shows a reader, on markdown-it's parse (the
 * CommonMark parser GitHub's renderer agrees with on these points): every code
 * fence closed and labelled, one title and no skipped heading level, and every
 * relative link (and its #anchor) pointing at something in the repository.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import MarkdownIt from "markdown-it";

type Token = MarkdownIt.Token;

const md = new MarkdownIt({ html: true });

export interface Finding {
  file: string;
  line: number;
  problem: string;
}

/**
 * The anchors a page has: GitHub's anchor for each heading (lower case,
 * punctuation dropped, spaces to hyphens, repeats numbered), and each HTML
 * `<a id>` or `<a name>` (the API reference marks table rows so).
 */
export function anchors(source: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const tokens = md.parse(source, {});
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const text = tokens[i + 1].children?.map((child) => (child.type === "code_inline" || child.type === "text" ? child.content : "")).join("") ?? "";
    const base = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  });
  for (const match of source.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) result.add(match[1]);
  return result;
}

function links(tokens: Token[]): { href: string; line: number }[] {
  const found: { href: string; line: number }[] = [];
  for (const token of tokens) {
    if (token.type !== "inline") continue;
    for (const child of token.children ?? []) {
      const href = child.type === "link_open" ? child.attrGet("href") : null;
      if (typeof href === "string" && href !== "") found.push({ href, line: (token.map?.[0] ?? 0) + 1 });
    }
  }
  return found;
}

/** The problems of one markdown file; `root` bounds where relative links may point. */
export function lintMarkdown(file: string, source: string, root: string): Finding[] {
  const findings: Finding[] = [];
  const at = (line: number, problem: string) => findings.push({ file: relative(root, file), line, problem });
  const lines = source.split("\n");
  const tokens = md.parse(source, {});

  let level = 0;
  let titles = 0;
  for (const token of tokens) {
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === "fence") {
      // An unclosed fence runs to the end of the file: its last line is not a fence marker.
      const last = lines[(token.map?.[1] ?? 0) - 1] ?? "";
      if (!/^\s*(`{3,}|~{3,})\s*$/.test(last) || (token.map?.[1] ?? 0) - 1 === token.map?.[0]) at(line, `code fence ${token.markup}${token.info} is never closed: everything after it renders as code`);
      if (token.info.trim() === "") at(line, "code fence without a language (```bash, ```ts, ```text...)");
    }
    if (token.type === "heading_open") {
      const next = Number(token.tag.slice(1));
      if (next === 1) titles++;
      if (level === 0 && next !== 1) at(line, `the first heading is ${token.markup}, not a # title`);
      if (level > 0 && next > level + 1) at(line, `heading skips from h${level} to h${next}`);
      level = next;
    }
  }
  if (titles !== 1) at(1, `${titles} # titles; a page has exactly one`);

  for (const { href, line } of links(tokens)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto:
    const [path, anchor] = href.split("#");
    const target = path === "" ? file : join(dirname(file), decodeURIComponent(path));
    if (path === "") {
      if (anchor && !anchors(source).has(anchor)) at(line, `link ${href}: no heading #${anchor} in this file`);
      continue;
    }
    if (!target.startsWith(root)) {
      at(line, `link ${href} points outside the repository`);
      continue;
    }
    if (!existsSync(target)) {
      at(line, `link ${href}: ${relative(root, target)} does not exist`);
      continue;
    }
    const headings = target.endsWith(".md") && statSync(target).isFile() ? anchors(readFileSync(target, "utf8")) : undefined;
    if (anchor && headings && !headings.has(anchor)) {
      at(line, `link ${href}: ${relative(root, target)} has no heading #${anchor}`);
    }
  }
  return findings;
}
