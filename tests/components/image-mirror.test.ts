import { ImageMirror } from "../../components/image-mirror";
import { mirrorMap, nodePullThroughPolicy } from "../../components/image-mirror/values";
import { validateImageMirror } from "../../components/image-mirror/validate";
import type { ImageMirrorArgs } from "../../components/image-mirror";
import { mirrorImage } from "../../components/core";
import { record } from "../harness";

const base: ImageMirrorArgs = { accountId: "111122223333", region: "us-east-1" };
const host = "111122223333.dkr.ecr.us-east-1.amazonaws.com";
const dockerHub = { credentialArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub" };

describe("mirrorMap and mirrorImage", () => {
  const mirrors = mirrorMap({ ...base, credentials: { "docker-hub": dockerHub }, privateRepositories: ["icr.io/mjc-cr/mmjc-airflow-service"] });

  it("caches the credential-free upstreams by default plus those given a credential", () => {
    expect(Object.keys(mirrors).sort()).toEqual(["docker.io", "icr.io/mjc-cr/mmjc-airflow-service", "public.ecr.aws", "quay.io", "registry.k8s.io"]);
  });

  it.each([
    ["milvusdb/milvus:v2.5.15", `${host}/docker-hub/milvusdb/milvus:v2.5.15`],
    ["nginx:1.27", `${host}/docker-hub/library/nginx:1.27`],
    ["quay.io/prometheus/statsd-exporter:v0.28.0", `${host}/quay/prometheus/statsd-exporter:v0.28.0`],
    ["registry.k8s.io/pause:3.10", `${host}/k8s/pause:3.10`],
    ["icr.io/mjc-cr/mmjc-airflow-service:2025.10.29", `${host}/mjc-cr/mmjc-airflow-service:2025.10.29`],
  ])("rewrites %s to %s", (image, mirrored) => {
    expect(mirrorImage(image, mirrors)).toBe(mirrored);
  });

  it("ImageMirror.imageFor rewrites through the component's own map", async () => {
    let mirrored = "";
    await record(() => (mirrored = new ImageMirror("m", base).imageFor("quay.io/prometheus/statsd-exporter:v0.28.0")));
    expect(mirrored).toBe(`${host}/quay/prometheus/statsd-exporter:v0.28.0`);
  });

  it("leaves images of uncached registries alone", () => {
    expect(mirrorImage("ghcr.io/acme/app:1.0.0", mirrors)).toBe("ghcr.io/acme/app:1.0.0");
  });
});

describe("validateImageMirror", () => {
  it.each<[string, Partial<ImageMirrorArgs>, RegExp]>([
    ["Docker Hub without a credential", { upstreams: ["docker-hub"] }, /argument "credentials.docker-hub" was missing; expected a credential: ECR caches docker.io only with one/],
    ["a bad account id", { accountId: "1234" }, /"accountId" was "1234"; expected a 12-digit AWS account id/],
    ["a private repository with a tag", { privateRepositories: ["icr.io/mjc-cr/mmjc-airflow-service:latest"] }, /expected a repository without tag or digest/],
    ["an unknown upstream", { upstreams: ["gcr" as never] }, /"upstreams\[0\]" was "gcr"; expected one of docker-hub, quay, ghcr, k8s, ecr-public/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateImageMirror({ ...base, ...change })).toThrow(expected);
  });
});

describe("lifecyclePolicy", () => {
  it("documents its defaults: untagged images expire after 7 days, cached repositories keep 30 images", async () => {
    const recorded = await record(() => new ImageMirror("m", base));
    const rules = JSON.parse(String(recorded.ofType("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate")[0].inputs.lifecyclePolicy)).rules;
    expect(rules.map((r: { selection: { countNumber: number } }) => r.selection.countNumber)).toEqual([7, 30]);
  });
});

describe("nodePullThroughPolicy", () => {
  it("lets nodes fill the cache only under the cache prefixes", () => {
    expect(nodePullThroughPolicy(base).Statement).toEqual([
      {
        Sid: "PullThroughCacheFill",
        Effect: "Allow",
        Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
        Resource: ["quay", "k8s", "ecr-public"].map((p) => `arn:aws:ecr:us-east-1:111122223333:repository/${p}/*`),
      },
    ]);
  });
});

describe("ImageMirror", () => {
  it("creates a rule and an encrypted, immutable creation template per upstream, and a scanned repository per private image", async () => {
    const recorded = await record(
      () =>
        new ImageMirror("mirror", {
          ...base,
          credentials: { "docker-hub": dockerHub, ghcr: { username: "bot", accessToken: "ghp_example" } },
          privateRepositories: ["icr.io/mjc-cr/mmjc-airflow-service"],
          protect: true,
        }),
    );
    expect(recorded.counts()).toEqual({
      "forja:index:ImageMirror": 1,
      "aws:kms/key:Key": 1,
      "aws:secretsmanager/secret:Secret": 1,
      "aws:secretsmanager/secretVersion:SecretVersion": 1,
      "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": 5,
      "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration": 1,
      "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": 5,
      "aws:ecr/repository:Repository": 1,
      "aws:ecr/lifecyclePolicy:LifecyclePolicy": 1,
      "aws:iam/role:Role": 1,
      "aws:iam/rolePolicy:RolePolicy": 1,
    });
    const creationRole = recorded.one("aws:iam/role:Role");
    expect(JSON.parse(String(creationRole.inputs.assumeRolePolicy)).Statement[0].Principal).toEqual({ Service: "ecr.amazonaws.com" });
    const rules = Object.fromEntries(recorded.ofType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule").map((r) => [r.inputs.ecrRepositoryPrefix, r.inputs]));
    expect(rules["docker-hub"]).toEqual({ ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io", credentialArn: dockerHub.credentialArn });
    expect(rules.ghcr.credentialArn).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:ecr-pullthroughcache\/mirror-ghcr/);
    expect(rules.quay.credentialArn).toBeUndefined();
    expect(recorded.one("aws:secretsmanager/secretVersion:SecretVersion").secretPaths).toContain("secretString");
    for (const template of recorded.ofType("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate")) {
      expect(template.inputs).toMatchObject({ appliedFors: ["PULL_THROUGH_CACHE"], imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS" }], customRoleArn: creationRole.outputs.arn });
      expect(JSON.parse(String(template.inputs.lifecyclePolicy)).rules).toHaveLength(2);
    }
    const repository = recorded.one("aws:ecr/repository:Repository");
    expect(repository.inputs).toMatchObject({ name: "mjc-cr/mmjc-airflow-service", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, forceDelete: false });
    expect(repository.protect).toBe(true);
    // A copied private image cannot be fetched again: only untagged images expire there.
    const privateRules = JSON.parse(String(recorded.one("aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs.policy)).rules;
    expect(privateRules.map((r: { selection: { tagStatus: string } }) => r.selection.tagStatus)).toEqual(["untagged"]);
    expect(recorded.one("aws:secretsmanager/secret:Secret").protect).toBe(true);
  });

  it("scans every repository on push, cached ones included, unless another stack owns the registry's scanning", async () => {
    const recorded = await record(() => new ImageMirror("scan", base));
    expect(recorded.one("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration").inputs).toEqual({
      scanType: "BASIC",
      rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
    });
    const unmanaged = await record(() => new ImageMirror("scan", { ...base, manageRegistryScanning: false }));
    expect(unmanaged.ofType("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration")).toEqual([]);
  });

  it.each([
    ["a credential with both forms", { credentials: { "docker-hub": { ...dockerHub, username: "u", accessToken: "t" } } }, /"credentials.docker-hub" .*either credentialArn \(an existing secret\) or username and accessToken \(stored for you\), not both/],
    ["a user without a token", { credentials: { ghcr: { username: "bot" } } }, /"credentials.ghcr"/],
    ["a credential for an unknown upstream", { credentials: { gcr: dockerHub } }, /"credentials.gcr" was "gcr"; expected an upstream: one of docker-hub, quay, ghcr, k8s, ecr-public/],
    ["an upstream listed twice", { upstreams: ["quay", "quay"] }, /each upstream once/],
    ["a private repository listed twice", { privateRepositories: ["icr.io/a/b", "icr.io/a/b"] }, /each repository once/],
  ])("refuses %s", (_label, change, expected) => {
    expect(() => validateImageMirror({ ...base, ...(change as Partial<ImageMirrorArgs>) })).toThrow(expected);
  });
});
