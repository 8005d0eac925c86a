/** The shared rules in components/core and components/aws (CIDRs: network.test.ts): each general, each tested on the spellings that fool a naive check. */
import { credentialValueKind, looksLikeCredential } from "../../components/core/security";
import { AWS_TAG_LIMITS, AZURE_TAG_LIMITS, hostReason, namespaceReason, parseQuantity, quantityReason, tagProblems } from "../../components/core/validate";
import { acmCertificateArnReason, awsRegionReason, iamRoleArnReason, secretArnReason } from "../../components/aws/validate";

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
