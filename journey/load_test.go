package journey

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/golden"
)

// base is a valid map; tests append lines to it. Its last line is 13, so
// appended lines start at line 14.
const base = `version: 1
id: m
title: T
channels:
  - {id: web, name: Web, kind: digital}
owners:
  - {id: sales, name: Ventas}
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
`

// top appends top-level lines (from line 14, column 1).
func top(lines ...string) string {
	return base + strings.Join(lines, "\n") + "\n"
}

// tp appends lines to the touchpoint (from line 14; keys at column 9).
func tp(lines ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, l := range lines {
		b.WriteString("        " + l + "\n")
	}
	return b.String()
}

// metrics appends `metrics:` to the touchpoint (line 14) and lines under it
// (from line 15; keys at column 11).
func metrics(lines ...string) string {
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return tp(append([]string{"metrics:"}, lines...)...)
}

// want is one expected diagnostic: exact position, a substring of the
// message and, when not empty, the exact suggestion.
type want struct {
	line, col int
	msg       string
	suggest   string
}

func (w want) String() string { return fmt.Sprintf("%d:%d %q (%s)", w.line, w.col, w.msg, w.suggest) }

// checkDiags asserts that diags are exactly ws, in order.
func checkDiags(t *testing.T, diags Diagnostics, ws ...want) {
	t.Helper()
	ok := len(diags) == len(ws)
	for i := 0; ok && i < len(ws); i++ {
		d, w := diags[i], ws[i]
		ok = d.Line == w.line && d.Column == w.col && strings.Contains(d.Message, w.msg) &&
			(w.suggest == "" || d.Suggest == w.suggest) && d.Severity == SeverityError && d.Rule == RuleInvalid
	}
	if !ok {
		var got, exp strings.Builder
		for _, d := range diags {
			fmt.Fprintf(&got, "\n  %d:%d %q (%s)", d.Line, d.Column, d.Message, d.Suggest)
		}
		for _, w := range ws {
			exp.WriteString("\n  " + w.String())
		}
		t.Errorf("diagnostics differ\ngot:%s\nwant:%s", got.String(), exp.String())
	}
}

type loadCase struct {
	name  string
	src   string
	opt   Options
	wants []want
}

func runLoadCases(t *testing.T, cases []loadCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, diags := Load("x.journey.yaml", []byte(tt.src), tt.opt)
			checkDiags(t, diags, tt.wants...)
			for _, d := range diags {
				if d.File != "x.journey.yaml" {
					t.Errorf("diagnostic names file %q", d.File)
				}
			}
			if len(tt.wants) == 0 && m == nil {
				t.Error("a valid file gave no map")
			}
		})
	}
}

func TestLoadBaseIsValid(t *testing.T) {
	t.Parallel()
	m, diags := Load("x.journey.yaml", []byte(base), Options{})
	checkDiags(t, diags)
	if m.ID != "m" || len(m.Touchpoints()) != 1 || m.Channel("web") == nil || m.OwnerByID("sales") == nil {
		t.Errorf("unexpected map: %+v", m)
	}
}

func TestLoadFileErrors(t *testing.T) {
	t.Parallel()
	runLoadCases(t, []loadCase{
		{name: "empty", src: "", wants: []want{{0, 0, "file is empty", ""}}},
		{name: "blank", src: " \n\t\n", wants: []want{{0, 0, "file is empty", ""}}},
		{name: "document marker only", src: "---\n", wants: []want{{0, 0, "file is empty", ""}}},
		{name: "only comments", src: "# one\n# two\n", wants: []want{{0, 0, "file holds only comments", ""}}},
		{name: "not UTF-8", src: "version: 1\nid: m\ntitle: Cotizaci\xf3n\n",
			wants: []want{{3, 16, "file is not UTF-8 text", ""}}},
		{name: "not UTF-8 after accents counts characters", src: "title: Cañ\xff\n",
			wants: []want{{1, 11, "file is not UTF-8 text", ""}}},
		{name: "UTF-16 LE", src: "\xff\xfev\x00:\x00", wants: []want{{0, 0, "file is UTF-16 (little-endian) text; save it as UTF-8", ""}}},
		{name: "UTF-16 BE", src: "\xfe\xff\x00v\x00:", wants: []want{{0, 0, "file is UTF-16 (big-endian) text; save it as UTF-8", ""}}},
		{name: "UTF-16 LE without a BOM", src: "v\x00e\x00r\x00s\x00i\x00o\x00n\x00:\x00 \x001\x00\n\x00",
			wants: []want{{0, 0, "file is UTF-16 (little-endian) text; save it as UTF-8", ""}}},
		{name: "NUL byte", src: "version: 1\nid: m\x00\n", wants: []want{{2, 6, "file holds a NUL byte", ""}}},
		{name: "NUL byte after CR line ends", src: "version: 1\rid: m\r\ntitle: \x00\r", wants: []want{{3, 8, "file holds a NUL byte", ""}}},
		{name: "YAML syntax at the end of a file without a final newline", src: "version: 1\nid: {",
			wants: []want{{2, 0, "YAML syntax: did not find expected node content", ""}}},
		{name: "over the size limit", src: base, opt: Options{MaxSize: 64},
			wants: []want{{0, 0, fmt.Sprintf("file is %d B, over the 64 B limit", len(base)), ""}}},
		{name: "at the size limit", src: base, opt: Options{MaxSize: int64(len(base))}},
		{name: "two documents", src: "version: 1\n---\nid: m\n", wants: []want{{2, 1, "more than one YAML document", ""}}},
		{name: "YAML syntax: unclosed list", src: "version: 1\nid: m\ntags: [a, b\n",
			wants: []want{{3, 0, "YAML syntax: did not find expected ',' or ']'", ""}}},
		// The list starts on line 1; yaml.v3 then reports where it gave up:
		// the end of the file, on line 2.
		{name: "YAML syntax: from the first line", src: "[a, b\n",
			wants: []want{{2, 0, "YAML syntax: did not find expected ',' or ']'", ""}}},
		{name: "YAML 1.2 directive", src: "%YAML 1.2\n---\n" + base,
			wants: []want{{1, 0, "YAML syntax: found incompatible YAML document", ""}}},
		{name: "YAML syntax: bad indentation", src: "version: 1\nid: m\n  title: T\n",
			wants: []want{{3, 0, "YAML syntax: mapping values are not allowed in this context", ""}}},
		{name: "YAML syntax: tab indentation", src: "version: 1\n\tid: m\n",
			wants: []want{{2, 1, "YAML syntax: found a tab character that violates indentation", ""}}},
		// yaml.v3 names the line before: the tab is on the next one.
		{name: "YAML syntax: tab indentation in a list item", src: "version: 1\nstages:\n  - id: s\n  \tname: S\n",
			wants: []want{{4, 3, "YAML syntax: found a tab character that violates indentation", ""}}},
		{name: "YAML syntax: unclosed quote", src: "version: 1\nid: m\ntitle: \"T\n",
			wants: []want{{3, 0, "YAML syntax: found unexpected end of stream", ""}}},
		{name: "unknown anchor", src: top("tags: *nope"), wants: []want{{14, 7, "YAML syntax: unknown anchor 'nope' referenced", ""}}},
		{name: "alias cycle in a list", src: top("tags: &x [a, *x]"),
			wants: []want{{14, 14, "alias *x is inside the node it names (anchor &x at line 14)", ""}}},
		{name: "merge key cycle", src: tp("metrics: &m {<<: *m}"),
			wants: []want{{14, 26, "alias *m is inside the node it names", ""}}},
		{name: "root is a list", src: "- a\n- b\n", wants: []want{{1, 1, "the map must be a mapping, got a list", ""}}},
		{name: "root is text", src: "hello\n", wants: []want{{1, 1, `the map must be a mapping, got the text "hello"`, ""}}},
		{name: "root is null", src: "~\n", wants: []want{{1, 1, "the map must be a mapping, got nothing (null)", ""}}},
	})
}

func TestLoadAcceptsBOMAndDocumentMarkers(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"\xef\xbb\xbf" + base, "---\n" + base, "---\n" + base + "...\n", "%YAML 1.1\n---\n" + base} {
		_, diags := Load("x.journey.yaml", []byte(src), Options{})
		checkDiags(t, diags)
	}
}

func TestLoadStructureErrors(t *testing.T) {
	t.Parallel()
	runLoadCases(t, []loadCase{
		// Keys.
		{name: "missing required keys", src: "version: 1\nid: m\n", wants: []want{
			{1, 1, `the map is missing the required key "stages"`, ""},
			{1, 1, `the map is missing the required key "title"`, ""}}},
		{name: "key that is a list", src: top("? [a, b]", ": 1"), wants: []want{{14, 3, "keys of the map must be plain names, got a list", ""}}},
		{name: "duplicate key", src: tp("name: U"), wants: []want{{14, 9, `duplicate key "name" (first set at line 13)`, ""}}},
		{name: "duplicate key at the top", src: top("id: n"), wants: []want{{14, 1, `duplicate key "id" (first set at line 2)`, ""}}},
		{name: "unknown key with suggestion", src: tp("chanel: web"),
			wants: []want{{14, 9, `unknown key "chanel" in a touchpoint`, `did you mean "channel"?`}}},
		{name: "unknown top-level key with suggestion", src: top("descripton: x"),
			wants: []want{{14, 1, `unknown key "descripton" in the map`, `did you mean "description"?`}}},
		{name: "unknown key without suggestion", src: tp("zzz: 1"), wants: []want{{14, 9, `unknown key "zzz" in a touchpoint`, ""}}},
		{name: "unknown metric", src: metrics("np: {score: 1, n: 1}"),
			wants: []want{{15, 11, `unknown key "np" in metrics`, `did you mean "nps"?`}}},
		{name: "unknown source column", src: top("sources:", "  - path: a.csv", "    columns: {email: x}"),
			wants: []want{{16, 15, `unknown key "email" in columns`, ""}}},
		{name: "csat has no n", src: metrics("csat: {satisfied: 1, total: 2, n: 2}"), wants: []want{{15, 42, `unknown key "n" in csat`, ""}}},
		// Null values.
		{name: "null value", src: tp("channel: ~"), wants: []want{{14, 18, "channel has no value; give it one or remove the key", ""}}},
		{name: "empty value", src: top("owner:"), wants: []want{{14, 7, "owner has no value", ""}}},
		{name: "null list entry", src: tp("pains: [~]"), wants: []want{{14, 17, "a pain must be text or a mapping with text, got nothing (null)", ""}}},
		// Wrong types: text.
		{name: "text given a number", src: top("description: 42"),
			wants: []want{{14, 14, "description must be text, got the number 42", `quote it: "42"`}}},
		{name: "text given a boolean", src: tp("action: true"),
			wants: []want{{14, 17, "action must be text, got the boolean true", `quote it: "true"`}}},
		{name: "text given a list", src: tp("thought: [a, b]"), wants: []want{{14, 18, "thought must be text, got a list", ""}}},
		{name: "text given a mapping", src: top("owner: {a: 1}"), wants: []want{{14, 8, "owner must be text, got a mapping", ""}}},
		{name: "list entry given a number", src: top("tags: [a, 1]"),
			wants: []want{{14, 11, "tags entry must be text, got the number 1", `quote it: "1"`}}},
		{name: "next entry given a number", src: tp("next: [5]"), wants: []want{{14, 16, "next entry must be text, got the number 5", ""}}},
		// Wrong types: number and whole number.
		{name: "number given text", src: tp("emotion: high"), wants: []want{{14, 18, `emotion must be a number, got the text "high"`, ""}}},
		{name: "number given infinity", src: tp("emotion: .inf"), wants: []want{{14, 18, "emotion must be a number, got the number .inf", ""}}},
		{name: "number given a list", src: top("targets: {nps: [1]}"), wants: []want{{14, 16, "nps must be a number, got a list", ""}}},
		{name: "whole number given a fraction", src: tp("opportunities:", "  - {text: x, impact: 2.5}"),
			wants: []want{{15, 31, "impact must be a whole number, got the number 2.5", ""}}},
		{name: "whole number given text", src: strings.Replace(base, "version: 1", "version: v1", 1),
			wants: []want{{1, 10, `version must be a whole number, got the text "v1"`, ""}}},
		{name: "whole number beyond 2^53", src: metrics("csat: {satisfied: 1, total: 9007199254740993}"),
			wants: []want{{15, 39, "total is out of range: 9007199254740993 is beyond ±9007199254740992 (2^53), the largest whole number journey reads", ""}}},
		{name: "whole number beyond int64", src: metrics("nps: {promoters: 99999999999999999999999, passives: 1, detractors: 1}"),
			wants: []want{{15, 28, "promoters is out of range: 99999999999999999999999 is beyond ±9007199254740992 (2^53), the largest whole number journey reads", ""}}},
		{name: "whole number beyond float64", src: metrics("nps: {promoters: 1e309, passives: 1, detractors: 1}"),
			wants: []want{{15, 28, "promoters is out of range: 1e309 is beyond the largest number journey reads (about ±1.8e308)", ""}}},
		{name: "whole number given a quoted 1e309", src: metrics(`nps: {promoters: "1e309", passives: 1, detractors: 1}`),
			wants: []want{{15, 28, `promoters must be a whole number, got the text "1e309"`, ""}}},
		{name: "number beyond float64", src: tp("emotion: -1e309"),
			wants: []want{{14, 18, "emotion is out of range: -1e309 is beyond the largest number journey reads (about ±1.8e308); it must be from 1 to 5", ""}}},
		{name: "number below float64", src: tp("emotion: 1e-400"), // yaml.v3 reads it as 0
			wants: []want{{14, 18, "emotion must be from 1 to 5, got 1e-400", ""}}},
		{name: "distribution count beyond 2^53", src: metrics("csat: {distribution: {1: 1e20, 5: 1}}"),
			wants: []want{{15, 36, "the count of answer 1 is out of range: 1e20 is beyond ±9007199254740992 (2^53), the largest whole number journey reads", ""}}},
		// Wrong types: boolean, list, mapping.
		{name: "boolean given text", src: metrics("ces: {mean: 5, n: 10, reversed: yes}"),
			wants: []want{{15, 43, `reversed must be true or false, got the text "yes"`, ""}}},
		{name: "list given text", src: top("tags: urgent"), wants: []want{{14, 7, `tags must be a list, got the text "urgent"`, "write [urgent]"}}},
		{name: "list given a mapping", src: top("sources: {path: a.csv}"), wants: []want{{14, 10, "sources must be a list, got a mapping", ""}}},
		{name: "list given a number", src: tp("pains: 3"), wants: []want{{14, 16, "pains must be a list, got the number 3", ""}}},
		{name: "mapping given a number", src: top("targets: 80"), wants: []want{{14, 10, "targets must be a mapping, got the number 80", ""}}},
		{name: "list entry given text", src: top("sources:", "  - data.csv"),
			wants: []want{{15, 5, `a source must be a mapping, got the text "data.csv"`, ""}}},
		{name: "pain given a number", src: tp("pains: [3]"), wants: []want{{14, 17, "a pain must be text or a mapping with text, got the number 3", ""}}},
		{name: "opportunity given a list", src: tp("opportunities: [[x]]"),
			wants: []want{{14, 25, "an opportunity must be text or a mapping with text, got a list", ""}}},
		{name: "next given a number", src: tp("next: 5"), wants: []want{{14, 15, "next must be a touchpoint id or a list of them, got the number 5", ""}}},
		{name: "emotion keyed by a number", src: tp("emotion: {1: 3}"), wants: []want{{14, 19, "emotion keys must be persona ids, got the number 1", ""}}},
		{name: "emotion keyed by nothing", src: tp(`emotion: {"": 3}`), wants: []want{{14, 19, `emotion keys must be persona ids, got the text ""`, ""}}},
		{name: "emotion with a duplicate persona", src: tp("emotion: {a: 1, a: 2}"), wants: []want{
			{14, 19, "emotion per persona needs `personas:` with ids", ""},
			{14, 25, `duplicate key "a"`, ""}}},
		// Ranges.
		{name: "emotion above 5", src: tp("emotion: 6"), wants: []want{{14, 18, "emotion must be from 1 to 5, got 6", ""}}},
		{name: "emotion below 1", src: tp("emotion: 0.5"), wants: []want{{14, 18, "emotion must be from 1 to 5, got 0.5", ""}}},
		{name: "emotion per persona above 5", src: tp("emotion: {marta: 9}"), wants: []want{{14, 26, "marta must be from 1 to 5, got 9", ""}}},
		{name: "negative count", src: metrics("nps: {promoters: -1, passives: 1, detractors: 1}"),
			wants: []want{{15, 28, "promoters must be 0 or more, got -1", ""}}},
		{name: "negative n", src: metrics("ces: {mean: 5, n: -3}"), wants: []want{{15, 29, "n must be 0 or more, got -3", ""}}},
		{name: "NPS score above 100", src: metrics("nps: {score: 101, n: 5}"), wants: []want{{15, 24, "score must be from -100 to 100, got 101", ""}}},
		{name: "NPS score below -100", src: metrics("nps: {score: -100.5, n: 5}"), wants: []want{{15, 24, "score must be from -100 to 100, got -100.5", ""}}},
		{name: "CES mean below 1", src: metrics("ces: {mean: 0.9, n: 5}"), wants: []want{{15, 23, "mean must be from 1 to 7, got 0.9", ""}}},
		{name: "CES mean above 7", src: metrics("ces: {mean: 7.5, n: 5}"), wants: []want{{15, 23, "mean must be from 1 to 7, got 7.5", ""}}},
		{name: "CES scale 6", src: metrics("ces: {mean: 5, n: 10, scale: 6}"), wants: []want{{15, 40, "scale must be 5 or 7, got 6", ""}}},
		{name: "CES scale 8", src: metrics("ces: {mean: 5, n: 10, scale: 8}"), wants: []want{{15, 40, "scale must be from 5 to 7, got 8", ""}}},
		{name: "targets out of range", src: top("targets: {nps: 120, ces: 0, csat: 101}"), wants: []want{
			{14, 16, "nps must be from -100 to 100, got 120", ""},
			{14, 26, "ces must be from 1 to 7, got 0", ""},
			{14, 35, "csat must be from 0 to 100, got 101", ""}}},
		{name: "impact above 5", src: tp("opportunities:", "  - {text: x, impact: 6}"), wants: []want{{15, 31, "impact must be from 1 to 5, got 6", ""}}},
		{name: "effort below 1", src: tp("opportunities:", "  - {text: x, effort: 0}"), wants: []want{{15, 31, "effort must be from 1 to 5, got 0", ""}}},
		{name: "KPI value beyond 2^53", src: metrics("kpis:", "  - {name: x, value: 1e300}"),
			wants: []want{{16, 32, "value must be from -9007199254740992 to 9007199254740992, got 1e300", ""}}},
		// Enums.
		{name: "state", src: top("state: past"), wants: []want{{14, 8, `state must be one of current, future, got "past"`, ""}}},
		{name: "empty state", src: top(`state: ""`), wants: []want{{14, 8, `state must be one of current, future, got ""`, ""}}},
		{name: "channel kind", src: "version: 1\nid: m\ntitle: T\nchannels:\n  - {id: x, kind: digitl}\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{5, 19, `kind must be one of digital, human, physical, print, got "digitl"`, `did you mean "digital"?`}}},
		{name: "pain severity", src: tp("pains:", "  - {text: x, severity: hig}"),
			wants: []want{{15, 33, `severity must be one of low, medium, high, critical, got "hig"`, `did you mean "high"?`}}},
		{name: "opportunity status", src: tp("opportunities:", "  - {text: x, status: planed}"),
			wants: []want{{15, 31, `status must be one of idea, planned, in-progress, done, got "planed"`, `did you mean "planned"?`}}},
		{name: "moment of truth", src: tp("moment_of_truth: fmt"),
			wants: []want{{14, 26, `moment_of_truth must be one of zmot, fmot, smot, ultimate, got "fmt"`, `did you mean "fmot"?`}}},
		{name: "KPI better", src: metrics("kpis:", "  - {name: x, better: more}"),
			wants: []want{{16, 33, `better must be one of higher, lower, got "more"`, ""}}},
		// Ids.
		{name: "map id", src: "version: 1\nid: Mi Mapa\ntitle: T\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{2, 5, `id "Mi Mapa" is not a valid id: use lowercase letters, digits and dashes`, `try "mi-mapa"`}}},
		{name: "empty stage id", src: "version: 1\nid: m\ntitle: T\nstages:\n  - id: ''\n    name: S\n",
			wants: []want{{5, 9, `id "" is not a valid id`, ""}}},
		{name: "stage id with an accent", src: "version: 1\nid: m\ntitle: T\nstages:\n  - id: cotización\n    name: S\n",
			wants: []want{{5, 9, `id "cotización" is not a valid id`, `try "cotizacion"`}}},
		{name: "channel id", src: "version: 1\nid: m\ntitle: T\nchannels:\n  - {id: Web Site}\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{5, 10, `id "Web Site" is not a valid id`, `try "web-site"`}}},
		{name: "model stage", src: "version: 1\nid: m\ntitle: T\nmodel: aida\nstages:\n  - id: s\n    name: S\n    model_stage: Awareness\n",
			wants: []want{{8, 18, `model_stage "Awareness" is not a valid id`, `try "awareness"`}}},
		{name: "model", src: top("model: Oracle CX"), wants: []want{{14, 8, `model "Oracle CX" is not a valid id`, `try "oracle-cx"`}}},
		// Version and locale.
		{name: "version 2", src: strings.Replace(base, "version: 1", "version: 2", 1),
			wants: []want{{1, 10, "unsupported format version 2: this journey reads version 1", ""}}},
		{name: "version quoted", src: strings.Replace(base, "version: 1", `version: "1"`, 1),
			wants: []want{{1, 10, `version must be a whole number, got the text "1"`, ""}}},
		{name: "locale", src: top("locale: español"), wants: []want{{14, 9, `locale must be a language tag like es, en or es-MX, got "español"`, ""}}},
		{name: "empty locale", src: top("locale: ''"), wants: []want{{14, 9, `locale must be a language tag like es, en or es-MX, got ""`, ""}}},
		// Required keys of each element.
		{name: "stage without name", src: "version: 1\nid: m\ntitle: T\nstages:\n  - id: s\n",
			wants: []want{{5, 5, `a stage is missing the required key "name"`, ""}}},
		{name: "touchpoint without id", src: "version: 1\nid: m\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - name: T\n",
			wants: []want{{8, 9, `a touchpoint is missing the required key "id"`, ""}}},
		{name: "channel without id", src: "version: 1\nid: m\ntitle: T\nchannels:\n  - {name: Web}\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{5, 5, `a channel is missing the required key "id"`, ""}}},
		{name: "owner without id", src: "version: 1\nid: m\ntitle: T\nowners:\n  - name: Ventas\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{5, 5, `an owner is missing the required key "id"`, ""}}},
		{name: "pain without text", src: tp("pains:", "  - {severity: high}"), wants: []want{{15, 13, `a pain is missing the required key "text"`, ""}}},
		{name: "opportunity without text", src: tp("opportunities:", "  - {owner: sales}"),
			wants: []want{{15, 13, `an opportunity is missing the required key "text"`, ""}}},
		{name: "KPI without name", src: metrics("kpis:", "  - {value: 3}"), wants: []want{{16, 15, `a KPI is missing the required key "name"`, ""}}},
		{name: "source without path", src: top("sources:", "  - columns: {nps: r}"), wants: []want{{15, 5, `a source is missing the required key "path"`, ""}}},
		{name: "persona without name", src: top("persona: {id: marta}"), wants: []want{{14, 10, `a persona is missing the required key "name"`, ""}}},
		{name: "personas entry without id", src: top("personas:", "  - name: Marta"), wants: []want{{15, 5, `a persona is missing the required key "id"`, ""}}},
		// Persona or personas, stages.
		{name: "persona then personas", src: top("persona: {name: A}", "personas: [{id: b, name: B}]"),
			wants: []want{{15, 11, "give either persona or personas, not both", ""}}},
		{name: "personas then persona", src: top("personas: [{id: b, name: B}]", "persona: {name: A}"),
			wants: []want{{14, 11, "give either persona or personas, not both", ""}}},
		{name: "no stages", src: "version: 1\nid: m\ntitle: T\nstages: []\n", wants: []want{{4, 9, "stages is empty: a map needs at least one stage", ""}}},
		// Metric forms.
		{name: "NPS with only n", src: metrics("nps: {n: 10}"),
			wants: []want{{15, 16, "nps needs one form: {promoters, passives, detractors}, {score, n} or {distribution}", ""}}},
		{name: "NPS counts without detractors", src: metrics("nps: {promoters: 1, passives: 2}"), wants: []want{{15, 16, `nps is missing "detractors"`, ""}}},
		{name: "NPS score without n", src: metrics("nps: {score: 10}"), wants: []want{{15, 16, `nps is missing "n"`, ""}}},
		{name: "NPS counts and score", src: metrics("nps: {promoters: 1, passives: 2, detractors: 3, score: 10, n: 6}"),
			wants: []want{{15, 16, "nps mixes forms; give exactly one of", ""}}},
		{name: "CES with only a scale", src: metrics("ces: {scale: 5}"), wants: []want{{15, 16, "ces needs one form: {mean, n} or {distribution}", ""}}},
		{name: "CES mean without n", src: metrics("ces: {mean: 5}"), wants: []want{{15, 16, `ces is missing "n"`, ""}}},
		{name: "CES mean and distribution", src: metrics("ces: {mean: 5, n: 2, distribution: {5: 2}}"), wants: []want{{15, 16, "ces mixes forms", ""}}},
		{name: "CSAT without total", src: metrics("csat: {satisfied: 3}"), wants: []want{{15, 17, `csat is missing "total"`, ""}}},
		{name: "CSAT empty", src: metrics("csat: {}"), wants: []want{{15, 17, "csat needs one form: {satisfied, total} or {distribution}", ""}}},
		{name: "CSAT counts and distribution", src: metrics("csat: {satisfied: 3, total: 4, distribution: {5: 3}}"), wants: []want{{15, 17, "csat mixes forms", ""}}},
		// Distributions.
		{name: "NPS answer 11", src: metrics("nps: {distribution: {10: 4, 11: 2}}"),
			wants: []want{{15, 39, "distribution answers must be whole numbers from 0 to 10, got the number 11", ""}}},
		{name: "CSAT answer 0", src: metrics("csat: {distribution: {0: 1}}"),
			wants: []want{{15, 33, "distribution answers must be whole numbers from 1 to 5, got the number 0", ""}}},
		{name: "CES answer as a word", src: metrics("ces: {distribution: {easy: 3}}"),
			wants: []want{{15, 32, `distribution answers must be whole numbers from 1 to 7, got the text "easy"`, ""}}},
		{name: "answer written 05", src: metrics("ces: {distribution: {05: 3}}"),
			wants: []want{{15, 32, "distribution answers must be whole numbers from 1 to 7, got the number 05", ""}}},
		{name: "answer with a fraction", src: metrics("csat: {distribution: {4.5: 3}}"),
			wants: []want{{15, 33, "got the number 4.5", ""}}},
		{name: "answer given twice", src: metrics("csat: {distribution: {1: 1, 1: 2}}"), wants: []want{{15, 39, "duplicate answer 1 in distribution", ""}}},
		{name: "answer given twice, once quoted", src: metrics(`csat: {distribution: {1: 1, "1": 2}}`), wants: []want{{15, 39, "duplicate answer 1 in distribution", ""}}},
		{name: "distribution as a list", src: metrics("nps: {distribution: [1, 2]}"),
			wants: []want{{15, 31, "distribution must be a mapping of answer to count, like {0: 12, 10: 30}, got a list", ""}}},
		{name: "negative count in a distribution", src: metrics("csat: {distribution: {1: -2}}"),
			wants: []want{{15, 36, "the count of answer 1 must be 0 or more, got -2", ""}}},
		{name: "fractional count in a distribution", src: metrics("csat: {distribution: {1: 2.5}}"),
			wants: []want{{15, 36, "the count of answer 1 must be a whole number, got the number 2.5", ""}}},
	})
}

func TestLoadSemanticErrors(t *testing.T) {
	t.Parallel()
	personas := "version: 1\nid: m\ntitle: T\npersonas:\n  - {id: marta, name: Marta}\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - id: t\n        name: T\n"
	noVocab := "version: 1\nid: m\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - id: t\n        name: T\n"
	runLoadCases(t, []loadCase{
		// Unique ids.
		{name: "duplicate channel", src: "version: 1\nid: m\ntitle: T\nchannels:\n  - {id: web}\n  - {id: web, name: Web}\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{6, 10, `duplicate channel id "web" (first used at line 5)`, ""}}},
		{name: "duplicate owner", src: "version: 1\nid: m\ntitle: T\nowners:\n  - {id: sales}\n  - id: sales\nstages:\n  - id: s\n    name: S\n",
			wants: []want{{6, 9, `duplicate owner id "sales" (first used at line 5)`, ""}}},
		{name: "duplicate persona", src: top("personas:", "  - {id: marta, name: Marta}", "  - {id: marta, name: M2}"),
			wants: []want{{16, 10, `duplicate persona id "marta" (first used at line 15)`, ""}}},
		{name: "duplicate stage", src: "version: 1\nid: m\ntitle: T\nstages:\n  - id: s\n    name: S\n  - id: s\n    name: S2\n",
			wants: []want{{7, 9, `duplicate stage id "s" (first used at line 5)`, ""}}},
		{name: "duplicate touchpoint across stages", src: base + "  - id: s2\n    name: S2\n    touchpoints:\n      - id: t\n        name: T2\n",
			wants: []want{{17, 13, `duplicate touchpoint id "t" (first used at line 12)`, ""}}},
		// References.
		{name: "unknown channel", src: tp("channel: wev"), wants: []want{{14, 18, `unknown channel "wev" (declared: web)`, `did you mean "web"?`}}},
		{name: "channel without channels", src: noVocab + "        channel: web\n",
			wants: []want{{10, 18, "channel \"web\" is not declared: the map has no `channels:`", ""}}},
		{name: "unknown owner", src: tp("owner: sale"), wants: []want{{14, 16, `unknown owner "sale" (declared: sales)`, `did you mean "sales"?`}}},
		{name: "owner without owners", src: noVocab + "        owner: sales\n",
			wants: []want{{10, 16, "owner \"sales\" is not declared: the map has no `owners:`", ""}}},
		{name: "unknown opportunity owner", src: tp("opportunities:", "  - {text: x, owner: mkt}"),
			wants: []want{{15, 30, `unknown owner "mkt" (declared: sales)`, ""}}},
		{name: "unknown next", src: tp("next: [t, tt]"), wants: []want{{14, 19, `next names unknown touchpoint "tt"`, `did you mean "t"?`}}},
		{name: "unknown next as text", src: tp("next: nope"), wants: []want{{14, 15, `next names unknown touchpoint "nope"`, ""}}},
		{name: "emotion per persona with one persona", src: tp("emotion: {marta: 3}"),
			wants: []want{{14, 19, "emotion per persona needs `personas:` with ids", ""}}},
		{name: "unknown persona", src: personas + "        emotion: {marta: 3, mrta: 2}\n",
			wants: []want{{12, 29, `unknown persona "mrta" (declared: marta)`, `did you mean "marta"?`}}},
		{name: "unknown model", src: top("model: oracle-cxx"),
			wants: []want{{14, 8, `unknown stage model "oracle-cxx" (known: oracle-cx, aida, 5a, see-think-do-care, classic)`, `did you mean "oracle-cx"?`}}},
		{name: "custom model", src: "version: 1\nid: m\ntitle: T\nmodel: mine\nstages:\n  - id: s\n    name: S\n    model_stage: one\n",
			opt: Options{Models: []StageModel{{ID: "mine", Stages: []string{"one", "two"}}}}},
		{name: "model stage not in the model", src: "version: 1\nid: m\ntitle: T\nmodel: aida\nstages:\n  - id: s\n    name: S\n    model_stage: need\n",
			wants: []want{{8, 18, `model_stage "need" is not a stage of model aida (awareness, interest, desire, action)`, ""}}},
		{name: "stage id not in the model is fine", src: "version: 1\nid: m\ntitle: T\nmodel: aida\nstages:\n  - id: s\n    name: S\n"},
		{name: "model stage without a model", src: "version: 1\nid: m\ntitle: T\nstages:\n  - id: s\n    name: S\n    model_stage: need\n",
			wants: []want{{7, 18, `model_stage "need" needs a stage model`, "set `model:` at the top of the map"}}},
		// Constraints across fields.
		{name: "CSAT satisfied above total", src: metrics("csat: {satisfied: 12, total: 10}"),
			wants: []want{{15, 29, "csat satisfied (12) is more than total (10)", ""}}},
		{name: "CES mean above a 5-point scale", src: metrics("ces: {mean: 6, n: 10, scale: 5}"),
			wants: []want{{15, 23, "ces mean 6 is above the top of its 5-point scale", ""}}},
		{name: "CES distribution above a 5-point scale", src: metrics("ces: {scale: 5, distribution: {6: 2}}"),
			wants: []want{{15, 41, "ces distribution counts answer 6, above the top of its 5-point scale", ""}}},
		{name: "CES 5 on a 5-point scale is fine", src: metrics("ces: {scale: 5, distribution: {5: 2}, n: 2}")},
	})
}

// TestLoadColumnsCountCharacters puts errors after multi-byte characters:
// columns count characters (as editors show them), not bytes.
func TestLoadColumnsCountCharacters(t *testing.T) {
	t.Parallel()
	head := "version: 1\nid: m\ntitle: T\nstages:\n  - id: s\n    name: S\nchannels:\n"
	runLoadCases(t, []loadCase{
		// 'ó' is two bytes: the byte column of "digitl" would be 38.
		{name: "accent", src: head + "  - {id: x, name: Cotización, kind: digitl}\n",
			wants: []want{{8, 37, `got "digitl"`, `did you mean "digital"?`}}},
		// '🚀' is four bytes and one character.
		{name: "emoji", src: head + "  - {id: x, name: \"🚀 Lanzamiento\", kind: rocket}\n",
			wants: []want{{8, 42, `got "rocket"`, ""}}},
		{name: "accents in the key before", src: head + "  - {id: x, name: ñandú ñandú}\n" + "  - {id: y, ñame: z}\n",
			wants: []want{{9, 13, `unknown key "ñame" in a channel`, `did you mean "name"?`}}},
		{name: "tab inside a value", src: head + "  - {id: x, name: \"a\tb\", kind: tv}\n",
			wants: []want{{8, 32, `got "tv"`, ""}}},
	})
}

// TestLoadCRLFKeepsPositions loads erroneous files with LF and with CRLF
// line endings (and with a UTF-8 BOM): the diagnostics are the same.
func TestLoadCRLFKeepsPositions(t *testing.T) {
	t.Parallel()
	srcs := []string{
		tp("chanel: web", "emotion: 6", "next: [nope]"),
		metrics("nps: {n: 10}", "ces: {mean: 6, n: 10, scale: 5}", "csat: {distribution: {1: -2}}"),
		"version: 1\nid: Mi Mapa\ntitle: |\n  Two\n  lines\ndescription: >-\n  folded\n  text\nstages:\n  - id: s\n    name: Cotización\n    modl: x\n",
		"version: 1\nid: m\ntitle: \"quoted\r\n  across lines\"\nstages: 5\n",
		"version: 1\nid: m\ntitle: T\ntags: [a, b\n",
	}
	for i, src := range srcs {
		_, lf := Load("x.journey.yaml", []byte(src), Options{})
		if len(lf) == 0 {
			t.Fatalf("source %d: no diagnostics", i)
		}
		crlfSrc := strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\n", "\r\n")
		for name, variant := range map[string]string{"CRLF": crlfSrc, "BOM": "\xef\xbb\xbf" + src, "BOM+CRLF": "\xef\xbb\xbf" + crlfSrc} {
			_, got := Load("x.journey.yaml", []byte(variant), Options{})
			if fmt.Sprint(got) != fmt.Sprint(lf) {
				t.Errorf("source %d with %s:\n got: %v\nwant: %v", i, name, got, lf)
			}
		}
	}
}

// TestLoadBillionLaughs fails fast, before anything is expanded: the error
// points at the alias that stands for the most nodes.
//
// Not parallel: testing.AllocsPerRun refuses to run in a parallel test.
func TestLoadBillionLaughs(t *testing.T) { //nolint:paralleltest // AllocsPerRun
	var b strings.Builder
	b.WriteString(base)
	b.WriteString("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "lol%d: &lol%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*lol%d, ", i-1), 10), ", "))
	}
	b.WriteString("tags: *lol9\n")
	allocs := testing.AllocsPerRun(1, func() {
		_, diags := Load("x.journey.yaml", []byte(b.String()), Options{})
		checkDiags(t, diags, want{24, 7, `aliases expand this file from 160 to more than 65696 nodes (*lol9 alone stands for 11111111111 nodes); refusing to expand them (is this a "billion laughs" file?)`, ""})
	})
	// Decoding the source nodes costs a few thousand allocations; expanding
	// even the first level of aliases would cost far more.
	if allocs > 20000 {
		t.Errorf("billion laughs took %.0f allocations: aliases were expanded", allocs)
	}
}

// TestLoadAliasesWithinBounds: aliases and merge keys that reuse parts of a
// map are followed, even when they add many nodes.
func TestLoadAliasesWithinBounds(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(base)
	b.WriteString("        pains: &p [a, b, c, d, e, f, g, h]\n")
	b.WriteString("        metrics: &m\n          nps: {promoters: 1, passives: 2, detractors: 3}\n")
	b.WriteString("      - &tp {id: u, name: U, pains: [*p, *p], metrics: *m}\n")
	for i := range 200 {
		fmt.Fprintf(&b, "      - {<<: *tp, id: u%d}\n", i)
	}
	m, diags := Load("x.journey.yaml", []byte(b.String()), Options{})
	// The alias targets are lists, not pains: reported once, where the
	// content is, although 202 touchpoints reach it.
	checkDiags(t, diags, want{14, 16, "a pain must be text or a mapping with text, got a list", ""})
	if m == nil || len(m.Touchpoints()) != 202 || m.Touchpoints()[201].Metrics.NPS == nil {
		t.Fatalf("merge keys were not followed")
	}
}

// TestLoadReportsAllProblems: one run reports every problem of a file, in
// order, up to the cap.
func TestLoadReportsAllProblems(t *testing.T) {
	t.Parallel()
	src := tp("chanel: web", "emotion: 6", "owner: nobody", "pains: [3]", "next: [nope]", "moment_of_truth: fmt")
	_, diags := Load("x.journey.yaml", []byte(src), Options{})
	checkDiags(t, diags,
		want{14, 9, `unknown key "chanel"`, ""},
		want{15, 18, "emotion must be from 1 to 5", ""},
		want{16, 16, `unknown owner "nobody"`, ""},
		want{17, 17, "a pain must be text or a mapping with text", ""},
		want{18, 16, `next names unknown touchpoint "nope"`, ""},
		want{19, 26, "moment_of_truth must be one of", ""})

	var b strings.Builder
	b.WriteString(base)
	for i := range 2 * maxDiagnostics {
		fmt.Fprintf(&b, "        k%d: 1\n", i)
	}
	_, diags = Load("x.journey.yaml", []byte(b.String()), Options{})
	if len(diags) != maxDiagnostics {
		t.Errorf("got %d diagnostics, want the cap of %d", len(diags), maxDiagnostics)
	}
}

// TestLoadModel checks what the loader builds from the full fixture.
func TestLoadModel(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/valid/full.journey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, diags := Load("full.journey.yaml", data, Options{})
	checkDiags(t, diags)
	if m.Version != 1 || m.ID != "online-insurance-quote" || m.Locale != "es-ES" || m.State != "future" || m.Model != "oracle-cx" {
		t.Errorf("header: %+v", m)
	}
	if len(m.Personas) != 1 || m.PersonaList || m.Personas[0].ID != "marta" || len(m.Personas[0].Needs) != 2 {
		t.Errorf("personas: %+v", m.Personas)
	}
	if len(m.Channels) != 6 || m.Channels[3].Kind != KindPhysical || len(m.Owners) != 3 {
		t.Errorf("channels %d, owners %d", len(m.Channels), len(m.Owners))
	}
	if m.Targets == nil || *m.Targets.NPS != -10.5 || *m.Targets.CES != 5.5 || *m.Targets.CSAT != 80 {
		t.Errorf("targets: %+v", m.Targets)
	}
	tps := m.Touchpoints()
	if len(tps) != 4 {
		t.Fatalf("got %d touchpoints", len(tps))
	}
	ad := tps[0]
	if ad.Pos != (Pos{47, 9}) || ad.At("channel") != (Pos{50, 18}) || ad.Path != "stages[0].touchpoints[0]" {
		t.Errorf("positions: %v %v %q", ad.Pos, ad.At("channel"), ad.Path)
	}
	if len(ad.Pains) != 5 || ad.Pains[1].Severity != "critical" || ad.Pains[0].Text != "Mensajes genéricos" {
		t.Errorf("pains: %+v", ad.Pains)
	}
	if o := ad.Opportunities[0]; o.Owner != "marketing" || o.Status != "idea" || o.Impact != 4 || o.Effort != 2 {
		t.Errorf("opportunity: %+v", o)
	}
	if ad.MomentOfTruth != MomentZMOT || !ad.NextSet || len(ad.Next) != 1 || ad.NextPos[0] != (Pos{74, 16}) {
		t.Errorf("next: %v %v", ad.Next, ad.NextPos)
	}
	mt := ad.Metrics
	if *mt.NPS.Promoters != 40 || *mt.CES.Mean != 4.8 || mt.CES.Scale != 7 || *mt.CSAT.Total != 200 || len(mt.KPIs) != 4 || mt.KPIs[1].Better != "lower" {
		t.Errorf("metrics: %+v", mt)
	}
	if tps[1].Next[0] != "call" || !tps[2].NextSet || len(tps[2].Next) != 0 {
		t.Errorf("next forms: %v %v", tps[1].Next, tps[2].Next)
	}
	if e, _ := tps[2].EmotionOf(""); e != 1.5 {
		t.Errorf("emotion: %v", e)
	}
	if len(m.Sources) != 2 || m.Sources[0].Columns["csat"] != "satisfaction" || m.Stages[0].CoveredModelStage() != "need" {
		t.Errorf("sources: %+v", m.Sources)
	}
}

// TestLoadDiagnosticsGolden pins the whole diagnostics list of a few
// invalid fixtures; `go test ./journey -run Golden -update` rewrites them.
func TestLoadDiagnosticsGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"many-errors", "references", "metric-errors", "enum-kind", "billion-laughs", "not-utf8"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			file := filepath.ToSlash(filepath.Join("testdata", "invalid", name+".journey.yaml"))
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := Load(file, data, Options{})
			if diags == nil {
				diags = Diagnostics{}
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(diags); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", "golden", name+".json"), buf.Bytes())
		})
	}
}

// TestValidFixtures loads every valid fixture without a diagnostic.
func TestValidFixtures(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/valid/*.journey.yaml")
	if len(files) == 0 {
		t.Fatal("no valid fixtures")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, diags := Load(f, data, Options{}); len(diags) > 0 {
			t.Errorf("%s: %v", f, diags)
		}
	}
}
