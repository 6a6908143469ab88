package draw

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/journey-cx/journey/internal/mapgen"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// TestPNGDensity checks the figure render warns with: full density for a
// map of ordinary width, well under half for 1,000 touchpoints, and the
// size it reports is the PNG's own.
func TestPNGDensity(t *testing.T) {
	t.Parallel()
	small := &render.Input{Map: maptest.Load(t, "../testdata/small.journey.yaml")}
	w, h, share, err := PNGDensity(small)
	if err != nil || share != 1 {
		t.Fatalf("small map: share %v, err %v", share, err)
	}
	img, err := png.Decode(bytes.NewReader(renderTo(t, PNG, small)))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("PNGDensity says %d x %d, the PNG is %d x %d", w, h, b.Dx(), b.Dy())
	}
	wide, diags := journey.Load("wide.journey.yaml", mapgen.Map(1, 1000), journey.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	w, h, share, err = PNGDensity(&render.Input{Map: wide})
	if err != nil || share >= 0.5 || w <= 30*h {
		t.Errorf("1,000 touchpoints: %d x %d px at %.2f of the density (%v); want a coarse, very wide image", w, h, share, err)
	}
}

// TestPNGPages checks --pages' images against the PDF Poppler reads: as
// many PNGs as the PDF has pages, each a PNG at the density of its page.
func TestPNGPages(t *testing.T) {
	t.Parallel()
	pdfinfo := tool(t, "pdfinfo")
	for _, paper := range []string{"A4", "A3"} {
		m, diags := journey.Load("m.journey.yaml", mapgen.Map(2, 60), journey.Options{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		in := &render.Input{Map: m, Paper: paper}
		book, err := PNGPages(in)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "m.pdf")
		if err := os.WriteFile(path, renderTo(t, PDF, in), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdfinfo, path).Output()
		if err != nil {
			t.Fatal(err)
		}
		pages, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out))[1])
		if book.Len() != pages || pages < 2 {
			t.Fatalf("%s: %d PNG pages, the PDF has %d (want several)", paper, book.Len(), pages)
		}
		p, _ := render.ParsePaper(paper)
		for i := range book.Len() {
			var b bytes.Buffer
			if err := book.Write(&b, i); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatalf("page %d: %v", i+1, err)
			}
			if wpx := float64(img.Bounds().Dx()); wpx > p.H*PNGScale*pxPerMM+2 || wpx < 100 {
				t.Errorf("%s page %d is %v px wide: more than its page at PNGScale", paper, i+1, wpx)
			}
		}
	}
}

// TestDirectRectsSamePicture: painting plain rectangles directly gives the
// picture the rasteriser draws for them, within one level of a channel at
// the anti-aliased edges, on the examples and at a fractional density.
func TestDirectRectsSamePicture(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"../../examples/seguro-hogar.journey.yaml", "../testdata/small.journey.yaml"} {
		l, err := layout.New(&render.Input{Map: maptest.Load(t, f)})
		if err != nil {
			t.Fatal(err)
		}
		sc := l.Scene(l.Full())
		for _, dpmm := range []float64{PNGScale * pxPerMM, 2.37} {
			a, b := rasterize(l.Fonts, sc, dpmm, true), rasterize(l.Fonts, sc, dpmm, false)
			worst, off := 0, 0
			for i := range a.Pix {
				if d := int(a.Pix[i]) - int(b.Pix[i]); d != 0 {
					off++
					worst = max(worst, d, -d)
				}
			}
			t.Logf("%s at %.2f px/mm: %d of %d channels differ by 1", filepath.Base(f), dpmm, off, len(a.Pix))
			if worst > 1 {
				t.Errorf("%s at %.2f px/mm: %d channels differ, by up to %d", filepath.Base(f), dpmm, off, worst)
			}
		}
	}
}
