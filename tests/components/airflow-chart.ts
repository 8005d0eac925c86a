/** The pinned Airflow chart's schema and values.yaml (tests/fixtures), and checks of rendered values against them. */
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { isPlainObject } from "../../components/core/merge";
import { REPO_ROOT } from "../harness";

const DIR = join(REPO_ROOT, "tests", "fixtures", "charts", "airflow-1.19.0");
export const AIRFLOW_SCHEMA = JSON.parse(readFileSync(join(DIR, "values.schema.json"), "utf8")) as { properties: Record<string, unknown> };
const chartDefaults = parse(readFileSync(join(DIR, "values.yaml"), "utf8")) as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false }).compile(AIRFLOW_SCHEMA);

/** Schema errors of a values tree, one line each. */
export function schemaErrors(values: unknown): string[] {
  return validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Top-level keys the schema does not define (the schema itself does not reject them). */
export function unknownTopLevelKeys(values: Record<string, unknown>): string[] {
  return Object.keys(values).filter((key) => !(key in AIRFLOW_SCHEMA.properties));
}

/**
 * Paths of keys set in `values` that values.yaml does not have. Maps that are
 * empty in values.yaml (annotations, labels) are open, as is `config`
 * (airflow.cfg sections), so the walk stops there.
 */
export function keysMissingFromChart(values: Record<string, unknown>, defaults: unknown = chartDefaults, path = ""): string[] {
  const missing: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const here = path ? `${path}.${key}` : key;
    if (!isPlainObject(defaults) || !(key in defaults)) {
      missing.push(here);
      continue;
    }
    const inner = defaults[key];
    if (here === "config" || !isPlainObject(value) || !isPlainObject(inner) || Object.keys(inner).length === 0) continue;
    missing.push(...keysMissingFromChart(value, inner, here));
  }
  return missing;
}
