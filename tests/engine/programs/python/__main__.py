"""A Python program of Forja's components through the plugin (tests/engine/programs.test.ts)."""

import pulumi
import pulumi_forja as forja

# A kubernetes provider that renders YAML to a folder: the preview needs no cluster.
kubernetes = pulumi.ProviderResource("kubernetes", "offline", {"renderYamlToDirectory": "rendered"})
providers = pulumi.ResourceOptions(providers={"kubernetes": kubernetes})
# K3sCluster's capabilities, as a literal.
k3s: forja.ClusterCapabilitiesArgsDict = {
    "kind": forja.ClusterKind.K3S,
    "storage_class": "local-path",
    "ingress": {
        "class_name": "traefik",
        "controller": forja.IngressController.TRAEFIK,
        "annotations": {},
        "source_peers": [{"namespace_labels": {}, "pod_labels": {"app.kubernetes.io/name": "traefik"}}],
    },
    "workload_identity": {"kind": forja.WorkloadIdentityKind.NONE},
    "node_architecture": forja.NodeArchitecture.AMD64,
    "gpu": False,
    "image_mirrors": {},
}
database = pulumi.Config().get("database") or "orders"
db = forja.Postgres("db", cluster=k3s, namespace="apps", databases=[{"name": database}], opts=providers)
api = forja.WebService(
    "api",
    cluster=k3s,
    namespace="apps",
    image="ghcr.io/acme/api:1.4.2",
    port=8000,
    resources={"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}},
    ingress={"path": "/api"},
    opts=providers,
)
pulumi.export("url", api.url)
pulumi.export("database", db.host)
