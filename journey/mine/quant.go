package mine

import (
	"math"
	"slices"
)

// exactCap is how many values a quant keeps exactly; past it, every value
// goes into a histogram of buckets under 0.8% wide (see bucketOf).
const exactCap = 64

// quant collects durations for the median and p90. It is exact up to
// exactCap values; beyond, a quantile is the lower bound of its bucket,
// within 0.8% below the exact figure (and exact for whole seconds up to
// 255). Which mode a quant is in depends only on how many values it holds,
// so merging per-shard quants gives the same figures in whatever order the
// cases were processed.
type quant struct {
	vals []float64
	oct  []*octave // histogram mode when non-nil
	zero uint64    // values <= 0, in histogram mode
	n    uint64
}

// octave counts the values of one binary exponent in 128 buckets.
type octave struct {
	exp  uint32
	bins [128]uint64
}

// bucketOf splits a positive value into its float exponent and the top 7
// bits of its mantissa.
func bucketOf(v float64) (exp uint32, bin int) {
	b := math.Float64bits(v)
	return uint32(b >> 52), int(b>>45) & 127
}

func bucketValue(exp uint32, bin int) float64 {
	return math.Float64frombits(uint64(exp)<<52 | uint64(bin)<<45)
}

func (q *quant) put(v float64, n uint64) {
	if v <= 0 {
		q.zero += n
		return
	}
	e, b := bucketOf(v)
	for _, o := range q.oct {
		if o.exp == e {
			o.bins[b] += n
			return
		}
	}
	o := &octave{exp: e}
	o.bins[b] = n
	q.oct = append(q.oct, o)
}

func (q *quant) add(v float64) {
	q.n++
	if q.oct != nil {
		q.put(v, 1)
		return
	}
	if q.vals == nil {
		q.vals = make([]float64, 0, 8)
	}
	q.vals = append(q.vals, v)
	if len(q.vals) > exactCap {
		q.toHist()
	}
}

func (q *quant) toHist() {
	q.oct = make([]*octave, 0, 4)
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
	if q.oct == nil && o.oct == nil && len(q.vals)+len(o.vals) <= exactCap {
		q.vals = append(q.vals, o.vals...)
		return
	}
	if q.oct == nil {
		q.toHist()
	}
	for _, v := range o.vals {
		q.put(v, 1)
	}
	q.zero += o.zero
	for _, x := range o.oct {
		for b, c := range x.bins {
			if c > 0 {
				q.put(bucketValue(x.exp, b), c)
			}
		}
	}
}

// quantile returns the p-quantile (0..1), interpolating linearly between
// order statistics when exact (the median of an even count is the mean of
// the two middle values); 0 without values.
func (q *quant) quantile(p float64) float64 {
	if q.n == 0 {
		return 0
	}
	if q.oct == nil {
		s := slices.Clone(q.vals)
		slices.Sort(s)
		r := p * float64(len(s)-1)
		i := int(math.Floor(r))
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (r-float64(i))*(s[i+1]-s[i])
	}
	rank := uint64(math.Floor(p * float64(q.n-1)))
	if rank < q.zero {
		return 0
	}
	seen := q.zero
	oct := slices.Clone(q.oct)
	slices.SortFunc(oct, func(a, b *octave) int { return int(a.exp) - int(b.exp) })
	for _, o := range oct {
		for b, c := range o.bins {
			seen += c
			if seen > rank {
				return bucketValue(o.exp, b)
			}
		}
	}
	return 0
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
