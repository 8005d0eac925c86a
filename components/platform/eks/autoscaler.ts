/** Pure parts of the Cluster Autoscaler on EKS: its IAM policy and chart values. */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../../aws/iam";
import { awsPartition, policyDocument } from "../../aws/iam";
import { mirrorImage, parseImage } from "../../core/images";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../core/security";
import { EKS_DEFAULTS, EKS_VERSIONS, SYSTEM_ACCOUNTS } from "./defaults";

/**
 * The tags EKS puts on every managed node group's Auto Scaling group (EKS
 * user guide, "managed node groups": nodes are tagged for auto-discovery by
 * the Cluster Autoscaler). The autoscaler finds groups by these keys and the
 * role may only resize groups that carry them with these values.
 */
export function autoDiscoveryTags(clusterName: string): Record<string, string> {
  return { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
}

/**
 * Least privilege for the autoscaler (kubernetes/autoscaler
 * cloudprovider/aws/README.md, "Full Cluster Autoscaler Features Policy",
 * with its recommended tag conditions): read-only describes on every
 * resource (those APIs take no resource ARN), node group descriptions of
 * this cluster only (labels and taints when a group is at zero), and resizing
 * or terminating only in Auto Scaling groups tagged as this cluster's.
 */
export function clusterAutoscalerPolicy(region: string, clusterName: string): PolicyDocument {
  const conditions = Object.fromEntries(Object.entries(autoDiscoveryTags(clusterName)).map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
  return policyDocument([
    {
      Sid: "DiscoverGroupsAndInstanceTypes",
      Effect: "Allow",
      Action: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
      Resource: "*",
    },
    {
      Sid: "DescribeOwnNodeGroups",
      Effect: "Allow",
      Action: "eks:DescribeNodegroup",
      Resource: `arn:${awsPartition(region)}:eks:${region}:*:nodegroup/${clusterName}/*`,
    },
    {
      Sid: "ResizeOwnGroups",
      Effect: "Allow",
      Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      Resource: "*",
      Condition: { StringEquals: conditions },
    },
  ]);
}

/**
 * Computed values for the cluster-autoscaler chart (keys checked against
 * chart 9.59.0's values.yaml and rendered with Helm): auto-discovery of this
 * cluster's groups, the pinned image, a restricted pod, and the
 * system-cluster-critical priority: a full cluster never preempts the one pod
 * that can grow it.
 */
export function clusterAutoscalerValues(clusterName: pulumi.Input<string>, region: string, serviceAccountAnnotations: pulumi.Input<Record<string, string>>) {
  const image = parseImage(mirrorImage(EKS_VERSIONS.clusterAutoscaler.image, {}));
  const ca = EKS_DEFAULTS.clusterAutoscaler;
  return {
    cloudProvider: "aws",
    awsRegion: region,
    autoDiscovery: { clusterName },
    // Short names: `cluster-autoscaler` everywhere instead of `<release>-aws-cluster-autoscaler`.
    fullnameOverride: SYSTEM_ACCOUNTS.clusterAutoscaler,
    image: { repository: `${image.registry}/${image.repository}`, tag: image.tag },
    rbac: { serviceAccount: { create: true, name: SYSTEM_ACCOUNTS.clusterAutoscaler, annotations: serviceAccountAnnotations } },
    replicaCount: ca.replicaCount,
    priorityClassName: "system-cluster-critical",
    resources: ca.resources,
    securityContext: restrictedPodSecurityContext(ca.user),
    containerSecurityContext: restrictedContainerSecurityContext(),
    extraArgs: ca.extraArgs,
  };
}
