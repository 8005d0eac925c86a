/**
 * The etcd backup CronJob, as a pure renderer: an init container saves a
 * snapshot with the etcd image's own etcdctl into a scratch volume, then the
 * AWS CLI uploads it to the bucket under a role that may only write there.
 * Every pod passes the restricted Pod Security standard.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { mirrorImage } from "../core/images";
import { podDefaults } from "../core/pod";
import { ETCD_BACKUP, MILVUS_DEFAULTS, RUN_AS } from "./defaults";
import type { MilvusPlan } from "./validate";
import { milvusLabels } from "./values";

export const ETCD_BACKUP_NAME = `${MILVUS_DEFAULTS.releaseName}-etcd-backup`;

const CONTAINER_SECURITY = { runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } };

/** The upload's shell line: one object per run, named by its UTC time, so a run never overwrites another. */
export function uploadCommand(): string {
  return `aws s3 cp /backup/snapshot.db "s3://$BUCKET/${ETCD_BACKUP.prefix}/$(date -u +%Y-%m-%dT%H%M%SZ).db" --only-show-errors`;
}

export function etcdBackupCronJob(plan: MilvusPlan, namespace: pulumi.Input<string>, bucketName: pulumi.Input<string>): k8s.batch.v1.CronJobArgs | undefined {
  const backup = plan.etcdBackup;
  if (!backup) return undefined;
  const labels = milvusLabels(plan, "etcd-backup");
  const mirrors = plan.cluster.imageMirrors;
  const { user, group } = RUN_AS.bitnami;
  const scratch = { name: "backup", mountPath: "/backup" };
  const resources = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } };
  return {
    metadata: { name: ETCD_BACKUP_NAME, namespace, labels },
    spec: {
      schedule: backup.schedule,
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: ETCD_BACKUP.deadlineSeconds,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: ETCD_BACKUP.deadlineSeconds,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: "OnFailure",
              serviceAccountName: ETCD_BACKUP_NAME,
              // No API token: IRSA mounts its own web-identity token.
              ...podDefaults({ user, group }),
              initContainers: [
                {
                  name: "snapshot",
                  image: mirrorImage(plan.images.etcd, mirrors),
                  command: [ETCD_BACKUP.etcdctl, `--endpoints=http://${MILVUS_DEFAULTS.releaseName}-etcd:2379`, "snapshot", "save", "/backup/snapshot.db"],
                  env: [{ name: "ETCDCTL_API", value: "3" }],
                  resources,
                  securityContext: CONTAINER_SECURITY,
                  volumeMounts: [scratch],
                },
              ],
              containers: [
                {
                  name: "upload",
                  image: mirrorImage(plan.images.awsCli, mirrors),
                  command: ["/bin/sh", "-c", uploadCommand()],
                  env: [
                    { name: "BUCKET", value: bucketName },
                    { name: "AWS_REGION", value: plan.region },
                    // The CLI keeps its cache under HOME; the image's is root's.
                    { name: "HOME", value: "/backup" },
                  ],
                  resources,
                  securityContext: CONTAINER_SECURITY,
                  volumeMounts: [scratch],
                },
              ],
              volumes: [{ name: "backup", emptyDir: { sizeLimit: ETCD_BACKUP.scratchLimit } }],
            },
          },
        },
      },
    },
  };
}
