package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
)

// readSources reads the responses of one map: --responses when given, else
// the map's sources:. A refused source path is a diagnostic (exit 1); an
// unreadable or malformed file is an error (exit 2).
func readSources(ctx context.Context, app *Factory, ld *project.Loader, lm *project.File, opts *scoreOptions, cols map[string]string) ([]*score.Tally, journey.Diagnostics, error) {
	m := lm.Map
	type input struct {
		project.Source
		columns  map[string]string
		explicit map[string]bool
	}
	var inputs []input
	var diags journey.Diagnostics
	merge := func(base map[string]string) (map[string]string, map[string]bool) {
		c, e := map[string]string{}, map[string]bool{}
		for k, v := range base {
			c[k], e[k] = v, true
		}
		for k, v := range cols {
			c[k], e[k] = v, true
		}
		return c, e
	}
	if len(opts.responses) > 0 {
		var base map[string]string
		if len(m.Sources) > 0 {
			base = m.Sources[0].Columns
		}
		for _, p := range opts.responses {
			c, e := merge(base)
			inputs = append(inputs, input{Source: ld.ArgSource(p), columns: c, explicit: e})
		}
	} else {
		for _, s := range m.Sources {
			if s.Path == "" {
				continue
			}
			src, ok := ld.DeclaredSource(lm, s.Path, opts.allowOutside)
			if !ok {
				pos := s.At("path")
				diags = append(diags, journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: lm.Name,
					Line: pos.Line, Column: pos.Column, Path: s.Path,
					Message: fmt.Sprintf("source %q is outside the map's folder; scoring it needs --allow-outside-sources", s.Path)})
				continue
			}
			c, e := merge(s.Columns)
			inputs = append(inputs, input{Source: src, columns: c, explicit: e})
		}
	}
	if len(diags) > 0 {
		return nil, diags, nil
	}
	segment := ""
	if opts.segment != "" {
		segment = opts.segment
	}
	var out []*score.Tally
	for _, in := range inputs {
		var f *os.File
		var err error
		var src io.Reader
		if in.Path == "-" && in.Root == "" {
			if lm.Path == "-" {
				return nil, nil, usagef("--responses - and a map on standard input cannot both read it")
			}
			src, in.Name = app.In, "<stdin>"
		} else if f, err = ld.Open(in.Source); err != nil {
			return nil, nil, err
		}
		var size int64
		if f != nil {
			src = f
			if st, err := f.Stat(); err == nil {
				size = st.Size()
			}
		}
		seg := segment
		if seg == score.ColSegment {
			seg = in.columns[score.ColSegment]
			if seg == "" {
				seg = score.ColSegment
			}
		}
		ro := score.ReadOptions{File: in.Name, Columns: in.columns, Explicit: in.explicit, Touchpoints: m.Touchpoints(),
			Segment: seg, Since: opts.since, Until: opts.until, Size: size}
		var bar *progress
		if app.TermErr && size > 50<<20 {
			bar = &progress{w: app.ErrOut, name: in.Name, total: size}
			ro.Progress = bar.update
		}
		t, err := score.ReadResponses(ctx, src, ro)
		if f != nil {
			f.Close()
		}
		if bar != nil {
			bar.done()
		}
		var pe *score.ParseError
		if errors.As(err, &pe) {
			// A malformed export is bad input (exit 1), reported like a map problem.
			diags = append(diags, journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError,
				File: pe.File, Line: int(pe.Line), Message: "malformed CSV: " + pe.Err.Error() + " (a quote opens a field that never closes, or stands inside an unquoted field)"})
			continue
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
	fmt.Fprintf(p.w, "\r\x1b[Kreading %s [%s%s] %3d%% %s of %s", p.name, strings.Repeat("█", fill), strings.Repeat("░", width-fill),
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
		if len(t.Rejected) > 0 || t.UnknownRows > 0 {
			mark = th.warnStyle.Render("!")
		}
		line := fmt.Sprintf("%s %s: %s, %s counted", mark, t.File, count(t.Rows, "row", "rows"), strconv.FormatInt(t.Counted, 10))
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
