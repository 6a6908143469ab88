package cli

import (
	"context"
	"encoding/json"
	"runtime/debug"
	"testing"
)

func TestBuildInfoResolve(t *testing.T) {
	t.Parallel()
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "CGO_ENABLED", Value: "0"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-03-14T09:26:53Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	tests := []struct {
		name    string
		stamped BuildInfo
		info    debug.BuildInfo
		want    BuildInfo
	}{
		{
			name:    "release build: ldflags win over build info",
			stamped: BuildInfo{Version: "v1.2.3", Commit: "feedface", Date: "2026-01-02T03:04:05Z"},
			info:    debug.BuildInfo{Main: debug.Module{Version: "v9.9.9"}, Settings: vcs("false")},
			want:    BuildInfo{Version: "v1.2.3", Commit: "feedface", Date: "2026-01-02T03:04:05Z"},
		},
		{
			name: "go install module@version: the module version, no VCS",
			info: debug.BuildInfo{Main: debug.Module{Path: "github.com/journey-cx/journey", Version: "v1.4.0"}},
			want: BuildInfo{Version: "v1.4.0"},
		},
		{
			name: "go install of a pseudo-version",
			info: debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260314092653-0123456789ab"}},
			want: BuildInfo{Version: "v0.0.0-20260314092653-0123456789ab"},
		},
		{
			name: "checkout build: dev, commit and time from git",
			info: debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")},
			want: BuildInfo{Version: "dev", Commit: rev, Date: "2026-03-14T09:26:53Z"},
		},
		{
			name: "checkout build with local changes",
			info: debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")},
			want: BuildInfo{Version: "dev", Commit: rev + "-dirty", Date: "2026-03-14T09:26:53Z"},
		},
		{
			name: "checkout build with -buildvcs=false",
			info: debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			want: BuildInfo{Version: "dev"},
		},
		{
			name:    "partly stamped: the rest from build info",
			stamped: BuildInfo{Version: "v2.0.0"},
			info:    debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")},
			want:    BuildInfo{Version: "v2.0.0", Commit: rev, Date: "2026-03-14T09:26:53Z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.stamped.resolveFrom(&tt.info); got != tt.want {
				t.Errorf("resolveFrom = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestVersionJSON(t *testing.T) {
	t.Parallel()
	app, _, out, _ := newTestApp()
	build := BuildInfo{Version: "v1.2.3", Commit: "abc", Date: "2026-11-23T10:00:00Z"}
	if code := Main(context.Background(), []string{"version", "--json"}, app, build); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var got map[string]string
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	for k, want := range map[string]string{"version": "v1.2.3", "commit": "abc", "date": "2026-11-23T10:00:00Z"} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	for _, k := range []string{"go", "platform"} {
		if got[k] == "" {
			t.Errorf("no %s in %s", k, out)
		}
	}
}

func TestVersionUnstamped(t *testing.T) {
	t.Parallel()
	app, _, out, _ := newTestApp()
	if code := Main(context.Background(), []string{"version", "--json"}, app, BuildInfo{}); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var got map[string]string
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["version"] == "" {
		t.Errorf("an unstamped build prints no version: %s", out)
	}
}

// TestVersionFlag: journey --version (and -v) print what journey version
// prints, braces and all.
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	build := BuildInfo{Version: "v1.2.3-{{x}}", Commit: "abc", Date: "2026-11-23T10:00:00Z"}
	app, _, want, _ := newTestApp()
	if code := Main(context.Background(), []string{"version"}, app, build); code != ExitOK {
		t.Fatalf("version: exit %d", code)
	}
	for _, flag := range []string{"--version", "-v"} {
		app, _, out, errOut := newTestApp()
		if code := Main(context.Background(), []string{flag}, app, build); code != ExitOK || out.String() != want.String() {
			t.Errorf("journey %s: exit %d, printed %q (stderr %q), want %q", flag, code, out, errOut, want)
		}
	}
}
