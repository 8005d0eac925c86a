/**
 * Mlflow and ObjectStore are servers like Postgres: they hand a client its
 * endpoint, a URL and the peer to allow, admit nobody by default, and
 * `connect` wires them. Composed as the ML platform does (Postgres +
 * ObjectStore + Mlflow + a training job that logs to MLflow), the
 * NetworkPolicies admit exactly the declared traffic; without `connect` the
 * program is refused with both sides named.
 */
import type * as pulumi from "@pulumi/pulumi";
import { connect } from "../../components/core/connect";
import type { Connection } from "../../components/core/connect";
import type { Peer } from "../../components/core/peer";
import { Mlflow } from "../../components/mlflow";
import { ObjectStore } from "../../components/object-store";
import { k3sCapabilities } from "../../components/platform/k3s";
import { Postgres } from "../../components/postgres";
import type { RenderedKubernetesObject } from "../../components/testing/network";
import { WebService } from "../../components/web-service";
import { EKS_CAPABILITIES, onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { allowedFlows } from "../stacks/network-flows";
import type { FlowPod } from "../stacks/network-flows";

const resolved = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

const ML = "ml-dev";
const cluster = k3sCapabilities({ storageClass: "standard" });
const at = (name: string) => ({ name, namespace: ML });
const db = at("mlflow-db");
const store = at("artifacts");
const tracking = at("mlflow");
const trainer = at("trainer");

let servers: { mlflow?: Mlflow; store?: ObjectStore } = {};

/** Builds the four; `linked` wires every pair with connect, else each server keeps its default (nobody) and each client targets the server's clientPeer. */
function compose(linked: boolean): void {
  const opts = onCluster();
  const mlflowToDb = connect(tracking, db, [5432]);
  const mlflowToStore = connect(tracking, store, [8333]);
  const trainerToMlflow = connect(trainer, tracking, [5000]);
  const clients = (...links: Connection[]): { clients?: Peer[] } => (linked ? { clients: links.map((l) => l.ingress) } : {});
  const postgres = new Postgres(db.name, { cluster, namespace: ML, databases: [{ name: "mlflow", owner: "mlflow" }], protect: false, ...clients(mlflowToDb) }, opts);
  const artifacts = new ObjectStore(store.name, { cluster, namespace: ML, buckets: ["mlflow"], protect: false, ...clients(mlflowToStore) }, opts);
  const mlflow = new Mlflow(
    tracking.name,
    {
      cluster,
      namespace: ML,
      database: { urlSecret: { name: postgres.ownerSecretNames.apply((n) => n.mlflow), key: "url" }, peer: linked ? mlflowToDb.egress : postgres.clientPeer },
      artifacts: { bucket: "mlflow", url: artifacts.url, credentialsSecret: artifacts.credentialsSecretName, peer: linked ? mlflowToStore.egress : artifacts.clientPeer },
      ...clients(trainerToMlflow),
    },
    opts,
  );
  new WebService(
    trainer.name,
    {
      cluster,
      namespace: ML,
      image: "ghcr.io/example/trainer:1.0.0",
      port: 8080,
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
      env: { MLFLOW_TRACKING_URI: mlflow.url },
      networkPolicy: { egressTo: [linked ? trainerToMlflow.egress : mlflow.clientPeer] },
    },
    opts,
  );
  servers = { mlflow, store: artifacts };
}

/** Each workload's pods, as the flow analysis takes them (a Job's name without its hash). */
function flowPods(all: RenderedKubernetesObject[]): FlowPod[] {
  return all.flatMap((o) => {
    const template = (o.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { ports?: { containerPort: number }[] }[] } } } | undefined)?.template;
    if (!["Deployment", "StatefulSet", "Job"].includes(o.kind) || !template) return [];
    const ports = (template.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
    return [{ name: `${o.kind}/${o.metadata.name.replace(/-[0-9a-f]{8}$/, "")}`, namespace: o.metadata.namespace as string, labels: template.metadata?.labels ?? {}, ports }];
  });
}

describe("Mlflow and ObjectStore as servers: outputs, default admission and connect", () => {
  let linked: Recorded;
  let unlinked: Recorded;
  beforeAll(async () => {
    unlinked = await record(() => compose(false));
    linked = await record(() => compose(true));
  }, 120_000);

  it("hand a client the endpoint, a URL and the peer its egress targets, the same peer connect makes from names", async () => {
    const { mlflow, store: artifacts } = servers;
    expect(await resolved(mlflow!.endpoint)).toEqual({ host: "mlflow.ml-dev.svc.cluster.local", port: 5000 });
    expect(await resolved(mlflow!.url)).toBe("http://mlflow.ml-dev.svc.cluster.local:5000");
    expect(mlflow!.clientPeer).toEqual(connect(trainer, tracking, [5000]).egress);
    expect(await resolved(artifacts!.endpoint)).toEqual({ host: "artifacts.ml-dev.svc.cluster.local", port: 8333 });
    expect(await resolved(artifacts!.url!)).toBe("http://artifacts.ml-dev.svc.cluster.local:8333");
    expect(artifacts!.clientPeer).toEqual(connect(tracking, store, [8333]).egress);
  });

  it("with connect, admit exactly the declared traffic: the trainer to MLflow, MLflow (server and migration Job) to Postgres, MLflow to the store, and the components' own Jobs", () => {
    const all = linked.kubernetesObjects();
    expect(allowedFlows(flowPods(all), all.filter((o) => o.kind === "NetworkPolicy"), {})).toEqual([
      "Deployment/trainer -> StatefulSet/mlflow:5000",
      "Job/artifacts-buckets -> StatefulSet/artifacts:8333",
      "Job/mlflow-db-setup -> StatefulSet/mlflow-db:5432",
      "Job/mlflow-migrate -> StatefulSet/mlflow-db:5432",
      "StatefulSet/mlflow -> StatefulSet/artifacts:8333",
      "StatefulSet/mlflow -> StatefulSet/mlflow-db:5432",
    ]);
    expect(linked.networkProblems()).toEqual([]);
  });

  it("without connect, admit nobody but their own Jobs, and the program is refused naming both sides of every connection", () => {
    const pairs = unlinked.networkProblems().map((p) => /^(\S+ \S+) declares egress to (\S+ \S+) on port (\d+)/.exec(p)?.slice(1).join(" -> "));
    expect(pairs).toEqual([
      "Deployment ml-dev/trainer -> StatefulSet ml-dev/mlflow -> 5000",
      expect.stringMatching(/^Job ml-dev\/mlflow-migrate-\S+ -> StatefulSet ml-dev\/mlflow-db -> 5432$/),
      "StatefulSet ml-dev/mlflow -> StatefulSet ml-dev/artifacts -> 8333",
      "StatefulSet ml-dev/mlflow -> StatefulSet ml-dev/mlflow-db -> 5432",
    ]);
  });
});

describe("ObjectStore on S3 (EKS)", () => {
  it("gives the region's S3 endpoint, no URL (the SDK's default) and HTTPS as the peer to allow (S3 and STS have no fixed addresses)", async () => {
    let artifacts: ObjectStore | undefined;
    await record(() => (artifacts = new ObjectStore("artifacts", { cluster: EKS_CAPABILITIES, namespace: ML, buckets: ["mlflow"], serviceAccounts: ["mlflow"], s3: { region: "eu-west-1", bucketPrefix: "acme-ml" } }, onCluster())));
    expect(await resolved(artifacts!.endpoint)).toEqual({ host: "s3.eu-west-1.amazonaws.com", port: 443 });
    expect(artifacts!.url).toBeUndefined();
    expect(artifacts!.clientPeer).toEqual({ cidr: "0.0.0.0/0", ports: [443] });
  });
});
