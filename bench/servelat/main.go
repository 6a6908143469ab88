// Command servelat measures journey serve from a file's write to the new
// picture on screen in headless Chromium, and the server's idle memory.
// bench/serve.sh runs it.
//
//	servelat -journey bin/journey -runs 15 MAP...
//
// For each map it starts journey serve on the map's folder, opens the
// map's page, then writes the file again and again, as an editor saves (a
// temporary file renamed over it), and waits each time for the page to
// show the new SVG. Two kinds of edit: "text" changes one letter of a
// touchpoint's name in the middle of the map (nothing moves: the page gets
// a patch of a few elements), "reflow" gives the first name in the file a
// longer text each time (the layout moves: the page gets the whole
// drawing). The latency is from just before the write to the first
// animation frame after the page swapped the SVG in, both read from the
// same clock. Then it waits for the server to go idle and reads its
// resident memory from /proc.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	bin := flag.String("journey", "bench/out/serve/journey", "the journey binary")
	runs := flag.Int("runs", 15, "writes per map")
	flag.Parse()
	if abs, err := filepath.Abs(*bin); err == nil {
		*bin = abs
	}
	chrome := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	if chrome == "" {
		fmt.Fprintln(os.Stderr, "servelat: no chromium on PATH (apt-get install chromium)")
		os.Exit(2)
	}
	fmt.Printf("%-28s %-7s %6s %9s %9s %9s %10s %11s\n", "map", "edit", "writes", "best ms", "median ms", "worst ms", "server ms", "idle RSS")
	for _, m := range flag.Args() {
		if err := bench(*bin, chrome, m, *runs); err != nil {
			fmt.Fprintf(os.Stderr, "servelat: %s: %v\n", m, err)
			os.Exit(1)
		}
	}
}

// bench measures one map. It is long because it is one scripted browser
// session: start the server, open the page, then edit, wait and time in turn.
func bench(bin, chrome, mapPath string, runs int) error {
	data, err := os.ReadFile(mapPath)
	if err != nil {
		return err
	}
	name := regexp.MustCompile(`(?m)^(\s+name: )(.+)$`).FindSubmatchIndex(data)
	if name == nil {
		return errors.New("no name: line to change")
	}
	dir, file := filepath.Dir(mapPath), filepath.Base(mapPath)
	srv := exec.Command(bin, "serve", "--port", "0", file)
	srv.Dir = dir
	out, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		_ = srv.Wait()
		_ = os.WriteFile(mapPath, data, 0o644)
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return fmt.Errorf("journey serve printed no URL: %w", err)
	}
	url := strings.TrimSpace(line) + "map/" + file

	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(chrome), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1400, 900))
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("#picture svg")); err != nil {
		return err
	}
	waitLive := `document.getElementById("status").textContent.indexOf("live")==0`
	if err := poll(ctx, waitLive, 10*time.Second); err != nil {
		return err
	}
	tps := regexp.MustCompile(`(?m)^        name: (.+)$`).FindAllSubmatchIndex(data, -1)
	if len(tps) == 0 {
		return errors.New("no touchpoint name: line to change")
	}
	mid := tps[len(tps)/2]
	textEdit := func(i int) ([]byte, string) {
		// One letter of a touchpoint's name: the same width, nothing moves.
		name := string(data[mid[2]:mid[3]])
		c := "ae"[i%2 : i%2+1] // letters the font subset already holds
		changed := name[:len(name)-1] + c
		words := strings.Fields(changed)
		return slices.Concat(data[:mid[2]], []byte(changed), data[mid[3]:]), words[len(words)-1]
	}
	reflow := func(i int) ([]byte, string) {
		mark := fmt.Sprintf("reflow %d %s", i, strings.Repeat("más largo ", i%3+1))
		return slices.Concat(data[:name[4]], []byte(mark), data[name[5]:]), fmt.Sprintf("reflow %d", i)
	}
	text, textRecv, err := series(ctx, mapPath, runs, textEdit)
	if err != nil {
		return fmt.Errorf("text edits: %w", err)
	}
	flow, flowRecv, err := series(ctx, mapPath, runs, reflow)
	if err != nil {
		return fmt.Errorf("reflowing edits: %w", err)
	}
	time.Sleep(2 * time.Second) // idle: renders done, the page connected
	rss, err := rssOf(srv.Process.Pid)
	if err != nil {
		return err
	}
	for _, r := range []struct {
		kind     string
		ms, recv []float64
	}{{"text", text, textRecv}, {"reflow", flow, flowRecv}} {
		slices.Sort(r.ms)
		slices.Sort(r.recv)
		fmt.Printf("%-28s %-7s %6d %9.0f %9.0f %9.0f %10.0f %7.1f MiB\n", file, r.kind, len(r.ms), r.ms[0], r.ms[len(r.ms)/2], r.ms[len(r.ms)-1],
			r.recv[len(r.recv)/2], float64(rss)/1024)
	}
	return nil
}

// series writes the map runs+1 times with edit(i), which returns the new
// file and a text the new picture shows, and returns the latencies in
// milliseconds of all but the first write (it warms up).
func series(ctx context.Context, mapPath string, runs int, edit func(int) ([]byte, string)) (ms, recv []float64, err error) {
	for i := range runs + 1 {
		edited, shows := edit(i)
		version, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Number(document.body.dataset.version)`))
		if err != nil {
			return nil, nil, err
		}
		t0 := time.Now().UnixMilli()
		if err := writeLikeEditor(mapPath, edited); err != nil {
			return nil, nil, err
		}
		// A cheap condition: reading the picture's text while it is being
		// swapped would slow the page down.
		cond := fmt.Sprintf(`window.journeyUpdated && window.journeyUpdated.version>%d && window.journeyUpdated.painted`, version)
		if err := poll(ctx, cond, 10*time.Second); err != nil {
			return nil, nil, fmt.Errorf("write %d: %w", i, err)
		}
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.getElementById("picture").textContent.indexOf(%q)>=0`, shows)))
		if err != nil || !ok {
			return nil, nil, fmt.Errorf("write %d: the new picture does not show %q (%v)", i, shows, err)
		}
		times, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](`[window.journeyUpdated.received, window.journeyUpdated.painted]`))
		if err != nil {
			return nil, nil, err
		}
		if i > 0 {
			ms = append(ms, float64(times[1]-t0))
			recv = append(recv, float64(times[0]-t0))
		}
		time.Sleep(150 * time.Millisecond)
	}
	return ms, recv, nil
}

// writeLikeEditor writes a temporary file and renames it over path.
func writeLikeEditor(path string, data []byte) error {
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// poll waits until a JavaScript condition holds in the page.
func poll(ctx context.Context, cond string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited %v for %s (%v)", d, cond, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// rssOf returns a process's resident memory in KiB.
func rssOf(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			return strconv.Atoi(f[1])
		}
	}
	return 0, errors.New("no VmRSS")
}
