package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

func codeClimate(t *testing.T, r *Result) []ccIssue {
	t.Helper()
	var b bytes.Buffer
	if err := CodeClimate(&b, r, Theme{}); err != nil {
		t.Fatal(err)
	}
	var out []ccIssue
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCodeClimateFingerprints(t *testing.T) {
	t.Parallel()
	before := codeClimate(t, sample())
	moved := sample()
	for i := range moved.Diagnostics {
		moved.Diagnostics[i].Line += 10
	}
	after := codeClimate(t, moved)
	seen := map[string]bool{}
	for i := range before {
		if before[i].Fingerprint != after[i].Fingerprint {
			t.Errorf("fingerprint of %q changed when only its line moved", before[i].Description)
		}
		if seen[before[i].Fingerprint] {
			t.Errorf("duplicate fingerprint %s", before[i].Fingerprint)
		}
		seen[before[i].Fingerprint] = true
	}
	dup := sample()
	dup.Diagnostics = append(dup.Diagnostics, dup.Diagnostics[1])
	dup.Diagnostics[4].Line = 30
	issues := codeClimate(t, dup)
	if issues[1].Fingerprint == issues[4].Fingerprint {
		t.Error("two identical findings in one file share a fingerprint")
	}
}
