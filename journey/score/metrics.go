// Package score computes the customer metrics of a journey map (NPS, CES,
// CSAT), their margins of error, their roll-ups from touchpoints to stages,
// channels, owners and the whole map, and the emotion curve. It also reads
// raw survey answers from CSV exports. It does no terminal I/O.
package score

import (
	"fmt"
	"math"

	"github.com/journey-cx/journey/journey"
)

// Z95 is the normal quantile used for every 95% margin of error.
const Z95 = 1.96

// Metric names a customer metric.
type Metric string

// The metrics journey scores.
const (
	MetricNPS  Metric = "nps"
	MetricCES  Metric = "ces"
	MetricCSAT Metric = "csat"
)

// Metrics lists the metrics in display order.
var Metrics = []Metric{MetricNPS, MetricCES, MetricCSAT}

// Origin says where a figure's data came from.
type Origin string

// The origins of a figure.
const (
	OriginNone      Origin = ""          // no data
	OriginInline    Origin = "inline"    // the map's metrics: block
	OriginResponses Origin = "responses" // raw survey answers (CSV)
	OriginMixed     Origin = "mixed"     // a roll-up over figures of both origins
)

// Figure is the common part of every metric result: a value with its N and,
// where it is defined, its 95% margin of error; or the reason it is missing.
type Figure struct {
	OK        bool    // true when Value holds a figure; false = missing, see Missing
	Missing   string  // why there is no figure (empty when OK, or when nothing was asked)
	N         int     // answers behind the figure (0 when unknown)
	Value     float64 // NPS -100..100, CES mean (higher = easier), CSAT percent satisfied
	Margin    float64 // 95% margin of error in Value's units; meaningful only with HasMargin
	HasMargin bool    // false when the data do not define a margin (e.g. NPS given as score and n)
	Low, High float64 // the 95% interval Value ± Margin capped to the metric's scale; meaningful only with HasMargin
	Small     bool    // OK with fewer than SmallN answers: the margin is not reliable
	Origin    Origin  // where the data came from
}

// Capped reports whether the interval Value ± Margin leaves the metric's
// scale, so that Low..High, not ±Margin, is the interval to show.
func (f Figure) Capped() bool {
	return f.HasMargin && (f.Low > f.Value-f.Margin || f.High < f.Value+f.Margin)
}

// Interval returns the figure's 95% interval as text, its numbers formatted
// by num: "±M" when Value ± Margin stays on the scale, else the capped
// "Low–High" (an en dash), so that no output shows an interval beyond the
// scale (an NPS of 0 with n=2 is "-100–100", never "±138.6"). Empty when the
// figure has no margin.
func (f Figure) Interval(num func(float64) string) string {
	switch {
	case !f.OK || !f.HasMargin:
		return ""
	case f.Capped():
		return num(f.Low) + "\u2013" + num(f.High)
	}
	return "\u00b1" + num(f.Margin)
}

// figure returns a figure of n answers with its value and, when hasMargin,
// its margin and its interval capped to lo..hi.
func figure(n int, value, margin float64, hasMargin bool, lo, hi float64) Figure {
	f := Figure{OK: true, N: n, Value: value, Small: n < SmallN}
	if hasMargin {
		f.Margin, f.HasMargin = margin, true
		f.Low, f.High = max(lo, value-margin), min(hi, value+margin)
	}
	return f
}

// missing returns a Figure with no value and the reason why.
func missing(reason string) Figure { return Figure{Missing: reason} }

// NPS is a Net Promoter Score: % promoters (9-10) minus % detractors (0-6).
type NPS struct {
	Figure
	Counts                          bool // true when the promoter/passive/detractor split is known
	Promoters, Passives, Detractors int  // the split, when Counts
}

// CES is a Customer Effort Score: the mean answer, normalised so that higher
// means easier, on its Scale.
type CES struct {
	Figure
	Scale        int     // 7 (CES 2.0 agreement scale) or 5
	Distribution []int   // answers 1..Scale after normalisation (index 0 = answer 1); nil when unknown
	Easy         float64 // percent easy (5-7 on the 7-point scale, 4-5 on the 5-point one); valid when Distribution != nil
}

// CSAT is a customer satisfaction score: the percent of answers 4 or 5 on a
// 1-5 scale.
type CSAT struct {
	Figure
	Satisfied, Total int   // satisfied answers of all answers
	Distribution     []int // answers 1..5 (index 0 = answer 1); nil when unknown
}

// NPSMargin returns the 95% margin of error of an NPS, in points, from the
// promoter and detractor shares p and d (0..1) and n answers, using the
// trinomial variance: 1.96 * sqrt((p + d - (p - d)^2) / n) * 100.
func NPSMargin(p, d float64, n int) float64 {
	if n <= 0 {
		return 0
	}
	v := p + d - (p-d)*(p-d)
	if v < 0 {
		v = 0
	}
	return Z95 * math.Sqrt(v/float64(n)) * 100
}

// NPSFromCounts returns the NPS of promoter, passive and detractor counts.
func NPSFromCounts(promoters, passives, detractors int) NPS {
	n := promoters + passives + detractors
	if promoters < 0 || passives < 0 || detractors < 0 {
		return NPS{Figure: missing("negative counts")}
	}
	if n == 0 {
		return NPS{Figure: missing("no answers")}
	}
	p, d := float64(promoters)/float64(n), float64(detractors)/float64(n)
	return NPS{
		Figure: figure(n, (p-d)*100, NPSMargin(p, d, n), true, -100, 100),
		Counts: true, Promoters: promoters, Passives: passives, Detractors: detractors,
	}
}

// NPSFromDistribution returns the NPS of a distribution of 0-10 answers
// (dist[i] answers of i; missing tail entries count as zero).
func NPSFromDistribution(dist []int) NPS {
	var p, pa, d int
	for i, c := range dist {
		switch {
		case i > 10:
		case i >= 9:
			p += c
		case i >= 7:
			pa += c
		default:
			d += c
		}
	}
	return NPSFromCounts(p, pa, d)
}

// NPSFromAnswers returns the NPS of raw 0-10 answers; an answer out of range
// makes the result missing.
func NPSFromAnswers(answers []int) NPS {
	var dist [11]int
	for _, a := range answers {
		if a < 0 || a > 10 {
			return NPS{Figure: missing(fmt.Sprintf("answer %d is outside 0..10", a))}
		}
		dist[a]++
	}
	return NPSFromDistribution(dist[:])
}

// NPSFromScore returns an NPS given only as a score and its n: it has no
// margin, since the margin needs the promoter/detractor split.
func NPSFromScore(score float64, n int) NPS {
	if n <= 0 {
		return NPS{Figure: missing("no answers")}
	}
	return NPS{Figure: figure(n, score, 0, false, -100, 100)}
}

// NPSOf returns the NPS of a map's nps measure, and whether there is one.
func NPSOf(x *journey.NPS) (NPS, bool) {
	if x == nil {
		return NPS{}, false
	}
	var r NPS
	switch {
	case x.Promoters != nil && x.Passives != nil && x.Detractors != nil:
		r = NPSFromCounts(*x.Promoters, *x.Passives, *x.Detractors)
	case x.Distribution != nil:
		r = NPSFromDistribution(x.Distribution)
	case x.Score != nil && x.N != nil:
		r = NPSFromScore(*x.Score, *x.N)
	case x.Score != nil:
		r = NPS{Figure: missing("nps score without n")}
	default:
		r = NPS{Figure: missing("incomplete nps")}
	}
	if r.OK {
		r.Origin = OriginInline
	}
	return r, r.OK
}

// easyFrom returns the lowest answer counted as easy on a CES scale.
func easyFrom(scale int) int {
	if scale == 5 {
		return 4
	}
	return 5
}

// CESFromDistribution returns the CES of answers 1..scale (dist[0] = answers
// of 1). reversed means 1 = least effort: answers are flipped so that
// higher = easier. Counts above the scale make the result missing.
func CESFromDistribution(dist []int, scale int, reversed bool) CES {
	if scale != 5 && scale != 7 {
		return CES{Figure: missing(fmt.Sprintf("ces scale %d (want 5 or 7)", scale)), Scale: scale}
	}
	norm := make([]int, scale)
	for i, c := range dist {
		if c == 0 {
			continue
		}
		if i >= scale || c < 0 {
			return CES{Figure: missing(fmt.Sprintf("ces answers of %d on a %d-point scale", i+1, scale)), Scale: scale}
		}
		j := i
		if reversed {
			j = scale - 1 - i
		}
		norm[j] += c
	}
	var n, sum, easy int
	for i, c := range norm {
		n += c
		sum += c * (i + 1)
		if i+1 >= easyFrom(scale) {
			easy += c
		}
	}
	if n == 0 {
		return CES{Figure: missing("no answers"), Scale: scale}
	}
	mean := float64(sum) / float64(n)
	var margin float64
	if n > 1 {
		var ss float64
		for i, c := range norm {
			dv := float64(i+1) - mean
			ss += float64(c) * dv * dv
		}
		margin = Z95 * math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
	}
	return CES{Figure: figure(n, mean, margin, n > 1, 1, float64(scale)), Scale: scale, Distribution: norm,
		Easy: float64(easy) / float64(n) * 100}
}

// CESFromMean returns a CES given as a mean and its n, with no distribution
// and so no margin and no percent easy. reversed flips the mean.
func CESFromMean(mean float64, n, scale int, reversed bool) CES {
	if scale != 5 && scale != 7 {
		return CES{Figure: missing(fmt.Sprintf("ces scale %d (want 5 or 7)", scale)), Scale: scale}
	}
	if n <= 0 {
		return CES{Figure: missing("no answers"), Scale: scale}
	}
	if mean < 1 || mean > float64(scale) {
		return CES{Figure: missing(fmt.Sprintf("ces mean %g outside 1..%d", mean, scale)), Scale: scale}
	}
	if reversed {
		mean = float64(scale+1) - mean
	}
	return CES{Figure: figure(n, mean, 0, false, 1, float64(scale)), Scale: scale}
}

// CESOf returns the CES of a map's ces measure, and whether there is one.
func CESOf(x *journey.CES) (CES, bool) {
	if x == nil {
		return CES{}, false
	}
	scale := x.Scale
	if scale == 0 {
		scale = 7
	}
	var r CES
	switch {
	case x.Distribution != nil:
		r = CESFromDistribution(x.Distribution, scale, x.Reversed)
	case x.Mean != nil && x.N != nil:
		r = CESFromMean(*x.Mean, *x.N, scale, x.Reversed)
	case x.Mean != nil:
		r = CES{Figure: missing("ces mean without n"), Scale: scale}
	default:
		r = CES{Figure: missing("incomplete ces"), Scale: scale}
	}
	if r.OK {
		r.Origin = OriginInline
	}
	return r, r.OK
}

// CSATFromCounts returns the CSAT of satisfied answers out of total, with the
// binomial 95% margin 1.96 * sqrt(s(1-s)/n) * 100.
func CSATFromCounts(satisfied, total int) CSAT {
	if total <= 0 {
		return CSAT{Figure: missing("no answers")}
	}
	if satisfied < 0 || satisfied > total {
		return CSAT{Figure: missing(fmt.Sprintf("satisfied %d of total %d", satisfied, total))}
	}
	s := float64(satisfied) / float64(total)
	return CSAT{
		Figure:    figure(total, s*100, Z95*math.Sqrt(s*(1-s)/float64(total))*100, true, 0, 100),
		Satisfied: satisfied, Total: total,
	}
}

// CSATFromDistribution returns the CSAT of answers 1..5 (dist[0] = answers of
// 1); satisfied = 4 and 5.
func CSATFromDistribution(dist []int) CSAT {
	var sat, total int
	d := make([]int, 5)
	for i, c := range dist {
		if c == 0 {
			continue
		}
		if i >= 5 || c < 0 {
			return CSAT{Figure: missing(fmt.Sprintf("csat answers of %d on a 1-5 scale", i+1))}
		}
		d[i] = c
		total += c
		if i >= 3 {
			sat += c
		}
	}
	r := CSATFromCounts(sat, total)
	if r.OK {
		r.Distribution = d
	}
	return r
}

// CSATOf returns the CSAT of a map's csat measure, and whether there is one.
func CSATOf(x *journey.CSAT) (CSAT, bool) {
	if x == nil {
		return CSAT{}, false
	}
	var r CSAT
	switch {
	case x.Distribution != nil:
		r = CSATFromDistribution(x.Distribution)
	case x.Satisfied != nil && x.Total != nil:
		r = CSATFromCounts(*x.Satisfied, *x.Total)
	default:
		r = CSAT{Figure: missing("incomplete csat")}
	}
	if r.OK {
		r.Origin = OriginInline
	}
	return r, r.OK
}
