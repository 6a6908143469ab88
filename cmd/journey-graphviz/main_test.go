package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args           []string
		format, engine string
		version        bool
		err            string
	}{
		{nil, "json0", "dot", false, ""},
		{[]string{"-Tjson0"}, "json0", "dot", false, ""},
		{[]string{"-T", "plain", "-Kneato"}, "plain", "neato", false, ""},
		{[]string{"-V"}, "json0", "dot", true, ""},
		{[]string{"-Tpng"}, "", "", false, `unsupported -T value "png"`},
		{[]string{"-Tpdf"}, "", "", false, `unsupported -T value "pdf"`},
		{[]string{"-T"}, "", "", false, "-T needs a value"},
		{[]string{"--frobnicate"}, "", "", false, `unknown argument "--frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			o, err := parseArgs(tt.args)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.format != tt.format || o.engine != tt.engine || o.version != tt.version {
				t.Errorf("parseArgs = %+v", o)
			}
		})
	}
}

// TestMain lets the test binary act as the helper (see runHelper).
func TestMain(m *testing.M) {
	if os.Getenv("JOURNEY_GRAPHVIZ_TEST_MAIN") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runHelper runs the program in a process of its own, as journey does:
// go-graphviz's parser keeps its error state after a syntax error, so any
// later parse in the same process fails too. The helper lays out one graph
// per process; tests must not share one either.
func runHelper(t *testing.T, args []string, stdin string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JOURNEY_GRAPHVIZ_TEST_MAIN=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

func TestRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"layout", nil, `digraph { subgraph cluster_0 { label="Étapa \"1\""; a [label="ñ"] } a -> b }`, 0, `"bb"`, ""},
		{"plain", []string{"-Tplain"}, `digraph { a -> b }`, 0, "graph 1", ""},
		{"empty input", nil, "", 1, "", "no graph on standard input"},
		{"bad format", []string{"-Tpng"}, "digraph{}", 2, "", "usage:"},
		{"version", []string{"-V"}, "", 0, "Graphviz 12", ""},
		{"syntax error", nil, `digraph {`, 1, "", "parsing the graph"},
	}
	t.Run("loops and self-loops", testLayoutJSON)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runHelper(t, tt.args, tt.stdin)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q, %q", out, errOut, tt.stdout, tt.stderr)
			}
		})
	}
}

func testLayoutJSON(t *testing.T) {
	t.Parallel()
	src := `digraph { a [label="x", width=1, height=0.5, fixedsize=true]; a -> b; b -> a; a -> a }`
	code, out, errOut := runHelper(t, nil, src)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var g struct {
		Objects []map[string]any `json:"objects"`
		Edges   []map[string]any `json:"edges"`
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Objects) != 2 || len(g.Edges) != 3 {
		t.Errorf("%d nodes and %d edges, want 2 and 3", len(g.Objects), len(g.Edges))
	}
}

// TestJourneyLinksNoHelperLibrary guards the start-up of every journey
// command: go-graphviz compiles its WebAssembly engine in a package init and
// excelize's package init builds dozens of regular expressions and tables,
// so only the helpers (journey-graphviz, journey-xlsx) may link them.
func TestJourneyLinksNoHelperLibrary(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go list")
	}
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-e", "-deps", "github.com/journey-cx/journey/cmd/"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		return strings.Fields(string(out))
	}
	libraries := []struct{ prefix, helper string }{
		{"github.com/goccy/go-graphviz", "journey-graphviz"},
		{"github.com/tetratelabs/wazero", "journey-graphviz"},
		{"github.com/xuri/excelize", "journey-xlsx"},
	}
	for _, pkg := range deps("journey") {
		for _, lib := range libraries {
			if strings.HasPrefix(pkg, lib.prefix) {
				t.Errorf("cmd/journey links %s: it belongs in cmd/%s", pkg, lib.helper)
			}
		}
	}
	// The helpers do link them: the guard above checks the right names.
	for _, lib := range libraries {
		if !slices.ContainsFunc(deps(lib.helper), func(p string) bool { return strings.HasPrefix(p, lib.prefix) }) {
			t.Errorf("cmd/%s does not link %s: the guard above checks the wrong name", lib.helper, lib.prefix)
		}
	}
}
