package serve

import (
	_ "embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	rhtml "github.com/journey-cx/journey/render/html"
)

//go:embed assets/serve.js
var serveJS []byte

//go:embed assets/serve.css
var serveCSS string

// assets are the only files served besides the renders, by name.
var assets = map[string]struct {
	typ  string
	data []byte
}{
	"serve.js":  {"text/javascript; charset=utf-8", serveJS},
	"serve.css": {"text/css; charset=utf-8", []byte(serveCSS + string(rhtml.TablesCSS()))},
}

func serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := assets[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.typ)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(a.data)))
	w.Write(a.data)
}

// mapURL is the page of the map named name, each path segment escaped.
func mapURL(name string) template.URL {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return template.URL("/map/" + strings.Join(parts, "/"))
}

// indexRow is one map on the index.
type indexRow struct {
	Name     string
	URL      template.URL
	Title    string
	Model    string
	Pending  bool // not rendered yet
	OK       bool
	Problem  string
	NErrors  int // validation errors
	Counts   [3]int
	Headline []headline
}

type indexPage struct {
	Instance string
	Version  int64
	Paths    string
	Maps     []indexRow
}

func (s *Server) indexData() indexPage {
	s.mu.Lock()
	p := indexPage{Instance: s.instance, Version: s.version, Paths: strings.Join(s.opts.Paths, " ")}
	s.mu.Unlock()
	for _, name := range s.names() {
		e := s.lookup(name)
		if e == nil {
			continue
		}
		row := indexRow{Name: name, URL: mapURL(name), Title: name, Pending: true}
		if st := e.current(); st != nil {
			row = indexRow{Name: name, URL: row.URL, Title: st.Title, Model: st.Model, OK: st.OK, Problem: st.Problem,
				NErrors: st.NErrors, Counts: st.Counts, Headline: st.Headline}
		}
		p.Maps = append(p.Maps, row)
	}
	return p
}

type mapPage struct {
	Name, Title, View, Instance string
	Version, SVGVersion         int64
	Index, MapView, GraphView   template.URL
	ObservedView                template.URL // "" when the map declares no event logs
	SVGURL                      template.URL
	OK, Pending                 bool
	Problem                     string
	Picture                     template.HTML
	Errors, Findings, Scores    template.HTML
	Notes                       []string
}

func (s *Server) mapData(r *http.Request, e *entry, st *state, view string) mapPage {
	u := mapURL(e.name)
	p := mapPage{Name: e.name, Title: e.name, View: view, Instance: e.s.instance, Index: "/", MapView: u, GraphView: u + "?view=graph",
		SVGURL: template.URL(strings.Replace(string(u), "/map/", "/svg/", 1)), Pending: st == nil}
	if view != "map" {
		p.SVGURL += template.URL("?view=" + view)
	}
	if st == nil {
		p.Problem = "still rendering…"
		return p
	}
	p.Title, p.Version, p.SVGVersion, p.OK, p.Problem = st.Title, st.Version, st.SVGVersion, st.OK, st.Problem
	p.Errors, p.Findings, p.Scores, p.Notes = st.Errors, st.Findings, st.Scores, st.Notes
	if st.Input != nil && len(st.Input.Map.Events) > 0 && e.s.opts.Observed != nil {
		p.ObservedView = u + "?view=observed"
	}
	if st.SVG != nil {
		p.Picture = template.HTML(pictureHTML(r, e, st, view))
	}
	return p
}

// pictureHTML is the picture of a map page: the renderer's SVG without its
// XML declaration, or the graph or observed view, or why there is none.
func pictureHTML(r *http.Request, e *entry, st *state, view string) string {
	if view == "map" {
		return string(rhtml.StripXMLDecl(st.SVG))
	}
	g, err := e.viewOf(r.Context(), st, view)
	if err != nil {
		return `<p class="problem">` + template.HTMLEscapeString(err.Error()) + `</p>`
	}
	return string(rhtml.StripXMLDecl(g))
}

// The templates are parsed on first use: journey's start-up pays nothing.
var (
	indexRowsTmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("rows").Parse(indexRowsHTML)) })
	indexTmpl     = sync.OnceValue(func() *template.Template {
		return template.Must(template.Must(indexRowsTmpl().Clone()).New("index").Parse(indexHTML))
	})
	mapTmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("map").Parse(mapHTML)) })
)

const indexRowsHTML = `{{range .Maps}}<tr data-map="{{.Name}}"{{if and (not .OK) (not .Pending)}} class="bad"{{end}}>
<th scope="row"><a href="{{.URL}}">{{.Title}}</a><div class="file">{{.Name}}</div></th>
<td>{{.Model}}</td>
<td class="lint">{{if .Pending}}rendering…{{else if .Problem}}<span class="err">{{.Problem}}</span>{{else if not .OK}}<span class="err">invalid: {{.NErrors}} error{{if ne .NErrors 1}}s{{end}}</span>{{else}}{{with index .Counts 0}}<span class="err">{{.}} error{{if ne . 1}}s{{end}}</span> {{end}}{{with index .Counts 1}}<span class="warn">{{.}} warning{{if ne . 1}}s{{end}}</span> {{end}}{{if and (eq (index .Counts 0) 0) (eq (index .Counts 1) 0)}}<span class="ok">clean</span>{{end}}{{end}}</td>
<td class="scores">{{range .Headline}}<span class="kpi">{{.Metric}} <b>{{.Value}}</b>{{if .Status}} <small>({{.Status}})</small>{{end}}</span> {{end}}</td>
</tr>
{{else}}<tr><td colspan="4">No map files (*.journey.yaml) under {{.Paths}} yet: create one and it appears here.</td></tr>
{{end}}`

const indexHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>journey serve</title>
<link rel="stylesheet" href="/assets/serve.css">
<script src="/assets/serve.js" defer></script>
</head>
<body data-page="index" data-version="{{.Version}}" data-instance="{{.Instance}}">
<header class="bar"><h1>Journey maps</h1><span class="paths">{{.Paths}}</span><span id="status" role="status"></span></header>
<main class="index">
<table class="maps">
<thead><tr><th scope="col">Map</th><th scope="col">Model</th><th scope="col">Lint</th><th scope="col">Scores</th></tr></thead>
<tbody id="rows">{{template "rows" .}}</tbody>
</table>
</main>
</body>
</html>
`

const mapHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · journey serve</title>
<link rel="stylesheet" href="/assets/serve.css">
<script src="/assets/serve.js" defer></script>
</head>
<body data-page="map" data-map="{{.Name}}" data-view="{{.View}}" data-version="{{.Version}}" data-svg-version="{{.SVGVersion}}" data-instance="{{.Instance}}">
<header class="bar">
<a class="back" href="{{.Index}}">← All maps</a>
<h1 id="title">{{.Title}}</h1>
<nav class="views" aria-label="View">
<a href="{{.MapView}}"{{if eq .View "map"}} aria-current="page"{{end}}>Map</a>
<a href="{{.GraphView}}"{{if eq .View "graph"}} aria-current="page"{{end}}>Graph</a>
{{if .ObservedView}}<a href="{{.ObservedView}}"{{if eq .View "observed"}} aria-current="page"{{end}}>Observed</a>{{end}}
<a href="{{.SVGURL}}">SVG</a>
</nav>
<span id="status" role="status"></span>
</header>
<div class="work">
<section class="stage" aria-label="Picture">
<div id="overlay" class="overlay"{{if .OK}} hidden{{end}}><p id="problem" class="problem">{{.Problem}}</p><div id="errors">{{.Errors}}</div></div>
<div id="picture" class="picture{{if not .OK}} stale{{end}}" tabindex="0">{{.Picture}}</div>
</section>
<aside class="side">
<ul id="notes" class="notes">{{range .Notes}}<li>{{.}}</li>{{end}}</ul>
<div id="findings">{{.Findings}}</div>
</aside>
</div>
<section id="scores" class="score-section">{{.Scores}}</section>
</body>
</html>
`
