// Package maptest loads the maps that renderer and importer tests draw.
package maptest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/mine"
)

// MinedSmall is the mined log the render tests draw, seen from a package
// two folders below the repository root: journey mine of
// render/testdata/mined/log.csv against render/testdata/small.journey.yaml,
// with answers.csv and --customer C021.
const MinedSmall = "../../render/testdata/mined/small.mined.json"

// Mined reads the JSON envelope of journey mine at path, and fails the
// test when it cannot be read.
func Mined(t testing.TB, path string) *mine.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var res mine.Result
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &res
}

// Fixture is a map file the render tests run on, seen from a package two
// folders below the repository root (render/xlsx, render/graph...).
type Fixture struct{ Name, Path string }

// Fixtures are the examples and the two hostile maps: "hostile" (markup,
// formulas, quotes, Mermaid's reserved characters, control characters) and
// "hostile-layout" (markup in every text, 2,000-character names and words,
// 60 touchpoints in one stage), the one the draw tests also use.
var Fixtures = []Fixture{
	{"seguro-hogar", "../../examples/seguro-hogar.journey.yaml"},
	{"saas-onboarding", "../../examples/saas-onboarding.journey.yaml"},
	{"telecom-support", "../../examples/telecom-support.journey.yaml"},
	{"hostile", "../../render/mermaid/testdata/hostile.journey.yaml"},
	{"hostile-layout", "../../render/testdata/hostile.journey.yaml"},
}

// Load reads and validates the map at path, named by its base name, and
// fails the test when it cannot be read or is invalid.
func Load(t testing.TB, path string) *journey.Map {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := journey.Load(filepath.Base(path), data, journey.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s is invalid: %v", path, diags)
	}
	return m
}
