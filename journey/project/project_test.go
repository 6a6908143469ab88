package project_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey/project"
)

const minimal = `version: 1
id: %s
title: Alta de fibra
model: %s
stages:
  - id: %s
    name: Señal
    touchpoints:
      - {id: tp, name: Llamada}
`

const customModel = `models:
  onboarding:
    stages: [signup, first-value]
`

// tree writes files (path -> content) under a new folder and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mapOf(id, model, stage string) string { return fmt.Sprintf(minimal, id, model, stage) }

func TestDiscover(t *testing.T) {
	dir := tree(t, map[string]string{
		"b.journey.yaml":              mapOf("b", "5a", "aware"),
		"a.journey.yml":               mapOf("a", "5a", "aware"),
		"notes.yaml":                  "x: 1",
		".journey.yaml":               "",
		"sub/c.journey.yaml":          mapOf("c", "5a", "aware"),
		".hidden/d.journey.yaml":      mapOf("d", "5a", "aware"),
		"node_modules/e.journey.yaml": mapOf("e", "5a", "aware"),
	})
	l := &project.Loader{Dir: dir}
	for _, tc := range []struct {
		name  string
		paths []string
		want  []string
	}{
		{"default is the folder", nil, []string{"a.journey.yml", "b.journey.yaml", "sub/c.journey.yaml"}},
		{"a file whatever its name", []string{"notes.yaml"}, []string{"notes.yaml"}},
		{"argument order kept, duplicates dropped", []string{"sub", ".", "-"}, []string{"sub/c.journey.yaml", "a.journey.yml", "b.journey.yaml", "-"}},
		{"hidden folder named explicitly", []string{".hidden"}, []string{".hidden/d.journey.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.Discover(tc.paths)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i] = filepath.ToSlash(got[i])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Discover(%q) = %q, want %q", tc.paths, got, tc.want)
			}
		})
	}
	_, err := l.Discover([]string{"missing"})
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "no such file or directory: missing" {
		t.Errorf("missing path: got %v", err)
	}
}

// TestConfigPerMap: each map gets the nearest config above it, and its
// custom stage model validates; a map outside gets none.
func TestConfigPerMap(t *testing.T) {
	dir := tree(t, map[string]string{
		"team/.journey.yaml":      customModel,
		"team/x/m.journey.yaml":   mapOf("m", "onboarding", "signup"),
		"other/n.journey.yaml":    mapOf("n", "onboarding", "signup"),
		"other/ok.journey.yaml":   mapOf("ok", "5a", "aware"),
		"team/.journey.yaml.keep": "",
	})
	l := &project.Loader{Dir: dir}
	files, err := l.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Name] = fmt.Sprintf("config=%q valid=%v", f.Config.Name, f.Valid())
	}
	want := map[string]string{
		"other/n.journey.yaml":  `config="" valid=false`,
		"other/ok.journey.yaml": `config="" valid=true`,
		"team/x/m.journey.yaml": `config="team/.journey.yaml" valid=true`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	// Every file read is recorded once, for watchers.
	var read []string
	for _, p := range l.Files() {
		rel, _ := filepath.Rel(dir, p)
		read = append(read, filepath.ToSlash(rel))
	}
	slices.Sort(read)
	if w := []string{"other/n.journey.yaml", "other/ok.journey.yaml", "team/.journey.yaml", "team/x/m.journey.yaml"}; !slices.Equal(read, w) {
		t.Errorf("Files() = %q, want %q", read, w)
	}
}

func TestExplicitConfig(t *testing.T) {
	dir := tree(t, map[string]string{
		"cfg.yaml":            customModel,
		"maps/m.journey.yaml": mapOf("m", "onboarding", "signup"),
		"empty/readme.txt":    "",
	})
	l := &project.Loader{Dir: dir, ConfigFile: "cfg.yaml"}
	files, err := l.Load([]string{"maps"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !files[0].Valid() || files[0].Config.Name != "cfg.yaml" {
		t.Fatalf("got %+v", files)
	}
	// A missing explicit config is an error even when there are no maps.
	l = &project.Loader{Dir: dir, ConfigFile: "nope.yaml"}
	if _, err := l.Load([]string{"empty"}); err == nil {
		t.Error("missing --config accepted")
	}
}

func TestStdinUsesConfigAboveDir(t *testing.T) {
	dir := tree(t, map[string]string{".journey.yaml": customModel})
	l := &project.Loader{Dir: dir, Stdin: strings.NewReader(mapOf("s", "onboarding", "first-value"))}
	files, err := l.Load([]string{"-"})
	if err != nil {
		t.Fatal(err)
	}
	if f := files[0]; f.Name != "<stdin>" || !f.Valid() || f.Config.Name != ".journey.yaml" {
		t.Errorf("got name %q valid %v config %q: %v", f.Name, f.Valid(), f.Config.Name, f.Diags)
	}
}

func TestBadConfigStops(t *testing.T) {
	dir := tree(t, map[string]string{
		".journey.yaml":  "lint:\n  rulez: {}\n",
		"m.journey.yaml": mapOf("m", "5a", "aware"),
	})
	l := &project.Loader{Dir: dir}
	_, err := l.Load(nil)
	if err == nil || !strings.Contains(err.Error(), ".journey.yaml:2:3") {
		t.Errorf("got %v, want the config's position", err)
	}
}

func TestTooLarge(t *testing.T) {
	dir := tree(t, map[string]string{"m.journey.yaml": mapOf("m", "5a", "aware")})
	l := &project.Loader{Dir: dir, MaxSize: 10}
	files, err := l.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := files[0].Diags; len(d) != 1 || !strings.Contains(d[0].Message, "over the 10 B size limit") {
		t.Errorf("got %v", d)
	}
}

// TestEachOrderAndWork: many maps come back in discovery order, each with
// the work done in the loading worker.
func TestEachOrderAndWork(t *testing.T) {
	files := map[string]string{}
	for i := range 100 {
		files[fmt.Sprintf("m%03d.journey.yaml", i)] = mapOf(fmt.Sprintf("m%d", i), "5a", "aware")
	}
	dir := tree(t, files)
	l := &project.Loader{Dir: dir}
	found, err := l.Discover(nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = l.Each(found, func(f *project.File) { f.Name = strings.ToUpper(f.Name) }, func(f *project.File) error {
		got = append(got, f.Name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range got {
		if want := fmt.Sprintf("M%03d.JOURNEY.YAML", i); n != want {
			t.Fatalf("map %d is %s, want %s", i, n, want)
		}
	}
	// fn's error stops the rest.
	n := 0
	stop := errors.New("stop")
	if err := l.Each(found, nil, func(*project.File) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("got %v after %d maps", err, n)
	}
}

func TestName(t *testing.T) {
	l := &project.Loader{Dir: filepath.FromSlash("/work/repo")}
	for in, want := range map[string]string{
		"-":                                    "<stdin>",
		"maps/../a.journey.yaml":               "a.journey.yaml",
		filepath.FromSlash("/work/repo/x/y"):   "x/y",
		filepath.FromSlash("/elsewhere/z"):     "/elsewhere/z",
		filepath.FromSlash("../sibling/m.yml"): "../sibling/m.yml",
	} {
		if got := l.Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDeclaredSourceName checks a map's data files are named the way the
// map is: beside it, relative when the map was named relatively.
func TestDeclaredSourceName(t *testing.T) {
	t.Parallel()
	l := &project.Loader{Dir: filepath.FromSlash("/work/repo/sub")}
	for _, tt := range []struct {
		mapName, mapPath, src string
		outside               bool
		want                  string
	}{
		{"../../ex/m.journey.yaml", "../../ex/m.journey.yaml", "data/e.csv", false, "../../ex/data/e.csv"},
		{"m.journey.yaml", "m.journey.yaml", "data/e.csv", false, "data/e.csv"},
		{"maps/m.journey.yaml", "maps/m.journey.yaml", "../shared/e.csv", true, "shared/e.csv"},
		{"/data/m.journey.yaml", "/data/m.journey.yaml", "e.csv", false, "/data/e.csv"},
		{"<stdin>", "-", "e.csv", false, "e.csv"},
	} {
		f := &project.File{Name: tt.mapName, Path: filepath.FromSlash(tt.mapPath)}
		src, ok := l.DeclaredSource(f, tt.src, tt.outside)
		if !ok || src.Name != tt.want {
			t.Errorf("map %s, source %s: name %q (ok %v), want %q", tt.mapName, tt.src, src.Name, ok, tt.want)
		}
	}
}
