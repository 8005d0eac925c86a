import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { restrictedNamespaceLabels, standardLabels } from "../../components/core";

/**
 * The stack's workload namespace. The API server itself enforces the
 * restricted Pod Security Standard there, so nothing privileged slips in even
 * outside Forja.
 */
export function workloadNamespace(name: string, project: string, provider: pulumi.ProviderResource, parent?: pulumi.Resource): k8s.core.v1.Namespace {
  return new k8s.core.v1.Namespace(
    `${project}-namespace`,
    {
      metadata: {
        name,
        labels: { ...standardLabels({ name: project, instance: name }), ...restrictedNamespaceLabels() },
      },
    },
    { provider, parent },
  );
}
