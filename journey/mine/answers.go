package mine

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"unicode"

	"github.com/journey-cx/journey/journey/eventlog"
)

// AnswerColumns names the columns of a survey export that feedback
// attribution reads. An empty name is looked up among the usual headers
// (see AnswerDefaults).
type AnswerColumns struct {
	Customer, Date, Touchpoint, NPS, CES, CSAT string
}

// AnswerDefaults are the headers tried, in order, for each answer column
// left empty: matched ignoring case and accents, as the whole header or
// its start ("Recomendación (0-10)" is an NPS column). Customer and date
// are required; touchpoint and the three measures are optional.
var AnswerDefaults = map[string][]string{
	"customer":   {"customer", "customer_id", "cliente", "cliente_id", "id cliente", "case", "case_id", "case:concept:name"},
	"date":       {"date", "fecha", "timestamp", "time", "submitted_at", "time:timestamp"},
	"touchpoint": {"touchpoint", "punto de contacto"},
	"nps":        {"nps", "recommend", "recomendacion", "likelihood to recommend"},
	"ces":        {"ces", "effort", "facilidad", "esfuerzo"},
	"csat":       {"csat", "satisfaction", "satisfaccion"},
}

// AnswerStats says what reading a survey export found.
type AnswerStats struct {
	Columns map[string]string // key -> the header used
	Rows    int64
	Bad     []eventlog.BadRow // the first few rows left out, with why
	BadN    int64
}

// ReadAnswers reads a survey export (CSV in the dialects eventlog reads,
// gzip too) into answers for attribution. open is called twice: once to
// read the header, once to read the rows. A date without a time stands for
// the end of that day, so answers given that day follow its events.
func ReadAnswers(ctx context.Context, name string, open func() (io.ReadCloser, error), cols AnswerColumns, opt eventlog.Options) ([]Answer, *AnswerStats, error) {
	header, err := readHeader(name, open)
	if err != nil {
		return nil, nil, err
	}
	st := &AnswerStats{Columns: map[string]string{}}
	pick := func(key, given string, required bool) (string, error) {
		if given != "" {
			st.Columns[key] = given
			return given, nil
		}
		if h := findHeader(header, AnswerDefaults[key]); h != "" {
			st.Columns[key] = h
			return h, nil
		}
		if required {
			return "", &eventlog.Error{File: name, Line: 1, Usage: true, Message: fmt.Sprintf("no %s column in the survey export (looked for %s); name it with --response-column %s=HEADER; the header has: %s",
				key, strings.Join(AnswerDefaults[key], ", "), key, strings.Join(header, ", "))}
		}
		return "", nil
	}
	var c [6]string
	for i, k := range []struct {
		key, given string
		required   bool
	}{{"customer", cols.Customer, true}, {"date", cols.Date, true}, {"touchpoint", cols.Touchpoint, false},
		{"nps", cols.NPS, false}, {"ces", cols.CES, false}, {"csat", cols.CSAT, false}} {
		if c[i], err = pick(k.key, k.given, k.required); err != nil {
			return nil, nil, err
		}
	}
	opt.Format = eventlog.FormatCSV
	opt.Lifecycle = "all"
	// The reader wants an activity column: the touchpoint when there is
	// one, else the customer column again (ignored below).
	opt.Columns = eventlog.Columns{Case: c[0], Timestamp: c[1], Activity: c[2]}
	if c[2] == "" {
		opt.Columns.Activity = c[0]
	}
	for _, h := range c[3:] {
		if h != "" {
			opt.Columns.Attrs = append(opt.Columns.Attrs, h)
		}
	}
	rc, err := open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	var out []Answer
	readStats, err := eventlog.Read(ctx, name, rc, opt, func(evs []eventlog.Event) error {
		for _, e := range evs {
			a, reason, col := answerOf(e, c)
			if reason != "" {
				st.BadN++
				if len(st.Bad) < max(opt.MaxBadRows, eventlog.DefaultMaxBadRows) {
					st.Bad = append(st.Bad, eventlog.BadRow{Row: e.Row, Column: col, Value: e.Attrs[col], Reason: reason})
				}
				continue
			}
			out = append(out, a)
		}
		return nil
	})
	if readStats != nil {
		st.Rows = readStats.Rows
		st.BadN += readStats.BadCount
		st.Bad = append(readStats.Bad, st.Bad...)
	}
	return out, st, err
}

// answerOf turns a read row into an answer; reason is why it cannot be one.
func answerOf(e eventlog.Event, c [6]string) (a Answer, reason, column string) {
	a = Answer{Customer: e.Case, Time: e.Time, Row: e.Row}
	if c[2] != "" {
		a.Touchpoint = e.Activity
	}
	if isMidnight(e.Time) {
		a.Time = e.Time + int64(24*60*60-1)*1e9 // a day: its end
	}
	scales := []struct {
		col    string
		lo, hi int
		out    **int
	}{{c[3], 0, 10, &a.NPS}, {c[4], 1, 7, &a.CES}, {c[5], 1, 5, &a.CSAT}}
	for _, s := range scales {
		v := strings.TrimSpace(e.Attrs[s.col])
		if s.col == "" || v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < s.lo || n > s.hi {
			return a, fmt.Sprintf("want a whole number from %d to %d", s.lo, s.hi), s.col
		}
		*s.out = &n
	}
	return a, "", ""
}

// isMidnight reports whether a Unix-ns time is 00:00:00 UTC exactly: how
// a date without a time reads.
func isMidnight(ns int64) bool { return ns%(24*60*60*1e9) == 0 }

// readHeader returns the header row of a CSV (gzip too), without a BOM.
func readHeader(name string, open func() (io.ReadCloser, error)) ([]string, error) {
	rc, err := open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReader(rc)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &eventlog.Error{File: name, Message: "not a valid gzip file: " + err.Error()}
		}
		r = zr
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && line == "" {
		return nil, &eventlog.Error{File: name, Message: "the survey export is empty"}
	}
	line = strings.TrimRight(strings.TrimPrefix(line, "\ufeff"), "\r\n")
	delim := ","
	for _, d := range []string{";", "\t", "|"} {
		if strings.Count(line, d) > strings.Count(line, delim) {
			delim = d
		}
	}
	var out []string
	for _, h := range strings.Split(line, delim) {
		out = append(out, strings.Trim(strings.TrimSpace(h), `"`))
	}
	return out, nil
}

// findHeader returns the first header matching one of names: whole, then
// as its start, ignoring case and accents.
func findHeader(header, names []string) string {
	for _, whole := range []bool{true, false} {
		for _, n := range names {
			for _, h := range header {
				f := fold(h)
				if f == n || !whole && strings.HasPrefix(f, n) && !isLetter(f[len(n):]) {
					return h
				}
			}
		}
	}
	return ""
}

// isLetter reports whether s starts with a letter or digit (a prefix match
// must end at a word boundary: "csat" is not "csatisfecho").
func isLetter(s string) bool {
	return s != "" && (unicode.IsLetter(rune(s[0])) || unicode.IsDigit(rune(s[0])))
}
