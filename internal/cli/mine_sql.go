package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/mine"
	"github.com/journey-cx/journey/journey/mine/warehouse"
	"github.com/journey-cx/journey/journey/project"
)

// mineSQLFlags are mine's flags for logs that live in a warehouse: write
// the SQL that aggregates them there, and mine the aggregates it returns.
type mineSQLFlags struct {
	emit       bool
	dialect    string
	table      string
	sequence   string
	aggregates string
}

func (s *mineSQLFlags) bind(cmd *cobra.Command, f *pflag.FlagSet) {
	f.BoolVar(&s.emit, "emit-sql", false, "write the SQL that computes the log's aggregates in a warehouse, instead of mining a log here (docs/mining.md, Big logs)")
	f.StringVar(&s.dialect, "dialect", "duckdb", "--emit-sql: the engine's SQL: "+strings.Join(warehouse.Dialects, ", "))
	f.StringVar(&s.table, "table", "", "--emit-sql: the events table or view (project.dataset.table)")
	f.StringVar(&s.sequence, "sequence", "", "--emit-sql: a column that orders the events of one case at the same time (a row number); default: by activity")
	f.StringVar(&s.aggregates, "aggregates", "", "mine the results of --emit-sql's statements saved in this folder (NAME.csv each), instead of a log")
	_ = cmd.RegisterFlagCompletionFunc("dialect", cobra.FixedCompletions(warehouse.Dialects, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagDirname("aggregates")
}

func (s *mineSQLFlags) active() bool { return s.emit || s.aggregates != "" }

// mineSQL runs --emit-sql or --aggregates: the warehouse half of mine.
func mineSQL(ctx context.Context, app *Factory, opts *mineOptions, rq *mineRequest, mf *project.File, build BuildInfo) error {
	s := &opts.sql
	switch {
	case s.emit && s.aggregates != "":
		return usagef("--emit-sql writes the SQL, --aggregates reads its results: give one of them")
	case len(opts.events) > 0:
		return usagef("--events mines a log here; --emit-sql and --aggregates are for a log in a warehouse: give one or the other")
	case len(opts.responses) > 0 || opts.customer != "":
		return usagef("--responses and --customer need the events themselves: mine an export of the log with --events instead")
	}
	if s.emit {
		return emitSQL(app, opts, rq, mf)
	}
	res, err := aggregatesResult(app, opts, mf)
	if err != nil {
		return err
	}
	return mineReport(app, opts, rq, mf, res, build)
}

// aggregatesResult mines the folder of --aggregates, with the map's
// touchpoints when there is a map; it says on stderr what it mined.
func aggregatesResult(app *Factory, opts *mineOptions, mf *project.File) (*mine.Result, error) {
	dir := opts.sql.aggregates
	agg, err := warehouse.ReadDir(app.Abs(dir))
	var we *warehouse.Error
	if errors.As(err, &we) {
		we.File = displayName(app, we.File)
		return nil, &exitError{Code: ExitProblems, Err: we}
	}
	if err != nil {
		return nil, err
	}
	mo := mine.Options{Top: opts.top, Window: opts.window, Activities: map[string]string{}}
	if mf != nil {
		mo.Map, mo.MapName, mo.Declared = mf.Map, mf.Name, true
		for _, e := range mf.Map.Events {
			maps.Copy(mo.Activities, e.Activities)
		}
	}
	res, err := mine.FromAggregates(agg, mo)
	if err != nil {
		return nil, &exitError{Code: ExitProblems, Err: fmt.Errorf("%s: %w", dir, err)}
	}
	fmt.Fprintf(app.ErrOut, "journey: mined the aggregates in %s: %d cases, %d events\n", output.Terminal(dir), res.Log.Cases, res.Log.Events)
	return res, nil
}

// emitSQL writes the SQL for the warehouse: the columns come from the
// flags, else the map's events: declaration.
func emitSQL(app *Factory, opts *mineOptions, rq *mineRequest, mf *project.File) error {
	s := &opts.sql
	if s.table == "" {
		return usagef("--emit-sql needs --table: the events table or view in the warehouse (project.dataset.table)")
	}
	if rq.format != "table" {
		return usagef("--emit-sql writes SQL; --format is for mining (leave it out)")
	}
	sp := warehouse.Spec{Dialect: s.dialect, Table: s.table, Sequence: s.sequence, Since: rq.read.Since, Until: rq.read.Until,
		Explicit: map[string]string{}, Filters: map[string][]string{}}
	cols := opts.cols
	if mf != nil {
		sp.Map, sp.Label = mf.Map, mf.Name
		for i, e := range mf.Map.Events {
			maps.Copy(sp.Explicit, e.Activities)
			if i == 0 {
				cols = overrideColumns(declaredColumns(e), opts.cols)
			}
		}
		if len(mf.Map.Events) > 1 && (opts.cols.Case == "" || opts.cols.Activity == "" || opts.cols.Timestamp == "") {
			fmt.Fprintf(app.ErrOut, "journey: %s declares %d logs; the SQL reads one table, with the columns of the first (give --case, --activity and --timestamp for another)\n", output.Terminal(mf.Name), len(mf.Map.Events))
		}
	}
	sp.Case, sp.Activity, sp.Time = cols.Case, cols.Activity, cols.Timestamp
	sp.Channel, sp.Resource, sp.Device = cols.Channel, cols.Resource, cols.Device
	var missing []string
	for _, c := range []struct{ flag, col string }{{"--case", sp.Case}, {"--activity", sp.Activity}, {"--timestamp", sp.Time}} {
		if c.col == "" {
			missing = append(missing, c.flag)
		}
	}
	if len(missing) > 0 {
		return usagef("--emit-sql needs the table's columns: give %s (or declare them in the map's events:)", strings.Join(missing, ", "))
	}
	for field, vals := range rq.filter {
		col, named := map[string]string{"activity": sp.Activity, "channel": sp.Channel, "resource": sp.Resource, "device": sp.Device}[field]
		switch {
		case !named:
			col = field // an --attribute is a column of its own name
		case col == "":
			return usagef("--filter %s=...: the table has no %s column (give --%s COLUMN)", field, field, field)
		}
		sp.Filters[col] = append(sp.Filters[col], vals...)
	}
	write := func(w io.Writer) error { return warehouse.Emit(w, sp) }
	if err := warehouse.Emit(io.Discard, sp); err != nil {
		return usagef("%v", err) // a bad dialect or name: nothing written
	}
	return mineWrite(app, opts.out, false, write)
}
