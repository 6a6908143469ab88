package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/journey"
)

// schemaBlindSpots are loader messages for problems the schema cannot see
// (see the `# semantic:` fixtures): the fuzzer skips inputs that have them.
var schemaBlindSpots = []string{
	"duplicate key", "duplicate answer", "more than one YAML document", "file is UTF-16",
	"emotion keys must be persona ids",
	// A scalar with an explicit tag journey does not read (!!binary, !foo):
	// journey.ToValue hands the schema its text.
	"got !",
}

// FuzzSchemaAgreement mutates map files and checks that the schema and the
// loader's structural pass (journey.Decode) accept and reject the same ones.
func FuzzSchemaAgreement(f *testing.F) {
	for _, pattern := range []string{"../journey/testdata/valid/*.journey.yaml", "../journey/testdata/invalid/*.journey.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	sch := compile(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 16<<10 || bytes.Contains(data, []byte("---")) {
			t.Skip()
		}
		_, diags := journey.Decode("fuzz.journey.yaml", data, journey.Options{})
		for _, d := range diags {
			for _, b := range schemaBlindSpots {
				if strings.Contains(d.Message, b) {
					t.Skip()
				}
			}
		}
		sv := schemaVerdict(sch, data)
		if diags.HasErrors() != (sv.err != nil) {
			dv := "valid"
			if len(diags) > 0 {
				dv = diags[0].String()
			}
			t.Fatalf("the loader and the schema disagree\ndecode: %s\nschema: %v\n--- input:\n%s", dv, sv, data)
		}
	})
}
