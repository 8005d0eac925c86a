/**
 * One shape for one idea: "who may connect" is the core `Peer`, "how big" the
 * core `Resources`. A component that declares its own (as Postgres's flat
 * cpuRequest or WebService's NetworkPeer once did) fails here, before the
 * next component copies it.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../harness";

const COMPONENTS = join(REPO_ROOT, "components");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const files = sources(COMPONENTS).map((path) => ({ file: relative(REPO_ROOT, path), text: readFileSync(path, "utf8") }));

/** Every `interface Name { ... }` (or `Name extends ...`) with its body, per file. */
function interfaces(): { where: string; body: string }[] {
  return files.flatMap(({ file, text }) =>
    [...text.matchAll(/^export interface (\w+)[^{]*\{\n([\s\S]*?)^\}/gm)].map((m) => ({ where: `${file}: ${m[1]}`, body: m[2].replace(/\/\*\*[\s\S]*?\*\//g, "") })),
  );
}

/** Fields of every interface, as `file: Interface.field: type`. */
function fields(names: RegExp): string[] {
  return interfaces().flatMap(({ where, body }) => [...body.matchAll(/^\s+(?:readonly )?(\w+)\??: ([^;]+);/gm)].filter((m) => names.test(m[1])).map((m) => `${where}.${m[1]}: ${m[2]}`));
}

describe("one peer shape and one resources shape under components/", () => {
  it("declares a peer (pod labels or a CIDR) only as the core Peer", () => {
    const peers = interfaces().filter(({ body }) => /^\s+podLabels\??:/m.test(body) && /^\s+(cidr|namespace\w*)\??:/m.test(body));
    // A scrape job (job name, path, one port), whose namespace also goes into Prometheus's service discovery.
    expect(peers.map((p) => p.where)).toEqual(["components/core/peer.ts: Peer", "components/prometheus/args.ts: PrometheusScrapeTarget"]);
  });

  it("declares requests and limits only as the core Resources", () => {
    // Requests alone (EKS system pods' capacity model) are not a container's size.
    const shapes = interfaces().filter(({ body }) => (/^\s+requests\??:/m.test(body) && /^\s+limits\??:/m.test(body)) || /^\s+(cpuRequest|memoryRequest|memoryLimit)\??:/m.test(body));
    expect(shapes.map((s) => s.where)).toEqual(["components/core/resources.ts: Resources"]);
  });

  it("types every clients, egress, scraper and source list as Peers", () => {
    const lists = fields(/^(clients|egressTo|ingressFrom|metricsSources|scrapers|sourcePeers|egress)$/).filter((f) => !f.startsWith("components/core/connect.ts"));
    expect(lists.length).toBeGreaterThan(10);
    // EgressRule is a Peer whose ports are required (stateful apps' egress).
    expect(lists.filter((f) => !/: (Peer|EgressRule)\[\]$/.test(f))).toEqual([]);
  });

  it("types every resources arg as Resources (one per pod where a chart has several)", () => {
    // The package schema's and the mocks' `resources` are Pulumi resources, not pod sizes.
    const resources = fields(/^(resources|headResources)$/).filter((f) => !/^components\/(plugin|testing)\//.test(f));
    expect(resources.length).toBeGreaterThan(8);
    expect(resources.filter((f) => !/: (Resources|Partial<Record<\w+, Resources>>)$/.test(f))).toEqual([]);
  });
});
