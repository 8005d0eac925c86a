/** Writes a synth report to `out/<stack>/`: the reviewer's view of `pulumi up`. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { ResourceEntry, SynthReport } from "./report";

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

const label = (text: string) => text.replace(/"/g, "'");

/**
 * Two views: the architecture (components and charts, with the dependencies
 * between them; each chart's objects collapsed into counts per kind), then
 * every component with its own resources.
 */
export function mermaidGraph(report: SynthReport): string {
  return `# ${report.stack}: architecture\n\n\`\`\`mermaid\n${architectureGraph(report)}\n\`\`\`\n\n# ${report.stack}: components and resources\n\n\`\`\`mermaid\n${resourceGraph(report)}\n\`\`\`\n`;
}

/** Components and charts as nodes; an edge where anything inside one depends on anything inside another. */
function architectureGraph(report: SynthReport): string {
  const resources = report.resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const isGroup = (r: ResourceEntry) => !r.custom && r.type !== "pulumi:pulumi:Stack";
  const groups = resources.filter(isGroup);
  const ids = new Map(groups.map((g, i) => [g.urn, `g${i}`]));
  /** The innermost component or chart a resource belongs to. */
  const groupOf = (urn: string | null): string | undefined => {
    let current = urn ? byUrn.get(urn) : undefined;
    while (current && !ids.has(current.urn)) current = current.parent ? byUrn.get(current.parent) : undefined;
    return current?.urn;
  };
  const lines = ["flowchart LR"];
  for (const group of groups) {
    const chart = report.charts.find((c) => c.urn === group.urn);
    const inside = resources.filter((r) => r.parent === group.urn && r.custom);
    const counts = new Map<string, number>();
    for (const child of inside) counts.set(child.type.split(":").pop() ?? child.type, (counts.get(child.type.split(":").pop() ?? child.type) ?? 0) + 1);
    const summary = chart ? `${chart.chart}: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(", ") || `${chart.objects} objects`}` : group.type;
    lines.push(`  ${ids.get(group.urn)}["${label(`${group.name}<br/>${summary}`)}"]`);
    const parent = groupOf(group.parent);
    if (parent) lines.push(`  ${ids.get(parent)} --- ${ids.get(group.urn)}`);
  }
  const edges = new Set<string>();
  for (const resource of resources) {
    const from = groupOf(resource.urn);
    for (const dependency of resource.dependsOn) {
      const to = groupOf(dependency);
      if (from && to && from !== to) edges.add(`  ${ids.get(from)} -.->|needs| ${ids.get(to)}`);
    }
  }
  return [...lines, ...edges].join("\n");
}

function resourceGraph(report: SynthReport): string {
  const resources = report.resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
  const ids = new Map(resources.map((r, i) => [r.urn, `n${i}`]));
  const lines = ["flowchart LR"];
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
  return lines.join("\n");
}

/** Printed after a synth: counts by type and time taken. */
export function summaryText(report: SynthReport, dir: string): string {
  const counts = new Map<string, number>();
  for (const r of report.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type, n]) => `  ${String(n).padStart(5)}  ${type}`);
  return [
    `stack ${report.stack}: ${report.resources.length} resources, ${report.kubernetes.length} Kubernetes objects, ${report.helm.length} Helm releases in ${(report.durationMs / 1000).toFixed(2)} s -> ${dir}`,
    ...rows,
    ...report.charts.map((c) => `  chart ${c.chart} (${c.type.endsWith(":Chart") ? "v4 Chart" : "v3 Release"} ${c.release}): ${c.objects} objects rendered`),
    report.capacity
      ? `  capacity: pods request ${(report.capacity.demand.cpuMillis / 1000).toFixed(1)} vCPU / ${(report.capacity.demand.memoryMiB / 1024).toFixed(1)} GiB of ${(report.capacity.capacity.cpuMillis / 1000).toFixed(1)} vCPU / ${(report.capacity.capacity.memoryMiB / 1024).toFixed(1)} GiB on ${report.capacity.capacity.nodes} node(s)`
      : "",
    report.unvalidatedKinds.length ? `  (custom resources not schema-validated: ${report.unvalidatedKinds.join(", ")})` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
