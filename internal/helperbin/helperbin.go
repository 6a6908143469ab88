// Package helperbin finds journey's helper programs: the executables that
// hold what the journey binary must not link because it would slow down
// every command at start-up (journey-graphviz: Graphviz compiled to
// WebAssembly; journey-xlsx: the workbook library).
//
// A helper is looked for beside the running executable, then beside the
// file that executable links to (a symlink in /usr/local/bin to a release
// folder), then on PATH. The lookups are fields of Locator so tests can
// point them anywhere; System uses the real ones.
package helperbin

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Locator finds helper programs. A nil lookup is skipped, except Stat,
// which defaults to os.Stat; the zero Locator finds nothing.
type Locator struct {
	Executable func() (string, error)                 // this program's path (os.Executable)
	LookPath   func(file string) (string, error)      // search PATH (exec.LookPath)
	Stat       func(name string) (fs.FileInfo, error) // os.Stat
	GOOS       string                                 // runtime.GOOS: "windows" adds .exe beside the executable
	// Version is the version a helper must report to -V (Handshake): the
	// running journey's, which Main sets; "" skips the handshake.
	Version string
}

// System returns a Locator that uses the real process and PATH.
func System() Locator {
	return Locator{Executable: os.Executable, LookPath: exec.LookPath, Stat: os.Stat, GOOS: runtime.GOOS}
}

// ErrNotFound is matched (errors.Is) by the error Find returns when the
// helper is nowhere.
var ErrNotFound = errors.New("helper program not found")

// NotFoundError says that a helper was not found, and where Find looked.
type NotFoundError struct {
	Name string   // the helper's name, without .exe
	Dirs []string // folders searched before PATH
	Path bool     // PATH was searched too
}

// Error names the helper and where it was looked for.
func (e *NotFoundError) Error() string { return fmt.Sprintf("found no %s %s", e.Name, e.Where()) }

// Where says where Find looked: "in /opt/j and /opt/j/bin or on PATH".
func (e *NotFoundError) Where() string {
	var parts []string
	if len(e.Dirs) > 0 {
		parts = append(parts, "in "+strings.Join(e.Dirs, " and "))
	}
	if e.Path {
		parts = append(parts, "on PATH")
	}
	if len(parts) == 0 {
		return "anywhere (no place to look)"
	}
	return strings.Join(parts, " or ")
}

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Find returns the path of the helper program name: in the folder of the
// running executable, then in the folder of the file it links to, then
// on PATH. When there is none it returns a *NotFoundError.
func (l Locator) Find(name string) (string, error) {
	file := name
	if l.GOOS == "windows" {
		file += ".exe"
	}
	nf := &NotFoundError{Name: name}
	for _, d := range l.dirs() {
		p := filepath.Join(d, file)
		nf.Dirs = append(nf.Dirs, d)
		if l.isFile(p) {
			return p, nil
		}
	}
	if l.LookPath != nil {
		nf.Path = true
		if p, err := l.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", nf
}

// dirs returns the folder of the running executable and, when it is a
// symlink elsewhere, the folder of its target.
func (l Locator) dirs() []string {
	if l.Executable == nil {
		return nil
	}
	exe, err := l.Executable()
	if err != nil || exe == "" {
		return nil
	}
	dirs := []string{filepath.Dir(exe)}
	if real, err := filepath.EvalSymlinks(exe); err == nil && filepath.Dir(real) != dirs[0] {
		dirs = append(dirs, filepath.Dir(real))
	}
	return dirs
}

func (l Locator) isFile(p string) bool {
	stat := l.Stat
	if stat == nil {
		stat = os.Stat
	}
	fi, err := stat(p)
	return err == nil && !fi.IsDir()
}

// LimitedBuffer keeps the first Max bytes written to it and discards the
// rest: a helper's stderr, kept for the error message without bounding
// what the helper may print. Write is its only way in, so io.Copy (which
// os/exec copies a program's output with) keeps the limit too.
type LimitedBuffer struct {
	buf bytes.Buffer
	Max int
}

// Write keeps what fits under Max and reports every byte as written.
func (b *LimitedBuffer) Write(p []byte) (int, error) {
	if room := b.Max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// String returns what was kept.
func (b *LimitedBuffer) String() string { return b.buf.String() }

// Len returns how many bytes were kept.
func (b *LimitedBuffer) Len() int { return b.buf.Len() }
