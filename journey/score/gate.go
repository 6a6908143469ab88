package score

import (
	"fmt"
	"math"
	"strings"

	"github.com/journey-cx/journey/journey"
)

// Thresholds are the minimums figures are checked against; nil = no check.
// CES is on the 7-point scale: 5-point CES figures are not checked.
type Thresholds struct {
	NPS  *float64 // -100..100
	CES  *float64 // 1..7
	CSAT *float64 // percent satisfied, 0..100
}

// TargetsOf returns a map's targets: as thresholds.
func TargetsOf(m *journey.Map) Thresholds {
	if m == nil || m.Targets == nil {
		return Thresholds{}
	}
	return Thresholds{NPS: m.Targets.NPS, CES: m.Targets.CES, CSAT: m.Targets.CSAT}
}

// For returns the threshold of metric, or nil.
func (t Thresholds) For(metric Metric) *float64 {
	switch metric {
	case MetricNPS:
		return t.NPS
	case MetricCES:
		return t.CES
	case MetricCSAT:
		return t.CSAT
	}
	return nil
}

// IsZero reports whether no threshold is set.
func (t Thresholds) IsZero() bool { return t.NPS == nil && t.CES == nil && t.CSAT == nil }

// SmallN is the number of answers under which a figure is flagged as a
// small sample: its normal-approximation margin is not reliable.
const SmallN = 30

// Status is how a figure stands against its target.
type Status int

// The statuses of a figure against a target.
const (
	StatusNone      Status = iota // no target, no figure, or not comparable (5-point CES)
	StatusMet                     // value >= target
	StatusUncertain               // value < target, but the target is within the margin of error
	StatusMissed                  // value < target by more than the margin (or there is no margin)
)

// String returns the status's name.
func (s Status) String() string {
	switch s {
	case StatusMet:
		return "met"
	case StatusUncertain:
		return "uncertain"
	case StatusMissed:
		return "missed"
	}
	return "none"
}

// MarshalText writes the status's name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// StatusOf returns how the row's figure for metric stands against t.
func (t Thresholds) StatusOf(r *Row, metric Metric) Status {
	target := t.For(metric)
	f := r.Figure(metric)
	if target == nil || !f.OK || (metric == MetricCES && r.CES.Scale != 7) {
		return StatusNone
	}
	switch {
	case Round(metric, f.Value) >= *target:
		return StatusMet
	case f.HasMargin && f.Value+f.Margin >= *target:
		return StatusUncertain
	}
	return StatusMissed
}

// Miss is a figure below its threshold.
type Miss struct {
	Metric  Metric
	Level   Level
	ID      string  // the row's id ("" for a "(none)" group)
	Name    string  // the row's display name
	Segment string  // "" unless the row is one segment's
	Value   float64 // the figure
	Target  float64 // the threshold
	Short   float64 // Target - Value, > 0
	N       int     // answers behind the figure
}

// String says which metric missed, where and by how much.
func (m Miss) String() string {
	where := fmt.Sprintf("%s %s", m.Level, m.ID)
	if m.Level == LevelMap {
		where = "the whole map"
	}
	if m.ID == "" && m.Level != LevelMap {
		where = fmt.Sprintf("%s (none)", m.Level)
	}
	if m.Level == LevelSegment && m.ID == "" {
		where = "segment " + SegmentBlank
	}
	if m.Segment != "" && m.Level != LevelSegment {
		where += fmt.Sprintf(" (segment %s)", m.Segment)
	}
	unit, by := "", ""
	switch m.Metric {
	case MetricCSAT:
		unit, by = "%", " points"
	case MetricNPS:
		by = " points"
	}
	return fmt.Sprintf("%s %s%s is below %s%s by %s%s at %s (n=%d)", m.Metric, Format(m.Metric, m.Value), unit,
		Format(m.Metric, m.Target), unit, Format(m.Metric, m.Short), by, where, m.N)
}

// Check returns the figures of rows below their thresholds, in row order then
// NPS, CES, CSAT. Missing figures are not checked (they are not misses).
func (t Thresholds) Check(rows []Row) []Miss {
	var out []Miss
	for i := range rows {
		r := &rows[i]
		for _, metric := range Metrics {
			target := t.For(metric)
			f := r.Figure(metric)
			if target == nil || !f.OK || (metric == MetricCES && r.CES.Scale != 7) || Round(metric, f.Value) >= *target {
				continue
			}
			out = append(out, Miss{Metric: metric, Level: r.Level, ID: r.ID, Name: r.Name, Segment: r.Segment,
				Value: f.Value, Target: *target, Short: *target - Round(metric, f.Value), N: f.N})
		}
	}
	return out
}

// Unchecked returns the metrics that have a threshold but no figure in
// rows to check it against: a gate that passes only because data is missing.
func (t Thresholds) Unchecked(rows []Row) []Metric {
	var out []Metric
	for _, metric := range Metrics {
		if t.For(metric) == nil {
			continue
		}
		checked := false
		for i := range rows {
			r := &rows[i]
			if f := r.Figure(metric); f.OK && (metric != MetricCES || r.CES.Scale == 7) {
				checked = true
				break
			}
		}
		if !checked {
			out = append(out, metric)
		}
	}
	return out
}

// Format writes a metric value the way every output rounds it: NPS and
// CSAT to one decimal, CES to two ("-0.0" becomes "0.0").
func Format(metric Metric, v float64) string {
	s := fmt.Sprintf("%.*f", decimals(metric), v)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

func decimals(metric Metric) int {
	if metric == MetricCES {
		return 2
	}
	return 1
}

// Round rounds a metric value the way Format shows it; gates compare
// rounded values, so a figure shown as 30.0 meets a target of 30.
func Round(metric Metric, v float64) float64 {
	p := math.Pow(10, float64(decimals(metric)))
	return math.Round(v*p) / p
}
