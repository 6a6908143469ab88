package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --timezone works where the system has no zone database (Windows, scratch images)

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/eventlog"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/journey/project"
)

// mineFormats are the output formats of mine, in display order.
var mineFormats = []string{"table", "json", "csv", "markdown", "sarif", "github"}

type mineOptions struct {
	load         loadFlags
	config       string
	events       []string
	logFormat    string
	cols         eventlog.Columns
	tsFormat     string
	timezone     string
	lifecycle    string
	filters      []string
	since, until string
	strict       bool
	format       string
	out          string
	top          int
	customer     string
	responses    []string
	respCols     []string
	window       time.Duration
	failOn       string
	memory       sizeFlag
	sql          mineSQLFlags
}

func newMineCmd(app *Factory, build BuildInfo) *cobra.Command {
	opts := &mineOptions{}
	cmd := &cobra.Command{
		Use:   "mine [MAP] [--events LOG...]",
		Short: "Mine event logs: the journey customers actually take, held against the map",
		Long: strings.TrimSpace(`
Mine event logs (customer id, activity, time: web and app analytics, CRM,
ticketing and call-centre exports) for the journey customers actually take:
the log's summary, its variants (distinct paths), the directly-follows graph
with the time between steps, rework and loops, the channel, device and owner
switches after which customers drop off, and the touchpoints every journey
depends on (PageRank and betweenness).

With a MAP, activities are tied to its touchpoints (by id, by name, or through
the map's events.activities) and the log is held against the design: the
funnel by stage, the share of cases and moves that follow the designed flow,
the deviations, the designed touchpoints and edges nobody used, the stages
customers skip, and the activities the map has no touchpoint for. The worst of
these are findings at the map's lines (--format sarif or github for CI).

Logs: --events LOG (repeatable), else the map's events:. CSV and TSV (any
delimiter, BOM, CRLF, quotes), JSON Lines, XES (IEEE 1849) and Parquet; .gz
for compressed CSV, JSON Lines and XES; - for standard input. Events need not
be sorted: each case is ordered by timestamp, ties kept in file order.

With --responses (or the map's sources: with a customer column), each survey
answer is attributed to the customer's last event at or before it, within
--window, unless it names its touchpoint, and NPS, CES and CSAT are given per
touchpoint. docs/mining.md explains every figure.

Exit status: 0 mined (and no finding at or above --fail-on), 1 bad input (an
invalid map, a log that cannot be parsed, a finding at the --fail-on level),
2 mine could not run (a missing file, a column that is not in the log).`),
		Example: examples(`
  journey mine examples/seguro-hogar.journey.yaml
  journey mine --events eventos.csv.gz --case cliente_id --activity evento --timestamp fecha
  journey mine mapa.journey.yaml --format json -o mined.json
  journey mine mapa.journey.yaml --customer C100042        # one customer's journey
  journey mine mapa.journey.yaml --responses encuesta.csv  # feedback where it was given
  journey mine mapa.journey.yaml --format sarif > mine.sarif`),
		GroupID: "check",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return mineRun(cmd.Context(), app, opts, args, build)
		},
	}
	mineFlags(cmd, opts)
	return cmd
}

func mineFlags(cmd *cobra.Command, opts *mineOptions) {
	f := cmd.Flags()
	opts.load.bind(f)
	f.StringVar(&opts.config, "config", "", "project config file (default: the nearest .journey.yaml above the map)")
	f.StringArrayVar(&opts.events, "events", nil, "event log to mine, instead of the map's events: (repeatable; - for standard input)")
	f.StringVar(&opts.logFormat, "log-format", "auto", "format of the logs: auto, csv, jsonl, xes or parquet")
	f.StringVar(&opts.cols.Case, "case", "", "column of the case (customer) id")
	f.StringVar(&opts.cols.Activity, "activity", "", "column of the activity")
	f.StringVar(&opts.cols.Timestamp, "timestamp", "", "column of the timestamp")
	f.StringVar(&opts.cols.Channel, "channel", "", "column of the channel")
	f.StringVar(&opts.cols.Resource, "resource", "", "column of the resource: who handled it (person, team, department)")
	f.StringVar(&opts.cols.Device, "device", "", "column of the device")
	f.StringVar(&opts.cols.Lifecycle, "lifecycle-column", "", "column of the lifecycle transition")
	f.StringArrayVar(&opts.cols.Attrs, "attribute", nil, "further column to keep and filter on (repeatable)")
	f.StringVar(&opts.tsFormat, "timestamp-format", "", "timestamp layout when not ISO 8601, YYYY/MM/DD HH:MM:SS or Unix: a Go layout or %Y-%m-%d %H:%M")
	f.StringVar(&opts.timezone, "timezone", "", "time zone of timestamps without an offset, e.g. Europe/Madrid (default UTC)")
	f.StringVar(&opts.lifecycle, "lifecycle", "complete", "events to keep by lifecycle transition: complete (and none) or all")
	f.StringArrayVar(&opts.filters, "filter", nil, "keep events where FIELD=VALUE: activity, channel, resource, device or an --attribute (repeatable: different fields must all match, one field repeated matches any)")
	f.StringVar(&opts.since, "since", "", "keep events at or after this time (2026-01-31 or 2026-01-31T10:00:00Z)")
	f.StringVar(&opts.until, "until", "", "keep events before this time (a day means up to its end)")
	f.BoolVar(&opts.strict, "strict", false, "any bad row (an unreadable timestamp, a missing id) is an error")
	f.StringVarP(&opts.format, "format", "f", "table", "output format: "+strings.Join(mineFormats, ", "))
	f.StringVarP(&opts.out, "output", "o", "", "write the output to this file instead of standard output")
	f.IntVar(&opts.top, "top", mine.DefaultTop, "variants listed before the rest")
	f.StringVar(&opts.customer, "customer", "", "show this case (customer) event by event, with its deviations")
	f.StringArrayVar(&opts.responses, "responses", nil, "survey export with a customer id column, for feedback at the point of the journey (repeatable)")
	f.StringArrayVar(&opts.respCols, "response-column", nil, "survey column for a key: KEY=HEADER, KEY one of customer, date, touchpoint, nps, ces, csat (repeatable)")
	f.DurationVar(&opts.window, "window", mine.DefaultWindow, "longest time from an event to the answer attributed to it")
	f.StringVar(&opts.failOn, "fail-on", "none", "lowest severity of a conformance finding that makes mine exit 1: error, warning, info or none")
	opts.sql.bind(cmd, f)
	opts.memory = sizeFlag(mine.DefaultMemoryLimit)
	f.Var(&opts.memory, "memory", "case data kept in memory before spilling to temporary files")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(mineFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"auto", "csv", "jsonl", "xes", "parquet"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("lifecycle", cobra.FixedCompletions([]string{"complete", "all"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", completeWords([]string{"error", "warning", "info", "none"}))
}

// mineRequest is what mineRun checked from the flags.
type mineRequest struct {
	format   string
	read     eventlog.Options
	filter   eventFilter
	failOn   journey.Severity
	respCols mine.AnswerColumns
}

func mineParse(opts *mineOptions) (*mineRequest, error) {
	rq := &mineRequest{format: strings.ToLower(strings.TrimSpace(opts.format))}
	if !slices.Contains(mineFormats, rq.format) {
		return nil, usagef("unknown format %q for mine (want %s)", opts.format, strings.Join(mineFormats, ", "))
	}
	var err error
	if rq.read.Format, err = eventlog.ParseFormat(opts.logFormat); err != nil {
		return nil, usagef("--log-format: %w", err)
	}
	if opts.lifecycle != "complete" && opts.lifecycle != "all" {
		return nil, usagef("--lifecycle wants complete or all, got %q", opts.lifecycle)
	}
	rq.read.Lifecycle, rq.read.Strict, rq.read.TimestampFormat = opts.lifecycle, opts.strict, opts.tsFormat
	if opts.timezone != "" {
		if rq.read.Location, err = time.LoadLocation(opts.timezone); err != nil {
			return nil, usagef("--timezone: unknown time zone %q (want an IANA name such as Europe/Madrid or America/Bogota)", opts.timezone)
		}
	}
	if rq.read.Since, err = parseBound("since", opts.since, rq.read.Location, false); err != nil {
		return nil, err
	}
	if rq.read.Until, err = parseBound("until", opts.until, rq.read.Location, true); err != nil {
		return nil, err
	}
	if rq.read.Since != 0 && rq.read.Until != 0 && rq.read.Since >= rq.read.Until {
		return nil, usagef("--since %s is not before --until %s", opts.since, opts.until)
	}
	if rq.filter, err = parseFilters(opts.filters, opts.cols.Attrs); err != nil {
		return nil, err
	}
	if rq.failOn, err = journey.ParseSeverity(opts.failOn); err != nil {
		return nil, usagef("invalid --fail-on: %w", err)
	}
	if rq.respCols, err = parseAnswerColumns(opts.respCols); err != nil {
		return nil, err
	}
	if opts.top < 1 {
		return nil, usagef("--top wants at least 1, got %d", opts.top)
	}
	if opts.window <= 0 {
		return nil, usagef("--window wants a positive duration such as 168h, got %s", opts.window)
	}
	return rq, nil
}

// parseBound reads --since or --until: a day or a time, in loc when it has
// no offset. A day as --until means up to the end of that day.
func parseBound(flag, v string, loc *time.Location, end bool) (int64, error) {
	if v == "" {
		return 0, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.ParseInLocation(time.DateOnly, v, loc); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t.UnixNano(), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t.UnixNano(), nil
		}
	}
	return 0, usagef("--%s wants a day like 2026-01-31 or a time like 2026-01-31T10:00:00Z, got %q", flag, v)
}

func parseAnswerColumns(specs []string) (mine.AnswerColumns, error) {
	var c mine.AnswerColumns
	fields := map[string]*string{"customer": &c.Customer, "date": &c.Date, "touchpoint": &c.Touchpoint, "nps": &c.NPS, "ces": &c.CES, "csat": &c.CSAT}
	for _, s := range specs {
		k, h, ok := strings.Cut(s, "=")
		p := fields[strings.TrimSpace(k)]
		if !ok || p == nil || strings.TrimSpace(h) == "" {
			return c, usagef("--response-column wants KEY=HEADER with KEY one of customer, date, touchpoint, nps, ces, csat, got %q", s)
		}
		*p = strings.TrimSpace(h)
	}
	return c, nil
}

func mineRun(ctx context.Context, app *Factory, opts *mineOptions, args []string, build BuildInfo) error {
	if ctx == nil {
		ctx = context.Background()
	}
	rq, err := mineParse(opts)
	if err != nil {
		return err
	}
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	mf, err := mineMap(app, ld, args)
	if err != nil || (mf != nil && !mf.Valid()) {
		return err
	}
	if opts.sql.active() {
		return mineSQL(ctx, app, opts, rq, mf, build)
	}
	logs, err := mineLogs(ld, mf, opts)
	if err != nil {
		return err
	}
	mo := mine.Options{Top: opts.top, Window: opts.window, Case: opts.customer, MemoryLimit: int64(opts.memory), Activities: map[string]string{}}
	if mf != nil {
		mo.Map, mo.MapName, mo.Declared = mf.Map, mf.Name, len(opts.events) == 0
	}
	for _, l := range logs {
		for k, v := range l.activities {
			mo.Activities[k] = v
		}
	}
	if mo.Answers, err = mineAnswers(ctx, app, ld, mf, opts, rq); err != nil {
		return err
	}
	m := mine.New(mo)
	defer m.Close()
	for _, l := range logs {
		if err := mineRead(ctx, app, ld, l, rq, m); err != nil {
			return err
		}
	}
	res, err := m.Result(ctx)
	if err != nil {
		return err
	}
	return mineReport(app, opts, rq, mf, res, build)
}

// mineMap loads the map argument, when there is one: exactly one valid
// map. An invalid map is reported (exit 1) and comes back invalid.
func mineMap(app *Factory, ld *project.Loader, args []string) (*project.File, error) {
	if len(args) == 0 {
		return nil, nil
	}
	files, err := ld.Load(args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(files) == 0:
		return nil, usagef("no map in %s: mine takes one map file", args[0])
	case len(files) > 1:
		return nil, usagef("mine takes one map, and %s holds %d", args[0], len(files))
	}
	f := files[0]
	if !f.Valid() {
		if err := printDiagnostics(app, f.Diags, map[string][]byte{f.Name: f.Data}); err != nil {
			return nil, err
		}
		return f, problems()
	}
	return f, nil
}

// mineLog is one event log to read, with its column mapping.
type mineLog struct {
	src        project.Source
	cols       eventlog.Columns
	tsFormat   string
	loc        *time.Location
	format     eventlog.Format
	activities map[string]string
}

// mineLogs decides which logs to read: --events, else the map's events:.
// Flags override what the declaration says.
func mineLogs(ld *project.Loader, mf *project.File, opts *mineOptions) ([]mineLog, error) {
	var out []mineLog
	if len(opts.events) > 0 {
		for _, p := range opts.events {
			out = append(out, mineLog{src: ld.ArgSource(p)})
		}
	} else if mf != nil {
		for _, e := range mf.Map.Events {
			src, ok := ld.DeclaredSource(mf, e.Path, opts.load.allowOutside)
			if !ok {
				pos := e.At("path")
				return nil, usagef("%s:%d:%d: event log %q is outside the map's folder; mining it needs --allow-outside-sources", mf.Name, pos.Line, pos.Column, e.Path)
			}
			l := mineLog{src: src, tsFormat: e.TimestampFormat, activities: e.Activities}
			l.cols = declaredColumns(e)
			if e.Format != "" {
				l.format, _ = eventlog.ParseFormat(e.Format)
			}
			if e.Timezone != "" {
				loc, err := time.LoadLocation(e.Timezone)
				if err != nil {
					pos := e.At("timezone")
					return nil, usagef("%s:%d:%d: unknown time zone %q", mf.Name, pos.Line, pos.Column, e.Timezone)
				}
				l.loc = loc
			}
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		if mf != nil {
			return nil, usagef("%s declares no events: give the log with --events LOG, or add an events: entry to the map (docs/mining.md)", mf.Name)
		}
		return nil, usagef("mine needs an event log: journey mine [MAP] --events LOG")
	}
	stdin := 0
	for i := range out {
		out[i].cols = overrideColumns(out[i].cols, opts.cols)
		if out[i].src.Path == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, usagef("only one --events can be standard input")
	}
	return out, nil
}

// declaredColumns is the column mapping an events: entry declares.
func declaredColumns(e journey.EventLog) eventlog.Columns {
	return eventlog.Columns{Case: e.Columns["case"], Activity: e.Columns["activity"], Timestamp: e.Columns["timestamp"],
		Channel: e.Columns["channel"], Resource: e.Columns["resource"], Device: e.Columns["device"], Lifecycle: e.Columns["lifecycle"], Attrs: e.Attributes}
}

// overrideColumns lays the column flags over a log's declared mapping.
func overrideColumns(c, flags eventlog.Columns) eventlog.Columns {
	for _, p := range []struct {
		dst *string
		src string
	}{
		{&c.Case, flags.Case}, {&c.Activity, flags.Activity}, {&c.Timestamp, flags.Timestamp}, {&c.Channel, flags.Channel},
		{&c.Resource, flags.Resource}, {&c.Device, flags.Device}, {&c.Lifecycle, flags.Lifecycle},
	} {
		if p.src != "" {
			*p.dst = p.src
		}
	}
	if len(flags.Attrs) > 0 {
		c.Attrs = flags.Attrs
	}
	return c
}

// openSource opens a log or survey (standard input for "-"), and its size
// when it is a file.
func openSource(app *Factory, ld *project.Loader, src project.Source) (io.ReadCloser, int64, error) {
	if src.Path == "-" && src.Root == "" {
		return io.NopCloser(app.In), 0, nil
	}
	f, err := ld.Open(src)
	if err != nil {
		return nil, 0, err
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return f, size, nil
}

// mineRead reads one log into the miner, with a progress bar on a
// terminal, and says on stderr what it read and what it left out.
func mineRead(ctx context.Context, app *Factory, ld *project.Loader, l mineLog, rq *mineRequest, m *mine.Miner) error {
	rc, size, err := openSource(app, ld, l.src)
	if err != nil {
		return err
	}
	defer rc.Close()
	opt := rq.read
	opt.Columns, opt.TimestampFormat = l.cols, firstOf(rq.read.TimestampFormat, l.tsFormat)
	if l.format != eventlog.FormatAuto && opt.Format == eventlog.FormatAuto {
		opt.Format = l.format
	}
	if opt.Location == nil {
		opt.Location = l.loc
	}
	var r io.Reader = rc
	if f, ok := rc.(*os.File); ok && isParquet(l.src.Name, opt.Format) {
		r = f // Parquet reads by offset: hand over the file itself
	} else if app.TermErr && size > 50<<20 {
		bar := &progress{w: app.ErrOut, name: l.src.Name, total: size}
		r = &progressReader{r: rc, fn: bar.update}
		defer bar.done()
	}
	buf := make([]mine.Event, 0, 4096)
	var filtered int64
	st, err := eventlog.Read(ctx, l.src.Name, r, opt, func(evs []eventlog.Event) error {
		buf = buf[:0]
		for i := range evs {
			if !rq.filter.keep(&evs[i]) {
				filtered++
			} else {
				e := &evs[i]
				buf = append(buf, mine.Event{Case: e.Case, Activity: e.Activity, Time: e.Time, Channel: e.Channel,
					Resource: e.Resource, Device: e.Device, Attrs: e.Attrs, Row: e.Row})
			}
		}
		m.Add(buf)
		return nil
	})
	if err != nil {
		return eventlogError(err)
	}
	return printReadStats(app, l.src.Name, st, filtered)
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func isParquet(name string, f eventlog.Format) bool {
	return f == eventlog.FormatParquet || f == eventlog.FormatAuto && strings.HasSuffix(strings.ToLower(name), ".parquet")
}

// eventlogError turns a reading error into the command's: a column or
// option problem could not run (exit 2), bad data is bad input (exit 1).
func eventlogError(err error) error {
	if eventlog.IsUsage(err) {
		return &exitError{Code: ExitFailure, Err: err}
	}
	if _, ok := err.(*eventlog.Error); ok {
		return &exitError{Code: ExitProblems, Err: err}
	}
	return err
}

// logWarning is a warning of the event log reader as a diagnostic: the
// reader writes "FILE:LINE: message" or "FILE: message", and the
// diagnostic names the file and line once.
func logWarning(name, w string) journey.Diagnostic {
	rest, ok := strings.CutPrefix(w, name+":")
	if !ok {
		return warning(name, 0, w)
	}
	if n, msg, ok := strings.Cut(rest, ": "); ok {
		if line, err := strconv.Atoi(n); err == nil {
			return warning(name, line, msg)
		}
	}
	return warning(name, 0, strings.TrimSpace(rest))
}

// printReadStats says on stderr what a log held and what was left out.
// filtered counts the events --filter left out.
func printReadStats(app *Factory, name string, st *eventlog.Stats, filtered int64) error {
	th := newTheme(app.ErrOut, app.ColorErr)
	var diags journey.Diagnostics
	for _, w := range st.Warnings {
		diags = append(diags, logWarning(name, w))
	}
	for _, b := range st.Bad {
		diags = append(diags, warning(name, int(b.Row), fmt.Sprintf("row left out: %s %q: %s", b.Column, b.Value, b.Reason)))
	}
	if err := printDiagnostics(app, diags, nil); err != nil {
		return err
	}
	msg := fmt.Sprintf("read %s (%s): %s", name, strings.ToUpper(st.Format.String()), plural(int(st.Events-filtered), "1 event", num(st.Events-filtered)+" events"))
	if st.Skipped > 0 {
		msg += fmt.Sprintf(", %s left out by --lifecycle, --since or --until", num(st.Skipped))
	}
	if filtered > 0 {
		msg += fmt.Sprintf(", %s left out by --filter", num(filtered))
	}
	if st.BadCount > 0 {
		msg += fmt.Sprintf(", %s left out (bad values; --strict makes them an error)", count(st.BadCount, "bad row", "bad rows"))
	}
	fmt.Fprintln(app.ErrOut, th.okStyle.Render("✓")+" "+output.Terminal(msg))
	return nil
}

// progressReader reports the bytes read so far.
type progressReader struct {
	r    io.Reader
	n    int64
	fn   func(int64)
	last int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.n-p.last > 1<<20 || err != nil {
		p.fn(p.n)
		p.last = p.n
	}
	return n, err
}

// mineAnswers reads the survey answers to attribute: --responses, else the
// map's sources: that name a customer column.
func mineAnswers(ctx context.Context, app *Factory, ld *project.Loader, mf *project.File, opts *mineOptions, rq *mineRequest) ([]mine.Answer, error) {
	type input struct {
		src  project.Source
		cols mine.AnswerColumns
	}
	var ins []input
	for _, p := range opts.responses {
		ins = append(ins, input{src: ld.ArgSource(p), cols: rq.respCols})
	}
	if len(ins) == 0 && mf != nil {
		for _, s := range mf.Map.Sources {
			if s.Columns["customer"] == "" {
				continue
			}
			src, ok := ld.DeclaredSource(mf, s.Path, opts.load.allowOutside)
			if !ok {
				continue // score reports it
			}
			ins = append(ins, input{src: src, cols: mine.AnswerColumns{Customer: s.Columns["customer"], Date: s.Columns["date"],
				Touchpoint: s.Columns["touchpoint"], NPS: s.Columns["nps"], CES: s.Columns["ces"], CSAT: s.Columns["csat"]}})
		}
	}
	var out []mine.Answer
	for _, in := range ins {
		open := func() (io.ReadCloser, error) {
			rc, _, err := openSource(app, ld, in.src)
			return rc, err
		}
		if in.src.Path == "-" {
			data, err := io.ReadAll(app.In)
			if err != nil {
				return nil, err
			}
			open = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		}
		ro := eventlog.Options{Location: rq.read.Location, Strict: rq.read.Strict}
		as, st, err := mine.ReadAnswers(ctx, in.src.Name, open, in.cols, ro)
		if err != nil {
			return nil, eventlogError(err)
		}
		var diags journey.Diagnostics
		for _, b := range st.Bad {
			diags = append(diags, warning(in.src.Name, int(b.Row), fmt.Sprintf("answer left out: %s %q: %s", b.Column, b.Value, b.Reason)))
		}
		if err := printDiagnostics(app, diags, nil); err != nil {
			return nil, err
		}
		fmt.Fprintf(app.ErrOut, "%s read %s: %s\n", newTheme(app.ErrOut, app.ColorErr).okStyle.Render("✓"), output.Terminal(in.src.Name), plural(len(as), "1 answer", num(int64(len(as)))+" answers"))
		out = append(out, as...)
	}
	if len(ins) > 0 && out == nil {
		out = []mine.Answer{} // a feedback section that says nothing was attributed
	}
	return out, nil
}

// mineReport writes the result in the asked format (to -o atomically),
// prints the conformance findings and decides the exit code.
func mineReport(app *Factory, opts *mineOptions, rq *mineRequest, mf *project.File, res *mine.Result, build BuildInfo) error {
	if res.Log.Spilled {
		fmt.Fprintf(app.ErrOut, "%s the cases did not fit in --memory %s: they were spilled to temporary files (removed now)\n",
			newTheme(app.ErrOut, app.ColorErr).warnStyle.Render("!"), opts.memory.String())
	}
	var findings journey.Diagnostics
	if res.Conformance != nil {
		findings = res.Conformance.Diagnostics
	}
	r := &report.Result{Command: "mine", Version: build.resolve().Version, Diagnostics: findings, Sources: map[string][]byte{}}
	if mf != nil {
		r.Files = []string{mf.Name}
		r.Sources[mf.Name] = mf.Data
		r.Rules = mineRuleInfos()
	}
	write := func(w io.Writer) error {
		switch rq.format {
		case "sarif":
			return report.Print(w, report.FormatSARIF, r, report.Theme{})
		case "github":
			return report.Print(w, report.FormatGitHub, r, report.Theme{})
		}
		return writeMined(w, rq.format, res, mf, newTheme(w, app.ColorOut && w == app.Out))
	}
	if err := mineWrite(app, opts.out, rq.format == "table", write); err != nil {
		return err
	}
	if rq.format != "sarif" && rq.format != "github" {
		if err := printDiagnostics(app, findings, r.Sources); err != nil {
			return err
		}
	}
	for _, d := range findings {
		if rq.failOn != journey.SeverityNone && d.Severity >= rq.failOn {
			return problems()
		}
	}
	return nil
}

// mineWrite writes mine's output to standard output, or atomically to out
// with a note on stderr. Text for people (human) is sanitised where it is
// made; machine output to a terminal goes through the sanitiser.
func mineWrite(app *Factory, out string, human bool, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		if human {
			return write(app.Out)
		}
		return app.writeOut(write)
	}
	if err := app.WriteAtomic(context.Background(), out, write); err != nil {
		return err
	}
	fmt.Fprintf(app.ErrOut, "%s wrote %s\n", newTheme(app.ErrOut, app.ColorErr).okStyle.Render("✓"), output.Terminal(out))
	return nil
}
