package html

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/journey-cx/journey/internal/browsertest"
	"github.com/journey-cx/journey/internal/maptest"
)

// openExport writes the page of a map to a temporary file and opens it in
// headless Chromium from the file system, as from an e-mail attachment.
func openExport(t *testing.T, path string) (*browsertest.Page, string) {
	t.Helper()
	p := browsertest.New(t, 1400, 1000)
	file := filepath.Join(t.TempDir(), "map.html")
	if err := os.WriteFile(file, export(t, path, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: file}).String()
	p.Do(t, chromedp.Navigate(u), chromedp.WaitReady("#details-body"))
	return p, u
}

// TestExportInBrowser opens the insurer example's page in Chromium: it
// shows the map, hovering a touchpoint card shows its details, the channel
// filter fades the other touchpoints, the keyboard reaches every
// touchpoint, and the page logs no error and requests nothing but itself.
func TestExportInBrowser(t *testing.T) {
	p, self := openExport(t, "../../examples/seguro-hogar.journey.yaml")
	p.Screenshot(t, "export-open")
	if got, want := browsertest.Eval[string](t, p, `document.querySelector("h1").textContent`), maptest.Load(t, "../../examples/seguro-hogar.journey.yaml").Title; got != want {
		t.Errorf("title %q", got)
	}
	cards := browsertest.Eval[int](t, p, `document.querySelectorAll("#map svg .card[data-tp]").length`)
	if cards != 27 {
		t.Errorf("%d touchpoint cards tied to a touchpoint, want 27", cards)
	}
	// Hover the card of the third touchpoint.
	type box struct{ X, Y, W, H float64 }
	var b box
	raw := browsertest.Eval[string](t, p, `(function(){var c=document.querySelectorAll("#map svg .card[data-tp]")[2];
		c.scrollIntoView({block:"center",inline:"center"}); var r=c.getBoundingClientRect();
		return JSON.stringify({X:r.x,Y:r.y,W:r.width,H:r.height,id:c.getAttribute("data-tp")})})()`)
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		t.Fatal(err)
	}
	var id struct{ ID string }
	_ = json.Unmarshal([]byte(raw), &id)
	p.Do(t, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, b.X+b.W/2, b.Y+b.H/2))
	browsertest.WaitFor(t, p, `document.querySelector("#details-body h3")`, 2*time.Second)
	name := browsertest.Eval[string](t, p, `(function(){var d=JSON.parse(document.getElementById("journey-data").textContent);
		return d.touchpoints.filter(function(x){return x.id==`+jsString(id.ID)+`})[0].name})()`)
	if got := browsertest.Eval[string](t, p, `document.querySelector("#details-body h3").textContent`); got != name {
		t.Errorf("hovering %s shows %q, want %q", id.ID, got, name)
	}
	details := browsertest.Eval[string](t, p, `document.getElementById("details-body").textContent`)
	for _, want := range []string{"Canal", "Responsable"} {
		if !strings.Contains(details, want) {
			t.Errorf("details of %s lack %q: %s", id.ID, want, details)
		}
	}
	p.Screenshot(t, "export-hover")

	// Filter by the first channel: the touchpoints of other channels fade.
	p.Do(t, chromedp.Evaluate[chromedp.Void](`(function(){var s=document.querySelector('select[data-filter="channel"]');
		s.value=s.options[1].value; s.dispatchEvent(new Event("change",{bubbles:true}))})()`))
	faded := browsertest.Eval[int](t, p, `document.querySelectorAll("#map svg .card.faded").length`)
	kept := browsertest.Eval[int](t, p, `(function(){var ch=document.querySelector('select[data-filter="channel"]').value;
		var d=JSON.parse(document.getElementById("journey-data").textContent);
		return d.touchpoints.filter(function(x){return x.channelId==ch}).length})()`)
	if faded != cards-kept || kept == 0 {
		t.Errorf("channel filter: %d cards faded, want %d (of %d, %d kept)", faded, cards-kept, cards, kept)
	}
	status := browsertest.Eval[string](t, p, `document.getElementById("filter-status").textContent`)
	if status == "" {
		t.Error("the filter status says nothing")
	}
	p.Screenshot(t, "export-filter")
	p.Do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("filters").reset()`))
	browsertest.WaitFor(t, p, `document.querySelectorAll("#map svg .faded").length==0`, 2*time.Second)

	// The keyboard: tab to a touchpoint button, its details show.
	p.Do(t, chromedp.Focus(`.tplist button[data-tp]`), chromedp.KeyEvent("\t"))
	focused := browsertest.Eval[string](t, p, `document.activeElement.getAttribute("data-tp")||""`)
	if focused == "" {
		t.Fatal("tab from the first touchpoint button reaches no touchpoint")
	}
	shown := browsertest.Eval[string](t, p, `document.querySelector("#details-body h3").textContent`)
	if want := browsertest.Eval[string](t, p, `document.activeElement.textContent`); shown != want {
		t.Errorf("keyboard focus on %s shows %q, want %q", focused, shown, want)
	}

	for _, c := range p.Console() {
		t.Errorf("console: %s", c)
	}
	for _, r := range p.Requests() {
		if r != self && !strings.HasPrefix(r, "data:") {
			t.Errorf("the page requested %s", r)
		}
	}
}

// TestExportHostileInBrowser opens the page of a map whose every text is
// markup and script: nothing runs, no markup of the map becomes an
// element, and the text shows as text.
func TestExportHostileInBrowser(t *testing.T) {
	p, _ := openExport(t, "../testdata/hostile.journey.yaml")
	p.Screenshot(t, "export-hostile")
	if n := browsertest.Eval[int](t, p, `document.scripts.length`); n != 2 {
		t.Errorf("%d script elements, want the page's 2", n)
	}
	if n := browsertest.Eval[int](t, p, `document.querySelectorAll("img[src=x], b, tspan, [onerror]").length`); n != 0 {
		t.Errorf("%d elements made from the map's markup", n)
	}
	title := browsertest.Eval[string](t, p, `document.querySelector("h1").textContent`)
	if !strings.Contains(title, "<script>alert(1)</script>") {
		t.Errorf("the title does not show the map's text as text: %q", title)
	}
	// Show a touchpoint whose thought holds markup.
	p.Do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.tplist button[data-tp="long-word"]').click()`))
	if d := browsertest.Eval[string](t, p, `document.getElementById("details-body").textContent`); !strings.Contains(d, "</text><script>alert(2)</script>") {
		t.Errorf("the details do not show the thought as text: %.200s", d)
	}
	if n := browsertest.Eval[int](t, p, `document.scripts.length`); n != 2 {
		t.Errorf("%d script elements after showing details, want 2", n)
	}
	for _, c := range p.Console() {
		t.Errorf("console: %s", c)
	}
}

// TestExportAccessible runs axe-core (from npm, installed by .ci/run) on
// the page: no serious or critical violation of WCAG 2 A and AA.
func TestExportAccessible(t *testing.T) {
	axe := axeCore(t)
	for _, path := range []string{"../../examples/seguro-hogar.journey.yaml", "../../examples/telecom-support.journey.yaml"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			p, _ := openExport(t, path)
			p.Do(t, chromedp.Evaluate[chromedp.Void](axe))
			violations, passes := runAxe(t, p)
			if passes < 10 {
				t.Fatalf("axe passed only %d rules: did it run?", passes)
			}
			for _, v := range violations {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(v)
				} else {
					t.Log(v)
				}
			}
			// The check can fail: an image without a text alternative is
			// a serious violation.
			p.Do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("main").appendChild(document.createElement("img")).src="data:image/gif;base64,R0lGODlhAQABAAAAACw="`))
			violations, _ = runAxe(t, p)
			if !slices.ContainsFunc(violations, func(v axeViolation) bool { return v.ID == "image-alt" }) {
				t.Errorf("axe does not see an image without alt: %v", violations)
			}
		})
	}
}

// axeViolation is one rule axe-core found broken.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

func (v axeViolation) String() string {
	return v.ID + " (" + v.Impact + "): " + v.Help + "\n  " + strings.Join(v.Nodes, "\n  ")
}

// runAxe runs axe-core's WCAG 2.1 A and AA rules on the page and returns
// the violations and the number of rules passed.
func runAxe(t *testing.T, p *browsertest.Page) ([]axeViolation, int) {
	t.Helper()
	raw := browsertest.Eval[string](t, p, `axe.run(document,{runOnly:{type:"tag",values:["wcag2a","wcag2aa","wcag21a","wcag21aa"]}})
		.then(function(r){return JSON.stringify({passes:r.passes.length,violations:r.violations.map(function(v){return {id:v.id,impact:v.impact,help:v.help,
		nodes:v.nodes.slice(0,3).map(function(n){return n.target.join(" ")+": "+n.failureSummary})}})})})`)
	var res struct {
		Passes     int
		Violations []axeViolation
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	return res.Violations, res.Passes
}

// axeCore returns the source of axe.min.js, or skips the test (fails it
// when JOURNEY_CONSUMERS=1).
func axeCore(t *testing.T) string {
	t.Helper()
	path := "../../.ci/node/node_modules/axe-core/axe.min.js"
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatalf("axe-core is not installed (%v): .ci/run installs it", err)
		}
		t.Skipf("axe-core not installed (npm install --prefix .ci/node axe-core): %v", err)
	}
	browsertest.Chromium(t)
	return string(data)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
