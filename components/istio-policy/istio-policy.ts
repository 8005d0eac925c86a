import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { IstioPolicyArgs } from "./args";
import { planIstioPolicy, renderIstioPolicy } from "./values";

/**
 * A namespace's Istio traffic and security policy as typed v1 resources:
 * a Gateway and its VirtualServices, DestinationRules, STRICT mutual TLS with
 * named plaintext exceptions for metrics scrapes only, JWT validation and
 * ALLOW authorization. Every object waits for istiod (`meshReady`): the CRDs
 * and the validating webhook come with it.
 */
export class IstioPolicy extends pulumi.ComponentResource {
  /** `Kind/name` of every object created. */
  readonly objects: string[];

  constructor(name: string, args: IstioPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planIstioPolicy(args);
    requireKubernetesProvider("IstioPolicy", opts);
    super("forja:index:IstioPolicy", name, {}, opts);
    const objects = renderIstioPolicy(plan);
    // Destination hosts may be Outputs (a Service's name): Pulumi resolves them inside the spec.
    for (const o of objects) new k8s.apiextensions.CustomResource(childName(name, `${o.kind.toLowerCase()}-${o.metadata.name}`), o as unknown as k8s.apiextensions.CustomResourceArgs, { parent: this, dependsOn: plan.meshReady });
    this.objects = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    this.registerOutputs({ objects: this.objects });
  }
}
