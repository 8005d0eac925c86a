/**
 * `forja:services.<name>`: one WebService each. The keys are WebService's
 * args (tsc holds them to WebServiceArgs in both directions); the rules are
 * WebService's own validator, run here so every problem is reported at once.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { WebServiceArgs } from "../../components/web-service";
import { PathType } from "../../components/web-service";
import { webServiceProblems } from "../../components/web-service/validate";
import { defaultIngressGroup } from "../../components/web-service/values";
import { componentProblems, problem } from "./issues";
import { peerSchema } from "./base";
import type { Assert, Fits, SameKeys } from "./types";

/** Quantities may be written as YAML numbers (`cpu: 1`), as Kubernetes allows. */
const quantity = z.union([z.string(), z.number()]).transform(String);
const port = z.number().int();
const text = z.string({ error: "expected a string (quote numbers and booleans)" });

const probe = z
  .object({
    http: z.object({ path: z.string(), port: port.optional() }).strict().optional(),
    tcp: z.object({ port: port.optional() }).strict().optional(),
    exec: z.object({ command: z.array(z.string()) }).strict().optional(),
    initialDelaySeconds: z.number().int().optional(),
    periodSeconds: z.number().int().optional(),
    timeoutSeconds: z.number().int().optional(),
    failureThreshold: z.number().int().optional(),
  })
  .strict();

export const serviceSchema = z
  .object({
    image: z.string(),
    port: port.optional(),
    servicePort: port.optional(),
    extraPorts: z.array(z.object({ name: z.string(), port }).strict()).optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    resources: z
      .object({
        requests: z.object({ cpu: quantity, memory: quantity }).strict(),
        limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
      })
      .strict(),
    replicas: z.number().int().optional(),
    autoscaling: z.object({ minReplicas: z.number().int(), maxReplicas: z.number().int(), cpuUtilization: z.number().int().optional() }).strict().optional(),
    env: z.record(z.string(), text).optional(),
    /** Names of variables whose values are in the secret key forja:serviceSecrets.<service>. */
    secretEnv: z.array(z.string()).optional(),
    probes: z.object({ readiness: probe.optional(), liveness: probe.optional(), startup: probe.optional() }).strict().optional(),
    ingress: z
      .object({
        path: z.string(),
        pathType: z.enum(Object.values(PathType) as [PathType, ...PathType[]]).optional(),
        host: z.string().optional(),
        group: z.string().optional(),
        healthCheckPath: z.string().optional(),
        internetFacing: z.boolean().optional(),
        certificateArn: z.string().optional(),
        allowPlainHttp: z.boolean().optional(),
      })
      .strict()
      .optional(),
    roleArn: z.string().optional(),
    /** IAM policy documents by name, as YAML maps or JSON text. */
    rolePolicies: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.unknown())]).transform((p) => (typeof p === "string" ? p : JSON.stringify(p)))).optional(),
    imagePullSecrets: z.array(z.string()).optional(),
    networkPolicy: z.object({ ingressFrom: z.array(peerSchema).optional(), egressTo: z.array(peerSchema).optional() }).strict().optional(),
    runAsUser: z.number().int().optional(),
    readOnlyRootFilesystem: z.boolean().optional(),
    labels: z.record(z.string(), text).optional(),
  })
  .strict();
export type ServiceConfig = z.output<typeof serviceSchema>;

/** WebService args the program supplies rather than the stack file. */
export const PROGRAM_SUPPLIED = ["cluster", "namespace"] as const;
type Supplied = (typeof PROGRAM_SUPPLIED)[number];
/** Config keys whose value the program turns into the arg: secretEnv names -> values from forja:serviceSecrets. */
type Transformed = "secretEnv";

/** Every WebService arg is a service key or program-supplied, and every service key is a WebService arg. */
export type ServiceKeysMatchWebService = Assert<SameKeys<keyof ServiceConfig | Supplied, keyof WebServiceArgs>>;
/** A parsed service is valid WebService args once the program adds its part. */
export type ServiceFitsWebService = Assert<Fits<Omit<ServiceConfig, Transformed>, Omit<WebServiceArgs, Supplied | Transformed>>>;

/** A service as the program composes it: its secret env resolved to Pulumi secrets; other parts of the stack may add env and role policies (GenAiAccess). */
export interface ServiceSpec extends Omit<ServiceConfig, Transformed | "env" | "rolePolicies"> {
  env?: Record<string, pulumi.Input<string>>;
  secretEnv: Record<string, pulumi.Output<string>>;
  rolePolicies?: Record<string, pulumi.Input<string>>;
}

/** The WebService args of one configured service. */
export function webServiceArgs(spec: ServiceSpec, cluster: ClusterCapabilities, namespace: pulumi.Input<string>): WebServiceArgs {
  return { ...spec, cluster, namespace };
}

/** Where each WebService argument of service `name` comes from in the stack file. */
export function serviceKeys(name: string): [string, string][] {
  return [
    ["", `forja:services.${name}`],
    ["name", `forja:services.${name}`],
    ["namespace", "forja:namespace"],
    ["cluster", "forja:target"],
    ["secretEnv", `forja:serviceSecrets.${name}`],
  ];
}

/** WebService's own rules for one service, under stack keys. */
export function serviceProblems(name: string, args: WebServiceArgs, isSecret: (path: string) => boolean): string[] {
  const errors = webServiceProblems(name, args);
  // A role the cluster cannot give is the service's key's fault, not the target's.
  const roleKey = `forja:services.${name}.${args.roleArn !== undefined ? "roleArn" : "rolePolicies"}`;
  const identity = errors.filter((e) => e.argument.startsWith("cluster.workloadIdentity")).map((e) => `${roleKey} is set but forja:target "${args.cluster.kind}" gives pods no cloud role: expected ${e.expected}`);
  return [...identity, ...componentProblems(errors, serviceKeys(name), isSecret, (argument) => argument.startsWith("cluster.workloadIdentity"))];
}

/** Secret values and secretEnv names must pair up: a value without a name, or a name without a value, is a mistake. */
export function serviceSecretProblems(services: Record<string, ServiceConfig>, secrets: Record<string, Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(services)) {
    for (const variable of spec.secretEnv ?? []) {
      if (secrets[name]?.[variable] === undefined) {
        problems.push(`forja:services.${name}.secretEnv names ${variable} but forja:serviceSecrets.${name}.${variable} is not set: \`pulumi config set --secret --path 'serviceSecrets.${name}.${variable}' ...\``);
      }
    }
  }
  for (const [name, values] of Object.entries(secrets)) {
    if (!(name in services)) {
      problems.push(`forja:serviceSecrets.${name} is set but there is no forja:services.${name}: expected secrets only for a configured service (${Object.keys(services).join(", ") || "none"})`);
      continue;
    }
    for (const variable of Object.keys(values)) {
      if (!(services[name].secretEnv ?? []).includes(variable)) {
        problems.push(`forja:serviceSecrets.${name}.${variable} is set but forja:services.${name}.secretEnv does not list it: expected it in secretEnv, or the value removed`);
      }
    }
  }
  return problems;
}

/** `/api/` and `/api` route the same requests. */
function routePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/**
 * Two services claiming one host and path: the controller would send the
 * route to only one of them. On an ALB, routes of one group share a load
 * balancer: they must agree on scheme and on TLS (`ssl-redirect` is group-wide).
 */
export function routeProblems(services: Record<string, ServiceConfig>, alb: boolean): string[] {
  const problems: string[] = [];
  const claimed = new Map<string, { owner: string; path: string }>();
  const groups = new Map<string, { owner: string; internetFacing: boolean; tls: boolean }>();
  for (const [name, spec] of Object.entries(services)) {
    const ingress = spec.ingress;
    if (!ingress) continue;
    const route = `${ingress.host ?? "*"} ${routePath(ingress.path)}`;
    const claim = claimed.get(route);
    if (claim !== undefined) {
      problems.push(problem(`forja:services.${name}.ingress.path`, ingress.path, `a route no other service claims: forja:services.${claim.owner} already routes ${ingress.host ?? "every host"} ${claim.path}`));
    } else claimed.set(route, { owner: name, path: ingress.path });
    if (!alb) continue;
    const group = ingress.group ?? defaultIngressGroup(ingress);
    const shape = { owner: name, internetFacing: ingress.internetFacing === true, tls: ingress.certificateArn !== undefined };
    const first = groups.get(group);
    if (!first) groups.set(group, shape);
    else if (first.internetFacing !== shape.internetFacing || first.tls !== shape.tls) {
      const describe = (g: typeof shape) => `${g.internetFacing ? "internet-facing" : "internal"}, ${g.tls ? "HTTPS" : "plain HTTP"}`;
      problems.push(
        problem(`forja:services.${name}.ingress.group`, group, `a load balancer group whose routes agree on scheme and TLS: forja:services.${first.owner} makes ${group} ${describe(first)}, this route is ${describe(shape)}`),
      );
    }
  }
  return problems;
}
