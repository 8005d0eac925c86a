import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { childName } from "../core/naming";
import type { RegistryMirrors } from "../core/images";
import { mirrorImage } from "../core/images";
import type { ImageMirrorArgs } from "./args";
import { IMAGE_MIRROR_DEFAULTS, REGISTRY_SCANNING, UPSTREAMS } from "./defaults";
import { serviceTrustPolicy } from "../aws/iam";
import { creationRolePolicy, enabledUpstreams, lifecyclePolicy, mirrorMap, nodePullThroughPolicy, privateRepository, registryHost } from "./values";
import { validateImageMirror } from "./validate";

/**
 * ECR as the one registry a cluster pulls from: pull-through cache rules for
 * public upstreams (cached repositories created from a KMS-encrypted,
 * immutable template), repositories for private images that are copied in
 * once, and registry-wide scan on push.
 *
 * Cached repositories are immutable: once `nginx:1.27` is cached, a re-tag
 * upstream (same tag, new image) never reaches the cluster. Pin digests for
 * images whose tags move, or let the lifecycle policy expire the old image.
 */
export class ImageMirror extends pulumi.ComponentResource {
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly registry: string;
  /** Upstream prefix -> mirror prefix; give it to the cluster's capabilities. */
  readonly mirrors: RegistryMirrors;
  /** Inline policy for the node role: lets the first pull fill the cache. */
  readonly nodePolicyJson: string;
  /** Repository URLs of the private repositories, by source. */
  readonly repositoryUrls: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: ImageMirrorArgs, opts?: pulumi.ComponentResourceOptions) {
    validateImageMirror(args);
    super("forja:index:ImageMirror", name, {}, opts);
    const a = withDefaults(IMAGE_MIRROR_DEFAULTS, { keepImages: args.keepImages, untaggedDays: args.untaggedDays });
    const protect = args.protect ?? IMAGE_MIRROR_DEFAULTS.protect;
    const stateful = { parent: this, protect, retainOnDelete: protect };
    const tags = { ...args.tags, "forja:component": "image-mirror" };

    const kmsKeyArn =
      args.kmsKeyArn ??
      new aws.kms.Key(childName(name, "key"), { description: `ECR repositories of ${name}`, enableKeyRotation: true, deletionWindowInDays: 30, tags }, stateful).arn;
    const encryption = [{ encryptionType: "KMS", kmsKey: kmsKeyArn }];
    // Templates that set a KMS key or tags only work with a role ECR assumes to create repositories.
    const creationRole = new aws.iam.Role(childName(name, "creation-role"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ecr.amazonaws.com")), tags }, { parent: this });
    new aws.iam.RolePolicy(
      childName(name, "creation-role"),
      { role: creationRole.id, policy: pulumi.output(kmsKeyArn).apply((arn) => JSON.stringify(creationRolePolicy(args, arn))) },
      { parent: this },
    );

    for (const upstream of enabledUpstreams(args)) {
      const credential = args.credentials?.[upstream];
      let credentialArn: pulumi.Input<string> | undefined;
      if (credential?.credentialArn !== undefined) credentialArn = credential.credentialArn;
      else if (credential) {
        // Encrypted with Secrets Manager's own key: ECR's pull-through service must decrypt it.
        const secret = new aws.secretsmanager.Secret(
          childName(name, `${upstream}-credential`),
          { name: `${IMAGE_MIRROR_DEFAULTS.credentialPrefix}${name}-${upstream}`, recoveryWindowInDays: 7, tags },
          stateful,
        );
        new aws.secretsmanager.SecretVersion(
          childName(name, `${upstream}-credential`),
          { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify({ username: credential.username, accessToken: credential.accessToken })) },
          { parent: this },
        );
        credentialArn = secret.arn;
      }
      new aws.ecr.PullThroughCacheRule(
        childName(name, upstream),
        { ecrRepositoryPrefix: upstream, upstreamRegistryUrl: UPSTREAMS[upstream].upstreamRegistryUrl, credentialArn },
        { parent: this },
      );
      // Repositories the cache creates on first pull take their settings from here.
      new aws.ecr.RepositoryCreationTemplate(
        childName(name, `${upstream}-template`),
        {
          prefix: upstream,
          appliedFors: ["PULL_THROUGH_CACHE"],
          description: `Cached images from ${UPSTREAMS[upstream].registry}`,
          encryptionConfigurations: encryption,
          imageTagMutability: "IMMUTABLE",
          lifecyclePolicy: lifecyclePolicy(a.untaggedDays, a.keepImages),
          resourceTags: tags,
          customRoleArn: creationRole.arn,
        },
        { parent: this },
      );
    }

    this.repositoryUrls = {};
    for (const source of args.privateRepositories ?? []) {
      const repo = privateRepository(source, args.repositoryNames);
      const role = repo.name.replace(/\//g, "-");
      const repository = new aws.ecr.Repository(
        childName(name, role),
        {
          name: repo.name,
          imageTagMutability: "IMMUTABLE",
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfigurations: encryption,
          forceDelete: false,
          tags: { ...tags, "forja:source": repo.source },
        },
        stateful,
      );
      new aws.ecr.LifecyclePolicy(childName(name, `${role}-lifecycle`), { repository: repository.name, policy: lifecyclePolicy(a.untaggedDays) }, { parent: this });
      this.repositoryUrls[repo.source] = repository.repositoryUrl;
    }

    if (args.manageRegistryScanning ?? IMAGE_MIRROR_DEFAULTS.manageRegistryScanning) {
      new aws.ecr.RegistryScanningConfiguration(childName(name, "scanning"), { scanType: REGISTRY_SCANNING.scanType, rules: REGISTRY_SCANNING.rules.map((rule) => ({ ...rule, repositoryFilters: [...rule.repositoryFilters] })) }, { parent: this });
    }

    this.registry = registryHost(args.accountId, args.region);
    this.mirrors = mirrorMap(args);
    this.nodePolicyJson = JSON.stringify(nodePullThroughPolicy(args));
    this.registerOutputs({ registry: this.registry, mirrors: this.mirrors, repositoryUrls: this.repositoryUrls });
  }

  /** `image` as pulled through this mirror, e.g. for a chart value Forja does not set. */
  imageFor(image: string): string {
    return mirrorImage(image, this.mirrors);
  }
}
