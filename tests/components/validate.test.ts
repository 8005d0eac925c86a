/** The shared rules in components/core and components/aws (CIDRs: network.test.ts): each general, each tested on the spellings that fool a naive check. */
import { credentialValueKind, looksLikeCredential } from "../../components/core/security";
import { AWS_TAG_LIMITS, AZURE_TAG_LIMITS, hostReason, namespaceReason, parseQuantity, quantityReason, requestAboveLimit, tagProblems } from "../../components/core/validate";
import { versionMismatchReason } from "../../components/core/images";
import { acmCertificateArnReason, awsRegionReason, iamRoleArnReason, ingressCertificateReason, secretArnReason } from "../../components/aws/validate";

describe("quantities", () => {
  it.each([
    ["500m", 0.5],
    ["1", 1],
    ["1.5", 1.5],
    ["1Gi", 2 ** 30],
    ["1000Mi", 1000 * 2 ** 20],
    ["2G", 2e9],
    ["1e3", 1000],
    ["128974848", 128974848],
  ])("reads %s as %d", (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it("compares across units: 500m < 1, 1000Mi < 1Gi, 1G < 1Gi", () => {
    const [a, b, c, d, e, f] = ["500m", "1", "1000Mi", "1Gi", "1G", "1Gi"].map((q) => parseQuantity(q) as number);
    expect([a < b, c < d, e < f]).toEqual([true, true, true]);
  });

  it.each(["lots", "250 m", "1GB", "1gi", "", "-"])("refuses %j", (text) => {
    expect(quantityReason(text)).toMatch(/a Kubernetes quantity/);
  });
});

describe("names and hosts", () => {
  it.each(["kube-system", "kube-public", "kube-node-lease", "default"])("keeps workloads out of %s", (namespace) => {
    expect(namespaceReason(namespace)).toMatch(/a namespace of your own/);
  });

  it.each([
    ["https://api.example.com", /not a URL/],
    ["api.example.com:443", /without port/],
    ["api.example.com/v1", /without port, path/],
    ["203.0.113.10", /not IP addresses/],
    ["API.example.com", /lower-case DNS name/],
    ["localhost", /at least two labels/],
  ])("refuses the host %s", (host, reason) => {
    expect(hostReason(host)).toMatch(reason);
  });

  it("accepts names and wildcards", () => {
    expect([hostReason("api.example.com"), hostReason("*.shop.example.com")]).toEqual([undefined, undefined]);
  });
});

describe("AWS facts", () => {
  it("knows real regions, China and GovCloud included", () => {
    expect(["us-east-1", "eu-central-2", "ap-southeast-7", "mx-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1"].map(awsRegionReason)).toEqual(Array(7).fill(undefined));
    expect(awsRegionReason("us-east-9")).toMatch(/an AWS region/);
    expect(awsRegionReason("useast1")).toMatch(/did you mean us-east-1\?/);
  });

  it.each([
    ["arn:aws:iam::111122223333:role/app", undefined],
    ["arn:aws:iam::111122223333:role/service-role/app", undefined],
    ["arn:aws-cn:iam::111122223333:role/app", undefined],
    ["arn:aws:iam::111122223333:policy/app", /an IAM role ARN/],
    ["arn:aws:iam::111122223333:user/app", /an IAM role ARN/],
    ["arn:aws:iam:us-east-1:111122223333:role/app", /an IAM role ARN/],
    ["arn:aws:iam::1111:role/app", /an IAM role ARN/],
    ["app-role", /an IAM role ARN/],
  ])("role ARN %s", (arn, reason) => {
    expect(iamRoleArnReason(arn) ?? "a role").toMatch(reason ?? /^a role$/);
  });

  it("takes ACM certificates of the cluster's region only", () => {
    const arn = "arn:aws:acm:us-east-1:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a";
    expect(acmCertificateArnReason(arn, "us-east-1")).toBeUndefined();
    expect(acmCertificateArnReason(arn, "eu-west-1")).toMatch(/a certificate in eu-west-1/);
    expect(acmCertificateArnReason("arn:aws:iam::111122223333:server-certificate/web")).toMatch(/an ACM certificate ARN/);
    expect(acmCertificateArnReason("arn:aws:acm:cn-north-1:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a")).toMatch(/an ACM certificate ARN/);
  });

  it("takes pull-through credentials from the registry's own account and region", () => {
    const where = { account: "111122223333", region: "us-east-1" };
    expect(secretArnReason("arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/ghcr-AbCdEf", "ecr-pullthroughcache/", where)).toBeUndefined();
    expect(secretArnReason("arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/ghcr", "ecr-pullthroughcache/", where)).toMatch(/this one is in 111122223333, eu-west-1/);
    expect(secretArnReason("arn:aws:secretsmanager:us-east-1:111122223333:secret:ghcr", "ecr-pullthroughcache/", where)).toMatch(/named ecr-pullthroughcache\//);
  });
});

describe("tags", () => {
  it("counts the tags Forja adds toward AWS's 50", () => {
    const fifty = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"]));
    expect(tagProblems(fifty, AWS_TAG_LIMITS, ["forja:cluster", "Name"])).toEqual([]);
    expect(tagProblems({ ...fifty, extra: "v" }, AWS_TAG_LIMITS, ["forja:cluster", "Name"])).toEqual([{ value: "49 tags", expected: expect.stringMatching(/at most 48 tags/) }]);
  });

  it("refuses reserved prefixes and oversized keys and values per cloud", () => {
    expect(tagProblems({ "aws:x": "v", ["k".repeat(129)]: "v", owner: "v".repeat(257) }, AWS_TAG_LIMITS).map((p) => p.key)).toEqual(["aws:x", "k".repeat(129), "owner"]);
    expect(tagProblems({ "Azure-Owner": "v", "a/b": "v" }, AZURE_TAG_LIMITS).map((p) => p.key)).toEqual(["Azure-Owner", "a/b"]);
  });
});

describe("looksLikeCredential", () => {
  it.each([
    ["sk-proj-4f9XkQ2mZ8pL1vN6bR3tY7wE0aS5dF", /OpenAI/],
    ["sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx", /OpenAI\/Anthropic/],
    ["AKIAIOSFODNN7EXAMPLE", /AWS access key id/],
    ["ASIAY34FZKBOKMUTVV7A", /AWS access key id/],
    ["ghp_16C7e42F292c6912E7710c838347Ae178B4a", /GitHub/],
    ["github_pat_11ABCDEFG0123456789_abcdefghijklmnop", /GitHub/],
    ["dckr_pat_2b3e36beeb386dfdaacb9b46004", /Docker Hub/],
    ["xoxb-2048-4096-AbCdEfGhIjKlMnOp", /Slack/],
    ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA=\n-----END OPENSSH PRIVATE KEY-----", /PEM/],
    ["postgresql://app:s3cret@db:5432/app", /URL with a password/],
    ["amqp://:guest@rabbit:5672/", /URL with a password/],
    ["DefaultEndpointsProtocol=https;AccountName=x;AccountKey=Zm9vYmFy==;", /connection string/],
  ])("finds a credential in %j", (value, kind) => {
    expect(credentialValueKind(value)).toMatch(kind);
    expect(looksLikeCredential("SETTING", value)).toBe(true);
  });

  it.each(["http://mlflow:5000", "https://user@example.com/repo.git", "sk-learn", "task-runner", "4096", "gpt-4o-mini", "s3://bucket/prefix"])("leaves the setting %j alone", (value) => {
    expect(looksLikeCredential("SETTING", value)).toBe(false);
  });

  it("still reads names: PASSWORD, API_KEY, *_TOKEN, *_PASS", () => {
    expect(["DB_PASSWORD", "OPENAI_API_KEY", "GITHUB_TOKEN", "REDIS_PASS", "JWT_SIGNING_KEY"].every((name) => looksLikeCredential(name))).toBe(true);
    expect(["MAX_TOKENS", "TOKENIZERS_PARALLELISM", "PASSTHROUGH_MODE"].some((name) => looksLikeCredential(name))).toBe(false);
  });
});

describe("rules every component shares (issue 22)", () => {
  it("refuses a request above its limit in any unit, and accepts equal amounts written differently", () => {
    expect(requestAboveLimit({ cpu: "2", memory: "1Gi" }, { cpu: "1500m", memory: "2Gi" })?.[0]).toBe("cpu");
    expect(requestAboveLimit({ memory: "2G" }, { memory: "1Gi" })?.[0]).toBe("memory");
    expect(requestAboveLimit({ cpu: "0.5", memory: "1024Mi" }, { cpu: "500m", memory: "1Gi" })).toBeUndefined();
    expect(requestAboveLimit({ cpu: "4" }, { memory: "1Gi" })).toBeUndefined();
  });

  it("reads an image's major version from its tag, never from a build date or a digest", () => {
    expect(versionMismatchReason("apache/airflow:2.10.5-python3.12", "3.1.7")).toMatch(/major version 2/);
    expect(versionMismatchReason("apache/airflow:slim-3.1.7", "2.10.5")).toMatch(/major version 3/);
    expect(versionMismatchReason("apache/airflow:v3.0.2", "3.1.7")).toBeUndefined();
    expect(versionMismatchReason("icr.io/team/airflow:2025.10.29", "2.10.5")).toBeUndefined();
    expect(versionMismatchReason(`apache/airflow@sha256:${"a".repeat(64)}`, "3.1.7")).toBeUndefined();
  });

  it("places an ACM certificate only on an ALB of its region", () => {
    const cert = "arn:aws:acm:eu-west-1:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a";
    expect(ingressCertificateReason(cert, { region: "us-east-1", ingress: { controller: "aws-alb" } })).toMatch(/a certificate in us-east-1/);
    expect(ingressCertificateReason(cert, { ingress: { controller: "traefik" } })).toMatch(/no ACM certificate on a traefik ingress/);
    expect(ingressCertificateReason(cert, { region: "eu-west-1", ingress: { controller: "aws-alb" } })).toBeUndefined();
  });
});
