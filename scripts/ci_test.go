// Package scripts_test checks the release and CI files at the root of the
// repository: .goreleaser.yml, action.yml, .pre-commit-hooks.yaml, the
// recipes in docs/ci.md and CHANGELOG.md. The scripts themselves run in
// scripts/ci-recipes.sh and scripts/release-check.sh.
package scripts_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/internal/cli"
	"github.com/journey-cx/journey/internal/report"
)

const root = ".."

func readYAML(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	return parseYAML(t, path, string(b))
}

func parseYAML(t *testing.T, name, src string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal([]byte(src), &m); err != nil {
		t.Fatalf("%s is not valid YAML: %v", name, err)
	}
	if m == nil {
		t.Fatalf("%s is empty", name)
	}
	return m
}

// get walks a path of map keys and list indexes ("jobs", "lint", "steps").
func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not a mapping at %q", path[:i], k)
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("no key %v", path[:i+1])
			}
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("%v: no item %d", path[:i], k)
			}
			v = l[k]
		}
	}
	return v
}

func str(t *testing.T, v any, path ...any) string {
	t.Helper()
	s, ok := get(t, v, path...).(string)
	if !ok {
		t.Fatalf("%v is not a string", path)
	}
	return s
}

func list(t *testing.T, v any, path ...any) []any {
	t.Helper()
	l, ok := get(t, v, path...).([]any)
	if !ok {
		t.Fatalf("%v is not a list", path)
	}
	return l
}

func strs(t *testing.T, v any, path ...any) []string {
	t.Helper()
	var out []string
	for _, x := range list(t, v, path...) {
		s, ok := x.(string)
		if !ok {
			t.Fatalf("%v holds a %T", path, x)
		}
		out = append(out, s)
	}
	return out
}

// journeyRoot is the real command tree, to check that commands and flags
// the files use exist.
func journeyRoot() *cobra.Command {
	app, _, _, _ := cli.Test()
	return cli.NewRootCommand(app, cli.BuildInfo{})
}

// journeyCmd matches a line that runs journey: a shell line, a YAML list
// item or a run: value starting with "journey SUB".
var journeyCmd = regexp.MustCompile(`^\s*(?:- )?(?:run: |entry: )?journey ([a-z]+(?: [^\n|>;&)]*)?)`)

// checkCommandLine parses a "journey SUB --flag v ..." line against the
// command tree: the subcommand exists, its flags exist, and --format values
// are formats of that command.
func checkCommandLine(t *testing.T, where, line string) {
	t.Helper()
	m := journeyCmd.FindStringSubmatch(line)
	if m == nil {
		return
	}
	m[0] = strings.TrimSpace(m[0])
	fields := strings.Fields(m[1])
	cmd, rest, err := journeyRoot().Find(fields)
	if err != nil || cmd == nil || cmd.Name() == "journey" {
		t.Errorf("%s: %q names no journey command", where, m[0])
		return
	}
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		var f = cmd.Flags().Lookup(name)
		if len(name) == 1 {
			f = cmd.Flags().ShorthandLookup(name)
		}
		if f == nil {
			t.Errorf("%s: journey %s has no flag %s (in %q)", where, cmd.Name(), a, m[0])
			continue
		}
		if f.Value.Type() == "bool" || strings.Contains(a, "=") || i+1 >= len(rest) {
			continue
		}
		i++
		if f.Name == "format" && cmd.Name() == "lint" && !slices.Contains(report.AllFormats(), rest[i]) {
			t.Errorf("%s: journey lint has no format %q", where, rest[i])
		}
		if f.Name == "fail-on" && !slices.Contains([]string{"error", "warning", "info", "none"}, strings.Trim(rest[i], `"`)) &&
			!strings.HasPrefix(rest[i], `"$`) {
			t.Errorf("%s: bad --fail-on %q", where, rest[i])
		}
	}
}

func TestGoreleaserConfig(t *testing.T) {
	t.Parallel()
	cfg := readYAML(t, ".goreleaser.yml")
	if v := get(t, cfg, "version"); v != 2 {
		t.Errorf("version = %v, want 2", v)
	}
	builds := list(t, cfg, "builds")
	mains := map[string]string{}
	for i := range builds {
		id := str(t, builds, i, "id")
		mains[id] = str(t, builds, i, "main")
		if env := strs(t, builds, i, "env"); !slices.Contains(env, "CGO_ENABLED=0") {
			t.Errorf("build %s: env %v lacks CGO_ENABLED=0", id, env)
		}
		if flags := strs(t, builds, i, "flags"); !slices.Contains(flags, "-trimpath") {
			t.Errorf("build %s: flags %v lack -trimpath", id, flags)
		}
		ld := strings.Join(strs(t, builds, i, "ldflags"), " ")
		for _, want := range []string{"-s -w", "-X main.version=", "-X main.commit={{ .Commit }}", "-X main.date={{ .CommitDate }}"} {
			if !strings.Contains(ld, want) {
				t.Errorf("build %s: ldflags %q lack %q", id, ld, want)
			}
		}
		if ts := str(t, builds, i, "mod_timestamp"); ts != "{{ .CommitTimestamp }}" {
			t.Errorf("build %s: mod_timestamp %q, want the commit time (reproducible)", id, ts)
		}
		if goos := strs(t, builds, i, "goos"); !sameSet(goos, []string{"linux", "darwin", "windows"}) {
			t.Errorf("build %s: goos %v", id, goos)
		}
		if arch := strs(t, builds, i, "goarch"); !sameSet(arch, []string{"amd64", "arm64"}) {
			t.Errorf("build %s: goarch %v", id, arch)
		}
	}
	want := map[string]string{"journey": "./cmd/journey", "journey-graphviz": "./cmd/journey-graphviz", "journey-xlsx": "./cmd/journey-xlsx"}
	if !maps.Equal(mains, want) {
		t.Errorf("builds = %v, want %v", mains, want)
	}
	for id, main := range mains {
		if _, err := os.Stat(filepath.Join(root, main)); err != nil {
			t.Errorf("build %s: %v", id, err)
		}
	}

	archives := list(t, cfg, "archives")
	if len(archives) != 1 {
		t.Fatalf("%d archives, want one per platform holding both programs", len(archives))
	}
	if ids := strs(t, archives, 0, "ids"); !sameSet(ids, []string{"journey", "journey-graphviz", "journey-xlsx"}) {
		t.Errorf("archive ids %v: journey-graphviz and journey-xlsx must ship beside journey", ids)
	}
	var files []string
	for i := range list(t, archives, 0, "files") {
		files = append(files, str(t, archives, 0, "files", i, "src"))
	}
	for _, want := range []string{"README.md", "LICENSE", "CHANGELOG.md", "completions/*", "manpages/*"} {
		if !slices.Contains(files, want) {
			t.Errorf("archive files %v lack %s", files, want)
		}
	}
	for _, f := range files {
		if !strings.Contains(f, "*") {
			if _, err := os.Stat(filepath.Join(root, f)); err != nil {
				t.Errorf("archive file: %v", err)
			}
		}
	}
	if got := str(t, archives, 0, "format_overrides", 0, "goos"); got != "windows" {
		t.Errorf("format override for %s, want windows (zip)", got)
	}
	get(t, cfg, "checksum", "name_template")
	get(t, cfg, "changelog", "sort")

	hooks := strings.Join(strs(t, cfg, "before", "hooks"), "\n")
	for _, script := range []string{"scripts/completions.sh", "scripts/manpages.sh"} {
		if !strings.Contains(hooks, script) {
			t.Errorf("before hooks lack %s", script)
		}
		executable(t, script)
	}
	if strings.Contains(hooks, "go mod tidy") {
		t.Error("before hooks run go mod tidy: it rewrites go.mod during a release")
	}
}

// TestMainVariables checks cmd/journey/main.go declares the variables the
// release ldflags set (-X silently ignores a missing one).
func TestMainVariables(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, "cmd/journey/main.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					vars[n.Name] = true
				}
			}
		}
	}
	for _, v := range []string{"version", "commit", "date"} {
		if !vars[v] {
			t.Errorf("cmd/journey/main.go has no package variable %s for -X main.%s", v, v)
		}
	}
}

func TestAction(t *testing.T) {
	t.Parallel()
	a := readYAML(t, "action.yml")
	for _, k := range []string{"name", "description"} {
		if str(t, a, k) == "" {
			t.Errorf("action.yml: empty %s", k)
		}
	}
	if using := str(t, a, "runs", "using"); using != "composite" {
		t.Errorf("runs.using = %q, want composite", using)
	}
	for _, in := range []string{"version", "paths", "fail-on", "format"} {
		if str(t, a, "inputs", in, "description") == "" {
			t.Errorf("input %s has no description", in)
		}
		get(t, a, "inputs", in, "default")
	}
	if f := str(t, a, "inputs", "format", "default"); f != "sarif" {
		t.Errorf("format defaults to %q, want sarif", f)
	}
	for _, out := range []string{"report", "exit-code"} {
		str(t, a, "outputs", out, "value")
	}
	steps := list(t, a, "runs", "steps")
	var uploads, runs int
	for i := range steps {
		step := get(t, steps, i).(map[string]any)
		if uses, ok := step["uses"].(string); ok {
			if strings.HasPrefix(uses, "github/codeql-action/upload-sarif@") {
				uploads++
				str(t, step, "with", "sarif_file")
			}
			continue
		}
		runs++
		run := str(t, step, "run")
		if str(t, step, "shell") == "" {
			t.Errorf("step %d: a composite run step needs shell", i)
		}
		if strings.Contains(run, "${{") {
			t.Errorf("step %d interpolates ${{ }} into its script; pass inputs through env", i)
		}
		for _, m := range regexp.MustCompile(`\$GITHUB_ACTION_PATH/(scripts/[a-z-]+\.sh)`).FindAllStringSubmatch(run, -1) {
			executable(t, m[1])
		}
	}
	if uploads != 1 || runs < 2 {
		t.Errorf("action.yml: %d upload-sarif steps and %d run steps", uploads, runs)
	}
}

func TestPreCommitHooks(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, h := range hooks {
		byID[str(t, h, "id")] = h
	}
	want := map[string]string{"journey-lint": "journey lint", "journey-fmt": "journey fmt --check"}
	for id, entry := range want {
		h, ok := byID[id]
		if !ok {
			t.Errorf("no hook %s", id)
			continue
		}
		if got := str(t, h, "entry"); got != entry {
			t.Errorf("%s: entry %q, want %q", id, got, entry)
		}
		checkCommandLine(t, id, entry)
		if lang := str(t, h, "language"); lang != "golang" {
			t.Errorf("%s: language %q, want golang", id, lang)
		}
		str(t, h, "name")
		files := regexp.MustCompile(str(t, h, "files"))
		for name, match := range map[string]bool{
			"a.journey.yaml": true, "maps/b.journey.yml": true,
			"c.yaml": false, "journey.yaml.bak": false, "d.journey.yaml.orig": false,
		} {
			if files.MatchString(name) != match {
				t.Errorf("%s: files %q matches %s: %v, want %v", id, files, name, !match, match)
			}
		}
	}
}

// recipes returns the code blocks of docs/ci.md marked with
// <!-- recipe: NAME --> on the line before the fence.
func recipes(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "docs/ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- recipe: ([a-z-]+) -->\n```[a-z]*\n(.*?)\n```")
	out := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		out[m[1]] = m[2]
	}
	return out
}

func TestCIRecipes(t *testing.T) {
	t.Parallel()
	rs := recipes(t)
	for _, name := range []string{"github-action", "github-workflow", "gitlab", "shell", "pre-commit"} {
		if _, ok := rs[name]; !ok {
			t.Fatalf("docs/ci.md has no <!-- recipe: %s --> block", name)
		}
	}
	for name, src := range rs {
		for i, line := range strings.Split(src, "\n") {
			checkCommandLine(t, "docs/ci.md "+name+" line "+strconv.Itoa(i+1), line)
		}
	}

	t.Run("github-action", func(t *testing.T) {
		t.Parallel()
		w := parseYAML(t, "github-action", rs["github-action"])
		checkWorkflow(t, w)
		var action map[string]any
		for _, s := range list(t, w, "jobs", "lint", "steps") {
			if uses, _ := s.(map[string]any)["uses"].(string); strings.HasPrefix(uses, "journey-cx/journey@") {
				action = s.(map[string]any)
			}
		}
		if action == nil {
			t.Fatal("the workflow does not use journey-cx/journey")
		}
		inputs := readYAML(t, "action.yml")["inputs"].(map[string]any)
		for k := range get(t, action, "with").(map[string]any) {
			if _, ok := inputs[k]; !ok {
				t.Errorf("the workflow passes %s, which action.yml does not take", k)
			}
		}
	})
	t.Run("github-workflow", func(t *testing.T) {
		t.Parallel()
		w := parseYAML(t, "github-workflow", rs["github-workflow"])
		checkWorkflow(t, w)
		var upload map[string]any
		var lint string
		for _, s := range list(t, w, "jobs", "lint", "steps") {
			step := s.(map[string]any)
			if uses, _ := step["uses"].(string); strings.HasPrefix(uses, "github/codeql-action/upload-sarif@") {
				upload = step
			}
			if run, _ := step["run"].(string); strings.Contains(run, "journey lint") {
				lint = run
			}
		}
		if upload == nil {
			t.Fatal("no upload-sarif step")
		}
		if !strings.Contains(str(t, upload, "if"), "always()") {
			t.Error("upload-sarif must run when lint fails (if: always())")
		}
		sarif := str(t, upload, "with", "sarif_file")
		if !strings.Contains(lint, "--format sarif") || !strings.Contains(lint, "> "+sarif) {
			t.Errorf("lint step %q does not write SARIF to %s", lint, sarif)
		}
	})
	t.Run("gitlab", func(t *testing.T) {
		t.Parallel()
		g := parseYAML(t, "gitlab", rs["gitlab"])
		job := get(t, g, "journey-lint")
		report := str(t, job, "artifacts", "reports", "codequality")
		if when := str(t, job, "artifacts", "when"); when != "always" {
			t.Errorf("artifacts.when = %q, want always (keep the report when lint fails)", when)
		}
		script := strings.Join(strs(t, job, "script"), "\n")
		if !strings.Contains(script, "--format codeclimate") || !strings.Contains(script, "> "+report) {
			t.Errorf("script %q does not write the code quality report %s", script, report)
		}
		str(t, job, "image")
	})
	t.Run("pre-commit", func(t *testing.T) {
		t.Parallel()
		p := parseYAML(t, "pre-commit", rs["pre-commit"])
		if repo := str(t, p, "repos", 0, "repo"); repo != "https://github.com/journey-cx/journey" {
			t.Errorf("repo = %q", repo)
		}
		str(t, p, "repos", 0, "rev")
		b, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range list(t, p, "repos", 0, "hooks") {
			id := str(t, p, "repos", 0, "hooks", i, "id")
			if !strings.Contains(string(b), "- id: "+id+"\n") {
				t.Errorf("hook %s is not in .pre-commit-hooks.yaml", id)
			}
		}
	})
}

func checkWorkflow(t *testing.T, w map[string]any) {
	t.Helper()
	get(t, w, "on")
	if p := str(t, w, "permissions", "security-events"); p != "write" {
		t.Errorf("permissions.security-events = %q, want write (SARIF upload)", p)
	}
	jobs := get(t, w, "jobs").(map[string]any)
	for name := range jobs {
		str(t, jobs, name, "runs-on")
		if len(list(t, jobs, name, "steps")) == 0 {
			t.Errorf("job %s has no steps", name)
		}
	}
}

func TestChangelog(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(root, "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"# Changelog", "Keep a Changelog", "## [Unreleased]", "\n[Unreleased]: "} {
		if !strings.Contains(s, want) {
			t.Errorf("CHANGELOG.md lacks %q", want)
		}
	}
	types := regexp.MustCompile(`(?m)^### (.*)$`)
	for _, m := range types.FindAllStringSubmatch(s, -1) {
		if !slices.Contains([]string{"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, m[1]) {
			t.Errorf("CHANGELOG.md: %q is not a Keep a Changelog section", m[1])
		}
	}
	releases := regexp.MustCompile(`(?m)^## \[(.*?)\]`)
	for _, m := range releases.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(s, "\n["+m[1]+"]: ") {
			t.Errorf("CHANGELOG.md: no link for [%s]", m[1])
		}
	}
}

func executable(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(filepath.Join(root, path))
	if err != nil {
		t.Error(err)
		return
	}
	if fi.Mode()&0o111 == 0 {
		t.Errorf("%s is not executable", path)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
