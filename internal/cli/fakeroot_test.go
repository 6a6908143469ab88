package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFakeRoot runs the commands in process with a temporary folder as
// the factory's working directory, never the process's: every relative
// path they are given is read from and written to that folder, and
// nothing appears in the folder the process runs in. Not parallel: it
// compares the process's folder before and after, and the parallel tests
// wait for it to end.
func TestFakeRoot(t *testing.T) {
	root := t.TempDir()
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if cwd == root {
		t.Fatal("the temporary folder is the process's working directory")
	}
	before := listTree(t, cwd)

	copyInto(t, root, "saas.journey.yaml", "../../examples/saas-onboarding.journey.yaml")
	copyInto(t, root, "data/saas-survey.csv", "../../examples/data/saas-survey.csv")
	copyInto(t, root, "answers.csv", "../../examples/data/saas-survey.csv")
	copyInto(t, root, "messy.journey.yaml", "testdata/fmt/messy.journey.yaml")
	copyInto(t, root, "old.journey.yaml", "../../journey/diff/testdata/old.journey.yaml")
	copyInto(t, root, "new.journey.yaml", "../../journey/diff/testdata/new.journey.yaml")
	copyInto(t, root, "docs.mmd", "../../journey/importer/mermaid/testdata/mermaid-docs.mmd")
	messy := readIn(t, root, "messy.journey.yaml")

	steps := []struct {
		name   string
		args   []string
		codes  []int    // exit codes accepted
		out    []string // in stdout
		errOut []string // in stderr
		writes []string // files it creates under root
	}{
		{"init", []string{"init", "maps/new.journey.yaml", "--title", "Fake root"}, []int{0}, nil,
			[]string{"✓ wrote maps/new.journey.yaml"}, []string{"maps/new.journey.yaml"}},
		{"validate", []string{"validate", "maps/new.journey.yaml", "saas.journey.yaml"}, []int{0}, nil,
			[]string{"2 files"}, nil},
		{"lint", []string{"lint", "maps"}, []int{0, 1}, []string{"maps/new.journey.yaml"}, nil, nil},
		{"score", []string{"score", "saas.journey.yaml", "--format", "json"}, []int{0}, []string{`"nps"`}, nil, nil},
		{"score --responses", []string{"score", "saas.journey.yaml", "--responses", "answers.csv", "--format", "json"}, []int{0},
			[]string{`"nps"`}, nil, nil},
		{"render svg", []string{"render", "saas.journey.yaml", "-o", "saas.svg"}, []int{0}, nil,
			[]string{"✓ wrote saas.svg"}, []string{"saas.svg"}},
		{"render default pdf", []string{"render", "saas.journey.yaml", "--format", "pdf"}, []int{0}, nil,
			[]string{"✓ wrote saas.pdf"}, []string{"saas.pdf"}},
		{"render --out-dir", []string{"render", "maps", "--out-dir", "dist", "--format", "svg,mermaid"}, []int{0}, nil,
			[]string{"✓ wrote dist/new.svg", "✓ wrote dist/new.mmd"}, []string{"dist/new.svg", "dist/new.mmd"}},
		{"fmt -w", []string{"fmt", "-w", "messy.journey.yaml"}, []int{0}, nil,
			[]string{"✓ formatted 1 of 1 file"}, nil},
		{"diff", []string{"diff", "old.journey.yaml", "new.journey.yaml"}, []int{0},
			[]string{"--- old.journey.yaml", "+++ new.journey.yaml"}, nil, nil},
		{"import mermaid", []string{"import", "mermaid", "docs.mmd", "-o", "imported.journey.yaml"}, []int{0}, nil,
			[]string{"✓ wrote imported.journey.yaml"}, []string{"imported.journey.yaml"}},
	}
	for _, st := range steps {
		out, errOut, code := runIn(t, root, "", st.args...)
		if !slices.Contains(st.codes, code) {
			t.Errorf("%s: exit %d, want %v\nstdout:\n%s\nstderr:\n%s", st.name, code, st.codes, out, errOut)
			continue
		}
		for _, want := range st.out {
			if !strings.Contains(out, want) {
				t.Errorf("%s: stdout lacks %q:\n%s", st.name, want, out)
			}
		}
		for _, want := range st.errOut {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", st.name, want, errOut)
			}
		}
		for _, f := range st.writes {
			if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil || info.Size() == 0 {
				t.Errorf("%s: %s was not written in the working directory (%v)", st.name, f, err)
			}
		}
	}
	if readIn(t, root, "messy.journey.yaml") == messy {
		t.Error("fmt -w left messy.journey.yaml as it was")
	}
	if want := readFile(t, "testdata/fmt/messy.golden"); readIn(t, root, "messy.journey.yaml") != want {
		t.Errorf("fmt -w wrote:\n%s\nwant:\n%s", readIn(t, root, "messy.journey.yaml"), want)
	}
	// The files written are the ones asked for, and no temporary file is left.
	var written []string
	for _, f := range listTree(t, root) {
		if strings.Contains(filepath.Base(f), ".tmp-") {
			t.Errorf("temporary file left behind: %s", f)
		}
		written = append(written, f)
	}
	for _, want := range []string{"maps/new.journey.yaml", "saas.svg", "saas.pdf", "dist/new.svg", "dist/new.mmd", "imported.journey.yaml"} {
		if !slices.Contains(written, want) {
			t.Errorf("%s is not in the working directory; it holds %v", want, written)
		}
	}
	for _, f := range listTree(t, cwd) {
		if !slices.Contains(before, f) {
			t.Errorf("%s was written in the process's working directory", f)
			_ = os.Remove(filepath.Join(cwd, filepath.FromSlash(f)))
			if dir := filepath.Dir(filepath.FromSlash(f)); dir != "." {
				_ = os.Remove(filepath.Join(cwd, dir)) // when it is empty now
			}
		}
	}
}

// listTree lists the files under dir, relative and slash-separated, sorted.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// copyInto copies the file src to name under dir, creating its folder.
func copyInto(t *testing.T, dir, name, src string) {
	t.Helper()
	data := readFile(t, src)
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readIn reads the file name under dir.
func readIn(t *testing.T, dir, name string) string {
	t.Helper()
	return readFile(t, filepath.Join(dir, filepath.FromSlash(name)))
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestFactoryAbs: relative paths resolve against the factory's working
// directory; "-", "" and absolute paths stay as they are.
func TestFactoryAbs(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	app, _, _, _ := newTestApp()
	app.Getwd = func() (string, error) { return root, nil }
	for in, want := range map[string]string{
		"m.journey.yaml": filepath.Join(root, "m.journey.yaml"),
		"out/../m.svg":   filepath.Join(root, "m.svg"),
		"-":              "-",
		"":               "",
		root + "/x.yaml": root + "/x.yaml",
		"dist/map.pdf":   filepath.Join(root, "dist", "map.pdf"),
	} {
		if got := app.Abs(in); got != want {
			t.Errorf("Abs(%q) = %q, want %q", in, got, want)
		}
	}
	if err := app.MkdirAll("a/b"); err != nil {
		t.Fatal(err)
	}
	if info, err := app.Stat("a/b"); err != nil || !info.IsDir() {
		t.Errorf("Stat(a/b) after MkdirAll: %v, %v", info, err)
	}
	if err := app.WriteFile("a/c/m.txt", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got := readIn(t, root, "a/c/m.txt"); got != "x" {
		t.Errorf("WriteFile wrote %q", got)
	}
}
