package layout

import (
	"math"
	"testing"
)

// TestLayoutSankey checks the geometry every flow view relies on: bars
// as tall as their flow, no two nodes of a column overlapping (labels
// included), sinks last, each band inside the bars at both its ends and as
// thick as its value, and bands leaving a bar in the order of their
// targets so they don't cross.
func TestLayoutSankey(t *testing.T) {
	cases := []struct {
		name  string
		nodes []SankeyNode
		links []SankeyLink
	}{
		{"one path", []SankeyNode{{Col: 0, Value: 10}, {Col: 1, Value: 10}, {Col: 2, Value: 10, Sink: true}},
			[]SankeyLink{{From: 0, To: 1, Value: 10}, {From: 1, To: 2, Value: 10}}},
		{"split and drop-off", []SankeyNode{
			{Col: 0, Value: 100, LabelH: 6}, {Col: 1, Value: 60, LabelH: 6}, {Col: 1, Value: 30, LabelH: 6}, {Col: 1, Value: 10, Sink: true, LabelH: 6},
			{Col: 2, Value: 55, LabelH: 6}, {Col: 2, Value: 35, Sink: true, LabelH: 6}},
			[]SankeyLink{{From: 0, To: 3, Value: 10}, {From: 0, To: 2, Value: 30}, {From: 0, To: 1, Value: 60},
				{From: 1, To: 4, Value: 55}, {From: 1, To: 5, Value: 5}, {From: 2, To: 5, Value: 30}}},
		{"tiny flows get readable slots", []SankeyNode{{Col: 0, Value: 100000, LabelH: 6}, {Col: 0, Value: 1, LabelH: 6}, {Col: 1, Value: 100001, Sink: true, LabelH: 6}},
			[]SankeyLink{{From: 0, To: 2, Value: 100000}, {From: 1, To: 2, Value: 1}}},
		{"crossing sources are reordered", []SankeyNode{
			{Col: 0, Value: 50}, {Col: 0, Value: 40}, {Col: 1, Value: 40}, {Col: 1, Value: 50}},
			[]SankeyLink{{From: 0, To: 3, Value: 50}, {From: 1, To: 2, Value: 40}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := LayoutSankey(tc.nodes, tc.links)
			const eps = 1e-6
			for i, n := range s.Nodes {
				if want := math.Max(sankeyMin, float64(n.Value)*s.Scale); math.Abs(n.H-want) > eps {
					t.Errorf("node %d: bar %.3f mm high, want %.3f", i, n.H, want)
				}
				if n.X != float64(n.Col)*(SankeyBar+SankeyGap) {
					t.Errorf("node %d of column %d at x %.2f", i, n.Col, n.X)
				}
				if top, bottom := slot(n); top < -eps || bottom > s.H+eps || n.X+SankeyBar > s.W+eps {
					t.Errorf("node %d at %+v is outside the %.1f x %.1f diagram", i, n, s.W, s.H)
				}
				for j, o := range s.Nodes {
					if j <= i || o.Col != n.Col {
						continue
					}
					a0, a1 := slot(n)
					b0, b1 := slot(o)
					if a0 < b1-eps && b0 < a1-eps {
						t.Errorf("nodes %d and %d of column %d overlap: [%.2f %.2f] and [%.2f %.2f]", i, j, n.Col, a0, a1, b0, b1)
					}
					if n.Sink != o.Sink && (n.Sink == (n.Y < o.Y)) {
						t.Errorf("column %d: a sink above a node (%d at %.1f, %d at %.1f)", n.Col, i, n.Y, j, o.Y)
					}
				}
			}
			for i, l := range s.Links {
				if math.Abs(l.W-float64(l.Value)*s.Scale) > eps {
					t.Errorf("link %d: %.3f mm thick for %d", i, l.W, l.Value)
				}
				from, to := s.Nodes[l.From], s.Nodes[l.To]
				if l.Y0 < from.Y-eps || l.Y0+l.W > from.Y+from.H+eps || l.Y1 < to.Y-eps || l.Y1+l.W > to.Y+to.H+eps {
					t.Errorf("link %d (%+v) leaves its bars %+v and %+v", i, l, from, to)
				}
				for j, o := range s.Links {
					if j != i && o.From == l.From && (s.Nodes[o.To].Y < to.Y) != (o.Y0 < l.Y0) {
						t.Errorf("links %d and %d leave node %d out of their targets' order", i, j, l.From)
					}
				}
				if band := s.Band(l, 0, 0); len(band) != 5 || band[0].P[0].Y != l.Y0 {
					t.Errorf("link %d: band %v", i, band)
				}
			}
		})
	}
	s := LayoutSankey(cases[3].nodes, cases[3].links)
	if s.Nodes[3].Y > s.Nodes[2].Y {
		t.Errorf("the target of the top source is drawn below the other: %+v", s.Nodes)
	}
}

// slot is the part of its column a node takes: its bar, or its label
// when that is taller, centred on the bar.
func slot(n SankeyNode) (float64, float64) {
	h := math.Max(n.H, n.LabelH)
	top := n.Y - (h-n.H)/2
	return top, top + h
}
