package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/graphhelper"
	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/internal/xlsxhelper"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	"github.com/journey-cx/journey/render/graph"
	rhtml "github.com/journey-cx/journey/render/html"
	"github.com/journey-cx/journey/render/mermaid"
)

// renderFormat is one output format of render.
type renderFormat struct {
	name   string
	exts   []string    // file extensions that select it, first = the one written
	text   bool        // may go to standard output
	write  render.Func // nil when the journey-xlsx helper writes it
	graphs bool        // --view graph draws the flow graph in this format
}

// renderFormats lists the formats in the order help shows them.
var renderFormats = []renderFormat{
	{name: "svg", exts: []string{".svg"}, text: true, write: draw.SVG, graphs: true},
	{name: "pdf", exts: []string{".pdf"}, write: draw.PDF, graphs: true},
	{name: "png", exts: []string{".png"}, write: draw.PNG, graphs: true},
	{name: "xlsx", exts: []string{".xlsx"}}, // journey-xlsx: the workbook library stays out of journey
	{name: "mermaid", exts: []string{".mmd", ".mermaid"}, text: true, write: mermaid.Write},
	{name: "dot", exts: []string{".dot", ".gv"}, text: true, write: graph.WriteDOT},
	{name: "html", exts: []string{".html", ".htm"}, text: true, write: rhtml.Write},
}

func renderFormatNames() []string {
	out := make([]string, len(renderFormats))
	for i, f := range renderFormats {
		out[i] = f.name
	}
	return out
}

func findRenderFormat(name string) (renderFormat, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range renderFormats {
		if f.name == name {
			return f, true
		}
	}
	return renderFormat{}, false
}

func formatOfPath(p string) (renderFormat, bool) {
	ext := strings.ToLower(filepath.Ext(p))
	for _, f := range renderFormats {
		for _, e := range f.exts {
			if e == ext {
				return f, true
			}
		}
	}
	return renderFormat{}, false
}

type renderOptions struct {
	load    loadFlags
	outputs []string
	formats string
	outDir  string
	theme   string
	locale  string
	paper   string
	view    string
	config  string
	pages   bool       // --pages: PNG page by page
	mined   minedFlags // --mined, --events and the mined views' flags (render_mined.go)
}

// renderLong is render's help text.
const renderLong = `
Draw journey maps for people to read: the map as SVG, PDF (A3 landscape by
default, split across pages by stage when it is wide, then a page of scores
and one of lint findings) or PNG (at twice screen density, for slides); the
touchpoints, scores and findings as an Excel workbook; the flow as a Mermaid
diagram or a Graphviz DOT graph; the map as one self-contained interactive
HTML page (details on hover, filters, scores, findings; prints as the PDF's
pages). --view graph draws the flow graph instead
of the map in SVG, PDF or PNG.

From an event log (--events LOG with mine's column flags, --mined FILE from
journey mine -f json, or --aggregates DIR), SVG, PDF and PNG draw the journey
as lived: the map annotated with it (an observed lane per touchpoint: cases,
drop-off, median time to the next step, attributed NPS/CES, deviations; each
stage's funnel; --observed mines the logs the map's events: declare),
--view process (the directly-follows graph), --view flow (a Sankey of the
top paths with each step's drop-off) and --view case --customer ID (one
customer's path beside the designed one). The process, flow and case views
need no map. See docs/mining.md.

Each -o FILE names an output; its extension picks the format (.svg, .pdf,
.png, .xlsx, .mmd, .dot, .html) unless --format says. Several -o render the map
once into all of them. -o - writes a text format (svg, mermaid, dot) to
standard output. With --out-dir, every map found under PATH is rendered in
each of --format's formats, as DIR/NAME.EXT. Without either, each map is
written as NAME.svg (or --format) in the current folder.

Labels follow the map's locale (es, en), or --locale. Scores come from the
map's metrics and its sources:, and targets colour them; the lint findings
of the nearest .journey.yaml go in the PDF and the workbook. An invalid map
is not rendered. Files are replaced atomically: a failed render leaves the
previous file as it was.

Two helper programs that ship with journey do part of the work: journey-xlsx
writes workbooks and journey-graphviz lays out --view graph. journey looks
for them beside itself, then on PATH, and runs only the helpers of its own
build (it asks their version first); the workbook or layout a helper gives
is checked before anything is written.

Exit status: 0 every map rendered, 1 some map is invalid, 2 render could not
run (a bad flag, an unreadable path, a file that could not be written, a
missing helper or one of another build).`

func newRenderCmd(app *Factory) *cobra.Command {
	opts := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render PATH... [-o FILE]... [--out-dir DIR --format LIST]",
		Short: "Draw maps as SVG, PDF, PNG, a workbook, Mermaid or Graphviz",
		Long:  strings.TrimSpace(renderLong),
		Example: examples(`
  journey render map.journey.yaml -o map.svg
  journey render map.journey.yaml -o map.pdf -o map.xlsx --paper A4
  journey render map.journey.yaml --format mermaid -o - > map.mmd
  journey render maps/ --out-dir dist --format pdf,xlsx --theme print
  journey render map.journey.yaml --view graph -o flow.svg
  journey render map.journey.yaml --observed -o observed.pdf
  journey render --events log.csv --view flow --top-paths 20 -o flow.svg
  journey render map.journey.yaml --view case --customer C1042 -o c1042.png`),
		GroupID:           "author",
		ValidArgsFunction: completeMapFiles,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !opts.mined.active(opts.view) {
				return usagef("render needs a map file or folder (try: journey render map.journey.yaml -o map.svg)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.mined.active(opts.view) {
				return renderMinedRun(cmd.Context(), app, opts, args)
			}
			return renderRun(cmd.Context(), app, opts, args)
		},
	}
	opts.load.bind(cmd.Flags())
	f := cmd.Flags()
	f.StringArrayVarP(&opts.outputs, "output", "o", nil, "output file, its format from the extension; - for standard output (repeatable)")
	f.StringVarP(&opts.formats, "format", "f", "", "output format(s), comma-separated: "+strings.Join(renderFormatNames(), ", "))
	f.StringVar(&opts.outDir, "out-dir", "", "render every map into this folder, one file per format")
	f.StringVar(&opts.theme, "theme", "default", "colours: "+strings.Join(render.ThemeNames(), " or ")+" (grayscale-safe)")
	f.StringVar(&opts.locale, "locale", "", "language of the labels: "+strings.Join(render.Locales, ", ")+" (default: the map's locale)")
	f.StringVar(&opts.paper, "paper", render.DefaultPaper, "PDF page size, landscape: "+strings.Join(render.PaperNames(), ", "))
	f.BoolVar(&opts.pages, "pages", false, "PNG: one image per page of --paper, as the PDF cuts the map (NAME-1.png, NAME-2.png…)")
	f.StringVar(&opts.view, "view", "map", "what SVG, PDF and PNG draw: map (lanes by stage), graph (the flow), or from a mined log process, flow or case")
	f.StringVar(&opts.config, "config", "", "project config file for lint findings (default: the nearest .journey.yaml above each map)")
	fixed := func(vals []string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp)
	}
	_ = cmd.RegisterFlagCompletionFunc("format", fixed(renderFormatNames()))
	_ = cmd.RegisterFlagCompletionFunc("theme", fixed(render.ThemeNames()))
	_ = cmd.RegisterFlagCompletionFunc("locale", fixed(render.Locales))
	_ = cmd.RegisterFlagCompletionFunc("paper", fixed(render.PaperNames()))
	_ = cmd.RegisterFlagCompletionFunc("view", fixed(append([]string{"map", "graph"}, minedViews...)))
	opts.mined.bind(cmd)
	_ = cmd.RegisterFlagCompletionFunc("out-dir", cobra.FixedCompletions(nil, cobra.ShellCompDirectiveFilterDirs))
	return cmd
}

// renderTarget is one output of one map.
type renderTarget struct {
	format renderFormat
	path   string // "-" = standard output
}

// renderPlan is what to write for each map, decided before any map is read.
type renderPlan struct {
	targets []renderTarget // -o outputs: one map only
	formats []renderFormat // --out-dir or default: per map
	dir     string
}

// writes reports whether the plan writes format.
func (p *renderPlan) writes(format string) bool {
	for _, t := range p.targets {
		if t.format.name == format {
			return true
		}
	}
	for _, f := range p.formats {
		if f.name == format {
			return true
		}
	}
	return false
}

func (opts *renderOptions) plan() (*renderPlan, error) {
	var formats []renderFormat
	if strings.TrimSpace(opts.formats) != "" {
		seen := map[string]bool{}
		for _, name := range strings.Split(opts.formats, ",") {
			f, ok := findRenderFormat(name)
			if !ok {
				return nil, usagef("unknown format %q (want %s)", strings.TrimSpace(name), strings.Join(renderFormatNames(), ", "))
			}
			if !seen[f.name] {
				seen[f.name] = true
				formats = append(formats, f)
			}
		}
	}
	p := &renderPlan{}
	if len(opts.outputs) > 0 {
		if opts.outDir != "" {
			return nil, usagef("-o and --out-dir don't go together: -o names files, --out-dir a folder for every map")
		}
		stdout := 0
		seen := map[string]bool{}
		for _, o := range opts.outputs {
			t := renderTarget{path: o}
			byExt, extOK := formatOfPath(o)
			switch {
			case len(formats) > 0 && extOK && !slices.ContainsFunc(formats, func(f renderFormat) bool { return f.name == byExt.name }):
				// A .pdf holding SVG opens nowhere: refuse rather than guess.
				return nil, usagef("-o %s is named as %s but --format asks for %s: rename the file, or leave out --format", o, byExt.name, opts.formats)
			case len(formats) == 1:
				t.format = formats[0]
			case len(formats) > 1:
				if !extOK {
					return nil, usagef("can't tell the format of %q among --format %s: give it a known extension", o, opts.formats)
				}
				t.format = byExt
			case o == "-":
				t.format, _ = findRenderFormat("svg")
			case extOK:
				t.format = byExt
			default:
				return nil, usagef("can't tell the format of %q from its extension; add --format (%s)", o, strings.Join(renderFormatNames(), ", "))
			}
			if o == "-" {
				stdout++
				if !t.format.text {
					return nil, usagef("%s is binary and can't go to standard output; give a file with -o", t.format.name)
				}
			} else {
				if clean := filepath.Clean(o); seen[clean] {
					return nil, usagef("-o %s is given twice", o)
				} else {
					seen[clean] = true
				}
			}
			p.targets = append(p.targets, t)
		}
		if stdout > 1 {
			return nil, usagef("-o - is given more than once: only one output can go to standard output")
		}
		return p, nil
	}
	if len(formats) == 0 {
		formats = []renderFormat{renderFormats[0]}
	}
	p.formats, p.dir = formats, opts.outDir
	if p.dir == "" {
		p.dir = "."
	}
	return p, nil
}

// needsXLSX reports whether some output is written by the journey-xlsx helper.
func (p *renderPlan) needsXLSX() bool {
	for _, t := range p.targets {
		if t.format.write == nil {
			return true
		}
	}
	for _, f := range p.formats {
		if f.write == nil {
			return true
		}
	}
	return false
}

// outName is the file name of a map's render: the map file's name without
// .journey.yaml (or .yaml), with the format's extension.
func outName(mapPath string, f renderFormat) string {
	base := filepath.Base(mapPath)
	if mapPath == "-" {
		base = "stdin"
	}
	for _, suf := range []string{".journey.yaml", ".journey.yml", ".yaml", ".yml"} {
		if strings.HasSuffix(strings.ToLower(base), suf) {
			base = base[:len(base)-len(suf)]
			break
		}
	}
	return base + f.exts[0]
}

func renderRun(ctx context.Context, app *Factory, opts *renderOptions, paths []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	plan, err := opts.plan()
	if err != nil {
		return err
	}
	colours, err := opts.check()
	if err != nil {
		return err
	}
	if opts.pages && opts.view != "map" {
		return usagef("--pages cuts the map's PNG into pages; --view %s is one image", opts.view)
	}
	if opts.pages && !plan.writes("png") {
		return usagef("--pages cuts PNG output into pages, and no PNG is written: add -o NAME.png or --format png")
	}
	// A missing helper stops render before anything is written.
	var xh *xlsxhelper.Helper
	if plan.needsXLSX() {
		if xh, err = xlsxHelper(app); err != nil {
			return err
		}
	}
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	files, err := discoverMaps(ld, paths)
	if err != nil {
		return err
	}
	if len(plan.targets) > 0 && len(files) > 1 {
		// -o names files for one map: say so before anything is written.
		return usagef("-o renders one map, and %s holds %d; use --out-dir DIR --format LIST", strings.Join(paths, " "), len(files))
	}
	targetsOf, err := plan.outputs(ld, files)
	if err != nil {
		return err
	}
	if err := refuseInputs(app, ld, files, targetsOf); err != nil {
		return err
	}
	if plan.dir != "" && plan.dir != "." {
		if err := app.MkdirAll(plan.dir); err != nil {
			return err
		}
	}
	w := &renderWork{app: app, opts: opts, ld: ld, th: newTheme(app.ErrOut, app.ColorErr), colours: colours,
		xh: xh, targetsOf: targetsOf, invalid: resultOf("render")}
	if err := ld.Each(files, nil, func(lm *project.File) error { return w.renderMap(ctx, lm) }); err != nil {
		return err
	}
	return w.reportInvalid()
}

// check checks the flags the plan does not use, and returns the colours
// of --theme.
func (opts *renderOptions) check() (render.Theme, error) {
	colours, err := render.ParseTheme(opts.theme)
	if err != nil {
		return colours, usagef("%w", err)
	}
	if _, err := render.ParsePaper(opts.paper); err != nil {
		return colours, usagef("%w", err)
	}
	if opts.locale != "" && !render.HasLocale(opts.locale) {
		return colours, usagef("no labels for locale %q (have %s)", opts.locale, strings.Join(render.Locales, ", "))
	}
	if opts.view != "map" && opts.view != "graph" && !isMinedView(opts.view) {
		return colours, usagef("unknown view %q (want map, graph, process, flow or case)", opts.view)
	}
	return colours, nil
}

// outputs returns the outputs of each map, by its path. Every output is
// planned before anything is written: two maps that would write the same
// file stop the render before the first write.
func (p *renderPlan) outputs(ld *project.Loader, files []string) (map[string][]renderTarget, error) {
	targetsOf := map[string][]renderTarget{}
	written := map[string]string{} // output path -> map that writes it
	for _, f := range files {
		targets := p.targets
		if targets == nil {
			for _, format := range p.formats {
				targets = append(targets, renderTarget{format: format, path: filepath.Join(p.dir, outName(f, format))})
			}
		}
		for _, t := range targets {
			if t.path == "-" {
				continue
			}
			if prev, ok := written[filepath.Clean(t.path)]; ok {
				return nil, usagef("%s and %s would both be written to %s; rename one of the maps", prev, ld.Name(f), t.path)
			}
			written[filepath.Clean(t.path)] = ld.Name(f)
		}
		targetsOf[f] = targets
	}
	return targetsOf, nil
}

// renderWork is a planned render: what to write for each map, and with
// what.
type renderWork struct {
	app       *Factory
	opts      *renderOptions
	ld        *project.Loader
	th        theme
	colours   render.Theme
	xh        *xlsxhelper.Helper        // nil when no output is a workbook
	targetsOf map[string][]renderTarget // by map path
	invalid   *report.Result            // the maps not rendered, with their errors
}

// renderMap writes every output of one loaded map, or records it as
// invalid.
func (w *renderWork) renderMap(ctx context.Context, lm *project.File) error {
	if err := ctx.Err(); err != nil {
		return err // loading a big map takes a while: stop before linting it
	}
	if !lm.Valid() {
		add(w.invalid, lm, lm.Diags)
		return nil
	}
	app := w.app
	in := renderInput(ctx, app, w.th, w.ld, lm, w.colours, w.opts)
	if err := ctx.Err(); err != nil {
		return err
	}
	job := &renderJob{in: in, view: w.opts.view, xlsx: w.xh}
	if w.xh != nil {
		job.src = xlsxhelper.MapSource{File: lm.Name, Source: string(lm.Data), Models: lm.Config.Models()}
	}
	for _, t := range w.targetsOf[lm.Path] {
		if err := refuseInput(app, w.ld, t, nil); err != nil {
			return err // a survey or log this map read
		}
		if w.pagedPNG(t) {
			if err := w.writePNGPages(ctx, lm, in, t); err != nil {
				return err
			}
			continue
		}
		w.warnCoarsePNG(lm, in, t)
		if err := renderOne(ctx, app, job, t); err != nil {
			return fmt.Errorf("%s: can't render %s: %w", lm.Name, t.format.name, err)
		}
		if t.format.name == "mermaid" {
			// What the diagram cannot hold as the map does.
			for _, msg := range mermaid.Check(in.Map) {
				fmt.Fprintf(app.ErrOut, "%s %s: mermaid: %s\n", w.th.warnStyle.Render("!"), output.Terminal(lm.Name), output.Terminal(msg))
			}
		}
		if t.path != "-" {
			fmt.Fprintf(app.ErrOut, "%s wrote %s\n", w.th.okStyle.Render("✓"), output.Terminal(t.path))
		}
	}
	return nil
}

// reportInvalid lists the errors of the maps that were not rendered, and
// then fails (exit 1); it does nothing when every map was valid.
func (w *renderWork) reportInvalid() error {
	bad := w.invalid
	if len(bad.Diagnostics) == 0 {
		return nil
	}
	bad.Diagnostics.Sort()
	if err := report.Print(w.app.ErrOut, report.FormatText, bad, w.th.report()); err != nil {
		return err
	}
	printSummary(w.app.ErrOut, w.th, bad)
	return problems()
}

// renderInput builds what every format draws of a valid map: the map, its
// scores (with the answers of its sources:), the lint findings of its
// config, and the colours, labels and paper asked for. A source that can't
// be read is a warning: the scores then come from the map's metrics.
func renderInput(ctx context.Context, app *Factory, th theme, ld *project.Loader, lm *project.File, colours render.Theme, opts *renderOptions) *render.Input {
	in := &render.Input{Map: lm.Map, Theme: colours, Locale: opts.locale, Paper: opts.paper, Context: ctx}
	in.Findings = lm.Config.Linter.Lint(lm.Map, lm.Data)
	in.Findings.Sort()
	tallies, sdiags, err := readSources(ctx, app, ld, lm, &scoreOptions{}, nil)
	switch {
	case err != nil:
		fmt.Fprintf(app.ErrOut, "%s %s: scores from the map's metrics only: %v\n", th.warnStyle.Render("!"), lm.Name, err)
	case len(sdiags) > 0:
		for i := range sdiags {
			sdiags[i].Severity = journey.SeverityWarning
			sdiags[i].Message += " (scores from the map's metrics only)"
		}
		_ = printDiagnostics(app, sdiags, map[string][]byte{lm.Name: lm.Data})
	case len(tallies) > 0:
		in.Scores = score.Compute(lm.Map, score.Options{Responses: tallies})
	}
	return in
}

// renderJob is what the outputs of one map are rendered from.
type renderJob struct {
	in   *render.Input
	view string
	src  xlsxhelper.MapSource // the map as journey-xlsx gets it
	xlsx *xlsxhelper.Helper   // nil when no output needs it
	flow *graph.Job           // the graph view, laid out once for all its formats; nil until the first
}

// renderOne writes one output: to standard output, or atomically to a file.
func renderOne(ctx context.Context, app *Factory, job *renderJob, t renderTarget) error {
	in, write := job.in, t.format.write
	switch {
	case job.view == "graph" && t.format.graphs:
		format := t.format.name
		write = func(w io.Writer, in *render.Input) error {
			if job.flow == nil {
				eng, err := graphhelper.Find(app.Helpers)
				if err != nil {
					return err
				}
				job.flow = graph.NewJob(eng)
			}
			return job.flow.Render(ctx, in, format, w)
		}
	case write == nil:
		// The workbook: journey-xlsx writes it from what journey built.
		write = func(w io.Writer, in *render.Input) error {
			return helperError(job.xlsx.Write(ctx, xlsxhelper.NewWriteRequest(in, job.src), w))
		}
	}
	if t.path == "-" {
		bw := bufio.NewWriter(app.Out)
		if err := write(bw, in); err != nil {
			return err
		}
		return bw.Flush()
	}
	return app.WriteAtomic(ctx, t.path, func(w io.Writer) error { return write(w, in) })
}

// writeAtomic writes a file through a temporary file in the same folder,
// synced then renamed over path: readers see the old file or the new one,
// never a part. On any error, or when ctx is cancelled (Ctrl-C, SIGTERM)
// before the rename, the temporary file is removed and path is left as it
// was. A symbolic link keeps pointing at the file it names. A relative
// path is the process's; commands write through Factory.WriteAtomic.
func writeAtomic(ctx context.Context, path string, fill func(io.Writer) error) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return replaceFile(ctx, path, path, nil, fill)
}

// writeInPlace streams fill into a special file opened for writing,
// stopping at the next write once ctx is cancelled.
func writeInPlace(ctx context.Context, path, name string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("can't write %s: %w", name, unwrapPathError(err))
	}
	bw := bufio.NewWriterSize(cancelWriter{ctx, f}, 256<<10)
	err = fill(bw)
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("can't write %s: %w", name, ferr)
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("can't write %s: %w", name, cerr)
	}
	return err
}

// replaceFile is writeAtomic once symbolic links are resolved: it writes
// path, and its errors name the file name. The temporary file is in temps
// (when not nil) while it exists, for Main to remove if the process must
// end before the write does.
func replaceFile(ctx context.Context, path, name string, temps *tempSet, fill func(io.Writer) error) (err error) {
	if st, serr := os.Stat(path); serr == nil && !st.Mode().IsRegular() {
		// A device, a FIFO or a socket (/dev/null, /dev/stdout, a pipe) is
		// written in place, streaming: renaming over it would replace it.
		if st.IsDir() {
			return fmt.Errorf("can't write %s: it is a folder", name)
		}
		return writeInPlace(ctx, path, name, fill)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, tempPattern(base))
	if err != nil {
		return fmt.Errorf("can't write %s: %w", name, unwrapPathError(err))
	}
	done := temps.add(tmp.Name())
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		done()
	}()
	bw := bufio.NewWriterSize(cancelWriter{ctx, tmp}, 256<<10)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("can't write %s: %w", name, err)
	}
	mode := os.FileMode(0o644)
	if st, serr := os.Stat(path); serr == nil {
		mode = st.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("can't write %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("can't write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("can't write %s: %w", name, err)
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("can't write %s: %w", name, unwrapPathError(err))
	}
	return nil
}
