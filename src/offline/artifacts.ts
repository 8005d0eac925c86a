/** Writes a synth report to `out/<stack>/`: the reviewer's view of `pulumi up`. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { SynthReport } from "./report";

export function writeArtifacts(outDir: string, report: SynthReport): string {
  const dir = join(outDir, report.stack);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "kubernetes"), { recursive: true });
  writeFileSync(join(dir, "resources.json"), `${JSON.stringify(report.resources, null, 2)}\n`);
  writeFileSync(join(dir, "helm.json"), `${JSON.stringify(report.helm, null, 2)}\n`);
  writeFileSync(join(dir, "outputs.json"), `${JSON.stringify(report.outputs, null, 2)}\n`);
  for (const { file, object } of report.kubernetes) {
    writeFileSync(join(dir, "kubernetes", file), stringify(object, { lineWidth: 0 }));
  }
  writeFileSync(join(dir, "graph.md"), mermaidGraph(report));
  return dir;
}

/** Beyond this many custom resources under one component, the graph shows counts per type. */
const DETAIL_LIMIT = 12;

/** Components as nodes with their resources; large groups collapse to counts. */
export function mermaidGraph(report: SynthReport): string {
  const resources = report.resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
  const ids = new Map(resources.map((r, i) => [r.urn, `n${i}`]));
  const lines = ["flowchart LR"];
  const label = (text: string) => text.replace(/"/g, "'");
  for (const component of resources.filter((r) => !r.custom)) {
    lines.push(`  ${ids.get(component.urn)}["${label(`${component.type}<br/>${component.name}`)}"]`);
    if (component.parent && ids.has(component.parent)) lines.push(`  ${ids.get(component.parent)} --> ${ids.get(component.urn)}`);
    const children = resources.filter((r) => r.custom && r.parent === component.urn);
    if (children.length <= DETAIL_LIMIT) {
      for (const child of children) {
        lines.push(`  ${ids.get(child.urn)}("${label(`${child.type}<br/>${child.name}`)}")`);
        lines.push(`  ${ids.get(component.urn)} --> ${ids.get(child.urn)}`);
      }
      continue;
    }
    const counts = new Map<string, number>();
    for (const child of children) counts.set(child.type, (counts.get(child.type) ?? 0) + 1);
    [...counts].forEach(([type, count], i) => {
      const id = `${ids.get(component.urn)}c${i}`;
      lines.push(`  ${id}("${label(`${count} x ${type}`)}")`);
      lines.push(`  ${ids.get(component.urn)} --> ${id}`);
    });
  }
  return `# ${report.stack}: components and resources\n\n\`\`\`mermaid\n${lines.join("\n")}\n\`\`\`\n`;
}

/** Printed after a synth: counts by type and time taken. */
export function summaryText(report: SynthReport, dir: string): string {
  const counts = new Map<string, number>();
  for (const r of report.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type, n]) => `  ${String(n).padStart(5)}  ${type}`);
  return [
    `stack ${report.stack}: ${report.resources.length} resources, ${report.kubernetes.length} Kubernetes objects, ${report.helm.length} Helm releases in ${(report.durationMs / 1000).toFixed(2)} s -> ${dir}`,
    ...rows,
    report.unvalidatedKinds.length ? `  (custom resources not schema-validated: ${report.unvalidatedKinds.join(", ")})` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
