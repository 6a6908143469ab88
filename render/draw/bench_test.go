package draw

import (
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// bigMap returns a valid map of n touchpoints in stages of 20, each with
// the text a real map carries: action, thought, pains with evidence,
// opportunities, and metrics on every third touchpoint.
func bigMap(tb testing.TB, n int) *journey.Map {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`version: 1
id: big
title: Un mapa grande de doscientos puntos de contacto para medir el render
description: Generado para las pruebas de rendimiento; el texto se parece al de un mapa real.
locale: es
persona:
  name: Marta Giménez
  description: 34 años, compara todo desde el móvil.
  goals: [Proteger su casa sin pagar de más, Contratar en minutos]
  needs: [Precio claro]
  frustrations: [Letra pequeña, Repetir datos]
  quote: "No quiero llamar a nadie."
channels:
  - {id: web, name: Sitio web, kind: digital}
  - {id: phone, name: Teléfono de atención, kind: human}
owners:
  - {id: sales, name: Ventas}
  - {id: service, name: Atención al cliente}
targets: {nps: 30, ces: 5.5, csat: 80}
stages:
`)
	for i := 0; i < n; i++ {
		if i%20 == 0 {
			fmt.Fprintf(&b, "  - id: stage-%d\n    name: Etapa número %d del recorrido\n    goal: Conseguir lo que la clienta necesita en esta etapa sin fricción\n    touchpoints:\n", i/20, i/20+1)
		}
		ch, ow := "web", "sales"
		if i%3 == 1 {
			ch, ow = "phone", "service"
		}
		fmt.Fprintf(&b, `      - id: tp-%d
        name: Punto de contacto %d con un nombre de longitud normal
        channel: %s
        owner: %s
        action: Rellena el formulario con sus datos y compara las tres modalidades
        thought: "¿De verdad tengo que dar todos estos datos antes de ver el precio?"
        emotion: %d
        pains:
          - text: Pide treinta datos antes de dar un precio orientativo
            severity: high
            evidence: 9 de 14 entrevistas lo mencionan espontáneamente
          - El precio final no coincide con el del comparador
        opportunities:
          - {text: Precio orientativo con cinco datos y el resto después, status: planned, impact: 4, effort: 2, owner: sales}
`, i, i+1, ch, ow, 1+(i*7)%5)
		if i%3 == 0 {
			fmt.Fprintf(&b, `        metrics:
          nps: {promoters: %d, passives: 40, detractors: 30}
          ces: {mean: 4.8, n: 210}
          csat: {satisfied: 160, total: 200}
`, 20+i%60)
		}
	}
	m, diags := journey.Load("big.journey.yaml", []byte(b.String()), journey.Options{})
	if diags.HasErrors() {
		tb.Fatalf("the generated map is invalid: %v", diags)
	}
	return m
}

func TestBigMapValid(t *testing.T) {
	t.Parallel()
	m := bigMap(t, 200)
	if n := len(m.Touchpoints()); n != 200 {
		t.Fatalf("%d touchpoints, want 200", n)
	}
}

func bench(b *testing.B, fn render.Func) {
	m := bigMap(b, 200)
	if _, err := layout.LoadFonts(); err != nil { // once per process, as in the CLI
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cw := &countWriter{}
		if err := fn(cw, &render.Input{Map: m}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(cw.n)
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkSVG200 renders a 200-touchpoint map to SVG (budget: 50 ms).
func BenchmarkSVG200(b *testing.B) { bench(b, SVG) }

// BenchmarkPDF200 renders a 200-touchpoint map to PDF (budget: 300 ms).
func BenchmarkPDF200(b *testing.B) { bench(b, PDF) }

// BenchmarkPNG200 renders a 200-touchpoint map to PNG (no budget).
func BenchmarkPNG200(b *testing.B) { bench(b, PNG) }

// BenchmarkLayout200 measures and places a 200-touchpoint map.
func BenchmarkLayout200(b *testing.B) {
	m := bigMap(b, 200)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l, err := layout.New(&render.Input{Map: m})
		if err != nil {
			b.Fatal(err)
		}
		_ = l.Scene(l.Full())
	}
}

// BenchmarkFonts measures parsing the embedded fonts, which the first
// render of a process pays.
func BenchmarkFonts(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := layout.ParseFonts(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRasterize200 draws a 200-touchpoint map's scene into pixels,
// plain rectangles painted directly (direct) or by the rasteriser: the
// part of the PNG before encoding.
func BenchmarkRasterize200(b *testing.B) {
	m := bigMap(b, 200)
	l, err := layout.New(&render.Input{Map: m})
	if err != nil {
		b.Fatal(err)
	}
	sc := l.Scene(l.Full())
	for _, direct := range []bool{true, false} {
		name := "rasteriser"
		if direct {
			name = "direct"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = rasterize(l.Fonts, sc, PNGScale*pxPerMM, direct)
			}
		})
	}
}

// BenchmarkEncodePNG200 encodes a 200-touchpoint map's pixels: journey's
// banded encoder on every core, and the standard library's for comparison.
func BenchmarkEncodePNG200(b *testing.B) {
	m := bigMap(b, 200)
	l, err := layout.New(&render.Input{Map: m})
	if err != nil {
		b.Fatal(err)
	}
	img := Rasterize(l.Fonts, l.Scene(l.Full()), PNGScale*pxPerMM)
	b.Run("banded", func(b *testing.B) {
		for b.Loop() {
			cw := &countWriter{}
			if err := encodePNG(cw, img); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(cw.n)/1e6, "MB")
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		for b.Loop() {
			cw := &countWriter{}
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(cw, img); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(cw.n)/1e6, "MB")
		}
	})
}
