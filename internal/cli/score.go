package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
)

// scoreFormats are the output formats of score, in display order.
var scoreFormats = []string{"table", "json", "csv", "markdown"}

type scoreOptions struct {
	load         loadFlags
	format       string
	by           string
	responses    []string
	columns      []string
	allowOutside bool
	segment      string
	since, until string
	persona      string
	gate         bool
	minNPS       optFloat
	minCES       optFloat
	minCSAT      optFloat
	config       string
}

// optFloat is a float flag that knows whether it was set.
type optFloat struct {
	v   float64
	set bool
}

func (f *optFloat) String() string {
	if !f.set {
		return ""
	}
	return strconv.FormatFloat(f.v, 'f', -1, 64)
}
func (f *optFloat) Type() string { return "number" }
func (f *optFloat) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("want a number, got %q", s)
	}
	f.v, f.set = v, true
	return nil
}
func (f *optFloat) ptr() *float64 {
	if !f.set {
		return nil
	}
	v := f.v
	return &v
}

func newScoreCmd(app *Factory) *cobra.Command {
	opts := &scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score [PATH...]",
		Short: "Compute NPS, CES and CSAT per touchpoint, stage, channel and owner, and gate on targets",
		Long: strings.TrimSpace(`
Score journey maps: NPS (with n and its 95% margin of error), CES and CSAT
for every touchpoint, rolled up to stages, channels, owners, segments and the
whole map, from the metrics written in the map and from raw survey answers.

Raw answers come from the map's sources: (paths relative to the map, which
may not leave its folder unless --allow-outside-sources) or from
--responses FILE, which replaces them. They are CSV exports (comma,
semicolon or tab; UTF-8 with or without BOM; .csv.gz too) with a header row;
the columns touchpoint, nps, ces, csat, segment and date are found by name,
and renamed with columns: in sources: or --column KEY=HEADER. For each
touchpoint and metric, answers replace the figure written in the map. Cells
that are not valid answers and rows of touchpoints the map does not have are
counted and reported, never dropped silently. A figure without data shows
"-" with the reason, never 0. docs/scoring.md has the formulas.

Gates: --min-nps, --min-ces (7-point scale), --min-csat, or --gate for the
map's targets:, check the rows shown (--by) and the whole map.

Exit status: 0 scored (and every gate met), 1 a map is invalid, a source
path is refused, or a gate is missed, 2 score could not run (bad flags, an
unreadable or malformed responses file).`),
		Example: examples(`
  journey score maps/alta.journey.yaml
  journey score maps/alta.journey.yaml --by stage --gate
  journey score maps/alta.journey.yaml --responses export.csv.gz --column touchpoint=tp_id --segment plan
  journey score maps/ --format markdown --min-nps 20 > score.md
  journey score maps/alta.journey.yaml --since 2026-01-01 --until 2026-03-31 --format json`),
		GroupID: "check",
		// PATH completes with map files and folders.
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"journey.yaml", "journey.yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return scoreRun(cmd.Context(), app, opts, args)
		},
	}
	f := cmd.Flags()
	opts.load.bind(f)
	f.StringVarP(&opts.format, "format", "f", "table", "output format: "+strings.Join(scoreFormats, ", "))
	f.StringVar(&opts.by, "by", "touchpoint", "rows: touchpoint, stage, channel, owner or segment")
	f.StringArrayVar(&opts.responses, "responses", nil, "CSV of survey answers (- for standard input), instead of the map's sources: (repeatable)")
	f.StringArrayVar(&opts.columns, "column", nil, "column header for a key: KEY=HEADER, KEY one of "+strings.Join(journey.SourceColumnKeys, ", ")+" (repeatable)")
	f.BoolVar(&opts.allowOutside, "allow-outside-sources", false, "let sources: paths be absolute or leave the map's folder")
	f.StringVar(&opts.segment, "segment", "", "break figures down by this column: a header, or segment for the mapped segment column")
	f.StringVar(&opts.since, "since", "", "keep answers dated on or after this day (YYYY-MM-DD)")
	f.StringVar(&opts.until, "until", "", "keep answers dated on or before this day (YYYY-MM-DD)")
	f.StringVar(&opts.persona, "persona", "", "persona id for the emotion curve (default: the mean over personas)")
	f.BoolVar(&opts.gate, "gate", false, "fail (exit 1) when a figure misses the map's targets:")
	f.Var(&opts.minNPS, "min-nps", "fail (exit 1) when an NPS is below this (-100..100)")
	f.Var(&opts.minCES, "min-ces", "fail (exit 1) when a CES on the 7-point scale is below this")
	f.Var(&opts.minCSAT, "min-csat", "fail (exit 1) when a CSAT is below this percent")
	f.StringVar(&opts.config, "config", "", "project config file with custom stage models (default: the nearest .journey.yaml above each map)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(scoreFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"touchpoint", "stage", "channel", "owner", "segment"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("column", cobra.FixedCompletions(keysEq(), cobra.ShellCompDirectiveNoSpace|cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("responses", cobra.FixedCompletions([]string{"csv", "gz"}, cobra.ShellCompDirectiveFilterFileExt))
	return cmd
}

func keysEq() []string {
	out := make([]string, len(journey.SourceColumnKeys))
	for i, k := range journey.SourceColumnKeys {
		out[i] = k + "="
	}
	return out
}

// scored is one map with its report and gate result.
type scored struct {
	lm     *project.File
	rep    *score.Report
	by     score.Level
	th     score.Thresholds // what colours and gates compare against
	gated  bool             // gates were asked for
	misses []score.Miss
	// unchecked are the gated metrics no figure could be checked against.
	unchecked []score.Metric
}

func scoreRun(ctx context.Context, app *Factory, opts *scoreOptions, paths []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	format := strings.ToLower(strings.TrimSpace(opts.format))
	if !slices.Contains(scoreFormats, format) {
		return usagef("unknown format %q for score (want %s)", opts.format, strings.Join(scoreFormats, ", "))
	}
	by, err := score.ParseLevel(strings.ToLower(strings.TrimSpace(opts.by)))
	if err != nil || by == score.LevelMap {
		return usagef("unknown --by %q (want touchpoint, stage, channel, owner or segment)", opts.by)
	}
	cols := map[string]string{}
	for _, c := range opts.columns {
		k, h, ok := strings.Cut(c, "=")
		k = strings.TrimSpace(k)
		if !ok || strings.TrimSpace(h) == "" || !slices.Contains(journey.SourceColumnKeys, k) {
			return usagef("--column wants KEY=HEADER with KEY one of %s, got %q", strings.Join(journey.SourceColumnKeys, ", "), c)
		}
		cols[k] = strings.TrimSpace(h)
	}
	for _, d := range []struct{ flag, v string }{{"since", opts.since}, {"until", opts.until}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil || !score.IsDay(d.v) {
				return usagef("--%s wants a day like 2026-01-31, got %q", d.flag, d.v)
			}
		}
	}
	if opts.since != "" && opts.until != "" && opts.since > opts.until {
		return usagef("--since %s is after --until %s", opts.since, opts.until)
	}
	if by == score.LevelSegment && opts.segment == "" {
		return usagef("--by segment needs --segment COLUMN")
	}
	if f := opts.minNPS.ptr(); f != nil && (*f < -100 || *f > 100) {
		return usagef("--min-nps must be within -100..100, got %s", opts.minNPS.String())
	}
	if f := opts.minCES.ptr(); f != nil && (*f < 1 || *f > 7) {
		return usagef("--min-ces must be within 1..7, got %s", opts.minCES.String())
	}
	if f := opts.minCSAT.ptr(); f != nil && (*f < 0 || *f > 100) {
		return usagef("--min-csat must be within 0..100, got %s", opts.minCSAT.String())
	}

	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	maps, err := ld.Load(paths)
	if err != nil {
		return err
	}
	if len(maps) == 0 {
		return fmt.Errorf("no maps found (files named *.journey.yaml) in %s", strings.Join(orDot(paths), ", "))
	}
	eth := newTheme(app.ErrOut, app.ColorErr)
	var bad journey.Diagnostics
	var results []*scored
	var sources map[string][]byte
	for _, lm := range maps {
		if !lm.Valid() {
			bad = append(bad, lm.Diags...)
			if sources == nil {
				sources = map[string][]byte{}
			}
			sources[lm.Name] = lm.Data
			continue
		}
		tallies, pdiags, err := readSources(ctx, app, ld, lm, opts, cols)
		if err != nil {
			return err
		}
		if len(pdiags) > 0 {
			bad = append(bad, pdiags...)
			sources = orMap(sources)
			sources[lm.Name] = lm.Data
			continue
		}
		if opts.persona != "" && !hasPersona(lm.Map, opts.persona) {
			return usagef("%s has no persona %q", lm.Name, opts.persona)
		}
		rep := score.Compute(lm.Map, score.Options{Responses: tallies, Segments: opts.segment != "", Persona: opts.persona})
		sc := &scored{lm: lm, rep: rep, by: by}
		sc.th = thresholds(lm.Map, opts)
		sc.gated = opts.gate || opts.minNPS.set || opts.minCES.set || opts.minCSAT.set
		if sc.gated {
			rows := append(slices.Clone(rep.Rows(by)), rep.Total)
			sc.misses = sc.th.Check(rows)
			sc.unchecked = sc.th.Unchecked(rows)
		}
		results = append(results, sc)
	}

	if len(results) > 0 {
		var err error
		switch format {
		case "json":
			err = scoreJSON(app.Out, results)
		case "csv":
			err = scoreCSV(app.Out, results)
		case "markdown":
			err = scoreMarkdown(app.Out, results)
		default:
			err = scoreTable(app.Out, newTheme(app.Out, app.ColorOut), renderer(app.Out, app.ColorOut), results)
		}
		if err != nil {
			return err
		}
	}

	// Human messages on stderr: invalid maps, what the inputs held, gates.
	if len(bad) > 0 {
		bad.Sort()
		r := &report.Result{Command: "score", Diagnostics: bad, Sources: sources}
		if err := report.Print(app.ErrOut, report.FormatText, r, eth.report()); err != nil {
			return err
		}
	}
	failed := len(bad) > 0
	for _, sc := range results {
		printInputs(app.ErrOut, eth, sc)
		var notes journey.Diagnostics
		for _, n := range sc.rep.Notes {
			notes = append(notes, warning(sc.lm.Name, n.Line, n.Message))
		}
		if err := printDiagnostics(app, notes, map[string][]byte{sc.lm.Name: sc.lm.Data}); err != nil {
			return err
		}
		if !sc.gated {
			continue
		}
		if sc.th.IsZero() {
			fmt.Fprintf(app.ErrOut, "%s %s: --gate: the map has no targets: to check\n", eth.warnStyle.Render("!"), sc.lm.Name)
			continue
		}
		for _, m := range sc.misses {
			fmt.Fprintf(app.ErrOut, "%s %s: %s\n", eth.errorStyle.Render("✗"), sc.lm.Name, m)
		}
		for _, m := range sc.unchecked {
			fmt.Fprintf(app.ErrOut, "%s %s: no %s figure to check against the gate\n", eth.warnStyle.Render("!"), sc.lm.Name, m)
		}
		if len(sc.misses) > 0 {
			failed = true
			continue
		}
		if len(sc.unchecked) == 0 {
			fmt.Fprintf(app.ErrOut, "%s %s: every gate met (%s)\n", eth.okStyle.Render("✓"), sc.lm.Name, gateWords(sc.th))
		}
	}
	if len(bad) > 0 {
		e, _, _ := bad.Counts()
		fmt.Fprintf(app.ErrOut, "%s %d %s not scored: %s\n", eth.errorStyle.Render("✗"), countFiles(bad), plural(countFiles(bad), "map", "maps"), plural(e, "1 error", fmt.Sprintf("%d errors", e)))
	}
	if failed {
		return problems()
	}
	return nil
}

func orDot(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

func orMap(m map[string][]byte) map[string][]byte {
	if m == nil {
		return map[string][]byte{}
	}
	return m
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func countFiles(ds journey.Diagnostics) int {
	seen := map[string]bool{}
	for _, d := range ds {
		seen[d.File] = true
	}
	return len(seen)
}

func hasPersona(m *journey.Map, id string) bool {
	for _, p := range m.Personas {
		if p.ID == id {
			return true
		}
	}
	return false
}

// thresholds are the gates asked for: the map's targets with --gate (or, for
// colouring, always), overridden by --min-*.
func thresholds(m *journey.Map, opts *scoreOptions) score.Thresholds {
	t := score.TargetsOf(m)
	if f := opts.minNPS.ptr(); f != nil {
		t.NPS = f
	}
	if f := opts.minCES.ptr(); f != nil {
		t.CES = f
	}
	if f := opts.minCSAT.ptr(); f != nil {
		t.CSAT = f
	}
	if !opts.gate && (opts.minNPS.set || opts.minCES.set || opts.minCSAT.set) {
		// Only the --min-* given are gates.
		t = score.Thresholds{NPS: opts.minNPS.ptr(), CES: opts.minCES.ptr(), CSAT: opts.minCSAT.ptr()}
	}
	return t
}

func gateWords(t score.Thresholds) string {
	var parts []string
	if t.NPS != nil {
		parts = append(parts, "nps ≥ "+score.Format(score.MetricNPS, *t.NPS))
	}
	if t.CES != nil {
		parts = append(parts, "ces ≥ "+score.Format(score.MetricCES, *t.CES))
	}
	if t.CSAT != nil {
		parts = append(parts, "csat ≥ "+score.Format(score.MetricCSAT, *t.CSAT)+"%")
	}
	return strings.Join(parts, ", ")
}

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

// ---- table ----

func levelTitle(l score.Level) string {
	return strings.ToUpper(string(l))
}

// figureCell formats a figure for text output; "-" when missing.
func figureText(metric score.Metric, f score.Figure, scale int) string {
	if !f.OK {
		return "-"
	}
	s := score.Format(metric, f.Value)
	switch {
	case metric == score.MetricCSAT:
		s += "%"
	case metric == score.MetricCES && scale == 5:
		s += "/5"
	}
	return s
}

func marginText(metric score.Metric, f score.Figure) string {
	if !f.OK || !f.HasMargin {
		return ""
	}
	return "±" + score.Format(metric, f.Margin)
}

func nText(f score.Figure) string {
	if !f.OK {
		return ""
	}
	if f.N < score.SmallN {
		return strconv.Itoa(f.N) + "*"
	}
	return strconv.Itoa(f.N)
}

// sourceText sums up where a row's figures came from.
func sourceText(r *score.Row) string {
	seen := map[score.Origin]bool{}
	for _, m := range score.Metrics {
		if f := r.Figure(m); f.OK {
			seen[f.Origin] = true
		}
	}
	switch {
	case len(seen) == 0:
		return ""
	case len(seen) > 1 || seen[score.OriginMixed]:
		return string(score.OriginMixed)
	case seen[score.OriginInline]:
		return string(score.OriginInline)
	}
	return string(score.OriginResponses)
}

func rowLabel(r *score.Row) string {
	if r.ID == "" {
		return "(none)"
	}
	if r.Level == score.LevelSegment {
		return segmentLabel(r.ID)
	}
	return r.ID
}

func segmentLabel(s string) string {
	if s == "" {
		return score.SegmentBlank
	}
	return s
}

// emotionOf returns a row's emotion text, for touchpoint and stage rows.
func emotionText(rep *score.Report, r *score.Row) string {
	if r.Segment != "" {
		return ""
	}
	switch r.Level {
	case score.LevelTouchpoint:
		for _, p := range rep.Curve.Points {
			if p.Touchpoint == r.ID && p.OK {
				return strconv.FormatFloat(p.Emotion, 'f', 1, 64)
			}
		}
		return "-"
	case score.LevelStage:
		for _, s := range rep.Curve.Stages {
			if s.Stage == r.ID && s.OK {
				return strconv.FormatFloat(s.Mean, 'f', 1, 64)
			}
		}
		return "-"
	}
	return ""
}

// small reports whether some figure of rows has fewer than SmallN answers.
func small(rows []score.Row) bool {
	for i := range rows {
		for _, m := range score.Metrics {
			if f := rows[i].Figure(m); f.OK && f.N < score.SmallN {
				return true
			}
		}
	}
	return false
}

// dim renders s dimmed; empty stays empty (no stray escape codes).
func dim(th theme, s string) string {
	if s == "" {
		return ""
	}
	return th.dimStyle.Render(s)
}

func hasEmotion(by score.Level) bool { return by == score.LevelTouchpoint || by == score.LevelStage }

// displayRows returns the rows shown for a level, then the total; each is
// followed by its segment rows that have some figure.
func displayRows(sc *scored) []score.Row {
	var out []score.Row
	segs := func(rs []score.Row) {
		if sc.by == score.LevelSegment {
			return
		}
		for _, s := range rs {
			if s.NPS.OK || s.CES.OK || s.CSAT.OK {
				out = append(out, s)
			}
		}
	}
	for _, r := range sc.rep.Rows(sc.by) {
		out = append(out, r)
		segs(r.Segments)
	}
	out = append(out, sc.rep.Total)
	segs(sc.rep.Total.Segments)
	return out
}

func scoreTable(w io.Writer, th theme, r *lipgloss.Renderer, results []*scored) error {
	status := func(s score.Status) lipgloss.Style {
		switch s {
		case score.StatusMet:
			return th.okStyle
		case score.StatusUncertain:
			return th.warnStyle
		case score.StatusMissed:
			return th.errorStyle
		}
		return r.NewStyle()
	}
	for i, sc := range results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		rep := sc.rep
		fmt.Fprintf(w, "%s  %s\n", th.boldStyle.Render(sc.lm.Name), report.Printable(rep.Title))
		emo := hasEmotion(sc.by)
		headers := []string{levelTitle(sc.by), "NPS", "±95%", "n", "CES", "n", "CSAT", "n"}
		if emo {
			headers = append(headers, "EMOTION")
		}
		headers = append(headers, "SOURCE")
		rows := displayRows(sc)
		reasons := map[string]int{}
		var order []string
		var data [][]string
		for ri := range rows {
			row := &rows[ri]
			label := report.Printable(rowLabel(row))
			if row.Level == score.LevelMap {
				label = "whole map"
			}
			if row.Segment != "" && sc.by != score.LevelSegment {
				label = "  └ " + segmentLabel(row.Segment)
			}
			if row.Level == score.LevelMap && sc.by == score.LevelSegment {
				label = "all segments"
			}
			cell := func(m score.Metric, text string) string {
				f := row.Figure(m)
				if !f.OK {
					if _, ok := reasons[f.Missing]; !ok {
						order = append(order, f.Missing)
					}
					reasons[f.Missing]++
					return th.dimStyle.Render("-")
				}
				return status(sc.th.StatusOf(row, m)).Render(text)
			}
			line := []string{
				label,
				cell(score.MetricNPS, figureText(score.MetricNPS, row.NPS.Figure, 0)),
				dim(th, marginText(score.MetricNPS, row.NPS.Figure)),
				nText(row.NPS.Figure),
				cell(score.MetricCES, figureText(score.MetricCES, row.CES.Figure, row.CES.Scale)),
				nText(row.CES.Figure),
				cell(score.MetricCSAT, figureText(score.MetricCSAT, row.CSAT.Figure, 0)),
				nText(row.CSAT.Figure),
			}
			if emo {
				line = append(line, emotionText(rep, row))
			}
			line = append(line, sourceText(row))
			data = append(data, line)
		}
		total := slices.IndexFunc(rows, func(r score.Row) bool { return r.Level == score.LevelMap })
		t := table.New().
			Border(lipgloss.NormalBorder()).
			BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
			BorderColumn(false).BorderHeader(true).
			BorderStyle(th.dimStyle).
			Headers(headers...).
			Rows(data...).
			StyleFunc(func(row, col int) lipgloss.Style {
				s := r.NewStyle()
				if col < len(headers)-1 {
					s = s.PaddingRight(2)
				}
				if row == table.HeaderRow {
					s = s.Bold(true)
				} else if row == total {
					s = s.Bold(true)
				}
				if col > 0 && col < len(headers)-1 {
					s = s.Align(lipgloss.Right)
				}
				return s
			})
		for _, line := range strings.Split(t.Render(), "\n") {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
		if len(order) > 0 {
			var parts []string
			for _, reason := range order {
				parts = append(parts, fmt.Sprintf("%s (%d)", reason, reasons[reason]))
			}
			fmt.Fprintf(w, "%s\n", th.dimStyle.Render("- no figure: "+strings.Join(parts, "; ")))
		}
		if small(rows) {
			fmt.Fprintf(w, "%s\n", th.dimStyle.Render(fmt.Sprintf("* n < %d: too few answers for the margin to be reliable", score.SmallN)))
		}
		if emo && len(rep.Curve.Valleys) > 0 {
			var ids []string
			for _, p := range rep.Curve.Valleys {
				ids = append(ids, p.Touchpoint)
			}
			fmt.Fprintf(w, "Lowest emotion (%s): %s\n", strconv.FormatFloat(rep.Curve.Valleys[0].Emotion, 'f', 1, 64), strings.Join(ids, ", "))
		}
		if t := targetsLine(sc.th); t != "" {
			fmt.Fprintf(w, "%s\n", th.dimStyle.Render("Targets: "+t))
		}
	}
	return nil
}

func targetsLine(t score.Thresholds) string { return gateWords(t) }

// ---- JSON ----

type jsonFigure struct {
	N      int      `json:"n"`
	Value  *float64 `json:"value"`
	Margin *float64 `json:"margin"`
	Origin string   `json:"origin,omitempty"`
	Status string   `json:"status,omitempty"`
	// NPS
	Promoters  *int `json:"promoters,omitempty"`
	Passives   *int `json:"passives,omitempty"`
	Detractors *int `json:"detractors,omitempty"`
	// CES
	Scale        int      `json:"scale,omitempty"`
	Easy         *float64 `json:"easy_percent,omitempty"`
	Distribution []int    `json:"distribution,omitempty"`
	// CSAT
	Satisfied *int   `json:"satisfied,omitempty"`
	Total     *int   `json:"total,omitempty"`
	Missing   string `json:"missing,omitempty"`
}

type jsonRow struct {
	Level    string     `json:"level"`
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Stage    string     `json:"stage,omitempty"`
	Segment  *string    `json:"segment,omitempty"`
	Parts    int        `json:"touchpoints"`
	NPS      jsonFigure `json:"nps"`
	CES      jsonFigure `json:"ces"`
	CSAT     jsonFigure `json:"csat"`
	Emotion  *float64   `json:"emotion,omitempty"`
	Segments []jsonRow  `json:"segments,omitempty"`
}

type jsonMiss struct {
	Metric  string  `json:"metric"`
	Level   string  `json:"level"`
	ID      string  `json:"id"`
	Segment string  `json:"segment,omitempty"`
	Value   float64 `json:"value"`
	Target  float64 `json:"target"`
	Short   float64 `json:"short_by"`
	N       int     `json:"n"`
	Message string  `json:"message"`
}

type jsonInput struct {
	File         string            `json:"file"`
	Columns      map[string]string `json:"columns"`
	Bytes        int64             `json:"bytes"`
	Rows         int64             `json:"rows"`
	Counted      int64             `json:"counted"`
	Filtered     int64             `json:"outside_dates"`
	Rejected     []jsonReject      `json:"rejected"`
	UnknownRows  int64             `json:"unknown_touchpoint_rows"`
	Unknown      []jsonUnknown     `json:"unknown_touchpoints"`
	UnknownOther int64             `json:"unknown_other_rows,omitempty"`
}

type jsonReject struct {
	Column     string  `json:"column"`
	Header     string  `json:"header"`
	Count      int64   `json:"count"`
	Reason     string  `json:"reason"`
	Example    string  `json:"example"`
	FirstLines []int64 `json:"first_lines"`
}

type jsonUnknown struct {
	Touchpoint string `json:"touchpoint"`
	Count      int64  `json:"count"`
	FirstLine  int64  `json:"first_line"`
}

type jsonCurve struct {
	Persona string         `json:"persona,omitempty"`
	Stages  []jsonStageEmo `json:"stages"`
	Points  []jsonPoint    `json:"touchpoints"`
	Valleys []string       `json:"valleys"`
}

type jsonStageEmo struct {
	Stage string   `json:"stage"`
	Mean  *float64 `json:"mean"`
	N     int      `json:"n"`
}

type jsonPoint struct {
	Stage      string   `json:"stage"`
	Touchpoint string   `json:"touchpoint"`
	Emotion    *float64 `json:"emotion"`
}

type jsonTargets struct {
	NPS  *float64 `json:"nps,omitempty"`
	CES  *float64 `json:"ces,omitempty"`
	CSAT *float64 `json:"csat,omitempty"`
}

type jsonMap struct {
	File    string      `json:"file"`
	ID      string      `json:"id"`
	Title   string      `json:"title"`
	By      string      `json:"by"`
	Targets jsonTargets `json:"targets"`
	Rows    []jsonRow   `json:"rows"`
	Total   jsonRow     `json:"total"`
	Curve   jsonCurve   `json:"emotion_curve"`
	Inputs  []jsonInput `json:"inputs"`
	Notes   []string    `json:"notes"`
	Gate    *jsonGate   `json:"gate,omitempty"`
}

type jsonGate struct {
	Passed    bool       `json:"passed"`
	Misses    []jsonMiss `json:"misses"`
	Unchecked []string   `json:"unchecked"` // gated metrics with no figure to check
}

type jsonScore struct {
	FormatVersion string    `json:"format_version"`
	Passed        bool      `json:"passed"`
	Maps          []jsonMap `json:"maps"`
}

func round4(v float64) *float64 {
	r := math.Round(v*1e4) / 1e4
	if r == 0 {
		r = 0 // no -0
	}
	return &r
}

func jsonFig(th score.Thresholds, r *score.Row, m score.Metric) jsonFigure {
	f := r.Figure(m)
	out := jsonFigure{Origin: string(f.Origin)}
	if !f.OK {
		out.Missing = f.Missing
		if out.Missing == "" {
			out.Missing = "no data"
		}
		if m == score.MetricCES {
			out.Scale = r.CES.Scale
		}
		return out
	}
	out.N, out.Value = f.N, round4(f.Value)
	if f.HasMargin {
		out.Margin = round4(f.Margin)
	}
	if s := th.StatusOf(r, m); s != score.StatusNone {
		out.Status = s.String()
	}
	switch m {
	case score.MetricNPS:
		if r.NPS.Counts {
			p, pa, d := r.NPS.Promoters, r.NPS.Passives, r.NPS.Detractors
			out.Promoters, out.Passives, out.Detractors = &p, &pa, &d
		}
	case score.MetricCES:
		out.Scale = r.CES.Scale
		out.Distribution = r.CES.Distribution
		if r.CES.Distribution != nil {
			out.Easy = round4(r.CES.Easy)
		}
	case score.MetricCSAT:
		s, t := r.CSAT.Satisfied, r.CSAT.Total
		out.Satisfied, out.Total = &s, &t
		out.Distribution = r.CSAT.Distribution
	}
	return out
}

func jsonRowOf(sc *scored, r *score.Row) jsonRow {
	out := jsonRow{Level: string(r.Level), ID: r.ID, Name: r.Name, Stage: r.Stage, Parts: r.Parts,
		NPS: jsonFig(sc.th, r, score.MetricNPS), CES: jsonFig(sc.th, r, score.MetricCES), CSAT: jsonFig(sc.th, r, score.MetricCSAT)}
	if r.Segment != "" {
		s := r.Segment
		out.Segment = &s
	}
	if e := emotionText(sc.rep, r); e != "" && e != "-" {
		v, _ := strconv.ParseFloat(e, 64)
		out.Emotion = &v
	}
	for i := range r.Segments {
		s := jsonRowOf(sc, &r.Segments[i])
		seg := r.Segments[i].Segment
		s.Segment = &seg
		out.Segments = append(out.Segments, s)
	}
	return out
}

func scoreJSON(w io.Writer, results []*scored) error {
	doc := jsonScore{FormatVersion: "1", Passed: true, Maps: []jsonMap{}}
	for _, sc := range results {
		rep := sc.rep
		jm := jsonMap{File: sc.lm.Name, ID: rep.MapID, Title: rep.Title, By: string(sc.by),
			Targets: jsonTargets{NPS: sc.th.NPS, CES: sc.th.CES, CSAT: sc.th.CSAT},
			Rows:    []jsonRow{}, Inputs: []jsonInput{}, Notes: []string{}}
		rows := rep.Rows(sc.by)
		for i := range rows {
			jm.Rows = append(jm.Rows, jsonRowOf(sc, &rows[i]))
		}
		jm.Total = jsonRowOf(sc, &rep.Total)
		jm.Curve = jsonCurve{Persona: rep.Curve.Persona, Stages: []jsonStageEmo{}, Points: []jsonPoint{}, Valleys: []string{}}
		for _, s := range rep.Curve.Stages {
			e := jsonStageEmo{Stage: s.Stage, N: s.N}
			if s.OK {
				e.Mean = round4(s.Mean)
			}
			jm.Curve.Stages = append(jm.Curve.Stages, e)
		}
		for _, p := range rep.Curve.Points {
			jp := jsonPoint{Stage: p.Stage, Touchpoint: p.Touchpoint}
			if p.OK {
				jp.Emotion = round4(p.Emotion)
			}
			jm.Curve.Points = append(jm.Curve.Points, jp)
		}
		for _, p := range rep.Curve.Valleys {
			jm.Curve.Valleys = append(jm.Curve.Valleys, p.Touchpoint)
		}
		for _, t := range rep.Inputs {
			in := jsonInput{File: t.File, Columns: t.Columns, Bytes: t.Bytes, Rows: t.Rows, Counted: t.Counted, Filtered: t.Filtered,
				Rejected: []jsonReject{}, UnknownRows: t.UnknownRows, Unknown: []jsonUnknown{}, UnknownOther: t.UnknownOther}
			for _, r := range t.Rejected {
				in.Rejected = append(in.Rejected, jsonReject{Column: r.Column, Header: r.Header, Count: r.Count, Reason: r.Reason, Example: r.Example, FirstLines: r.FirstRows})
			}
			for _, u := range t.Unknown {
				in.Unknown = append(in.Unknown, jsonUnknown{Touchpoint: u.Touchpoint, Count: u.Count, FirstLine: u.FirstRow})
			}
			jm.Inputs = append(jm.Inputs, in)
		}
		for _, n := range rep.Notes {
			jm.Notes = append(jm.Notes, n.Message)
		}
		if sc.gated {
			g := &jsonGate{Passed: len(sc.misses) == 0, Misses: []jsonMiss{}, Unchecked: []string{}}
			for _, m := range sc.unchecked {
				g.Unchecked = append(g.Unchecked, string(m))
			}
			for _, m := range sc.misses {
				g.Misses = append(g.Misses, jsonMiss{Metric: string(m.Metric), Level: string(m.Level), ID: m.ID, Segment: m.Segment,
					Value: *round4(m.Value), Target: m.Target, Short: *round4(m.Short), N: m.N, Message: m.String()})
			}
			jm.Gate = g
			doc.Passed = doc.Passed && g.Passed
		}
		doc.Maps = append(doc.Maps, jm)
	}
	var buf bytes.Buffer
	if err := output.JSON(&buf, doc); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ---- CSV ----

func csvNum(metric score.Metric, f score.Figure, v float64, ok bool) string {
	if !f.OK || !ok {
		return ""
	}
	return strconv.FormatFloat(*round4(v), 'f', -1, 64)
}

func scoreCSV(w io.Writer, results []*scored) error {
	cw := csv.NewWriter(w)
	header := []string{"map", "level", "id", "name", "stage", "segment",
		"nps", "nps_margin", "nps_n", "promoters", "passives", "detractors", "nps_source",
		"ces", "ces_margin", "ces_n", "ces_scale", "ces_easy_percent", "ces_source",
		"csat", "csat_margin", "csat_n", "csat_source", "missing"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, sc := range results {
		for _, r := range displayRows(sc) {
			var miss []string
			for _, m := range score.Metrics {
				if f := r.Figure(m); !f.OK {
					miss = append(miss, string(m)+": "+f.Missing)
				}
			}
			n, c, s := r.NPS, r.CES, r.CSAT
			counts := func(v int) string {
				if !n.OK || !n.Counts {
					return ""
				}
				return strconv.Itoa(v)
			}
			nn := func(f score.Figure) string {
				if !f.OK {
					return ""
				}
				return strconv.Itoa(f.N)
			}
			scale := ""
			if c.OK {
				scale = strconv.Itoa(c.Scale)
			}
			rec := []string{
				output.CSVCell(sc.lm.Name), string(r.Level), output.CSVCell(r.ID), output.CSVCell(r.Name), output.CSVCell(r.Stage), output.CSVCell(r.Segment),
				csvNum(score.MetricNPS, n.Figure, n.Value, true), csvNum(score.MetricNPS, n.Figure, n.Margin, n.HasMargin), nn(n.Figure),
				counts(n.Promoters), counts(n.Passives), counts(n.Detractors), string(n.Origin),
				csvNum(score.MetricCES, c.Figure, c.Value, true), csvNum(score.MetricCES, c.Figure, c.Margin, c.HasMargin), nn(c.Figure),
				scale, csvNum(score.MetricCES, c.Figure, c.Easy, c.Distribution != nil), string(c.Origin),
				csvNum(score.MetricCSAT, s.Figure, s.Value, true), csvNum(score.MetricCSAT, s.Figure, s.Margin, s.HasMargin), nn(s.Figure), string(s.Origin),
				output.CSVCell(strings.Join(miss, "; ")),
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// ---- Markdown ----

func scoreMarkdown(w io.Writer, results []*scored) error {
	var b strings.Builder
	for i, sc := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		rep := sc.rep
		fmt.Fprintf(&b, "### %s\n\n", output.Markdown(rep.Title))
		fmt.Fprintf(&b, "`%s`", strings.ReplaceAll(sc.lm.Name, "`", "'"))
		if t := targetsLine(sc.th); t != "" {
			fmt.Fprintf(&b, " · targets: %s", t)
		}
		b.WriteString("\n\n")
		emo := hasEmotion(sc.by)
		head := []string{strings.ToUpper(string(sc.by)[:1]) + string(sc.by)[1:], "NPS", "±95%", "n", "CES", "n", "CSAT", "n"}
		align := []string{":--", "--:", "--:", "--:", "--:", "--:", "--:", "--:"}
		if emo {
			head, align = append(head, "Emotion"), append(align, "--:")
		}
		head, align = append(head, "Source"), append(align, ":--")
		fmt.Fprintf(&b, "| %s |\n|%s|\n", strings.Join(head, " | "), strings.Join(align, "|"))
		mark := func(r *score.Row, m score.Metric, text string) string {
			f := r.Figure(m)
			if !f.OK {
				return "–"
			}
			switch sc.th.StatusOf(r, m) {
			case score.StatusMet:
				return text + " ✅"
			case score.StatusUncertain:
				return text + " ⚠️"
			case score.StatusMissed:
				return text + " ❌"
			}
			return text
		}
		for _, r := range displayRows(sc) {
			label := output.Markdown(r.Name)
			if r.Level == score.LevelTouchpoint || r.Level == score.LevelStage || r.Level == score.LevelChannel || r.Level == score.LevelOwner {
				if r.ID != "" {
					label += " (`" + r.ID + "`)"
				}
			}
			if r.Segment != "" && r.Level != score.LevelSegment {
				label = "↳ " + output.Markdown(segmentLabel(r.Segment))
			}
			if r.Level == score.LevelMap {
				label = "**Whole map**"
				if r.Segment != "" {
					label = "↳ " + output.Markdown(segmentLabel(r.Segment))
				}
			}
			cells := []string{label,
				mark(&r, score.MetricNPS, figureText(score.MetricNPS, r.NPS.Figure, 0)), marginText(score.MetricNPS, r.NPS.Figure), nText(r.NPS.Figure),
				mark(&r, score.MetricCES, figureText(score.MetricCES, r.CES.Figure, r.CES.Scale)), nText(r.CES.Figure),
				mark(&r, score.MetricCSAT, figureText(score.MetricCSAT, r.CSAT.Figure, 0)), nText(r.CSAT.Figure)}
			if emo {
				cells = append(cells, emotionText(rep, &r))
			}
			cells = append(cells, sourceText(&r))
			fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		}
		if sc.gated && !sc.th.IsZero() {
			b.WriteString("\n")
			if len(sc.misses) == 0 {
				fmt.Fprintf(&b, "✅ Every gate met (%s).\n", gateWords(sc.th))
			} else {
				fmt.Fprintf(&b, "❌ %d %s missed:\n\n", len(sc.misses), plural(len(sc.misses), "gate", "gates"))
				for _, m := range sc.misses {
					fmt.Fprintf(&b, "- %s\n", output.Markdown(m.String()))
				}
			}
		}
		var notes []string
		for _, t := range rep.Inputs {
			var rej int64
			for _, r := range t.Rejected {
				rej += r.Count
			}
			notes = append(notes, fmt.Sprintf("`%s`: %s, %d counted, %s rejected, %s of touchpoints not in the map",
				strings.ReplaceAll(t.File, "`", "'"), count(t.Rows, "row", "rows"), t.Counted, count(rej, "cell", "cells"), count(t.UnknownRows, "row", "rows")))
		}
		foot := "– = no data"
		if small(displayRows(sc)) {
			foot += fmt.Sprintf("; * n < %d, margin unreliable", score.SmallN)
		}
		notes = append(notes, foot)
		b.WriteString("\n<sub>" + strings.Join(notes, " · ") + ".</sub>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
