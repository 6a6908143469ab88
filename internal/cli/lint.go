package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/config"
	"github.com/journey-cx/journey/journey/lint"
)

// rulesDocURL is where each rule's documentation lives; the rule id is the anchor.
const rulesDocURL = "https://github.com/journey-cx/journey/blob/main/docs/rules.md"

type lintOptions struct {
	load   loadFlags
	format string
	failOn string
	config string
}

func newLintCmd(ios *IOStreams, build BuildInfo) *cobra.Command {
	opts := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check maps for what they still lack: coverage, flow, emotions, metrics",
		Long: strings.TrimSpace(`
Check journey maps for what they still lack: stages of the model no stage
covers, touchpoints without a channel, an owner or an emotion, emotion drops
with no opportunity, gaps between channels and departments, touchpoints the
flow never reaches, and metrics that are missing, too small or contradictory.
Lint is a superset of validate: an invalid map yields its validation errors
(rule invalid) and the other rules do not run on it.

Each map is checked with the nearest .journey.yaml, found by walking up from
the map's folder (or the file given with --config): rule severities or off,
fail-on, min-sample and custom stage models. A finding is silenced on one
element with a comment on its line or the line above:

  # journey:ignore RULE-ID reason

PATH is a map file (whatever its name), a directory searched recursively for
*.journey.yaml and *.journey.yml, or - for standard input. The default is
the current directory. 'journey rules' lists the rules.

Exit status: 0 no finding at or above the fail level (--fail-on, default
error), 1 some finding is, 2 lint could not run (a missing path, a bad flag,
an invalid .journey.yaml).`),
		Example: examples(`
  journey lint
  journey lint --fail-on warning examples/
  journey lint --format sarif > journey.sarif      # GitHub code scanning
  journey lint --format github                     # annotations in GitHub Actions
  journey lint --format codeclimate > gl-code-quality-report.json   # GitLab`),
		GroupID: "check",
		// PATH arguments: map files and folders.
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"journey.yaml", "journey.yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return lintRun(ios, opts, args, opts.failOn != "", build)
		},
	}
	opts.load.bind(cmd.Flags())
	formats := report.AllFormats()
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: "+strings.Join(formats, ", "))
	cmd.Flags().StringVar(&opts.failOn, "fail-on", "", "lowest severity that makes lint exit 1: error, warning, info or none (default: lint.fail-on from .journey.yaml, else error)")
	cmd.Flags().StringVar(&opts.config, "config", "", "project config file (default: the nearest .journey.yaml above each map)")
	_ = cmd.RegisterFlagCompletionFunc("format", completeWords(formats))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", completeWords([]string{"error", "warning", "info", "none"}))
	_ = cmd.RegisterFlagCompletionFunc("config", cobra.FixedCompletions([]string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt))
	return cmd
}

func lintRun(ios *IOStreams, opts *lintOptions, paths []string, failOnSet bool, build BuildInfo) error {
	format, err := report.ParseFormat(opts.format)
	if err != nil {
		return usagef("%w", err)
	}
	var flagFailOn journey.Severity
	if failOnSet {
		if flagFailOn, err = journey.ParseSeverity(opts.failOn); err != nil {
			return usagef("invalid --fail-on: %w", err)
		}
	}
	r := resultOf("lint")
	r.Version = build.resolve().Version
	r.Rules = ruleInfos(lint.Rules())
	r.Lint = &report.LintInfo{FailOn: journey.SeverityError, FileFailOn: map[string]journey.Severity{}, Skipped: map[string]map[string]string{}}
	levels := map[string]journey.Severity{}
	first := true
	if format != report.FormatText {
		r.Sources = nil // only text prints source snippets
	}
	// The rules run in the loading workers, on every core.
	lintMap := func(lm *loadedMap, mc *mapConfig) {
		if lm.Map != nil && !lm.Diags.HasErrors() {
			lm.Diags = append(lm.Diags, mc.linter.Lint(lm.Map, lm.Data)...)
			lm.Diags.Sort()
		}
	}
	err = eachMapWithConfig(ios, paths, opts.load, opts.config, lintMap, func(lm *loadedMap, mc *mapConfig) error {
		diags := lm.Diags
		if lm.Map != nil && !diags.HasErrors() {
			if off := mc.linter.Disabled(); len(off) > 0 {
				why := "turned off in " + mc.name
				r.Lint.Skipped[lm.Name] = map[string]string{}
				for _, id := range off {
					r.Lint.Skipped[lm.Name][id] = why
				}
			}
		} else {
			r.Lint.Skipped[lm.Name] = map[string]string{}
			for _, id := range lint.IDs() {
				if id != journey.RuleInvalid {
					r.Lint.Skipped[lm.Name][id] = "the map is invalid: lint rules run on valid maps only"
				}
			}
		}
		lvl := mc.failOn()
		if failOnSet {
			lvl = flagFailOn
		}
		if first {
			r.Lint.FailOn, first = lvl, false
		}
		levels[lm.Name] = lvl
		add(r, lm, diags)
		return nil
	})
	if err != nil {
		return err
	}
	for f, lvl := range levels {
		if lvl != r.Lint.FailOn {
			r.Lint.FileFailOn[f] = lvl
		}
	}
	r.Diagnostics.Sort()
	theme := report.Theme{}
	if format == report.FormatText {
		theme = newTheme(ios.Out, ios.ColorOut).report()
	}
	if err := report.Print(ios.Out, format, r, theme); err != nil {
		return err
	}
	printSummary(ios.ErrOut, newTheme(ios.ErrOut, ios.ColorErr), r)
	if !r.Passed() {
		return problems()
	}
	return nil
}

// completeWords completes a flag or argument with the words that start
// with what is typed so far.
func completeWords(words []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, w := range words {
			if strings.HasPrefix(w, toComplete) {
				out = append(out, w)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// ruleInfos turns the registry into the metadata report formats carry.
func ruleInfos(rules []lint.Rule) []report.RuleInfo {
	out := make([]report.RuleInfo, len(rules))
	for i, ru := range rules {
		out[i] = report.RuleInfo{ID: ru.ID, Category: string(ru.Category), Severity: ru.Severity,
			Summary: ru.Summary, Doc: ru.Doc, Example: ru.Example, HelpURI: rulesDocURL + "#" + ru.ID}
	}
	return out
}

// mapConfig is the configuration a map is checked with: the nearest
// .journey.yaml above it (or --config), and the linter built from it.
type mapConfig struct {
	name   string // display name of the config file; "" without one
	cfg    *config.Config
	linter *lint.Linter
}

// failOn returns the config's fail level: lint.fail-on, or error.
func (mc *mapConfig) failOn() journey.Severity {
	if mc.cfg.Lint.FailOn != nil {
		return *mc.cfg.Lint.FailOn
	}
	return journey.SeverityError
}

// loadConfig reads the config file at path ("" for none) and builds its linter.
func loadConfig(ios *IOStreams, path string) (*mapConfig, error) {
	mc := &mapConfig{cfg: &config.Config{}}
	if path != "" {
		mc.name = displayName(ios, path)
		cfg, err := config.Load(path, config.Options{Rules: lint.ConfigurableIDs(), Name: mc.name})
		if err != nil {
			return nil, err
		}
		mc.cfg = cfg
	}
	l, err := lint.New(lint.Options{Severity: mc.cfg.Lint.Rules, MinSample: mc.cfg.Lint.MinSample, Models: mc.cfg.Models})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", mc.name, err)
	}
	mc.linter = l
	return mc, nil
}

// eachMapWithConfig is eachMap where every map is loaded with the custom
// stage models of its configuration: configFile when given, else the
// nearest .journey.yaml above the map (above the working directory for
// standard input). fn gets the map and its configuration, in discovery
// order. A config file that cannot be read or holds a problem stops
// everything (exit 2).
func eachMapWithConfig(ios *IOStreams, paths []string, f loadFlags, configFile string, work func(*loadedMap, *mapConfig), fn func(*loadedMap, *mapConfig) error) error {
	files, err := discover(paths)
	if err != nil {
		return err
	}
	byPath := map[string]*mapConfig{}
	get := func(path string) (*mapConfig, error) {
		if mc, ok := byPath[path]; ok {
			return mc, nil
		}
		mc, err := loadConfig(ios, path)
		if err != nil {
			return nil, err
		}
		byPath[path] = mc
		return mc, nil
	}
	if configFile != "" {
		// An explicit config must exist.
		if _, err := get(configFile); err != nil {
			return err
		}
	}
	found := map[string]string{} // folder -> config path
	configOf := func(file string) (*mapConfig, error) {
		if configFile != "" {
			return get(configFile)
		}
		dir := ""
		if file == "-" {
			wd, err := ios.Getwd()
			if err != nil {
				return nil, err
			}
			dir = wd
		} else {
			abs, err := filepath.Abs(file)
			if err != nil {
				return nil, err
			}
			dir = filepath.Dir(abs)
		}
		p, ok := found[dir]
		if !ok {
			if p, err = config.Find(dir); err != nil {
				return nil, err
			}
			found[dir] = p
		}
		return get(p)
	}
	// Maps that share a config are loaded together, in runs that keep the
	// discovery order.
	type run struct {
		mc    *mapConfig
		files []string
	}
	var runs []run
	for _, file := range files {
		mc, err := configOf(file)
		if err != nil {
			return err
		}
		if n := len(runs); n > 0 && runs[n-1].mc == mc {
			runs[n-1].files = append(runs[n-1].files, file)
			continue
		}
		runs = append(runs, run{mc: mc, files: []string{file}})
	}
	for _, ru := range runs {
		var w func(*loadedMap)
		if work != nil {
			w = func(lm *loadedMap) { work(lm, ru.mc) }
		}
		err := eachMap(ios, ru.files, f, journey.Options{Models: ru.mc.cfg.Models}, w, func(lm *loadedMap) error {
			return fn(lm, ru.mc)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
