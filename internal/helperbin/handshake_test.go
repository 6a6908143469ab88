package helperbin

import (
	"errors"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLineReadsBack(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, version string
		protocol      int
		extra, line   string
	}{
		{"journey-xlsx", "v1.2.3", 1, "", "journey-xlsx v1.2.3 (protocol 1)"},
		{"journey-graphviz", "dev", 0, "Graphviz 12.1.2", "journey-graphviz dev (Graphviz 12.1.2)"},
		{"journey-xlsx", "v0.0.0-20261204-abc+dirty", 2, "x", "journey-xlsx v0.0.0-20261204-abc+dirty (protocol 2, x)"},
		{"journey-xlsx", "dev", 0, "", "journey-xlsx dev"},
	} {
		line := VersionLine(tt.name, tt.version, tt.protocol, tt.extra)
		if line != tt.line {
			t.Errorf("VersionLine = %q, want %q", line, tt.line)
		}
		m := answerRe.FindStringSubmatch(line)
		if m == nil || m[1] != tt.name || m[2] != tt.version || (tt.protocol > 0) != (m[3] != "") {
			t.Errorf("%q reads back as %q", line, m)
		}
	}
}

func TestModuleVersion(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "dev", "(devel)": "dev", "v1.4.0": "v1.4.0", "v0.0.0-20260314092653-0123456789ab+dirty": "v0.0.0-20260314092653-0123456789ab+dirty"} {
		if got := ModuleVersion(&debug.BuildInfo{Main: debug.Module{Version: in}}); got != want {
			t.Errorf("ModuleVersion(%q) = %q, want %q", in, got, want)
		}
	}
	if got := BuildVersion("v9.9.9"); got != "v9.9.9" {
		t.Errorf("a stamped version wins: %q", got)
	}
}

func TestReinstall(t *testing.T) {
	t.Parallel()
	if r := Reinstall("v1.2.3"); !strings.Contains(r, "releases/tag/v1.2.3") || !strings.Contains(r, "cmd/...@v1.2.3") {
		t.Errorf("release: %s", r)
	}
	for _, v := range []string{"dev", "v0.0.0-20260314092653-0123456789ab+dirty", ""} {
		if r := Reinstall(v); !strings.Contains(r, "go install ./cmd/...") || strings.Contains(r, "@") {
			t.Errorf("%q: %s", v, r)
		}
	}
}

func TestBounded(t *testing.T) {
	t.Parallel()
	b := &Bounded{Max: 4}
	if n, err := b.Write([]byte("abc")); n != 3 || err != nil {
		t.Fatal(n, err)
	}
	if _, err := b.Write([]byte("de")); !errors.Is(err, ErrTooMuch) || !b.Over || b.String() != "abc" {
		t.Errorf("past Max: %v, over %v, kept %q", err, b.Over, b.String())
	}
	if _, err := b.Write([]byte("f")); !errors.Is(err, ErrTooMuch) {
		t.Errorf("once over, always over: %v", err)
	}
}
