import { podSpecViolations } from "../../components/core/security";
import { GitOps, planGitOps } from "../../components/gitops";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { customResourceErrors, MINIKUBE, renderedKinds, renderedObject, synthProblems } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sshPrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
const repository = { url: "git@github.com:acme/ml-platform.git", sshPrivateKey };

describe("GitOps (Argo CD) on Minikube", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new GitOps("gitops", { cluster: MINIKUBE, repository, applications: [{ name: "ml-dev", path: "k8s/ml-dev", namespace: "ml-dev" }] }, onCluster()));
  }, 120000);

  it("renders Argo CD slim: its CRDs, no Dex, no notifications, no hook Job", () => {
    const kinds = renderedKinds(recorded);
    const crds = recorded.chartObjects.filter((r) => (r.inputs as Obj).kind === "CustomResourceDefinition").map((r) => (r.inputs as Obj).metadata.name);
    expect(crds.sort()).toEqual(["applications.argoproj.io", "applicationsets.argoproj.io", "appprojects.argoproj.io"]);
    expect(kinds).not.toContain("Job");
    const workloads = recorded.chartObjects.filter((r) => ["Deployment", "StatefulSet"].includes((r.inputs as Obj).kind)).map((r) => (r.inputs as Obj).metadata.name);
    expect(workloads.sort()).toEqual(["argocd-application-controller", "argocd-applicationset-controller", "argocd-redis", "argocd-repo-server", "argocd-server"]);
  });

  it("pre-creates the redis password Secret the dropped redis-secret-init hook would make, before the chart", () => {
    const secret = recorded.one("kubernetes:core/v1:Secret", "gitops-redis");
    expect(secret.inputs.metadata).toMatchObject({ name: "argocd-redis", namespace: "argocd" });
    expect(secret.secretPaths).toContain("stringData");
    expect(recorded.one("kubernetes:helm.sh/v4:Chart").dependsOn).toContain(secret.urn);
    const redis = (renderedObject(recorded, "Deployment", "argocd-redis").inputs as Obj).spec.template.spec.containers[0];
    expect(redis.env).toContainEqual({ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "argocd-redis", key: "auth" } } });
  });

  it("keeps the deploy key a secret, out of the chart", () => {
    const repo = recorded.one("kubernetes:core/v1:Secret", "gitops-repository");
    expect((repo.inputs.metadata as Obj).labels).toEqual({ "argocd.argoproj.io/secret-type": "repository" });
    expect(repo.secretPaths).toContain("stringData");
    expect(JSON.stringify(recorded.one("kubernetes:helm.sh/v4:Chart").inputs)).not.toContain("b3BlbnNzaC1rZXktdjEAAAAA");
  });

  it("registers the AppProject and Application after the chart, and both fit Argo CD's CRDs", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
    const project = recorded.one("kubernetes:argoproj.io/v1alpha1:AppProject");
    const app = recorded.one("kubernetes:argoproj.io/v1alpha1:Application");
    expect(project.dependsOn).toContain(chart.urn);
    expect(app.dependsOn).toEqual(expect.arrayContaining([chart.urn, project.urn, recorded.one("kubernetes:core/v1:Secret", "gitops-repository").urn]));
    expect((app.inputs.metadata as Obj).finalizers).toEqual(["resources-finalizer.argocd.argoproj.io"]);
    expect(app.inputs.spec).toMatchObject({ project: "forja", source: { repoURL: repository.url, path: "k8s/ml-dev", targetRevision: "HEAD" }, syncPolicy: { automated: { prune: true, selfHeal: true } } });
    expect(customResourceErrors(recorded, "applications.argoproj.io", "v1alpha1", app.inputs as Obj)).toEqual([]);
    expect(customResourceErrors(recorded, "appprojects.argoproj.io", "v1alpha1", project.inputs as Obj)).toEqual([]);
    expect((project.inputs.spec as Obj).clusterResourceWhitelist).toEqual([]);
  });

  it("manages nothing inside the namespace Argo CD syncs: only the namespace itself", () => {
    const forjaInMlDev = recorded.records.filter((r) => (r.inputs as Obj).metadata?.namespace === "ml-dev");
    expect(forjaInMlDev).toEqual([]);
    const ns = recorded.one("kubernetes:core/v1:Namespace", "gitops-ns-ml-dev");
    expect((ns.inputs.metadata as Obj).labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("runs every Argo CD pod restricted and passes every synth check (the controller's ClusterRole under a named exemption)", () => {
    for (const r of recorded.chartObjects.filter((o) => ["Deployment", "StatefulSet"].includes((o.inputs as Obj).kind))) {
      expect([r.name, podSpecViolations((r.inputs as Obj).spec.template.spec)]).toEqual([r.name, []]);
    }
    expect(synthProblems(recorded)).toEqual([]);
  });
});

describe("GitOps args", () => {
  it("refuses an HTTPS repository URL (the key is an SSH deploy key) and an Application in Argo CD's namespace", () => {
    expect(() => planGitOps({ cluster: MINIKUBE, repository: { ...repository, url: "https://github.com/acme/ml-platform.git" } })).toThrow(/repository\.url/);
    expect(() => planGitOps({ cluster: MINIKUBE, repository, applications: [{ name: "a", path: ".", namespace: "argocd" }] })).toThrow(/applications\[0\]\.namespace/);
  });
});
