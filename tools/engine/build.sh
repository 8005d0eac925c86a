#!/usr/bin/env bash
# Builds the offline Pulumi engine into a cache outside the repository and
# prints its bin folder on the last line of stdout:
#   pulumi                      the CLI (github.com/pulumi/pulumi/pkg/v3 cmd/pulumi)
#   pulumi-language-nodejs      Forja's Node.js language host (nodejs/)
#   pulumi-resource-kubernetes  the kubernetes provider (kubernetes/)
#   pulumi-resource-random      a preview-only stand-in (random/)
#   pulumi-language-python, pulumi-language-go   SDK generators; Python programs too (codegen/)
#   pulumi-language-yaml        Pulumi's YAML host (yaml/: pulumi-yaml at its own pkg/v3 release)
#   pulumi-language-dotnet      C# SDK generator (dotnet/: pkg/v3 v3.206.0, a release that still carries one)
#   kube-apiserver              a real API server for previews against it (apiserver/: k8s.io/kubernetes)
# Pinned versions: versions.json and the go.mod files. A cache folder is keyed by
# those and by the sources here, so a change rebuilds and a rerun reuses.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache_root="${FORJA_ENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/forja/engine}"

version_of() { node -e 'const v=require(process.argv[1])[process.argv[2]];process.stdout.write(v.version.replace(/^v/,""))' "$here/versions.json" "$1"; }
npm_of() { node -e 'process.stdout.write(require(process.argv[1])[process.argv[2]].npm)' "$here/versions.json" "$1"; }
cli="$(version_of @pulumi/pulumi)"
kubernetes="$(version_of @pulumi/kubernetes)"
key="$(cat "$here"/versions.json "$here"/go.mod "$here"/go.sum "$here"/*/go.mod "$here"/*/go.sum "$here"/*/*.go "$here"/*/*.py "$0" | sha256sum | cut -c1-12)"
dir="$cache_root/pulumi-$cli-kubernetes-${kubernetes%%-*}-$key"
bin="$dir/bin"
# One build at a time per cache: a second caller waits, then reuses.
mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock 9

if [ ! -f "$dir/complete" ]; then
  started=$SECONDS
  rm -rf "$dir" && mkdir -p "$bin"
  export GOFLAGS="-trimpath -buildvcs=false"
  step() { local t=$SECONDS; "$@"; echo "[engine] built ${*: -1} in $((SECONDS - t)) s" >&2; }
  cd "$here"
  step go build -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$cli" \
    -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  step go build -ldflags "-X main.version=$(npm_of @pulumi/pulumi)" -o "$bin/pulumi-language-nodejs" ./nodejs
  step go build -ldflags "-X main.version=$(npm_of @pulumi/random)" -o "$bin/pulumi-resource-random" ./random
  # One SDK generator host, two names: the CLI picks a language host by its name.
  step go build -ldflags "-X main.version=$cli" -o "$bin/pulumi-language-python" ./codegen
  ln "$bin/pulumi-language-python" "$bin/pulumi-language-go"
  # pulumi-yaml v1.25.0 does not compile against the CLI's pkg/v3, so yaml/ is a module of
  # its own at the pkg/v3 release pulumi-yaml requires; the engine talks to it over gRPC.
  cd "$here/yaml"
  yaml="$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi-yaml)"
  step go build -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml" \
    -o "$bin/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
  cd "$here/dotnet"
  step go build -ldflags "-X main.version=$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3)" \
    -o "$bin/pulumi-language-dotnet" .
  # Versioned as a release is: the provider and Helm read the server's version from it.
  cd "$here/apiserver"
  k8s="$(go list -m -f '{{.Version}}' k8s.io/kubernetes)"
  minor="${k8s#v1.}" && minor="${minor%%.*}"
  step go build -ldflags "-X k8s.io/component-base/version.gitVersion=$k8s -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean" \
    -o "$bin/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
  # The provider's own main embeds a schema generated at release time; the module
  # ships it as cmd/pulumi-resource-kubernetes/schema.json: stage it for go:embed.
  cd "$here/kubernetes"
  go mod download github.com/pulumi/pulumi-kubernetes/provider/v4
  module="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)"
  install -m 644 "$module/cmd/pulumi-resource-kubernetes/schema.json" "$module/cmd/pulumi-resource-kubernetes/terraform-mapping.json" .
  step go build -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$kubernetes" \
    -o "$bin/pulumi-resource-kubernetes" .
  touch "$dir/complete"
  echo "[engine] first build took $((SECONDS - started)) s into $dir" >&2
else
  echo "[engine] reusing $dir" >&2
fi
echo "$bin"
