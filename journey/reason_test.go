package journey

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestPathReason: what a person reads after a file's name, without Go's
// "stat …"/"open …" or an os.Root's "path escapes from parent".
func TestPathReason(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, statErr := os.Stat(filepath.Join(dir, "nope.csv"))
	if err := os.Symlink("/etc", filepath.Join(dir, "out")); err != nil {
		t.Skip(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, escErr := root.Open("out/hostname")
	for _, c := range []struct {
		err  error
		want string
	}{
		{statErr, "no such file or directory"},
		{escErr, "it leads outside the map's folder"},
		{&fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "permission denied"},
		{errors.New("file is empty"), "file is empty"},
	} {
		if got := PathReason(c.err); got == nil || got.Error() != c.want {
			t.Errorf("PathReason(%v) = %v, want %q", c.err, got, c.want)
		}
	}
	if PathReason(nil) != nil {
		t.Error("PathReason(nil) is not nil")
	}
}
