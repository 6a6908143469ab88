// Package browsertest drives a real headless Chromium for the tests of the
// pages journey writes (render -o map.html) and serves (journey serve). It
// records what a page writes to its console, its uncaught exceptions and
// every request it makes, and checks screenshots for sanity.
//
// A test that needs the browser skips when Chromium is not installed,
// unless JOURNEY_CONSUMERS=1 (as in CI, where .ci/run installs it): then it
// fails.
package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Chromium returns the path of the Chromium to drive, or skips the test
// (fails it when JOURNEY_CONSUMERS=1).
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("JOURNEY_CONSUMERS") == "1" {
		t.Fatal("chromium is not installed: .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("chromium not installed (apt-get install chromium)")
	return ""
}

// Page is one browser tab, with what it logged and requested.
type Page struct {
	Ctx context.Context

	mu       sync.Mutex
	console  []string // console messages of level warning or error, and exceptions
	requests []string // URLs of every request the page made
}

// New starts a headless Chromium with one tab of w x h CSS pixels; the
// browser ends with the test.
func New(t testing.TB, w, h int) *Page {
	t.Helper()
	path := Chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(w, h), chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	p := &Page{Ctx: ctx}
	// The first command starts the browser; listening needs a tab.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				p.console = append(p.console, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.console = append(p.console, "exception: "+msg)
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Console returns the warnings, errors and exceptions logged so far.
func (p *Page) Console() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...)
}

// Requests returns the URL of every request made so far.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// Do runs actions in the tab and fails the test on an error.
func (p *Page) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(p.Ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the tab and returns its value.
func Eval[T any](t testing.TB, p *Page, expr string) T {
	t.Helper()
	v, err := chromedp.Run(p.Ctx, chromedp.Evaluate[T](expr, func(ep *runtime.EvaluateParams) {
		ep.AwaitPromise = new(true)
	}))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// WaitFor polls a JavaScript condition until it is true or timeout passes,
// and fails the test then, saying what it waited for.
func WaitFor(t testing.TB, p *Page, cond string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(p.Ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s (last error: %v)", timeout, cond, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Screenshot takes a screenshot of the viewport, checks that it is not
// blank (a good share of its pixels differ from the background, in more
// than a handful of colours), and saves it as NAME.png in
// $JOURNEY_SCREENSHOTS when that is set.
func (p *Page) Screenshot(t testing.TB, name string) image.Image {
	t.Helper()
	buf, err := chromedp.Run(p.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if dir := os.Getenv("JOURNEY_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := NotBlank(img); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
	return img
}

// NotBlank returns an error when img is (nearly) one colour: under 2% of
// its pixels differ from the top-left one, or it has under 8 colours.
func NotBlank(img image.Image) error {
	b := img.Bounds()
	if b.Empty() {
		return fmt.Errorf("empty image")
	}
	bg := img.At(b.Min.X, b.Min.Y)
	br, bgc, bb, _ := bg.RGBA()
	colours := map[[3]uint32]bool{}
	differ, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r != br || g != bgc || bl != bb {
				differ++
			}
			if len(colours) < 64 {
				colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			}
		}
	}
	if share := float64(differ) / float64(total); share < 0.02 {
		return fmt.Errorf("blank: only %.2f%% of the pixels differ from the background", 100*share)
	}
	if len(colours) < 8 {
		return fmt.Errorf("blank: only %d colours", len(colours))
	}
	return nil
}
