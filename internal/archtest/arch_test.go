package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is journey's module path.
const module = "github.com/journey-cx/journey"

// pkg is what go list says of a package.
type pkg struct {
	ImportPath string
	Imports    []string
	Error      *struct{ Err string }
}

// rule forbids the packages under one of From to import anything under
// one of To (a package or a folder of packages; exactly, or below it).
type rule struct {
	From, To []string
	Why      string
}

// rules are the directions dependencies must not take.
var rules = []rule{
	{
		From: []string{module + "/journey", module + "/render", module + "/schema"},
		To: []string{module + "/internal/cli", module + "/internal/helperbin", module + "/internal/xlsxhelper",
			module + "/internal/graphhelper", "os/exec"},
		Why: "the libraries run no program and know nothing of the command line: the CLI passes what they need",
	},
	{
		From: []string{module + "/journey"},
		To:   []string{module + "/render", module + "/internal/cli"},
		Why:  "the map model knows nothing of the renderers or the command line",
	},
}

// under reports whether path is p or a package below it.
func under(path, p string) bool { return path == p || strings.HasPrefix(path, p+"/") }

// violations returns one line for every import of pkgs that breaks a rule.
func violations(pkgs []pkg, rules []rule) []string {
	var out []string
	for _, p := range pkgs {
		for _, r := range rules {
			if !slices.ContainsFunc(r.From, func(f string) bool { return under(p.ImportPath, f) }) {
				continue
			}
			for _, imp := range p.Imports {
				if slices.ContainsFunc(r.To, func(to string) bool { return under(imp, to) }) {
					out = append(out, fmt.Sprintf("%s imports %s: %s", p.ImportPath, imp, r.Why))
				}
			}
		}
	}
	return out
}

// goList returns every package of the module, as go list sees it.
func goList(t *testing.T) []pkg {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: the architecture test reads the imports with go list")
	}
	cmd := exec.Command(goBin, "list", "-e", "-json=ImportPath,Imports,Error", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list's output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestDependenciesPointDown fails when a library package imports the
// command line, a helper runner or os/exec, or when the map model imports a
// renderer.
func TestDependenciesPointDown(t *testing.T) {
	t.Parallel()
	pkgs := goList(t)
	seen := map[string]bool{}
	for _, p := range pkgs {
		seen[p.ImportPath] = true
		if p.Error != nil {
			t.Errorf("%s: go list could not read it, so its imports are not checked: %s", p.ImportPath, p.Error.Err)
		}
	}
	// The list holds the packages the rules are about: they check the
	// right names.
	for _, want := range []string{"/journey", "/journey/score", "/render", "/render/graph", "/schema", "/internal/cli", "/internal/graphhelper"} {
		if !seen[module+want] {
			t.Errorf("go list does not list %s: the rules check the wrong names", module+want)
		}
	}
	for _, v := range violations(pkgs, rules) {
		t.Error(v)
	}
}

// TestViolations checks the rules on made-up packages: each forbidden
// direction is caught, the allowed ones are not, and a name that only
// starts like a forbidden one is not taken for it.
func TestViolations(t *testing.T) {
	t.Parallel()
	pkgs := []pkg{
		{ImportPath: module + "/render/graph", Imports: []string{"os/exec", module + "/internal/helperbin", module + "/render/draw"}},
		{ImportPath: module + "/journey/importer/xlsx", Imports: []string{module + "/render/xlsx", module + "/journey"}},
		{ImportPath: module + "/schema", Imports: []string{module + "/internal/cli"}},
		{ImportPath: module + "/internal/cli", Imports: []string{"os/exec", module + "/render/graph", module + "/internal/graphhelper"}},
		{ImportPath: module + "/internal/graphhelper", Imports: []string{"os/exec", module + "/render/graph"}},
		{ImportPath: module + "/journeyx", Imports: []string{module + "/render"}},
		{ImportPath: module + "/render", Imports: []string{"os/execx", module + "/internal/clix"}},
	}
	got := violations(pkgs, rules)
	want := []string{
		module + "/render/graph imports os/exec",
		module + "/render/graph imports " + module + "/internal/helperbin",
		module + "/journey/importer/xlsx imports " + module + "/render/xlsx",
		module + "/schema imports " + module + "/internal/cli",
	}
	if len(got) != len(want) {
		t.Fatalf("violations:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]+": ") {
			t.Errorf("violation %d is %q, want %q", i, got[i], want[i])
		}
	}
}
