package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestJourneyDoesNotLinkCanvas guards journey's start-up and size, as
// TestJourneyLinksNoHelperLibrary does: the graph view draws with the map's
// own back ends (render/draw), so nothing in journey may bring back
// tdewolff/canvas, whose dependencies (X11 bindings, goldmark) run package
// inits in every command for nothing. tdewolff/font, which render/layout
// measures text with, is fine.
func TestJourneyDoesNotLinkCanvas(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-e", "-deps", "github.com/journey-cx/journey/cmd/journey").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pkgs := strings.Fields(string(out))
	for _, pkg := range pkgs {
		for _, banned := range []string{"github.com/tdewolff/canvas", "github.com/BurntSushi/xgb", "github.com/yuin/goldmark"} {
			if pkg == banned || strings.HasPrefix(pkg, banned+"/") || strings.HasPrefix(pkg, banned+"util") {
				t.Errorf("cmd/journey links %s: draw with render/draw, not tdewolff/canvas", pkg)
			}
		}
	}
	// The list holds the graph view, so the guard covers it.
	if !strings.Contains(string(out), "github.com/journey-cx/journey/render/graph\n") {
		t.Error("cmd/journey does not link render/graph: the guard above checks the wrong program")
	}
}
