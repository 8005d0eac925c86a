// Command pulumi-resource-kubernetes serves the Pulumi kubernetes provider
// pinned in go.mod. Upstream's own main embeds a schema generated at release
// time; build.sh stages the schema the module ships (cmd/pulumi-resource-kubernetes)
// next to this file, so the binary answers GetSchema as a released one does.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema.json
var schema []byte

//go:embed terraform-mapping.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, terraformMapping)
}
