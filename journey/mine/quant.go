package mine

import (
	"math"
	"slices"
)

// exactCap is how many values a quant keeps exactly; past it, every value
// goes into a log histogram whose buckets are under 0.8% wide and stand for the
// smallest value they hold (so whole seconds stay whole).
const exactCap = 256

// quant collects durations for the median and p90. It is exact up to
// exactCap values; beyond, quantiles are within 1% (the smallest value of the quantile's bucket). Which mode a quant is
// in depends only on how many values it holds, so merging per-shard quants
// gives the same figures in whatever order the cases were processed.
type quant struct {
	vals []float64
	hist map[int32]bin
	n    uint64
}

// bin is one histogram bucket: its count and its smallest value.
type bin struct {
	n   uint64
	min float64
}

func (q *quant) put(v float64, n uint64) {
	b := bucketOf(v)
	x, ok := q.hist[b]
	if !ok || v < x.min {
		x.min = v
	}
	x.n += n
	q.hist[b] = x
}

// bucketOf returns v's histogram bucket: the exponent and top 7 mantissa
// bits of the float, so a bucket spans under 0.8% of its values.
func bucketOf(v float64) int32 {
	if v <= 0 {
		return math.MinInt32
	}
	return int32(math.Float64bits(v) >> 45)
}

func (q *quant) add(v float64) {
	q.n++
	if q.hist != nil {
		q.put(v, 1)
		return
	}
	q.vals = append(q.vals, v)
	if len(q.vals) > exactCap {
		q.toHist()
	}
}

func (q *quant) toHist() {
	q.hist = make(map[int32]bin, 64)
	for _, v := range q.vals {
		q.put(v, 1)
	}
	q.vals = nil
}

func (q *quant) merge(o *quant) {
	if o.n == 0 {
		return
	}
	q.n += o.n
	if q.hist == nil && o.hist == nil && len(q.vals)+len(o.vals) <= exactCap {
		q.vals = append(q.vals, o.vals...)
		return
	}
	if q.hist == nil {
		q.toHist()
	}
	for _, v := range o.vals {
		q.put(v, 1)
	}
	for _, x := range o.hist {
		q.put(x.min, x.n)
	}
}

// quantile returns the p-quantile (0..1), interpolating linearly between
// order statistics when exact (the median of an even count is the mean of
// the two middle values); 0 without values.
func (q *quant) quantile(p float64) float64 {
	if q.n == 0 {
		return 0
	}
	if q.hist == nil {
		s := slices.Clone(q.vals)
		slices.Sort(s)
		r := p * float64(len(s)-1)
		i := int(math.Floor(r))
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (r-float64(i))*(s[i+1]-s[i])
	}
	keys := make([]int32, 0, len(q.hist))
	for b := range q.hist {
		keys = append(keys, b)
	}
	slices.Sort(keys)
	rank := uint64(math.Floor(p * float64(q.n-1)))
	var seen uint64
	for _, b := range keys {
		seen += q.hist[b].n
		if seen > rank {
			return q.hist[b].min
		}
	}
	return q.hist[keys[len(keys)-1]].min
}

// medianP90 returns the median and the p90, rounded to the millisecond.
func (q *quant) medianP90() (float64, float64) {
	return round(q.quantile(0.5), 3), round(q.quantile(0.9), 3)
}

// round rounds v to d decimals.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}
