package layout

// View selects the part of the map one scene draws.
type View struct {
	From, To         int     // columns [From, To)
	LaneFrom, LaneTo int     // lanes [LaneFrom, LaneTo)
	Header           bool    // the full header (title, description, personas); else one line
	Page, Pages      int     // page number and count for the footer; 0 = no page number
	PageW, PageH     float64 // the scene's size when it is a page (mm); 0 = as large as the map
	NoLegend         bool    // a footer without the colour legend (table pages)
}

// Full returns the view of the whole map with its full header.
func (l *Layout) Full() View {
	return View{From: 0, To: len(l.grid.cols), LaneFrom: 0, LaneTo: len(l.grid.lanes), Header: true}
}

// cover reports whether v is a cover page: the header and an overview, no
// grid.
func (v View) cover() bool { return v.Header && v.To <= v.From }

// ContentW returns the width of a view's scene without margins.
func (l *Layout) ContentW(v View) float64 {
	if v.PageW > 0 {
		return v.PageW - 2*Margin
	}
	w := LabelW + LabelGap + l.grid.viewW(v) + chevron
	if v.Header {
		w = max(w, minWidth)
	}
	return w
}

// SceneH returns the height of a view's scene, margins included, without
// building it.
func (l *Layout) SceneH(v View) float64 {
	return Margin + l.headerH(v) + headerGap + l.grid.height(v) + footerH + bottomMargin
}

// headerH is the height of a view's header: the full one (and the
// overview on a cover) or the one-line title.
func (l *Layout) headerH(v View) float64 {
	if v.Header {
		h := l.head.measure(l.ContentW(v)).h
		if v.cover() {
			h += headerGap + l.overview.build(l.ContentW(v)).h
		}
		return h
	}
	return l.head.compact(l.ContentW(v)).H()
}

const (
	laneTopGap   = 3.0
	bottomMargin = 8.0
)

// Scene draws view v.
func (l *Layout) Scene(v View) *Scene {
	th := l.Theme
	cw := l.ContentW(v)
	s := &Scene{W: cw + 2*Margin, H: l.SceneH(v), Background: th.Background, cancel: l.Input.Err}
	s.Items = make([]Item, 0, 64+40*(v.To-v.From)) // about what a touchpoint draws
	y := Margin
	if v.PageW > 0 {
		s.W, s.H = v.PageW, v.PageH
		if v.cover() {
			y = max(Margin, (s.H-l.headerH(v)-footerH-bottomMargin)/4)
		}
	}
	s.rect(RoleDecor, Rect{0, 0, s.W, s.H}, 0, th.Background)
	if v.Header {
		l.head.draw(s, l.head.measure(cw), Margin, y, cw)
		y += l.head.measure(cw).h
		if v.cover() {
			y += headerGap
			l.overview.draw(s, l.overview.build(cw), Margin, y, cw)
		}
	} else {
		b := l.head.compact(cw)
		t := s.text(RoleTitle, b, Margin, y, cw, Left, th.Ink, -1, l.Fonts)
		_ = t
		y += b.H()
	}
	y += headerGap
	l.paint.drawGrid(s, v, Margin, y)
	l.foot.draw(s, v, Margin, s.H-bottomMargin-footerH+5, cw)
	return s
}
