package html

// pageHTML is the export's page. Every value it prints is escaped by
// html/template; the SVG comes from the renderer, which escapes the map's
// text itself.
const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="journey">
<title>{{.Title}}</title>
<style>{{.CSS}}{{.PageCSS}}</style>
</head>
<body>
<a class="skip" href="#map">{{.L.Skip}}</a>
<div class="screen">
<header class="top">
<h1>{{.Title}}</h1>
{{- if .Meta}}<p class="meta">{{.Meta}}</p>{{end}}
{{- if .Description}}<p class="desc">{{.Description}}</p>{{end}}
</header>
{{- if .Filters}}
<form class="filters" aria-label="{{.L.Filters}}" id="filters">
{{- range .Filters}}
<label>{{.Label}} <select name="{{.Key}}" data-filter="{{.Key}}"><option value="">{{$.L.All}}</option>
{{- range .Options}}<option value="{{.Value}}">{{.Label}}</option>{{end}}</select></label>
{{- end}}
<button type="reset">{{.L.Clear}}</button>
<output id="filter-status" aria-live="polite"></output>
</form>
{{- end}}
<main>
<div class="layout">
<section id="map" class="map" aria-label="{{.L.Map}}" tabindex="0">
{{.SVG}}
</section>
<aside id="details" class="details" aria-labelledby="details-h">
<h2 id="details-h">{{.L.Details}}</h2>
<div id="details-body" aria-live="polite"><p class="hint">{{.L.Hint}}</p></div>
</aside>
</div>
<nav class="tplist" aria-labelledby="tplist-h">
<h2 id="tplist-h">{{.L.Touchpoints}}</h2>
<ol class="stages">
{{- range .Stages}}
<li><span class="stage-name">{{.Name}}</span><ul>
{{- range .Touchpoints}}<li><button type="button" data-tp="{{.ID}}" aria-controls="details">{{.Name}}</button></li>{{end}}
</ul></li>
{{- end}}
</ol>
</nav>
{{- if .Curves}}
<section class="curves" aria-labelledby="curves-h">
<h2 id="curves-h">{{.L.Emotions}}</h2>
{{- range .Curves}}
<figure class="curve-fig"{{if .Key}} data-persona="{{.Key}}"{{end}}><figcaption>{{.Title}}</figcaption>{{.Chart}}</figure>
{{- end}}
</section>
{{- end}}
{{- if .Scores}}
<section class="score-section" aria-label="{{.L.Touchpoints}}: NPS, CES, CSAT">
{{.Scores}}
</section>
{{- end}}
{{.Findings}}
</main>
</div>
<div class="print-pages" aria-hidden="true">
{{- range .Pages}}
<div class="print-page"><img src="{{.Src}}" alt="{{.Alt}}"></div>
{{- end}}
</div>
<script type="application/json" id="journey-data">{{.Data}}</script>
<script>{{.Script}}</script>
</body>
</html>
`
