package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
	"github.com/journey-cx/journey/render"
	"github.com/journey-cx/journey/render/draw"
)

const example = "../../examples/seguro-hogar.journey.yaml"

// copyExample copies the insurer example into dir as name.
func copyExample(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// prepare is what the command line's Prepare does, without sources.
func prepare(_ context.Context, _ *project.Loader, f *project.File) (*render.Input, journey.Diagnostics) {
	in := &render.Input{Map: f.Map, Theme: render.Default}
	in.Findings = f.Config.Linter.Lint(f.Map, f.Data)
	in.Findings.Sort()
	return in, nil
}

// testServer runs a server on the maps under dir, on a loopback port, until
// the test ends; it returns the server and its base URL.
func testServer(t testing.TB, dir string, opts Options) (*Server, string) {
	t.Helper()
	opts.NewLoader = func() *project.Loader { return &project.Loader{Dir: dir} }
	if opts.Prepare == nil {
		opts.Prepare = prepare
	}
	if opts.Paths == nil {
		opts.Paths = []string{"."}
	}
	s := New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return 5 s after its context was cancelled")
		}
	})
	return s, "http://" + ln.Addr().String()
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServesTheRenderersSVG checks that /svg/NAME is byte for byte what
// draw.SVG writes for the map, and that the page inlines the same drawing.
func TestServesTheRenderersSVG(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "seguro.journey.yaml")
	s, base := testServer(t, dir, Options{})
	code, svg := get(t, base+"/svg/seguro.journey.yaml")
	if code != 200 {
		t.Fatalf("GET /svg: %d %s", code, svg)
	}
	ld := &project.Loader{Dir: dir}
	f, err := ld.LoadFile("seguro.journey.yaml", must(ld.ConfigFor("seguro.journey.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	in, _ := prepare(context.Background(), ld, f)
	var want bytes.Buffer
	if err := draw.SVG(&want, in); err != nil {
		t.Fatal(err)
	}
	if svg != want.String() {
		t.Errorf("served SVG (%d bytes) differs from draw.SVG's (%d bytes)", len(svg), want.Len())
	}
	_, page := get(t, base+"/map/seguro.journey.yaml")
	if !strings.Contains(page, strings.TrimPrefix(want.String(), `<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		t.Error("the map page does not hold the renderer's SVG")
	}
	_, index := get(t, base+"/")
	if !strings.Contains(index, f.Map.Title) || !strings.Contains(index, `href="/map/seguro.journey.yaml"`) {
		t.Errorf("the index does not list the map:\n%s", index)
	}
	if len(s.names()) != 1 {
		t.Errorf("maps %v", s.names())
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestHostHeader checks the DNS rebinding guard: only loopback names, IP
// addresses and the names allowed are served.
func TestHostHeader(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "m.journey.yaml")
	s := New(Options{NewLoader: func() *project.Loader { return &project.Loader{Dir: dir} }, Prepare: prepare})
	if err := s.Scan(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := s.Handler("workshop.example")
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:8080", true}, {"localhost:8080", true}, {"[::1]:8080", true}, {"app.localhost", true},
		{"192.0.2.7:8080", true}, {"workshop.example:8080", true}, {"WORKSHOP.example", true},
		{"evil.example", false}, {"evil.example:8080", false}, {"localhost.evil.example", false}, {"", false},
		{"127.0.0.1.nip.io", false},
	} {
		req, _ := http.NewRequest("GET", "/", nil)
		req.Host = tc.host
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, req)
		if got := rec.code == 0 || rec.code == 200; got != tc.ok {
			t.Errorf("Host %q: status %d, want served=%v", tc.host, rec.code, tc.ok)
		}
	}
}

// recorder is a minimal http.ResponseWriter.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = 200
	}
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(code int) { r.code = code }

// TestReadOnly checks that nothing but GET and HEAD is answered.
func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "m.journey.yaml")
	_, base := testServer(t, dir, Options{})
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(m, base+"/map/m.journey.yaml", strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: %d, want 405", m, resp.StatusCode)
		}
	}
}

// TestNoPathTraversal sends raw request paths that try to climb out to
// other files: none of them answers a file's content.
func TestNoPathTraversal(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "m.journey.yaml")
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("TOP-SECRET-42"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, base := testServer(t, dir, Options{})
	addr := strings.TrimPrefix(base, "http://")
	paths := []string{
		"/secret.txt", "/m.journey.yaml", "/map/../secret.txt", "/map/..%2fsecret.txt", "/map/%2e%2e/secret.txt",
		"/assets/../secret.txt", "/assets/..%2fsecret.txt", "/assets/%2e%2e%2fsecret.txt", "/svg/..%2f..%2fsecret.txt",
		"/map/m.journey.yaml/../../secret.txt", "/map//secret.txt", "/map/" + dir + "/secret.txt",
		"/svg/" + filepath.Join(dir, "secret.txt"), "/map/secret.txt", "/assets/secret.txt", "/../../../../etc/passwd",
		"/map/..\\secret.txt", "/events?map=../secret.txt", "/map/m.journey.yaml%00/../secret.txt",
	}
	for _, p := range paths {
		for hop := 0; hop < 3 && p != ""; hop++ {
			status, loc, body := rawGet(t, addr, p)
			if strings.Contains(body, "TOP-SECRET") || strings.Contains(body, "root:x:0") || strings.Contains(body, "version: 1\nid:") {
				t.Errorf("GET %s answered a file (%s)", p, status)
			}
			if strings.HasPrefix(status, "HTTP/1.1 200") && !strings.HasPrefix(p, "/map/m.journey.yaml") {
				t.Errorf("GET %s: %s", p, status)
			}
			p = loc // follow a redirect
		}
	}
}

// rawGet sends path as is, and returns the status line, the Location
// header and the body.
func rawGet(t *testing.T, addr, path string) (status, location, body string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return "no response: " + err.Error(), "", ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Proto + " " + resp.Status, resp.Header.Get("Location"), string(b)
}

// events reads a Server-Sent Events stream.
type events struct {
	t    testing.TB
	resp *http.Response
	ch   chan [2]string
}

func openEvents(t testing.TB, url string) *events {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("GET %s: %s %s", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	e := &events{t: t, resp: resp, ch: make(chan [2]string, 64)}
	go func() {
		defer close(e.ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 64<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = line[7:]
			case strings.HasPrefix(line, "data: "):
				e.ch <- [2]string{name, line[6:]}
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return e
}

// next returns the next event named name within d, skipping others.
func (e *events) next(name string, d time.Duration) map[string]any {
	e.t.Helper()
	timeout := time.After(d)
	for {
		select {
		case ev, ok := <-e.ch:
			if !ok {
				e.t.Fatalf("the stream ended before a %q event", name)
			}
			if ev[0] != name {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(ev[1]), &m); err != nil {
				e.t.Fatal(err)
			}
			return m
		case <-timeout:
			e.t.Fatalf("no %q event within %v", name, d)
		}
	}
}

func writeFile(t testing.TB, path, data string) {
	t.Helper()
	// As editors do: a temporary file renamed over the map.
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestLiveUpdates follows a map page's event stream while the file is
// edited, broken, fixed and deleted, and the index's while maps come and
// go.
func TestLiveUpdates(t *testing.T) {
	for _, mode := range []struct {
		name string
		poll time.Duration
	}{{"watch", 0}, {"poll", 50 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			path := copyExample(t, dir, "seguro.journey.yaml")
			orig, _ := os.ReadFile(path)
			_, base := testServer(t, dir, Options{Poll: mode.poll})
			page := openEvents(t, base+"/events?map=seguro.journey.yaml")
			first := page.next("state", 5*time.Second)
			if first["ok"] != true || first["svg"] == nil {
				t.Fatalf("first state: ok=%v, svg %T", first["ok"], first["svg"])
			}
			index := openEvents(t, base+"/events")
			index.next("index", 5*time.Second)

			// Edit: the new picture arrives.
			edited := strings.Replace(string(orig), "Comparador de seguros", "Comparador EDITADO", 1)
			writeFile(t, path, edited)
			st := page.next("state", 2*time.Second)
			if st["ok"] != true || !strings.Contains(pictureOf(st), "EDITADO") {
				t.Fatalf("after the edit: ok=%v, the SVG lacks the new name", st["ok"])
			}
			// Break it: errors, no new picture, the old one kept.
			broken := strings.Replace(edited, "channel: comparador", "channel: nowhere", 1)
			writeFile(t, path, broken)
			st = page.next("state", 2*time.Second)
			if st["ok"] != false || st["svg"] != nil || st["patch"] != nil {
				t.Fatalf("after breaking it: ok=%v, svg %T (want false, nil: the last good picture stays)", st["ok"], st["svg"])
			}
			if errs, _ := st["errors"].(string); !strings.Contains(errs, "seguro.journey.yaml:") || !strings.Contains(errs, "nowhere") {
				t.Errorf("the errors do not name file:line and the snippet:\n%s", errs)
			}
			// Fix it.
			writeFile(t, path, string(orig))
			st = page.next("state", 2*time.Second)
			if svg := pictureOf(st); st["ok"] != true || strings.Contains(svg, "EDITADO") || svg == "" {
				t.Fatalf("after the fix: ok=%v", st["ok"])
			}
			// A new map joins the index; a deleted one leaves it and its page
			// hears so.
			copyExample(t, dir, "nuevo.journey.yaml")
			waitIndex(t, index, "nuevo.journey.yaml", true)
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			page.next("gone", 3*time.Second)
			waitIndex(t, index, "seguro.journey.yaml", false)
			if code, _ := get(t, base+"/map/seguro.journey.yaml"); code != 404 {
				t.Errorf("the deleted map's page answers %d", code)
			}
		})
	}
}

// pictureOf returns the new SVG of a state event, or its patch's
// elements.
func pictureOf(st map[string]any) string {
	if svg, ok := st["svg"].(string); ok {
		return svg
	}
	if p, ok := st["patch"].(map[string]any); ok {
		var b strings.Builder
		hunks, _ := p["hunks"].([]any)
		for _, h := range hunks {
			s, _ := h.(map[string]any)["insert"].(string)
			b.WriteString(s)
		}
		return b.String()
	}
	return ""
}

// waitIndex waits for an index event that lists name (or no longer does).
func waitIndex(t *testing.T, index *events, name string, listed bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		m := index.next("index", time.Until(deadline))
		rows, _ := m["rows"].(string)
		if strings.Contains(rows, `data-map="`+name+`"`) == listed {
			return
		}
	}
	t.Fatalf("the index never came to list %s=%v", name, listed)
}

// TestStaleRenderCancelled checks that a newer change cancels a render
// under way (its result is never published), and that a map whose render
// hangs blocks no other map.
func TestStaleRenderCancelled(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "slow.journey.yaml")
	copyExample(t, dir, "fast.journey.yaml")
	var calls, cancelled atomic.Int32
	release := make(chan struct{})
	defer close(release)
	slow := func(ctx context.Context, ld *project.Loader, f *project.File) (*render.Input, journey.Diagnostics) {
		if f.Name == "slow.journey.yaml" {
			if calls.Add(1) == 1 {
				select {
				case <-ctx.Done():
					cancelled.Add(1)
				case <-release:
				}
			}
		}
		return prepare(ctx, ld, f)
	}
	s := New(Options{NewLoader: func() *project.Loader { return &project.Loader{Dir: dir} }, Prepare: slow})
	defer s.Close()
	if err := s.Scan(); err != nil {
		t.Fatal(err)
	}
	// The fast map publishes while the slow one hangs.
	deadline := time.Now().Add(5 * time.Second)
	for s.lookup("fast.journey.yaml").current() == nil {
		if time.Now().After(deadline) {
			t.Fatal("the fast map never rendered while the slow one hung")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if s.lookup("slow.journey.yaml").current() != nil {
		t.Fatal("the slow map published while its render hung")
	}
	for calls.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the slow map's render never reached Prepare")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A change arrives: the hanging render is cancelled, the new one publishes.
	s.Changed([]string{filepath.Join(dir, "slow.journey.yaml")})
	for s.lookup("slow.journey.yaml").current() == nil {
		if time.Now().After(deadline) {
			t.Fatal("the slow map never rendered after the change")
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.Wait()
	if cancelled.Load() != 1 || calls.Load() != 2 {
		t.Errorf("renders: %d, cancelled %d; want 2 and 1", calls.Load(), cancelled.Load())
	}
	if v := s.lookup("slow.journey.yaml").current().Version; v != 1 {
		t.Errorf("version %d published, want 1 (the cancelled render publishes nothing)", v)
	}
}

// TestShutdown checks that cancelling Serve's context ends the open event
// streams and returns.
func TestShutdown(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "m.journey.yaml")
	s := New(Options{NewLoader: func() *project.Loader { return &project.Loader{Dir: dir} }, Prepare: prepare})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	ev := openEvents(t, "http://"+ln.Addr().String()+"/events?map=m.journey.yaml")
	ev.next("state", 5*time.Second)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Serve did not return")
	}
	select {
	case _, ok := <-ev.ch:
		for ok {
			_, ok = <-ev.ch
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the event stream stayed open")
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("the port still accepts connections")
	}
}

// TestHostileMap serves a map whose every text is markup and script: the
// index and the page show it escaped.
func TestHostileMap(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../render/testdata/hostile.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "h.journey.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, base := testServer(t, dir, Options{})
	// The map page waits for the render; the index then shows its title.
	for _, u := range []string{"/map/h.journey.yaml", "/"} {
		_, page := get(t, base+u)
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>dolor", "<Mallory>"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s holds %q unescaped", u, bad)
			}
		}
		if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the title escaped", u)
		}
	}
}

// TestObservedView checks the observed view: offered for a map that
// declares event logs, drawn once per picture and redrawn when a log
// changes (the logs are among the files watched), refused with a reason
// for a map without events:.
func TestObservedView(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir, "seguro.journey.yaml")
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "data", "eventos-seguro.csv.gz")
	if err := os.WriteFile(logPath, []byte("uno"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain, _, _ := strings.Cut(mustRead(t, example), "\nevents:") // the events: block ends the file
	if err := os.WriteFile(filepath.Join(dir, "plain.journey.yaml"), []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	observed := func(_ context.Context, _ *project.Loader, f *project.File, in *render.Input, w io.Writer) error {
		calls.Add(1)
		data, err := os.ReadFile(logPath)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>observed "+string(data)+" "+f.Name+"</text></svg>")
		return err
	}
	_, base := testServer(t, dir, Options{Observed: observed, Debounce: 5 * time.Millisecond, Poll: 20 * time.Millisecond})
	code, page := get(t, base+"/map/seguro.journey.yaml")
	if code != 200 || !strings.Contains(page, `?view=observed"`) {
		t.Fatalf("the map page offers no observed view (%d)", code)
	}
	if _, page := get(t, base+"/map/plain.journey.yaml"); strings.Contains(page, "view=observed") {
		t.Error("a map without events: offers the observed view")
	}
	if code, body := get(t, base+"/svg/plain.journey.yaml?view=observed"); code != 404 || !strings.Contains(body, "declares no events") {
		t.Errorf("observed view of a map without events: %d %q", code, body)
	}
	for range 2 {
		if code, body := get(t, base+"/svg/seguro.journey.yaml?view=observed"); code != 200 || !strings.Contains(body, "observed uno") {
			t.Fatalf("observed view: %d %q", code, body)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the observed view was drawn %d times for one picture", n)
	}
	if err := os.WriteFile(logPath, []byte("dos"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body := get(t, base+"/svg/seguro.journey.yaml?view=observed")
		if strings.Contains(body, "observed dos") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a changed event log did not redraw the observed view: %q", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
