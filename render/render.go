// Package render holds what every journey map renderer shares: the input a
// renderer draws (Input), the colour themes and the localised labels. The
// format back ends live in sub-packages (layout, draw, xlsx, mermaid, graph).
//
// This package is light on purpose: it imports no drawing library, so the
// commands that do not render pay nothing for it.
package render

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/journey/score"
)

// Input is everything a renderer draws.
type Input struct {
	Map      *journey.Map
	Scores   *score.Report       // may be nil: renderers then score the map's inline metrics (ScoresOf)
	Findings journey.Diagnostics // lint findings, may be empty
	Theme    Theme               // Default or Print (grayscale-safe)
	Locale   string              // "es", "en": lane labels; default from Map.Locale
	Paper    string              // PDF: A4, A3 (default), letter, tabloid
	Mined    *mine.Result        // a mined log the map view is annotated with; nil = none

	// Context cancels a long render (Ctrl-C, SIGTERM): renderers check it
	// between stages of their work and return its error. nil never cancels.
	Context context.Context
}

// Err returns the error of in.Context once it is cancelled, else nil.
func (in *Input) Err() error {
	if in == nil || in.Context == nil {
		return nil
	}
	return in.Context.Err()
}

// Func is a renderer: it writes one output format of in to w.
type Func func(w io.Writer, in *Input) error

// Labels returns the labels for the input's locale: Locale, else the map's
// locale, else English.
func (in *Input) Labels() Labels {
	loc := in.Locale
	if loc == "" && in.Map != nil {
		loc = in.Map.Locale
	}
	return LabelsFor(loc)
}

// ScoresOf returns in.Scores, or when it is nil the scores of the map's
// inline metrics (no survey responses), computed once and kept.
func (in *Input) ScoresOf() *score.Report {
	if in.Scores == nil && in.Map != nil {
		in.Scores = score.Compute(in.Map, score.Options{})
	}
	return in.Scores
}

// Paper is a page size in millimetres, portrait (W <= H).
type Paper struct {
	Name string
	W, H float64
}

// Papers lists the accepted paper sizes, default first.
var Papers = []Paper{
	{"A3", 297, 420},
	{"A4", 210, 297},
	{"letter", 215.9, 279.4},
	{"tabloid", 279.4, 431.8},
}

// DefaultPaper is the paper used when Input.Paper is empty.
const DefaultPaper = "A3"

// PaperNames returns the accepted paper names, default first.
func PaperNames() []string {
	out := make([]string, len(Papers))
	for i, p := range Papers {
		out[i] = p.Name
	}
	return out
}

// ParsePaper returns the paper named name (case-insensitive; "" = A3).
func ParsePaper(name string) (Paper, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultPaper
	}
	for _, p := range Papers {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
	}
	return Paper{}, fmt.Errorf("unknown paper %q (want %s)", name, strings.Join(PaperNames(), ", "))
}
