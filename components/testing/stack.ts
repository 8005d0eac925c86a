/**
 * Runs a Pulumi program under Forja's mocks and keeps everything it
 * registers: a consumer's unit test in a few lines, with no Pulumi CLI, no
 * provider plugin and no cloud account. The offline synth runs on the same code.
 */
import * as pulumi from "@pulumi/pulumi";
import { ForjaMocks } from "./mocks";
import type { MockSettings } from "./mocks";
import { RecordingMonitor } from "./record";
import type { ReleaseObject, ResourceRecord } from "./record";
import { unadmittedEgress } from "./network";
import type { RenderedKubernetesObject } from "./network";

export interface RecordOptions {
  /**
   * The project name: the namespace of `new pulumi.Config()` and part of every URN.
   * @default "project"
   */
  project?: string;
  /** @default "test" */
  stack?: string;
  /**
   * Stack config as `pulumi config set` stores it, by full key (`"<project>:<key>"`, `"aws:region"`):
   * strings, with objects and lists as JSON. When given it replaces all config, so runs do not leak into each other.
   * @default config is left as it is
   */
  config?: Record<string, string>;
  /**
   * Keys of `config` that are secrets (`pulumi config set --secret`).
   * @default []
   */
  secretKeys?: string[];
  /**
   * Account, region and location the mocks answer with, and answers for invokes and resource types of your own.
   * @default {}
   */
  mocks?: MockSettings;
}

/**
 * What a program registered, in registration order, with questions tests ask.
 * `records` (and `ofType`, `one`, `counts`) are the program's own
 * registrations; the objects its v4 Charts render, which the engine registers
 * as the charts' children, are in `chartObjects`.
 */
export class RecordedStack {
  /** The program's own registrations. */
  readonly records: ResourceRecord[];
  /** Objects rendered from the program's v4 Charts, registered as each chart's children. */
  readonly chartObjects: ResourceRecord[];

  constructor(
    /** Everything the run recorded, chart children included. */
    readonly allRecords: ResourceRecord[],
    /** The stack outputs as `pulumi stack output --json` shows them: secrets read `"[secret]"`. */
    readonly outputs: Record<string, unknown> = {},
    /** Objects that Helm Releases install, rendered with real Helm: not resources of their own. */
    readonly releaseObjects: ReleaseObject[] = [],
  ) {
    this.records = allRecords.filter((record) => !record.origin);
    this.chartObjects = allRecords.filter((record) => record.origin);
  }

  /** Every resource of a type (`"kubernetes:apps/v1:Deployment"`, `"forja:index:WebService"`), in registration order. */
  ofType(type: string): ResourceRecord[] {
    return this.records.filter((record) => record.type === type);
  }

  /** Exactly one resource of a type (optionally with a name); throws, listing what was found, otherwise. */
  one(type: string, name?: string): ResourceRecord {
    const found = this.ofType(type).filter((record) => name === undefined || record.name === name);
    if (found.length !== 1) {
      throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
  }

  /** Resource counts by type, the stack itself excluded: for exact-count assertions. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const record of this.records) {
      if (record.type === "pulumi:pulumi:Stack") continue;
      counts[record.type] = (counts[record.type] ?? 0) + 1;
    }
    return counts;
  }

  /** Every Kubernetes object the program creates, its charts render or its Helm Releases install, as applied. */
  kubernetesObjects(): RenderedKubernetesObject[] {
    const own = this.allRecords
      .filter((record) => record.custom && record.type.startsWith("kubernetes:") && typeof record.inputs.kind === "string")
      .map((record) => {
        const object = record.inputs as unknown as RenderedKubernetesObject;
        const name = object.metadata?.name ?? (record.outputs.metadata as { name?: string } | undefined)?.name ?? record.name;
        return { ...object, metadata: { ...object.metadata, name } };
      });
    return [...own, ...this.releaseObjects.map((release) => release.object as unknown as RenderedKubernetesObject)];
  }

  /**
   * Declared egress that its target does not admit, one line each naming both
   * sides (see `unadmittedEgress`): `expect(stack.networkProblems()).toEqual([])`.
   */
  networkProblems(): string[] {
    return unadmittedEgress(this.kubernetesObjects());
  }

  /** The resource a URN names (a `parent` or a `dependsOn` entry). */
  byUrn(urn: string): ResourceRecord {
    const found = this.records.find((record) => record.urn === urn);
    if (!found) throw new Error(`no resource with URN ${urn}`);
    return found;
  }
}

/**
 * Installs a recording mock runtime. `setMocks` first (it turns on secrets and
 * resource references), then our monitor in its place.
 */
export async function installRecordingRuntime(project: string, stack: string, mocks: ForjaMocks): Promise<RecordingMonitor> {
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  const monitor = new RecordingMonitor(mocks, mocks.chartRenderer);
  pulumi.runtime.setMockOptions(monitor, project, stack, false);
  return monitor;
}

/**
 * Runs `body` as the stack's program and waits until every registration has
 * settled. Errors from resource registration (which Pulumi surfaces as
 * unhandled rejections) fail the run instead of vanishing. A program that
 * throws (a component refusing its args) rejects the run with that error,
 * once: it never reaches the Stack resource, whose promises nobody awaits
 * and would resurface as unhandled rejections after the run, in the middle of
 * a caller's next test.
 */
export async function runAsStack(body: () => Promise<Record<string, unknown>>): Promise<void> {
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    let refusal: { error: unknown } | undefined;
    await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return await body();
      } catch (error) {
        refusal = { error };
        return {};
      }
    });
    await pulumi.runtime.disconnect();
    // A failed registration rejects promises nobody awaits; Node reports them
    // only after the current macrotask, so give them a few turns to surface.
    for (let turn = 0; turn < 3 && (refusal !== undefined || failures.length === 0); turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    if (refusal) throw refusal.error;
    if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  } finally {
    process.off("unhandledRejection", onRejection);
  }
}

/**
 * The stack outputs a program's result stands for: an object literal, a
 * CommonJS module's exports, or an ES module namespace (without its
 * `default`). Anything else (a resource, say) has none. Prototypes are compared
 * by shape, not identity: jest builds module objects in another realm.
 */
function stackOutputs(result: unknown): Record<string, unknown> {
  if (result === null || typeof result !== "object") return {};
  const prototype = Object.getPrototypeOf(result);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return {};
  const namespace = (result as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === "Module";
  return Object.fromEntries(Object.entries(result).filter(([key]) => !(namespace && key === "default")));
}

/**
 * Runs `program` as a stack under mocks that answer like the providers Forja
 * uses, and returns everything it registered. A plain object the program
 * returns (or a module's exports: `() => import("./index")`) becomes the stack
 * outputs; anything else it returns (a resource, say) is ignored.
 * A resource that fails to register, an invoke the mocks do not know, or
 * what the engine would refuse (two resources with one URN, a parent from
 * another run) fails the run.
 */
export async function recordStack(program: () => unknown, options: RecordOptions = {}): Promise<RecordedStack> {
  if (options.config !== undefined) pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
  const monitor = await installRecordingRuntime(options.project ?? "project", options.stack ?? "test", new ForjaMocks(options.mocks));
  await runAsStack(async () => stackOutputs(await program()));
  monitor.assertAccepted();
  return new RecordedStack(monitor.records, monitor.stackOutputs(), monitor.releaseObjects);
}
