/** The schema boundary's naming rules on small schemas (the full schema is checked in schema.test.ts). */
import type { PackageSchema } from "../../components/plugin/provider";
import { servedSchema } from "./boundary";

const schema = (types: string[]): PackageSchema => ({
  name: "forja",
  language: {},
  resources: {
    "forja:index:Web": {
      inputProperties: { ingress: { $ref: "#/types/forja:index:IngressArgs" } },
      requiredInputs: [],
      properties: {},
      required: [],
    },
  },
  types: Object.fromEntries(types.map((name) => [`forja:index:${name}`, { type: "object", properties: {}, description: `The ${name}.` }])),
});

describe("servedSchema", () => {
  it("serves `IngressArgs` as `Ingress`, and every reference to it", () => {
    const served = servedSchema(schema(["IngressArgs"]));
    expect(Object.keys(served.types)).toEqual(["forja:index:Ingress"]);
    expect(served.resources["forja:index:Web"].inputProperties.ingress).toEqual({ $ref: "#/types/forja:index:Ingress", description: "The IngressArgs." });
  });

  it("refuses two TypeScript types that would meet on one name, naming both", () => {
    expect(() => servedSchema(schema(["Ingress", "IngressArgs"]))).toThrow("The TypeScript types Ingress and IngressArgs would both be served as Ingress: rename one of them.");
  });
});
