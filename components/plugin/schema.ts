/** The shape of the component package's schema (schema.json), as the provider and the plain-arg check read it. */
export interface SchemaProperty {
  description?: string;
  [key: string]: unknown;
}

export interface SchemaResource {
  description?: string;
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs: string[];
  properties: Record<string, SchemaProperty>;
  required: string[];
  [key: string]: unknown;
}

export interface PackageSchema {
  name: string;
  version?: string;
  resources: Record<string, SchemaResource>;
  types: Record<string, { properties?: Record<string, SchemaProperty>; required?: string[]; [key: string]: unknown }>;
  [key: string]: unknown;
}
