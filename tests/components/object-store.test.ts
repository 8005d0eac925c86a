import { ForjaArgumentError } from "../../components/core/errors";
import { podSpecViolations } from "../../components/core/security";
import { ObjectStore, OBJECT_STORE_DEFAULTS } from "../../components/object-store";
import type { ObjectStoreArgs } from "../../components/object-store";
import { bucketScript, planObjectStore, s3IdentitiesConfig } from "../../components/object-store/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import { EKS_CAPABILITIES, onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base: ObjectStoreArgs = { cluster: k3sCapabilities({ storageClass: "standard" }), namespace: "ml-dev", buckets: ["mlflow"], clients: [{ podLabels: { app: "mlflow" } }] };

describe("ObjectStore: SeaweedFS on K3s", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new ObjectStore("artifacts", base, onCluster()));
  });

  it("creates generated keys, their Secret, the store, its NetworkPolicies and the bucket Job", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:ObjectStore": 1,
      "random:index/randomPassword:RandomPassword": 2,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 2,
      "kubernetes:batch/v1:Job": 1,
    });
    expect(recorded.policyViolations(false)).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("always sets an S3 identity (SeaweedFS without one serves anyone), kept as a Pulumi secret", () => {
    const secret = recorded.one("kubernetes:core/v1:Secret");
    expect(secret.secretPaths).toContain("stringData");
    expect(Object.keys(secret.inputs.stringData as object).sort()).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "s3.json"]);
    expect(JSON.parse(s3IdentitiesConfig("a", "b")).identities[0].credentials).toEqual([{ accessKey: "a", secretKey: "b" }]);
  });

  it("runs weed directly as uid 1000 with a read-only root on a retained volume of the default size", () => {
    const spec = recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj;
    const pod = spec.template.spec;
    expect(pod.containers[0].command).toEqual(["/usr/bin/weed"]);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(podSpecViolations(pod)).toEqual([]);
    expect(spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(OBJECT_STORE_DEFAULTS.storageSize);
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
  });

  it("creates the buckets idempotently after the store, from pods the store's Service never selects", () => {
    const job = recorded.one("kubernetes:batch/v1:Job");
    expect(job.dependsOn).toContain(recorded.one("kubernetes:apps/v1:StatefulSet").urn);
    expect(bucketScript(["mlflow"])).toContain("head-bucket --bucket mlflow 2>/dev/null || aws s3api create-bucket --bucket mlflow");
    const jobLabels = (job.inputs as Obj).spec.template.metadata.labels;
    const selector = (recorded.one("kubernetes:core/v1:Service").inputs.spec as Obj).selector as Record<string, string>;
    expect(Object.entries(selector).every(([k, v]) => jobLabels[k] === v)).toBe(false);
  });
});

describe("ObjectStore: S3 on EKS", () => {
  it("creates a private, encrypted, logged bucket and a WorkloadRole for the named service accounts, and no pods", async () => {
    const recorded = await record(() => new ObjectStore("artifacts", { cluster: EKS_CAPABILITIES, namespace: "ml-dev", buckets: ["mlflow"], serviceAccounts: ["mlflow"], s3: { region: "us-east-1", bucketPrefix: "acme-ml" } }, onCluster()));
    expect(recorded.one("aws:s3/bucket:Bucket", "artifacts-mlflow").inputs.bucket).toBe("acme-ml-mlflow");
    expect(recorded.ofType("forja:index:WorkloadRole")).toHaveLength(1);
    expect(recorded.ofType("kubernetes:apps/v1:StatefulSet")).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });

  it("refuses S3 on a cluster without workload identity, and bad bucket names", () => {
    expect(() => planObjectStore("a", { ...base, backend: "s3", s3: { region: "us-east-1", bucketPrefix: "acme" }, serviceAccounts: ["x"] })).toThrow(/IRSA or Pod Identity/);
    expect(() => planObjectStore("a", { ...base, buckets: ["My_Bucket"] })).toThrow(ForjaArgumentError);
    expect(() => planObjectStore("a", { ...base, buckets: [] })).toThrow(/at least one bucket/);
  });
});
