package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// sub is one open event stream: the index ("") or one map's page.
type sub struct {
	name string
	ch   chan struct{} // 1-slot: something changed since the last send
}

// notifyLocked wakes the streams of name ("" = the index). s.mu is held.
func (s *Server) notifyLocked(name string) {
	for c := range s.subs {
		if c.name == name {
			select {
			case c.ch <- struct{}{}:
			default: // already woken: it sends the newest state
			}
		}
	}
}

func (s *Server) subscribe(name string) *sub {
	c := &sub{name: name, ch: make(chan struct{}, 1)}
	s.mu.Lock()
	s.subs[c] = struct{}{}
	s.mu.Unlock()
	return c
}

func (s *Server) unsubscribe(c *sub) {
	s.mu.Lock()
	delete(s.subs, c)
	s.mu.Unlock()
}

// Handler returns the server's routes, behind the Host check.
func (s *Server) Handler(allowHosts ...string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveIndex)
	mux.HandleFunc("GET /map/{name...}", s.serveMap)
	mux.HandleFunc("GET /svg/{name...}", s.serveSVG)
	mux.HandleFunc("GET /events", s.serveEvents)
	mux.HandleFunc("GET /assets/{file}", serveAsset)
	return guard(mux, allowHosts)
}

// guard answers only GET and HEAD, and only when the Host header names
// this machine: a loopback name, an IP address, or one of allow. A page
// of another site that makes its own name point at 127.0.0.1 (DNS
// rebinding) sends its own name as Host, and is refused.
func guard(next http.Handler, allow []string) http.Handler {
	ok := map[string]bool{}
	for _, h := range allow {
		ok[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if !hostAllowed(r.Host, ok) {
			http.Error(w, fmt.Sprintf("journey serve: refused Host %q: only this machine's own names are served (DNS rebinding protection)", r.Host), http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "journey serve is read-only", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a Host header names this machine.
func hostAllowed(host string, allow map[string]bool) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.ToLower(strings.Trim(name, "[]"))
	switch {
	case name == "":
		return false
	case name == "localhost" || strings.HasSuffix(name, ".localhost"):
		return true
	case net.ParseIP(name) != nil:
		return true
	}
	return allow[name]
}

// secure sets the headers of a page: it may load only this server's own
// scripts and styles, and talk only to this server.
func secure(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	w.Header().Set("Cache-Control", "no-store")
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	secure(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b bytes.Buffer
	if err := indexTmpl().Execute(&b, s.indexData()); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(b.Bytes())
}

// view returns the view a request asks for: map (default), graph or
// observed.
func view(r *http.Request) string {
	switch v := r.URL.Query().Get("view"); v {
	case "graph", "observed":
		return v
	}
	return "map"
}

func (s *Server) serveMap(w http.ResponseWriter, r *http.Request) {
	e := s.lookup(r.PathValue("name"))
	if e == nil {
		http.NotFound(w, r)
		return
	}
	secure(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	st := e.waitState(r, 5*time.Second)
	var b bytes.Buffer
	if err := mapTmpl().Execute(&b, s.mapData(r, e, st, view(r))); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(b.Bytes())
}

// waitState returns the map's state, waiting up to d for a first render.
func (e *entry) waitState(r *http.Request, d time.Duration) *state {
	deadline := time.Now().Add(d)
	for {
		if st := e.current(); st != nil || time.Now().After(deadline) || r.Context().Err() != nil {
			return st
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// serveSVG answers the map's SVG, byte for byte what journey render
// writes (the last good one when the map is invalid).
func (s *Server) serveSVG(w http.ResponseWriter, r *http.Request) {
	e := s.lookup(r.PathValue("name"))
	if e == nil {
		http.NotFound(w, r)
		return
	}
	st := e.waitState(r, 5*time.Second)
	if st == nil || st.SVG == nil {
		http.Error(w, "the map has no picture yet", http.StatusNotFound)
		return
	}
	svg := st.SVG
	if v := view(r); v != "map" {
		g, err := e.viewOf(r.Context(), st, v)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		svg = g
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; font-src data:")
	w.Header().Set("Content-Length", strconv.Itoa(len(svg)))
	w.Write(svg)
}

// serveEvents streams Server-Sent Events: for ?map=NAME, a "state" event
// with the map's page state each time it changes (and once on connect,
// unless ?v= says the page has that version already), and "gone" when it
// leaves; without map, an "index" event each time the index changes. It is
// long because it is one streaming loop whose subscription, replay and
// write errors share the connection's state.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	q := r.URL.Query()
	name, v := q.Get("map"), view(r)
	var e *entry
	if name != "" {
		if e = s.lookup(name); e == nil {
			http.NotFound(w, r)
			return
		}
	}
	have, _ := strconv.ParseInt(q.Get("v"), 10, 64)
	if q.Get("i") != s.instance {
		have = -1 // a page of an earlier server: send everything
	}
	haveSVG, _ := strconv.ParseInt(q.Get("sv"), 10, 64)
	if have < 0 {
		haveSVG = -1
	}
	var shown []byte // the map's SVG the page shows, when known: updates are patches of it
	var sent *state  // the state this stream sent last
	if e != nil && v == "map" {
		if st := e.current(); st != nil && st.SVGVersion == haveSVG {
			shown = st.SVG
		}
	}
	c := s.subscribe(name)
	defer s.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 1000\n\n")
	fl.Flush()
	c.ch <- struct{}{} // send the current state first
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		case <-c.ch:
			if e == nil {
				idx := s.indexData()
				if idx.Version == have {
					continue
				}
				have = idx.Version
				var b bytes.Buffer
				if err := indexRowsTmpl().Execute(&b, idx); err != nil {
					return
				}
				writeEvent(w, "index", map[string]any{"instance": s.instance, "version": idx.Version, "rows": b.String(), "count": len(idx.Maps)})
			} else {
				if s.lookup(name) != e {
					writeEvent(w, "gone", map[string]string{"name": name})
					fl.Flush()
					return
				}
				st := e.current()
				if st == nil || st.Version == have {
					continue
				}
				have = st.Version
				msg := s.pageState(r, e, st, sent, v, haveSVG, shown)
				sent = st
				if msg.SVG != nil || msg.Patch != nil {
					haveSVG = st.SVGVersion
					if v == "map" {
						shown = st.SVG
					}
				}
				writeEvent(w, "state", msg)
			}
			fl.Flush()
		}
	}
}

// writeEvent writes one SSE event holding v as JSON on one line (JSON
// has no raw newline). HTML is not escaped: it would make a drawing's
// every "<" six bytes long, and an event stream is no HTML.
func writeEvent(w http.ResponseWriter, event string, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, bytes.TrimRight(b.Bytes(), "\n"))
}

// pageStateMsg is what a map page swaps in when its map changes.
type pageStateMsg struct {
	Instance   string    `json:"instance"`
	Version    int64     `json:"version"`
	SVGVersion int64     `json:"svgVersion"`
	OK         bool      `json:"ok"`
	Title      string    `json:"title"`
	SVG        *string   `json:"svg"`   // null: the picture did not change since the page's, or Patch has the change
	Patch      *svgPatch `json:"patch"` // the change from the page's picture, when it is small
	Problem    string    `json:"problem"`
	Errors     *string   `json:"errors"`   // null: as in the state sent before
	Findings   *string   `json:"findings"` // null: as before
	Scores     *string   `json:"scores"`   // null: as before
	Notes      []string  `json:"notes"`
	Took       int64     `json:"tookMs"`
}

// changed returns field f of st, or nil when prev (the state sent before,
// or nil) has the same.
func changed(prev, st *state, f func(*state) string) *string {
	v := f(st)
	if prev != nil && f(prev) == v {
		return nil
	}
	return &v
}

func (s *Server) pageState(r *http.Request, e *entry, st, prev *state, v string, haveSVG int64, shown []byte) pageStateMsg {
	m := pageStateMsg{Instance: s.instance, Version: st.Version, SVGVersion: st.SVGVersion, OK: st.OK, Title: st.Title, Problem: st.Problem,
		Errors:   changed(prev, st, func(x *state) string { return string(x.Errors) }),
		Findings: changed(prev, st, func(x *state) string { return string(x.Findings) }),
		Scores:   changed(prev, st, func(x *state) string { return string(x.Scores) }), Notes: st.Notes,
		Took: st.Took.Milliseconds()}
	if st.SVG != nil && st.SVGVersion != haveSVG {
		if shown != nil {
			if p, ok := diffSVG(shown, st.SVG); ok {
				m.Patch = p
				return m
			}
		}
		svg := pictureHTML(r, e, st, v)
		m.SVG = &svg
	}
	return m
}
