package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadAndFindMessages: what a person reads when the config can't be
// read, without Go's "open …"/"read …"/"stat …".
func TestLoadAndFindMessages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "m.journey.yaml")
	if err := os.WriteFile(file, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		dir:                           "can't read the config file cfg: it is a folder",
		filepath.Join(dir, "nope"):    "can't read the config file cfg: no such file or directory",
		filepath.Join(file, "x.yaml"): "can't read the config file cfg: not a directory",
	} {
		if _, err := Load(path, Options{Name: "cfg"}); err == nil || err.Error() != want {
			t.Errorf("Load(%s) = %v, want %q", path, err, want)
		}
	}
	// A folder that is a file has no config in it: not an error of Find's.
	// (It goes on up: a .journey.yaml above the temporary folder may answer.)
	if got, err := Find(filepath.Join(file, "sub")); err != nil || strings.HasPrefix(got, dir) {
		t.Errorf("Find under a file = %q, %v; want none there", got, err)
	}
}
