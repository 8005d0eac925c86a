// Command pulumi-language-nodejs is Forja's own Node.js language host for the
// offline engine. Pulumi's host is a module of its own that the Go module proxy
// reachable here does not serve, so this one implements the few calls that
// `pulumi preview`, policy packs and `pulumi package get-schema` make, and
// hands the work to the scripts the @pulumi/pulumi npm package ships:
// cmd/run for a program, cmd/run-policy-pack for an analyzer and cmd/run-plugin
// for a provider. It computes no required packages: the engine then loads each
// provider when the program first registers one, from the PATH that
// tools/engine/build.sh prepares (nothing is downloaded).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set by build.sh to the @pulumi/pulumi version it pairs with.
var version = "0.0.0"

// bailCode is the exit code @pulumi/pulumi's scripts use after they have
// already reported the error: the engine then adds no message of its own.
const bailCode = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engine string
}

func main() {
	// The engine passes its address last; flags before it (tracing, logging) are not used here.
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-language-nodejs [flags] <engine-address>")
		os.Exit(1)
	}
	h := &host{engine: os.Args[len(os.Args)-1]}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// script finds @pulumi/pulumi/cmd/<name> in the nearest node_modules, as Node's require would.
func script(from, name string) (string, error) {
	for dir := from; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", name)
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("@pulumi/pulumi/cmd/%s not found above %s: run npm ci", name, from)
		}
	}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

// InstallDependencies does nothing: `npm ci` at the repository root installs everything.
func (h *host) InstallDependencies(*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	return nil
}

// typescript reports the project's runtime option `typescript` (default true, as Pulumi's host has it).
func typescript(info *pulumirpc.ProgramInfo) bool {
	if info == nil || info.Options == nil {
		return true
	}
	if v, ok := info.Options.AsMap()["typescript"].(bool); ok {
		return v
	}
	return true
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("the engine sent no program info")
	}
	run, err := script(info.ProgramDirectory, "run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	entry := info.EntryPoint
	if entry == "" {
		entry = "."
	}
	args := []string{run,
		"--monitor=" + req.MonitorAddress, "--engine=" + h.engine,
		"--organization=" + req.Organization, "--project=" + req.Project, "--stack=" + req.Stack,
		"--root-directory=" + info.RootDirectory, "--pwd=" + info.ProgramDirectory,
		"--parallel=" + strconv.Itoa(int(req.Parallel)),
	}
	if req.DryRun {
		args = append(args, "--dry-run")
	}
	args = append(append(args, entry), req.Args...)

	config, err := json.Marshal(req.Config)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(req.ConfigSecretKeys)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = info.ProgramDirectory
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typescript(info)),
	)
	var exit *exec.ExitError
	switch err := cmd.Run(); {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == bailCode:
		return &pulumirpc.RunResponse{Bail: true}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the Node.js program failed: %v", err)}, nil
	}
}

// RunPlugin starts a policy pack (kind analyzer) or a provider written in
// TypeScript, with the plugin's folder as working directory (PolicyPack reads
// ./package.json from it), and streams its output back to the engine.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	info := req.GetInfo()
	if info == nil {
		return errors.New("the engine sent no plugin info")
	}
	name := "run-plugin"
	if req.Kind == "analyzer" {
		name = "run-policy-pack"
	}
	runner, err := script(info.ProgramDirectory, name)
	if err != nil {
		return err
	}
	// run-policy-pack takes <engine-address> <program>; run-plugin takes <program> <args...>.
	args := append(append([]string{runner}, req.Args...), ".")
	if req.Kind != "analyzer" {
		args = append([]string{runner, "--pwd=" + info.ProgramDirectory, "."}, req.Args...)
	}
	cmd := exec.CommandContext(stream.Context(), "node", args...)
	cmd.Dir = info.ProgramDirectory
	cmd.Env = append(req.Env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typescript(info)))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	sent := make(chan error, 2)
	forward := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		buf := make([]byte, 32*1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if serr := stream.Send(wrap(append([]byte(nil), buf[:n]...))); serr != nil {
					sent <- serr
					return
				}
			}
			if err != nil {
				sent <- nil
				return
			}
		}
	}
	go forward(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go forward(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	for range 2 {
		if err := <-sent; err != nil {
			return err
		}
	}
	code := int32(0)
	var exit *exec.ExitError
	if err := cmd.Wait(); errors.As(err, &exit) {
		code = int32(exit.ExitCode())
	} else if err != nil {
		return err
	}
	return stream.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}
