import { StackConfigError, parseStackConfig } from "../../src/config";
import { airflowOnEksArgs } from "../../src/config/airflow";
import { EKS_CAPABILITIES } from "../harness";
import type { ConfigSource } from "../../src/config";

function source(values: Record<string, unknown>): ConfigSource {
  const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return { project: "forja", stack: "test", values: flat, secretKeys: [] };
}

function problemsOf(values: Record<string, unknown>): string[] {
  try {
    parseStackConfig(source(values));
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

describe("forja:airflow", () => {
  it("passes the section to the k3s and eks targets", () => {
    const config = parseStackConfig(source({ "forja:target": "k3s", "forja:airflow": { version: "2.11.0", ingress: { host: "airflow.localtest.me" } } }));
    expect(config).toMatchObject({ target: "k3s", airflow: { version: "2.11.0", ingress: { host: "airflow.localtest.me" } } });
  });

  it("reports AWS-only keys on k3s, Airflow on aci, unknown keys and bad enums, all at once", () => {
    expect(problemsOf({ "forja:target": "k3s", "forja:airflow": { database: { instanceClass: "db.t4g.large" }, exampleDag: false } })).toEqual([
      'forja:airflow.database is set but forja:target is "k3s": it configures the AWS services of the eks target',
      'forja:airflow.exampleDag is set but forja:target is "k3s": it configures the AWS services of the eks target',
    ]);
    expect(problemsOf({ "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { mongo: { capacityMode: "serverless" } }, "forja:airflow": {} })).toEqual(['forja:airflow is set but forja:target is "aci": Airflow runs on the k3s and eks targets']);
    const problems = problemsOf({ "forja:target": "k3s", "forja:airflow": { preset: "huge", ingres: {} } });
    expect(problems).toEqual(expect.arrayContaining(['forja:airflow.ingres is not a known key (did you mean "ingress"?)', expect.stringMatching(/^forja:airflow\.preset = "huge": expected one of "development"\|"production"/)]));
  });

  it("reports the components' own rules under forja:airflow before anything runs", () => {
    const eks = { "forja:target": "eks", "aws:region": "us-east-1", "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["198.51.100.0/24"] } };
    expect(problemsOf({ ...eks, "forja:airflow": { image: "icr.io/mjc-cr/mmjc-airflow-service:latest" } }).join("\n")).toMatch(/forja:airflow\.image = "icr\.io\/mjc-cr\/mmjc-airflow-service:latest": expected an Airflow image pinned/);
    expect(problemsOf({ ...eks, "forja:airflow": { database: { engineVersion: "15.14" } } }).join("\n")).toMatch(/forja:airflow\.database\.engineVersion = "15\.14": expected a PostgreSQL major version only/);
    expect(problemsOf({ "forja:target": "k3s", "forja:airflow": { version: "2.9.3" } }).join("\n")).toMatch(/forja:airflow\.version = "2\.9\.3"/);
  });

  it("ties protection to forja:environment, never to the preset", () => {
    const network = { vpcId: "vpc-1", privateSubnetIds: ["subnet-1"], nodeSecurityGroupId: "sg-1" };
    const args = (environment: "production" | "development") => airflowOnEksArgs({ preset: "development" }, environment, EKS_CAPABILITIES, "forja", network, {});
    expect([args("production").preset, args("production").protect]).toEqual(["development", true]);
    expect(args("development").protect).toBe(false);
  });
});
