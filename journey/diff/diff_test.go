package diff_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/lint"
)

func side(t *testing.T, path string) diff.Side {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load(path, src, journey.Options{})
	if m == nil {
		t.Fatalf("%s: %v", path, diags)
	}
	return diff.Side{Name: path, Map: m, Src: src, Diags: diags}
}

func compare(t *testing.T, oldPath, newPath string) *diff.Report {
	t.Helper()
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return diff.Compare(side(t, oldPath), side(t, newPath), diff.Options{Lint: l.Lint})
}

func TestPrintGolden(t *testing.T) {
	t.Parallel()
	r := compare(t, "testdata/old.journey.yaml", "testdata/new.journey.yaml")
	for _, f := range diff.Formats() {
		t.Run(f, func(t *testing.T) {
			t.Parallel()
			format, err := diff.ParseFormat(f)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := diff.Print(&b, format, r, diff.Style{}); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, "testdata/old-new."+f+".golden", b.Bytes())
		})
	}
}

// find returns the change of the element with id, or nil.
func find(es []diff.ElementChange, id string) *diff.ElementChange {
	for i := range es {
		if es[i].ID == id {
			return &es[i]
		}
	}
	return nil
}

func field(e *diff.ElementChange, name string) *diff.FieldChange {
	for i := range e.Fields {
		if e.Fields[i].Field == name {
			return &e.Fields[i]
		}
	}
	return nil
}

func TestCompareKinds(t *testing.T) {
	t.Parallel()
	r := compare(t, "testdata/old.journey.yaml", "testdata/new.journey.yaml")
	check := func(what string, ok bool) {
		t.Helper()
		if !ok {
			t.Errorf("want %s", what)
		}
	}
	// Stages.
	check("stage receive added", find(r.Stages, "receive") != nil && find(r.Stages, "receive").Status == diff.StatusAdded)
	check("stage maintain removed", find(r.Stages, "maintain") != nil && find(r.Stages, "maintain").Status == diff.StatusRemoved)
	if s := find(r.Stages, "research"); s == nil || s.Renamed() == nil || s.Renamed().Old != "Investigación" || s.Renamed().New != "Búsqueda" {
		t.Errorf("stage research should be renamed: %+v", s)
	}
	moved := 0
	for _, id := range []string{"need", "research"} {
		if s := find(r.Stages, id); s != nil && s.Moved != nil {
			moved++
		}
	}
	check("one of need and research moved", moved == 1)
	// Touchpoints.
	check("touchpoint welcome added", find(r.Touchpoints, "welcome") != nil && find(r.Touchpoints, "welcome").Status == diff.StatusAdded)
	check("touchpoint paper removed", find(r.Touchpoints, "paper") != nil && find(r.Touchpoints, "paper").Status == diff.StatusRemoved)
	check("touchpoint renewal removed with its stage", find(r.Touchpoints, "renewal") != nil && find(r.Touchpoints, "renewal").Status == diff.StatusRemoved)
	if c := find(r.Touchpoints, "call"); c == nil || c.Moved == nil || c.Moved.FromStage != "research" || c.Moved.ToStage != "purchase" {
		t.Errorf("call should move from research to purchase: %+v", c)
	}
	cmp := find(r.Touchpoints, "compare")
	if cmp == nil {
		t.Fatal("compare should change")
	}
	for _, want := range []struct {
		field    string
		old, new any
	}{{"name", "Comparador", "Comparador de tarifas"}, {"channel", "web", "app"}, {"owner", "sales", "ops"}, {"emotion", 2.0, 4.0}} {
		f := field(cmp, want.field)
		if f == nil || f.Old != want.old || f.New != want.new {
			t.Errorf("compare %s: got %+v, want %v -> %v", want.field, f, want.old, want.new)
		}
	}
	ad := find(r.Touchpoints, "ad")
	if f := field(ad, "pains"); f == nil || len(f.Added) != 1 || len(f.Removed) != 0 {
		t.Errorf("ad pains: %+v", f)
	}
	if f := field(ad, "opportunity status"); f == nil || f.Item != "Precio en el anuncio" || f.Old != "idea" || f.New != "planned" {
		t.Errorf("ad opportunity status: %+v", f)
	}
	if f := field(find(r.Touchpoints, "checkout"), "channel"); f == nil || f.Old != "web" || f.New != nil {
		t.Errorf("checkout channel removed: %+v", f)
	}
	// Metrics.
	var checkoutNPS, compareNPS, callCES, surveyNPS *diff.MetricChange
	for i := range r.Metrics {
		c := &r.Metrics[i]
		if c.Level != "touchpoint" {
			continue
		}
		switch c.ID + "/" + c.Metric {
		case "checkout/nps":
			checkoutNPS = c
		case "compare/nps":
			compareNPS = c
		case "call/ces":
			callCES = c
		case "survey/nps":
			surveyNPS = c
		}
	}
	if checkoutNPS == nil || !checkoutNPS.Regression() || checkoutNPS.Change != -40 {
		t.Errorf("checkout NPS 40 -> 0 on 500 answers each is a significant drop: %+v", checkoutNPS)
	}
	if compareNPS == nil || compareNPS.Significant || compareNPS.Direction != "better" {
		t.Errorf("compare NPS 10 -> 20 on 100 answers each is not significant: %+v", compareNPS)
	}
	if callCES == nil || callCES.Note == "" || callCES.Significant {
		t.Errorf("call CES changed scale: no delta: %+v", callCES)
	}
	if surveyNPS == nil || surveyNPS.HasMargin {
		t.Errorf("survey NPS given as score has no margin: %+v", surveyNPS)
	}
	// Lint.
	intro := false
	for _, d := range r.Findings.Introduced {
		if d.Rule == "touchpoint-channel-missing" && strings.Contains(d.Message, "checkout") {
			intro = true
		}
	}
	check("the missing channel of checkout introduced", intro)
	check("some finding fixed", len(r.Findings.Fixed) > 0)
	check("a regression", r.Summary.Regression && r.Summary.MetricsWorse == 2 && r.Summary.ErrorsIntroduced == 0)
	// Map.
	titles := 0
	for _, f := range r.Map {
		if f.Field == "title" || f.Field == "channels" || f.Field == "targets.nps" {
			titles++
		}
	}
	check("title, channels and targets.nps changed", titles == 3)
}

func TestCompareSame(t *testing.T) {
	t.Parallel()
	r := compare(t, "testdata/old.journey.yaml", "testdata/old.journey.yaml")
	if r.Summary.Changed || r.Summary.Regression {
		t.Errorf("a map compared with itself changed: %+v", r.Summary)
	}
	var b bytes.Buffer
	if err := diff.WriteText(&b, r, diff.Style{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\nno changes\n") {
		t.Errorf("text:\n%s", b.String())
	}
	if diff.Headline(r) != "no changes" {
		t.Errorf("headline %q", diff.Headline(r))
	}
}

func TestCompareErrorsIntroduced(t *testing.T) {
	t.Parallel()
	r := compare(t, "testdata/new.journey.yaml", "testdata/broken-ref.journey.yaml")
	if r.Summary.ErrorsIntroduced != 2 || !r.Summary.Regression {
		t.Errorf("two undeclared channels are two new errors: %+v\n%v", r.Summary, r.Findings.Introduced)
	}
	for _, d := range r.Findings.Introduced {
		if d.Rule != journey.RuleInvalid {
			t.Errorf("lint should not run on an invalid map: %v", d)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	t.Parallel()
	r := compare(t, "testdata/old.journey.yaml", "testdata/new.journey.yaml")
	var b bytes.Buffer
	if err := diff.WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{" @equipo", "| #12", "<script"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown holds %q unescaped", bad)
		}
	}
	if !strings.Contains(out, "&#64;equipo &#124; &#35;12") {
		t.Errorf("the pain should be escaped:\n%s", out)
	}
}

func TestParseFormat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]diff.Format{"text": diff.FormatText, " JSON ": diff.FormatJSON, "md": diff.FormatMarkdown, "markdown": diff.FormatMarkdown} {
		if got, err := diff.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := diff.ParseFormat("html"); err == nil || !strings.Contains(err.Error(), "text, json, markdown") {
		t.Errorf("ParseFormat(html): %v", err)
	}
}

func TestEqual(t *testing.T) {
	t.Parallel()
	a, b := side(t, "testdata/old.journey.yaml").Map, side(t, "testdata/old.journey.yaml").Map
	if !diff.Equal(a, b) {
		t.Error("a map differs from itself")
	}
	b.Stages[0].Touchpoints[0].Emotion[0].Value = 5
	if diff.Equal(a, b) {
		t.Error("a changed emotion went unnoticed")
	}
	if !diff.Equal(nil, nil) || diff.Equal(a, nil) {
		t.Error("nil maps")
	}
}

// TestSmallSampleFigures: a figure of fewer than 30 answers says so in the
// text, and carries its interval capped to the scale.
func TestSmallSampleFigures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, nps string) string {
		p := dir + "/" + name
		src := "version: 1\nid: m\ntitle: M\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - id: t\n        name: T\n        metrics:\n          nps: " + nps + "\n"
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	r := compare(t, write("old.journey.yaml", "{promoters: 1, passives: 0, detractors: 1}"), write("new.journey.yaml", "{promoters: 40, passives: 0, detractors: 0}"))
	var b bytes.Buffer
	if err := diff.WriteText(&b, r, diff.Style{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0.0 (n=2, small sample) -> 100.0 (n=40)") {
		t.Errorf("no small-sample mark:\n%s", b.String())
	}
	for _, c := range r.Metrics {
		if c.Level == "touchpoint" && c.Old != nil {
			if c.Old.Low == nil || *c.Old.Low != -100 || *c.Old.High != 100 || !c.Old.Small || c.New.Small {
				t.Errorf("old figure %+v, new %+v: want -100..100, small; new not small", c.Old, c.New)
			}
		}
	}
}
