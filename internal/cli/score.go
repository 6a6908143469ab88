package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

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

// scoreRequest is what the flags of score ask for, checked.
type scoreRequest struct {
	format string
	by     score.Level
	cols   map[string]string // --column
	gates  score.Gates
}

// scoreOutcome is what scoring the maps gave: the scored maps, and the
// problems of those that could not be scored with the files they are in.
type scoreOutcome struct {
	results []*scored
	bad     journey.Diagnostics
	sources map[string][]byte
}

func scoreRun(ctx context.Context, app *Factory, opts *scoreOptions, paths []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	req, err := parseScoreOptions(opts)
	if err != nil {
		return err
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
		return errNoMaps(paths)
	}
	out, err := scoreMaps(ctx, app, ld, maps, opts, req)
	if err != nil {
		return err
	}
	if len(out.results) > 0 {
		if err := printScores(app, req.format, out.results); err != nil {
			return err
		}
	}
	failed, err := printScoreMessages(app, out)
	if err != nil {
		return err
	}
	if failed {
		return problems()
	}
	return nil
}

// parseScoreOptions checks the flags of score; each problem is a usage
// error (exit 2).
func parseScoreOptions(opts *scoreOptions) (*scoreRequest, error) {
	req := &scoreRequest{format: strings.ToLower(strings.TrimSpace(opts.format))}
	if !slices.Contains(scoreFormats, req.format) {
		return nil, usagef("unknown format %q for score (want %s)", opts.format, strings.Join(scoreFormats, ", "))
	}
	by, err := score.ParseLevel(strings.ToLower(strings.TrimSpace(opts.by)))
	if err != nil || by == score.LevelMap {
		return nil, usagef("unknown --by %q (want touchpoint, stage, channel, owner or segment)", opts.by)
	}
	req.by = by
	if req.cols, err = score.ParseColumns(opts.columns); err != nil {
		var ce *score.ColumnError
		errors.As(err, &ce)
		return nil, usagef("--column wants KEY=HEADER with KEY one of %s, got %q", strings.Join(journey.SourceColumnKeys, ", "), ce.Pair)
	}
	var de *score.DayError
	if err := score.CheckDays(opts.since, opts.until); errors.As(err, &de) {
		if de.Bound == "" {
			return nil, usagef("--since %s is after --until %s", de.Since, de.Until)
		}
		return nil, usagef("--%s wants a day like 2026-01-31, got %q", de.Bound, de.Value)
	}
	if by == score.LevelSegment && opts.segment == "" {
		return nil, usagef("--by segment needs --segment COLUMN")
	}
	req.gates = score.Gates{Targets: opts.gate, Min: score.Thresholds{NPS: opts.minNPS.ptr(), CES: opts.minCES.ptr(), CSAT: opts.minCSAT.ptr()}}
	if err := req.gates.Min.CheckRange(); err != nil {
		var re *score.RangeError
		errors.As(err, &re)
		return nil, usagef("--min-%s %v", re.Metric, err)
	}
	return req, nil
}

// scoreMaps scores every valid map whose sources can be read.
func scoreMaps(ctx context.Context, app *Factory, ld *project.Loader, maps []*project.File, opts *scoreOptions, req *scoreRequest) (*scoreOutcome, error) {
	out := &scoreOutcome{}
	notScored := func(lm *project.File, ds journey.Diagnostics) {
		out.bad = append(out.bad, ds...)
		out.sources = orMap(out.sources)
		out.sources[lm.Name] = lm.Data
	}
	for _, lm := range maps {
		if !lm.Valid() {
			notScored(lm, lm.Diags)
			continue
		}
		tallies, pdiags, err := readSources(ctx, app, ld, lm, opts, req.cols)
		var unread *unreadSource
		if errors.As(err, &unread) {
			app.skipped(project.Skip{Name: lm.Name, Err: err})
			continue
		}
		if err != nil {
			return nil, err
		}
		if len(pdiags) > 0 {
			notScored(lm, pdiags)
			continue
		}
		if opts.persona != "" && !hasPersona(lm.Map, opts.persona) {
			return nil, usagef("%s has no persona %q", lm.Name, opts.persona)
		}
		rep := score.Compute(lm.Map, score.Options{Responses: tallies, Segments: opts.segment != "", Persona: opts.persona})
		sc := &scored{lm: lm, rep: rep, by: req.by, th: req.gates.Thresholds(lm.Map), gated: req.gates.Asked()}
		if sc.gated {
			v := sc.th.Gate(rep, req.by)
			sc.misses, sc.unchecked = v.Misses, v.Unchecked
		}
		out.results = append(out.results, sc)
	}
	return out, nil
}

// printScores writes the scores on standard output in format.
func printScores(app *Factory, format string, results []*scored) error {
	switch format {
	case "json":
		return app.writeOut(func(w io.Writer) error { return scoreJSON(w, results) })
	case "csv":
		return app.writeOut(func(w io.Writer) error { return scoreCSV(w, results) })
	case "markdown":
		return app.writeOut(func(w io.Writer) error { return scoreMarkdown(w, results) })
	}
	return scoreTable(app.Out, newTheme(app.Out, app.ColorOut), renderer(app.Out, app.ColorOut), results)
}

// printScoreMessages writes the human messages on stderr: invalid maps, what
// the inputs held, notes and gates. failed is whether some map was not
// scored or missed a gate.
func printScoreMessages(app *Factory, out *scoreOutcome) (failed bool, err error) {
	eth := newTheme(app.ErrOut, app.ColorErr)
	bad := out.bad
	if len(bad) > 0 {
		bad.Sort()
		r := &report.Result{Command: "score", Diagnostics: bad, Sources: out.sources}
		if err := report.Print(app.ErrOut, report.FormatText, r, eth.report()); err != nil {
			return false, err
		}
	}
	failed = len(bad) > 0
	for _, sc := range out.results {
		printInputs(app.ErrOut, eth, sc)
		var notes journey.Diagnostics
		for _, n := range sc.rep.Notes {
			notes = append(notes, warning(sc.lm.Name, n.Line, n.Message))
		}
		if err := printDiagnostics(app, notes, map[string][]byte{sc.lm.Name: sc.lm.Data}); err != nil {
			return false, err
		}
		if printGate(app.ErrOut, eth, sc) {
			failed = true
		}
	}
	if len(bad) > 0 {
		e, _, _ := bad.Counts()
		fmt.Fprintf(app.ErrOut, "%s %d %s not scored: %s\n", eth.errorStyle.Render("✗"), countFiles(bad), plural(countFiles(bad), "map", "maps"), plural(e, "1 error", fmt.Sprintf("%d errors", e)))
	}
	return failed, nil
}

// printGate says how a map stands against the gates asked for, and reports
// whether it missed one.
func printGate(w io.Writer, eth theme, sc *scored) (missed bool) {
	if !sc.gated {
		return false
	}
	if sc.th.IsZero() {
		fmt.Fprintf(w, "%s %s: --gate: the map has no targets: to check\n", eth.warnStyle.Render("!"), output.Terminal(sc.lm.Name))
		return false
	}
	for _, m := range sc.misses {
		fmt.Fprintf(w, "%s %s: %s\n", eth.errorStyle.Render("✗"), output.Terminal(sc.lm.Name), m)
	}
	for _, m := range sc.unchecked {
		fmt.Fprintf(w, "%s %s: no %s figure to check against the gate\n", eth.warnStyle.Render("!"), output.Terminal(sc.lm.Name), m)
	}
	if len(sc.misses) > 0 {
		return true
	}
	if len(sc.unchecked) == 0 {
		fmt.Fprintf(w, "%s %s: every gate met (%s)\n", eth.okStyle.Render("✓"), output.Terminal(sc.lm.Name), gateWords(sc.th))
	}
	return false
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
