package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
)

// scoreInput is one responses file of a map, with its column mapping.
type scoreInput struct {
	project.Source
	columns  map[string]string
	explicit map[string]bool // column keys named in sources: or --column
	at       journey.Pos     // where the map names the file; zero for --responses
}

// readSources reads the responses of one map: --responses when given, else
// the map's sources:. A refused source path and a malformed file (a bad CSV
// record, truncated or corrupt compressed data) are diagnostics (exit 1);
// an unreadable file is an error (exit 2); one the map names is an
// *unreadSource, which names the map and the line.
func readSources(ctx context.Context, app *Factory, ld *project.Loader, lm *project.File, opts *scoreOptions, cols map[string]string) ([]*score.Tally, journey.Diagnostics, error) {
	inputs, diags := sourceInputs(ld, lm, opts, cols)
	if len(diags) > 0 {
		return nil, diags, nil
	}
	var out []*score.Tally
	for _, in := range inputs {
		t, err := readInput(ctx, app, ld, lm, in, opts)
		if d, ok := inputDiagnostic(err); ok {
			diags = append(diags, d)
			continue
		}
		var ue *usageError
		if err != nil && in.at.Line > 0 && !errors.As(err, &ue) && !errors.Is(err, context.Canceled) {
			return nil, nil, &unreadSource{err: fmt.Errorf("%s:%d:%d: %w", lm.Name, in.at.Line, in.at.Column, err)}
		}
		if err != nil {
			return nil, nil, err
		}
		out = append(out, t)
	}
	if len(diags) > 0 {
		return nil, diags, nil
	}
	return out, nil, nil
}

// sourceInputs lists the responses files of a map: --responses (with the
// columns of the map's first source), else its sources:, each with --column
// on top. A source path outside the map's folder is a diagnostic unless
// --allow-outside-sources.
func sourceInputs(ld *project.Loader, lm *project.File, opts *scoreOptions, cols map[string]string) ([]scoreInput, journey.Diagnostics) {
	m := lm.Map
	var inputs []scoreInput
	if len(opts.responses) > 0 {
		var base map[string]string
		if len(m.Sources) > 0 {
			base = m.Sources[0].Columns
		}
		for _, p := range opts.responses {
			c, e := score.MergeColumns(base, cols)
			inputs = append(inputs, scoreInput{Source: ld.ArgSource(p), columns: c, explicit: e})
		}
		return inputs, nil
	}
	var diags journey.Diagnostics
	for _, s := range m.Sources {
		if s.Path == "" {
			continue
		}
		src, ok := ld.DeclaredSource(lm, s.Path, opts.load.allowOutside)
		if !ok {
			pos := s.At("path")
			diags = append(diags, journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: lm.Name,
				Line: pos.Line, Column: pos.Column, Path: s.Path,
				Message: fmt.Sprintf("source %q is outside the map's folder; scoring it needs --allow-outside-sources", s.Path)})
			continue
		}
		c, e := score.MergeColumns(s.Columns, cols)
		inputs = append(inputs, scoreInput{Source: src, columns: c, explicit: e, at: s.At("path")})
	}
	return inputs, diags
}

// unreadSource is a data file a map names that could not be read: that map
// is not scored, the others are, and score exits 2.
type unreadSource struct{ err error }

func (e *unreadSource) Error() string { return e.err.Error() }
func (e *unreadSource) Unwrap() error { return e.err }

// readInput reads one responses file (or standard input), with a progress
// bar for a big file on a terminal.
func readInput(ctx context.Context, app *Factory, ld *project.Loader, lm *project.File, in scoreInput, opts *scoreOptions) (*score.Tally, error) {
	var src io.Reader
	var size int64
	if in.Path == "-" && in.Root == "" {
		if lm.Path == "-" {
			return nil, usagef("--responses - and a map on standard input cannot both read it")
		}
		src, in.Name = app.In, "<stdin>"
	} else {
		f, err := ld.Open(in.Source)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		src = f
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
	}
	ro := score.ReadOptions{File: in.Name, Columns: in.columns, Explicit: in.explicit, Touchpoints: lm.Map.Touchpoints(),
		Segment: score.SegmentColumn(opts.segment, in.columns), Since: opts.since, Until: opts.until, Size: size}
	if app.TermErr && size > 50<<20 {
		bar := &progress{w: app.ErrOut, name: in.Name, total: size}
		ro.Progress = bar.update
		defer bar.done()
	}
	return score.ReadResponses(ctx, src, ro)
}

// inputDiagnostic turns a malformed responses file into a diagnostic: bad
// input (exit 1), reported like a map problem: a bad CSV record, truncated
// or corrupt compressed data, a text encoding other than UTF-8.
func inputDiagnostic(err error) (journey.Diagnostic, bool) {
	var pe *score.ParseError
	var ce *score.CompressedError
	var ee *score.EncodingError
	switch {
	case errors.As(err, &pe):
		return journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: pe.File, Line: int(pe.Line),
			Message: "malformed CSV: " + pe.Err.Error() + " (a quote opens a field that never closes, or stands inside an unquoted field)"}, true
	case errors.As(err, &ce):
		return journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: ce.File, Message: ce.Problem()}, true
	case errors.As(err, &ee):
		return journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: ee.File, Message: ee.Problem()}, true
	}
	return journey.Diagnostic{}, false
}

// progress draws a one-line progress bar on a terminal.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	name  string
	total int64
	last  int
	shown bool
}

func (p *progress) update(read int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pct := int(read * 100 / max(p.total, 1))
	if p.shown && pct == p.last {
		return
	}
	p.last, p.shown = pct, true
	const width = 30
	fill := min(width, pct*width/100)
	fmt.Fprintf(p.w, "\r\x1b[Kreading %s [%s%s] %3d%% %s of %s", output.Terminal(p.name), strings.Repeat("█", fill), strings.Repeat("░", width-fill),
		min(pct, 100), journey.FormatSize(read), journey.FormatSize(p.total))
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// printInputs says, per responses file, what was counted and what was not.
func printInputs(w io.Writer, th theme, sc *scored) {
	for _, t := range sc.rep.Inputs {
		mark := th.okStyle.Render("✓")
		if len(t.Rejected) > 0 || t.UnknownRows > 0 || t.Ragged > 0 || len(t.Duplicates) > 0 {
			mark = th.warnStyle.Render("!")
		}
		line := fmt.Sprintf("%s %s: %s, %s counted", mark, output.Terminal(t.File), count(t.Rows, "row", "rows"), strconv.FormatInt(t.Counted, 10))
		if t.Filtered > 0 {
			line += fmt.Sprintf(", %d outside the dates", t.Filtered)
		}
		fmt.Fprintln(w, line)
		for _, r := range t.Rejected {
			fmt.Fprintf(w, "  %s %s (%q): %s rejected, %s (first: %q); %s %s\n", th.warnStyle.Render("!"), r.Column, r.Header,
				count(r.Count, "cell", "cells"), r.Reason, r.Example, plural(len(r.FirstRows), "line", "lines"), joinInts(r.FirstRows, r.Count))
		}
		if t.UnknownRows > 0 {
			var names []string
			for _, u := range t.Unknown {
				names = append(names, fmt.Sprintf("%q ×%d (line %d)", u.Touchpoint, u.Count, u.FirstRow))
			}
			if t.UnknownOther > 0 {
				names = append(names, fmt.Sprintf("%d more rows", t.UnknownOther))
			}
			fmt.Fprintf(w, "  %s %s of touchpoints not in the map: %s\n", th.warnStyle.Render("!"), count(t.UnknownRows, "row", "rows"), strings.Join(names, ", "))
		}
		printStructure(w, th, t)
	}
}

// printStructure warns of a file's shape: headers that name several columns,
// rows with more or fewer fields than the header.
func printStructure(w io.Writer, th theme, t *score.Tally) {
	for _, d := range t.Duplicates {
		cols := make([]int64, len(d.Columns))
		for i, c := range d.Columns {
			cols[i] = int64(c)
		}
		fmt.Fprintf(w, "  %s header %q names columns %s: only the first is read\n", th.warnStyle.Render("!"), d.Header, joinInts(cols, 0))
	}
	if t.Ragged > 0 {
		fmt.Fprintf(w, "  %s %s with more or fewer fields than the header's %d; %s %s\n", th.warnStyle.Render("!"),
			count(t.Ragged, "row", "rows"), t.Width, plural(len(t.RaggedRows), "line", "lines"), joinInts(t.RaggedRows, t.Ragged))
	}
}

func count(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func joinInts(xs []int64, total int64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.FormatInt(x, 10)
	}
	out := strings.Join(s, ", ")
	if total > int64(len(xs)) {
		out += ", …"
	}
	return out
}
