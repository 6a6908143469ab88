package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/journey-cx/journey/internal/browsertest"
)

// TestServeInBrowser drives headless Chromium through journey serve: open
// the index, open a map, edit the file on disk and see the new picture
// within 2 s without a reload and at the same scroll position, break the
// map and see the last picture dimmed under the errors, fix it and see it
// clear; a new map joins the open index and a deleted one leaves it.
// Screenshots of each state are checked not to be blank.
func TestServeInBrowser(t *testing.T) {
	p := browsertest.New(t, 1400, 900)
	dir := t.TempDir()
	path := copyExample(t, dir, "seguro.journey.yaml")
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, base := testServer(t, dir, Options{})

	// The index.
	p.Do(t, chromedp.Navigate(base+"/"), chromedp.WaitReady(`#rows tr[data-map="seguro.journey.yaml"]`))
	browsertest.WaitFor(t, p, `document.getElementById("status").textContent=="live"`, 5*time.Second)
	browsertest.WaitFor(t, p, `document.querySelector('#rows tr[data-map="seguro.journey.yaml"]').textContent.indexOf("NPS")>=0`, 5*time.Second)
	row := browsertest.Eval[string](t, p, `document.querySelector('#rows tr[data-map="seguro.journey.yaml"]').textContent`)
	if !strings.Contains(row, "Seguro de hogar online") || !strings.Contains(row, "NPS") {
		t.Errorf("index row: %q", row)
	}
	p.Screenshot(t, "serve-index")

	// A new map appears in the open index.
	copyExample(t, dir, "nuevo.journey.yaml")
	browsertest.WaitFor(t, p, `document.querySelector('#rows tr[data-map="nuevo.journey.yaml"]')`, 3*time.Second)

	// A map page.
	p.Do(t, chromedp.Navigate(base+"/map/seguro.journey.yaml"), chromedp.WaitReady(`#picture svg`))
	browsertest.WaitFor(t, p, `document.getElementById("status").textContent=="live"`, 5*time.Second)
	if n := browsertest.Eval[int](t, p, `document.querySelectorAll("#picture svg .card").length`); n != 27 {
		t.Errorf("%d touchpoint cards, want 27", n)
	}
	if got := browsertest.Eval[string](t, p, `document.getElementById("title").textContent`); !strings.HasPrefix(got, "Seguro de hogar online") {
		t.Errorf("title %q", got)
	}
	p.Screenshot(t, "serve-map")
	// Scroll the picture, and mark the document: a reload would lose both.
	p.Do(t, chromedp.Evaluate[chromedp.Void](`window.notReloaded=true; var pic=document.getElementById("picture"); pic.scrollLeft=400; pic.scrollTop=150;`))
	scroll := `[document.getElementById("picture").scrollLeft, document.getElementById("picture").scrollTop].join(",")`
	before := browsertest.Eval[string](t, p, scroll)

	// Edit the file: the new SVG is in the page within 2 s, no reload.
	edited := strings.Replace(string(orig), "name: Comparador de seguros\n", "name: Comparador CAMBIADO\n", 1)
	if edited == string(orig) {
		t.Fatal("the edit changes nothing")
	}
	writeFile(t, path, edited)
	browsertest.WaitFor(t, p, `document.getElementById("picture").textContent.indexOf("CAMBIADO")>=0`, 2*time.Second)
	if !browsertest.Eval[bool](t, p, `window.notReloaded===true`) {
		t.Error("the page reloaded")
	}
	if after := browsertest.Eval[string](t, p, scroll); after != before {
		t.Errorf("scroll position %s, was %s", after, before)
	}
	p.Screenshot(t, "serve-edited")
	// A same-width edit comes as a patch: the drawing patched in place is,
	// element for element, the one the server now serves.
	writeFile(t, path, strings.Replace(edited, "CAMBIADO", "CAMBIADA", 1))
	browsertest.WaitFor(t, p, `document.getElementById("picture").textContent.indexOf("CAMBIADA")>=0`, 2*time.Second)
	same := browsertest.Eval[string](t, p, `fetch("/svg/seguro.journey.yaml").then(function(r){return r.text()}).then(function(s){
		var t=document.createElement("template"); t.innerHTML=s.replace(/^<\?xml[^\n]*\n/,"");
		var want=t.content.querySelector("svg"), got=document.querySelector("#picture svg");
		if (want.children.length!==got.children.length) return "children "+got.children.length+" want "+want.children.length;
		for (var i=0;i<want.children.length;i++) if (!want.children[i].isEqualNode(got.children[i])) return "element "+i+" differs: "+got.children[i].outerHTML.slice(0,200);
		for (var j=0;j<want.attributes.length;j++) { var a=want.attributes[j]; if (got.getAttribute(a.name)!==a.value) return "root "+a.name; }
		return "same"})`)
	if !browsertest.Eval[bool](t, p, `window.journeyUpdated.patched`) {
		t.Error("a same-width edit did not come as a patch")
	}
	if same != "same" {
		t.Errorf("the patched drawing is not the served one: %s", same)
	}
	edited = strings.Replace(edited, "CAMBIADO", "CAMBIADA", 1)

	// Break it: the errors show over the last good picture, dimmed.
	writeFile(t, path, strings.Replace(edited, "channel: comparador\n", "channel: nowhere\n", 1))
	browsertest.WaitFor(t, p, `!document.getElementById("overlay").hidden`, 2*time.Second)
	overlay := browsertest.Eval[string](t, p, `document.getElementById("overlay").textContent`)
	if !strings.Contains(overlay, "seguro.journey.yaml:") || !strings.Contains(overlay, "nowhere") {
		t.Errorf("the error overlay does not name file:line with the snippet: %q", overlay)
	}
	if !browsertest.Eval[bool](t, p, `document.getElementById("picture").classList.contains("stale") && document.getElementById("picture").textContent.indexOf("CAMBIAD")>=0`) {
		t.Error("the last good picture is not kept, dimmed")
	}
	p.Screenshot(t, "serve-broken")

	// Fix it: the overlay clears.
	writeFile(t, path, string(orig))
	browsertest.WaitFor(t, p, `document.getElementById("overlay").hidden && !document.getElementById("picture").classList.contains("stale")`, 2*time.Second)
	if browsertest.Eval[bool](t, p, `document.getElementById("picture").textContent.indexOf("CAMBIAD")>=0`) {
		t.Error("the fixed map still shows the edited name")
	}
	p.Screenshot(t, "serve-fixed")

	// Delete it: the page says so, and the index no longer lists it.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, p, `document.body.dataset.gone==="true"`, 3*time.Second)
	p.Do(t, chromedp.Navigate(base+"/"), chromedp.WaitReady(`#rows`))
	if browsertest.Eval[bool](t, p, `!!document.querySelector('#rows tr[data-map="seguro.journey.yaml"]')`) {
		t.Error("the index still lists the deleted map")
	}
	if err := os.Remove(filepath.Join(dir, "nuevo.journey.yaml")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, p, `!document.querySelector('#rows tr[data-map]')`, 3*time.Second)

	for _, c := range p.Console() {
		t.Errorf("console: %s", c)
	}
	for _, r := range p.Requests() {
		if !strings.HasPrefix(r, base+"/") && !strings.HasPrefix(r, "data:") && r != "about:blank" {
			t.Errorf("the page requested %s", r)
		}
	}
}
