import { chartValues, mirrorValues, validateChartReference } from "../../components/helm/chart";

const mirrors = { "docker.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub", "quay.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/quay" };

describe("chartValues", () => {
  it("merges component defaults < computed < user values, without touching its inputs", () => {
    const defaults = { replicas: 1, resources: { requests: { cpu: "100m", memory: "128Mi" } }, metrics: { enabled: false } };
    const computed = { replicas: 3, resources: { requests: { cpu: "500m" } } };
    const user = { resources: { requests: { memory: "1Gi" } }, metrics: { enabled: true } };
    const frozen = JSON.stringify([defaults, computed, user]);
    expect(chartValues({ defaults, computed, user })).toEqual({ replicas: 3, resources: { requests: { cpu: "500m", memory: "1Gi" } }, metrics: { enabled: true } });
    expect(JSON.stringify([defaults, computed, user])).toBe(frozen);
  });

  it("lets an explicit undefined in user values leave the computed value alone", () => {
    expect(chartValues({ computed: { replicas: 3 }, user: { replicas: undefined } })).toEqual({ replicas: 3 });
  });

  it("rewrites every image of a mirrored cluster, whatever the chart's convention, including user-supplied ones", () => {
    const values = chartValues({
      computed: {
        image: { all: { repository: "milvusdb/milvus", tag: "v2.5.15" } },
        etcd: { image: { registry: "docker.io", repository: "bitnamilegacy/etcd", tag: "3.5.21" } },
        statsd: { image: "quay.io/prometheus/statsd-exporter:v0.28.0" },
        sidecars: [{ name: "sync", image: "amazon/aws-cli:2.27.0" }],
      },
      user: { attu: { image: { repository: "zilliz/attu", tag: "v2.5.6" } } },
      mirrors,
    });
    expect(values).toEqual({
      image: { all: { repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/milvusdb/milvus", tag: "v2.5.15" } },
      etcd: { image: { registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com", repository: "docker-hub/bitnamilegacy/etcd", tag: "3.5.21" } },
      statsd: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/quay/prometheus/statsd-exporter:v0.28.0" },
      sidecars: [{ name: "sync", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/amazon/aws-cli:2.27.0" }],
      attu: { image: { repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/zilliz/attu", tag: "v2.5.6" } },
    });
  });

  it("leaves images no mirror covers, and non-image strings, exactly as written", () => {
    const values = { image: { repository: "registry.example.com/team/app", tag: "1.0" }, gitSync: { repo: "https://github.com/acme/dags" }, name: "milvus" };
    expect(mirrorValues(values, mirrors)).toEqual(values);
  });

  it("accepts only exact chart versions from https or oci repositories", () => {
    expect(() => validateChartReference("Milvus", "chart", { chart: "milvus", version: "^4.2", repository: "https://zilliztech.github.io/milvus-helm" })).toThrow(/"chart.version" was "\^4.2"/);
    expect(() => validateChartReference("Milvus", "chart", { chart: "milvus", version: "4.2.57", repository: "http://insecure.example.com" })).toThrow(/"chart.repository"/);
    for (const loose of ["1.21", "v1.21.x", "~1.21.1", "vv1.21.1", "01.2.3"]) expect(() => validateChartReference("CertManager", "chart", { chart: "cert-manager", version: loose, repository: "https://charts.jetstack.io" })).toThrow(/"chart.version"/);
  });

  it("accepts a publisher's v-prefixed exact versions (cert-manager v1.21.1) and pre-releases", () => {
    for (const version of ["v1.21.1", "1.30.3", "1.7.0-rc.1", "88.5.3+build.1"]) expect(validateChartReference("CertManager", "chart", { chart: "c", version, repository: "https://charts.jetstack.io" }).version).toBe(version);
  });
});
