/** Pure parts of Redis: validation, names and Kubernetes specs. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { containerResources, resourcesProblems } from "../core/resources";
import { mirrorImage, unpinnedReason } from "../core/images";
import { selectorLabels, standardLabels } from "../core/labels";
import { kubernetesName } from "../core/naming";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext } from "../core/security";
import { validateCapabilities } from "../platform/capabilities";
import { networkPolicyPeer, peerProblem } from "../core/peer";
import type { RedisArgs } from "./args";
import { REDIS_DEFAULTS } from "./defaults";

const COMPONENT = "Redis";
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

export function redisSettings(args: RedisArgs) {
  const a = withDefaults(
    { image: REDIS_DEFAULTS.image, storageSize: REDIS_DEFAULTS.storageSize, protect: REDIS_DEFAULTS.protect, resources: REDIS_DEFAULTS.resources },
    { image: args.image, storageSize: args.storageSize, protect: args.protect, resources: args.resources },
  );
  return { ...a, clients: args.clients ?? [], labels: args.labels ?? {} };
}

export type RedisSettings = ReturnType<typeof redisSettings>;

export function validateRedis(name: string, args: RedisArgs): RedisSettings {
  if (!args || typeof args !== "object") fail("args", args, "an object with at least cluster and namespace");
  validateCapabilities(COMPONENT, args.cluster);
  if (args.namespace === undefined || args.namespace === "") fail("namespace", args.namespace, "the namespace to run in");
  if (typeof name !== "string" || !/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(name)) fail("name", name, "a DNS-1123 label of at most 40 characters");
  const s = redisSettings(args);
  const reason = unpinnedReason(String(s.image));
  if (reason) fail("image", s.image, `an image pinned to a tag other than latest, or a digest (${reason})`);
  if (typeof s.storageSize !== "string" || !QUANTITY.test(s.storageSize)) fail("storageSize", s.storageSize, 'a Kubernetes quantity such as "2Gi"');
  const [resources] = resourcesProblems(s.resources);
  if (resources) fail(...resources);
  s.clients.forEach((peer, i) => {
    const problem = peerProblem(peer);
    if (problem) fail(`clients[${i}]`, peer, problem);
  });
  return s;
}

export function redisNames(name: string) {
  const base = kubernetesName(name);
  return { server: base, secret: kubernetesName([base, "auth"]) };
}

export function redisLabels(name: string, s: RedisSettings): Record<string, string> {
  const version = s.image.split(":").pop()?.split("@")[0];
  return { ...s.labels, ...standardLabels({ name: "redis", instance: name, component: "broker", version }) };
}

export function redisSelector(name: string): Record<string, string> {
  return selectorLabels({ name: "redis", instance: name });
}

/** `redis://:password@host:port/db` with the password URL-encoded. */
export function redisUrl(password: string, host: string, port: number, db = 0): string {
  return `redis://:${encodeURIComponent(password)}@${host}:${port}/${db}`;
}

export function renderService(name: string, s: RedisSettings, namespace: pulumi.Input<string>): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: redisNames(name).server, namespace, labels: redisLabels(name, s) },
    spec: { type: "ClusterIP", selector: redisSelector(name), ports: [{ name: "redis", port: REDIS_DEFAULTS.port, targetPort: "redis", protocol: "TCP" }] },
  };
}

/** `redis-cli ping` authenticated through REDISCLI_AUTH, so the password is on no command line. */
function ping(initialDelaySeconds: number, periodSeconds: number): k8s.types.input.core.v1.Probe {
  return { exec: { command: ["redis-cli", "-h", "127.0.0.1", "-p", String(REDIS_DEFAULTS.port), "ping"] }, initialDelaySeconds, periodSeconds, timeoutSeconds: 5, failureThreshold: 6 };
}

/**
 * The password goes into a config file on a memory-backed volume and
 * redis-server reads it from there: it never shows in the pod spec or in the
 * process list. Append-only persistence on the volume.
 */
export const REDIS_START = [
  "/bin/sh",
  "-c",
  `printf 'requirepass "%s"\\n' "$REDIS_PASSWORD" > ${REDIS_DEFAULTS.configMount}/auth.conf && unset REDIS_PASSWORD && exec redis-server ${REDIS_DEFAULTS.configMount}/auth.conf --appendonly yes --dir ${REDIS_DEFAULTS.dataMount} --port ${REDIS_DEFAULTS.port}`,
];

export function renderStatefulSet(name: string, s: RedisSettings, namespace: pulumi.Input<string>, mirrors: Record<string, string>, storageClass: pulumi.Input<string>): k8s.apps.v1.StatefulSetArgs {
  const names = redisNames(name);
  const labels = redisLabels(name, s);
  const password = { secretKeyRef: { name: names.secret, key: "password" } };
  return {
    metadata: { name: names.server, namespace, labels },
    spec: {
      serviceName: names.server,
      replicas: 1,
      selector: { matchLabels: redisSelector(name) },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels: { ...labels, ...redisSelector(name) } },
        spec: {
          ...podDefaults({ user: REDIS_DEFAULTS.uid }),
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: "redis",
              image: mirrorImage(s.image, mirrors),
              imagePullPolicy: "IfNotPresent",
              command: REDIS_START,
              ports: [{ name: "redis", containerPort: REDIS_DEFAULTS.port, protocol: "TCP" }],
              env: [
                { name: "REDIS_PASSWORD", valueFrom: password },
                { name: "REDISCLI_AUTH", valueFrom: password },
              ],
              resources: containerResources(s.resources),
              securityContext: restrictedContainerSecurityContext(),
              readinessProbe: ping(5, 10),
              livenessProbe: ping(20, 20),
              volumeMounts: [
                { name: "data", mountPath: REDIS_DEFAULTS.dataMount },
                { name: "auth", mountPath: REDIS_DEFAULTS.configMount },
              ],
            },
          ],
          volumes: [{ name: "auth", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } }],
        },
      },
      volumeClaimTemplates: [
        { metadata: { name: "data", labels }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: storageClass, resources: { requests: { storage: s.storageSize } } } },
      ],
    },
  };
}

/** Ingress on 6379 from the named clients only; no egress at all. */
export function renderNetworkPolicy(name: string, s: RedisSettings, namespace: pulumi.Input<string>): k8s.networking.v1.NetworkPolicyArgs {
  const ingress = s.clients.length ? [{ from: s.clients.map(networkPolicyPeer), ports: [{ protocol: "TCP", port: REDIS_DEFAULTS.port }] }] : [];
  return {
    metadata: { name: redisNames(name).server, namespace, labels: redisLabels(name, s) },
    spec: { podSelector: { matchLabels: redisSelector(name) }, policyTypes: ["Ingress", "Egress"], ingress, egress: [] },
  };
}
