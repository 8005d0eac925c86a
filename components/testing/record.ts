/**
 * A mock monitor that records every registered resource as `pulumi up` would
 * send it to the engine: type, name, parent, dependencies, options, and the
 * inputs with secrets known. Shared by the offline synth and the test harness.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { chartChildren, childKey } from "./helm/children";
import type { ChartChild } from "./helm/children";
import type { ManifestObject } from "./helm/render";
import type { ChartInputs, ChartRenderer } from "./helm/renderer";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What redacted values read as in every artifact Forja writes. */
export const REDACTED = "[secret]";

export interface ResourceRecord {
  urn: string;
  type: string;
  name: string;
  /** Parent URN; null only for the stack itself. */
  parent: string | null;
  dependsOn: string[];
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  /** Input paths whose change replaces the resource (`replaceOnChanges`). */
  replaceOnChanges: string[];
  /** Delete the old resource before creating its replacement (`deleteBeforeReplace`). */
  deleteBeforeReplace: boolean;
  custom: boolean;
  /** Provider reference (`urn::id`) for custom resources that name one explicitly or inherit one. */
  provider: string | null;
  /** Inputs with secret values in the clear, for tests that assert exact values. */
  inputs: Record<string, unknown>;
  /** Inputs with every secret replaced by `"[secret]"`: what artifacts show. */
  redactedInputs: Record<string, unknown>;
  /** Dotted paths of the inputs that are secrets. */
  secretPaths: string[];
  /** The state the mock returned (outputs). */
  outputs: Record<string, unknown>;
  /** Objects rendered from a chart: where they came from. @default unset (registered by the program) */
  origin?: ChartOrigin;
}

/** The chart, release and template an object was rendered from. */
export interface ChartOrigin {
  /** `NAME VERSION` of the chart. */
  chart: string;
  release: string;
  /** The template file, as `helm template` names it (`milvus/charts/etcd/templates/pdb.yaml`). */
  template: string;
  /** Fields of a non-Secret object that hold a value the program passed to the chart as a secret. */
  plaintextSecretPaths: string[];
}

/** An object a `helm.sh/v3:Release` installs: checked like the rest, but no Pulumi resource of its own. */
export interface ReleaseObject {
  /** The Release's URN. */
  release: string;
  object: ManifestObject;
  origin: ChartOrigin;
}

interface Decoded {
  plain: unknown;
  redacted: unknown;
}

/** String leaves of a value: what a secret subtree holds. */
function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** Turns the wire form of a property value into a plain and a redacted value. */
function decode(value: unknown, path: string, secrets: string[], secretValues: string[] = []): Decoded {
  if (value === UNKNOWN) return { plain: "[unknown]", redacted: "[unknown]" };
  if (Array.isArray(value)) {
    const items = value.map((item, index) => decode(item, `${path}[${index}]`, secrets, secretValues));
    return { plain: items.map((i) => i.plain), redacted: items.map((i) => i.redacted) };
  }
  if (value === null || typeof value !== "object") return { plain: value, redacted: value };
  const object = value as Record<string, unknown>;
  switch (object[SIG]) {
    case SECRET_SIG: {
      secrets.push(path);
      const inner = decode(object.value, path, []);
      secretValues.push(...stringLeaves(inner.plain));
      return { plain: inner.plain, redacted: REDACTED };
    }
    case RESOURCE_SIG:
      return { plain: object.urn, redacted: object.urn };
    case OUTPUT_SIG: {
      if (object.secret) secrets.push(path);
      const inner = decode(object.value ?? "[unknown]", path, []);
      if (object.secret) secretValues.push(...stringLeaves(inner.plain));
      return { plain: inner.plain, redacted: object.secret ? REDACTED : inner.redacted };
    }
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return { plain: "[asset]", redacted: "[asset]" };
  }
  const plain: Record<string, unknown> = {};
  const redacted: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(object)) {
    const decoded = decode(inner, path ? `${path}.${key}` : key, secrets, secretValues);
    plain[key] = decoded.plain;
    redacted[key] = decoded.redacted;
  }
  return { plain, redacted };
}

/** Decodes a wire-format property map. */
function decodeProperties(wire: Record<string, unknown>): { inputs: Record<string, unknown>; redacted: Record<string, unknown>; secretPaths: string[]; secretValues: string[] } {
  const secretPaths: string[] = [];
  const secretValues: string[] = [];
  const decoded = decode(wire, "", secretPaths, secretValues);
  return { inputs: decoded.plain as Record<string, unknown>, redacted: decoded.redacted as Record<string, unknown>, secretPaths, secretValues };
}

/** Shorter secret values (flags, ports) would match by accident. */
const MIN_SECRET_LENGTH = 8;

/** The object with every string that contains a secret value redacted, and the paths where that happened. */
function redactSecrets(value: unknown, secrets: string[], path = "", found: string[] = []): { value: unknown; found: string[] } {
  if (typeof value === "string") {
    if (secrets.some((secret) => value.includes(secret))) {
      found.push(path);
      return { value: REDACTED, found };
    }
    return { value, found };
  }
  if (Array.isArray(value)) return { value: value.map((item, i) => redactSecrets(item, secrets, `${path}[${i}]`, found).value), found };
  if (value && typeof value === "object") {
    return { value: Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactSecrets(inner, secrets, path ? `${path}.${key}` : key, found).value])), found };
  }
  return { value, found };
}

/** The engine's URN: the parent's type qualifies the child's (`Parent$Child`). */
function urnOf(parent: string, type: string, name: string): string {
  const qualified = parent ? `${parent.split("::")[2].split("$").pop()}$${type}` : type;
  return `urn:pulumi:${pulumi.runtime.getStack()}::${pulumi.runtime.getProject()}::${qualified}::${name}`;
}

/** The subset of the gRPC RegisterResourceRequest the recorder reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getRetainondelete?(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList?(): string[];
  getDeletebeforereplace?(): boolean;
  getDependenciesList(): string[];
  getProvider(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getTransformsList?(): { getToken(): string }[];
}
interface RegisterResponse {
  getUrn(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

const CHART = "kubernetes:helm.sh/v4:Chart";
const RELEASE = "kubernetes:helm.sh/v3:Release";

export class RecordingMonitor extends MockMonitor {
  readonly records: ResourceRecord[] = [];
  /** Objects that `helm.sh/v3:Release`s install (rendered with hooks); not resources of their own. */
  readonly releaseObjects: ReleaseObject[] = [];
  /** Outputs registered by components and the stack, by URN, secrets redacted. */
  readonly registeredOutputs = new Map<string, Record<string, unknown>>();
  /** What the engine would refuse: a URN registered twice, a parent it never saw. */
  readonly refusals: string[] = [];
  /** Charts that could not be rendered (no package, a template error): the provider would fail them. */
  readonly chartFailures: string[] = [];
  /** URNs registered or read so far. */
  private readonly known = new Set<string>();

  constructor(
    mocks: pulumi.runtime.Mocks,
    /** Renders every Chart and Release with real Helm; without it, charts are recorded as their inputs only. */
    private readonly charts?: ChartRenderer,
  ) {
    super(mocks);
  }

  override async registerResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
    this.check(req);
    let outcome: { err: unknown; response: unknown } = { err: undefined, response: undefined };
    await super.registerResource(req, (err: unknown, response: unknown) => {
      outcome = { err, response };
    });
    if (!outcome.err) {
      const record = this.record(req, outcome.response as RegisterResponse);
      try {
        // Before answering, as the provider does: the chart's objects exist once the chart does.
        await this.expand(record, req);
      } catch (error) {
        // Answered normally, reported by assertAccepted: a rejected registration would surface as an unhandled rejection.
        this.chartFailures.push(`${record.type} ${record.name}: ${(error as Error).message}`);
      }
    }
    callback(outcome.err, outcome.response);
  }

  override async readResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
    this.check(req);
    await super.readResource(req, callback);
  }

  /** Renders a Chart into child records, or a Release into release objects. */
  private async expand(record: ResourceRecord, req: RegisterRequest): Promise<void> {
    if (!this.charts || (record.type !== CHART && record.type !== RELEASE)) return;
    const inputs = record.inputs as ChartInputs & { resourcePrefix?: unknown };
    const rendered = this.charts.render(inputs, record.name, record.type === RELEASE);
    const secrets = this.secretValuesOf(record);
    const originOf = (template: string, object: unknown) => {
      const redaction = redactSecrets(object, secrets);
      const plaintextSecretPaths = (object as ManifestObject).kind === "Secret" ? [] : redaction.found;
      return { redacted: redaction.value as Record<string, unknown>, origin: { chart: rendered.chart, release: rendered.release, template, plaintextSecretPaths } };
    };
    const prefix = typeof inputs.resourcePrefix === "string" ? inputs.resourcePrefix : record.name;
    const children = chartChildren(rendered.manifests, prefix, rendered.namespace);
    if (record.type === RELEASE) {
      for (const child of children) this.releaseObjects.push({ release: record.urn, object: child.object, origin: originOf(child.template, child.object).origin });
      return;
    }
    const transforms = this.transformsOf(req);
    const urns = new Map<string, string>();
    const pending: { child: ChartChild; urn: string; object: Record<string, unknown> }[] = [];
    for (const child of children) {
      let object = child.object as unknown as Record<string, unknown>;
      for (const transform of transforms) {
        const result = await transform({ type: child.type, name: child.name, props: object, opts: { parent: undefined }, custom: true });
        if (result) object = result.props as Record<string, unknown>;
      }
      const urn = urnOf(record.urn, child.type, child.name);
      if (this.known.has(urn)) this.refusals.push(`duplicate resource URN ${urn}: chart ${rendered.chart} renders two ${child.object.kind} objects named "${child.name}"`);
      this.known.add(urn);
      urns.set(childKey(child), urn);
      pending.push({ child, urn, object });
    }
    for (const { child, urn, object } of pending) {
      const { redacted, origin } = originOf(child.template, object);
      const secretPaths = child.object.kind === "Secret" ? ["data", "stringData"].filter((field) => field in object) : [];
      if (secretPaths.length) for (const field of secretPaths) redacted[field] = Object.fromEntries(Object.keys(object[field] as object).map((key) => [key, REDACTED]));
      this.records.push({
        urn,
        type: child.type,
        name: child.name,
        parent: record.urn,
        dependsOn: child.dependsOnKeys.map((key) => urns.get(key)).filter((dependency): dependency is string => dependency !== undefined),
        protect: record.protect,
        retainOnDelete: child.retainOnDelete,
        ignoreChanges: [],
        replaceOnChanges: [],
        deleteBeforeReplace: false,
        custom: true,
        provider: record.provider,
        inputs: object,
        redactedInputs: redacted,
        secretPaths,
        outputs: object,
        origin,
      });
    }
  }

  /** String values the program handed to a chart as secrets. */
  private readonly chartSecrets = new Map<string, string[]>();

  private secretValuesOf(record: ResourceRecord): string[] {
    return (this.chartSecrets.get(record.urn) ?? []).filter((value) => value.length >= MIN_SECRET_LENGTH);
  }

  /** The chart's own transforms, as the engine applies them to the children a remote component registers. */
  private transformsOf(req: RegisterRequest): pulumi.ResourceTransform[] {
    const tokens = req.getTransformsList?.() ?? [];
    const callbacks = (this as unknown as { transformCallbacks?: Map<string, pulumi.ResourceTransform> }).transformCallbacks;
    if (tokens.length > 0 && callbacks === undefined) {
      throw new Error("this @pulumi/pulumi's mock runtime does not hand a chart's transforms to the mock monitor, so its objects cannot be rendered as the engine would transform them: use a newer @pulumi/pulumi, or record charts unrendered (MockSettings.charts: false, or FORJA_RENDER_CHARTS=off)");
    }
    return tokens.map((callback) => callbacks?.get(callback.getToken())).filter((transform): transform is pulumi.ResourceTransform => transform !== undefined);
  }

  /**
   * Throws, in one message, everything the engine would have refused. The
   * registrations themselves are answered normally, so the program runs to
   * the end and every refusal is reported at once.
   */
  assertAccepted(): void {
    if (this.chartFailures.length > 0) throw new Error(`charts could not be rendered:\n${this.chartFailures.map((failure) => `  - ${failure}`).join("\n")}`);
    if (this.refusals.length > 0) throw new Error(`pulumi would refuse this program:\n${this.refusals.map((refusal) => `  - ${refusal}`).join("\n")}`);
  }

  private check(req: RegisterRequest): void {
    const parent = req.getParent();
    const urn = urnOf(parent, req.getType(), req.getName());
    if (this.known.has(urn)) this.refusals.push(`duplicate resource URN ${urn}: two ${req.getType()} resources named "${req.getName()}" under the same parent; give one a unique name`);
    if (parent && !this.known.has(parent)) this.refusals.push(`${urn} has the parent ${parent}, which was never registered in this program (a resource from another program run cannot be a parent)`);
    this.known.add(urn);
  }

  override registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined }, callback: (err: unknown, response: unknown) => void): void {
    this.registeredOutputs.set(req.getUrn(), decodeProperties(req.getOutputs()?.toJavaScript() ?? {}).redacted);
    super.registerResourceOutputs(req, callback);
  }

  /** The stack's own outputs, as `pulumi stack output --json` shows them (secrets redacted). */
  stackOutputs(): Record<string, unknown> {
    const stack = this.records.find((record) => record.type === "pulumi:pulumi:Stack");
    return (stack && this.registeredOutputs.get(stack.urn)) ?? {};
  }

  private record(req: RegisterRequest, response: RegisterResponse): ResourceRecord {
    const { inputs, redacted, secretPaths, secretValues } = decodeProperties(req.getObject()?.toJavaScript() ?? {});
    const outputs = decodeProperties(response.getObject()?.toJavaScript() ?? {}).inputs;
    if (secretValues.length && (req.getType() === CHART || req.getType() === RELEASE)) this.chartSecrets.set(response.getUrn(), secretValues);
    const record: ResourceRecord = {
      urn: response.getUrn(),
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || null,
      dependsOn: [...new Set(req.getDependenciesList())],
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete?.() === true,
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList?.() ?? [],
      deleteBeforeReplace: req.getDeletebeforereplace?.() === true,
      custom: req.getCustom(),
      provider: req.getProvider() || null,
      inputs,
      redactedInputs: redacted,
      secretPaths,
      outputs,
    };
    this.records.push(record);
    return record;
  }
}
