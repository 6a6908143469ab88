package warehouse

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/mine"
)

// columns are the header each table's CSV must have (in any order; other
// columns are ignored).
var columns = map[string][]string{
	"summary":    {"first_us", "last_us"},
	"activities": {"activity", "node", "events", "cases"},
	"variants":   {"path", "seconds", "n"},
	"edges":      {"from_node", "to_node", "seconds", "n"},
	"stages":     {"stage", "seconds", "n"},
	"gaps":       {"kind", "from_value", "to_value", "switches", "cases", "ended_within_two"},
}

// optional are the tables a folder may lack: stages without a map, gaps
// when the log has no channel, device or owner.
var optional = map[string]bool{"stages": true, "gaps": true}

// Error is a problem with one aggregates file, at a line when Line > 0.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// ReadDir reads the results of Emit's statements from dir: per table,
// NAME.csv, NAME.csv.gz or NAME.parquet (comma-separated, a header line, as DuckDB's
// COPY, BigQuery's and Snowflake's exports and clickhouse-client --format
// CSVWithNames write them), or a folder NAME.csv, NAME.parquet or NAME of part files
// each with its header (as Spark's csv writer leaves them).
func ReadDir(dir string) (*mine.Aggregates, error) {
	agg := &mine.Aggregates{}
	for _, name := range Tables {
		files, err := tableFiles(dir, name)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			if optional[name] {
				continue
			}
			return nil, fmt.Errorf("can't read the %s aggregates: no %s (save the %s statement's result there)", name, filepath.Join(dir, name+".csv"), name)
		}
		for _, path := range files {
			if err := readFile(agg, name, path); err != nil {
				return nil, err
			}
		}
	}
	return agg, nil
}

// tableFiles finds the files holding table name in dir.
func tableFiles(dir, name string) ([]string, error) {
	for _, cand := range []string{name + ".csv", name + ".csv.gz", name + ".parquet", name} {
		path := filepath.Join(dir, cand)
		st, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("can't read the %s aggregates %s: %w", name, path, journey.PathReason(err))
		}
		if !st.IsDir() {
			return []string{path}, nil
		}
		ents, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("can't read the %s aggregates %s: %w", name, path, journey.PathReason(err))
		}
		var parts []string
		for _, e := range ents {
			n := e.Name()
			if e.Type().IsRegular() && !strings.HasPrefix(n, ".") && !strings.HasPrefix(n, "_") &&
				(strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".csv.gz") || strings.HasSuffix(n, ".parquet")) {
				parts = append(parts, filepath.Join(path, n))
			}
		}
		if len(parts) == 0 {
			return nil, &Error{File: path, Msg: "a folder with no .csv, .csv.gz or .parquet part files"}
		}
		return parts, nil // os.ReadDir sorts by name: part-00000 first
	}
	return nil, nil
}

// readFile reads one file of table name, unzipping a .gz.
func readFile(agg *mine.Aggregates, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("can't read the %s aggregates %s: %w", name, path, journey.PathReason(err))
	}
	defer f.Close()
	if strings.HasSuffix(path, ".parquet") {
		st, err := f.Stat()
		if err != nil {
			return fmt.Errorf("can't read the %s aggregates %s: %w", name, path, journey.PathReason(err))
		}
		return readParquet(agg, name, path, f, st.Size())
	}
	var rd io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return &Error{File: path, Msg: "not a readable gzip file (" + err.Error() + ")"}
		}
		defer zr.Close()
		rd = zr
	}
	return readTable(agg, name, path, rd)
}

// row is one CSV record with its columns by name.
type row struct {
	rec  []string
	idx  map[string]int
	file string
	line int
}

func (r *row) str(col string) string { return r.rec[r.idx[col]] }

func (r *row) int(col string) (int64, error) {
	s := strings.TrimSpace(r.str(col))
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	// Some exports write whole numbers as 12.0 or 1.2e+07.
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
		return int64(f), nil
	}
	return 0, &Error{r.file, r.line, fmt.Sprintf("%s: want a whole number, got %q", col, s)}
}

func (r *row) float(col string) (float64, error) {
	s := strings.TrimSpace(r.str(col))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &Error{r.file, r.line, fmt.Sprintf("%s: want a number of seconds, got %q", col, s)}
	}
	return f, nil
}

// readTable reads one table's CSV into agg.
func readTable(agg *mine.Aggregates, name, path string, rd io.Reader) error {
	cr := csv.NewReader(rd)
	header, err := cr.Read()
	if err == io.EOF {
		return &Error{path, 0, "empty file: want a header line (" + strings.Join(columns[name], ",") + ")"}
	}
	if err != nil {
		return csvError(path, err)
	}
	return readRecords(agg, name, path, header, func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			if err != io.EOF {
				err = csvError(path, err)
			}
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		return rec, line, nil
	})
}

// readRecords reads the records next gives (io.EOF at the end), under
// header, into agg.
func readRecords(agg *mine.Aggregates, name, path string, header []string, next func() ([]string, int, error)) error {
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range columns[name] {
		if _, ok := idx[c]; !ok {
			return &Error{path, 1, fmt.Sprintf("no column %q (want %s)", c, strings.Join(columns[name], ","))}
		}
	}
	for {
		rec, line, err := next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := addRow(agg, name, &row{rec: rec, idx: idx, file: path, line: line}); err != nil {
			return err
		}
	}
}

// readParquet reads one table's Parquet file (a flat schema, as COPY ...
// (FORMAT PARQUET) and the warehouses' exports write) into agg. Lines in
// messages are row numbers, the header being line 1 as in a CSV.
func readParquet(agg *mine.Aggregates, name, path string, f io.ReaderAt, size int64) (err error) {
	defer func() {
		if r := recover(); r != nil { // parquet-go panics on some corrupt files
			err = &Error{path, 0, fmt.Sprintf("corrupt Parquet file: %v", r)}
		}
	}()
	pf, err := parquet.OpenFile(f, size)
	if err != nil {
		return &Error{path, 0, "not a readable Parquet file: " + err.Error()}
	}
	var header []string
	for _, p := range pf.Schema().Columns() {
		header = append(header, strings.Join(p, "."))
	}
	groups, g := pf.RowGroups(), 0
	var rows parquet.Rows
	buf, line := make([]parquet.Row, 1), 1
	defer func() {
		if rows != nil {
			rows.Close()
		}
	}()
	return readRecords(agg, name, path, header, func() ([]string, int, error) {
		for {
			if rows == nil {
				if g == len(groups) {
					return nil, 0, io.EOF
				}
				rows, g = groups[g].Rows(), g+1
			}
			n, err := rows.ReadRows(buf)
			if n == 1 {
				line++
				rec := make([]string, len(header))
				for _, v := range buf[0] {
					if c := v.Column(); c >= 0 && c < len(rec) && !v.IsNull() {
						rec[c] = v.String()
					}
				}
				return rec, line, nil
			}
			if err != nil && err != io.EOF {
				return nil, 0, &Error{path, line + 1, "can't read the row: " + err.Error()}
			}
			rows.Close()
			rows = nil
		}
	})
}

// addRow adds one row of table name to agg.
func addRow(agg *mine.Aggregates, name string, r *row) error {
	var errs []error
	i := func(c string) int64 {
		v, err := r.int(c)
		errs = append(errs, err)
		return v
	}
	f := func(c string) float64 {
		v, err := r.float(c)
		errs = append(errs, err)
		return v
	}
	switch name {
	case "summary":
		if strings.TrimSpace(r.str("first_us")) != "" {
			agg.First, agg.Last = i("first_us")*1000, i("last_us")*1000
		}
	case "activities":
		agg.Activities = append(agg.Activities, mine.ActivityCount{Activity: r.str("activity"), Node: r.str("node"), Events: i("events"), Cases: i("cases")})
	case "variants":
		agg.Variants = append(agg.Variants, mine.PathDuration{Path: strings.Split(r.str("path"), mine.PathSeparator), Seconds: f("seconds"), N: i("n")})
	case "edges":
		agg.Edges = append(agg.Edges, mine.EdgeDuration{From: r.str("from_node"), To: r.str("to_node"), Seconds: f("seconds"), N: i("n")})
	case "stages":
		agg.Stages = append(agg.Stages, mine.StageDuration{Stage: r.str("stage"), Seconds: f("seconds"), N: i("n")})
	case "gaps":
		agg.Gaps = append(agg.Gaps, mine.GapCount{Kind: r.str("kind"), From: r.str("from_value"), To: r.str("to_value"),
			Count: i("switches"), Cases: i("cases"), Ended: i("ended_within_two")})
	}
	for _, err := range errs {
		if err != nil {
			return err // the first bad field of the row
		}
	}
	return nil
}

func csvError(path string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{path, 0, "the file is truncated: it ends in the middle of its compressed data"}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{path, pe.Line, pe.Err.Error()}
	}
	return &Error{path, 0, err.Error()}
}
