/**
 * IAM policy for the AWS Load Balancer Controller v3.5, statement by statement
 * as upstream's docs/install/iam_policy.json. What is true of it: deleting and
 * modifying load balancers, target groups and security groups, and retagging
 * them, is limited to resources the controller tagged (`elbv2.k8s.aws/cluster`);
 * creating them requires that tag. Some writes are NOT tag-limited, exactly as
 * upstream: security-group ingress rules, listeners and rules, listener
 * settings and certificates, target registration, WAF/Shield association.
 * ARNs follow the region's partition.
 */
import type { PolicyDocument, PolicyStatement } from "../../aws/iam";
import { awsPartition, policyDocument } from "../../aws/iam";

const CLUSTER_TAG = "elbv2.k8s.aws/cluster";
const requestTagged = { [`aws:RequestTag/${CLUSTER_TAG}`]: "false" };
const resourceTagged = { [`aws:ResourceTag/${CLUSTER_TAG}`]: "false" };

const elb = (actions: string[]) => actions.map((a) => `elasticloadbalancing:${a}`);

function statements(partition: string): PolicyStatement[] {
  const ELB = `arn:${partition}:elasticloadbalancing:*:*`;
  const ELB_TAGGABLE = [`${ELB}:targetgroup/*/*`, `${ELB}:loadbalancer/net/*/*`, `${ELB}:loadbalancer/app/*/*`];
  const SECURITY_GROUPS = `arn:${partition}:ec2:*:*:security-group/*`;
  return [
  {
    Sid: "ServiceLinkedRole",
    Effect: "Allow",
    Action: "iam:CreateServiceLinkedRole",
    Resource: "*",
    Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } },
  },
  {
    Sid: "Describe",
    Effect: "Allow",
    Action: [
      ...["DescribeAccountAttributes", "DescribeAddresses", "DescribeAvailabilityZones", "DescribeInternetGateways", "DescribeVpcs", "DescribeVpcPeeringConnections", "DescribeSubnets", "DescribeSecurityGroups", "DescribeInstances", "DescribeNetworkInterfaces", "DescribeTags", "GetCoipPoolUsage", "DescribeCoipPools", "GetSecurityGroupsForVpc", "DescribeIpamPools", "DescribeRouteTables"].map((a) => `ec2:${a}`),
      ...elb(["DescribeLoadBalancers", "DescribeLoadBalancerAttributes", "DescribeListeners", "DescribeListenerCertificates", "DescribeSSLPolicies", "DescribeRules", "DescribeTargetGroups", "DescribeTargetGroupAttributes", "DescribeTargetHealth", "DescribeTags", "DescribeTrustStores", "DescribeListenerAttributes", "DescribeCapacityReservation"]),
    ],
    Resource: "*",
  },
  {
    Sid: "CertificatesWafShield",
    Effect: "Allow",
    Action: [
      "cognito-idp:DescribeUserPoolClient",
      "acm:ListCertificates",
      "acm:DescribeCertificate",
      "iam:ListServerCertificates",
      "iam:GetServerCertificate",
      ...["GetWebACL", "GetWebACLForResource", "AssociateWebACL", "DisassociateWebACL"].flatMap((a) => [`waf-regional:${a}`, `wafv2:${a}`]),
      "shield:GetSubscriptionState",
      "shield:DescribeProtection",
      "shield:CreateProtection",
      "shield:DeleteProtection",
    ],
    Resource: "*",
  },
  { Sid: "SecurityGroupIngress", Effect: "Allow", Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], Resource: "*" },
  { Sid: "CreateSecurityGroup", Effect: "Allow", Action: "ec2:CreateSecurityGroup", Resource: "*" },
  {
    Sid: "TagNewSecurityGroup",
    Effect: "Allow",
    Action: "ec2:CreateTags",
    Resource: SECURITY_GROUPS,
    Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" }, Null: requestTagged },
  },
  {
    Sid: "RetagOwnSecurityGroups",
    Effect: "Allow",
    Action: ["ec2:CreateTags", "ec2:DeleteTags"],
    Resource: SECURITY_GROUPS,
    Condition: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: "true", ...resourceTagged } },
  },
  {
    Sid: "ManageOwnSecurityGroups",
    Effect: "Allow",
    Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
    Resource: "*",
    Condition: { Null: resourceTagged },
  },
  { Sid: "CreateTaggedLoadBalancers", Effect: "Allow", Action: elb(["CreateLoadBalancer", "CreateTargetGroup"]), Resource: "*", Condition: { Null: requestTagged } },
  { Sid: "ListenersAndRules", Effect: "Allow", Action: elb(["CreateListener", "DeleteListener", "CreateRule", "DeleteRule"]), Resource: "*" },
  {
    Sid: "RetagOwnLoadBalancers",
    Effect: "Allow",
    Action: elb(["AddTags", "RemoveTags"]),
    Resource: ELB_TAGGABLE,
    Condition: { Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: "true", ...resourceTagged } },
  },
  {
    Sid: "TagListenersAndRules",
    Effect: "Allow",
    Action: elb(["AddTags", "RemoveTags"]),
    Resource: [`${ELB}:listener/net/*/*/*`, `${ELB}:listener/app/*/*/*`, `${ELB}:listener-rule/net/*/*/*`, `${ELB}:listener-rule/app/*/*/*`],
  },
  {
    Sid: "ModifyOwnLoadBalancers",
    Effect: "Allow",
    Action: elb(["ModifyLoadBalancerAttributes", "SetIpAddressType", "SetSecurityGroups", "SetSubnets", "DeleteLoadBalancer", "ModifyTargetGroup", "ModifyTargetGroupAttributes", "DeleteTargetGroup", "ModifyListenerAttributes", "ModifyCapacityReservation", "ModifyIpPools"]),
    Resource: "*",
    Condition: { Null: resourceTagged },
  },
  {
    Sid: "TagOnCreate",
    Effect: "Allow",
    Action: elb(["AddTags"]),
    Resource: ELB_TAGGABLE,
    Condition: { StringEquals: { "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"] }, Null: requestTagged },
  },
  { Sid: "Targets", Effect: "Allow", Action: elb(["RegisterTargets", "DeregisterTargets"]), Resource: `${ELB}:targetgroup/*/*` },
  {
    Sid: "ListenerSettings",
    Effect: "Allow",
    Action: elb(["SetWebAcl", "ModifyListener", "AddListenerCertificates", "RemoveListenerCertificates", "ModifyRule", "SetRulePriorities"]),
    Resource: "*",
  },
];
}

export function albControllerPolicy(region?: string): PolicyDocument {
  return policyDocument(statements(awsPartition(region)));
}
