package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRemoveStale: a temporary file whose writer is gone, or one older
// than a day, is removed before the next write to the same path; a live
// writer's file and other people's files are kept.
func TestRemoveStale(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	now := time.Now()
	const deadPID = 0x7ffffff0 // above any pid_max: no such process
	files := map[string]time.Duration{
		".map.pdf.tmp-" + strconv.Itoa(deadPID) + "-123":     0,              // killed writer: removed
		".map.pdf.tmp-" + strconv.Itoa(os.Getppid()) + "-45": 0,              // live writer: kept
		".map.pdf.tmp-" + strconv.Itoa(os.Getpid()) + "-67":  0,              // this process's own: kept
		".map.pdf.tmp-987654321":                             time.Hour,      // older name, young: kept
		".map.pdf.tmp-111111111":                             25 * time.Hour, // older name, a day old: removed
		".other.pdf.tmp-" + strconv.Itoa(deadPID) + "-1":     0,              // another file's: kept
		"map.pdf.tmp-" + strconv.Itoa(deadPID) + "-1":        0,              // not hidden, not ours: kept
	}
	for name, age := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("part"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	got := removeStale(filepath.Join(dir, "map.pdf"), now)
	for i := range got {
		got[i] = filepath.Base(got[i])
	}
	slices.Sort(got)
	want := []string{".map.pdf.tmp-111111111", ".map.pdf.tmp-" + strconv.Itoa(deadPID) + "-123"}
	if !slices.Equal(got, want) {
		t.Errorf("removed %q, want %q", got, want)
	}
	left, _ := os.ReadDir(dir)
	if n := len(left); n != len(files)-len(want) {
		t.Errorf("%d files left, want %d", n, len(files)-len(want))
	}
}

// TestWriteAtomicReportsStale: the write removes what a killed journey
// left and says so on stderr, naming the file.
func TestWriteAtomicReportsStale(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stale := filepath.Join(dir, ".mapa-año.svg.tmp-2147483632-99")
	if err := os.WriteFile(stale, []byte("<svg"), 0o644); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	app := &Factory{ErrOut: &errOut, Getwd: func() (string, error) { return dir, nil }, temps: &tempSet{}}
	if err := app.WriteAtomic(context.Background(), "mapa-año.svg", func(w io.Writer) error {
		_, err := io.WriteString(w, "<svg/>")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file is still there (%v)", err)
	}
	if msg := errOut.String(); !strings.Contains(msg, ".mapa-año.svg.tmp-2147483632-99") || !strings.Contains(msg, "interrupted") {
		t.Errorf("stderr = %q, want the removed file named", msg)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "mapa-año.svg")); string(got) != "<svg/>" {
		t.Errorf("wrote %q", got)
	}
}

// TestTempSet: a forced exit removes the files being written, and only
// those.
func TestTempSet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ts tempSet
	ts.add(a)
	ts.add(b)() // finished: renamed or removed by its writer
	ts.removeAll()
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Errorf("a is still there")
	}
	if _, err := os.Stat(b); err != nil {
		t.Errorf("b was removed: %v", err)
	}
	var none *tempSet
	none.add(a)()
	none.removeAll()
}
