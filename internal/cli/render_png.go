package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
)

// coarsePNG is the density share under which a single PNG is too coarse
// to read, and maxPNGSide the side most image viewers refuse beyond.
const (
	coarsePNG  = 0.5
	maxPNGSide = 32767
)

// pagedPNG reports whether t is a PNG of the map to write page by page.
func (w *renderWork) pagedPNG(t renderTarget) bool {
	return w.opts.pages && t.format.name == "png" && w.opts.view == "map"
}

// writePNGPages writes the map as one PNG per page of --paper, as its PDF
// cuts it: NAME-1.png, NAME-2.png… beside t's path, each atomically.
func (w *renderWork) writePNGPages(ctx context.Context, lm *project.File, in *render.Input, t renderTarget) error {
	book, err := draw.PNGPages(in)
	if err != nil {
		return fmt.Errorf("%s: can't render png: %w", lm.Name, err)
	}
	ext := filepath.Ext(t.path)
	base := strings.TrimSuffix(t.path, ext)
	for i := range book.Len() {
		path := fmt.Sprintf("%s-%d%s", base, i+1, ext)
		if err := w.app.WriteAtomic(ctx, path, func(out io.Writer) error { return book.Write(out, i) }); err != nil {
			return fmt.Errorf("%s: can't render png: %w", lm.Name, err)
		}
		fmt.Fprintf(w.app.ErrOut, "%s wrote %s\n", w.th.okStyle.Render("✓"), output.Terminal(path))
	}
	return nil
}

// warnCoarsePNG warns when the map's single PNG is too wide to read: drawn
// below half its density to stay under the pixel cap, or wider than image
// viewers open.
func (w *renderWork) warnCoarsePNG(lm *project.File, in *render.Input, t renderTarget) {
	if t.format.name != "png" || w.opts.view != "map" {
		return
	}
	wpx, hpx, share, err := draw.PNGDensity(in)
	if err != nil || (share >= coarsePNG && wpx <= maxPNGSide && hpx <= maxPNGSide) {
		return
	}
	fmt.Fprintf(w.app.ErrOut, "%s %s: the PNG is %d × %d px, drawn at %.0f%% of its usual density: its text will be hard to read; --pages writes one PNG per %s page instead, as the PDF cuts the map\n",
		w.th.warnStyle.Render("!"), output.Terminal(lm.Name), wpx, hpx, 100*share, in.Paper)
}
