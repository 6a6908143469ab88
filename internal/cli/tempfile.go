package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// staleAge is how old a temporary file of ours must be before it is taken
// for left behind when the process that wrote it cannot be told apart from
// a live one (an older name without a process id, another user's process).
const staleAge = 24 * time.Hour

// tempPattern is the os.CreateTemp pattern of the temporary file that
// replaces base: hidden, next to it, named after it and after this
// process, so that one left by a killed process can be recognised.
func tempPattern(base string) string {
	return "." + base + ".tmp-" + strconv.Itoa(os.Getpid()) + "-*"
}

// removeStale removes the temporary files of ours that a killed journey
// (SIGKILL, a power cut) left beside path: those whose process is gone, or
// that are older than staleAge. It returns the names it removed; a file it
// cannot remove is left alone (another user's, a read-only folder).
func removeStale(path string, now time.Time) []string {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	prefix := "." + base + ".tmp-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if pid, ok := tempPID(rest); ok && pid != os.Getpid() && !processAlive(pid) {
			// The writer is gone: nobody will rename it.
		} else if info, err := e.Info(); err != nil || now.Sub(info.ModTime()) < staleAge {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, filepath.Join(dir, e.Name()))
		}
	}
	return removed
}

// tempPID reads the process id out of the tail of a temporary file name
// ("1234-5678901" from tempPattern).
func tempPID(rest string) (int, bool) {
	p, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(p)
	return pid, err == nil && pid > 0
}

// processAlive reports whether process pid may still be running: true
// when it cannot tell (another user's process, a system that cannot be
// asked), so that a live writer's file is never removed.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	defer p.Release()
	if runtime.GOOS == "windows" {
		return true // opened: it exists
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// tempSet is the temporary files a process is writing. The zero value is
// empty and ready; a nil set tracks nothing.
type tempSet struct {
	mu    sync.Mutex
	names map[string]bool
}

// add records name and returns the function that forgets it again.
func (t *tempSet) add(name string) (done func()) {
	if t == nil {
		return func() {}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.names == nil {
		t.names = map[string]bool{}
	}
	t.names[name] = true
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		delete(t.names, name)
	}
}

// removeAll removes every file in the set: the process is about to end
// with writes unfinished.
func (t *tempSet) removeAll() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for name := range t.names {
		os.Remove(name)
		delete(t.names, name)
	}
}
