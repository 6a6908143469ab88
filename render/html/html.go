// Package html writes a journey map as one self-contained, interactive
// HTML page: the map as the same SVG the renderer writes, every
// touchpoint's details on hover, tap or keyboard focus, filters by
// persona, channel and owner that fade the rest, the emotion curve of each
// persona, the score and findings tables, and print styles that print the
// PDF's own pages. Everything is inlined (fonts, styles, script, page
// images): the page makes no network request, and a Content-Security-Policy
// forbids it any.
//
// User text is escaped by html/template or goes in a JSON block that the
// script reads with textContent only: a hostile map runs no script.
//
// The tables and findings are also exported as fragments (Scores,
// Findings), so that journey serve shows the same ones.
package html

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
	"github.com/journey-cx/journey/render/layout"
)

//go:embed assets/export.js
var exportJS string

//go:embed assets/export.css
var exportCSS string

//go:embed assets/tables.css
var tablesCSS string

// TablesCSS is the style sheet of the Scores and Findings fragments.
func TablesCSS() template.CSS { return template.CSS(tablesCSS) }

// scriptHash is the CSP source of the page's only script.
var scriptHash = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(exportJS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
})

// Write writes the map of in as one self-contained HTML page.
func Write(w io.Writer, in *render.Input) error {
	l, err := layout.New(in)
	if err != nil {
		return err
	}
	var svg bytes.Buffer
	if err := draw.WriteSVG(&svg, draw.MapDoc(l), l.Scene(l.Full())); err != nil {
		return err
	}
	pages, err := printPages(l, in)
	if err != nil {
		return err
	}
	data, err := json.Marshal(pageData(in, l.Labels))
	if err != nil {
		return err
	}
	lb := l.Labels
	m := in.Map
	paper, err := render.ParsePaper(in.Paper)
	if err != nil {
		return err
	}
	p := page{
		Lang:        lb.Lang,
		Title:       m.Title,
		Description: strings.TrimSpace(m.Description),
		Meta:        metaLine(m, lb),
		SVG:         template.HTML(StripXMLDecl(svg.Bytes())),
		Data:        template.JS(data),
		Script:      template.JS(exportJS),
		CSS:         template.CSS(exportCSS + tablesCSS),
		CSP:         "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src " + scriptHash(),
		PageCSS:     template.CSS(fmt.Sprintf("@page{size:%gmm %gmm;margin:0}.print-page{width:%gmm;height:%gmm}", paper.H, paper.W, paper.H, paper.W)),
		Pages:       pages,
		Filters:     filters(m, lb),
		Stages:      stageList(m),
		Curves:      curves(in, lb),
		Scores:      Scores(in),
		Findings:    Findings(in.Findings, nil, lb),
		L:           words(lb),
	}
	return pageTmpl().Execute(w, p)
}

// StripXMLDecl drops the XML declaration that starts a standalone SVG, so
// the drawing can go inside an HTML page.
func StripXMLDecl(svg []byte) []byte {
	if bytes.HasPrefix(svg, []byte("<?xml")) {
		if i := bytes.IndexByte(svg, '\n'); i >= 0 {
			return svg[i+1:]
		}
	}
	return svg
}

// page is what the page template fills in.
type page struct {
	Lang, Title, Description, Meta string
	SVG                            template.HTML
	Data                           template.JS
	Script                         template.JS
	CSS, PageCSS                   template.CSS
	CSP                            string
	Pages                          []printPage
	Filters                        []filter
	Stages                         []stageItem
	Curves                         []curve
	Scores, Findings               template.HTML
	L                              pageWords
}

// pageWords are the page's own words in the map's language.
type pageWords struct {
	Map, Details, Filters, All, Touchpoints, Emotions, Hint, Skip, Clear string
}

func words(lb render.Labels) pageWords {
	if lb.Lang == "es" {
		return pageWords{Map: "Mapa", Details: "Detalle del punto de contacto", Filters: "Filtros", All: "Todos",
			Touchpoints: lb.Touchpoints, Emotions: lb.Emotions, Skip: "Saltar al mapa", Clear: "Quitar filtros",
			Hint: "Pase el ratón, toque o elija un punto de contacto para ver todo lo que el mapa dice de él."}
	}
	return pageWords{Map: "Map", Details: "Touchpoint details", Filters: "Filters", All: "All",
		Touchpoints: lb.Touchpoints, Emotions: lb.Emotions, Skip: "Skip to the map", Clear: "Clear filters",
		Hint: "Hover, tap or pick a touchpoint to see everything the map holds about it."}
}

// metaLine is the line under the title: state, owner, model, tags.
func metaLine(m *journey.Map, lb render.Labels) string {
	var parts []string
	if m.State == "future" {
		parts = append(parts, lb.Future)
	} else {
		parts = append(parts, lb.Current)
	}
	if m.Owner != "" {
		parts = append(parts, lb.Owner+": "+m.Owner)
	}
	if m.Model != "" {
		parts = append(parts, "model: "+m.Model)
	}
	if len(m.Tags) > 0 {
		parts = append(parts, "#"+strings.Join(m.Tags, " #"))
	}
	return strings.Join(parts, " · ")
}

// filter is one select of the filter bar.
type filter struct {
	Key, Label string
	Options    []option
}

type option struct{ Value, Label string }

func filters(m *journey.Map, lb render.Labels) []filter {
	var out []filter
	if len(m.Personas) > 1 {
		f := filter{Key: "persona", Label: lb.Persona}
		for i, p := range m.Personas {
			f.Options = append(f.Options, option{personaKey(m, i), nameOr(p.Name, p.ID)})
		}
		out = append(out, f)
	}
	if len(m.Channels) > 0 {
		f := filter{Key: "channel", Label: lb.Channel}
		for _, c := range m.Channels {
			f.Options = append(f.Options, option{c.ID, nameOr(c.Name, c.ID)})
		}
		out = append(out, f)
	}
	if len(m.Owners) > 0 {
		f := filter{Key: "owner", Label: lb.Owner}
		for _, o := range m.Owners {
			f.Options = append(f.Options, option{o.ID, nameOr(o.Name, o.ID)})
		}
		out = append(out, f)
	}
	return out
}

// personaKey is the id the page uses for persona i: its id, or its index.
func personaKey(m *journey.Map, i int) string {
	if id := m.Personas[i].ID; id != "" {
		return id
	}
	return fmt.Sprintf("persona-%d", i+1)
}

// stageItem is one stage of the touchpoint list, the keyboard's way into
// the map.
type stageItem struct {
	Name        string
	Touchpoints []tpItem
}

type tpItem struct{ ID, Name string }

func stageList(m *journey.Map) []stageItem {
	out := make([]stageItem, len(m.Stages))
	for i := range m.Stages {
		st := &m.Stages[i]
		out[i].Name = nameOr(st.Name, st.ID)
		for j := range st.Touchpoints {
			tp := &st.Touchpoints[j]
			out[i].Touchpoints = append(out[i].Touchpoints, tpItem{ID: tp.ID, Name: nameOr(tp.Name, tp.ID)})
		}
	}
	return out
}

// printPage is one page of the PDF, as an SVG image for print.
type printPage struct {
	Src template.URL
	Alt string
}

// printPages draws the PDF's pages as standalone SVG images: printing the
// page prints the same pages as journey render -o map.pdf.
func printPages(l *layout.Layout, in *render.Input) ([]printPage, error) {
	paper, err := render.ParsePaper(in.Paper)
	if err != nil {
		return nil, err
	}
	pw, ph := paper.H, paper.W
	doc := draw.MapDoc(l)
	pages := l.Document(pw, ph)
	out := make([]printPage, len(pages))
	lb := l.Labels
	for i, pg := range pages {
		var b bytes.Buffer
		if err := writePage(&b, doc, pg, pw, ph); err != nil {
			return nil, err
		}
		out[i] = printPage{
			Src: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(b.Bytes())),
			Alt: fmt.Sprintf("%s %d %s %d", lb.Page, i+1, lb.Of, len(pages)),
		}
	}
	return out, nil
}

// writePage writes one page of pw x ph mm holding the page's scene, drawn
// by draw.WriteSVG, at its place and scale.
func writePage(w io.Writer, doc draw.Doc, pg layout.PageScene, pw, ph float64) error {
	var inner bytes.Buffer
	if err := draw.WriteSVG(&inner, doc, pg.Scene); err != nil {
		return err
	}
	svg := StripXMLDecl(inner.Bytes())
	end := bytes.IndexByte(svg, '>')
	if !bytes.HasPrefix(svg, []byte("<svg ")) || end < 0 {
		return fmt.Errorf("html: unexpected SVG from the renderer")
	}
	head := sizeAttrs.ReplaceAllLiteral(svg[:end], nil)
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%gmm" height="%gmm" viewBox="0 0 %g %g">`, pw, ph, pw, ph)
	fmt.Fprintf(w, `<rect width="%g" height="%g" fill="%s"/>`, pw, ph, pg.Scene.Background.Hex())
	w.Write(head)
	fmt.Fprintf(w, ` x="%g" y="%g" width="%g" height="%g"`, pg.X, pg.Y, pg.Scene.W*pg.Scale, pg.Scene.H*pg.Scale)
	w.Write(svg[end:])
	_, err := io.WriteString(w, "</svg>\n")
	return err
}

// sizeAttrs are the width and height of the renderer's SVG, replaced when
// it is placed on a page.
var sizeAttrs = regexp.MustCompile(` (width|height)="[0-9.]+"`)

func nameOr(name, id string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	return id
}

// statusWord names a figure's status against its target.
func statusWord(lb render.Labels, st score.Status) string {
	switch st {
	case score.StatusMet:
		return lb.Met
	case score.StatusUncertain:
		return lb.Uncertain
	case score.StatusMissed:
		return lb.Missed
	}
	return ""
}

// The templates are parsed on first use: journey's start-up pays nothing.
var pageTmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("page").Parse(pageHTML)) })
