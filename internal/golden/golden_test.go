package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nD\ne\nf\ng\nh\n", `--- x.golden (want)
+++ got
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
`},
		{"added and removed", "one\ntwo\n", "zero\none\n", `--- x.golden (want)
+++ got
@@ -1,2 +1,2 @@
+zero
 one
-two
`},
		{"no newline at the end", "a\nb\n", "a\nb", `--- x.golden (want)
+++ got
@@ -1,2 +1,2 @@
 a
-b
+b
\ No newline at end of file
`},
		{"new file", "", "a\n", `--- x.golden (want)
+++ got
@@ -0,0 +1 @@
+a
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Diff("x.golden", []byte(tt.want), []byte(tt.got)); got != tt.diff {
				t.Errorf("diff:\n%s\nwant:\n%s", got, tt.diff)
			}
		})
	}
}

// TestDiffBounded checks that a diff of a large file stops at MaxDiffLines
// and says how much it left out.
func TestDiffBounded(t *testing.T) {
	t.Parallel()
	var want, got strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&want, "line %d\n", i)
		fmt.Fprintf(&got, "line %d changed\n", i)
	}
	d := Diff("big.golden", []byte(want.String()), []byte(got.String()))
	lines := strings.Split(strings.TrimSuffix(d, "\n"), "\n")
	if len(lines) != MaxDiffLines+1 {
		t.Fatalf("%d lines, want %d and a last line saying what is left", len(lines), MaxDiffLines+1)
	}
	// 2 file lines, 1 hunk header, 1000 deleted and 1000 inserted lines.
	if last, want := lines[len(lines)-1], fmt.Sprintf("… %d more lines of diff", 2003-MaxDiffLines); last != want {
		t.Errorf("last line %q, want %q", last, want)
	}
	if lines[3] != "-line 0" {
		t.Errorf("first changed line %q, want %q", lines[3], "-line 0")
	}
}

// TestDiffLongLine checks that a long changed line is cut around its first
// changed byte, on a rune boundary.
func TestDiffLongLine(t *testing.T) {
	t.Parallel()
	prefix := strings.Repeat("ñ", 5000) // two bytes a rune
	want := prefix + "<rect x=\"1\"/>" + strings.Repeat("z", 5000) + "\n"
	got := prefix + "<rect x=\"2\"/>" + strings.Repeat("z", 5000) + "\n"
	d := Diff("wide.svg", []byte(want), []byte(got))
	var minus, plus string
	for _, l := range strings.Split(d, "\n") {
		switch {
		case strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---"):
			minus = l
		case strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++"):
			plus = l
		}
	}
	for _, tt := range []struct{ line, change string }{{minus, `x="1"`}, {plus, `x="2"`}} {
		if !strings.Contains(tt.line, tt.change) {
			t.Errorf("line %q does not show the change %s", tt.line, tt.change)
		}
		if !utf8.ValidString(tt.line) {
			t.Errorf("line %q is cut inside a rune", tt.line)
		}
		if len(tt.line) > MaxLineBytes+40 {
			t.Errorf("line of %d bytes, want about %d", len(tt.line), MaxLineBytes)
		}
		if !strings.Contains(tt.line, fmt.Sprintf("(line of %d bytes)", len(want)-1)) {
			t.Errorf("line %q does not give the line's full length", tt.line)
		}
	}
}

// recorder is a testing.TB that keeps what Assert reports.
type recorder struct {
	testing.TB
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
}

func (r *recorder) Fatal(args ...any) {
	r.errors = append(r.errors, fmt.Sprint(args...))
	r.fatal = true
}

// TestAssert checks what Assert reports, and that -update rewrites the
// file. It changes the -update flag, so it does not run in parallel.
func TestAssert(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.golden")
	if err := os.WriteFile(path, []byte("one\r\ntwo\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := &recorder{}
	Assert(r, path, []byte("one\ntwo\n"))
	if len(r.errors) != 0 {
		t.Errorf("equal output (CRLF in the file) reported: %q", r.errors)
	}

	r = &recorder{}
	Assert(r, path, []byte("one\n2\n"))
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "-two\n+2\n") || !strings.Contains(r.errors[0], "-update") {
		t.Errorf("a mismatch reported as %q, want a unified diff and the -update hint", r.errors)
	}

	r = &recorder{}
	Assert(r, filepath.Join(dir, "missing.golden"), []byte("x"))
	if !r.fatal || !strings.Contains(r.errors[0], "-update") {
		t.Errorf("a missing file reported as %q, want a fatal error with the -update hint", r.errors)
	}

	*update = true
	defer func() { *update = false }()
	r = &recorder{}
	newPath := filepath.Join(dir, "sub", "new.golden")
	Assert(r, newPath, []byte("fresh\n"))
	if b, err := os.ReadFile(newPath); err != nil || string(b) != "fresh\n" || len(r.errors) != 0 {
		t.Errorf("-update wrote %q (%v), reported %q", b, err, r.errors)
	}
}

// TestDiffLongLineEarlyChange checks that a long line changed near its
// start is shown from its start.
func TestDiffLongLineEarlyChange(t *testing.T) {
	t.Parallel()
	tail := strings.Repeat("y", 400)
	d := Diff("w", []byte("<svg width=\"1\" "+tail+"\n"), []byte("<svg width=\"2\" "+tail+"\n"))
	if !strings.Contains(d, "\n-<svg width=\"1\" yyy") || !strings.Contains(d, "\n+<svg width=\"2\" yyy") {
		t.Errorf("diff does not show the lines from their start:\n%s", d)
	}
}
