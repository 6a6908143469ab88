package layout

import (
	"cmp"
	"math"
	"slices"
)

// SankeyNode is a node of a Sankey diagram: its column, the flow through
// it, and the height its label needs beside it. LayoutSankey sets X, Y, H.
type SankeyNode struct {
	Col    int
	Value  int64
	Sink   bool    // a drop-off: ordered last in its column
	LabelH float64 // mm the label beside the bar needs
	X, Y   float64 // the bar's top-left, mm
	H      float64 // the bar's height, mm
}

// SankeyLink is a flow from a node to one in the next column. LayoutSankey
// sets Y0 and Y1, the band's top at its source and at its target; the
// band is Value times the scale high.
type SankeyLink struct {
	From, To int
	Value    int64
	Y0, Y1   float64
	W        float64 // the band's height, mm
}

// Sankey is a Sankey diagram laid out in columns, left to right, flows
// drawn as bands as thick as their value.
type Sankey struct {
	Nodes []SankeyNode
	Links []SankeyLink
	W, H  float64 // mm the columns cover, the last column's labels included
	Scale float64 // mm per unit of value
}

// Sankey geometry, in mm.
const (
	// SankeyBar is the width of a node's bar.
	SankeyBar = 3.5
	// SankeyGap is the space between two columns' bars, where the labels
	// and the bands go.
	SankeyGap = 52.0
	sankeyPad = 2.0  // between two nodes of a column
	sankeyMin = 0.6  // the thinnest bar
	sankeyTop = 90.0 // the height the busiest column's flow gets
)

// LayoutSankey places nodes and links: columns left to right SankeyGap
// apart, each column's nodes top to bottom ordered to keep the bands from
// crossing (the first column by value, each next one by where its flow
// comes from, sinks last), each node given at least its label's height.
// Links must run from one column to the next.
func LayoutSankey(nodes []SankeyNode, links []SankeyLink) *Sankey {
	s := &Sankey{Nodes: nodes, Links: links}
	cols := 0
	for _, n := range nodes {
		cols = max(cols, n.Col+1)
	}
	byCol := make([][]int, cols)
	colSum := make([]int64, cols)
	for i, n := range nodes {
		byCol[n.Col] = append(byCol[n.Col], i)
		colSum[n.Col] += n.Value
	}
	if m := slices.Max(append(colSum, 1)); m > 0 {
		s.Scale = sankeyTop / float64(m)
	}
	in := make([][]int, len(nodes))
	out := make([][]int, len(nodes))
	for li, l := range links {
		out[l.From] = append(out[l.From], li)
		in[l.To] = append(in[l.To], li)
	}
	rank := make([]float64, len(nodes))
	for c, ids := range byCol {
		for _, i := range ids {
			rank[i] = s.barycentre(i, in[i], rank)
		}
		slices.SortStableFunc(ids, func(a, b int) int {
			na, nb := &nodes[a], &nodes[b]
			if na.Sink != nb.Sink {
				if na.Sink {
					return 1
				}
				return -1
			}
			if c > 0 {
				if r := cmp.Compare(rank[a], rank[b]); r != 0 {
					return r
				}
			}
			return cmp.Compare(nb.Value, na.Value)
		})
		y := 0.0
		for k, i := range ids {
			n := &nodes[i]
			rank[i] = float64(k)
			n.H = math.Max(sankeyMin, float64(n.Value)*s.Scale)
			slot := math.Max(n.H, n.LabelH)
			n.X, n.Y = float64(c)*(SankeyBar+SankeyGap), y+(slot-n.H)/2
			y += slot + sankeyPad
		}
		s.H = math.Max(s.H, y-sankeyPad)
	}
	s.W = float64(cols)*(SankeyBar+SankeyGap) - sankeyPad
	s.stack(out, in)
	return s
}

// barycentre is the mean rank of the sources flowing into a node, weighted
// by their flow: where the node sits best in its column.
func (s *Sankey) barycentre(i int, in []int, rank []float64) float64 {
	var sum, w float64
	for _, li := range in {
		v := float64(s.Links[li].Value)
		sum += v * rank[s.Links[li].From]
		w += v
	}
	if w == 0 {
		return math.Inf(1)
	}
	return sum / w
}

// stack stacks the bands on each bar: a node's outgoing bands in the order
// of their targets, its incoming ones in the order of their sources, each
// scaled to the bar when a thin bar was drawn thicker than its flow.
func (s *Sankey) stack(out, in [][]int) {
	for i := range s.Links {
		s.Links[i].W = float64(s.Links[i].Value) * s.Scale
	}
	for i := range s.Nodes {
		n := &s.Nodes[i]
		s.place(out[i], n, func(l *SankeyLink) *float64 { return &l.Y0 }, func(l *SankeyLink) float64 { return s.Nodes[l.To].Y })
		s.place(in[i], n, func(l *SankeyLink) *float64 { return &l.Y1 }, func(l *SankeyLink) float64 { return s.Nodes[l.From].Y })
	}
}

// place stacks the bands ls on node n from its top, ordered by the other
// end's position, centred on the bar when they are thinner than it.
func (s *Sankey) place(ls []int, n *SankeyNode, end func(*SankeyLink) *float64, other func(*SankeyLink) float64) {
	ls = slices.Clone(ls)
	slices.SortStableFunc(ls, func(a, b int) int { return cmp.Compare(other(&s.Links[a]), other(&s.Links[b])) })
	total := 0.0
	for _, li := range ls {
		total += s.Links[li].W
	}
	y := n.Y + math.Max(0, n.H-total)/2
	for _, li := range ls {
		*end(&s.Links[li]) = y
		y += s.Links[li].W
	}
}

// Band returns the closed outline of link l: its top edge from the source
// bar's right side to the target bar's left side as an S-curve, down its
// height, and back along its bottom edge.
func (s *Sankey) Band(l SankeyLink, ox, oy float64) []Seg {
	x0 := ox + s.Nodes[l.From].X + SankeyBar
	x1 := ox + s.Nodes[l.To].X
	xm := (x0 + x1) / 2
	t0, t1 := oy+l.Y0, oy+l.Y1
	b0, b1 := t0+l.W, t1+l.W
	return []Seg{
		{Op: MoveTo, P: [3]Point{{x0, t0}}},
		{Op: CubeTo, P: [3]Point{{xm, t0}, {xm, t1}, {x1, t1}}},
		{Op: LineTo, P: [3]Point{{x1, b1}}},
		{Op: CubeTo, P: [3]Point{{xm, b1}, {xm, b0}, {x0, b0}}},
		{Op: Close},
	}
}
