import { k3sCapabilities } from "../../components/platform/k3s";
import { Redis } from "../../components/redis";
import type { RedisArgs } from "../../components/redis";
import { REDIS_START, validateRedis } from "../../components/redis/values";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

const base: RedisArgs = { cluster: k3sCapabilities({}), namespace: "data", clients: [{ podLabels: { tier: "airflow" } }], protect: false };

describe("validateRedis", () => {
  it.each<[string, Partial<RedisArgs>, RegExp]>([
    ["an untagged image", { image: "redis" }, /argument "image" was "redis"; expected an image pinned/],
    ["a bad memory limit", { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "lots" } } }, /"resources.limits.memory" was "lots"/],
    // 0.1 shape: a JavaScript or YAML caller still passing it gets the way out, not a silent default.
    ["the 0.1 flat resources", { resources: { memoryLimit: "1Gi" } as unknown as RedisArgs["resources"] }, /"resources.memoryLimit" was "1Gi"; expected the 0.2.0 shape \{ requests: \{ cpu, memory \}, limits: \{ memory \} \}/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateRedis("cache", { ...base, ...change })).toThrow(expected);
  });
});

describe("Redis", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new Redis("cache", base, onCluster()));
  });

  it("is a password, its Secret, a Service, a NetworkPolicy and a StatefulSet", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Redis": 1,
      "random:index/randomPassword:RandomPassword": 1,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
    });
  });

  it("authenticates its probes through REDISCLI_AUTH and keeps the password off every command line", () => {
    const container = (recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0];
    expect(container.env).toContainEqual({ name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "cache-auth", key: "password" } } });
    expect(container.readinessProbe).toMatchObject({ exec: { command: ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"] } });
    expect(container.command).toEqual(REDIS_START);
    expect(REDIS_START[2]).toMatch(/^printf 'requirepass "%s"\\n' "\$REDIS_PASSWORD" > \/etc\/redis-auth\/auth.conf && unset REDIS_PASSWORD && exec redis-server \/etc\/redis-auth\/auth.conf --appendonly yes/);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true });
  });

  it("runs as uid 999 on the cluster's storage class and admits only its clients", () => {
    const spec = recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as { template: { spec: { securityContext: unknown } }; volumeClaimTemplates: { spec: { storageClassName: string } }[] };
    expect(spec.template.spec.securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999 });
    expect(spec.volumeClaimTemplates[0].spec.storageClassName).toBe("local-path");
    expect((recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as { ingress: unknown }).ingress).toEqual([{ from: [{ podSelector: { matchLabels: { tier: "airflow" } } }], ports: [{ protocol: "TCP", port: 6379 }] }]);
  });

  it("keeps the password a Pulumi secret and passes every policy and the Kubernetes schema", () => {
    expect(recorded.one("kubernetes:core/v1:Secret").secretPaths).toContain("stringData");
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations(false)).toEqual([]);
  });
});
