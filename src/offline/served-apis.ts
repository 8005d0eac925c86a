/**
 * API versions Kubernetes stopped serving, from the upstream "Deprecated API
 * Migration Guide" (kubernetes.io/docs/reference/using-api/deprecation-guide/).
 * An object whose apiVersion/kind the target no longer serves is refused by
 * the API server at `pulumi up`; the synth says so first, with the version to use.
 */
interface Removal {
  apiVersion: string;
  /** Kinds removed from that API version; undefined: the whole group version is gone. */
  kinds?: string[];
  removedIn: number;
  use: string;
}

const WORKLOADS = ["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet"];

const REMOVALS: Removal[] = [
  { apiVersion: "extensions/v1beta1", kinds: [...WORKLOADS, "NetworkPolicy", "PodSecurityPolicy"], removedIn: 16, use: "apps/v1 or networking.k8s.io/v1" },
  { apiVersion: "apps/v1beta1", removedIn: 16, use: "apps/v1" },
  { apiVersion: "apps/v1beta2", removedIn: 16, use: "apps/v1" },
  { apiVersion: "admissionregistration.k8s.io/v1beta1", removedIn: 22, use: "admissionregistration.k8s.io/v1" },
  { apiVersion: "apiextensions.k8s.io/v1beta1", removedIn: 22, use: "apiextensions.k8s.io/v1" },
  { apiVersion: "apiregistration.k8s.io/v1beta1", removedIn: 22, use: "apiregistration.k8s.io/v1" },
  { apiVersion: "authentication.k8s.io/v1beta1", removedIn: 22, use: "authentication.k8s.io/v1" },
  { apiVersion: "authorization.k8s.io/v1beta1", removedIn: 22, use: "authorization.k8s.io/v1" },
  { apiVersion: "certificates.k8s.io/v1beta1", removedIn: 22, use: "certificates.k8s.io/v1" },
  { apiVersion: "coordination.k8s.io/v1beta1", removedIn: 22, use: "coordination.k8s.io/v1" },
  { apiVersion: "extensions/v1beta1", kinds: ["Ingress"], removedIn: 22, use: "networking.k8s.io/v1" },
  { apiVersion: "networking.k8s.io/v1beta1", removedIn: 22, use: "networking.k8s.io/v1" },
  { apiVersion: "rbac.authorization.k8s.io/v1beta1", removedIn: 22, use: "rbac.authorization.k8s.io/v1" },
  { apiVersion: "scheduling.k8s.io/v1beta1", removedIn: 22, use: "scheduling.k8s.io/v1" },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"], removedIn: 22, use: "storage.k8s.io/v1" },
  { apiVersion: "batch/v1beta1", removedIn: 25, use: "batch/v1" },
  { apiVersion: "discovery.k8s.io/v1beta1", removedIn: 25, use: "discovery.k8s.io/v1" },
  { apiVersion: "events.k8s.io/v1beta1", removedIn: 25, use: "events.k8s.io/v1" },
  { apiVersion: "autoscaling/v2beta1", removedIn: 25, use: "autoscaling/v2" },
  { apiVersion: "policy/v1beta1", removedIn: 25, use: "policy/v1 (PodSecurityPolicy has no successor: Pod Security Admission)" },
  { apiVersion: "node.k8s.io/v1beta1", removedIn: 25, use: "node.k8s.io/v1" },
  { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta1", removedIn: 26, use: "flowcontrol.apiserver.k8s.io/v1" },
  { apiVersion: "autoscaling/v2beta2", removedIn: 26, use: "autoscaling/v2" },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIStorageCapacity"], removedIn: 27, use: "storage.k8s.io/v1" },
  { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2", removedIn: 29, use: "flowcontrol.apiserver.k8s.io/v1" },
  { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", removedIn: 32, use: "flowcontrol.apiserver.k8s.io/v1" },
];

/** Why the target cannot take this object, or undefined when it serves its API. `kubernetesVersion`: "1.35". */
export function removedApiReason(apiVersion: string, kind: string, kubernetesVersion: string): string | undefined {
  const minor = Number(kubernetesVersion.split(".")[1]);
  const removal = REMOVALS.find((r) => r.apiVersion === apiVersion && (r.kinds === undefined || r.kinds.includes(kind)) && minor >= r.removedIn);
  return removal && `${apiVersion} ${kind} is not served since Kubernetes 1.${removal.removedIn} (target ${kubernetesVersion}): use ${removal.use}`;
}
