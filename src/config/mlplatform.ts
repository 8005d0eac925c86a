/**
 * `forja:mlplatform` and `forja:mlplatformDeployKey`: seed 004's ML platform
 * (Istio, cert-manager, KubeRay, kube-prometheus-stack, Argo CD) and its
 * `ml-dev` workloads (Postgres, ObjectStore, MLflow, the anomaly detector's
 * RayService, Istio routing and policy) in forja:namespace, on k3s
 * (Minikube) or eks. Defaults are the seed's; the components check the rest.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { hostReason, namespaceReason } from "../../components/core/validate";
import { RAY_DEFAULT_IMAGE } from "../../components/kuberay/defaults";
import { MLFLOW_DEFAULTS } from "../../components/mlflow/defaults";
import { planRayService } from "../../components/kuberay/values";
import { planMlflow } from "../../components/mlflow/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { quantitySchema } from "./base";
import { caught } from "./issues";
import type { Target } from "./base";
import { problem } from "./issues";

const host = z.string().refine((h) => hostReason(h) === undefined, "expected a host name such as mlflow.local");

export const mlplatformSection = z
  .object({
    /** Istio's sizes: "small" for a 2-CPU / 8-GB machine, "standard" for the seed's 6 CPU / 12 GB. @default "standard" */
    size: z.enum(["small", "standard"]).default("standard"),
    /** Where the nodes keep their CNI (the Istio CNI agent chains into it): "default" on Minikube and EKS, "k3s" on K3s. @default "default" */
    cniPlatform: z.enum(["default", "k3s"]).default("default"),
    /** Install cert-manager (with a self-signed ClusterIssuer) for gateway TLS. @default true */
    certManager: z.boolean().default(true),
    /** Host names the Istio gateway routes (add them to /etc/hosts with the node's address). @default the seed's */
    hosts: z
      .object({
        /** The anomaly detector's Serve app. @default "anomaly-detector.local" */
        detector: host.default("anomaly-detector.local"),
        /** MLflow's UI and API. @default "mlflow.local" */
        mlflow: host.default("mlflow.local"),
      })
      .strict()
      .default({ detector: "anomaly-detector.local", mlflow: "mlflow.local" }),
    /** The anomaly detector (a RayService). @default the seed's, on Ray's stock image */
    detector: z
      .object({
        /** RayService name (at most 53 characters). @default "anomaly-detector" */
        name: z.string().default("anomaly-detector"),
        /** Ray image with the app's code baked in; its tag starts with the Ray version. @default "docker.io/rayproject/ray:2.52.0" */
        image: z.string().default(RAY_DEFAULT_IMAGE),
        /** Serve import path `module:attribute` (the app answers /health, /predict, /metrics). @default "detector.app:deployment" */
        importPath: z.string().default("detector.app:deployment"),
        /** Ray worker pods (0: Serve replicas on the head, which fits the seed's machine). @default 0 */
        workers: z.number().int().min(0).default(0),
        /** Pull secrets for a private image (e.g. GHCR), existing in forja:namespace. @default [] */
        imagePullSecrets: z.array(z.string()).default([]),
      })
      .strict()
      .default({ name: "anomaly-detector", image: RAY_DEFAULT_IMAGE, importPath: "detector.app:deployment", workers: 0, imagePullSecrets: [] }),
    /** MLflow's image (a `-full` tag). @default "ghcr.io/mlflow/mlflow:v3.18.0-full" */
    mlflowImage: z.string().default(MLFLOW_DEFAULTS.image),
    /** MLflow's artifacts bucket. @default "mlflow" */
    artifactsBucket: z.string().default("mlflow"),
    /** On eks: prefix of the S3 bucket names (global), `<prefix>-<bucket>`. @default "<project>-<stack>" */
    bucketPrefix: z.string().optional(),
    /** Volume sizes. @default postgres 10Gi, objectStore 10Gi */
    storage: z
      .object({
        /** @default "10Gi" */
        postgres: quantitySchema.default("10Gi"),
        /** SeaweedFS's volume (k3s only). @default "10Gi" */
        objectStore: quantitySchema.default("10Gi"),
      })
      .strict()
      .default({ postgres: "10Gi", objectStore: "10Gi" }),
    /** JWT on the detector's /predict at the gateway: RequestAuthentication + AuthorizationPolicy. @default unset (no token required) */
    jwt: z
      .object({
        /** Token issuer (iss). */
        issuer: z.string().min(1),
        /** Where istiod fetches the keys (istiod needs egress to it). */
        jwksUri: z.string().regex(/^https:\/\//, "expected an https:// URL"),
      })
      .strict()
      .optional(),
    /** Argo CD and the Applications it syncs from a Git repository over SSH (key: forja:mlplatformDeployKey). @default unset (no Argo CD) */
    gitops: z
      .object({
        /** SSH URL, e.g. git@github.com:acme/ml-platform.git. */
        repository: z.string().min(1),
        /** Applications: { name, path, namespace, targetRevision? }; each namespace is Argo CD's alone. @default [] */
        applications: z
          .array(
            z
              .object({
                /** Application name. */
                name: z.string().min(1),
                /** Folder of the repository. */
                path: z.string().min(1),
                /** Namespace it syncs into: not forja:namespace, nor any namespace the platform installs. */
                namespace: z.string().min(1),
                /** Branch, tag or commit. @default "HEAD" */
                targetRevision: z.string().optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

export type MlPlatformConfig = z.output<typeof mlplatformSection> & {
  /** forja:mlplatformDeployKey as a secret. */
  deployKey?: pulumi.Output<string>;
};

/** The deploy key's private half (OpenSSH), secret. */
export const mlplatformDeployKeySection = z.string().min(1);

/** Namespaces the platform's charts install into: no Argo CD Application may sync into them. */
export const MLPLATFORM_SYSTEM_NAMESPACES = ["istio-system", "istio-cni", "istio-ingress", "cert-manager", "kuberay-system", "monitoring", "argocd"] as const;

/** Rules across keys: the target, namespaces and the GitOps boundary. */
export function mlplatformProblems(section: z.output<typeof mlplatformSection> | undefined, target: Target, workloadNamespace: string, deployKeySet: boolean): string[] {
  if (section === undefined) return deployKeySet ? ["forja:mlplatformDeployKey is set but forja:mlplatform is not: the key is for the ML platform's Argo CD"] : [];
  if (target === "aci") return [`forja:mlplatform is set but forja:target is "aci": the ML platform runs on the k3s and eks targets`];
  const problems: string[] = [];
  if ((MLPLATFORM_SYSTEM_NAMESPACES as readonly string[]).includes(workloadNamespace)) problems.push(problem("forja:namespace", workloadNamespace, `a namespace other than the platform's own (${MLPLATFORM_SYSTEM_NAMESPACES.join(", ")})`));
  if (section.hosts.detector === section.hosts.mlflow) problems.push(problem("forja:mlplatform.hosts.mlflow", section.hosts.mlflow, "a host other than the detector's: the gateway routes by host"));
  if (section.gitops === undefined && deployKeySet) problems.push("forja:mlplatformDeployKey is set but forja:mlplatform.gitops is not: the key is Argo CD's");
  section.gitops?.applications.forEach((app, i) => {
    const key = `forja:mlplatform.gitops.applications[${i}].namespace`;
    const reason = namespaceReason(app.namespace);
    if (reason) problems.push(problem(key, app.namespace, reason));
    // The GitOps boundary: Argo CD (with selfHeal) and Pulumi would each revert the other's objects.
    else if (app.namespace === workloadNamespace || (MLPLATFORM_SYSTEM_NAMESPACES as readonly string[]).includes(app.namespace)) {
      problems.push(problem(key, app.namespace, `a namespace of its own: "${app.namespace}" holds objects Forja manages, and Argo CD would fight Pulumi over them`));
    }
  });
  if (target === "eks" && section.bucketPrefix !== undefined && !/^[a-z0-9][a-z0-9-]{1,40}$/.test(section.bucketPrefix)) problems.push(problem("forja:mlplatform.bucketPrefix", section.bucketPrefix, "2-41 lower-case letters, digits and hyphens"));
  return problems;
}

/**
 * The components' own rules on the args the program will pass (the
 * detector's RayService, MLflow), under the stack keys that set them.
 * What only exists once the stack is up stands in by name.
 */
export function mlplatformComponentProblems(config: z.output<typeof mlplatformSection>, cluster: ClusterCapabilities, namespace: string, isSecret: (path: string) => boolean): string[] {
  const later = "known once created";
  const detectorKeys = [["", "forja:mlplatform.detector"], ["name", "forja:mlplatform.detector.name"], ["image", "forja:mlplatform.detector.image"], ["rayVersion", "forja:mlplatform.detector.image"], ["app.importPath", "forja:mlplatform.detector.importPath"], ["workers.replicas", "forja:mlplatform.detector.workers"]] as const;
  const mlflowKeys = [["", "forja:mlplatform"], ["image", "forja:mlplatform.mlflowImage"], ["allowedHosts", "forja:mlplatform.hosts.mlflow"]] as const;
  return [
    ...caught(() => planRayService(config.detector.name, { cluster, namespace, operatorReady: [], app: { importPath: config.detector.importPath }, image: config.detector.image, workers: { replicas: config.detector.workers } }), detectorKeys, isSecret),
    ...caught(
      () =>
        planMlflow("mlflow", {
          cluster,
          namespace,
          image: config.mlflowImage,
          allowedHosts: [config.hosts.mlflow],
          database: { urlSecret: { name: later, key: "url" }, peer: { podLabels: { app: "postgres" }, ports: [5432] } },
          artifacts: { bucket: config.artifactsBucket, peer: { podLabels: { app: "store" }, ports: [8333] } },
        }),
      mlflowKeys,
      isSecret,
    ),
  ];
}
