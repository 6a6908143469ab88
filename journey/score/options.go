package score

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/journey-cx/journey/journey"
)

// The checks of what a user asks score for: column names, a day range,
// threshold ranges and gates. They return errors that say what is wrong and
// leave naming the flag or setting to the caller.

// ColumnError is a column mapping that is not KEY=HEADER with a known KEY.
type ColumnError struct {
	Pair string // the mapping as given
}

// Error says what a mapping should look like.
func (e *ColumnError) Error() string {
	return fmt.Sprintf("want KEY=HEADER with KEY one of %s, got %q", strings.Join(journey.SourceColumnKeys, ", "), e.Pair)
}

// ParseColumns parses KEY=HEADER pairs into a map from column key (one of
// journey.SourceColumnKeys) to header; a later pair for a key wins. Spaces
// around the key and header are dropped; an empty header is an error.
func ParseColumns(pairs []string) (map[string]string, error) {
	cols := map[string]string{}
	for _, c := range pairs {
		k, h, ok := strings.Cut(c, "=")
		k = strings.TrimSpace(k)
		if !ok || strings.TrimSpace(h) == "" || !slices.Contains(journey.SourceColumnKeys, k) {
			return nil, &ColumnError{Pair: c}
		}
		cols[k] = strings.TrimSpace(h)
	}
	return cols, nil
}

// MergeColumns returns the columns of one source: base (the map's sources:
// columns) with override (the user's mappings) on top, and the keys named in
// either, whose headers must then be in the file.
func MergeColumns(base, override map[string]string) (columns map[string]string, explicit map[string]bool) {
	columns, explicit = map[string]string{}, map[string]bool{}
	for _, m := range []map[string]string{base, override} {
		for k, v := range m {
			columns[k], explicit[k] = v, true
		}
	}
	return columns, explicit
}

// SegmentColumn returns the header to break figures down by: segment as
// given, except that ColSegment stands for the header columns maps the
// segment key to (ColSegment itself when unmapped). "" means no breakdown.
func SegmentColumn(segment string, columns map[string]string) string {
	if segment != ColSegment {
		return segment
	}
	if h := columns[ColSegment]; h != "" {
		return h
	}
	return ColSegment
}

// Day range bounds, as DayError.Bound names them.
const (
	BoundSince = "since"
	BoundUntil = "until"
)

// DayError is a day range bound that is not a day, or a range that ends
// before it starts.
type DayError struct {
	Bound string // BoundSince or BoundUntil: the bad bound; "" when the range is reversed
	Value string // the bad bound's value
	Since string // the range, when it is reversed
	Until string
}

// Error says which bound is wrong.
func (e *DayError) Error() string {
	if e.Bound == "" {
		return fmt.Sprintf("since %s is after until %s", e.Since, e.Until)
	}
	return fmt.Sprintf("%s wants a day like 2026-01-31, got %q", e.Bound, e.Value)
}

// CheckDays checks a day range for ReadOptions.Since and Until: each bound
// empty or a real day YYYY-MM-DD, and since not after until.
func CheckDays(since, until string) error {
	for _, d := range []struct{ bound, v string }{{BoundSince, since}, {BoundUntil, until}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil || !IsDay(d.v) {
			return &DayError{Bound: d.bound, Value: d.v}
		}
	}
	if since != "" && until != "" && since > until {
		return &DayError{Since: since, Until: until}
	}
	return nil
}

// RangeOf returns the values a threshold of metric may take: NPS -100..100,
// CES 1..7 (the 7-point scale), CSAT 0..100 percent.
func RangeOf(metric Metric) (lo, hi float64) {
	switch metric {
	case MetricNPS:
		return -100, 100
	case MetricCES:
		return 1, 7
	}
	return 0, 100
}

// RangeError is a threshold outside its metric's range.
type RangeError struct {
	Metric Metric
	Value  float64
}

// Error says the range the threshold must be within.
func (e *RangeError) Error() string {
	lo, hi := RangeOf(e.Metric)
	return fmt.Sprintf("must be within %s..%s, got %s", num(lo), num(hi), num(e.Value))
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// CheckRange returns a *RangeError for the first set threshold of t, in the
// order NPS, CES, CSAT, that is outside its metric's range.
func (t Thresholds) CheckRange() error {
	for _, m := range Metrics {
		if v := t.For(m); v != nil {
			if lo, hi := RangeOf(m); *v < lo || *v > hi {
				return &RangeError{Metric: m, Value: *v}
			}
		}
	}
	return nil
}

// Gates are the gates asked for: the map's targets:, minimums, or both.
type Gates struct {
	Targets bool       // gate on the map's targets:
	Min     Thresholds // minimums given by the user; they override the targets
}

// Asked reports whether any gate was asked for.
func (g Gates) Asked() bool { return g.Targets || !g.Min.IsZero() }

// Thresholds returns what figures of m are coloured and gated against: the
// map's targets: overridden by the minimums; when minimums are given without
// Targets, only those minimums.
func (g Gates) Thresholds(m *journey.Map) Thresholds {
	if !g.Targets && !g.Min.IsZero() {
		return g.Min
	}
	t := TargetsOf(m)
	for _, p := range []struct{ dst, src **float64 }{{&t.NPS, &g.Min.NPS}, {&t.CES, &g.Min.CES}, {&t.CSAT, &g.Min.CSAT}} {
		if *p.src != nil {
			*p.dst = *p.src
		}
	}
	return t
}

// Verdict is the outcome of checking a report's rows against thresholds.
type Verdict struct {
	Misses    []Miss   // figures below their threshold
	Unchecked []Metric // gated metrics with no figure to check
}

// Passed reports whether no figure missed its threshold.
func (v Verdict) Passed() bool { return len(v.Misses) == 0 }

// GateRows returns the rows a gate checks: the rows of level by, then the
// whole map.
func GateRows(rep *Report, by Level) []Row {
	return append(slices.Clone(rep.Rows(by)), rep.Total)
}

// Gate checks the rows of level by and the whole map against t.
func (t Thresholds) Gate(rep *Report, by Level) Verdict {
	rows := GateRows(rep, by)
	return Verdict{Misses: t.Check(rows), Unchecked: t.Unchecked(rows)}
}
