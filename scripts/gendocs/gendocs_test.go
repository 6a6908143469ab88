package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/journey-cx/journey/internal/golden"
)

const cliDocs = "../../docs/cli"

// TestReferenceIsFresh regenerates docs/cli in memory and fails when the
// committed pages differ. Refresh them with
//
//	go run ./scripts/gendocs -md docs/cli
//
// or go test ./scripts/gendocs -run TestReferenceIsFresh -update.
func TestReferenceIsFresh(t *testing.T) {
	t.Parallel()
	files, err := Markdown(rootCommand())
	if err != nil {
		t.Fatal(err)
	}
	if golden.Update() {
		if err := writeDir(cliDocs, ".md", files); err != nil {
			t.Fatal(err)
		}
		return
	}
	const fix = "docs/cli is stale: run `go run ./scripts/gendocs -md docs/cli` and commit the result"
	committed, err := filepath.Glob(filepath.Join(cliDocs, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range committed {
		if _, ok := files[filepath.Base(p)]; !ok {
			t.Errorf("%s documents no command any more; %s", filepath.Base(p), fix)
		}
	}
	for _, name := range sortedKeys(files) {
		want, err := os.ReadFile(filepath.Join(cliDocs, name))
		if err != nil {
			t.Errorf("%s is missing; %s", name, fix)
			continue
		}
		want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
		if !bytes.Equal(want, files[name]) {
			t.Errorf("%s differs from the commands; %s\n%s", name, fix, firstDiff(want, files[name]))
		}
	}
}

func TestReferenceCoversEveryCommand(t *testing.T) {
	t.Parallel()
	files, err := Markdown(rootCommand())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"journey.md", "journey_validate.md", "journey_version.md", "journey_completion_bash.md"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s in %v", want, sortedKeys(files))
		}
	}
	for name, b := range files {
		if strings.Contains(string(b), "Auto generated") {
			t.Errorf("%s carries a generation date", name)
		}
		if strings.Contains(name, "__complete") || strings.Contains(name, "help") {
			t.Errorf("%s documents a hidden command", name)
		}
	}
}

func TestManPages(t *testing.T) {
	t.Parallel()
	when := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	a, err := Man(rootCommand(), "v1.2.3", when)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Man(rootCommand(), "v1.2.3", when)
	if err != nil {
		t.Fatal(err)
	}
	page, ok := a["journey-validate.1"]
	if !ok {
		t.Fatalf("no journey-validate.1 in %v", sortedKeys(a))
	}
	for _, want := range []string{`.TH "JOURNEY-VALIDATE" "1" "Mar 2026" "journey 1.2.3" "Journey Manual"`, ".SH SYNOPSIS", ".SH OPTIONS"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("journey-validate.1 lacks %q:\n%s", want, page)
		}
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestManDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, flag, epoch, want string
		fails                   bool
	}{
		{name: "default is the epoch, never the clock", want: "1970-01-01"},
		{name: "date only", flag: "2026-03-14", want: "2026-03-14"},
		{name: "RFC 3339 from goreleaser CommitDate", flag: "2026-03-14T23:30:00-05:00", want: "2026-03-15"},
		{name: "SOURCE_DATE_EPOCH", epoch: "1773446400", want: "2026-03-14"},
		{name: "flag wins over SOURCE_DATE_EPOCH", flag: "2025-01-02", epoch: "1773446400", want: "2025-01-02"},
		{name: "bad flag", flag: "14/03/2026", fails: true},
		{name: "bad epoch", epoch: "yesterday", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := manDate(tt.flag, tt.epoch)
			if tt.fails {
				if err == nil {
					t.Fatalf("manDate(%q, %q) = %v, want an error", tt.flag, tt.epoch, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := got.Format(time.DateOnly); s != tt.want {
				t.Errorf("manDate(%q, %q) = %s, want %s", tt.flag, tt.epoch, s, tt.want)
			}
		})
	}
}

func TestWriteDirReplacesStalePages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, n := range []string{"journey_gone.md", "keep.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeDir(dir, ".md", map[string][]byte{"journey.md": []byte("new\n")}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"journey.md", "keep.txt"}; !slices.Equal(names, want) {
		t.Errorf("files = %v, want %v", names, want)
	}
}

func TestRunFlags(t *testing.T) {
	t.Parallel()
	if err := run(nil, io.Discard); err == nil {
		t.Error("run with no -md or -man: no error")
	}
	dir := t.TempDir()
	if err := run([]string{"-man", dir, "-version", "v0.1.0", "-date", "2026-01-02"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "journey.1")); err != nil {
		t.Error(err)
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n- committed: %s\n+ generated: %s", i+1, w, g)
		}
	}
	return "(whitespace differs)"
}
