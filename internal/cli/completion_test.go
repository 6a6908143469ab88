package cli

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/lint"
)

// complete runs cobra's hidden __complete command in-process, as a shell's
// completion script does, and returns the candidates (descriptions cut)
// and the directive.
func complete(t *testing.T, args ...string) ([]string, int) {
	t.Helper()
	app, _, out, errOut := newTestApp()
	if code := Main(context.Background(), append([]string{"__complete"}, args...), app, BuildInfo{}); code != ExitOK {
		t.Fatalf("__complete %q: exit %d, stderr:\n%s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, ":") {
		t.Fatalf("__complete %q: no directive line in:\n%s", args, out)
	}
	directive, err := strconv.Atoi(last[1:])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines[:len(lines)-1] {
		if l == "" {
			continue
		}
		got = append(got, strings.SplitN(l, "\t", 2)[0])
	}
	return got, directive
}

const (
	dirNoFile = 4  // cobra.ShellCompDirectiveNoFileComp
	dirExt    = 8  // cobra.ShellCompDirectiveFilterFileExt
	dirMask   = 63 // every directive bit
)

func TestCompletion(t *testing.T) {
	t.Parallel()
	ruleIDs := lint.IDs()
	tests := []struct {
		name      string
		args      []string
		want      []string // exactly these candidates, in this order
		contains  []string // at least these
		directive int
	}{
		{name: "subcommands", args: []string{""}, contains: []string{"validate", "lint", "score", "render", "rules", "models", "version", "completion"}, directive: dirNoFile},
		{name: "completion shells", args: []string{"completion", ""}, want: []string{"bash", "fish", "powershell", "zsh"}, directive: dirNoFile},
		{name: "validate maps", args: []string{"validate", ""}, want: mapFileExts, directive: dirExt},
		{name: "validate more maps", args: []string{"validate", "a.journey.yaml", ""}, want: mapFileExts, directive: dirExt},
		{name: "validate format", args: []string{"validate", "--format", ""}, want: []string{"text", "json"}, directive: dirNoFile},
		{name: "lint maps", args: []string{"lint", ""}, want: mapFileExts, directive: dirExt},
		{name: "lint format", args: []string{"lint", "-f", ""}, want: report.AllFormats(), directive: dirNoFile},
		{name: "lint format sarif", args: []string{"lint", "--format", "sa"}, contains: []string{"sarif"}, directive: dirNoFile},
		{name: "lint fail-on", args: []string{"lint", "--fail-on", ""}, want: []string{"error", "warning", "info", "none"}, directive: dirNoFile},
		{name: "lint config file", args: []string{"lint", "--config", ""}, want: []string{"yaml", "yml"}, directive: dirExt},
		{name: "rule ids", args: []string{"rules", ""}, want: ruleIDs, directive: dirNoFile},
		{name: "rule ids by prefix", args: []string{"rules", ruleIDs[1][:3]}, contains: []string{ruleIDs[1]}, directive: dirNoFile},
		{name: "one rule id only", args: []string{"rules", ruleIDs[0], ""}, want: nil, directive: dirNoFile},
		{name: "score maps", args: []string{"score", ""}, want: mapFileExts, directive: dirExt},
		{name: "render maps", args: []string{"render", ""}, want: mapFileExts, directive: dirExt},
		{name: "fmt maps", args: []string{"fmt", "--check", ""}, want: mapFileExts, directive: dirExt},
		{name: "diff old", args: []string{"diff", ""}, want: mapFileExts, directive: dirExt},
		{name: "diff new", args: []string{"diff", "a.journey.yaml", ""}, want: mapFileExts, directive: dirExt},
		{name: "diff takes two", args: []string{"diff", "a.journey.yaml", "b.journey.yaml", ""}, want: nil, directive: dirNoFile},
		{name: "import mermaid file", args: []string{"import", "mermaid", ""}, want: []string{"mmd", "mermaid"}, directive: dirExt},
		{name: "import xlsx file", args: []string{"import", "xlsx", ""}, want: []string{"xlsx"}, directive: dirExt},
		{name: "import xlsx takes one", args: []string{"import", "xlsx", "a.xlsx", ""}, want: nil, directive: dirNoFile},
		{name: "init models", args: []string{"init", "--model", ""}, contains: journey.ModelIDs(nil), directive: dirNoFile},
		{name: "version takes no files", args: []string{"version", ""}, want: nil, directive: dirNoFile},
		{name: "schema takes no files", args: []string{"schema", ""}, want: nil, directive: dirNoFile},
		{name: "models takes no files", args: []string{"models", ""}, want: nil, directive: dirNoFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, directive := complete(t, tt.args...)
			if tt.contains == nil && !slices.Equal(got, tt.want) {
				t.Errorf("__complete %q = %q, want %q", tt.args, got, tt.want)
			}
			for _, w := range tt.contains {
				if !slices.Contains(got, w) {
					t.Errorf("__complete %q = %q, want it to include %q", tt.args, got, w)
				}
			}
			if directive&dirMask != tt.directive {
				t.Errorf("__complete %q: directive %d, want %d", tt.args, directive, tt.directive)
			}
		})
	}
}

// TestCompletionModels checks every command with a --model flag completes
// the stage models, built-in ones included.
func TestCompletionModels(t *testing.T) {
	t.Parallel()
	app, _, _, _ := newTestApp()
	root := NewRootCommand(app, BuildInfo{})
	builtin := journey.ModelIDs(nil)
	found := 0
	for _, c := range root.Commands() {
		if c.Flags().Lookup("model") == nil {
			continue
		}
		found++
		got, _ := complete(t, c.Name(), "--model", "")
		for _, id := range builtin {
			if !slices.Contains(got, id) {
				t.Errorf("journey %s --model completes %q, want it to include %q", c.Name(), got, id)
			}
		}
	}
	t.Logf("%d commands with --model", found)
}

// TestCompletionScripts checks cobra writes a script for each shell.
func TestCompletionScripts(t *testing.T) {
	t.Parallel()
	for shell, want := range map[string]string{
		"bash":       "__start_journey",
		"zsh":        "#compdef journey",
		"fish":       "complete -c journey",
		"powershell": "Register-ArgumentCompleter",
	} {
		t.Run(shell, func(t *testing.T) {
			t.Parallel()
			app, _, out, _ := newTestApp()
			if code := Main(context.Background(), []string{"completion", shell}, app, BuildInfo{}); code != ExitOK {
				t.Fatalf("completion %s: exit %d", shell, code)
			}
			if !strings.Contains(out.String(), want) {
				t.Errorf("completion %s lacks %q", shell, want)
			}
		})
	}
}
