package draw

import (
	"image"
	"image/png"
	"io"
	"math"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/font"

	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/layout"
)

// PNGScale is the pixel density of PNG output relative to CSS pixels
// (96 per inch): 2 for sharp slides on high-density screens.
const PNGScale = 2

// MaxPNGPixels caps the size of a PNG: a very wide map is drawn at a lower
// density rather than allocating gigabytes.
const MaxPNGPixels = 60_000_000

// PNG writes the map as a PNG image at twice the CSS pixel density, on an
// opaque background.
func PNG(w io.Writer, in *render.Input) error {
	l, err := layout.New(in)
	if err != nil {
		return err
	}
	img := Rasterize(l, l.Scene(l.Full()), PNGScale*pxPerMM)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}

// Rasterize draws a scene at dpmm pixels per millimetre (lowered so the
// image stays under MaxPNGPixels).
func Rasterize(l *layout.Layout, sc *layout.Scene, dpmm float64) *image.RGBA {
	if px := sc.W * sc.H * dpmm * dpmm; px > MaxPNGPixels {
		dpmm *= math.Sqrt(MaxPNGPixels / px)
	}
	ras := rasterizer.New(sc.W, sc.H, canvas.DPMM(dpmm), canvas.LinearColorSpace{})
	ctx := canvas.NewContext(ras)
	drawCanvas(ctx, l, sc)
	ras.Close()
	return ras.Image.(*image.RGBA)
}

// drawCanvas draws a scene on a canvas context whose origin is the
// bottom-left corner (canvas's default), flipping y.
func drawCanvas(ctx *canvas.Context, l *layout.Layout, sc *layout.Scene) {
	H := sc.H
	for i := range sc.Items {
		it := &sc.Items[i]
		switch it.Op {
		case layout.OpRect, layout.OpCircle, layout.OpPath:
			var p *canvas.Path
			switch it.Op {
			case layout.OpRect:
				if !it.HasFill && it.StrokeW == 0 {
					continue
				}
				r := it.Rect
				if it.Radius > 0 {
					p = canvas.RoundedRectangle(r.W, r.H, it.Radius).Translate(r.X, H-r.Y-r.H)
				} else {
					p = canvas.Rectangle(r.W, r.H).Translate(r.X, H-r.Y-r.H)
				}
			case layout.OpCircle:
				p = canvas.Circle(it.Radius).Translate(it.Rect.X+it.Radius, H-it.Rect.Y-it.Radius)
			case layout.OpPath:
				p = &canvas.Path{}
				for _, s := range it.Path {
					switch s.Op {
					case layout.MoveTo:
						p.MoveTo(s.P[0].X, H-s.P[0].Y)
					case layout.LineTo:
						p.LineTo(s.P[0].X, H-s.P[0].Y)
					case layout.CubeTo:
						p.CubeTo(s.P[0].X, H-s.P[0].Y, s.P[1].X, H-s.P[1].Y, s.P[2].X, H-s.P[2].Y)
					case layout.Close:
						p.Close()
					}
				}
			}
			style := canvas.DefaultStyle
			style.Fill = canvas.Paint{}
			if it.HasFill {
				style.Fill = canvas.Paint{Color: it.Fill.RGBA()}
			}
			if it.StrokeW > 0 {
				style.Stroke = canvas.Paint{Color: it.Stroke.RGBA()}
				style.StrokeWidth = it.StrokeW
				if it.Round {
					style.StrokeCapper, style.StrokeJoiner = canvas.RoundCap, canvas.RoundJoin
				}
				if len(it.Dash) > 0 {
					style.Dashes = it.Dash
				}
			}
			ctx.RenderPath(p, style, canvas.Identity)
		case layout.OpText:
			face := l.Fonts.Faces[it.Font]
			scale := it.Size * layout.PtToMM / face.UPEM
			p := &canvas.Path{}
			for _, ln := range it.Lines {
				x := ln.X
				for _, r := range ln.S {
					gid, adv := face.Glyph(r)
					_ = face.SFNT.GlyphPath(p, gid, 0, x, H-ln.Y, scale, font.NoHinting)
					x += float64(adv) * scale
				}
			}
			style := canvas.DefaultStyle
			style.Fill = canvas.Paint{Color: it.Color.RGBA()}
			ctx.RenderPath(p, style, canvas.Identity)
		}
	}
}
