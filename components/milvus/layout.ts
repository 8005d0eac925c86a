/**
 * Changes a running StatefulSet cannot take. Forja reads no state and a v4
 * Chart renders every update as a fresh install, so the args say what etcd and
 * the volumes were created with (`createdWith`, default the preset's) and
 * whether etcd already runs (`components.etcd.clusterState`).
 */
import type { MilvusClusterArgs, MilvusCreatedWithArgs } from "./args";
import { EtcdClusterState } from "./args";
import { checkQuantity, fail, oneOf, STATEFUL_COMPONENTS } from "./checks";
import type { ComponentKey, ResolvedComponent, StatefulComponentKey } from "./checks";
import type { ComponentPreset } from "./defaults";

/** Storage sizes per StatefulSet at creation, from the record or the preset. */
function createdSizes(createdWith: MilvusCreatedWithArgs, preset: Record<StatefulComponentKey, ComponentPreset>): Record<StatefulComponentKey, string> {
  const sizes = createdWith.storageSize ?? {};
  if (typeof sizes !== "object" || sizes === null) fail("createdWith.storageSize", sizes, "a map of etcd, kafka, zookeeper, minio to sizes");
  const unknown = Object.keys(sizes).find((key) => !(STATEFUL_COMPONENTS as readonly string[]).includes(key));
  if (unknown) fail(`createdWith.storageSize.${unknown}`, (sizes as Record<string, unknown>)[unknown], `one of ${STATEFUL_COMPONENTS.join(", ")}`);
  return Object.fromEntries(STATEFUL_COMPONENTS.map((key) => [key, sizes[key] ?? preset[key].storageSize])) as Record<StatefulComponentKey, string>;
}

/** Refuses a new volume size, and a new etcd member count outside existing-cluster mode; returns etcd's mode. */
export function checkStatefulLayout(args: MilvusClusterArgs, components: Record<ComponentKey, ResolvedComponent>, preset: Record<StatefulComponentKey, ComponentPreset>, inUse: StatefulComponentKey[]): EtcdClusterState {
  const createdWith = args.createdWith ?? {};
  if (typeof createdWith !== "object" || createdWith === null) fail("createdWith", createdWith, "an object");
  const sizes = createdSizes(createdWith, preset);
  for (const key of inUse) {
    const size = components[key].storageSize as string;
    checkQuantity(`createdWith.storageSize.${key}`, sizes[key], true);
    if (size === sizes[key]) continue;
    fail(
      `components.${key}.storageSize`,
      size,
      `"${sizes[key]}", the size ${key}'s volumes were created with (createdWith.storageSize.${key}, default the preset's). ` +
        `A StatefulSet's volumeClaimTemplates are immutable: Pulumi would delete and recreate the ${key} StatefulSet, stopping every ${key} pod at once, ` +
        `and the existing volumes would keep their old size anyway. To grow them in place, expand each PVC (its StorageClass must allow volume expansion; ` +
        `kubectl -n <namespace> patch pvc <claim> -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}'); leave storageSize as it is. ` +
        `If this is a new install, record the size in createdWith.storageSize.${key} too`,
    );
  }
  const clusterState = oneOf("components.etcd.clusterState", (args.components?.etcd as { clusterState?: string } | undefined)?.clusterState ?? EtcdClusterState.New, EtcdClusterState);
  const createdReplicas = createdWith.etcdReplicas ?? preset.etcd.replicas;
  if (!Number.isInteger(createdReplicas) || createdReplicas < 1 || createdReplicas % 2 === 0) fail("createdWith.etcdReplicas", createdReplicas, "an odd integer (1, 3, 5)");
  if (components.etcd.replicas !== createdReplicas && clusterState !== EtcdClusterState.Existing) {
    fail(
      "components.etcd.replicas",
      components.etcd.replicas,
      `${createdReplicas}, the etcd members the cluster was created with (createdWith.etcdReplicas, default the preset's), unless components.etcd.clusterState is "existing". ` +
        `Every update renders as a fresh install, so etcd would start the new members with ETCD_INITIAL_CLUSTER_STATE=new and bootstrap a second cluster beside the first. ` +
        `Once etcd runs, set clusterState "existing" (new members then join with etcdctl member add) and change replicas one step at a time (3 -> 5). ` +
        `If this is a new install, record the size in createdWith.etcdReplicas instead`,
    );
  }
  return clusterState;
}
