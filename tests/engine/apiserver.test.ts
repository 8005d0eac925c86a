import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram, devProject, engineBin, engineEnv, ROOT, run, timed, writeKubeconfig } from "./engine";

/**
 * `pulumi preview` of the dev stack against a real Kubernetes API server on
 * loopback: kube-apiserver built from k8s.io/kubernetes (tools/engine/apiserver,
 * the stack's 1.35) on Debian's etcd (`etcd-server`), no kubelet, no
 * controllers. The kubernetes provider then reads the server's version and
 * API groups, renders the charts for them, and sends every object whose
 * inputs are known to the server as a dry-run server-side apply: the server
 * validates it against its schema, defaults it and runs its admission plugins
 * (PodSecurity with the namespaces' labels among them). The stack's namespaces
 * are created first, with the labels the plan gives them, as `pulumi up` would
 * (a dry-run in a namespace that does not exist is skipped).
 */
const work = mkdtempSync(join(tmpdir(), "forja-engine-apiserver-"));
const TOKEN = "forja-engine-admin";
const started: ChildProcess[] = [];
let project: string;
let env: NodeJS.ProcessEnv;
let server: string;

interface Plan {
  steps?: { op: string; urn: string; newState?: { type: string; inputs: Record<string, unknown> } }[];
}

/** A TCP port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** A request to the API server as its administrator (its certificate is self-signed). */
function api(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server}${path}`, { method, rejectUnauthorized: false, agent: false, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Starts `command` in the background, its output in `<name>.log`; afterAll stops it. */
function background(name: string, command: string, args: string[]): ChildProcess {
  const log = openSync(join(work, `${name}.log`), "w");
  const child = spawn(command, args, { stdio: ["ignore", log, log] });
  started.push(child);
  return child;
}

async function until(what: string, ready: () => Promise<boolean>, seconds: number): Promise<void> {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    if (await ready().catch(() => false)) return;
  }
  throw new Error(`${what} not ready after ${seconds} s; see ${work}`);
}

const preview = (extra: string[] = []) =>
  timed(`pulumi preview (API server) ${extra.join(" ")}`, () =>
    run("pulumi", ["preview", "--stack", "dev", "--non-interactive", "--policy-pack", join(ROOT, "policies"), ...extra], project, env),
  );

/** The API server's count of dry-run applies by response code. */
async function dryRunApplies(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const line of (await api("GET", "/metrics")).text.split("\n")) {
    const m = /^apiserver_request_total\{code="(\d+)".*dry_run="All".*verb="APPLY".*\} (\d+)$/.exec(line);
    if (m) counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
  }
  return counts;
}

beforeAll(async () => {
  const bin = engineBin();
  if (spawnSync("etcd", ["--version"]).status !== 0) throw new Error("etcd is not on the PATH: install Debian's etcd-server (apt-get install etcd-server); .ci/run does");
  buildProgram();

  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  background("etcd", "etcd", [
    "--data-dir", join(work, "etcd"),
    "--listen-client-urls", `http://127.0.0.1:${etcdClient}`, "--advertise-client-urls", `http://127.0.0.1:${etcdClient}`,
    "--listen-peer-urls", `http://127.0.0.1:${etcdPeer}`, "--initial-advertise-peer-urls", `http://127.0.0.1:${etcdPeer}`,
    "--initial-cluster", `default=http://127.0.0.1:${etcdPeer}`,
  ]);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  writeFileSync(join(work, "sa.key"), privateKey);
  writeFileSync(join(work, "sa.pub"), publicKey);
  writeFileSync(join(work, "tokens.csv"), `${TOKEN},admin,admin,system:masters\n`);
  background("kube-apiserver", join(bin, "kube-apiserver"), [
    `--etcd-servers=http://127.0.0.1:${etcdClient}`, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", `--secure-port=${apiPort}`,
    `--cert-dir=${join(work, "certs")}`, `--token-auth-file=${join(work, "tokens.csv")}`, "--authorization-mode=RBAC",
    `--service-account-key-file=${join(work, "sa.pub")}`, `--service-account-signing-key-file=${join(work, "sa.key")}`,
    "--service-account-issuer=https://kubernetes.default.svc", "--service-cluster-ip-range=10.96.0.0/16",
  ]);
  server = `https://127.0.0.1:${apiPort}`;
  const starting = Date.now();
  await until("kube-apiserver", async () => (await api("GET", "/readyz")).status === 200, 180);
  process.stderr.write(`[engine] etcd and kube-apiserver ready: ${((Date.now() - starting) / 1000).toFixed(1)} s\n`);

  const kubeconfig = writeKubeconfig(join(work, "kubeconfig"), server, TOKEN);
  project = devProject(work);
  env = { ...engineEnv(bin, work), KUBECONFIG: kubeconfig };
  mkdirSync(join(work, "state"));
  const init = run("pulumi", ["stack", "init", "dev", "--non-interactive"], project, env);
  if (init.status !== 0) throw new Error(`pulumi stack init dev failed:\n${init.output}`);

  // The namespaces, as the plan declares them.
  const first = preview(["--json"]);
  if (first.status !== 0) throw new Error(`pulumi preview failed:\n${first.output}`);
  for (const step of (JSON.parse(first.stdout) as Plan).steps ?? []) {
    if (step.op !== "create" || step.newState?.type !== "kubernetes:core/v1:Namespace") continue;
    const created = await api("POST", "/api/v1/namespaces", step.newState.inputs);
    if (created.status !== 201) throw new Error(`namespace ${JSON.stringify(step.newState.inputs)} refused: ${created.text}`);
  }
}, 3_600_000);

/** Stops a process started here: SIGTERM, then SIGKILL after 10 s (kube-apiserver may wait on its shutdown). */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill();
  });
}

afterAll(async () => {
  // The API server before its etcd, which it would otherwise keep waiting for.
  for (const child of [...started].reverse()) await stop(child);
  rmSync(work, { recursive: true, force: true });
});

describe("the dev stack against a real Kubernetes API server", () => {
  it("previews with the policy pack, every known object admitted by the server's dry-run", async () => {
    const before = await dryRunApplies();
    const { status, output, stdout } = preview(["--json"]);
    expect({ status, output: status === 0 ? "" : output }).toEqual({ status: 0, output: "" });
    const after = await dryRunApplies();
    const delta = Object.fromEntries(Object.keys(after).map((code) => [code, after[code] - (before[code] ?? 0)]).filter(([, n]) => n !== 0));
    process.stderr.write(`[engine] dry-run applies by response code: ${JSON.stringify(delta)}\n`);
    // Created (201) or already there (200, the namespaces): nothing refused, nothing missing.
    expect(Object.keys(delta).filter((code) => code !== "200" && code !== "201")).toEqual([]);
    expect(delta["201"]).toBeGreaterThan(50);

    // The charts render for the server's version: MinIO's PodDisruptionBudget is policy/v1 here.
    const types = ((JSON.parse(stdout) as Plan).steps ?? []).map((step) => step.urn.split("::")[2].split("$").pop());
    expect(types).toContain("kubernetes:policy/v1:PodDisruptionBudget");
    expect(types).not.toContain("kubernetes:policy/v1beta1:PodDisruptionBudget");
  });
});
