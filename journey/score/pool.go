package score

import (
	"fmt"
	"math"
)

// combine returns the origin of a roll-up of a and b.
func combine(a, b Origin) Origin {
	switch {
	case a == OriginNone:
		return b
	case b == OriginNone || a == b:
		return a
	}
	return OriginMixed
}

// PoolNPS rolls NPS figures up into one: it pools the counts when every
// figure has them (so the margin is defined), and otherwise weights the
// scores by n (no margin). Missing figures are left out; with none left the
// result is missing.
func PoolNPS(parts ...NPS) NPS {
	var n, p, pa, d, k int
	var sum float64
	counts := true
	origin := OriginNone
	for _, x := range parts {
		if !x.OK {
			continue
		}
		k++
		n += x.N
		sum += x.Value * float64(x.N)
		origin = combine(origin, x.Origin)
		if x.Counts {
			p, pa, d = p+x.Promoters, pa+x.Passives, d+x.Detractors
		} else {
			counts = false
		}
	}
	if k == 0 || n == 0 {
		return NPS{Figure: missing("no nps data")}
	}
	var r NPS
	if counts {
		r = NPSFromCounts(p, pa, d)
	} else {
		r = NPS{Figure: figure(n, sum/float64(n), 0, false, -100, 100)}
	}
	r.Origin = origin
	return r
}

// PoolCES rolls CES figures of one scale up into one: it pools the
// distributions when every figure has one (margin and percent easy defined),
// and otherwise weights the means by n. Figures on different scales are not
// pooled: the result is missing.
func PoolCES(parts ...CES) CES {
	var n, k, scale int
	var sum float64
	dists := true
	origin := OriginNone
	var dist []int
	for _, x := range parts {
		if !x.OK {
			continue
		}
		if scale != 0 && x.Scale != scale {
			return CES{Figure: missing(fmt.Sprintf("mixed ces scales (%d and %d points)", min(scale, x.Scale), max(scale, x.Scale)))}
		}
		scale = x.Scale
		k++
		n += x.N
		sum += x.Value * float64(x.N)
		origin = combine(origin, x.Origin)
		if x.Distribution == nil {
			dists = false
			continue
		}
		if dist == nil {
			dist = make([]int, scale)
		}
		for i, c := range x.Distribution {
			dist[i] += c
		}
	}
	if k == 0 || n == 0 {
		return CES{Figure: missing("no ces data")}
	}
	var r CES
	if dists {
		r = CESFromDistribution(dist, scale, false)
	} else {
		r = CES{Figure: figure(n, sum/float64(n), 0, false, 1, float64(scale)), Scale: scale}
	}
	r.Origin = origin
	return r
}

// PoolCSAT rolls CSAT figures up into one by pooling satisfied and total
// answers (every CSAT form has them).
func PoolCSAT(parts ...CSAT) CSAT {
	var sat, total, k int
	dists := true
	origin := OriginNone
	dist := make([]int, 5)
	for _, x := range parts {
		if !x.OK {
			continue
		}
		k++
		sat += x.Satisfied
		total += x.Total
		origin = combine(origin, x.Origin)
		if x.Distribution == nil {
			dists = false
			continue
		}
		for i, c := range x.Distribution {
			dist[i] += c
		}
	}
	if k == 0 || total == 0 {
		return CSAT{Figure: missing("no csat data")}
	}
	r := CSATFromCounts(sat, total)
	if dists {
		r.Distribution = dist
	}
	r.Origin = origin
	return r
}

// Delta is the change of a figure between two measurements, with the 95%
// margin of that change when both figures have a margin.
type Delta struct {
	OK          bool    // false when either figure is missing or they cannot be compared
	Missing     string  // why there is no delta
	Change      float64 // after - before, in the figures' units
	Margin      float64 // 95% margin of the change: sqrt(m1^2 + m2^2); meaningful only with HasMargin
	HasMargin   bool    // both figures have margins
	Significant bool    // HasMargin and |Change| > Margin (a two-sided test at 5%, independent samples)
}

// Compare returns the change from before to after, and whether it is
// significant at 95% (for NPS, CES and CSAT figures alike). Compare CES
// figures only on the same scale (see CompareCES).
func Compare(before, after Figure) Delta {
	switch {
	case !before.OK && !after.OK:
		return Delta{Missing: "no figure before or after"}
	case !before.OK:
		return Delta{Missing: "no figure before"}
	case !after.OK:
		return Delta{Missing: "no figure after"}
	}
	d := Delta{OK: true, Change: after.Value - before.Value}
	if before.HasMargin && after.HasMargin {
		d.Margin = math.Hypot(before.Margin, after.Margin)
		d.HasMargin = true
		d.Significant = math.Abs(d.Change) > d.Margin
	}
	return d
}

// CompareNPS returns the change of an NPS, with its significance.
func CompareNPS(before, after NPS) Delta { return Compare(before.Figure, after.Figure) }

// CompareCES returns the change of a CES; figures on different scales are
// not compared.
func CompareCES(before, after CES) Delta {
	if before.OK && after.OK && before.Scale != after.Scale {
		return Delta{Missing: fmt.Sprintf("ces scales differ (%d and %d points)", before.Scale, after.Scale)}
	}
	return Compare(before.Figure, after.Figure)
}

// CompareCSAT returns the change of a CSAT, with its significance.
func CompareCSAT(before, after CSAT) Delta { return Compare(before.Figure, after.Figure) }
