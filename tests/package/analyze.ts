/**
 * Runs Pulumi's own schema analyzer over this repository, with the calls the
 * SDK's ComponentProvider.getSchema makes (`new Analyzer(dir, name,
 * package.json, component names).analyze()`, then `generateSchema`), and
 * turns its output into the schema the plugin serves (components/plugin/schema.json):
 *
 * - every property the analyzer rejects is listed (component, property,
 *   file:line, reason) instead of failing on the first one, and stands in the
 *   schema as `pulumi.json#/Any` with the reason, so the list can be reviewed;
 * - each property's `@default` TSDoc, which the analyzer drops, is appended
 *   to its description;
 * - a `number` field that counts whole things (see `isInteger`) is an
 *   `integer`, so Go, C# and Python SDKs take an int for replicas and ports;
 * - each type's and enum's TSDoc, which `generateSchema` drops, is its description;
 * - public class fields that cannot cross languages (non-public fields,
 *   provider resources, bare `pulumi.Resource`) are left out of the outputs,
 *   each with its reason, and so are types and dependencies nothing refers to;
 * - then the schema boundary (boundary.ts) gives it the names other languages see.
 */
import { join, relative } from "node:path";
import * as ts from "typescript";
import type { PackageSchema, SchemaProperty } from "../../components/plugin/provider";
import { PACKAGE_NAME } from "../../components/plugin/provider";
import { servedSchema } from "./boundary";

/** A property the analyzer refuses, by `Component: Type.property`. */
export interface Rejection {
  key: string;
  /** file:line of the property's declaration. */
  at: string;
  reason: string;
}

/** A public TypeScript field left out of a component's outputs, by `Component.field`. */
export interface Omission {
  key: string;
  at: string;
  reason: string;
}

export interface PackageAnalysis {
  /** The schema as served, without `version` (the plugin adds package.json's). */
  schema: PackageSchema;
  rejections: Rejection[];
  omitted: Omission[];
  /** The file the analyzer started from, relative to the root. */
  entry: string;
}

/** The analyzer's shape, as far as we use it (its typings mark these private). */
interface Context {
  component: string;
  property: string;
  inputOutput: number;
  typeName?: string;
}
interface AnalyzerInstance {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
  analyze(): { components: Record<string, unknown>; typeDefinitions: Record<string, { description?: string }>; dependencies: { name: string; version?: string }[] };
  analyzeSymbol(context: Context, symbol: ts.Symbol): SchemaProperty;
  findProgramEntryPoint(): ts.SourceFile;
}
type AnalyzerClass = new (dir: string, name: string, packageJSON: Record<string, unknown>, componentNames: Set<string>) => AnalyzerInstance;

const OUTPUT = 2; // analyzer.InputOutput.Output
const ANY = "pulumi.json#/Any";

export function analyzePackage(root: string, componentNames: string[]): PackageAnalysis {
  const sdk = join(root, "node_modules", "@pulumi", "pulumi", "provider", "experimental");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Analyzer } = require(join(sdk, "analyzer.js")) as { Analyzer: AnalyzerClass };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateSchema } = require(join(sdk, "schema.js")) as { generateSchema: (...args: unknown[]) => PackageSchema };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const packageJSON = require(join(root, "package.json")) as Record<string, unknown>;

  const rejections: Rejection[] = [];
  const omitted: Omission[] = [];
  const at = (declaration: ts.Declaration | undefined): string => {
    if (!declaration) return "?";
    const file = declaration.getSourceFile();
    return `${relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1}`;
  };

  class ListingAnalyzer extends Analyzer {
    analyzeSymbol(context: Context, symbol: ts.Symbol): SchemaProperty {
      const declaration = symbol.valueDeclaration;
      let property: SchemaProperty;
      try {
        property = super.analyzeSymbol(context, symbol);
      } catch (error) {
        const reason = (error as Error).message;
        rejections.push({ key: `${context.component}: ${context.typeName ?? "outputs"}.${context.property}`, at: at(declaration), reason });
        const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
        return { $ref: ANY, ...(optional ? { optional } : {}), description: `Not in the package schema: ${reason}` };
      }
      if (declaration && isInteger(context.property, declaration)) wholeNumbers(property);
      const defaults = declaration ? documentedDefaults(declaration) : [];
      if (defaults.length > 0) property.description = [property.description, `Default: ${defaults.join("; ")}`].filter(Boolean).join("\n\n");
      if (context.inputOutput === OUTPUT && context.typeName === undefined && declaration) {
        const reason = typescriptOnly(this.checker, symbol, declaration, property);
        if (reason) omitted.push({ key: `${context.component}.${context.property}`, at: at(declaration), reason });
      }
      return property;
    }
  }

  const analyzer = new ListingAnalyzer(root, PACKAGE_NAME, packageJSON, new Set(componentNames));
  const entry = relative(root, analyzer.findProgramEntryPoint().fileName);
  const { components, typeDefinitions, dependencies } = analyzer.analyze();
  const schema = generateSchema(PACKAGE_NAME, packageJSON.version, packageJSON.description, components, typeDefinitions, dependencies, undefined);
  delete schema.version;
  const docs = typeDocs(analyzer.program, root);
  for (const name of Object.keys(typeDefinitions)) {
    const type = schema.types[`${PACKAGE_NAME}:index:${name}`];
    const doc = docs.get(name);
    if (type && doc) type.description = doc;
  }
  for (const omission of omitted) {
    const [component, field] = omission.key.split(".");
    const resource = schema.resources[`${PACKAGE_NAME}:index:${component}`];
    delete resource.properties[field];
    resource.required = resource.required.filter((name) => name !== field);
  }
  pruneUnreferenced(schema);
  return { schema: servedSchema(schema), rejections, omitted, entry };
}

/**
 * The TSDoc of every top-level interface, class, type alias and constant in
 * the repository's own sources, by name: an enum's doc may sit on its `as
 * const` object or on its type; the object's wins.
 */
function typeDocs(program: ts.Program, root: string): Map<string, string> {
  const docs = new Map<string, string>();
  const add = (name: string, node: ts.Node, overwrite: boolean): void => {
    const text = ts
      .getJSDocCommentsAndTags(node)
      .filter(ts.isJSDoc)
      .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
      .join("\n")
      .trim();
    if (text && (overwrite || !docs.has(name))) docs.set(name, text);
  };
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(join(root, "components"))) continue;
    for (const statement of file.statements) {
      if ((ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) add(statement.name.text, statement, false);
      if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) add(declaration.name.text, statement, true);
    }
  }
  return docs;
}

/**
 * Whether a numeric field holds whole numbers: its TSDoc says `@integer`, or
 * its name says it counts or sizes something (a port, replicas, a size, a
 * count, seconds, days, GiB, a threshold). Fractions (`cpu`, `memoryInGB`,
 * dollars) stay `number`.
 */
export function isInteger(name: string, declaration: ts.Declaration): boolean {
  if (ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === "integer")) return true;
  return /(^|[a-z])(Ports?|ports?|Replicas|replicas|Size|Count|Seconds|Days|GiB|Threshold)$/.test(name);
}

/** Turns `number` into `integer` in a property, its items or its map values. */
function wholeNumbers(property: SchemaProperty): void {
  for (const inner of [property, property.items, property.additionalProperties] as (SchemaProperty | undefined)[]) {
    if (inner?.type === "number") inner.type = "integer";
  }
}

/** The text of every `@default` tag on a declaration. */
function documentedDefaults(declaration: ts.Declaration): string[] {
  return ts
    .getJSDocTags(declaration)
    .filter((tag) => tag.tagName.text === "default")
    .map((tag) => (ts.getTextOfJSDocComment(tag.comment) ?? "").replace(/\s+/g, " ").trim())
    .filter((text) => text !== "");
}

/** Why a class field cannot be a component output in other languages; undefined when it can. */
function typescriptOnly(checker: ts.TypeChecker, symbol: ts.Symbol, declaration: ts.Declaration, property: SchemaProperty): string | undefined {
  const named = declaration as ts.NamedDeclaration;
  if (named.name !== undefined && ts.isPrivateIdentifier(named.name)) return "not public";
  if (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return "not public";
  const ref = property.$ref ?? (property.items as SchemaProperty | undefined)?.$ref;
  // A provider's type token is its package name: `/kubernetes/v4.34.2/schema.json#/resources/kubernetes`.
  if (typeof ref === "string" && /^\/([^/]+)\/v[^/]+\/schema\.json#\/resources\/\1$/.test(ref)) {
    return "a provider resource: other languages cannot take a provider from a component output (pulumi/pulumi#5788)";
  }
  const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
  const element = checker.getIndexInfoOfType(type, ts.IndexKind.Number)?.type ?? type;
  const resource = element.getSymbol();
  if (resource?.getName() === "Resource" && resource.declarations?.some((d) => /@pulumi\/pulumi\/resource\.d\.ts$/.test(d.getSourceFile().fileName))) {
    return "pulumi.Resource is no schema type (the analyzer would emit an object with only a urn)";
  }
  return undefined;
}

/** Drops types no resource reaches, and dependencies no reference names. */
function pruneUnreferenced(schema: PackageSchema): void {
  const local = `#/types/${PACKAGE_NAME}:index:`;
  const reached = new Set<string>();
  const external = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") {
        if (inner.startsWith(local)) {
          const token = inner.slice("#/types/".length);
          if (!reached.has(token)) {
            reached.add(token);
            visit(schema.types[token]);
          }
        } else if (inner.startsWith("/")) {
          external.add(inner.split("/")[1]);
        }
      } else {
        visit(inner);
      }
    }
  };
  visit(schema.resources);
  for (const token of Object.keys(schema.types)) if (!reached.has(token)) delete schema.types[token];
  const dependencies = schema.dependencies as { name: string }[] | undefined;
  if (dependencies) schema.dependencies = dependencies.filter((dependency) => external.has(dependency.name));
}
