package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/journey-cx/journey/journey"
)

// SARIF 2.1.0 constants.
const (
	sarifVersion   = "2.1.0"
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	toolURI        = "https://github.com/journey-cx/journey"
	srcRoot        = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Results    []sarifResult `json:"results"`
	ColumnKind string        `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     *sarifText     `json:"shortDescription,omitempty"`
	FullDescription      *sarifText     `json:"fullDescription,omitempty"`
	Help                 *sarifHelp     `json:"help,omitempty"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfig   `json:"defaultConfiguration,omitempty"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s journey.Severity) string {
	switch s {
	case journey.SeverityError:
		return "error"
	case journey.SeverityWarning:
		return "warning"
	case journey.SeverityInfo:
		return "note"
	}
	return "none"
}

// SARIF prints the result as one SARIF 2.1.0 log with one run, for GitHub
// code scanning and other SARIF viewers. tool.driver.rules carries every
// rule's metadata; results point at their rule by id and index. Locations
// are URIs relative to the checkout (%SRCROOT%), columns count Unicode
// characters (columnKind unicodeCodePoints), as in every journey output.
func SARIF(w io.Writer, r *Result, _ Theme) error {
	driver := sarifDriver{Name: "journey", InformationURI: toolURI, Version: r.Version, Rules: []sarifRule{}}
	index := map[string]int{}
	addRule := func(ri RuleInfo) int {
		if i, ok := index[ri.ID]; ok {
			return i
		}
		sr := sarifRule{ID: ri.ID, HelpURI: ri.HelpURI}
		if ri.Summary != "" {
			sr.ShortDescription = &sarifText{Text: ri.Summary}
			sr.FullDescription = &sarifText{Text: ri.Doc}
			sr.Help = &sarifHelp{Text: ruleHelpText(ri), Markdown: ruleHelpMarkdown(ri)}
		}
		if ri.Severity != journey.SeverityNone {
			sr.DefaultConfiguration = &sarifConfig{Level: sarifLevel(ri.Severity)}
		}
		if ri.Category != "" {
			sr.Properties = map[string]any{"tags": []string{"journey", ri.Category}}
		}
		driver.Rules = append(driver.Rules, sr)
		index[ri.ID] = len(driver.Rules) - 1
		return index[ri.ID]
	}
	for _, ri := range r.Rules {
		addRule(ri)
	}
	results := make([]sarifResult, 0, len(r.Diagnostics))
	fp := newFingerprinter()
	for _, d := range r.Diagnostics {
		ri, _ := r.rule(d.Rule)
		idx := addRule(ri)
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(d.File)}}
		if d.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Line, StartColumn: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn}
		}
		if d.Path != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: d.Path}}
		}
		results = append(results, sarifResult{
			RuleID:              d.Rule,
			RuleIndex:           &idx,
			Level:               sarifLevel(d.Severity),
			Message:             sarifText{Text: message(d)},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"journeyFinding/v1": fp.of(d)},
		})
	}
	log := sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{{
		Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "unicodeCodePoints",
	}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// artifact turns a display file name into a SARIF artifact location: a
// relative URI against the checkout root, or a file URI for a path outside
// the working directory.
func artifact(file string) sarifArtifact {
	file = strings.ReplaceAll(file, `\`, "/")
	abs := strings.HasPrefix(file, "/") || (len(file) > 2 && file[1] == ':' && file[2] == '/')
	segs := strings.Split(file, "/")
	for i, s := range segs {
		if abs && i == 0 && strings.HasSuffix(s, ":") {
			continue // a Windows drive letter
		}
		// PathEscape leaves ':', which would make a first segment
		// look like a URI scheme ("c:x" is not a relative path).
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	u := path.Join(segs...)
	if abs {
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		return sarifArtifact{URI: "file://" + u}
	}
	return sarifArtifact{URI: u, URIBaseID: srcRoot}
}

// message is a diagnostic's message with its suggestion, for formats that
// have a single text field.
func message(d journey.Diagnostic) string {
	if d.Suggest != "" {
		return d.Message + " (" + d.Suggest + ")"
	}
	return d.Message
}

func ruleHelpText(ri RuleInfo) string {
	s := ri.Doc
	if ri.Example != "" {
		s += "\n\nExample fix:\n\n" + strings.TrimRight(ri.Example, "\n")
	}
	if ri.HelpURI != "" {
		s += "\n\nMore: " + ri.HelpURI
	}
	return s
}

func ruleHelpMarkdown(ri RuleInfo) string {
	s := ri.Doc
	if ri.Example != "" {
		s += "\n\nExample fix:\n\n```yaml\n" + strings.TrimRight(ri.Example, "\n") + "\n```"
	}
	if ri.HelpURI != "" {
		s += "\n\n[More about " + ri.ID + "](" + ri.HelpURI + ")"
	}
	return s
}

// fingerprinter gives each finding an identity that survives edits that
// only move it: the file, the rule and the message (which names the
// element), plus a counter for identical findings in one file. Lines are
// left out on purpose.
type fingerprinter struct{ seen map[string]int }

func newFingerprinter() *fingerprinter { return &fingerprinter{seen: map[string]int{}} }

func (f *fingerprinter) of(d journey.Diagnostic) string {
	key := d.File + "\x00" + d.Rule + "\x00" + d.Message
	n := f.seen[key]
	f.seen[key] = n + 1
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:16])
}
