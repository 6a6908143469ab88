package layout

import "math"

// smooth returns a smooth path through pts (sorted by x) as cubic segments,
// using monotone cubic Hermite interpolation (Fritsch-Carlson): the curve
// never overshoots between two points, so it stays within the range of the
// values it joins. Control points sit at thirds of each interval, so x is
// linear in the curve parameter.
func smooth(pts []Point) []Seg {
	n := len(pts)
	if n == 0 {
		return nil
	}
	segs := []Seg{{Op: MoveTo, P: [3]Point{pts[0]}}}
	if n == 1 {
		return segs
	}
	d := make([]float64, n-1) // secant slopes
	for i := 0; i < n-1; i++ {
		dx := pts[i+1].X - pts[i].X
		if dx <= 0 {
			dx = 1e-9
		}
		d[i] = (pts[i+1].Y - pts[i].Y) / dx
	}
	m := make([]float64, n) // tangents
	m[0], m[n-1] = d[0], d[n-2]
	for i := 1; i < n-1; i++ {
		if d[i-1]*d[i] <= 0 {
			m[i] = 0
		} else {
			m[i] = (d[i-1] + d[i]) / 2
		}
	}
	for i := 0; i < n-1; i++ {
		if d[i] == 0 {
			m[i], m[i+1] = 0, 0
			continue
		}
		a, b := m[i]/d[i], m[i+1]/d[i]
		if s := a*a + b*b; s > 9 {
			t := 3 / math.Sqrt(s)
			m[i], m[i+1] = t*a*d[i], t*b*d[i]
		}
	}
	for i := 0; i < n-1; i++ {
		p0, p1 := pts[i], pts[i+1]
		h := (p1.X - p0.X) / 3
		segs = append(segs, Seg{Op: CubeTo, P: [3]Point{{p0.X + h, p0.Y + m[i]*h}, {p1.X - h, p1.Y - m[i+1]*h}, p1}})
	}
	return segs
}

// clipX cuts a path made by smooth to the band x0 <= x <= x1. Because x is
// linear in each segment's parameter, a segment splits exactly where it
// crosses an edge.
func clipX(segs []Seg, x0, x1 float64) []Seg {
	if len(segs) == 0 {
		return nil
	}
	var out []Seg
	cur := segs[0].P[0]
	pen := false
	for _, s := range segs[1:] {
		if s.Op != CubeTo {
			continue
		}
		p0, c1, c2, p3 := cur, s.P[0], s.P[1], s.P[2]
		cur = p3
		if p3.X <= x0 || p0.X >= x1 || p3.X <= p0.X {
			pen = false
			continue
		}
		t0 := math.Max(0, (x0-p0.X)/(p3.X-p0.X))
		t1 := math.Min(1, (x1-p0.X)/(p3.X-p0.X))
		q0, q1, q2, q3 := subCubic(p0, c1, c2, p3, t0, t1)
		if !pen || t0 > 0 {
			out = append(out, Seg{Op: MoveTo, P: [3]Point{q0}})
		}
		out = append(out, Seg{Op: CubeTo, P: [3]Point{q1, q2, q3}})
		pen = t1 >= 1
	}
	return out
}

// subCubic returns the part of a cubic between parameters t0 and t1.
func subCubic(p0, p1, p2, p3 Point, t0, t1 float64) (Point, Point, Point, Point) {
	if t0 > 0 {
		_, _, _, _, p0, p1, p2, p3 = splitCubic(p0, p1, p2, p3, t0)
		t1 = (t1 - t0) / (1 - t0)
	}
	if t1 < 1 {
		p0, p1, p2, p3, _, _, _, _ = splitCubic(p0, p1, p2, p3, t1)
	}
	return p0, p1, p2, p3
}

// splitCubic splits a cubic at t (de Casteljau).
func splitCubic(p0, p1, p2, p3 Point, t float64) (a0, a1, a2, a3, b0, b1, b2, b3 Point) {
	lerp := func(a, b Point) Point { return Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }
	p01, p12, p23 := lerp(p0, p1), lerp(p1, p2), lerp(p2, p3)
	p012, p123 := lerp(p01, p12), lerp(p12, p23)
	m := lerp(p012, p123)
	return p0, p01, p012, m, m, p123, p23, p3
}

// bounds returns the bounding box of a path's points and control points
// (a cubic lies within its control polygon).
func bounds(segs []Seg) Rect {
	first := true
	var x0, y0, x1, y1 float64
	add := func(p Point) {
		if first {
			x0, y0, x1, y1 = p.X, p.Y, p.X, p.Y
			first = false
			return
		}
		x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
	}
	for _, s := range segs {
		switch s.Op {
		case MoveTo, LineTo:
			add(s.P[0])
		case CubeTo:
			add(s.P[0])
			add(s.P[1])
			add(s.P[2])
		}
	}
	return Rect{x0, y0, x1 - x0, y1 - y0}
}
