package report

import (
	"bytes"
	"encoding/xml"
	"testing"
)

func TestJUnitIsWellFormed(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := JUnit(&b, sample(), Theme{}); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, b.String())
	}
	// 3 files x 4 rules; fail-on warning: invalid, stage-empty and
	// emotion-drop fail in alta; owner-handoff is info in baja, skipped in clean.
	if got.Tests != 12 || got.Failures != 3 || got.Skipped != 1 || len(got.Suites) != 3 {
		t.Errorf("tests=%d failures=%d skipped=%d suites=%d", got.Tests, got.Failures, got.Skipped, len(got.Suites))
	}
	want := "emotion falls 50%: from 4 to 2,\nthen <worse> & \"worst\""
	if f := got.Suites[0].Cases[2].Failure; f == nil || f.Message != want {
		t.Errorf("failure message does not round-trip: %+v", f)
	}
}
