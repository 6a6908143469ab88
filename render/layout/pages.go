package layout

// MinScale is the smallest scale a map page is drawn at: below it the map
// is split across pages rather than shrunk out of legibility.
const MinScale = 0.75

// PageScene is one page of a paged document: a scene and where it goes.
type PageScene struct {
	Scene    *Scene
	Scale    float64 // scene millimetres per page millimetre
	X, Y     float64 // the scene's top-left corner on the page, mm
	Bookmark string  // an outline entry starting at this page, or ""
}

// Document lays out pages of w x h mm: the map (split by stage when it is
// too wide, lane labels repeated), a table of scores, and the lint
// findings when there are any. A cancelled render stops between pages
// with the pages so far: the caller checks Input.Err.
func (l *Layout) Document(w, h float64) []PageScene {
	views, scale := l.pages.views(w, h)
	scores := l.tables.scoresTable()
	findings := l.tables.findingsTable()
	// Count the pages first: the footers number them.
	tw, thh := w-2*Margin, h
	var scorePages, findingPages [][]int
	if scores != nil {
		scorePages = l.tables.paginate(scores, tw, thh)
	}
	if findings != nil {
		findingPages = l.tables.paginate(findings, tw, thh)
	}
	total := len(views) + len(scorePages) + len(findingPages)
	out := l.mapPages(views, scale, total, w, h)
	n := len(views)
	out = l.tablePages(out, scores, scorePages, n, total, w, h, l.Labels.Scores)
	n += len(scorePages)
	return l.tablePages(out, findings, findingPages, n, total, w, h, l.Labels.Findings)
}

// mapPages draws the map's page views at scale, numbered from 1 of total,
// centred on pages of w x h mm.
func (l *Layout) mapPages(views []View, scale float64, total int, w, h float64) []PageScene {
	var out []PageScene
	for i, v := range views {
		if l.Input.Err() != nil {
			break
		}
		v.Page, v.Pages = i+1, total
		if v.To <= v.From {
			// A cover page: the header alone, larger.
			v.PageW, v.PageH = w, h
			s := min(1, h/l.SceneH(v))
			v.PageW, v.PageH = w/s, h/s
			out = append(out, PageScene{Scene: l.Scene(v), Scale: s, Bookmark: l.m.Title})
			continue
		}
		sc := l.Scene(v)
		s := min(scale, w/sc.W, h/sc.H)
		ps := PageScene{Scene: sc, Scale: s, X: (w - sc.W*s) / 2, Y: 0}
		if i == 0 {
			ps.Bookmark = l.m.Title
		}
		out = append(out, ps)
	}
	return out
}

// tablePages appends the pages of table t (rows split as pages says) to
// out, numbered after the n pages before them; the first one opens an
// outline entry named bookmark.
func (l *Layout) tablePages(out []PageScene, t *table, pages [][]int, n, total int, w, h float64, bookmark string) []PageScene {
	for i, rows := range pages {
		if l.Input.Err() != nil {
			break
		}
		n++
		sc := l.tables.scene(t, rows, w, h, View{Page: n, Pages: total})
		ps := PageScene{Scene: sc, Scale: 1}
		if i == 0 {
			ps.Bookmark = bookmark
		}
		out = append(out, ps)
	}
	return out
}

// pageSplitter cuts the map into page views: lane groups that fit a page's
// height and column chunks that fit its width, breaking between stages.
// It asks the layout how large a view's scene is.
type pageSplitter struct {
	l    *Layout
	grid *grid
}

// views splits the map into page views and returns the scale they are
// drawn at.
func (p *pageSplitter) views(w, h float64) ([]View, float64) {
	l, cols := p.l, p.grid.cols
	full := l.Full()
	fw, fh := l.ContentW(full)+2*Margin, l.SceneH(full)
	if s := min(1, w/fw, h/fh); s >= MinScale || len(cols) == 0 {
		return p.onePage(full, s, w, h)
	}
	all := View{From: 0, To: len(cols), LaneFrom: 0, LaneTo: len(p.grid.lanes)}
	s := min(1, h/l.SceneH(all))
	var groups [][2]int
	if s < MinScale {
		s = MinScale
		groups = p.laneGroups(s, h)
	} else {
		groups = [][2]int{{0, len(p.grid.lanes)}}
	}
	var views []View
	for _, c := range p.columnChunks(w/s - 2*Margin - LabelW - LabelGap - chevron) {
		for _, g := range groups {
			views = append(views, View{From: c[0], To: c[1], LaneFrom: g[0], LaneTo: g[1]})
		}
	}
	// The full header goes on the first page when it fits there; otherwise
	// the map opens with a cover page of title and personas.
	first := views[0]
	first.Header = true
	if l.SceneH(first)*s <= h && (l.ContentW(first)+2*Margin)*s <= w {
		views[0] = first
	} else {
		views = append([]View{{Header: true}}, views...)
	}
	return views, s
}

// onePage fits the whole map (view full, at scale s at first) on one page:
// the scene takes the page's proportions, so the header can spread
// (personas beside the title) and the map grow.
func (p *pageSplitter) onePage(full View, s, w, h float64) ([]View, float64) {
	l := p.l
	gw := LabelW + LabelGap + p.grid.w() + chevron + 2*Margin
	for range 3 {
		full.PageW, full.PageH = w/s, h/s
		s = min(1, w/gw, h/l.SceneH(full))
	}
	full.PageW, full.PageH = w/s, h/s
	for i := 0; i < 5 && l.SceneH(full) > full.PageH+0.01; i++ {
		s *= full.PageH / l.SceneH(full)
		full.PageW, full.PageH = w/s, h/s
	}
	return []View{full}, s
}

// laneGroups returns the runs of lanes [start, end) that fit a page of
// height h at scale s.
func (p *pageSplitter) laneGroups(s, h float64) [][2]int {
	lanes := p.grid.lanes
	var groups [][2]int
	start := 0
	for start < len(lanes) {
		end := start + 1
		for end < len(lanes) && p.l.SceneH(View{From: 0, To: 1, LaneFrom: start, LaneTo: end + 1})*s <= h {
			end++
		}
		groups = append(groups, [2]int{start, end})
		start = end
	}
	return groups
}

// columnChunks returns the runs of columns [from, to) that fit room mm,
// broken between stages where a stage fits on a page of its own.
func (p *pageSplitter) columnChunks(room float64) [][2]int {
	cols := p.grid.cols
	var chunks [][2]int
	from := 0
	for from < len(cols) {
		to := from + 1
		for to < len(cols) && cols[to].x+cols[to].w-cols[from].x <= room {
			to++
		}
		if to < len(cols) && cols[to].stage == cols[to-1].stage {
			to = p.stageBreak(from, to, room)
		}
		chunks = append(chunks, [2]int{from, to})
		from = to
	}
	return chunks
}

// stageBreak is where a page of columns from..to-1 ends when column to
// continues its stage: before that stage instead, when the stage fits on
// the next page whole and this page stays well filled; else at to.
func (p *pageSplitter) stageBreak(from, to int, room float64) int {
	cols := p.grid.cols
	st := cols[to].stage
	first := to
	for first > from && cols[first-1].stage == st {
		first--
	}
	last := to
	for last+1 < len(cols) && cols[last+1].stage == st {
		last++
	}
	if first > from {
		fits := cols[last].x+cols[last].w-cols[first].x <= room
		full := cols[first-1].x+cols[first-1].w-cols[from].x >= 0.6*room
		if fits && full {
			return first
		}
	}
	return to
}
