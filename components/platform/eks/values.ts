/** Pure parts of EksCluster: validation, capabilities, add-on values. */
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../../core/defaults";
import { ForjaArgumentError } from "../../core/errors";
import type { RegistryMirrors } from "../../core/images";
import { mirrorImage, parseImage } from "../../core/images";
import { restrictedContainerSecurityContext } from "../../core/security";
import type { ClusterCapabilities } from "../capabilities";
import type { EksClusterArgs } from "./args";
import { EKS_DEFAULTS, EKS_VERSIONS, SYSTEM_ACCOUNTS } from "./defaults";
import { isArm64InstanceType, subnetLayout } from "./network";

const COMPONENT = "EksCluster";

export function eksNodeGroup(args: EksClusterArgs) {
  return withDefaults(EKS_DEFAULTS.nodes, args.nodes);
}

export function validateEksCluster(args: EksClusterArgs): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) throw new ForjaArgumentError(COMPONENT, "region", args.region, "an AWS region such as us-east-1");
  const strangers = args.availabilityZones.filter((zone) => !zone.startsWith(args.region));
  if (strangers.length) throw new ForjaArgumentError(COMPONENT, "availabilityZones", strangers, `zones of ${args.region}`);
  if (new Set(args.availabilityZones).size !== args.availabilityZones.length) throw new ForjaArgumentError(COMPONENT, "availabilityZones", args.availabilityZones, "distinct zones");
  subnetLayout(args.vpcCidr ?? EKS_DEFAULTS.vpcCidr, args.availabilityZones.length);
  const cidrs = args.publicAccessCidrs ?? [];
  if (args.privateEndpointOnly && cidrs.length > 0) {
    throw new ForjaArgumentError(COMPONENT, "publicAccessCidrs", cidrs, "none when privateEndpointOnly is true");
  }
  if (!args.privateEndpointOnly && cidrs.length === 0) {
    throw new ForjaArgumentError(COMPONENT, "publicAccessCidrs", cidrs, "the CIDRs `pulumi up` runs from, or privateEndpointOnly: true when it runs inside the VPC");
  }
  if (cidrs.includes("0.0.0.0/0")) {
    throw new ForjaArgumentError(COMPONENT, "publicAccessCidrs", args.publicAccessCidrs, "your own CIDRs: 0.0.0.0/0 opens the API server to the internet");
  }
  const nodes = eksNodeGroup(args);
  const arm = nodes.instanceTypes.filter(isArm64InstanceType);
  if (arm.length) throw new ForjaArgumentError(COMPONENT, "nodes.instanceTypes", arm, "amd64 instance types (Graviton is arm64; Kafka and ZooKeeper images are amd64-only)");
  if (!(nodes.minSize >= 1 && nodes.minSize <= nodes.desiredSize && nodes.desiredSize <= nodes.maxSize)) {
    throw new ForjaArgumentError(COMPONENT, "nodes", { minSize: nodes.minSize, desiredSize: nodes.desiredSize, maxSize: nodes.maxSize }, "1 <= minSize <= desiredSize <= maxSize");
  }
  if (nodes.diskSizeGiB < 20) throw new ForjaArgumentError(COMPONENT, "nodes.diskSizeGiB", nodes.diskSizeGiB, "at least 20 GiB");
}

/** What components may rely on when running on this cluster. */
export function eksCapabilities(args: EksClusterArgs, identity: { oidcProviderArn: pulumi.Input<string>; issuerUrl: pulumi.Input<string>; clusterName: pulumi.Input<string> }): ClusterCapabilities {
  return {
    kind: "eks",
    storageClass: EKS_DEFAULTS.storageClass,
    ingress: {
      className: EKS_DEFAULTS.ingressClass,
      controller: "aws-alb",
      annotations: {},
      // target-type ip: the ALB reaches pod IPs from inside the VPC.
      sourcePeers: [{ cidr: args.vpcCidr ?? EKS_DEFAULTS.vpcCidr }],
    },
    workloadIdentity:
      (args.workloadIdentity ?? EKS_DEFAULTS.workloadIdentity) === "irsa"
        ? { kind: "irsa", oidcProviderArn: identity.oidcProviderArn, issuerUrl: identity.issuerUrl }
        : { kind: "pod-identity", clusterName: identity.clusterName },
    region: args.region,
    nodeArchitecture: "amd64",
    gpu: false,
    imageMirrors: args.imageMirrors ?? {},
  };
}

/** The default StorageClass: encrypted gp3, bound where the pod lands, never deleting data on PVC removal. */
export function gp3StorageClass() {
  return {
    metadata: { name: EKS_DEFAULTS.storageClass, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Retain",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}

/** Values for the ALB controller chart (keys checked against chart 3.5.0's values.yaml). */
export function albControllerValues(clusterName: pulumi.Input<string>, region: string, vpcId: pulumi.Input<string>, roleArn: pulumi.Input<string>, mirrors: RegistryMirrors) {
  const image = parseImage(mirrorImage(EKS_VERSIONS.albController.image, mirrors));
  return {
    clusterName,
    region,
    vpcId,
    replicaCount: EKS_DEFAULTS.albController.replicaCount,
    image: { repository: `${image.registry}/${image.repository}`, tag: image.tag },
    serviceAccount: { create: true, name: SYSTEM_ACCOUNTS.albController, annotations: { "eks.amazonaws.com/role-arn": roleArn } },
    podSecurityContext: { fsGroup: EKS_DEFAULTS.albController.fsGroup, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: restrictedContainerSecurityContext(),
    resources: EKS_DEFAULTS.albController.resources,
    podDisruptionBudget: { maxUnavailable: 1 },
    defaultTargetType: "ip",
  };
}
