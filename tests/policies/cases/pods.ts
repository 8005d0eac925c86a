import { containerContext, DEPLOYMENT, deployment, firstContainer, hardenedContainer, hardenedTemplate, POD_KINDS } from "../fixtures";
import type { Props, RuleCase, Template } from "../fixtures";

/** One realistic breach per Pod Security control, and the message it must produce. */
export const POD_BREACHES: { rule: string; title: string; breach: (t: Template) => void; expect: string }[] = [
  { rule: "containers-non-root", title: "a container that sets runAsUser 0", breach: (t) => void (containerContext(t).runAsUser = 0), expect: 'container "app" may run as root' },
  {
    rule: "containers-no-privilege-escalation",
    title: "a privileged container",
    breach: (t) => Object.assign(containerContext(t), { privileged: true, allowPrivilegeEscalation: true }),
    expect: 'container "app" is privileged',
  },
  { rule: "containers-drop-capabilities", title: "a container that adds SYS_ADMIN", breach: (t) => void (containerContext(t).capabilities = { drop: ["ALL"], add: ["SYS_ADMIN"] }), expect: "adds capabilities SYS_ADMIN" },
  { rule: "containers-resources-set", title: "a container without resources", breach: (t) => void delete firstContainer(t).resources, expect: "must set cpu and memory requests" },
  {
    rule: "containers-resources-set",
    title: "a container that requests zero",
    breach: (t) => void (firstContainer(t).resources = { requests: { cpu: "0", memory: "0Mi" }, limits: { memory: "1Gi" } }),
    expect: 'container "app" requests zero cpu and memory',
  },
  { rule: "containers-seccomp", title: "an Unconfined seccomp profile", breach: (t) => void (containerContext(t).seccompProfile = { type: "Unconfined" }), expect: "Unconfined seccomp" },
  { rule: "pods-no-host-namespaces", title: "hostPID", breach: (t) => void (t.spec.hostPID = true), expect: "shares the host's namespaces (hostPID)" },
  {
    rule: "pods-no-host-path",
    title: "the Docker socket mounted from the host",
    breach: (t) => (t.spec.volumes as Props[]).push({ name: "docker", hostPath: { path: "/var/run/docker.sock", type: "Socket" } }),
    expect: 'volume "docker" mounts the host path "/var/run/docker.sock"',
  },
  {
    rule: "pods-restricted-volume-types",
    title: "an NFS volume",
    breach: (t) => (t.spec.volumes as Props[]).push({ name: "shared", nfs: { server: "10.0.0.5", path: "/exports" } }),
    expect: 'volume "shared" is of type nfs',
  },
  { rule: "containers-no-host-ports", title: "a host port", breach: (t) => void ((firstContainer(t).ports as Props[])[0].hostPort = 8080), expect: "binds host ports 8080" },
  { rule: "containers-apparmor", title: "an Unconfined AppArmor profile", breach: (t) => void (containerContext(t).appArmorProfile = { type: "Unconfined" }), expect: "AppArmor profile Unconfined" },
  { rule: "containers-default-proc-mount", title: "procMount Unmasked", breach: (t) => void (containerContext(t).procMount = "Unmasked"), expect: "mounts /proc Unmasked" },
  {
    rule: "pods-safe-sysctls",
    title: "an unsafe sysctl",
    breach: (t) => void ((t.spec.securityContext as Props).sysctls = [{ name: "net.ipv4.tcp_syncookies", value: "1" }, { name: "kernel.msgmax", value: "65536" }]),
    expect: "unsafe sysctls kernel.msgmax",
  },
  { rule: "containers-selinux", title: "the spc_t SELinux type", breach: (t) => void (containerContext(t).seLinuxOptions = { type: "spc_t" }), expect: 'SELinux type "spc_t"' },
];

/** Every control, on every pod-bearing kind: the breach fails, the hardened template passes. */
const matrix: RuleCase[] = POD_BREACHES.flatMap(({ rule, title, breach, expect }) =>
  Object.entries(POD_KINDS).flatMap(([type, build]) => {
    const bad = hardenedTemplate();
    breach(bad);
    return [
      { rule, title: `${type}: ${title}`, type, props: build(bad), expect: [expect] },
      { rule, title: `${type}: hardened`, type, props: build(hardenedTemplate()), expect: [] },
    ];
  }),
);

const init = (container: Props) => (t: Template) => void (t.spec.initContainers = [container]);
const debug = (container: Props) => (t: Template) => void (t.spec.ephemeralContainers = [container]);

const edges: RuleCase[] = [
  {
    rule: "containers-non-root",
    title: "an init container that does not say non-root",
    type: "kubernetes:apps/v1:StatefulSet",
    props: POD_KINDS["kubernetes:apps/v1:StatefulSet"]({ ...hardenedTemplate(), spec: { containers: [hardenedContainer()], initContainers: [{ name: "init", image: "busybox:1.36" }] } }),
    expect: ['container "init" may run as root'],
  },
  {
    rule: "containers-no-privilege-escalation",
    title: "a privileged ephemeral debug container",
    type: DEPLOYMENT,
    props: deployment(debug({ ...hardenedContainer(), name: "debug", securityContext: { ...(hardenedContainer().securityContext as Props), privileged: true } })),
    expect: ['container "debug" is privileged'],
  },
  {
    rule: "containers-drop-capabilities",
    title: "an init container that keeps the default capabilities",
    type: DEPLOYMENT,
    props: deployment(init({ ...hardenedContainer(), name: "migrate", securityContext: { ...(hardenedContainer().securityContext as Props), capabilities: {} } })),
    expect: ['container "migrate" must drop ALL'],
  },
  { rule: "containers-drop-capabilities", title: "NET_BIND_SERVICE added back", type: DEPLOYMENT, props: deployment((t) => void (containerContext(t).capabilities = { drop: ["ALL"], add: ["NET_BIND_SERVICE"] })), expect: [] },
  {
    rule: "containers-seccomp",
    title: "Unconfined at pod level although the container overrides it",
    type: DEPLOYMENT,
    props: deployment((t) => void ((t.spec.securityContext as Props).seccompProfile = { type: "Unconfined" })),
    expect: ["pod runs with the Unconfined seccomp profile"],
  },
  { rule: "containers-seccomp", title: "a Localhost profile", type: DEPLOYMENT, props: deployment((t) => void (containerContext(t).seccompProfile = { type: "Localhost", localhostProfile: "app.json" })), expect: [] },
  {
    rule: "containers-apparmor",
    title: "the legacy unconfined annotation",
    type: DEPLOYMENT,
    props: deployment((t) => void (t.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" })),
    expect: ['container "app" runs with AppArmor profile unconfined'],
  },
  {
    rule: "containers-apparmor",
    title: "runtime/default and localhost annotations",
    type: DEPLOYMENT,
    props: deployment((t) => void (t.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default", "container.apparmor.security.beta.kubernetes.io/side": "localhost/k8s-nginx" })),
    expect: [],
  },
  { rule: "pods-no-host-namespaces", title: "a Windows host process", type: DEPLOYMENT, props: deployment((t) => void ((t.spec.securityContext as Props).windowsOptions = { hostProcess: true })), expect: ["Windows host process"] },
  { rule: "containers-selinux", title: "a custom SELinux user", type: DEPLOYMENT, props: deployment((t) => void ((t.spec.securityContext as Props).seLinuxOptions = { user: "system_u" })), expect: ['pod sets a custom SELinux user "system_u"'] },
  { rule: "containers-selinux", title: "the container_init_t type and a level", type: DEPLOYMENT, props: deployment((t) => void (containerContext(t).seLinuxOptions = { type: "container_init_t", level: "s0:c123,c456" })), expect: [] },
  { rule: "pods-restricted-volume-types", title: "PVC, projected and CSI volumes", type: DEPLOYMENT, props: deployment((t) => (t.spec.volumes as Props[]).push({ name: "data", persistentVolumeClaim: { claimName: "data" } }, { name: "token", projected: { sources: [] } }, { name: "s3", csi: { driver: "s3.csi.aws.com" } })), expect: [] },
  {
    rule: "containers-no-privilege-escalation",
    title: "a DeploymentPatch that only scales passes every rule's absence checks",
    type: "kubernetes:apps/v1:DeploymentPatch",
    props: { metadata: { name: "app" }, spec: { replicas: 3, template: { spec: { containers: [{ name: "app" }] } } } },
    expect: [],
  },
  { rule: "containers-non-root", title: "a DeploymentPatch that only scales", type: "kubernetes:apps/v1:DeploymentPatch", props: { spec: { template: { spec: { containers: [{ name: "app" }] } } } }, expect: [] },
  {
    rule: "containers-no-privilege-escalation",
    title: "a DeploymentPatch that makes the container privileged",
    type: "kubernetes:apps/v1:DeploymentPatch",
    props: { spec: { template: { spec: { containers: [{ name: "app", securityContext: { privileged: true } }] } } } },
    expect: ['container "app" is privileged'],
  },
  { rule: "pods-no-host-namespaces", title: "a CronJobPatch that turns on hostNetwork", type: "kubernetes:batch/v1:CronJobPatch", props: { spec: { jobTemplate: { spec: { template: { spec: { hostNetwork: true, containers: [] } } } } } }, expect: ["hostNetwork"] },
  { rule: "containers-non-root", title: "a PodPatch that sets runAsUser 0", type: "kubernetes:core/v1:PodPatch", props: { spec: { securityContext: { runAsUser: 0 }, containers: [{ name: "app" }] } }, expect: ['container "app" may run as root'] },
  { rule: "pods-no-host-path", title: "a DaemonSetPatch adding a hostPath", type: "kubernetes:apps/v1:DaemonSetPatch", props: { spec: { template: { spec: { volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] } } } }, expect: ['mounts the host path "/var/log"'] },
];

const images: RuleCase[] = [
  { rule: "no-unpinned-images", title: "latest", type: DEPLOYMENT, props: deployment((t) => void (firstContainer(t).image = "icr.io/mjc-cr/app:latest")), expect: ['uses the moving tag "latest"'] },
  { rule: "no-unpinned-images", title: "no tag in a CronJob", type: "kubernetes:batch/v1:CronJob", props: POD_KINDS["kubernetes:batch/v1:CronJob"]({ ...hardenedTemplate(), spec: { containers: [{ name: "x", image: "busybox" }] } }), expect: ["has no tag"] },
  { rule: "no-unpinned-images", title: "an unpinned ephemeral container", type: DEPLOYMENT, props: deployment(debug({ name: "debug", image: "busybox" })), expect: ['container "debug"'] },
  { rule: "no-unpinned-images", title: "an ACI container", type: "azure-native:containerinstance:ContainerGroup", props: { containers: [{ name: "ollama", image: "ollama/ollama:latest" }] }, expect: ['container "ollama"'] },
  { rule: "no-unpinned-images", title: "a Helm image map tagged latest", type: "kubernetes:helm.sh/v3:Release", props: { values: { kafka: { image: { registry: "docker.io", repository: "bitnami/kafka", tag: "latest" } } } }, expect: ["values.kafka.image"] },
  { rule: "no-unpinned-images", title: "pinned tags and digests", type: DEPLOYMENT, props: deployment((t) => void (t.spec.initContainers = [{ ...hardenedContainer(), name: "i", image: "busybox@sha256:" + "a".repeat(64) }])), expect: [] },
  { rule: "no-unpinned-images", title: "a patch that keeps the image", type: "kubernetes:apps/v1:DeploymentPatch", props: { spec: { template: { spec: { containers: [{ name: "app", env: [] }] } } } }, expect: [] },
  { rule: "no-unpinned-images", title: "a Helm image map with a repository and no tag", type: "kubernetes:helm.sh/v4:Chart", props: { values: { proxy: { image: { repository: "milvusdb/milvus" } } } }, expect: ['values.proxy.image: image "milvusdb/milvus" has no tag'] },
  { rule: "no-unpinned-images", title: "a Helm image map named x:latest", type: "kubernetes:helm.sh/v3:Release", props: { values: { exporter: { image: { name: "quay.io/acme/exporter:latest", pullPolicy: "Always" } } } }, expect: ["values.exporter.image.name"] },
  { rule: "no-unpinned-images", title: "a Helm image map pinned to a digest only", type: "kubernetes:helm.sh/v4:Chart", props: { values: { image: { registry: "docker.io", repository: "bitnami/kafka", tag: "", digest: `sha256:${"b".repeat(64)}` } } }, expect: [] },
  { rule: "no-unpinned-images", title: "a Helm image name pinned to a tag", type: "kubernetes:helm.sh/v3:Release", props: { values: { exporter: { image: { name: "quay.io/acme/exporter:1.2.3" } } } }, expect: [] },
  { rule: "no-unpinned-images", title: "pinned Helm values", type: "kubernetes:helm.sh/v4:Chart", props: { values: { image: { repository: "milvusdb/milvus", tag: "v2.5.15" } } }, expect: [] },
];

export const podCases: RuleCase[] = [...matrix, ...edges, ...images];
