package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch follows the files until ctx is done: every folder under the
// paths (for maps that appear or leave) and the folder of every file a
// render read. A burst of events is batched for Options.Debounce, then the
// maps are discovered again and those that read a changed file render
// again. When the system watcher can't be had (or Options.Poll is set), it
// polls instead.
func (s *Server) Watch(ctx context.Context) error {
	if s.opts.Poll > 0 {
		return s.poll(ctx, s.opts.Poll)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		fmt.Fprintf(s.opts.Log, "! can't watch files (%v): polling every second\n", err)
		return s.poll(ctx, time.Second)
	}
	defer w.Close()
	watched := map[string]bool{}
	if err := s.watchFolders(w, watched); err != nil {
		fmt.Fprintf(s.opts.Log, "! can't watch files (%v): polling every second\n", err)
		return s.poll(ctx, time.Second)
	}
	changed := map[string]bool{}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Op == fsnotify.Chmod {
				continue // touch, chmod: the content is the same
			}
			changed[filepath.Clean(ev.Name)] = true
			if timer == nil {
				timer = time.After(s.opts.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events: look at everything again.
			fmt.Fprintf(s.opts.Log, "! watcher: %v\n", err)
			s.rescan(s.deps())
		case <-timer:
			timer = nil
			files := make([]string, 0, len(changed))
			for f := range changed {
				files = append(files, f)
			}
			clear(changed)
			s.rescan(files)
			if err := s.watchFolders(w, watched); err != nil {
				fmt.Fprintf(s.opts.Log, "! watcher: %v\n", err)
			}
		}
	}
}

// rescan discovers the maps again and renders those that read one of
// files.
func (s *Server) rescan(files []string) {
	if err := s.Scan(); err != nil {
		fmt.Fprintf(s.opts.Log, "! %v\n", err)
	}
	s.Changed(files)
}

// watchFolders adds every folder under the paths and the folder of every
// file read to w, once.
func (s *Server) watchFolders(w *fsnotify.Watcher, watched map[string]bool) error {
	var firstErr error
	add := func(dir string) {
		if watched[dir] {
			return
		}
		if err := w.Add(dir); err != nil {
			if firstErr == nil && !os.IsNotExist(err) {
				firstErr = fmt.Errorf("can't watch %s: %w", dir, err)
			}
			return
		}
		watched[dir] = true
	}
	for _, dir := range s.folders() {
		add(dir)
	}
	return firstErr
}

// folders returns the folders to watch: every folder under the paths
// (skipping hidden ones and node_modules, as discovery does), the folder
// of a path that is a file, and the folder of every file read.
func (s *Server) folders() []string {
	ld := s.opts.NewLoader()
	seen := map[string]bool{}
	var out []string
	add := func(d string) {
		d = filepath.Clean(d)
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, p := range s.opts.Paths {
		abs := ld.Abs(p)
		info, err := os.Stat(abs)
		if err != nil {
			add(filepath.Dir(abs)) // it may come back
			continue
		}
		if !info.IsDir() {
			add(filepath.Dir(abs))
			continue
		}
		_ = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if path != abs && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			add(path)
			return nil
		})
	}
	for _, f := range s.deps() {
		add(filepath.Dir(f))
	}
	return out
}

// poll looks at the files every interval: their size and time, and the
// maps under the paths.
func (s *Server) poll(ctx context.Context, interval time.Duration) error {
	seen := map[string]string{}
	look := func() []string {
		var changed []string
		now := map[string]string{}
		for f, since := range s.depTimes() {
			sig := "gone"
			st, err := os.Stat(f)
			if err == nil {
				sig = fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
			}
			now[f] = sig
			old, ok := seen[f]
			switch {
			case ok && old != sig:
				changed = append(changed, f)
			case !ok && (err != nil || !st.ModTime().Before(since)):
				// First look: written since the render read it, or gone.
				changed = append(changed, f)
			}
		}
		for f, sig := range now {
			seen[f] = sig
		}
		return changed
	}
	look()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			s.rescan(look())
		}
	}
}
