// Package config reads the project configuration file, .journey.yaml: the
// severity of each lint rule, the fail level, the sample-size threshold and
// custom stage models. It does no terminal I/O.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"go.yaml.in/yaml/v3"

	"github.com/journey-cx/journey/journey"
)

// FileName is the name of the project configuration file. Map discovery
// never takes it for a map (see journey.IsMapFile).
const FileName = ".journey.yaml"

// AltFileName is the other accepted name; a folder may hold only one of the two.
const AltFileName = ".journey.yml"

// DefaultMinSample is the number of answers under which a survey measure
// (NPS, CES, CSAT) is a small sample.
const DefaultMinSample = 30

// maxSize bounds a configuration file: 1 MiB.
const maxSize = 1 << 20

// Config is one project configuration file. The zero Config is the
// configuration of a project without a file.
type Config struct {
	File   string               // the name diagnostics use for the file; "" without a file
	Lint   Lint                 // the `lint:` section
	Models []journey.StageModel // custom stage models from `models:`, in file order
}

// Lint is the `lint:` section of the configuration.
type Lint struct {
	FailOn    *journey.Severity           // `fail-on`; nil when not set (the default is error)
	MinSample int                         // `min-sample`; 0 when not set (DefaultMinSample)
	Rules     map[string]journey.Severity // rule id -> severity; SeverityNone turns the rule off
	RulePos   map[string]journey.Pos      // rule id -> position of its value in the file
}

// Options tune Parse and Load.
type Options struct {
	Rules []string // the rule ids `lint.rules` may name
	Name  string   // the file name diagnostics use; Load defaults it to the path
}

// Error is a configuration file with problems: every problem is a
// diagnostic with its position.
type Error struct {
	Diagnostics journey.Diagnostics
}

// Error lists the problems one per line, as file:line:col: error: message.
func (e *Error) Error() string {
	lines := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Find looks for the configuration file in dir and then in each parent
// folder up to the root. It returns the path of the first one found, or ""
// when there is none. A folder holding both FileName and AltFileName is an
// error.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		var found []string
		for _, name := range []string{FileName, AltFileName} {
			p := filepath.Join(dir, name)
			info, err := os.Stat(p)
			switch {
			case err == nil && !info.IsDir():
				found = append(found, p)
			// A "folder" that is a file holds no config: what was to be read
			// or written there fails on its own, with its name (ENOTDIR).
			case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) && !errors.Is(err, syscall.ENOTDIR):
				return "", fmt.Errorf("can't look for the config file %s: %w", p, journey.PathReason(err))
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("%s holds both %s and %s: keep one", dir, FileName, AltFileName)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and parses the configuration file at path. A file that cannot
// be read is a plain error; problems inside it are an *Error.
func Load(path string, opt Options) (*Config, error) {
	if opt.Name == "" {
		opt.Name = path
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("can't read the config file %s: %w", opt.Name, journey.PathReason(err))
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("can't read the config file %s: it is a folder", opt.Name)
	}
	data, err := journey.ReadLimited(fh, maxSize)
	if err != nil {
		return nil, fmt.Errorf("can't read the config file %s: %w", opt.Name, journey.PathReason(err))
	}
	return Parse(opt.Name, data, opt)
}

// Parse decodes a configuration file. file is the name diagnostics use.
// Every problem is collected into one *Error.
func Parse(file string, data []byte, opt Options) (*Config, error) {
	p := &parser{file: file, opt: opt}
	cfg := &Config{File: file}
	p.parse(data, cfg)
	if len(p.diags) > 0 {
		p.diags.Sort()
		return nil, &Error{Diagnostics: p.diags}
	}
	return cfg, nil
}

type parser struct {
	file  string
	opt   Options
	diags journey.Diagnostics
}

func pos(n *yaml.Node) journey.Pos { return journey.Pos{Line: n.Line, Column: n.Column} }

func (p *parser) errorf(n *yaml.Node, path, suggest, format string, args ...any) {
	at := pos(n)
	p.diags = append(p.diags, journey.Diagnostic{Rule: journey.RuleInvalid, Severity: journey.SeverityError,
		File: p.file, Line: at.Line, Column: at.Column, Path: path, Suggest: suggest,
		Message: fmt.Sprintf(format, args...)})
}

func (p *parser) parse(data []byte, cfg *Config) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		at, msg := journey.YAMLSyntax(err, data) // placed as in a map
		p.errorf(&yaml.Node{Line: at.Line, Column: at.Column}, "", "", "%s", msg)
		return
	}
	if len(doc.Content) == 0 {
		return // empty file or only comments: the default configuration
	}
	root := journey.Deref(doc.Content[0], nil)
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return
	}
	p.mapping(root, "", "the config", map[string]func(*yaml.Node, string){
		"lint":   func(v *yaml.Node, path string) { p.lint(v, path, &cfg.Lint) },
		"models": func(v *yaml.Node, path string) { p.models(v, path, cfg) },
	})
}

// mapping walks a mapping node, reporting unknown and duplicate keys, and
// calls the field's function with each value.
func (p *parser) mapping(n *yaml.Node, path, what string, fields map[string]func(*yaml.Node, string)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, path, "", "%s must be a mapping, got %s", what, journey.Describe(n))
		return
	}
	known := make([]string, 0, len(fields))
	for k := range fields {
		known = append(known, k)
	}
	slices.Sort(known)
	seen := map[string]bool{}
	for _, kv := range journey.Pairs(n, nil) {
		k, v := journey.Deref(kv[0], nil), journey.Deref(kv[1], nil)
		kp := join(path, k.Value)
		if seen[k.Value] {
			p.errorf(k, kp, "", "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		f, ok := fields[k.Value]
		if !ok {
			p.errorf(k, kp, journey.Suggest(k.Value, known), "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(known, ", "))
			continue
		}
		f(v, kp)
	}
}

func (p *parser) lint(n *yaml.Node, path string, l *Lint) {
	p.mapping(n, path, "lint", map[string]func(*yaml.Node, string){
		"fail-on": func(v *yaml.Node, path string) {
			s, err := journey.ParseSeverity(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				p.errorf(v, path, journey.Suggest(v.Value, []string{"error", "warning", "info", "none"}),
					"fail-on must be error, warning, info or none, got %s", journey.Describe(v))
				return
			}
			l.FailOn = &s
		},
		"min-sample": func(v *yaml.Node, path string) {
			var i int
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&i) != nil || i < 1 {
				p.errorf(v, path, "", "min-sample must be a whole number of answers, 1 or more, got %s", journey.Describe(v))
				return
			}
			l.MinSample = i
		},
		"rules": func(v *yaml.Node, path string) { p.rules(v, path, l) },
	})
}

func (p *parser) rules(n *yaml.Node, path string, l *Lint) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, path, "", "rules must be a mapping of rule id to severity (error, warning, info or off), got %s", journey.Describe(n))
		return
	}
	l.Rules = map[string]journey.Severity{}
	l.RulePos = map[string]journey.Pos{}
	for _, kv := range journey.Pairs(n, nil) {
		k, v := journey.Deref(kv[0], nil), journey.Deref(kv[1], nil)
		kp := join(path, k.Value)
		switch {
		case k.Value == journey.RuleInvalid:
			p.errorf(k, kp, "", "rule %q cannot be configured: an invalid map is always an error", k.Value)
			continue
		case !slices.Contains(p.opt.Rules, k.Value):
			p.errorf(k, kp, journey.Suggest(k.Value, p.opt.Rules), "unknown rule %q (see `journey rules`)", k.Value)
			continue
		}
		if _, dup := l.Rules[k.Value]; dup {
			p.errorf(k, kp, "", "duplicate key %q", k.Value)
			continue
		}
		var sev journey.Severity
		var err error
		switch {
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" && strings.EqualFold(v.Value, "false"):
			sev = journey.SeverityNone // `off` written as a YAML 1.1 boolean
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
			sev, err = journey.ParseSeverity(v.Value)
		default:
			err = errors.New("not text")
		}
		if err != nil {
			p.errorf(v, kp, journey.Suggest(v.Value, []string{"error", "warning", "info", "off"}),
				"severity of %s must be error, warning, info or off, got %s", k.Value, journey.Describe(v))
			continue
		}
		l.Rules[k.Value] = sev
		l.RulePos[k.Value] = pos(v)
	}
}

func (p *parser) models(n *yaml.Node, path string, cfg *Config) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, path, "", "models must be a mapping of model id to its stages, like {onboarding: [signup, activate]}, got %s", journey.Describe(n))
		return
	}
	seen := map[string]bool{}
	for _, kv := range journey.Pairs(n, nil) {
		k, v := journey.Deref(kv[0], nil), journey.Deref(kv[1], nil)
		kp := join(path, k.Value)
		if !journey.IsSlug(k.Value) {
			p.errorf(k, kp, fmt.Sprintf("try %q", journey.Slugify(k.Value)), "model id %q is not a valid id: use lowercase letters, digits and dashes", k.Value)
			continue
		}
		if seen[k.Value] {
			p.errorf(k, kp, "", "duplicate model %q", k.Value)
			continue
		}
		seen[k.Value] = true
		m := journey.StageModel{ID: k.Value, Name: k.Value}
		switch v.Kind {
		case yaml.SequenceNode:
			m.Stages = p.stages(v, kp)
		case yaml.MappingNode:
			hasStages := false
			p.mapping(v, kp, "a model", map[string]func(*yaml.Node, string){
				"name":        func(v *yaml.Node, path string) { m.Name = p.text(v, path) },
				"description": func(v *yaml.Node, path string) { m.Description = p.text(v, path) },
				"stages":      func(v *yaml.Node, path string) { hasStages = true; m.Stages = p.stages(v, path) },
			})
			if !hasStages {
				p.errorf(v, kp, "", "model %s is missing the required key \"stages\"", k.Value)
			}
		default:
			p.errorf(v, kp, "", "model %s must be a list of stage ids, or a mapping with name and stages, got %s", k.Value, journey.Describe(v))
			continue
		}
		cfg.Models = append(cfg.Models, m)
	}
}

func (p *parser) stages(n *yaml.Node, path string) []string {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, path, "", "stages must be a list of stage ids, got %s", journey.Describe(n))
		return nil
	}
	if len(n.Content) == 0 {
		p.errorf(n, path, "", "a model needs at least one stage")
		return nil
	}
	var out []string
	for i, c := range n.Content {
		c = journey.Deref(c, nil)
		cp := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case c.Kind != yaml.ScalarNode || c.ShortTag() != "!!str":
			p.errorf(c, cp, "", "a stage id must be text, got %s", journey.Describe(c))
		case !journey.IsSlug(c.Value):
			p.errorf(c, cp, fmt.Sprintf("try %q", journey.Slugify(c.Value)), "stage id %q is not a valid id: use lowercase letters, digits and dashes", c.Value)
		case slices.Contains(out, c.Value):
			p.errorf(c, cp, "", "stage %q is listed twice", c.Value)
		default:
			out = append(out, c.Value)
		}
	}
	return out
}

func (p *parser) text(n *yaml.Node, path string) string {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		p.errorf(n, path, "", "%s must be text, got %s", path[strings.LastIndexByte(path, '.')+1:], journey.Describe(n))
		return ""
	}
	return n.Value
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
