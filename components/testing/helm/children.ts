/**
 * A rendered chart object as Pulumi's kubernetes provider registers it under
 * a v4 Chart (`provider/pkg/provider/yaml/v2`): type `kubernetes:<group>/<version>:<Kind>`
 * (`core` for the core group), name `<chart name>:<namespace>/<object name>`
 * (cluster-scoped objects: `<chart name>:<object name>`), the release's
 * namespace on namespaced objects that have none, and
 * `config.kubernetes.io/depends-on` turned into dependencies on siblings.
 */
import type { ManifestObject, RenderedManifest } from "./render";

/** Built-in kinds that have no namespace; custom kinds are cluster-scoped when the chart's own CRD says so. */
const CLUSTER_SCOPED = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterRoleBinding",
  "ComponentStatus",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PodSecurityPolicy",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
]);

export interface ChartChild {
  type: string;
  name: string;
  object: ManifestObject;
  template: string;
  /** `group/Kind/namespace/name` keys of the siblings this object waits for. */
  dependsOnKeys: string[];
  /** `helm.sh/resource-policy: keep`: the provider retains the object on delete. */
  retainOnDelete: boolean;
}

export function typeToken(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  return `kubernetes:${group}/${version}:${kind}`;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

export function objectKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ""}/${name}`;
}

/** `apps/namespaces/ns/StatefulSet/x` or `rbac.authorization.k8s.io/ClusterRole/x` (group empty for core). */
function parseDependsOn(reference: string): string | undefined {
  const parts = reference.trim().split("/");
  if (parts.length === 5 && parts[1] === "namespaces") return objectKey(parts[0], parts[3], parts[2], parts[4]);
  if (parts.length === 3) return objectKey(parts[0], parts[1], undefined, parts[2]);
  return undefined;
}

/** The chart's objects as the provider registers them, namespaces applied. */
export function chartChildren(manifests: RenderedManifest[], prefix: string, namespace: string): ChartChild[] {
  const clusterScopedCustom = new Set(
    manifests
      .filter((m) => m.object.kind === "CustomResourceDefinition" && (m.object.spec as { scope?: string } | undefined)?.scope === "Cluster")
      .map((m) => `${(m.object.spec as { group?: string }).group}/${(m.object.spec as { names?: { kind?: string } }).names?.kind}`),
  );
  return manifests.map(({ object, template }) => {
    const clusterScoped = CLUSTER_SCOPED.has(object.kind) || clusterScopedCustom.has(`${groupOf(object.apiVersion)}/${object.kind}`);
    const metadata = { ...object.metadata };
    if (clusterScoped) delete metadata.namespace;
    else metadata.namespace = metadata.namespace ?? namespace;
    const annotations = metadata.annotations ?? {};
    const dependsOnKeys = (annotations["config.kubernetes.io/depends-on"] ?? "")
      .split(",")
      .filter((reference) => reference.trim() !== "")
      .map(parseDependsOn)
      .filter((key): key is string => key !== undefined);
    return {
      type: typeToken(object.apiVersion, object.kind),
      name: `${prefix}:${metadata.namespace ? `${metadata.namespace}/` : ""}${metadata.name}`,
      object: { ...object, metadata },
      template,
      dependsOnKeys,
      retainOnDelete: annotations["helm.sh/resource-policy"] === "keep",
    };
  });
}

export function childKey(child: { object: ManifestObject }): string {
  return objectKey(groupOf(child.object.apiVersion), child.object.kind, child.object.metadata.namespace, child.object.metadata.name);
}
