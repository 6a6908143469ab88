package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	rhtml "github.com/journey-cx/journey/render/html"
)

// entry is one map being served: its latest state and its render.
type entry struct {
	s          *Server
	name, path string

	// Guarded by s.mu.
	gen    int64              // bumped by every scheduled render
	cancel context.CancelFunc // of the render under way, or nil
	state  *state             // the latest published, nil before the first
	deps   []string           // files the last render read (absolute)

	viewMu sync.Mutex
	views  map[string]*graphSVG // the graph and observed views of state.SVGVersion, drawn on demand
}

// state is what one render of a map produced. It is never changed once
// published.
type state struct {
	Version    int64 // of the map: bumped by each publish
	SVGVersion int64 // the version whose SVG this is (older when the map is invalid)
	Name       string
	Title      string
	Model      string
	OK         bool   // the map validated; else SVG is the last good picture, if any
	Problem    string // what went wrong when there is no diagnostic (unreadable file)
	SVG        []byte // the map as draw.SVG writes it; nil before a first valid render
	Errors     template.HTML
	NErrors    int // validation errors
	Findings   template.HTML
	Counts     [3]int // lint findings: errors, warnings, infos
	Scores     template.HTML
	Headline   []headline
	Notes      []string // sources that could not be read
	Took       time.Duration
	Input      *render.Input   // what the SVG was drawn from (for the graph and observed views)
	Loader     *project.Loader // what loaded File (for the observed view's logs)
	File       *project.File   // the map as loaded
	RenderedAt time.Time
}

// headline is one whole-map figure on the index.
type headline struct{ Metric, Value, Status string }

type graphSVG struct {
	version int64
	svg     []byte
	err     error
}

// scheduleLocked starts a render of the map, cancelling the one under way:
// its result would be stale. s.mu is held.
func (e *entry) scheduleLocked() {
	if e.s.closed {
		return
	}
	if e.cancel != nil {
		e.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.gen++
	e.cancel = cancel
	gen := e.gen
	e.s.wg.Add(1)
	go func() {
		defer e.s.wg.Done()
		defer cancel()
		select {
		case e.s.sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		st, deps, err := e.render(ctx)
		<-e.s.sem
		if err != nil {
			return // cancelled: a newer render follows
		}
		e.publish(gen, st, deps)
	}()
}

// stop cancels the render under way. s.mu is held.
func (e *entry) stop() {
	if e.cancel != nil {
		e.cancel()
		e.cancel = nil
	}
	e.gen++
}

// files returns what the last render read. s.mu is held.
func (e *entry) files() []string { return e.deps }

// dependsOn reports whether the map is one of files or read one. s.mu is held.
func (e *entry) dependsOn(files map[string]bool) bool {
	for _, d := range e.deps {
		if files[d] {
			return true
		}
	}
	// Not rendered yet: only its own file counts (its render reads the rest).
	return len(e.deps) == 0 && files[filepath.Clean(e.s.opts.NewLoader().Abs(e.path))]
}

// publish makes st the map's state when gen is still the newest render,
// and tells the pages.
func (e *entry) publish(gen int64, st *state, deps []string) {
	s := e.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen != e.gen || s.closed || s.maps[e.name] != e {
		return // stale, or the map left
	}
	e.cancel = nil
	e.deps = deps
	prev := e.state
	st.Version = 1
	if prev != nil {
		st.Version = prev.Version + 1
	}
	if st.SVG == nil && prev != nil {
		st.SVG, st.SVGVersion, st.Input, st.Loader, st.File = prev.SVG, prev.SVGVersion, prev.Input, prev.Loader, prev.File
	} else if st.SVG != nil {
		st.SVGVersion = st.Version
	}
	e.state = st
	s.version++
	status := "✓"
	if !st.OK {
		status = "✗"
	}
	fmt.Fprintf(s.opts.Log, "%s %s rendered in %d ms\n", status, e.name, st.Took.Milliseconds())
	s.idleLocked()
	s.notifyLocked(e.name)
	s.notifyLocked("")
}

// current returns the map's latest state, or nil before the first render.
func (e *entry) current() *state {
	e.s.mu.Lock()
	defer e.s.mu.Unlock()
	return e.state
}

// render loads, checks and draws the map once. It returns ctx's error
// when cancelled between steps.
func (e *entry) render(ctx context.Context) (*state, []string, error) {
	start := time.Now()
	ld := e.s.opts.NewLoader()
	abs := ld.Abs(e.path)
	st := &state{Name: e.name, Title: e.name, RenderedAt: start}
	deps := []string{abs}
	defer func() { st.Took = time.Since(start) }()
	cfg, err := ld.ConfigFor(e.path)
	if err != nil {
		st.Problem = err.Error()
		return st, withFiles(deps, ld), nil
	}
	f, err := ld.LoadFile(e.path, cfg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			st.Problem = "the file is gone"
		} else {
			st.Problem = err.Error()
		}
		return st, withFiles(deps, ld), nil
	}
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	lb := render.LabelsFor("")
	if f.Map != nil {
		st.Title, st.Model = nameOr(f.Map.Title, e.name), f.Map.Model
		lb = render.LabelsFor(f.Map.Locale)
	}
	sources := map[string][]byte{f.Name: f.Data}
	if !f.Valid() {
		errs := journey.Diagnostics{}
		for _, d := range f.Diags {
			if d.Severity == journey.SeverityError {
				errs = append(errs, d)
			}
		}
		st.NErrors = len(errs)
		st.Errors = rhtml.Findings(errs, sources, lb)
		return st, withFiles(deps, ld), nil
	}
	in, notes := e.s.opts.Prepare(ctx, ld, f)
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	for _, n := range notes {
		st.Notes = append(st.Notes, n.String())
	}
	var svg bytes.Buffer
	if err := draw.SVG(&svg, in); err != nil {
		st.Problem = "can't draw the map: " + err.Error()
		return st, withFiles(deps, ld), nil
	}
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	st.OK, st.SVG, st.Input, st.Loader, st.File = true, svg.Bytes(), in, ld, f
	deps = append(deps, eventLogs(abs, f.Map)...) // the observed view mines them: a new log redraws it
	lb = in.Labels()
	st.Counts[0], st.Counts[1], st.Counts[2] = in.Findings.Counts()
	st.Findings = rhtml.Findings(in.Findings, sources, lb)
	st.Scores = rhtml.Scores(in)
	st.Headline = headlines(in)
	return st, withFiles(deps, ld), nil
}

// withFiles adds the files the loader read to deps, once each.
func withFiles(deps []string, ld *project.Loader) []string {
	seen := map[string]bool{}
	for _, d := range deps {
		seen[d] = true
	}
	for _, f := range ld.Files() {
		if !seen[f] {
			seen[f] = true
			deps = append(deps, filepath.Clean(f))
		}
	}
	return deps
}

// headlines are the whole map's NPS, CES and CSAT, with their status
// against the map's targets.
func headlines(in *render.Input) []headline {
	rep := in.ScoresOf()
	if rep == nil {
		return nil
	}
	targets := score.TargetsOf(in.Map)
	lb := in.Labels()
	var out []headline
	for _, m := range score.Metrics {
		f := rep.Total.Figure(m)
		if !f.OK {
			continue
		}
		h := headline{Metric: strings.ToUpper(string(m))}
		switch m {
		case score.MetricNPS:
			h.Value = fmt.Sprintf("%+.0f", f.Value)
		case score.MetricCES:
			h.Value = fmt.Sprintf("%.1f", f.Value)
		default:
			h.Value = fmt.Sprintf("%.0f %%", f.Value)
		}
		switch targets.StatusOf(&rep.Total, m) {
		case score.StatusMet:
			h.Status = lb.Met
		case score.StatusUncertain:
			h.Status = lb.Uncertain
		case score.StatusMissed:
			h.Status = lb.Missed
		}
		out = append(out, h)
	}
	return out
}

// viewOf returns view ("graph" or "observed") of state st, drawn once per
// version of the picture.
func (e *entry) viewOf(ctx context.Context, st *state, view string) ([]byte, error) {
	draw := func(w io.Writer) error {
		return e.s.opts.Graph(ctx, st.Input, w)
	}
	switch {
	case st.Input == nil:
		return nil, errors.New("the map has not rendered yet")
	case view == "observed" && e.s.opts.Observed == nil:
		return nil, errors.New("this server draws no observed view")
	case view == "observed" && len(st.Input.Map.Events) == 0:
		return nil, errors.New("the map declares no events: (event logs to mine): see docs/mining.md")
	case view == "observed":
		draw = func(w io.Writer) error { return e.s.opts.Observed(ctx, st.Loader, st.File, st.Input, w) }
	case e.s.opts.Graph == nil:
		return nil, errors.New("the graph view needs journey-graphviz, which was not found beside journey or on PATH")
	}
	e.viewMu.Lock()
	defer e.viewMu.Unlock()
	if g := e.views[view]; g != nil && g.version == st.SVGVersion {
		return g.svg, g.err
	}
	var b bytes.Buffer
	err := draw(&b)
	if e.views == nil {
		e.views = map[string]*graphSVG{}
	}
	e.views[view] = &graphSVG{version: st.SVGVersion, svg: b.Bytes(), err: err}
	return b.Bytes(), err
}

// eventLogs returns the absolute paths of the event logs map m (at abs)
// declares that exist: a log that is not there yet is no file the render
// read (watching it would take its absence for a change).
func eventLogs(abs string, m *journey.Map) []string {
	var out []string
	for _, ev := range m.Events {
		if ev.Path == "" {
			continue
		}
		p := ev.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(abs), p)
		}
		if _, err := os.Stat(p); err == nil {
			out = append(out, filepath.Clean(p))
		}
	}
	return out
}

func nameOr(name, id string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	return id
}
