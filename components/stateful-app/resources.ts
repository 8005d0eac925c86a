/** Turns an app spec into resources under its component: the only SDK-facing part of the shared renderer. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import type { AppNetwork, AppPodSpec } from "./values";
import { keysSecretName, renderIngress, renderNetworkPolicy, renderService, renderStatefulSet } from "./values";

export interface AppObjects {
  service: k8s.core.v1.Service;
  statefulSet: k8s.apps.v1.StatefulSet;
}

/** Service, NetworkPolicy, StatefulSet (protected when asked; its volume is retained either way) and the route. */
export function createAppObjects(parent: pulumi.ComponentResource, spec: AppPodSpec, network: AppNetwork, protect: boolean, dependsOn: pulumi.Resource[] = []): AppObjects {
  const opts = { parent };
  const service = new k8s.core.v1.Service(childName(spec.name, "service"), renderService(spec), opts);
  new k8s.networking.v1.NetworkPolicy(childName(spec.name, "netpol"), renderNetworkPolicy(spec, network), opts);
  const statefulSet = new k8s.apps.v1.StatefulSet(childName(spec.name, "statefulset"), renderStatefulSet(spec), { parent, protect, dependsOn: [service, ...dependsOn] });
  if (network.route) new k8s.networking.v1.Ingress(childName(spec.name, "ingress"), renderIngress(spec, network.route), opts);
  return { service, statefulSet };
}

/**
 * A generated key kept in state: the same on every `pulumi up`. Keys that
 * encrypt stored data are protected, since a new one makes the data unreadable.
 */
export function generatedKey(parent: pulumi.ComponentResource, name: string, length: number, protect: boolean): pulumi.Output<string> {
  return pulumi.secret(new random.RandomPassword(name, { length, special: false }, { parent, protect }).result);
}

/** A Secret of generated keys (and passwords) the pod reads by reference. */
export function keySecret(parent: pulumi.ComponentResource, name: string, namespace: pulumi.Input<string>, labels: Record<string, string>, data: Record<string, pulumi.Input<string>>): k8s.core.v1.Secret {
  return new k8s.core.v1.Secret(childName(name, "keys"), { metadata: { name: keysSecretName(name), namespace, labels }, type: "Opaque", stringData: pulumi.secret(data) }, { parent });
}
