package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/graphhelper"
	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/graph"
	"github.com/journey-cx/journey/render/layout"
)

// minedViews are the views of render drawn from a mined log, besides the
// map annotated with one.
var minedViews = []string{"process", "flow", "case"}

// minedLogFlags are the flags of mine that render takes to mine a log on
// the fly: the same wiring (mineFlags), so the columns, formats and filters
// read the same.
var minedLogFlags = []string{"events", "log-format", "case", "activity", "timestamp", "channel", "resource", "device",
	"lifecycle-column", "attribute", "timestamp-format", "timezone", "lifecycle", "filter", "since", "until", "strict",
	"responses", "response-column", "window", "memory", "customer", "aggregates"}

// minedFlags are render's flags for mined journeys.
type minedFlags struct {
	mine     mineOptions // mine's log flags, bound by mineFlags
	file     string      // --mined: a JSON envelope of journey mine
	observed bool        // --observed: annotate the map with the logs its events: declare
	minEdge  int64
	topPaths int
	measure  string
	from     string
}

// bind adds the flags to render: mine's log flags, then the views' own.
func (mf *minedFlags) bind(cmd *cobra.Command) {
	donor := &cobra.Command{Use: "mine"}
	mineFlags(donor, &mf.mine)
	f := cmd.Flags()
	for _, name := range minedLogFlags {
		f.AddFlag(donor.Flags().Lookup(name))
	}
	f.StringVar(&mf.file, "mined", "", "a mined log (journey mine -f json -o mined.json) to annotate the map with or to draw --view process, flow or case from")
	f.BoolVar(&mf.observed, "observed", false, "annotate the map with what the event logs its events: declares saw (mined on the fly)")
	f.Int64Var(&mf.minEdge, "min-edge", 0, "--view process: leave out the steps taken fewer times")
	f.IntVar(&mf.topPaths, "top-paths", 0, "--view process and flow: keep only the steps of the N most frequent paths (flow: default 10)")
	f.StringVar(&mf.measure, "measure", "frequency", "--view process: what colours the steps: frequency or duration (median time)")
	f.StringVar(&mf.from, "from", "", "--view flow: start the flow at this touchpoint or activity (default: where each case starts)")
	_ = cmd.RegisterFlagCompletionFunc("measure", cobra.FixedCompletions(graph.Measures, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"auto", "csv", "jsonl", "xes", "parquet"}, cobra.ShellCompDirectiveNoFileComp))
}

// active reports whether render draws a mined log: a mined view, or the
// map with --mined or --events.
func (mf *minedFlags) active(view string) bool {
	return mf.file != "" || mf.observed || len(mf.mine.events) > 0 || mf.mine.sql.aggregates != "" || slices.Contains(minedViews, view)
}

// isMinedView reports whether view is drawn from a mined log only.
func isMinedView(view string) bool { return slices.Contains(minedViews, view) }

// minedRender is one mined render: what to draw, from what.
type minedRender struct {
	app  *Factory
	opts *renderOptions
	in   *render.Input
	obs  *layout.Observed
	job  *graph.Job // the process and case views' engine; nil until needed
	from string     // --from resolved to a node id
}

// renderMinedRun draws a mined log: the process, flow or case view, or the
// map annotated with it.
// It is long because it checks the flags, loads the map and the log, and
// writes every output in turn, each step failing with its own message.
func renderMinedRun(ctx context.Context, app *Factory, opts *renderOptions, args []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	mf := &opts.mined
	colours, err := opts.check()
	if err != nil {
		return err
	}
	switch {
	case opts.view == "graph":
		return usagef("--view graph draws the designed flow; the observed one is --view process")
	case opts.outDir != "":
		return usagef("--out-dir renders maps; a mined view is one drawing: name it with -o")
	case mf.file != "" && (len(mf.mine.events) > 0 || mf.mine.sql.aggregates != ""):
		return usagef("--mined reads a mined log, --events mines one, --aggregates mines a warehouse's: give one of them")
	case mf.minEdge < 0 || mf.topPaths < 0:
		return usagef("--min-edge and --top-paths want 0 or more")
	case !slices.Contains(graph.Measures, mf.measure):
		return usagef("unknown --measure %q (want %s)", mf.measure, strings.Join(graph.Measures, " or "))
	case opts.pages:
		return usagef("--pages cuts the map's PNG into pages; a drawing of a mined log is one image")
	case mf.from != "" && opts.view != "flow":
		return usagef("--from starts the flow: it goes with --view flow")
	case mf.observed && (mf.file != "" || len(mf.mine.events) > 0 || mf.mine.sql.aggregates != ""):
		return usagef("--observed mines the logs the map declares: leave out --mined, --events and --aggregates")
	case mf.observed && len(args) == 0:
		return usagef("--observed annotates a map with the logs its events: declares: name the map")
	case opts.view == "case" && mf.mine.customer == "":
		return usagef("--view case draws one customer's journey: name the customer with --customer ID")
	case opts.view == "map" && len(args) == 0:
		return usagef("the map annotated with a log needs the map: journey render MAP --mined mined.json -o map.pdf")
	}
	plan, err := opts.plan()
	if err != nil {
		return err
	}
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	var lm *project.File
	if len(args) > 0 {
		if lm, err = mineMap(app, ld, args); err != nil || (lm != nil && !lm.Valid()) {
			return err
		}
	}
	targets, err := minedTargets(plan, lm, opts.view)
	if err != nil {
		return err
	}
	res, err := minedResult(ctx, app, ld, lm, mf, opts.view)
	if err != nil {
		return err
	}
	if opts.view == "case" {
		if err := caseFound(res, mf); err != nil {
			return err
		}
	}
	th := newTheme(app.ErrOut, app.ColorErr)
	r := &minedRender{app: app, opts: opts, in: &render.Input{Theme: colours, Locale: opts.locale, Paper: opts.paper, Context: ctx}}
	if lm != nil {
		r.in.Map = lm.Map
		if opts.view == "map" {
			r.in = renderInput(ctx, app, th, ld, lm, colours, opts) // its scores and findings, as a plain render draws them
			r.in.Mined = res
		}
	}
	r.obs = layout.Observe(res, r.in.Map)
	if mf.from != "" {
		var ok bool
		if r.from, ok = r.obs.Resolve(mf.from); !ok {
			return usagef("--from %q is neither a touchpoint of the map nor an activity of the log", mf.from)
		}
	}
	for _, t := range targets {
		format, drawMap := t.format.name, t.format.write
		t.format.write = func(w io.Writer, in *render.Input) error {
			if opts.view == "map" {
				return drawMap(w, in)
			}
			return r.write(ctx, w, format)
		}
		if err := renderOne(ctx, app, &renderJob{in: r.in, view: opts.view}, t); err != nil {
			return fmt.Errorf("can't render the %s view as %s: %w", opts.view, format, err)
		}
		if t.path != "-" {
			fmt.Fprintf(app.ErrOut, "%s wrote %s\n", th.okStyle.Render("✓"), output.Terminal(t.path))
		}
	}
	return nil
}

// minedTargets returns the outputs: -o's, else NAME-VIEW.EXT (NAME the
// map's, or "journey" for a log alone) in --format's formats. Only SVG,
// PDF and PNG draw a mined log.
func minedTargets(plan *renderPlan, lm *project.File, view string) ([]renderTarget, error) {
	targets := plan.targets
	if targets == nil {
		base := "journey"
		if lm != nil {
			base = strings.TrimSuffix(outName(lm.Path, renderFormats[0]), ".svg")
		}
		for _, f := range plan.formats {
			targets = append(targets, renderTarget{format: f, path: filepath.Join(plan.dir, base+"-"+view+f.exts[0])})
		}
	}
	for _, t := range targets {
		if !t.format.graphs {
			return nil, usagef("a mined log is drawn as SVG, PDF or PNG, not %s", t.format.name)
		}
	}
	return targets, nil
}

// minedResult reads --mined, or mines the log (--events, else the map's
// events:) as journey mine does.
func minedResult(ctx context.Context, app *Factory, ld *project.Loader, lm *project.File, mf *minedFlags, view string) (*mine.Result, error) {
	if mf.file != "" {
		return readMined(app, ld, mf.file)
	}
	o := &mf.mine
	o.load.allowOutside = ld.AllowOutside // render's own --allow-outside-sources
	o.top = max(mine.DefaultTop, mf.topPaths, defaultFlowPaths)
	if o.sql.aggregates != "" {
		if len(o.events) > 0 || len(o.responses) > 0 || o.customer != "" {
			return nil, usagef("--aggregates is a mined log already: leave out --events, --responses and --customer")
		}
		return aggregatesResult(app, o, lm)
	}
	rq, err := mineParse(o)
	if err != nil {
		return nil, err
	}
	logs, err := mineLogs(ld, lm, o)
	if err != nil {
		return nil, err
	}
	opt := mine.Options{Top: o.top, Window: o.window, Case: o.customer, MemoryLimit: int64(o.memory), Activities: map[string]string{}}
	if lm != nil {
		opt.Map, opt.MapName, opt.Declared = lm.Map, lm.Name, len(o.events) == 0
	}
	for _, l := range logs {
		maps.Copy(opt.Activities, l.activities)
	}
	if opt.Answers, err = mineAnswers(ctx, app, ld, lm, o, rq); err != nil {
		return nil, err
	}
	m := mine.New(opt)
	defer m.Close()
	for _, l := range logs {
		if err := mineRead(ctx, app, ld, l, rq, m); err != nil {
			return nil, err
		}
	}
	return m.Result(ctx)
}

// defaultFlowPaths is how many paths the flow view follows without
// --top-paths.
const defaultFlowPaths = graph.DefaultFlowPaths

// caseFound checks that res holds the case view of --customer, and that
// the log has that customer.
func caseFound(res *mine.Result, mf *minedFlags) error {
	id := mf.mine.customer
	cv := res.Case
	switch {
	case cv == nil && mf.file != "":
		return &exitError{Code: ExitProblems, Err: fmt.Errorf("%s holds no customer's journey: mine it with --customer %s, or draw from the log with --events", mf.file, id)}
	case cv != nil && cv.ID != id:
		return &exitError{Code: ExitProblems, Err: fmt.Errorf("%s holds the journey of customer %q, not %q: mine it with --customer %s, or draw from the log with --events", mf.file, cv.ID, id, id)}
	case cv == nil || !cv.Found:
		return &exitError{Code: ExitProblems, Err: fmt.Errorf("customer %q is not in the log (no event has that case id)", id)}
	}
	return nil
}

// readMined reads a JSON envelope of journey mine.
func readMined(app *Factory, ld *project.Loader, path string) (*mine.Result, error) {
	src := ld.ArgSource(path)
	rc, _, err := openSource(app, ld, src)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var res mine.Result
	dec := json.NewDecoder(rc)
	if err := dec.Decode(&res); err != nil {
		return nil, &exitError{Code: ExitProblems, Err: fmt.Errorf("%s: not a mined log (journey mine -f json): %v", src.Name, err)}
	}
	if res.Version != mine.ResultVersion {
		return nil, &exitError{Code: ExitProblems, Err: fmt.Errorf("%s: a mined log of version %d; this journey reads version %d", src.Name, res.Version, mine.ResultVersion)}
	}
	return &res, nil
}

// write draws the view in format to w.
func (r *minedRender) write(ctx context.Context, w io.Writer, format string) error {
	mf := &r.opts.mined
	switch r.opts.view {
	case "process":
		if r.job == nil {
			eng, err := graphhelper.Find(r.app.Helpers)
			if err != nil {
				return err
			}
			r.job = graph.NewJob(eng)
		}
		return r.job.RenderProcess(ctx, r.in, r.obs, graph.ProcessOptions{MinEdge: mf.minEdge, TopPaths: mf.topPaths, Measure: mf.measure}, format, w)
	case "case":
		if r.job == nil {
			eng, err := graphhelper.Find(r.app.Helpers)
			if err != nil {
				return err
			}
			r.job = graph.NewJob(eng)
		}
		return r.job.RenderCase(ctx, r.in, r.obs, format, w)
	case "flow":
		return graph.RenderFlow(ctx, r.in, r.obs, graph.FlowOptions{TopPaths: mf.topPaths, From: r.from}, format, w)
	}
	return fmt.Errorf("the %s view is not drawn yet", r.opts.view)
}
