//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/journey-cx/journey/internal/mapgen"
)

// hang bounds how long a test waits for journey to stop after a signal:
// far above the half second it takes, so that only a hang fails it.
const hang = 60 * time.Second

// bigMap writes a map whose PDF takes seconds to render.
func bigMap(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "grande.journey.yaml")
	if err := os.WriteFile(p, mapgen.Map(7, 6000), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// start runs journey with args in dir.
func start(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runMainEnv+"=1", "NO_COLOR=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// waitFor polls until a temporary file of out exists: the render is
// writing it.
func waitFor(t *testing.T, cmd *exec.Cmd, dir, out string) string {
	t.Helper()
	deadline := time.Now().Add(hang)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, "."+out+".tmp-*")); len(m) > 0 {
			return m[0]
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatalf("no temporary file of %s appeared", out)
	return ""
}

// exitCode waits for cmd, failing the test if it does not end in time.
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(hang):
		cmd.Process.Kill()
		t.Fatalf("journey did not stop within %v of the signal", hang)
		return -1
	}
}

// TestSignalStopsRender: SIGTERM in the middle of writing a PDF, and
// SIGINT while the map is still being read, stop the render with 143 and
// 130, leave the previous output as it was and no temporary file behind.
func TestSignalStopsRender(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bigMap(t, dir)
	for _, tc := range []struct {
		sig     syscall.Signal
		code    int
		writing bool // signal once the temporary file exists
	}{
		{syscall.SIGTERM, 143, true},
		{syscall.SIGINT, 130, false},
	} {
		out := "mapa-" + tc.sig.String()[:3] + ".pdf"
		if err := os.WriteFile(filepath.Join(dir, out), []byte("la versión anterior"), 0o644); err != nil {
			t.Fatal(err)
		}
		var cmd *exec.Cmd
		var stderr *bytes.Buffer
		code := -1
		for delay := 200 * time.Millisecond; code == -1 && delay < hang; delay *= 2 {
			// -1: the signal came before journey installed its handler,
			// on a slow machine; try again later in the run.
			cmd, stderr = start(t, dir, "render", "grande.journey.yaml", "-o", out)
			if tc.writing {
				waitFor(t, cmd, dir, out)
			} else {
				time.Sleep(delay) // still reading the map
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			code = exitCode(t, cmd)
		}
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", tc.sig, code, tc.code, stderr)
		}
		if !strings.Contains(stderr.String(), "interrupted") || strings.Contains(stderr.String(), "goroutine") {
			t.Errorf("%v: stderr = %q", tc.sig, stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, out)); string(got) != "la versión anterior" {
			t.Errorf("%v: %s was replaced (%d bytes)", tc.sig, out, len(got))
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(left) > 0 {
			t.Errorf("%v: left %v", tc.sig, left)
		}
	}
}

// TestKilledRenderIsCleanedUp: SIGKILL cannot be caught, and leaves the
// temporary file; the next write to the same path removes it and says so.
func TestKilledRenderIsCleanedUp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bigMap(t, dir)
	cmd, _ := start(t, dir, "render", "grande.journey.yaml", "-o", "mapa.pdf")
	tmp := waitFor(t, cmd, dir, "mapa.pdf")
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(tmp); err != nil {
		t.Fatalf("SIGKILL left no temporary file to clean up: %v", err)
	}
	small := filepath.Join(dir, "pequeño.journey.yaml")
	if err := os.WriteFile(small, mapgen.Map(8, 8), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := start(t, dir, "render", "pequeño.journey.yaml", "-o", "mapa.pdf")
	if code := exitCode(t, cmd); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "removed "+filepath.Base(tmp)) {
		t.Errorf("stderr does not name the removed %s:\n%s", filepath.Base(tmp), stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(left) > 0 {
		t.Errorf("left %v", left)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "mapa.pdf")); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("mapa.pdf is not a PDF")
	}
}
