package eventlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// Event is one event of a log.
type Event struct {
	Case      string
	Activity  string
	Time      int64 // Unix nanoseconds, UTC; 0 means no timestamp
	Channel   string
	Resource  string // org:resource / owner / department
	Device    string
	Lifecycle string            // lifecycle:transition, lower-case; "" when absent
	Attrs     map[string]string // other mapped attributes (Columns.Attrs); nil when none
	Row       int64             // 1-based line (CSV, JSONL, XES) or row (Parquet) the event comes from, for messages
}

// Format is an input format.
type Format int

// The input formats; FormatAuto picks one from the name, then the content.
const (
	FormatAuto    Format = iota
	FormatCSV            // CSV, TSV, semicolon- or pipe-separated (detected from the header)
	FormatJSONL          // JSON Lines: one object per line
	FormatXES            // IEEE 1849 XES
	FormatParquet        // Apache Parquet
)

// String returns the format's lower-case name.
func (f Format) String() string {
	switch f {
	case FormatCSV:
		return "csv"
	case FormatJSONL:
		return "jsonl"
	case FormatXES:
		return "xes"
	case FormatParquet:
		return "parquet"
	}
	return "auto"
}

// ParseFormat parses a format name: auto, csv (tsv too), jsonl (ndjson, json), xes or parquet.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormatAuto, nil
	case "csv", "tsv", "txt":
		return FormatCSV, nil
	case "jsonl", "ndjson", "json":
		return FormatJSONL, nil
	case "xes":
		return FormatXES, nil
	case "parquet", "pq":
		return FormatParquet, nil
	}
	return FormatAuto, fmt.Errorf("unknown event-log format %q (want auto, csv, jsonl, xes or parquet)", s)
}

// Columns maps the log's column (or JSON key / XES attribute key) names to
// event fields. An empty field means the default names (see the package doc).
type Columns struct {
	Case, Activity, Timestamp, Channel, Resource, Device, Lifecycle string
	Attrs                                                           []string
}

// Options control reading.
type Options struct {
	Format          Format
	Columns         Columns
	TimestampFormat string         // Go layout, strftime-like (%Y-%m-%d ...), unix, unix_ms, unix_us or unix_ns; "" = auto
	Location        *time.Location // for timestamps without an offset; nil = UTC
	Lifecycle       string         // "complete" (default: keep events whose lifecycle is empty or complete) or "all"
	Strict          bool           // any bad row is an error
	MaxBadRows      int            // bad rows reported individually (default 5); the rest counted
	Since, Until    int64          // keep Since <= Time < Until (Unix ns); 0 = no bound
	Workers         int            // parsing goroutines for CSV and JSON Lines; 0 = GOMAXPROCS
}

// DefaultMaxBadRows is the number of bad rows reported individually when
// Options.MaxBadRows is 0.
const DefaultMaxBadRows = 5

// Stats says what reading found. Rows = Events + Skipped + BadCount.
type Stats struct {
	Format   Format   // the format read
	Rows     int64    // data rows (CSV, JSONL, Parquet) or events (XES) read
	Events   int64    // events delivered to fn
	Skipped  int64    // events left out by the lifecycle or Since/Until filters
	Bad      []BadRow // the first MaxBadRows bad rows, in file order
	BadCount int64    // all bad rows (left out)
	Bytes    int64    // bytes read from the input (compressed size for gzip)
	Columns  []string // the header (CSV), keys of the first object (JSONL), the schema's columns (Parquet)
	Warnings []string // problems that did not stop reading: ragged rows, duplicate column names, ...
}

// BadRow is a row left out because of a bad value.
type BadRow struct {
	Row    int64  // as Event.Row
	Column string // the column (or key) holding the bad value
	Value  string // the bad value (cut to 80 bytes)
	Reason string // what is wrong with it
}

// Error is an error of reading a log. Usage is true when the problem is how
// reading was asked (a mapped column that is not in the header, a bad
// option), false for bad data.
type Error struct {
	File    string
	Line    int // 1-based line or row; 0 when unknown
	Column  int // 1-based column (XES); 0 when unknown
	Message string
	Usage   bool
	Err     error // the underlying error, if any
}

// Error formats the error as file:line:col: message, leaving out what is unknown.
func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsUsage reports whether err is an *Error about how reading was asked.
func IsUsage(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Usage
}

// batchSize is the number of events per call of fn for the sequential
// readers (XES, Parquet); CSV and JSONL deliver one batch per chunk.
const batchSize = 8192

// chunkSize is the number of input bytes per parallel chunk (a variable for tests).
var chunkSize = 1 << 20

// maxRecord is the longest CSV record or JSON line accepted.
const maxRecord = 64 << 20

// Read reads the log in r (name is for messages; a ".gz" suffix or gzip
// magic means gzip; the format comes from the suffix .csv/.tsv/.txt/.jsonl/
// .ndjson/.json/.xes/.parquet, or from the content when FormatAuto) and calls
// fn with batches of events in file order. fn may keep the events but not
// the slice. Parquet needs random access: r must be an io.ReaderAt with a
// size (*os.File, *bytes.Reader...). The Stats are returned even with an error.
func Read(ctx context.Context, name string, r io.Reader, opt Options, fn func([]Event) error) (*Stats, error) {
	st := &Stats{}
	if err := opt.check(name); err != nil {
		return st, err
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.MaxBadRows <= 0 {
		opt.MaxBadRows = DefaultMaxBadRows
	}
	tp, err := newTimeParser(opt.TimestampFormat, opt.Location)
	if err != nil {
		return st, &Error{File: name, Message: err.Error(), Usage: true}
	}
	format := opt.Format
	base := strings.ToLower(name)
	gz := strings.HasSuffix(base, ".gz")
	base = strings.TrimSuffix(base, ".gz")
	if format == FormatAuto {
		format = formatFromName(base)
	}
	if format == FormatParquet || (format == FormatAuto && !gz) {
		if ra, size, ok := readerAt(r); ok {
			if format == FormatAuto {
				var magic [4]byte
				if n, _ := ra.ReadAt(magic[:], 0); n == 4 && string(magic[:]) == "PAR1" {
					format = FormatParquet
				}
			}
			if format == FormatParquet {
				st.Format = format
				rd := &parquetReader{name: name, opt: &opt, tp: tp, st: st}
				return st, rd.read(ctx, ra, size, fn)
			}
		} else if format == FormatParquet {
			return st, &Error{File: name, Message: "Parquet needs random access: give a file (io.ReaderAt with a size), not a stream", Usage: true}
		}
	}
	in, err := openInput(name, r, gz)
	if err != nil {
		return st, err
	}
	defer func() { st.Bytes = in.raw.n }()
	if format == FormatAuto {
		format, err = in.sniff()
		if err != nil {
			return st, err
		}
	}
	st.Format = format
	switch format {
	case FormatCSV:
		return st, readCSV(ctx, in, &opt, tp, st, base, fn)
	case FormatJSONL:
		return st, readJSONL(ctx, in, &opt, tp, st, fn)
	case FormatXES:
		rd := &xesReader{in: in, opt: &opt, tp: tp, st: st}
		return st, rd.read(ctx, fn)
	case FormatParquet:
		return st, &Error{File: name, Message: "a compressed Parquet file cannot be read: Parquet compresses inside; give the .parquet file itself", Usage: true}
	}
	return st, &Error{File: name, Message: fmt.Sprintf("unknown format %d", format), Usage: true}
}

// check validates the options that do not depend on the log.
func (o *Options) check(name string) error {
	switch strings.ToLower(o.Lifecycle) {
	case "", "complete":
		o.Lifecycle = "complete"
	case "all":
		o.Lifecycle = "all"
	default:
		return &Error{File: name, Message: fmt.Sprintf("unknown lifecycle choice %q (want complete or all)", o.Lifecycle), Usage: true}
	}
	if o.Since != 0 && o.Until != 0 && o.Until <= o.Since {
		return &Error{File: name, Message: "the Until bound is not after the Since bound: no event can be kept", Usage: true}
	}
	if o.Format < FormatAuto || o.Format > FormatParquet {
		return &Error{File: name, Message: fmt.Sprintf("unknown format %d", o.Format), Usage: true}
	}
	return nil
}

// formatFromName returns the format its suffix names (name lower-case,
// without ".gz"), or FormatAuto.
func formatFromName(name string) Format {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return FormatAuto
	}
	switch name[i+1:] {
	case "csv", "tsv", "txt", "tab", "psv":
		return FormatCSV
	case "jsonl", "ndjson", "json":
		return FormatJSONL
	case "xes":
		return FormatXES
	case "parquet", "pq":
		return FormatParquet
	}
	return FormatAuto
}
