//go:build unix

package project_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/journey-cx/journey/journey/project"
)

// A FIFO named like a map is left out of a folder, with a note; named
// explicitly it is read without blocking: nothing written to it is an
// error that says so, and the other maps are still loaded.
func TestSpecialFilesNeverBlock(t *testing.T) {
	dir := tree(t, map[string]string{"a.journey.yaml": mapOf("a", "5a", "aware")})
	fifo := filepath.Join(dir, "f.journey.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	var skips []project.Skip
	l := &project.Loader{Dir: dir, OnSkip: func(s project.Skip) { skips = append(skips, s) }}
	got, err := l.Discover(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"a.journey.yaml"}) {
		t.Errorf("Discover = %q, want only the regular map", got)
	}
	if len(skips) != 1 || skips[0].Err != nil || skips[0].Name != "f.journey.yaml" || !strings.Contains(skips[0].Reason, "a named pipe") {
		t.Errorf("skips = %+v, want one note about the named pipe", skips)
	}

	skips = nil
	var loaded []string
	err = l.Each([]string{"f.journey.yaml", "a.journey.yaml"}, nil, func(f *project.File) error {
		loaded = append(loaded, f.Name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(loaded, []string{"a.journey.yaml"}) {
		t.Errorf("loaded %q, want the regular map after the FIFO", loaded)
	}
	if len(skips) != 1 || skips[0].Err == nil || !strings.Contains(skips[0].Err.Error(), "f.journey.yaml: it is a named pipe and nothing was written to it (give its text as standard input, -)") {
		t.Errorf("skips = %+v, want the FIFO's read error", skips)
	}

	// Without OnSkip the FIFO's error stops the run, as before.
	bare := &project.Loader{Dir: dir}
	if _, err := bare.ReadFile("f.journey.yaml", 0); err == nil {
		t.Error("reading an empty FIFO: no error")
	}
	// A device is refused, not read for ever.
	if _, err := bare.ReadFile("/dev/zero", 0); err == nil || !strings.Contains(err.Error(), "not a regular file (a character device)") {
		t.Errorf("reading /dev/zero: %v", err)
	}
}

// A folder that can't be read is reported and the rest discovered.
func TestUnreadableFolderSkipped(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	dir := tree(t, map[string]string{"a.journey.yaml": mapOf("a", "5a", "aware"), "locked/b.journey.yaml": mapOf("b", "5a", "aware"), "z/c.journey.yaml": mapOf("c", "5a", "aware")})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	var skips []project.Skip
	l := &project.Loader{Dir: dir, OnSkip: func(s project.Skip) { skips = append(skips, s) }}
	got, err := l.Discover(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.journey.yaml", "z/c.journey.yaml"}; !slices.Equal(got, want) {
		t.Errorf("Discover = %q, want %q", got, want)
	}
	if len(skips) != 1 || skips[0].Err == nil || skips[0].Err.Error() != "can't read locked: permission denied" {
		t.Errorf("skips = %+v", skips)
	}
	if _, err := (&project.Loader{Dir: dir}).Discover(nil); err == nil {
		t.Error("without OnSkip, an unreadable folder is no error")
	}
}
