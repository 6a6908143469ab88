package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

func TestModels(t *testing.T) {
	t.Parallel()
	plain := t.TempDir()
	project := t.TempDir()
	cfg := "models:\n  aida: [attention, interest, desire, action]\n  onboarding:\n    name: SaaS onboarding\n    stages: [sign-up, first-use, habit]\n"
	if err := os.WriteFile(filepath.Join(project, ".journey.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(project, "maps")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, ".journey.yaml"), []byte("models:\n  x: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		dir    string
		args   []string
		code   int
		golden string
		stderr string
	}{
		{"text", plain, []string{"models"}, 0, "testdata/models/builtin.text.golden", ""},
		{"json", plain, []string{"models", "--format", "json"}, 0, "testdata/models/builtin.json.golden", ""},
		{"config above", sub, []string{"models"}, 0, "testdata/models/config.text.golden", "custom models from "},
		{"config json", sub, []string{"models", "--format=json"}, 0, "testdata/models/config.json.golden", ""},
		{"bad format", plain, []string{"models", "-f", "yaml"}, 2, "", `unknown format "yaml" for models (want text or json)`},
		{"bad config", bad, []string{"models"}, 2, "", "a model needs at least one stage"},
		{"arguments", plain, []string{"models", "x"}, 2, "", "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := runIn(t, tt.dir, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q, want it to hold %q", errOut, tt.stderr)
			}
			if tt.golden != "" {
				// The config's display name depends on where the test runs.
				out = strings.ReplaceAll(out, filepath.ToSlash(filepath.Join(project, ".journey.yaml")), "PROJECT/.journey.yaml")
				golden.Assert(t, tt.golden, []byte(out))
			}
		})
	}
}
