import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { k3sCapabilities } from "../../components/platform/k3s";
import { passableInputs, requirePlainArgs, resolvePassedOutputs } from "../../components/plugin/plain";
import type { PackageSchema } from "../../components/plugin/provider";
import { SCHEMA_FILE } from "../../components/plugin/provider";
import { REPO_ROOT } from "../harness";

const schema = JSON.parse(readFileSync(join(REPO_ROOT, SCHEMA_FILE), "utf8")) as PackageSchema;
const cluster = k3sCapabilities({});
const value = (v: unknown) => pulumi.output(v);

describe("requirePlainArgs (an Output where the package schema wants plain data)", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["a top-level arg", { cluster, image: value("ghcr.io/acme/api:1.0.0") }, "image"],
    ["a field of a literal object", { cluster: { ...cluster, storageClass: value("standard") } }, "cluster.storageClass"],
    ["a field two objects deep", { cluster: { ...cluster, ingress: { ...cluster.ingress, className: value("nginx") } } }, "cluster.ingress.className"],
    ["an array item", { cluster, imagePullSecrets: ["ghcr", value("quay")] }, "imagePullSecrets[1]"],
    ["a field of an object in an array", { cluster: { ...cluster, ingress: { ...cluster.ingress, sourcePeers: [{ cidr: value("10.0.0.0/16") }] } } }, "cluster.ingress.sourcePeers[0].cidr"],
    ["a whole map", { cluster, labels: value({ team: "a" }) }, "labels"],
  ])("refuses %s, naming its path", (_label, args, path) => {
    expect(() => requirePlainArgs(schema, "WebService", args)).toThrow(`WebService: argument "${path}" was "an Output"; expected plain data known while the program runs`);
  });

  it("accepts Outputs where the schema takes inputs: map values, Input fields of a plain object", () => {
    const args = {
      cluster: { ...cluster, workloadIdentity: { kind: "irsa", oidcProviderArn: value("arn:aws:iam::1:oidc-provider/x"), issuerUrl: value("https://x") } },
      namespace: value("apps"),
      env: { DB_HOST: value("db") },
    };
    expect(() => requirePlainArgs(schema, "WebService", args)).not.toThrow();
  });
});

describe("resolvePassedOutputs (a cluster's capabilities output passed as `cluster`)", () => {
  const settled = <T>(output: unknown): Promise<T> => new Promise((resolve) => (output as pulumi.Output<T>).apply(resolve));

  it("takes exactly the inputs whose type a component outputs", () => {
    expect(passableInputs(schema, "WebService")).toEqual(["cluster"]);
    expect(passableInputs(schema, "EksCluster")).toEqual([]);
  });

  it("hands over the value: plain fields as data, input fields as Outputs of what was passed", async () => {
    const passed = value({ ...cluster, ingress: { ...cluster.ingress, controllerReady: value("kube-system/alb") } });
    const args = await resolvePassedOutputs(schema, "WebService", { cluster: passed, image: "ghcr.io/acme/api:1.0.0" });
    const resolved = args?.cluster as typeof cluster;
    expect(resolved.kind).toBe("k3s");
    expect(resolved.ingress.sourcePeers).toEqual(cluster.ingress.sourcePeers);
    expect(pulumi.Output.isInstance(resolved.ingress.controllerReady)).toBe(true);
    expect(await settled(resolved.ingress.controllerReady)).toBe("kube-system/alb");
    expect(resolved.workloadIdentity.oidcProviderArn).toBeUndefined();
    expect(() => requirePlainArgs(schema, "WebService", args ?? {})).not.toThrow();
  });

  it("refuses a secret Output: its plain fields would drop the secret", async () => {
    await expect(resolvePassedOutputs(schema, "WebService", { cluster: pulumi.secret(cluster) })).rejects.toThrow('WebService: argument "cluster" was "a secret Output"; expected data that is not secret');
  });

  it("is undefined while the output is unknown (a preview of a stack creating the cluster)", async () => {
    expect(await resolvePassedOutputs(schema, "WebService", { cluster: value(pulumi.unknown) })).toBeUndefined();
  });
});
