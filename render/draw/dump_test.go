package draw

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
)

// TestDump writes every example as SVG, PDF and PNG under
// $JOURNEY_RENDER_OUT, to look at. It does nothing without that variable.
func TestDump(t *testing.T) {
	out := os.Getenv("JOURNEY_RENDER_OUT")
	if out == "" {
		t.Skip("set JOURNEY_RENDER_OUT to a folder to write the example renders there")
	}
	files, _ := filepath.Glob("../../examples/*.journey.yaml")
	files = append(files, "../testdata/hostile.journey.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := journey.Load(f, data, journey.Options{})
		if diags.HasErrors() {
			t.Logf("%s: invalid: %v", f, diags)
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), ".journey.yaml")
		if only := os.Getenv("JOURNEY_RENDER_ONLY"); only != "" && !strings.Contains(name, only) {
			continue
		}
		for _, th := range render.Themes {
			if os.Getenv("JOURNEY_RENDER_PRINT") == "" && th.Mono {
				continue
			}
			in := &render.Input{Map: m, Theme: th}
			suffix := ""
			if th.Name != "default" {
				suffix = "-" + th.Name
			}
			for ext, fn := range map[string]render.Func{"svg": SVG, "pdf": PDF, "png": PNG} {
				if fn == nil {
					continue
				}
				var b bytes.Buffer
				if err := fn(&b, in); err != nil {
					t.Errorf("%s %s: %v", name, ext, err)
					continue
				}
				if err := os.WriteFile(filepath.Join(out, name+suffix+"."+ext), b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
