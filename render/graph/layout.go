package graph

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Layout is a graph laid out by Graphviz, read from its json0 output.
// Coordinates are in points, y up, as Graphviz gives them.
type Layout struct {
	BB       Rect
	Clusters map[string]Cluster // by subgraph name
	Nodes    map[string]Node    // by node name
	Edges    []Edge
}

// Rect is an axis-aligned box: lower-left (X0, Y0), upper-right (X1, Y1).
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Point is a position.
type Point struct{ X, Y float64 }

// Cluster is a laid-out subgraph.
type Cluster struct {
	Name  string
	BB    Rect
	Label Point // the label's centre; zero without a label
}

// Node is a laid-out node: its centre and size (points).
type Node struct {
	Name string
	Pos  Point
	W, H float64
}

// Edge is a laid-out edge: a B-spline as cubic Bézier control points
// (1 + 3n of them), and the arrowhead tip when there is one.
type Edge struct {
	Tail, Head string
	Points     []Point
	End        *Point // arrowhead tip at the head
	Start      *Point // arrowhead tip at the tail
	Invisible  bool
}

type jsonGraph struct {
	BB      string    `json:"bb"`
	Objects []jsonObj `json:"objects"`
	Edges   []jsonObj `json:"edges"`
}

type jsonObj struct {
	GVID   int     `json:"_gvid"`
	Name   string  `json:"name"`
	BB     string  `json:"bb"`
	LP     string  `json:"lp"`
	Pos    string  `json:"pos"`
	Width  string  `json:"width"`
	Height string  `json:"height"`
	Style  string  `json:"style"`
	Nodes  []int   `json:"nodes"`
	Tail   *int    `json:"tail"`
	Head   *int    `json:"head"`
	Label  *string `json:"label"`
}

// ParseLayout reads Graphviz's json or json0 output (dot -Tjson0).
func ParseLayout(data []byte) (*Layout, error) {
	var jg jsonGraph
	if err := json.Unmarshal(data, &jg); err != nil {
		return nil, fmt.Errorf("reading the layout: %w", err)
	}
	l := &Layout{Clusters: map[string]Cluster{}, Nodes: map[string]Node{}}
	var err error
	if l.BB, err = parseRect(jg.BB); err != nil {
		return nil, fmt.Errorf("reading the layout: graph bb: %w", err)
	}
	byID := map[int]string{}
	for _, o := range jg.Objects {
		if o.Pos == "" {
			// A subgraph: a cluster has a box; a plain one (rank=same) does not.
			if o.BB == "" {
				continue
			}
			c := Cluster{Name: o.Name}
			if c.BB, err = parseRect(o.BB); err != nil {
				return nil, fmt.Errorf("reading the layout: cluster %q: %w", o.Name, err)
			}
			if o.LP != "" {
				if c.Label, err = parsePoint(o.LP); err != nil {
					return nil, fmt.Errorf("reading the layout: cluster %q label: %w", o.Name, err)
				}
			}
			l.Clusters[o.Name] = c
			continue
		}
		n := Node{Name: o.Name}
		if n.Pos, err = parsePoint(o.Pos); err != nil {
			return nil, fmt.Errorf("reading the layout: node %q: %w", o.Name, err)
		}
		w, err1 := strconv.ParseFloat(o.Width, 64)
		h, err2 := strconv.ParseFloat(o.Height, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("reading the layout: node %q has no size", o.Name)
		}
		n.W, n.H = w*72, h*72
		l.Nodes[o.Name] = n
		byID[o.GVID] = o.Name
	}
	for _, e := range jg.Edges {
		if e.Tail == nil || e.Head == nil {
			return nil, fmt.Errorf("reading the layout: edge %d has no ends", e.GVID)
		}
		t, okT := byID[*e.Tail]
		h, okH := byID[*e.Head]
		if !okT || !okH {
			return nil, fmt.Errorf("reading the layout: edge %d joins unknown nodes", e.GVID)
		}
		ed := Edge{Tail: t, Head: h, Invisible: strings.Contains(e.Style, "invis")}
		if !ed.Invisible {
			if err := ed.parseSpline(e.Pos); err != nil {
				return nil, fmt.Errorf("reading the layout: edge %s -> %s: %w", t, h, err)
			}
		}
		l.Edges = append(l.Edges, ed)
	}
	return l, nil
}

// parseSpline reads "e,x,y s,x,y x1,y1 x2,y2 ..." (several splines are
// separated by ';': the first is kept).
func (e *Edge) parseSpline(s string) error {
	s, _, _ = strings.Cut(s, ";")
	for _, f := range strings.Fields(s) {
		switch {
		case strings.HasPrefix(f, "e,"):
			p, err := parsePoint(f[2:])
			if err != nil {
				return err
			}
			e.End = &p
		case strings.HasPrefix(f, "s,"):
			p, err := parsePoint(f[2:])
			if err != nil {
				return err
			}
			e.Start = &p
		default:
			p, err := parsePoint(f)
			if err != nil {
				return err
			}
			e.Points = append(e.Points, p)
		}
	}
	if len(e.Points) < 4 || (len(e.Points)-1)%3 != 0 {
		return fmt.Errorf("spline of %d points", len(e.Points))
	}
	return nil
}

func parsePoint(s string) (Point, error) {
	f := strings.Split(s, ",")
	if len(f) < 2 {
		return Point{}, fmt.Errorf("bad point %q", s)
	}
	x, err1 := strconv.ParseFloat(f[0], 64)
	y, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil {
		return Point{}, fmt.Errorf("bad point %q", s)
	}
	return Point{x, y}, nil
}

func parseRect(s string) (Rect, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return Rect{}, fmt.Errorf("bad box %q", s)
	}
	var v [4]float64
	for i := range f {
		x, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return Rect{}, fmt.Errorf("bad box %q", s)
		}
		v[i] = x
	}
	return Rect{v[0], v[1], v[2], v[3]}, nil
}
