import { RunError, output, secret } from "@pulumi/pulumi";
import {
  ForjaArgumentError,
  deepMerge,
  kubernetesName,
  mirrorImage,
  parseImage,
  podSpecViolations,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  selectorLabels,
  standardLabels,
  unpinnedReason,
  withDefaults,
} from "../../components/core";

describe("kubernetesName", () => {
  it("keeps short valid names as they are", () => {
    expect(kubernetesName(["milvus", "proxy"])).toBe("milvus-proxy");
  });

  it("lower-cases and replaces characters Kubernetes rejects", () => {
    expect(kubernetesName("Task_Service.V2")).toBe("task-service-v2");
  });

  it("caps at 63 characters with a hash, so two long names never collide", () => {
    const a = kubernetesName(["a".repeat(70), "one"]);
    const b = kubernetesName(["a".repeat(70), "two"]);
    expect(a).toHaveLength(63);
    expect(b).toHaveLength(63);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it("is stable across calls", () => {
    expect(kubernetesName("x".repeat(100))).toBe(kubernetesName("x".repeat(100)));
  });

  it("rejects names with no usable characters", () => {
    expect(() => kubernetesName("___")).toThrow(/no usable characters/);
  });
});

describe("labels", () => {
  it("renders the recommended app.kubernetes.io labels", () => {
    expect(standardLabels({ name: "milvus", instance: "vectors", component: "proxy", version: "v2.5.15" })).toEqual({
      "app.kubernetes.io/name": "milvus",
      "app.kubernetes.io/instance": "vectors",
      "app.kubernetes.io/component": "proxy",
      "app.kubernetes.io/version": "v2.5.15",
      "app.kubernetes.io/managed-by": "forja",
    });
  });

  it("keeps the version out of selectors, which are immutable", () => {
    expect(Object.keys(selectorLabels({ name: "a", instance: "b" }))).toEqual(["app.kubernetes.io/name", "app.kubernetes.io/instance"]);
  });

  it("shortens label values over 63 characters", () => {
    expect(standardLabels({ name: "n".repeat(80), instance: "i" })["app.kubernetes.io/name"]).toHaveLength(63);
  });
});

describe("deepMerge", () => {
  it("merges nested objects with later layers winning", () => {
    expect(deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 } }, { a: { d: 4 } })).toEqual({ a: { b: 1, c: 3, d: 4 } });
  });

  it("replaces arrays whole instead of concatenating", () => {
    expect(deepMerge({ list: [1, 2, 3] }, { list: [9] })).toEqual({ list: [9] });
  });

  it("never lets undefined erase a value", () => {
    expect(deepMerge({ a: 1 }, { a: undefined })).toEqual({ a: 1 });
  });

  it("never mutates its inputs", () => {
    const base = { a: { b: [{ c: 1 }] } };
    const copy = structuredClone(base);
    const merged = deepMerge(base, { a: { d: 2 } });
    (merged.a as { b: { c: number }[] }).b[0].c = 99;
    expect(base).toEqual(copy);
  });
});

describe("withDefaults", () => {
  it("fills missing and explicitly undefined fields, keeps given ones", () => {
    const result = withDefaults({ replicas: 2, port: 8080 }, { replicas: undefined, port: 9000 } as { replicas?: number; port?: number });
    expect(result).toEqual({ replicas: 2, port: 9000 });
  });

  it("keeps falsy values a caller chose", () => {
    expect(withDefaults({ enabled: true, count: 3 }, { enabled: false, count: 0 } as { enabled?: boolean; count?: number })).toEqual({ enabled: false, count: 0 });
  });
});

describe("images", () => {
  it("normalises Docker Hub short names", () => {
    expect(parseImage("nginx:1.27")).toEqual({ registry: "docker.io", repository: "library/nginx", tag: "1.27", digest: undefined });
    expect(parseImage("bitnami/kafka:3.1.0")).toMatchObject({ registry: "docker.io", repository: "bitnami/kafka" });
  });

  it("keeps registries with ports and digests", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    expect(parseImage(`localhost:5000/app:1@${digest}`)).toEqual({ registry: "localhost:5000", repository: "app", tag: "1", digest });
  });

  it.each([
    ["milvusdb/milvus", /no tag/],
    ["icr.io/mjc-cr/mmjc-airflow-service:latest", /latest/],
    ["Bad/Upper:1", /lower-case/],
  ])("reports %s as unpinned", (image, reason) => {
    expect(unpinnedReason(image)).toMatch(reason);
  });

  it("accepts tags and digests as pinned", () => {
    expect(unpinnedReason("quay.io/prometheus/statsd-exporter:v0.28.0")).toBeUndefined();
    expect(unpinnedReason(`ollama/ollama@sha256:${"b".repeat(64)}`)).toBeUndefined();
  });

  it("rewrites an image through the longest matching mirror prefix", () => {
    const mirrors = {
      "docker.io": "123.dkr.ecr.us-east-1.amazonaws.com/docker-hub",
      "icr.io/mjc-cr": "123.dkr.ecr.us-east-1.amazonaws.com/mjc-cr",
      icr: "nope.example.com",
    };
    expect(mirrorImage("milvusdb/milvus:v2.5.15", mirrors)).toBe("123.dkr.ecr.us-east-1.amazonaws.com/docker-hub/milvusdb/milvus:v2.5.15");
    expect(mirrorImage("icr.io/mjc-cr/mmjc-airflow-service:1.0.3", mirrors)).toBe("123.dkr.ecr.us-east-1.amazonaws.com/mjc-cr/mmjc-airflow-service:1.0.3");
    expect(mirrorImage("quay.io/prometheus/statsd-exporter:v0.28.0", mirrors)).toBe("quay.io/prometheus/statsd-exporter:v0.28.0");
  });

  it("does not match a prefix in the middle of a path segment", () => {
    expect(mirrorImage("icr.io/mjc-crx/app:1", { "icr.io/mjc-cr": "mirror.example.com/x" })).toBe("icr.io/mjc-crx/app:1");
  });
});

describe("pod security presets", () => {
  const container = (securityContext: object, resources: object = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } }) => ({
    securityContext: restrictedPodSecurityContext(),
    containers: [{ name: "app", securityContext, resources }],
  });

  it("the presets satisfy the restricted standard", () => {
    expect(podSpecViolations(container(restrictedContainerSecurityContext()))).toEqual([]);
  });

  it("reports each missing control by kind", () => {
    const kinds = podSpecViolations({ containers: [{ name: "app" }] }).map((v) => v.kind);
    expect(kinds.sort()).toEqual(["capabilities", "privilege-escalation", "resources", "root", "seccomp"]);
  });

  it("flags a container that overrides the pod to run as root", () => {
    const violations = podSpecViolations(container({ ...restrictedContainerSecurityContext(), runAsUser: 0 }));
    expect(violations.map((v) => v.kind)).toEqual(["root"]);
  });

  it("flags added capabilities other than NET_BIND_SERVICE", () => {
    const ctx = { ...restrictedContainerSecurityContext(), capabilities: { drop: ["ALL"], add: ["SYS_ADMIN"] } };
    expect(podSpecViolations(container(ctx)).map((v) => v.kind)).toEqual(["capabilities"]);
  });
});

describe("ForjaArgumentError", () => {
  it("names the component, the argument, the value and what was expected", () => {
    const error = new ForjaArgumentError("WebService", "image", "nginx", "an image pinned to a tag");
    expect(error.message).toBe('WebService: argument "image" was "nginx"; expected an image pinned to a tag.');
  });

  it("says an Output was given instead of serializing it (Pulumi's toJSON would only print a warning)", () => {
    expect(new ForjaArgumentError("WebService", "replicas", output(2), "a plain integer").message).toBe('WebService: argument "replicas" was an Output; expected a plain integer.');
    expect(new ForjaArgumentError("WebService", "image", secret("x"), "a plain string").message).toBe('WebService: argument "image" was an Output; expected a plain string.');
  });

  it("is a Pulumi RunError, so pulumi up prints the message without a stack trace", () => {
    expect(RunError.isInstance(new ForjaArgumentError("X", "a", 1, "2"))).toBe(true);
  });
});
