package mermaid_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
	rmermaid "github.com/journey-cx/journey/render/mermaid"
)

// exportMaps are the maps whose Mermaid export Mermaid itself reads: the
// examples, the render fixtures (hostile text, every language's letters)
// and the loader's valid fixtures.
func exportMaps(t *testing.T) []string {
	t.Helper()
	var maps []string
	for _, g := range []string{"../../../examples/*.journey.yaml", "../../../render/testdata/*.journey.yaml", "../../../render/mermaid/testdata/*.journey.yaml", "../../testdata/valid/*.journey.yaml"} {
		m, err := filepath.Glob(g)
		if err != nil || len(m) == 0 {
			t.Fatalf("no maps in %s", g)
		}
		maps = append(maps, m...)
	}
	return maps
}

// TestExportInMermaid writes every map as Mermaid and has Mermaid 11 parse
// and draw each diagram: Mermaid must accept it, draw it without a script
// or event handler, and read the same title, sections, tasks, scores and
// actors as journey's importer does, with one task per touchpoint. The
// first diagram also goes through mermaid-cli's own command, mmdc.
func TestExportInMermaid(t *testing.T) {
	maps := exportMaps(t)
	texts := make([]string, len(maps))
	tasks := make([]int, len(maps))
	for i, p := range maps {
		m := maptest.Load(t, p)
		var b bytes.Buffer
		if err := rmermaid.Write(&b, &render.Input{Map: m}); err != nil {
			t.Fatal(err)
		}
		texts[i], tasks[i] = b.String(), len(m.Touchpoints())
	}
	_, results := runMermaid(t, texts)
	for i, r := range results {
		name := filepath.Base(maps[i])
		agreesWithMermaid(t, name, []byte(texts[i]), r)
		if r.OK && len(r.Tasks) != tasks[i] {
			t.Errorf("%s: Mermaid reads %d tasks, the map has %d touchpoints", name, len(r.Tasks), tasks[i])
		}
	}
	dir, chromium := mermaidCLI(t)
	tmp := t.TempDir()
	in, out, conf := filepath.Join(tmp, "map.mmd"), filepath.Join(tmp, "map.svg"), filepath.Join(tmp, "puppeteer.json")
	if err := os.WriteFile(in, []byte(texts[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte(`{"executablePath":"`+chromium+`","args":["--no-sandbox"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(dir, ".bin", "mmdc"), "-p", conf, "-i", in, "-o", out, "-q")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mmdc: %v\n%s", err, msg)
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<svg")) || !strings.Contains(string(svg), "journey") {
		t.Errorf("mmdc wrote no journey SVG: %.200s", svg)
	}
}
