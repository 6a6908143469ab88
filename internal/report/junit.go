package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
)

// The report follows the JUnit schema of Jenkins' xunit plugin, which
// GitLab reads too (internal/report/testdata/junit-10.xsd): the file of a
// suite is an attribute of its testsuite, skipped counts are per suite, and
// a finding's line is in its failure or system-out text, as a test case
// has neither file nor line attribute there.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	File       string          `xml:"file,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit prints the result as JUnit XML for CI dashboards: one test suite
// per file, one test case per file and rule. A case fails when the rule
// has a finding at or above the fail level in that file; findings below
// it are listed in the case's system-out, and rules that did not run on
// the file (an invalid map, a rule turned off) are skipped. Each suite's
// properties give the journey version and the file's fail level. XML 1.0
// cannot carry most controls at all: in names and texts they show as the
// terminal sanitiser's escapes (\x1b), so the report stays valid XML.
func JUnit(w io.Writer, r *Result, _ Theme) error {
	files, diags := byFile(r)
	suites := junitSuites{Name: "journey " + r.Command, Suites: []junitSuite{}}
	for _, f := range files {
		name := output.Terminal(f)
		s := junitSuite{Name: name, File: name, Properties: junitProperties(r, f)}
		byRule := map[string]journey.Diagnostics{}
		var ids []string
		for _, ri := range r.Rules {
			ids = append(ids, ri.ID)
		}
		for _, d := range diags[f] {
			if _, ok := byRule[d.Rule]; !ok && !slices.Contains(ids, d.Rule) {
				ids = append(ids, d.Rule)
			}
			byRule[d.Rule] = append(byRule[d.Rule], d)
		}
		for _, id := range ids {
			c := junitCase{Name: output.Terminal(id), Classname: name}
			ds := byRule[id]
			var failing, other []string
			worst := journey.SeverityNone
			for _, d := range ds {
				if r.Fails(d) {
					failing = append(failing, output.Terminal(d.String()))
					worst = max(worst, d.Severity)
				} else {
					other = append(other, output.Terminal(d.String()))
				}
			}
			switch {
			case len(failing) > 0:
				msg := fmt.Sprintf("%d findings", len(failing))
				if len(failing) == 1 {
					msg = output.TerminalText(message(firstFailing(r, ds)))
				}
				c.Failure = &junitFailure{Message: msg, Type: worst.String(), Text: strings.Join(failing, "\n")}
				s.Failures++
			case r.Lint != nil && r.Lint.Skipped[f][id] != "":
				c.Skipped = &junitSkipped{Message: output.TerminalText(r.Lint.Skipped[f][id])}
				s.Skipped++
			}
			if len(other) > 0 {
				c.SystemOut = strings.Join(other, "\n")
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		suites.Tests += s.Tests
		suites.Failures += s.Failures
		suites.Suites = append(suites.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitProperties describes the run on file: the journey version that
// checked it and the lowest severity that fails it.
func junitProperties(r *Result, file string) []junitProperty {
	var ps []junitProperty
	if r.Version != "" {
		ps = append(ps, junitProperty{Name: "journey.version", Value: r.Version})
	}
	if r.Lint != nil {
		ps = append(ps, junitProperty{Name: "journey.fail-on", Value: r.FailLevel(file).String()})
	}
	return ps
}

func firstFailing(r *Result, ds journey.Diagnostics) journey.Diagnostic {
	for _, d := range ds {
		if r.Fails(d) {
			return d
		}
	}
	return ds[0]
}
