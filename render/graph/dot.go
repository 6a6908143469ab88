// Package graph draws the touchpoint flow of a journey map as a graph: one
// node per touchpoint, filled with its emotion colour and grouped in one
// cluster per stage, where they stack in a column; one edge per `next` link
// (journey.Map.Flow), so loops back, self-loops and branches all show. Edges
// that go back in file order are dashed.
//
// WriteDOT writes the graph in the DOT language (--format dot). Job.Render
// has it laid out by an Engine, builds a render/layout Scene from the
// positions, and writes it with the map's own back ends (render/draw), theme
// and font as SVG, PDF or PNG (--view graph): text measured with the font's
// advances, kept as text in SVG and PDF. ParseLayout reads Graphviz's json0
// layout, which is what engines usually give.
//
// This package runs no program and looks nothing up: the engine is the
// caller's. The command line's (internal/graphhelper) runs Graphviz in a
// separate process: the journey-graphviz helper (built on go-graphviz, which
// embeds Graphviz compiled to WebAssembly and pays a compile in every
// process that links it, so journey itself must not), or Graphviz's own dot
// when it is installed.
package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// graph is the flow graph of a map, with every node's text laid out.
type graph struct {
	title    string
	stages   []stageNode
	nodes    []node // every touchpoint in file order, then empty-stage placeholders
	edges    []edge
	spacers  [][2]string // invisible edges that keep the stages in order
	fontName string
}

type stageNode struct {
	id, name string
	nodes    []int // indexes into graph.nodes
}

type node struct {
	id      string // DOT node id: the touchpoint id, or "stage:<id>" for an empty stage
	tp      *journey.Touchpoint
	stage   int
	order   int          // file order
	name    layout.Block // the name's lines, bold
	meta    layout.Block // one line: emotion, moment of truth, channel; or empty
	emotion float64
	hasEmo  bool
	moment  bool
	w, h    float64 // size in mm, for a fixed-size layout
}

type edge struct {
	tail, head int  // indexes into graph.nodes
	back       bool // goes back (or stays) in file order: a loop
	flipped    bool // written head -> tail with dir=back: see writeDOT
}

// build makes the graph of in's map and lays out every node's text.
func build(in *render.Input, fonts *layout.Fonts) (*graph, error) {
	m := in.Map
	if m == nil {
		return nil, errors.New("graph: no map to draw")
	}
	lb := in.Labels()
	g := &graph{title: m.Title, fontName: "Arial"}
	index := map[string]int{}
	order := 0
	for si := range m.Stages {
		st := &m.Stages[si]
		sn := stageNode{id: st.ID, name: nameOr(st.Name, st.ID)}
		for ti := range st.Touchpoints {
			tp := &st.Touchpoints[ti]
			if _, dup := index[tp.ID]; dup {
				continue // validation reports duplicate ids; draw the first
			}
			n := node{id: tp.ID, tp: tp, stage: si, order: order}
			order++
			n.emotion, n.hasEmo = tp.MeanEmotion()
			n.moment = tp.MomentOfTruth != ""
			n.name, n.meta = nodeText(fonts, tp, m, lb)
			n.w, n.h = nodeSize(n.name, n.meta)
			index[tp.ID] = len(g.nodes)
			sn.nodes = append(sn.nodes, len(g.nodes))
			g.nodes = append(g.nodes, n)
		}
		g.stages = append(g.stages, sn)
	}
	// Empty stages get a placeholder so the gap shows.
	for si := range g.stages {
		if len(g.stages[si].nodes) > 0 {
			continue
		}
		n := node{id: "stage:" + m.Stages[si].ID, stage: si, order: -1, name: wrap(fonts, "—", tName, textWidth, 1)}
		n.w, n.h = nodeSize(n.name, n.meta)
		g.stages[si].nodes = append(g.stages[si].nodes, len(g.nodes))
		g.nodes = append(g.nodes, n)
	}

	flow := m.Flow()
	for i := range g.nodes {
		n := &g.nodes[i]
		if n.tp == nil {
			continue
		}
		seen := map[string]bool{}
		for _, next := range flow[n.tp.ID] {
			j, ok := index[next]
			if !ok || seen[next] {
				continue // an unknown id is a validation error; a repeat adds nothing
			}
			seen[next] = true
			e := edge{tail: i, head: j, back: g.nodes[j].order <= n.order}
			e.flipped = !e.back && g.nodes[j].stage == n.stage
			g.edges = append(g.edges, e)
		}
	}
	// Keep the stages left to right, their first touchpoints level, even
	// where no flow edge links them.
	for si := 0; si+1 < len(g.stages); si++ {
		a, b := g.stages[si].nodes[0], g.stages[si+1].nodes[0]
		g.spacers = append(g.spacers, [2]string{g.nodes[a].id, g.nodes[b].id})
	}
	return g, nil
}

// WriteDOT writes the flow graph of in's map in the DOT language. Every
// piece of user text is a quoted, escaped DOT string; the output is the same
// for the same map.
func WriteDOT(w io.Writer, in *render.Input) error {
	fonts, err := loadFonts()
	if err != nil {
		return err
	}
	g, err := build(in, fonts)
	if err != nil {
		return err
	}
	return g.writeDOT(w, theme(in), false)
}

// writeDOT writes g. fixed gives every node its measured size (for the
// layout journey draws itself) and leaves out the title, which journey
// draws; without it the DOT is for Graphviz to draw, with labels it sizes.
func (g *graph) writeDOT(w io.Writer, th render.Theme, fixed bool) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	font := quote(g.fontName)
	p("digraph journey {\n")
	p("\tgraph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.45, fontname=%s, bgcolor=%s", font, quote(th.Background.Hex()))
	if !fixed {
		p(", label=%s, labelloc=t, fontsize=16", quoteLabel(g.title))
	}
	p("];\n")
	p("\tnode [shape=box, style=\"rounded,filled\", fontname=%s, fontsize=9, penwidth=1, color=%s, margin=\"0.08,0.05\"];\n", font, quote(th.CardBorder.Hex()))
	p("\tedge [color=%s, arrowsize=0.7, penwidth=1];\n", quote(th.Muted.Hex()))
	for si, st := range g.stages {
		p("\tsubgraph %s {\n", quote(fmt.Sprintf("cluster_%d", si)))
		p("\t\tlabel=%s; labeljust=l; fontsize=11; style=\"rounded,filled\"; color=%s; fillcolor=%s; fontcolor=%s; margin=10;\n",
			quoteLabel(clip(st.name, 80)), quote(th.StageFill.Hex()), quote(th.StageFill.Hex()), quote(th.StageText.Hex()))
		for _, i := range st.nodes {
			n := &g.nodes[i]
			fill := th.EmotionColor(n.emotion)
			if !n.hasEmo {
				fill = th.CardFill
			}
			p("\t\t%s [label=%s, fillcolor=%s, fontcolor=%s", quote(n.id), quoteLabel(n.label()), quote(fill.Hex()), quote(contrast(fill, th).Hex()))
			if n.tp != nil && n.tp.Name != "" {
				p(", tooltip=%s", quoteLabel(clip(n.tp.Name, 500)))
			}
			if n.tp == nil {
				p(", style=\"rounded,dashed\", color=%s", quote(th.Faint.Hex()))
			} else if n.moment {
				p(", color=%s, penwidth=2", quote(th.Accent.Hex()))
			}
			if fixed {
				p(", fixedsize=true, width=%s, height=%s", inches(n.w), inches(n.h))
			}
			p("];\n")
		}
		// One rank per stage: its touchpoints stack in a column.
		p("\t\t{rank=same;")
		for _, i := range st.nodes {
			p(" %s;", quote(g.nodes[i].id))
		}
		p("}\n")
		p("\t}\n")
	}
	for _, e := range g.edges {
		tail, head := quote(g.nodes[e.tail].id), quote(g.nodes[e.head].id)
		switch {
		case e.back:
			p("\t%s -> %s [style=dashed, color=%s, constraint=false];\n", tail, head, quote(th.Accent.Hex()))
		case e.flipped:
			// Within a stage's column Graphviz stacks a chain upwards; written
			// reversed and drawn backwards, it reads top to bottom.
			p("\t%s -> %s [dir=back];\n", head, tail)
		case g.nodes[e.tail].stage != g.nodes[e.head].stage:
			p("\t%s -> %s [weight=0];\n", tail, head)
		default:
			p("\t%s -> %s;\n", tail, head)
		}
	}
	for _, s := range g.spacers {
		p("\t%s -> %s [style=invis, weight=10];\n", quote(s[0]), quote(s[1]))
	}
	p("}\n")
	return bw.Flush()
}

// label is the node's text for Graphviz: the name lines, then the meta line.
func (n *node) label() string {
	lines := slices.Clone(n.name.Lines)
	lines = append(lines, n.meta.Lines...)
	return strings.Join(lines, "\n")
}

// inches formats mm as inches for Graphviz.
func inches(mm float64) string { return fmt.Sprintf("%.3f", mm/25.4) }

// quote returns s as a DOT double-quoted string for an id or a plain
// attribute: quotes and backslashes are escaped, control characters and line
// breaks become spaces.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteLabel returns s as a DOT string for a label-like attribute (an
// escString): a backslash is doubled so Graphviz shows it instead of reading
// \N, \G or \l; a quote is escaped; a line break becomes \n; other control
// characters become spaces.
func quoteLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// theme returns in's theme, the default one when unset.
func theme(in *render.Input) render.Theme {
	if in.Theme.Name == "" {
		return render.Default
	}
	return in.Theme
}

// contrast returns the text colour that reads on fill.
func contrast(fill render.Color, th render.Theme) render.Color {
	l := 0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)
	if l < 140 {
		return render.Color{R: 255, G: 255, B: 255}
	}
	return th.Ink
}

// nameOr returns name, or id when name is blank.
func nameOr(name, id string) string {
	if strings.TrimSpace(name) == "" {
		return id
	}
	return name
}

// clip cuts s to n characters, the last an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
