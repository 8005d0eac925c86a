package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runner is run.py: Pulumi's own runner ships with its Python host, a module
// the proxy does not serve; the Python SDK it drives comes from PyPI.
//
//go:embed run.py
var runner string

// bailCode is run.py's exit code after it has reported the program's error.
const bailCode = 32

// interpreter is the project's virtualenv interpreter (runtime option `virtualenv`,
// relative to the project) or else python3 from the PATH.
func interpreter(info *pulumirpc.ProgramInfo) string {
	if info.Options != nil {
		if venv, ok := info.Options.AsMap()["virtualenv"].(string); ok && venv != "" {
			if !filepath.IsAbs(venv) {
				venv = filepath.Join(info.RootDirectory, venv)
			}
			return filepath.Join(venv, "bin", "python")
		}
	}
	return "python3"
}

// Run runs a Python program (pulumi-language-python only).
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if h.language != "python" || info == nil {
		return nil, fmt.Errorf("pulumi-language-%s runs no programs here", h.language)
	}
	args := []string{"-u", "-c", runner,
		"--monitor=" + req.MonitorAddress, "--engine=" + h.engine,
		"--organization=" + req.Organization, "--project=" + req.Project, "--stack=" + req.Stack,
		"--root-directory=" + info.RootDirectory, "--parallel=" + strconv.Itoa(int(req.Parallel)),
	}
	if req.DryRun {
		args = append(args, "--dry-run")
	}
	args = append(args, filepath.Join(info.ProgramDirectory, info.EntryPoint))
	config, err := json.Marshal(req.Config)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(req.ConfigSecretKeys)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, interpreter(info), args...)
	cmd.Dir = info.ProgramDirectory
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	var exit *exec.ExitError
	switch err := cmd.Run(); {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == bailCode:
		return &pulumirpc.RunResponse{Bail: true}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the Python program failed: %v", err)}, nil
	}
}
