import { looksLikeCredential, looksLikeCredentialValue, podDefaults, podSpecOf, podSpecViolations, restrictedContainerSecurityContext, restrictedPodSecurityContext, withoutServiceLinks } from "../../components/core";

describe("looksLikeCredentialValue", () => {
  it.each([
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["an OpenAI project key", "sk-proj-4f9a2b7c1d8e3f6a0b5c9d2e7f1a4b8c"],
    ["an Anthropic key", "sk-ant-api03-4f9a2b7c1d8e3f6a0b5c9d2e"],
    ["a GitHub token", `ghp_${"a".repeat(36)}`],
    ["a fine-grained GitHub token", `github_pat_${"b".repeat(40)}`],
    ["a Docker Hub token", "dckr_pat_2b3e4f5a6b7c8d9e0f1a2b3c"],
    ["a Slack bot token", "xoxb-1234567890-abcdefghij"],
    ["a Hugging Face token", "hf_abcdefghijklmnopqrstuvwxyz0123456789"],
    ["a PEM private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----"],
    ["a URL with a password", "redis://:s3cret@redis:6379/0"],
  ])("recognises %s", (_what, value) => {
    expect(looksLikeCredentialValue(value)).toBe(true);
  });

  it.each(["info", "http://mlflow:5000", "sk-learn", "ghp_short", "AKIA", "-----BEGIN CERTIFICATE-----", "postgresql://db:5432/app", 42])("leaves %j alone", (value) => {
    expect(looksLikeCredentialValue(value)).toBe(false);
  });

  it("makes looksLikeCredential see a key behind an innocent name", () => {
    expect(looksLikeCredential("UPSTREAM", "AKIAIOSFODNN7EXAMPLE")).toBe(true);
    expect(looksLikeCredential("UPSTREAM", "https://api.example.com")).toBe(false);
  });
});

describe("podSpecViolations", () => {
  const hardened = () => ({
    securityContext: restrictedPodSecurityContext(),
    containers: [{ name: "app", securityContext: restrictedContainerSecurityContext(), resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } } }],
  });

  it("checks ephemeral containers like the others", () => {
    const spec = { ...hardened(), ephemeralContainers: [{ name: "debug", securityContext: { privileged: true } }] };
    expect(podSpecViolations(spec).filter((v) => v.message.includes('"debug"')).map((v) => v.kind).sort()).toEqual(["capabilities", "privilege-escalation", "resources"]);
  });

  it("judges a patch only on what it sets", () => {
    expect(podSpecViolations({ containers: [{ name: "app" }] }, { partial: true })).toEqual([]);
    expect(podSpecViolations({ hostIPC: true, containers: [{ name: "app", securityContext: { runAsUser: 0, capabilities: { add: ["SYS_PTRACE"] } } }] }, { partial: true }).map((v) => v.kind)).toEqual(["host-namespaces", "root", "capabilities"]);
  });

  it("reads the legacy AppArmor annotations it is given", () => {
    const violations = podSpecViolations(hardened(), { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" } });
    expect(violations).toEqual([{ kind: "apparmor", message: 'container "app" runs with AppArmor profile unconfined' }]);
  });

  it("passes the safe sysctls and the container SELinux types", () => {
    const spec = hardened();
    Object.assign(spec.securityContext, { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }], seLinuxOptions: { type: "container_t", level: "s0:c1,c2" } });
    expect(podSpecViolations(spec)).toEqual([]);
  });
});

describe("podDefaults", () => {
  it("turns service links off, mounts no API token and passes the restricted standard", () => {
    const pod = podDefaults({ user: 999, group: 1000 });
    expect(pod).toMatchObject({ enableServiceLinks: false, automountServiceAccountToken: false, securityContext: { runAsUser: 999, runAsGroup: 1000, fsGroup: 1000 } });
    const container = { name: "app", securityContext: restrictedContainerSecurityContext(), resources: { requests: { cpu: "10m", memory: "8Mi" }, limits: { memory: "8Mi" } } };
    expect(podSpecViolations({ ...pod, containers: [container] })).toEqual([]);
  });

  it("mounts the token only for a pod that calls the API", () => {
    expect(podDefaults({ apiAccess: true }).automountServiceAccountToken).toBe(true);
  });
});

describe("withoutServiceLinks", () => {
  const cronJob = { kind: "CronJob", metadata: { name: "backup" }, spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: { containers: [] } } } } } };

  it("turns them off in a CronJob's pods without touching the chart's object", () => {
    const changed = withoutServiceLinks(cronJob)!;
    expect(podSpecOf(changed)).toEqual({ containers: [], enableServiceLinks: false });
    expect(podSpecOf(cronJob)).toEqual({ containers: [] });
    expect((changed.spec as Record<string, unknown>).schedule).toBe("@daily");
  });

  it("keeps an explicit choice and leaves objects without pods alone", () => {
    expect(withoutServiceLinks({ kind: "Deployment", spec: { template: { spec: { enableServiceLinks: true } } } })).toBeUndefined();
    expect(withoutServiceLinks({ kind: "ConfigMap", data: {} })).toBeUndefined();
  });
});
