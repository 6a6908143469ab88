package helperbin

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

type fakeInfo struct {
	fs.FileInfo
	dir bool
}

func (f fakeInfo) IsDir() bool { return f.dir }

func TestFind(t *testing.T) {
	t.Parallel()
	// files maps a slash path to whether it is a folder.
	stat := func(files map[string]bool) func(string) (fs.FileInfo, error) {
		return func(p string) (fs.FileInfo, error) {
			if dir, ok := files[filepath.ToSlash(p)]; ok {
				return fakeInfo{dir: dir}, nil
			}
			return nil, fs.ErrNotExist
		}
	}
	exe := func(p string) func() (string, error) { return func() (string, error) { return p, nil } }
	path := func(m map[string]string) func(string) (string, error) {
		return func(f string) (string, error) {
			if p, ok := m[f]; ok {
				return p, nil
			}
			return "", exec.ErrNotFound
		}
	}
	onPath := path(map[string]string{"journey-xlsx": "/usr/bin/journey-xlsx"})
	tests := []struct {
		name string
		loc  Locator
		want string
	}{
		{"beside the executable", Locator{Executable: exe("/opt/j/journey"), LookPath: onPath, Stat: stat(map[string]bool{"/opt/j/journey-xlsx": false})}, "/opt/j/journey-xlsx"},
		{"beside it on windows", Locator{Executable: exe("/opt/j/journey.exe"), Stat: stat(map[string]bool{"/opt/j/journey-xlsx.exe": false}), GOOS: "windows"}, "/opt/j/journey-xlsx.exe"},
		{"on PATH", Locator{Executable: exe("/opt/j/journey"), LookPath: onPath, Stat: stat(nil)}, "/usr/bin/journey-xlsx"},
		{"a folder of that name is not it", Locator{Executable: exe("/opt/j/journey"), LookPath: onPath, Stat: stat(map[string]bool{"/opt/j/journey-xlsx": true})}, "/usr/bin/journey-xlsx"},
		{"executable unknown", Locator{Executable: func() (string, error) { return "", errors.New("no") }, LookPath: onPath}, "/usr/bin/journey-xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.loc.Find("journey-xlsx")
			if err != nil {
				t.Fatal(err)
			}
			if filepath.ToSlash(got) != tt.want {
				t.Errorf("Find = %s, want %s", got, tt.want)
			}
		})
	}
	for _, tt := range []struct {
		name  string
		loc   Locator
		where string
	}{
		{"nowhere", Locator{Executable: exe("/opt/j/journey"), LookPath: path(nil), Stat: stat(nil)}, "in /opt/j or on PATH"},
		{"no PATH lookup", Locator{Executable: exe("/opt/j/journey"), Stat: stat(nil)}, "in /opt/j"},
		{"zero locator", Locator{}, "anywhere (no place to look)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := tt.loc.Find("journey-xlsx")
			var nf *NotFoundError
			if !errors.Is(err, ErrNotFound) || !errors.As(err, &nf) {
				t.Fatalf("Find error %v, want a *NotFoundError", err)
			}
			if got := filepath.ToSlash(nf.Where()); got != tt.where {
				t.Errorf("Where() = %q, want %q", got, tt.where)
			}
			if !strings.HasPrefix(err.Error(), "found no journey-xlsx ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// TestFindThroughSymlink: journey linked from a folder on PATH finds the
// helper beside the file the link points to (a release unpacked elsewhere).
func TestFindThroughSymlink(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	root := t.TempDir()
	release, bin := filepath.Join(root, "release"), filepath.Join(root, "bin")
	for _, d := range []string{release, bin} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"journey", "journey-xlsx"} {
		if err := os.WriteFile(filepath.Join(release, f), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(bin, "journey")
	if err := os.Symlink(filepath.Join(release, "journey"), link); err != nil {
		t.Fatal(err)
	}
	loc := Locator{Executable: func() (string, error) { return link, nil }, GOOS: runtime.GOOS}
	got, err := loc.Find("journey-xlsx")
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(release)
	if filepath.Dir(got) != release && filepath.Dir(got) != real {
		t.Errorf("Find = %s, want it in %s", got, release)
	}
}

// TestLimitedBuffer keeps the first Max bytes, written directly, by io.Copy
// (as os/exec copies a program's output) or by a program's stderr.
func TestLimitedBuffer(t *testing.T) {
	t.Parallel()
	b := &LimitedBuffer{Max: 5}
	if n, err := b.Write([]byte("abc")); n != 3 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if n, err := b.Write([]byte("defgh")); n != 5 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if b.String() != "abcde" {
		t.Errorf("kept %q, want abcde", b.String())
	}
	c := &LimitedBuffer{Max: 4}
	if n, err := io.Copy(c, strings.NewReader(strings.Repeat("x", 1<<16))); n != 1<<16 || err != nil {
		t.Fatalf("io.Copy = %d, %v", n, err)
	}
	if c.String() != "xxxx" {
		t.Errorf("io.Copy kept %d bytes, want 4", c.Len())
	}
	if testing.Short() {
		return
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run")
	}
	d := &LimitedBuffer{Max: 10}
	cmd := exec.Command("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' y >&2")
	cmd.Stderr = d
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if d.String() != "yyyyyyyyyy" {
		t.Errorf("a program's stderr: kept %d bytes, want 10", d.Len())
	}
}
