import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Endpoint } from "../core/connect";
import { serverPeer } from "../core/connect";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { RayServiceArgs } from "./args";
import { RAY_PORTS } from "./defaults";
import { planRayService, rayPodMonitorSpec, rayServiceSpec } from "./values";

/**
 * A Ray Serve application as a `ray.io/v1` RayService: head-only by default
 * (Serve replicas on the head, no HPA: Ray scales itself), `rayVersion` tied
 * to the image, the app's code baked into the image (a `working_dir` URL
 * would need egress at pod start). Created after the operator is ready.
 */
export class RayService extends pulumi.ComponentResource {
  /** `<name>-serve-svc`: the Service KubeRay puts in front of the Serve app. */
  readonly serveServiceName: pulumi.Output<string>;
  /** The app's in-cluster URL on the serve port. */
  readonly serveUrl: pulumi.Output<string>;
  /** Where the Serve app listens: `<name>-serve-svc` and port 8000. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** The peer a client's egress must allow: the Ray pods on 8000 (the same as `connect(client, ray, [8000]).egress`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: RayServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planRayService(name, args);
    requireKubernetesProvider("RayService", opts);
    super("forja:index:RayService", name, {}, opts);
    const service = new k8s.apiextensions.CustomResource(
      childName(name, "rayservice"),
      { apiVersion: "ray.io/v1", kind: "RayService", metadata: { name: plan.name, namespace: plan.namespace, labels: { "app.kubernetes.io/name": plan.name, "app.kubernetes.io/managed-by": "forja" } }, spec: rayServiceSpec(plan) },
      { parent: this, dependsOn: plan.operatorReady },
    );
    if (plan.monitoringReady) {
      new k8s.apiextensions.CustomResource(
        childName(name, "podmonitor"),
        { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name: plan.name, namespace: plan.namespace }, spec: rayPodMonitorSpec(plan) },
        { parent: this, dependsOn: plan.monitoringReady },
      );
    }
    this.serveServiceName = pulumi.output(`${plan.name}-serve-svc`);
    this.serveUrl = pulumi.interpolate`http://${plan.name}-serve-svc.${service.metadata.namespace}.svc:${RAY_PORTS.serve}${plan.app.routePrefix}`;
    this.endpoint = pulumi.interpolate`${plan.name}-serve-svc.${service.metadata.namespace}.svc.cluster.local`.apply((host) => ({ host, port: RAY_PORTS.serve }));
    this.clientPeer = serverPeer(name, plan.namespace, [RAY_PORTS.serve]);
    this.registerOutputs({ serveServiceName: this.serveServiceName, serveUrl: this.serveUrl, endpoint: this.endpoint, clientPeer: this.clientPeer });
  }
}
