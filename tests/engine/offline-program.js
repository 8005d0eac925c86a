// The dev stack's program as the engine suite previews it with no cluster and
// no chart repository: dist/src/index.js, unchanged, behind two stack
// transforms that only the suite sets up (Pulumi.yaml's `main` in its project
// folder points here).
//
// FORJA_ENGINE_RENDER_DIR: every kubernetes provider renders YAML into that
// folder instead of talking to a cluster (`renderYamlToDirectory`). It is the
// provider's only mode in which a helm.v4.Chart renders without an API server;
// the provider refuses it next to `kubeconfig` or `context`, so both go.
// FORJA_CHARTS: a v4 Chart installs from the packaged chart in those folders
// (NAME-VERSION.tgz, as the synth finds it) instead of its https:// repository.
const pulumi = require("@pulumi/pulumi");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const renderDir = process.env.FORJA_ENGINE_RENDER_DIR;
const chartDirs = (process.env.FORJA_CHARTS || "").split(":").filter(Boolean);

pulumi.runtime.registerResourceTransform(({ type, props, opts }) => {
  if (renderDir && type === "pulumi:providers:kubernetes") {
    const { kubeconfig: _kubeconfig, context: _context, ...rest } = props;
    return { props: { ...rest, renderYamlToDirectory: renderDir }, opts };
  }
  if (chartDirs.length && type === "kubernetes:helm.sh/v4:Chart" && props.repositoryOpts) {
    const { repositoryOpts: _repositoryOpts, version, ...rest } = props;
    const file = chartDirs.map((dir) => join(dir, `${props.chart}-${version}.tgz`)).find((path) => existsSync(path));
    if (!file) throw new Error(`${props.chart}-${version}.tgz is in none of FORJA_CHARTS (${chartDirs.join(":")})`);
    return { props: { ...rest, chart: file }, opts };
  }
  return undefined;
});

module.exports = require("./dist/src/index.js");
