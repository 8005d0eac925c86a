/**
 * Shared shapes for the policy tests: one case per rule outcome, hardened pods
 * in every pod-bearing kind, and a runner that returns one rule's messages.
 */
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../components/core";
import { runPolicies } from "../../policies/rules";

export type Props = Record<string, unknown>;

export interface RuleCase {
  rule: string;
  /** What the case shows. */
  title: string;
  type: string;
  props: Props;
  protect?: boolean;
  production?: boolean;
  /** Inputs that are Pulumi secrets, as the synth knows them; undefined is the engine's view. */
  secretPaths?: string[];
  /** One substring per expected message of this rule, in order; [] for a passing case. */
  expect: string[];
}

/** The messages one rule reports for one resource. */
export function messagesOf(rule: string, c: Omit<RuleCase, "rule" | "title" | "expect">): string[] {
  return runPolicies([{ type: c.type, name: "subject", urn: `urn:pulumi:test::forja::${c.type}::subject`, props: c.props, protect: c.protect ?? false, secretPaths: c.secretPaths }], {
    production: c.production ?? false,
  })
    .filter((violation) => violation.policy === rule)
    .map((violation) => violation.message);
}

export function hardenedContainer(): Props {
  return {
    name: "app",
    image: "ghcr.io/acme/app:1.2.3",
    ports: [{ name: "http", containerPort: 8080 }],
    securityContext: restrictedContainerSecurityContext(),
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  };
}

export interface Template {
  metadata: Props;
  spec: Props;
}

export function hardenedTemplate(): Template {
  return {
    metadata: { labels: { app: "app" } },
    spec: { securityContext: restrictedPodSecurityContext(), containers: [hardenedContainer()], volumes: [{ name: "scratch", emptyDir: { sizeLimit: "64Mi" } }] },
  };
}

/** Every pod-bearing kind, built around one pod template. */
export const POD_KINDS: Record<string, (template: Template) => Props> = {
  "kubernetes:core/v1:Pod": (t) => ({ metadata: { name: "app", ...t.metadata }, spec: t.spec }),
  "kubernetes:core/v1:PodTemplate": (t) => ({ template: t }),
  "kubernetes:core/v1:ReplicationController": (t) => ({ spec: { template: t } }),
  "kubernetes:apps/v1:Deployment": (t) => ({ spec: { template: t } }),
  "kubernetes:apps/v1:StatefulSet": (t) => ({ spec: { serviceName: "app", template: t } }),
  "kubernetes:apps/v1:DaemonSet": (t) => ({ spec: { template: t } }),
  "kubernetes:apps/v1:ReplicaSet": (t) => ({ spec: { template: t } }),
  "kubernetes:batch/v1:Job": (t) => ({ spec: { template: t } }),
  "kubernetes:batch/v1:CronJob": (t) => ({ spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: t } } } }),
};

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** A Deployment around a hardened template changed by `change`. */
export function deployment(change: (template: Template) => void = () => undefined): Props {
  const template = hardenedTemplate();
  change(template);
  return POD_KINDS[DEPLOYMENT](template);
}

export function firstContainer(template: Template): Props {
  return (template.spec.containers as Props[])[0];
}

export function containerContext(template: Template): Props {
  return firstContainer(template).securityContext as Props;
}

export const iamDocument = (...statements: Props[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
