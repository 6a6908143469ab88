// Package serve is journey serve: a local web server that shows the maps
// under some paths as the same SVG journey render writes, with their lint
// findings and scores, and keeps every open page up to date as the files
// change.
//
// It watches every file a render read (the map, its .journey.yaml, its
// survey exports) and every folder under the paths, batches bursts of
// writes, renders each changed map again (a newer change cancels a render
// under way; each map renders on its own, so a slow one blocks no other),
// and pushes the result to the open pages over Server-Sent Events. A map
// that stops validating keeps its last good picture, shown dimmed under
// its errors. A deleted map leaves the index; a new one joins it.
//
// It serves only what it rendered and its own assets, never a file by its
// path; it answers only GET and HEAD; it checks the Host header against
// DNS rebinding. It does no terminal I/O and reads no environment: the
// command line passes what it needs.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/render"
)

// Options are what a Server serves and how.
type Options struct {
	Paths []string // map files and folders, as given ("." when empty)

	// NewLoader returns a fresh loader for one render, so that a changed
	// .journey.yaml is read again.
	NewLoader func() *project.Loader

	// Prepare builds what a valid map is drawn from: its scores (with the
	// answers of its sources), lint findings, colours and labels. It returns
	// notes on what it could not read (a survey export that is missing):
	// the page shows them.
	Prepare func(ctx context.Context, ld *project.Loader, f *project.File) (*render.Input, journey.Diagnostics)

	// Graph draws the flow graph view as SVG; nil when it can't (no
	// journey-graphviz): the page then says so.
	Graph func(ctx context.Context, in *render.Input, w io.Writer) error

	// Observed draws the map annotated with the event logs its events:
	// declare, mined with ld, as SVG; nil when the server draws no
	// observed view.
	Observed func(ctx context.Context, ld *project.Loader, f *project.File, in *render.Input, w io.Writer) error

	Debounce time.Duration // how long a burst of writes is batched; 0: 25 ms
	Poll     time.Duration // > 0: poll the files at this interval instead of watching them
	Log      io.Writer     // one line for each render and each problem of the watcher; nil: none
}

// Server is a running journey serve.
type Server struct {
	opts     Options
	sem      chan struct{} // renders under way at once
	instance string        // tells this server's versions from an earlier one's

	mu      sync.Mutex
	maps    map[string]*entry // by display name
	version int64             // of the index: bumped when a map joins, leaves or changes
	subs    map[*sub]struct{}
	closed  bool

	idle *time.Timer // returns freed memory to the system once the renders settle

	done chan struct{} // closed by Close: ends the event streams
	wg   sync.WaitGroup
}

// New returns a server for opts; Run starts it.
func New(opts Options) *Server {
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 25 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{opts: opts, instance: strconv.FormatInt(time.Now().UnixNano(), 36), sem: make(chan struct{}, max(4, 2*runtime.GOMAXPROCS(0))),
		maps: map[string]*entry{}, subs: map[*sub]struct{}{}, done: make(chan struct{})}
}

// Serve discovers and renders the maps, then serves them on ln until ctx
// is cancelled (Ctrl-C, SIGTERM): it then stops the watcher, the renders
// and the open event streams, and returns nil. allowHosts are extra
// names the Host header may carry besides loopback names and IP
// addresses (the --host given).
func (s *Server) Serve(ctx context.Context, ln net.Listener, allowHosts ...string) error {
	if err := s.Scan(); err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(allowHosts...), ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(wctx) }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		s.Close()
		return err
	case err := <-watchErr:
		if err != nil {
			s.Close()
			_ = srv.Close()
			return err
		}
		<-ctx.Done()
	}
	s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close stops the renders and ends the event streams.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	if s.idle != nil {
		s.idle.Stop()
	}
	for _, e := range s.maps {
		e.stop()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Wait waits until no render is under way.
func (s *Server) Wait() { s.wg.Wait() }

// Scan discovers the maps under the paths: a new one is rendered, a
// missing one leaves the index. A path that no longer exists is not an
// error after the first scan: its maps leave.
func (s *Server) Scan() error {
	ld := s.opts.NewLoader()
	files, err := ld.Discover(s.opts.Paths)
	if err != nil {
		s.mu.Lock()
		first := len(s.maps) == 0 && s.version == 0
		s.mu.Unlock()
		if first {
			return err
		}
		files = s.discoverEach(ld)
	}
	found := map[string]string{}
	for _, f := range files {
		found[ld.Name(f)] = f
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	changed := false
	for name, e := range s.maps {
		if _, ok := found[name]; !ok {
			e.stop()
			delete(s.maps, name)
			fmt.Fprintf(s.opts.Log, "- %s left\n", name)
			s.notifyLocked(name)
			changed = true
		}
	}
	for name, path := range found {
		if _, ok := s.maps[name]; !ok {
			e := &entry{s: s, name: name, path: path}
			s.maps[name] = e
			e.scheduleLocked()
			changed = true
		}
	}
	if changed {
		s.version++
		s.notifyLocked("")
	}
	return nil
}

// discoverEach discovers the paths one by one, leaving out those that are
// gone.
func (s *Server) discoverEach(ld *project.Loader) []string {
	var out []string
	for _, p := range s.opts.Paths {
		if fs, err := ld.Discover([]string{p}); err == nil {
			out = append(out, fs...)
		}
	}
	return out
}

// Changed renders again every map that read one of the files (absolute
// paths) or is one of them.
func (s *Server) Changed(files []string) {
	if len(files) == 0 {
		return
	}
	set := map[string]bool{}
	for _, f := range files {
		set[f] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.maps {
		if e.dependsOn(set) {
			e.scheduleLocked()
		}
	}
}

// names returns the maps' names, sorted.
func (s *Server) names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.maps))
	for n := range s.maps {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// lookup returns the map named name, or nil.
func (s *Server) lookup(name string) *entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maps[name]
}

// Deps returns the files the renders read, and the folders to watch.
func (s *Server) deps() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, e := range s.maps {
		out = append(out, e.files()...)
	}
	return out
}

// depTimes returns the files the renders read, each with the time the
// render that read it started.
func (s *Server) depTimes() map[string]time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]time.Time{}
	for _, e := range s.maps {
		if e.state == nil {
			continue
		}
		for _, d := range e.deps {
			if t, ok := out[d]; !ok || e.state.RenderedAt.Before(t) {
				out[d] = e.state.RenderedAt
			}
		}
	}
	return out
}

// idleLocked returns the memory the renders freed to the system a second
// after the last one, so that a server left open between edits holds only
// what it serves. s.mu is held.
func (s *Server) idleLocked() {
	if s.idle == nil {
		s.idle = time.AfterFunc(time.Second, debug.FreeOSMemory)
		return
	}
	s.idle.Reset(time.Second)
}
