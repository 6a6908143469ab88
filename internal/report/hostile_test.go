package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
)

// hostileName is a map file name that writes the clipboard (OSC 52),
// clears the screen, breaks the line and carries every character a
// workflow command or a URI gives a meaning to.
const hostileName = "maps/m\x1b]52;c;ZXZpbA==\x07\x1b[2J\nx:a,b%\u202e.journey.yaml"

// hostile is a result whose file name and message are hostile, with the
// source the snippet is cut from.
func hostile() *Result {
	return &Result{
		Command: "lint", Version: "1.2.3", Files: []string{hostileName},
		Sources: map[string][]byte{hostileName: []byte("version: 1\ntitle: \"a\x1b[2Jb\"\n")},
		Diagnostics: journey.Diagnostics{{Rule: "emotion-drop", Severity: journey.SeverityError, File: hostileName, Line: 2, Column: 14,
			Message: "emoción \x1b]0;title\x07 cae\r\nmucho\x00 \u009b2J", Suggest: "añade \x1b[31mrojo"}},
		Rules: []RuleInfo{{ID: "emotion-drop", Severity: journey.SeverityWarning, Summary: "emotion falls", Doc: "Drops lose customers."}},
		Lint:  &LintInfo{FailOn: journey.SeverityWarning, Skipped: map[string]map[string]string{}},
	}
}

// noControls fails the test when s holds a control other than newline
// and tab, a C1 control or a bidi override.
func noControls(t *testing.T, what, s string) {
	t.Helper()
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e)
	}); i >= 0 {
		t.Errorf("%s has a control at byte %d: %q", what, i, s)
	}
}

func TestTextHostileName(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Text(&b, hostile(), Theme{}); err != nil {
		t.Fatal(err)
	}
	noControls(t, "text", b.String())
	want := `maps/m\x1b]52;c;ZXZpbA==\x07\x1b[2J\nx:a,b%\u202e.journey.yaml:2:14: error: emoción \x1b]0;title\x07 cae\r\nmucho\x00 \u009b2J [emotion-drop]
    2 | title: "a\x1b[2Jb"
      |                 ^
      = help: añade \x1b[31mrojo
`
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestGitHubHostileName reads the workflow commands back as the runner
// does (one command per line; %25 %0D %0A %3A %2C turned back in
// properties, %25 %0D %0A in the message): the file is the name with its
// line break, the controls the runner would pass on show as escapes.
func TestGitHubHostileName(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := GitHub(&b, hostile(), Theme{}); err != nil {
		t.Fatal(err)
	}
	noControls(t, "github", b.String())
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines for 1 finding:\n%s", len(lines), b.String())
	}
	cmd, msg, ok := strings.Cut(strings.TrimPrefix(lines[0], "::error "), "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", lines[0])
	}
	unprop := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	props := map[string]string{}
	for _, p := range strings.Split(cmd, ",") {
		k, v, _ := strings.Cut(p, "=")
		props[k] = unprop.Replace(v)
	}
	if want := output.TerminalText(hostileName); props["file"] != want || props["line"] != "2" || props["col"] != "14" {
		t.Errorf("properties %q, want file %q", props, want)
	}
	undata := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	if got, want := undata.Replace(msg), "emoción \\x1b]0;title\\x07 cae\r\nmucho\\x00 \\u009b2J (añade \\x1b[31mrojo)"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// TestJUnitHostileName: the report stays valid XML (the schema, with
// xmllint, and Go's parser), names and texts show the controls as escapes.
func TestJUnitHostileName(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := JUnit(&b, hostile(), Theme{}); err != nil {
		t.Fatal(err)
	}
	noControls(t, "junit", b.String())
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	s := got.Suites[0]
	if want := output.Terminal(hostileName); s.Name != want || s.File != want || s.Cases[0].Classname != want {
		t.Errorf("suite %q file %q class %q, want %q", s.Name, s.File, s.Cases[0].Classname, want)
	}
	if f := s.Cases[0].Failure; f == nil || !strings.Contains(f.Message, `emoción \x1b]0;title\x07 cae`) {
		t.Errorf("failure %+v", f)
	}
	validateJUnit(t, xmlLint(t), "testdata/junit-10.xsd", b.Bytes())
}

// TestSARIFHostileName: the log validates against the SARIF schema (URIs
// checked as uri-references), and the artifact URI, resolved and
// unescaped, is the file name again.
func TestSARIFHostileName(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := SARIF(&b, hostile(), Theme{}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Errorf("does not validate: %v\n%s", err, b.String())
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	uri := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI
	root, _ := url.Parse("file:///checkout/")
	ref, err := url.Parse(uri)
	if err != nil || ref.Scheme != "" || ref.Opaque != "" {
		t.Fatalf("artifact %q is not a relative reference: %v %+v", uri, err, ref)
	}
	if got := root.ResolveReference(ref).Path; got != "/checkout/"+hostileName {
		t.Errorf("artifact %q resolves to %q", uri, got)
	}
	for _, c := range uri {
		if c <= 0x20 || c >= 0x7f {
			t.Errorf("artifact %q has a raw %q", uri, c)
		}
	}
}

func TestSARIFArtifactColon(t *testing.T) {
	t.Parallel()
	// "c:x" would be a URI with scheme c; a drive letter stays one.
	for file, want := range map[string]string{"c:x.journey.yaml": "c%3Ax.journey.yaml", "D:/a:b.yaml": "file:///D:/a%3Ab.yaml"} {
		if got := artifact(file).URI; got != want {
			t.Errorf("artifact(%q) = %q, want %q", file, got, want)
		}
	}
}
