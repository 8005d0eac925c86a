/**
 * A mock monitor that records every registered resource as `pulumi up` would
 * send it to the engine: type, name, parent, dependencies, options, and the
 * inputs with secrets known. Shared by the offline synth and the test harness.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

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
}

interface Decoded {
  plain: unknown;
  redacted: unknown;
}

/** Turns the wire form of a property value into a plain and a redacted value. */
function decode(value: unknown, path: string, secrets: string[]): Decoded {
  if (value === UNKNOWN) return { plain: "[unknown]", redacted: "[unknown]" };
  if (Array.isArray(value)) {
    const items = value.map((item, index) => decode(item, `${path}[${index}]`, secrets));
    return { plain: items.map((i) => i.plain), redacted: items.map((i) => i.redacted) };
  }
  if (value === null || typeof value !== "object") return { plain: value, redacted: value };
  const object = value as Record<string, unknown>;
  switch (object[SIG]) {
    case SECRET_SIG: {
      secrets.push(path);
      const inner = decode(object.value, path, []);
      return { plain: inner.plain, redacted: REDACTED };
    }
    case RESOURCE_SIG:
      return { plain: object.urn, redacted: object.urn };
    case OUTPUT_SIG: {
      if (object.secret) secrets.push(path);
      const inner = decode(object.value ?? "[unknown]", path, []);
      return { plain: inner.plain, redacted: object.secret ? REDACTED : inner.redacted };
    }
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return { plain: "[asset]", redacted: "[asset]" };
  }
  const plain: Record<string, unknown> = {};
  const redacted: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(object)) {
    const decoded = decode(inner, path ? `${path}.${key}` : key, secrets);
    plain[key] = decoded.plain;
    redacted[key] = decoded.redacted;
  }
  return { plain, redacted };
}

/** Decodes a wire-format property map. */
function decodeProperties(wire: Record<string, unknown>): { inputs: Record<string, unknown>; redacted: Record<string, unknown>; secretPaths: string[] } {
  const secretPaths: string[] = [];
  const decoded = decode(wire, "", secretPaths);
  return { inputs: decoded.plain as Record<string, unknown>, redacted: decoded.redacted as Record<string, unknown>, secretPaths };
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
}
interface RegisterResponse {
  getUrn(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

export class RecordingMonitor extends MockMonitor {
  readonly records: ResourceRecord[] = [];
  /** Outputs registered by components and the stack, by URN, secrets redacted. */
  readonly registeredOutputs = new Map<string, Record<string, unknown>>();
  /** What the engine would refuse: a URN registered twice, a parent it never saw. */
  readonly refusals: string[] = [];
  /** URNs registered or read so far. */
  private readonly known = new Set<string>();

  constructor(mocks: pulumi.runtime.Mocks) {
    super(mocks);
  }

  override async registerResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
    this.check(req);
    await super.registerResource(req, (err: unknown, response: unknown) => {
      if (!err) this.record(req, response as RegisterResponse);
      callback(err, response);
    });
  }

  override async readResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
    this.check(req);
    await super.readResource(req, callback);
  }

  /**
   * Throws, in one message, everything the engine would have refused. The
   * registrations themselves are answered normally, so the program runs to
   * the end and every refusal is reported at once.
   */
  assertAccepted(): void {
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

  private record(req: RegisterRequest, response: RegisterResponse): void {
    const { inputs, redacted, secretPaths } = decodeProperties(req.getObject()?.toJavaScript() ?? {});
    const outputs = decodeProperties(response.getObject()?.toJavaScript() ?? {}).inputs;
    this.records.push({
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
    });
  }
}
