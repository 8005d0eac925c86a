import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { restrictedNamespaceLabels, standardLabels } from "../../components/core";
import type { StackConfig } from "../config";

/**
 * The stack's workload namespace. The API server itself enforces the
 * restricted Pod Security Standard there, so nothing privileged slips in even
 * outside Forja. Deleting a namespace deletes every volume claim in it: in
 * production it is protected.
 */
export function workloadNamespace(config: StackConfig, provider: pulumi.ProviderResource): k8s.core.v1.Namespace {
  const production = config.environment === "production";
  return new k8s.core.v1.Namespace(
    `${config.project}-namespace`,
    {
      metadata: {
        name: config.namespace,
        labels: { ...standardLabels({ name: config.project, instance: config.namespace }), ...restrictedNamespaceLabels() },
      },
    },
    { provider, protect: production, retainOnDelete: production },
  );
}
