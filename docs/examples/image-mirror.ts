// Public registries cached through ECR; pass `mirrors` to EksCluster so every image is pulled from it.
import * as aws from "@pulumi/aws";
import { ImageMirror } from "forja/image-mirror";

const provider = new aws.Provider("aws", { region: "us-east-1", allowedAccountIds: ["111122223333"] });
const mirror = new ImageMirror(
  "registry",
  { accountId: "111122223333", region: "us-east-1", upstreams: ["quay", "k8s", "ecr-public"], protect: true },
  { providers: { aws: provider } },
);
export const mirrors = mirror.mirrors;
export const nodePolicyJson = mirror.nodePolicyJson;
