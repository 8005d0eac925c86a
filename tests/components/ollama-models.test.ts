import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelReferenceProblem, pullScript, serverEnvironment, tuningProblem } from "../../components/ollama/models";

/**
 * A stand-in `ollama` binary: `serve` stays up until killed; `pull` stores a
 * model under its full name as Ollama does (host and namespace defaulting to
 * registry.ollama.ai and library) and records the download; `show` finds a
 * model by any reference form; `list` prints the shortened names Ollama
 * prints (`library/x:1` lists as `x:1`). Each answers only while a server is up.
 */
const FAKE_OLLAMA = `#!/bin/sh
state="$FAKE_OLLAMA_STATE"
full() {
  tag="\${1##*:}"
  set -- $(echo "\${1%:*}" | tr '/' ' ')
  case $# in 1) echo "registry.ollama.ai/library/$1:$tag" ;; 2) echo "registry.ollama.ai/$1/$2:$tag" ;; *) echo "$1/$2/$3:$tag" ;; esac
}
[ "$1" = serve ] || [ -f "$state/up" ] || exit 1
case "$1" in
  serve) touch "$state/up"; trap 'rm -f "$state/up"; exit 0' TERM; while :; do sleep 0.1; done ;;
  list) echo "NAME ID SIZE MODIFIED"; [ -f "$state/models" ] && sed -e 's|^registry.ollama.ai/library/||' -e 's|^registry.ollama.ai/||' -e 's/$/ 1a2b3c 1.3 GB now/' "$state/models"; exit 0 ;;
  show) [ -f "$state/models" ] && grep -qxF "$(full "$2")" "$state/models" ;;
  pull) [ "$2" = "broken:1" ] && exit 1; full "$2" >> "$state/models"; echo "$2" >> "$state/pulls" ;;
esac
`;

describe("pullScript, run by a real shell against a stand-in ollama", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "forja-ollama-"));
    writeFileSync(join(dir, "ollama"), FAKE_OLLAMA);
    chmodSync(join(dir, "ollama"), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (models: string[]) =>
    spawnSync("/bin/sh", ["-c", pullScript(models)], { env: { PATH: `${dir}:${process.env.PATH}`, FAKE_OLLAMA_STATE: dir }, encoding: "utf8", timeout: 30000 });
  const pulls = () => {
    try {
      return readFileSync(join(dir, "pulls"), "utf8").trim().split("\n");
    } catch {
      return [];
    }
  };

  it("pulls only the models the volume does not hold yet, and nothing on the next start", () => {
    writeFileSync(join(dir, "models"), "registry.ollama.ai/library/llama3.2:1b\n");
    expect(run(["llama3.2:1b", "qwen2.5:0.5b"]).status).toBe(0);
    expect(pulls()).toEqual(["qwen2.5:0.5b"]);
    const again = run(["llama3.2:1b", "qwen2.5:0.5b"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("qwen2.5:0.5b already present");
    expect(pulls()).toEqual(["qwen2.5:0.5b"]);
  });

  it.each(["library/qwen2.5:0.5b", "registry.ollama.ai/library/qwen2.5:0.5b", "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "qwen2.5:0.5b"])("downloads %s once, however it is written", (model) => {
    expect(run([model]).status).toBe(0);
    const again = run([model]);
    expect(again.stdout).toContain(`${model} already present`);
    expect(pulls()).toEqual([model]);
  });

  it("fails the step when a pull fails, so Ollama never starts without its models", () => {
    const failed = run(["broken:1"]);
    expect([failed.status, failed.signal]).toEqual([1, null]);
  });

  it("is valid POSIX shell", () => {
    expect(() => execFileSync("/bin/sh", ["-n", "-c", pullScript(["a:1"])])).not.toThrow();
  });
});

describe("modelReferenceProblem", () => {
  it.each(["llama3.2:1b", "qwen2.5:0.5b", "library/mistral:7b-instruct-q4_K_M", "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M"])("accepts %s", (model) => {
    expect(modelReferenceProblem(model)).toBeUndefined();
  });
  it.each(["llama3.2", "llama3.2:latest", "Llama 3:1b", "x:1'; reboot '", ":1b", "a//b:1"])("refuses %s", (model) => {
    expect(modelReferenceProblem(model)).toBeDefined();
  });
});

describe("server tuning", () => {
  it("renders the environment Ollama reads", () => {
    expect(serverEnvironment({ keepAlive: "-1", numParallel: 4, maxLoadedModels: 2 }, "/m")).toEqual({
      OLLAMA_HOST: "0.0.0.0:11434",
      OLLAMA_MODELS: "/m",
      OLLAMA_KEEP_ALIVE: "-1",
      OLLAMA_NUM_PARALLEL: "4",
      OLLAMA_MAX_LOADED_MODELS: "2",
    });
  });
  it.each([[{ keepAlive: "1h30m" }, undefined], [{ keepAlive: "soon" }, "keepAlive"], [{ numParallel: 0 }, "numParallel"], [{ maxLoadedModels: 1.5 }, "maxLoadedModels"]])("checks %j", (tuning, field) => {
    expect(tuningProblem(tuning)?.[0]).toBe(field);
  });
});
