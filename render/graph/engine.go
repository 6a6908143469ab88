package graph

import (
	"context"
	"sync"
)

// Engine lays out a graph written in DOT. The graph view runs no program
// itself: the caller passes one (the command line's runs journey-graphviz or
// Graphviz's dot, see internal/graphhelper), and tests can pass a fake.
type Engine interface {
	// Name names the engine in messages.
	Name() string
	// Layout lays out the DOT graph dot (as WriteDOT writes it), usually by
	// reading Graphviz's json0 output with ParseLayout.
	Layout(ctx context.Context, dot []byte) (*Layout, error)
}

// Job draws one map's graph view, in as many formats as asked, with one
// engine: the layout is computed once and reused while the graph is the
// same, so -o flow.svg -o flow.png runs the engine once. Create one per map
// render with NewJob; it is safe for concurrent use.
type Job struct {
	eng Engine

	mu     sync.Mutex
	dot    string  // the DOT last laid out
	layout *Layout // its layout; nil before the first
}

// NewJob returns a Job that lays out with eng.
func NewJob(eng Engine) *Job { return &Job{eng: eng} }

// layoutOf returns the layout of dot: the one kept when dot is the graph laid
// out last, else eng's, which is then kept.
func (j *Job) layoutOf(ctx context.Context, dot []byte) (*Layout, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.layout != nil && j.dot == string(dot) {
		return j.layout, nil
	}
	l, err := j.eng.Layout(ctx, dot)
	if err != nil {
		return nil, err
	}
	j.dot, j.layout = string(dot), l
	return l, nil
}
