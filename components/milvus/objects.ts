/**
 * Kubernetes objects Forja creates next to the chart: disruption budgets,
 * the namespace's NetworkPolicy, the NLB Service, Attu's Ingress, and the
 * transform that hardens MinIO's rendered StatefulSet. Pure renderers.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ingressControllerAnnotation } from "../platform/capabilities";
import { networkPolicyPeer } from "../core/peer";
import { MilvusAccess } from "./args";
import { ETCD_SELECTOR, KAFKA_CA_KEY, MILVUS_COMPONENT_LABELS, MILVUS_DEFAULTS, MILVUS_PORTS } from "./defaults";
import { MILVUS_COMPONENTS } from "./validate";
import type { MilvusComponentKey, MilvusPlan } from "./validate";
import { componentSelector, milvusLabels, objectNames } from "./values";

type Obj = Record<string, unknown>;

/**
 * policy/v1 PodDisruptionBudgets for Milvus's own multi-replica Deployments
 * (the chart has none) and for etcd, whose subchart's own is policy/v1beta1.
 * Kafka, ZooKeeper and MinIO make their own, in policy/v1.
 */
export function disruptionBudgets(plan: MilvusPlan, namespace: pulumi.Input<string>): { component: MilvusComponentKey | "etcd"; spec: Obj }[] {
  const budget = (component: string, selector: Record<string, string>) => ({
    metadata: { name: `${MILVUS_DEFAULTS.releaseName}-${component}`, namespace, labels: milvusLabels(plan, component) },
    // One member at a time: a 3-member etcd keeps its quorum through a node drain.
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  });
  const budgets: { component: MilvusComponentKey | "etcd"; spec: Obj }[] = MILVUS_COMPONENTS.filter((key) => plan.components[key].replicas > 1).map((key) => ({
    component: key,
    spec: budget(MILVUS_COMPONENT_LABELS[key], componentSelector(key)),
  }));
  if (plan.components.etcd.replicas > 1) budgets.push({ component: "etcd", spec: budget("etcd", { ...ETCD_SELECTOR }) });
  return budgets;
}

/** The external Kafka's CA, mounted into every Milvus container (public data: a ConfigMap, not a Secret). */
export function kafkaCaConfigMap(plan: MilvusPlan, namespace: pulumi.Input<string>): Obj | undefined {
  const ca = plan.externalKafka?.caCertificate;
  if (ca === undefined) return undefined;
  return { metadata: { name: objectNames(plan).kafkaCa, namespace, labels: milvusLabels(plan) }, data: { [KAFKA_CA_KEY]: ca } };
}

/**
 * Ingress to every pod of the namespace: from the namespace itself (Milvus's
 * components, etcd, Kafka, MinIO talk to each other), the proxy port from the
 * named clients, metrics (9091, which also serves Milvus's unauthenticated
 * management API) from the named metrics sources only, the NLB's source
 * ranges, and Attu from the ingress controller. Egress stays open: S3, STS
 * and MSK are outside the cluster.
 */
export function networkPolicy(plan: MilvusPlan, namespace: pulumi.Input<string>): Obj {
  const port = (p: number) => ({ protocol: "TCP", port: p });
  const ingress: Obj[] = [{ from: [{ podSelector: {} }] }];
  if (plan.clients.length > 0) ingress.push({ from: plan.clients.map(networkPolicyPeer), ports: [port(MILVUS_PORTS.grpc)] });
  if (plan.metricsSources.length > 0) ingress.push({ from: plan.metricsSources.map(networkPolicyPeer), ports: [port(MILVUS_PORTS.metrics)] });
  if (plan.access === MilvusAccess.InternalLoadBalancer) ingress.push({ from: plan.loadBalancerSourceRanges.map((cidr) => ({ ipBlock: { cidr } })), ports: [port(MILVUS_PORTS.grpc)] });
  if (plan.attu && plan.cluster.ingress.sourcePeers.length > 0) ingress.push({ from: plan.cluster.ingress.sourcePeers.map(networkPolicyPeer), ports: [port(MILVUS_PORTS.attu)] });
  return {
    metadata: { name: objectNames(plan).networkPolicy, namespace, labels: milvusLabels(plan) },
    spec: { podSelector: {}, policyTypes: ["Ingress"], ingress },
  };
}

/** An internal NLB in front of the proxy pods (the AWS Load Balancer Controller provisions it). */
export function loadBalancerService(plan: MilvusPlan, namespace: pulumi.Input<string>): Obj | undefined {
  if (plan.access !== MilvusAccess.InternalLoadBalancer) return undefined;
  return {
    metadata: {
      name: objectNames(plan).loadBalancer,
      namespace,
      labels: milvusLabels(plan, "proxy"),
      annotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
        "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
        ...ingressControllerAnnotation(plan.cluster),
      },
    },
    spec: {
      type: "LoadBalancer",
      loadBalancerSourceRanges: plan.loadBalancerSourceRanges,
      selector: componentSelector("proxy"),
      ports: [{ name: "milvus", port: MILVUS_PORTS.grpc, targetPort: "milvus", protocol: "TCP" }],
    },
  };
}

/** Attu's route on the cluster's ingress class, created after (and deleted before) the ingress controller. */
export function attuIngress(plan: MilvusPlan, namespace: pulumi.Input<string>): Obj | undefined {
  if (!plan.attu) return undefined;
  const names = objectNames(plan);
  const annotations: Record<string, pulumi.Input<string>> = { ...plan.cluster.ingress.annotations, ...ingressControllerAnnotation(plan.cluster) };
  if (plan.cluster.ingress.controller === "aws-alb") {
    Object.assign(annotations, {
      "alb.ingress.kubernetes.io/scheme": "internal",
      "alb.ingress.kubernetes.io/target-type": "ip",
      "alb.ingress.kubernetes.io/healthcheck-path": "/",
      // Attu serves from "/": its own ALB group, so it never shadows other routes.
      "alb.ingress.kubernetes.io/group.name": `${plan.namespace}-attu`,
    });
  }
  return {
    metadata: { name: names.attu, namespace, labels: milvusLabels(plan, "attu"), annotations },
    spec: {
      ingressClassName: plan.cluster.ingress.className,
      rules: [{ host: plan.attu.host, http: { paths: [{ path: plan.attu.path, pathType: "Prefix", backend: { service: { name: names.attu, port: { number: MILVUS_PORTS.attu } } } }] } }],
    },
  };
}

const MINIO_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  privileged: false,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/**
 * The MinIO subchart (8.0.17) sets only a pod-level user and group: it has no
 * key for seccomp, capabilities or privilege escalation. Forja adds them to the
 * rendered StatefulSet (a transform on the chart), so the namespace can still
 * enforce the restricted standard. Returns undefined for every other object.
 */
export function hardenMinio(type: string, props: Obj): Obj | undefined {
  if (type !== "kubernetes:apps/v1:StatefulSet") return undefined;
  const template = ((props.spec as Obj | undefined)?.template as Obj | undefined) ?? {};
  const labels = ((template.metadata as Obj | undefined)?.labels as Record<string, string> | undefined) ?? {};
  if (labels.app !== "minio") return undefined;
  const pod = (template.spec as Obj | undefined) ?? {};
  const harden = (containers: unknown) => (containers as Obj[] | undefined)?.map((c) => ({ ...c, securityContext: { ...(c.securityContext as Obj | undefined), ...MINIO_CONTAINER_SECURITY } }));
  const spec: Obj = {
    ...pod,
    securityContext: { ...(pod.securityContext as Obj | undefined), runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: harden(pod.containers),
  };
  if (pod.initContainers) spec.initContainers = harden(pod.initContainers);
  return { ...props, spec: { ...(props.spec as Obj), template: { ...template, spec } } };
}
