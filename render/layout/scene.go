package layout

import "github.com/journey-cx/journey/render"

// Rect is an axis-aligned rectangle in millimetres, y growing downwards.
type Rect struct{ X, Y, W, H float64 }

// Right returns the right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom returns the bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Contains reports whether s lies inside r, allowing eps of slack.
func (r Rect) Contains(s Rect, eps float64) bool {
	return s.X >= r.X-eps && s.Y >= r.Y-eps && s.Right() <= r.Right()+eps && s.Bottom() <= r.Bottom()+eps
}

// Overlaps reports whether r and s share more than eps of area in both axes.
func (r Rect) Overlaps(s Rect, eps float64) bool {
	return r.X+eps < s.Right() && s.X+eps < r.Right() && r.Y+eps < s.Bottom() && s.Y+eps < r.Bottom()
}

// Point is a position in millimetres.
type Point struct{ X, Y float64 }

// Op is what an item draws.
type Op uint8

// The drawing operations.
const (
	OpRect   Op = iota // a rectangle, rounded with Radius
	OpCircle           // a circle of Radius centred in Rect
	OpPath             // an open or closed path of segments
	OpText             // lines of text
)

// Role says what an item stands for: back ends use it for SVG classes and
// tests use it to check the geometry.
type Role uint8

// The roles of items.
const (
	RoleDecor       Role = iota // backgrounds, rules, guides
	RoleTitle                   // the map title block
	RolePersona                 // a persona panel
	RoleStage                   // a stage header
	RoleLaneLabel               // a lane's name in the left column
	RoleAction                  // a customer action
	RoleCard                    // a touchpoint card
	RoleBadge                   // a moment-of-truth badge on a card
	RoleThought                 // a thought bubble
	RoleCurve                   // an emotion curve
	RolePoint                   // an emotion point
	RolePain                    // a pain note
	RoleOpportunity             // an opportunity note
	RoleMetric                  // a metrics box
	RoleTable                   // a table cell (scores, findings)
	RoleFooter                  // page furniture
	RoleEdge                    // a flow edge of the graph view, or its arrowhead
)

var roleNames = [...]string{"decor", "title", "persona", "stage", "lane-label", "action", "card", "badge", "thought",
	"curve", "point", "pain", "opportunity", "metric", "table", "footer", "edge"}

// String returns the role's name, used as an SVG class.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "item"
}

// IsBox reports whether items of the role are boxes holding text, which
// must not overlap one another.
func (r Role) IsBox() bool {
	switch r {
	case RoleAction, RoleCard, RoleThought, RolePain, RoleOpportunity, RoleMetric, RoleStage, RolePersona, RoleLaneLabel:
		return true
	}
	return false
}

// SegOp is a path segment kind.
type SegOp uint8

// The path segment kinds.
const (
	MoveTo SegOp = iota
	LineTo
	CubeTo // P[0], P[1] control points, P[2] end
	Close
)

// Seg is one path segment.
type Seg struct {
	Op SegOp
	P  [3]Point
}

// Line is one line of text placed on the page: its left end on the baseline.
type Line struct {
	X, Y float64 // baseline start, mm
	W    float64 // measured width, mm
	S    string
}

// Item is one thing drawn: a rectangle, circle, path or text. Items are
// drawn in order.
type Item struct {
	Op     Op
	Role   Role
	Rect   Rect    // the rectangle, the circle's bounds, or the text's box
	Radius float64 // corner radius (rect) or radius (circle)

	Fill    render.Color
	HasFill bool
	Stroke  render.Color
	StrokeW float64   // 0 = no stroke
	Dash    []float64 // dash pattern, mm; nil = solid
	Round   bool      // round caps and joins

	Path []Seg // OpPath

	// Text (OpText).
	Font  FontID
	Size  float64 // points
	Color render.Color
	Lines []Line

	Parent int    // index of the box holding this text, or -1
	ID     string // a stable id for the element (touchpoint or stage id), or ""
	Title  string // the full text when Lines show it cut short, or ""
}

// Scene is one drawing: a page of a PDF, or the whole map for SVG and PNG.
type Scene struct {
	W, H       float64 // mm
	Items      []Item
	Background render.Color

	cancel func() error // the render's Input.Err; nil never cancels
}

// Err reports whether the render the scene belongs to was cancelled
// (Ctrl-C, SIGTERM): back ends check it between items and stop with it.
func (s *Scene) Err() error {
	if s == nil || s.cancel == nil {
		return nil
	}
	return s.cancel()
}

// Add appends it to the scene and returns its index: for drawings other
// than the map (the graph view) built from their own positions.
func (s *Scene) Add(it Item) int { return s.add(it) }

// Text places block b with its box's top-left at (x, y), aligned in width
// w, each line's glyphs centred in its leading, and returns its index (-1
// for an empty block). parent is the index of the box holding the text, or
// -1.
func (s *Scene) Text(role Role, b Block, x, y, w float64, align Align, c render.Color, parent int, fs *Fonts) int {
	return s.text(role, b, x, y, w, align, c, parent, fs)
}

// add appends it and returns its index.
func (s *Scene) add(it Item) int {
	s.Items = append(s.Items, it)
	return len(s.Items) - 1
}

func (s *Scene) rect(role Role, r Rect, radius float64, fill render.Color) int {
	return s.add(Item{Op: OpRect, Role: role, Rect: r, Radius: radius, Fill: fill, HasFill: true, Parent: -1})
}

func (s *Scene) box(role Role, r Rect, radius float64, fill, stroke render.Color, sw float64) int {
	return s.add(Item{Op: OpRect, Role: role, Rect: r, Radius: radius, Fill: fill, HasFill: true, Stroke: stroke, StrokeW: sw, Parent: -1})
}

func (s *Scene) hline(x0, x1, y float64, c render.Color, w float64, dash []float64) {
	s.add(Item{Op: OpPath, Role: RoleDecor, Stroke: c, StrokeW: w, Dash: dash, Parent: -1,
		Rect: Rect{x0, y - w/2, x1 - x0, w},
		Path: []Seg{{Op: MoveTo, P: [3]Point{{x0, y}}}, {Op: LineTo, P: [3]Point{{x1, y}}}}})
}

func (s *Scene) vline(x, y0, y1 float64, c render.Color, w float64, dash []float64) {
	s.add(Item{Op: OpPath, Role: RoleDecor, Stroke: c, StrokeW: w, Dash: dash, Parent: -1,
		Rect: Rect{x - w/2, y0, w, y1 - y0},
		Path: []Seg{{Op: MoveTo, P: [3]Point{{x, y0}}}, {Op: LineTo, P: [3]Point{{x, y1}}}}})
}

func (s *Scene) circle(role Role, cx, cy, r float64, fill render.Color, hasFill bool, stroke render.Color, sw float64) int {
	return s.add(Item{Op: OpCircle, Role: role, Rect: Rect{cx - r, cy - r, 2 * r, 2 * r}, Radius: r,
		Fill: fill, HasFill: hasFill, Stroke: stroke, StrokeW: sw, Parent: -1})
}

// text places block b with its box's top-left at (x, y), aligned in width w.
func (s *Scene) text(role Role, b Block, x, y, w float64, align Align, c render.Color, parent int, fs *Fonts) int {
	if b.Empty() {
		return -1
	}
	f := fs.Faces[b.Font]
	sz := b.Size * PtToMM
	// Centre the glyphs' ascent+descent in each line's leading.
	base := (b.Lead-(f.Asc+f.Desc)*sz)/2 + f.Asc*sz
	it := Item{Op: OpText, Role: role, Font: b.Font, Size: b.Size, Color: c, Parent: parent,
		Rect: Rect{x, y, w, b.H()}}
	it.Lines = make([]Line, len(b.Lines))
	for i, l := range b.Lines {
		lx := x
		switch align {
		case Center:
			lx = x + (w-b.Widths[i])/2
		case Right:
			lx = x + w - b.Widths[i]
		}
		it.Lines[i] = Line{X: lx, Y: y + base + float64(i)*b.Lead, W: b.Widths[i], S: l}
	}
	return s.add(it)
}

// Align is a horizontal text alignment.
type Align uint8

// The alignments.
const (
	Left Align = iota
	Center
	Right
)

// TextBounds returns the box the lines of a text item actually cover.
func (it *Item) TextBounds(fs *Fonts) Rect {
	if len(it.Lines) == 0 {
		return Rect{}
	}
	f := fs.Faces[it.Font]
	sz := it.Size * PtToMM
	x0, x1 := it.Lines[0].X, it.Lines[0].X
	for _, l := range it.Lines {
		x0 = min(x0, l.X)
		x1 = max(x1, l.X+l.W)
	}
	y0 := it.Lines[0].Y - f.Asc*sz
	y1 := it.Lines[len(it.Lines)-1].Y + f.Desc*sz
	return Rect{x0, y0, x1 - x0, y1 - y0}
}
