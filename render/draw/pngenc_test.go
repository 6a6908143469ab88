package draw

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/journey-cx/journey/internal/browsertest"
	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
)

// TestEncodePNG: what encodePNG writes reads back, through the standard
// library's strict decoder (CRCs, the zlib stream's Adler-32), as the very
// pixels it was given, for images of one row, of fewer rows than a band
// and of many bands, flat and noisy.
func TestEncodePNG(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range [][2]int{{1, 1}, {7, 3}, {300, 63}, {513, 1000}, {64, 4099}} {
		for _, noisy := range []bool{false, true} {
			img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
			for y := range size[1] {
				for x := range size[0] {
					c := color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 0xff}
					if noisy {
						c = color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff}
					}
					img.SetRGBA(x, y, c)
				}
			}
			var b bytes.Buffer
			if err := encodePNG(&b, img); err != nil {
				t.Fatal(err)
			}
			back, err := png.Decode(&b)
			if err != nil {
				t.Fatalf("%v noisy %v: %v", size, noisy, err)
			}
			if back.Bounds() != img.Bounds() {
				t.Fatalf("%v: decoded %v", size, back.Bounds())
			}
			for y := range size[1] {
				for x := range size[0] {
					r, g, bl, a := back.At(x, y).RGBA()
					w := img.RGBAAt(x, y)
					if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(bl>>8) != w.B || a != 0xffff {
						t.Fatalf("%v noisy %v: pixel (%d, %d) came back %v, was %v", size, noisy, x, y, back.At(x, y), w)
					}
				}
			}
		}
	}
}

// TestAdler32Combine checks the combination against the checksum of the
// joined data.
func TestAdler32Combine(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {65521, 3}, {100000, 70000}, {3, 200000}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.IntN(256))
		}
		for i := range b {
			b[i] = 0xff
		}
		want := adler32.Checksum(append(append([]byte(nil), a...), b...))
		if got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), int64(len(b))); got != want {
			t.Errorf("%v: combined %08x, want %08x", n, got, want)
		}
	}
}

// TestPNGInChromium: a browser decodes the map's PNG, at its size, and
// draws the pixels journey wrote (the background of its corner and a
// pixel of the title band).
func TestPNGInChromium(t *testing.T) {
	in := &render.Input{Map: maptest.Load(t, "../testdata/small.journey.yaml")}
	data := renderTo(t, PNG, in)
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// A data: URL, so the canvas may read the pixels back (a file: image
	// would taint it).
	page := filepath.Join(t.TempDir(), "m.html")
	html := `<!doctype html><img id="m" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(data) + `"><canvas id="c"></canvas>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	p := browsertest.New(t, 400, 300)
	p.Do(t, chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String()))
	p.Do(t, chromedp.WaitReady("#m"))
	got := browsertest.Eval[string](t, p, `(async () => {
		const m = document.getElementById("m"); await m.decode();
		const c = document.getElementById("c"); c.width = m.naturalWidth; c.height = m.naturalHeight;
		const g = c.getContext("2d"); g.drawImage(m, 0, 0);
		const px = (x, y) => Array.from(g.getImageData(x, y, 1, 1).data).join(",");
		return m.naturalWidth + "x" + m.naturalHeight + " " + px(0, 0) + " " + px(40, 40);
	})()`)
	at := func(x, y int) string {
		r, g, b, a := img.At(x, y).RGBA()
		return fmt.Sprintf("%d,%d,%d,%d", r>>8, g>>8, b>>8, a>>8)
	}
	want := fmt.Sprintf("%dx%d %s %s", img.Bounds().Dx(), img.Bounds().Dy(), at(0, 0), at(40, 40))
	if got != want {
		t.Errorf("Chromium reads the PNG as %q, journey wrote %q", got, want)
	}
}
