package mermaid_test

import (
	"bytes"
	"encoding/json"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/journey-cx/journey/internal/golden"
	"github.com/journey-cx/journey/journey/importer/mermaid"
)

// mermaidResult is what Mermaid makes of one diagram (testdata/mermaid.cjs).
type mermaidResult struct {
	OK          bool          `json:"ok"`
	Error       string        `json:"error,omitempty"`
	Title       string        `json:"title,omitempty"`
	AccTitle    string        `json:"accTitle,omitempty"`
	AccDescr    string        `json:"accDescr,omitempty"`
	Tasks       []mermaidTask `json:"tasks,omitempty"`
	Rendered    bool          `json:"rendered,omitempty"`
	RenderError string        `json:"renderError,omitempty"`
	Unsafe      bool          `json:"unsafe,omitempty"` // the SVG holds a script, an event handler or a javascript: URL
}

type mermaidTask struct {
	Section string   `json:"section"`
	Task    string   `json:"task"`
	Score   string   `json:"score"` // String(Number(...)): "NaN", "Infinity", "4.5"
	People  []string `json:"people"`
}

// mermaidCLI returns the folder of the npm packages .ci/run installs and
// the Chromium that mermaid-cli's puppeteer drives, or skips the test when
// they are missing (and fails it then when JOURNEY_CONSUMERS=1, as in CI).
func mermaidCLI(t *testing.T) (nodeModules, chromium string) {
	t.Helper()
	dir, err := filepath.Abs("../../../.ci/node/node_modules")
	if err != nil {
		t.Fatal(err)
	}
	_, nerr := exec.LookPath("node")
	chromium, cerr := exec.LookPath("chromium")
	if _, err := os.Stat(filepath.Join(dir, "@mermaid-js", "mermaid-cli")); err != nil || nerr != nil || cerr != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatalf("mermaid-cli (in %s), node or chromium is missing: .ci/run installs them", dir)
		}
		t.Skip("mermaid-cli, node or chromium not installed (run .ci/run)")
	}
	return dir, chromium
}

// runMermaid runs Mermaid itself on each diagram.
func runMermaid(t *testing.T, texts []string) (version string, results []mermaidResult) {
	t.Helper()
	dir, chromium := mermaidCLI(t)
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "testdata/mermaid.cjs")
	cmd.Env = append(os.Environ(), "NODE_PATH="+dir, "CHROMIUM="+chromium)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("mermaid: %v\n%s", err, stderr.String())
	}
	var out struct {
		Version string
		Results []mermaidResult
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if len(out.Results) != len(texts) {
		t.Fatalf("mermaid answered %d diagrams of %d", len(out.Results), len(texts))
	}
	return out.Version, out.Results
}

// corpus reads testdata/corpus.txtar.
func corpus(t *testing.T) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile("testdata/corpus.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) < 50 {
		t.Fatalf("only %d diagrams in the corpus", len(a.Files))
	}
	return a
}

const corpusGolden = "testdata/corpus.mermaid11.json"

// mermaidGolden is what Mermaid 11 made of the corpus, by diagram name.
type mermaidGolden struct {
	Version string                   `json:"version"`
	Results map[string]mermaidResult `json:"results"`
}

// TestMermaidCorpus runs Mermaid 11 (mermaid-cli's mermaid, in headless
// Chromium) on the corpus and checks corpus.mermaid11.json still holds
// what it says; -update writes it.
func TestMermaidCorpus(t *testing.T) {
	a := corpus(t)
	texts := make([]string, len(a.Files))
	for i, f := range a.Files {
		texts[i] = string(f.Data)
	}
	version, results := runMermaid(t, texts)
	g := mermaidGolden{Version: version, Results: map[string]mermaidResult{}}
	for i, f := range a.Files {
		g.Results[f.Name] = results[i]
	}
	got, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, corpusGolden, append(got, '\n'))
}

// brRe matches Mermaid's HTML line breaks, which the parser turns into spaces.
var brRe = regexp.MustCompile(`(?i)<\s*/?\s*br\s*/?\s*>`)

// normalize is how a map holds Mermaid's text: line breaks as spaces,
// white space trimmed and collapsed.
func normalize(s string) string {
	s = strings.TrimLeft(strings.TrimSpace(s), "\u200b") // journey render's guard before a keyword
	return strings.Join(strings.Fields(brRe.ReplaceAllString(s, " ")), " ")
}

// tagRe matches text that reads as an HTML tag, which Mermaid's sanitizer
// (DOMPurify) may drop from a title or description.
var tagRe = regexp.MustCompile(`<[A-Za-z!/?]`)

// jsString formats f as JavaScript's String(Number) does for the scores
// of the corpus.
func jsString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// TestParseAgreesWithMermaid checks every diagram of the corpus: the parser
// accepts what Mermaid 11 accepts and rejects what it rejects, and reads
// the same title, accessible title and description, sections, tasks,
// scores and actors (as a map holds text: trimmed, <br> as a space, the
// title's HTML entities, which Mermaid's sanitizer writes, decoded; empty
// actors dropped).
func TestParseAgreesWithMermaid(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(corpusGolden)
	if err != nil {
		t.Fatal(err)
	}
	var g mermaidGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(g.Version, "11.") {
		t.Fatalf("%s is from Mermaid %s, not 11", corpusGolden, g.Version)
	}
	for _, f := range corpus(t).Files {
		want, ok := g.Results[f.Name]
		if !ok {
			t.Errorf("%s: not in %s: run TestMermaidCorpus with -update", f.Name, corpusGolden)
			continue
		}
		agreesWithMermaid(t, f.Name, f.Data, want)
	}
}

// agreesWithMermaid checks the parser reads src as Mermaid did (want).
func agreesWithMermaid(t *testing.T, name string, src []byte, want mermaidResult) {
	t.Helper()
	d, diags := mermaid.Parse(name, src)
	if (d != nil) != want.OK {
		t.Errorf("%s: Mermaid says ok=%v (%s); the parser %v", name, want.OK, want.Error, diags)
		return
	}
	if d == nil {
		return
	}
	if !want.Rendered {
		t.Errorf("%s: Mermaid parses it but does not draw it: %s", name, want.RenderError)
	}
	if want.Unsafe {
		t.Errorf("%s: Mermaid's SVG holds a script, an event handler or a javascript: URL", name)
	}
	check := func(what, got, want string) {
		if got != want {
			t.Errorf("%s: %s %q, Mermaid %q", name, what, got, want)
		}
	}
	// Mermaid sanitizes these three as HTML: where they hold tags, what it
	// keeps is its sanitizer's business (journey render warns).
	if !tagRe.MatchString(d.Title) {
		check("title", d.Title, normalize(html.UnescapeString(want.Title)))
	}
	if !tagRe.MatchString(d.AccTitle) {
		check("accTitle", d.AccTitle, html.UnescapeString(want.AccTitle))
	}
	if !tagRe.MatchString(d.AccDescr) {
		check("accDescr", d.AccDescr, html.UnescapeString(want.AccDescr))
	}
	var got []mermaidTask
	for _, s := range d.Sections {
		for _, tk := range s.Tasks {
			got = append(got, mermaidTask{Section: s.Name, Task: tk.Name, Score: jsString(tk.Score), People: tk.Actors})
		}
	}
	if len(got) != len(want.Tasks) {
		t.Errorf("%s: %d tasks, Mermaid %d: %+v", name, len(got), len(want.Tasks), got)
		return
	}
	for i, w := range want.Tasks {
		var people []string
		for _, p := range w.People {
			if p = normalize(p); p != "" {
				people = append(people, p)
			}
		}
		w = mermaidTask{Section: normalize(w.Section), Task: normalize(w.Task), Score: w.Score, People: people}
		if g := got[i]; g.Section != w.Section || g.Task != w.Task || g.Score != w.Score || strings.Join(g.People, "|") != strings.Join(w.People, "|") {
			t.Errorf("%s: task %d %+v, Mermaid %+v", name, i+1, g, w)
		}
	}
}
