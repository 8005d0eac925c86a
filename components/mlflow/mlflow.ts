import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Endpoint } from "../core/connect";
import { serverPeer } from "../core/connect";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects } from "../stateful-app/resources";
import { appLabels, appSelector } from "../stateful-app/values";
import type { MlflowArgs } from "./args";
import { MLFLOW_DEFAULTS } from "./defaults";
import { mlflowNetwork, mlflowServiceMonitorSpec, mlflowSpec, planMlflow, renderMigrationJob, renderMigrationNetworkPolicy } from "./values";

/**
 * The MLflow tracking server (seed 004): the `-full` image as uid 1000 with a
 * read-only root, Postgres as backend store (its URL by Secret reference),
 * artifacts proxied to an S3-compatible bucket, `--allowed-hosts` for every
 * name it is reached by, Prometheus metrics, and `mlflow db upgrade` as a
 * Job the server waits for. One pod on the shared single-pod renderer, with
 * no volume: its state is in Postgres and the bucket.
 */
export class Mlflow extends pulumi.ComponentResource {
  /** In-cluster URL, http://<name>.<namespace>.svc.cluster.local:5000 (a client's `MLFLOW_TRACKING_URI`). */
  readonly url: pulumi.Output<string>;
  /** The server's Service name (a VirtualService's destination). */
  readonly serviceName: pulumi.Output<string>;
  /** The server pods' labels. */
  readonly podSelector: Record<string, string>;
  /** Where the server listens: its Service's in-cluster name and port 5000. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** The peer a client's egress must allow: MLflow's pods on 5000 (the same as `connect(client, mlflow, [5000]).egress`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: MlflowArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planMlflow(name, args);
    requireKubernetesProvider("Mlflow", opts);
    super("forja:index:Mlflow", name, {}, opts);
    const parent = { parent: this };
    const annotations = plan.artifacts.serviceAccountAnnotations;
    // A ServiceAccount only when the bucket is reached by the pod's cloud identity (IRSA / Pod Identity).
    const account =
      annotations !== undefined
        ? new k8s.core.v1.ServiceAccount(childName(name, "serviceaccount"), { metadata: { name, namespace: plan.namespace, labels: plan.labels, annotations }, automountServiceAccountToken: false }, parent)
        : undefined;
    const spec = mlflowSpec(name, plan, account ? name : undefined);
    new k8s.networking.v1.NetworkPolicy(childName(name, "migrate-netpol"), renderMigrationNetworkPolicy(name, plan), parent);
    // A component's dependsOn does not hold back its children: each waits for what it needs itself.
    const migration = new k8s.batch.v1.Job(childName(name, "migrate"), renderMigrationJob(name, plan), { parent: this, dependsOn: plan.databaseReady ?? [] });
    const { service } = createAppObjects(this, spec, mlflowNetwork(plan), false, [migration, ...(account ? [account] : []), ...(plan.serverReady ?? [])]);
    if (plan.monitoringReady) {
      new k8s.apiextensions.CustomResource(
        childName(name, "servicemonitor"),
        { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name, namespace: plan.namespace, labels: appLabels(spec) }, spec: mlflowServiceMonitorSpec(name) },
        { parent: this, dependsOn: plan.monitoringReady },
      );
    }
    const host = pulumi.interpolate`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
    this.url = pulumi.interpolate`http://${host}:${MLFLOW_DEFAULTS.port}`;
    this.serviceName = service.metadata.name;
    this.podSelector = appSelector(spec);
    this.endpoint = host.apply((h) => ({ host: h, port: MLFLOW_DEFAULTS.port }));
    this.clientPeer = serverPeer(name, plan.namespace, [MLFLOW_DEFAULTS.port]);
    this.registerOutputs({ url: this.url, serviceName: this.serviceName, podSelector: this.podSelector, endpoint: this.endpoint, clientPeer: this.clientPeer });
  }
}
