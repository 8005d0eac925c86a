import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { serverPeer } from "../core/connect";
import type { Endpoint } from "../core/connect";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects } from "../stateful-app/resources";
import { appLabels, appSelector, routeUrl } from "../stateful-app/values";
import type { StatefulServiceArgs } from "./args";
import { statefulServiceNetwork, statefulServiceSettings, statefulServiceSpec, validateStatefulService, volumeClaimName } from "./values";

/**
 * One stateful container: a one-replica StatefulSet whose volume is retained
 * (deleting or scaling the StatefulSet never deletes it), probes, env from
 * literals and Secrets, a ClusterIP Service, a default-deny NetworkPolicy
 * and an optional route. The renderer Flowise, N8n, Prometheus and Grafana
 * share; WebService stays the stateless, scalable Deployment.
 */
export class StatefulService extends pulumi.ComponentResource {
  /** In-cluster URL: `http://<name>.<namespace>.svc.cluster.local:<servicePort>` (`tcp://` when the port is not named http). */
  readonly url: pulumi.Output<string>;
  /** The route's URL, when it has one. */
  readonly publicUrl?: string;
  /** The pod's immutable labels: a peer (`{ podLabels }`) for other NetworkPolicies. */
  readonly podSelector: Record<string, string>;
  /** Where it listens, for a client's configuration. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** What a client's egress must allow: this service's pod on its port (admit the client with `clients`). */
  readonly clientPeer: Peer;
  /** The PersistentVolumeClaim holding the data (kept after `pulumi destroy`). */
  readonly volumeClaimName: string;

  constructor(name: string, args: StatefulServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    validateStatefulService(name, args);
    requireKubernetesProvider("StatefulService", opts);
    super("forja:index:StatefulService", name, {}, opts);
    const s = statefulServiceSettings(args);
    const labels = appLabels({ name, app: name, image: args.image, labels: args.labels ?? {} });
    // Auto-named: new values make a new Secret, whose new name rolls the pod.
    const secret = Object.keys(args.secretEnv ?? {}).length
      ? new k8s.core.v1.Secret(
          childName(name, "secret"),
          { metadata: { namespace: args.namespace, labels }, type: "Opaque", stringData: pulumi.secret(args.secretEnv as Record<string, pulumi.Input<string>>) },
          { parent: this },
        )
      : undefined;
    const spec = statefulServiceSpec(name, args, secret?.metadata.name);
    const { service } = createAppObjects(this, spec, statefulServiceNetwork(args), s.protect, secret ? [secret] : []);
    const scheme = s.portName === "http" || s.portName.startsWith("http-") ? "http" : "tcp";
    this.url = pulumi.interpolate`${scheme}://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${args.servicePort ?? args.port}`;
    this.publicUrl = routeUrl(args.route);
    this.podSelector = appSelector(spec);
    this.endpoint = pulumi.interpolate`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`.apply((host) => ({ host, port: args.servicePort ?? args.port }));
    this.clientPeer = serverPeer(name, args.namespace, [args.port]);
    this.volumeClaimName = volumeClaimName(name);
    this.registerOutputs({ url: this.url, podSelector: this.podSelector, endpoint: this.endpoint, clientPeer: this.clientPeer, volumeClaimName: this.volumeClaimName });
  }
}
