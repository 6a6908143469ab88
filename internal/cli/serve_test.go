package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to read while a command writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs journey serve with args in dir until the test ends, and
// returns its URL and its stderr.
func startServe(t *testing.T, dir string, args ...string) (string, *lockedBuffer) {
	t.Helper()
	app, _, _, _ := newTestApp()
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	app.Out, app.ErrOut = out, errOut
	app.Getwd = func() (string, error) { return dir, nil }
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- Main(ctx, append([]string{"serve", "--port", "0"}, args...), app, BuildInfo{}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case c := <-code:
			if c != 0 {
				t.Errorf("journey serve stopped with exit %d:\n%s", c, errOut.String())
			}
			if !strings.Contains(errOut.String(), "journey serve: stopped") {
				t.Errorf("journey serve did not say it stopped:\n%s", errOut.String())
			}
		case <-time.After(5 * time.Second):
			t.Error("journey serve did not stop 5 s after its context was cancelled")
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if u := strings.TrimSpace(out.String()); u != "" {
			return strings.TrimSuffix(u, "/"), errOut
		}
		select {
		case c := <-code:
			t.Fatalf("journey serve exited %d:\n%s", c, errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("journey serve printed no URL:\n%s", errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeSVGIsRenders checks that journey serve answers, for the
// insurer example (with its survey export), byte for byte the SVG that
// journey render writes, and that the graph view draws.
func TestServeSVGIsRenders(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "m.svg")
	if _, errOut, code := run(t, "render", filepath.Join(examples, "seguro-hogar.journey.yaml"), "-o", file); code != 0 {
		t.Fatalf("render: exit %d\n%s", code, errOut)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := startServe(t, examples, "seguro-hogar.journey.yaml")
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("URL %s is not on loopback", base)
	}
	got := httpGet(t, base+"/svg/seguro-hogar.journey.yaml")
	if !bytes.Equal(got, want) {
		t.Errorf("served SVG (%d bytes) differs from journey render's (%d bytes)", len(got), len(want))
	}
	graph := httpGet(t, base+"/svg/seguro-hogar.journey.yaml?view=graph")
	if !bytes.Contains(graph, []byte("<svg")) || bytes.Equal(graph, want) {
		t.Errorf("the graph view is not a graph: %.200s", graph)
	}
	// The observed view is byte for byte render --observed.
	observed := filepath.Join(t.TempDir(), "observed.svg")
	if _, errOut, code := run(t, "render", filepath.Join(examples, "seguro-hogar.journey.yaml"), "--observed", "-o", observed); code != 0 {
		t.Fatalf("render --observed: exit %d\n%s", code, errOut)
	}
	wantObserved, err := os.ReadFile(observed)
	if err != nil {
		t.Fatal(err)
	}
	if got := httpGet(t, base+"/svg/seguro-hogar.journey.yaml?view=observed"); !bytes.Equal(got, wantObserved) {
		t.Errorf("served observed view (%d bytes) differs from render --observed's (%d bytes)", len(got), len(wantObserved))
	}
	page := httpGet(t, base+"/map/seguro-hogar.journey.yaml?view=observed")
	for _, want := range []string{`?view=observed" aria-current="page">Observed</a>`, "OBSERVADO"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the observed page lacks %q", want)
		}
	}
}

func httpGet(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, b)
	}
	return b
}

// TestServeHost checks that a non-loopback --host is said to be open to
// other machines.
func TestServeHost(t *testing.T) {
	examples, _ := filepath.Abs("../../examples")
	_, errOut := startServe(t, examples, "seguro-hogar.journey.yaml", "--host", "0.0.0.0")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(errOut.String(), "not only this machine") {
		if time.Now().After(deadline) {
			t.Fatalf("no warning about listening beyond loopback:\n%s", errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeUsage checks what stops journey serve before it starts.
func TestServeUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--port", "70000", smallMap}, "not a port"},
		{[]string{"serve", "no-such-folder"}, "no such file or directory"},
		{[]string{"serve", "--theme", "neon", smallMap}, "unknown theme"},
		{[]string{"serve", "--locale", "tlh", smallMap}, "no labels for locale"},
	} {
		_, errOut, code := run(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestRenderHTML checks that -o map.html writes the interactive page, and
// --format html writes it to standard output.
func TestRenderHTML(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "m.html")
	if _, errOut, code := run(t, "render", smallMap, "-o", file); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) || !bytes.Contains(data, []byte(`id="journey-data"`)) {
		t.Errorf("not the interactive page: %.200s", data)
	}
	out, errOut, code := run(t, "render", smallMap, "--format", "html", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") {
		t.Errorf("--format html -o -: exit %d, %.100s\n%s", code, out, errOut)
	}
}
