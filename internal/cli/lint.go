package cli

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/lint"
	"github.com/journey-cx/journey/journey/project"
)

// rulesDocURL is where each rule's documentation lives; the rule id is the anchor.
const rulesDocURL = "https://github.com/journey-cx/journey/blob/main/docs/rules.md"

type lintOptions struct {
	load   loadFlags
	format string
	failOn string
	config string
}

func newLintCmd(app *Factory, build BuildInfo) *cobra.Command {
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
(rule invalid) and the other rules do not run on it. Lint reads the map's
sources: surveys only when recommend-without-nps fires, for their NPS
answers; a survey it cannot read changes nothing.

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
			return lintRun(cmd.Context(), app, opts, args, opts.failOn != "", build)
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

func lintRun(ctx context.Context, app *Factory, opts *lintOptions, paths []string, failOnSet bool, build BuildInfo) error {
	if ctx == nil {
		ctx = context.Background()
	}
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
	c := newLintCollector(build, format, failOnSet, flagFailOn)
	if format == report.FormatText || format == report.FormatGitHub {
		// Line formats print each map's findings as soon as it and those
		// before it are linted: output starts at once, and no map's source
		// is held past its own turn.
		c.stream = func(per *report.Result) error { return printReport(app, format, per) }
		c.r.Sources = nil
	}
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	c.facts = func(lm *project.File) lint.Facts { return sourceFacts(ctx, ld, lm, opts.load.allowOutside) }
	files, err := discoverMaps(ld, paths)
	if err != nil {
		return err
	}
	// The rules run in the loading workers, on every core.
	if err := ld.Each(files, c.lint, c.add); err != nil {
		return err
	}
	c.finish()
	if c.stream != nil {
		return lintVerdict(app, c.r)
	}
	return lintReport(app, format, c.r)
}

// lint runs the rules of its config on a map the loader found valid, in
// a loading worker. Whether the map is valid is decided here, before the
// rules add their findings: an error-level finding fails its rule, it
// does not make the map invalid.
func (c *lintCollector) lint(lm *project.File) {
	valid := lm.Valid()
	c.mu.Lock()
	c.valid[lm] = valid
	c.mu.Unlock()
	if valid {
		ds := lm.Config.Linter.Lint(lm.Map, lm.Data)
		// A rule that reads the map's sources fired: read them (only then,
		// and only what the rules need) and lint again with what they hold.
		if len(lm.Map.Sources) > 0 && lint.NeedsFacts(ds) && c.facts != nil {
			ds = lm.Config.Linter.LintWith(lm.Map, lm.Data, c.facts(lm))
		}
		lm.Diags = append(lm.Diags, ds...)
		lm.Diags.Sort()
	}
}

// lintCollector gathers the linted maps, in order, into one result: their
// findings, the rules skipped on each and the fail level of each.
type lintCollector struct {
	r         *report.Result
	failOnSet bool                        // --fail-on was given
	failOn    journey.Severity            // --fail-on
	levels    map[string]journey.Severity // fail level by map name
	seen      bool                        // some map was added (its level is the result's)

	mu    sync.Mutex
	valid map[*project.File]bool // the loader found the map valid (set by lint, taken by add)

	stream func(per *report.Result) error    // prints one map's findings as it is added; nil: print at the end
	facts  func(lm *project.File) lint.Facts // reads what the rules need of a map's sources:; nil: the map alone
}

// newLintCollector starts the result of lint: the version, the rules,
// and, unless format is text, no sources (only text prints snippets).
func newLintCollector(build BuildInfo, format report.Format, failOnSet bool, failOn journey.Severity) *lintCollector {
	r := resultOf("lint")
	r.Version = build.resolve().Version
	r.Rules = ruleInfos(lint.Rules())
	r.Lint = &report.LintInfo{FailOn: journey.SeverityError, FileFailOn: map[string]journey.Severity{}, Skipped: map[string]map[string]string{}}
	if format != report.FormatText {
		r.Sources = nil
	}
	return &lintCollector{r: r, failOnSet: failOnSet, failOn: failOn, levels: map[string]journey.Severity{}, valid: map[*project.File]bool{}}
}

// add records one linted map.
func (c *lintCollector) add(lm *project.File) error {
	r := c.r
	c.mu.Lock()
	valid := c.valid[lm]
	delete(c.valid, lm)
	c.mu.Unlock()
	if valid {
		if off := lm.Config.Linter.Disabled(); len(off) > 0 {
			why := "turned off in " + lm.Config.Name
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
	lvl := lm.Config.FailOn()
	if c.failOnSet {
		lvl = c.failOn
	}
	if !c.seen {
		r.Lint.FailOn, c.seen = lvl, true
	}
	c.levels[lm.Name] = lvl
	add(r, lm, lm.Diags)
	if c.stream != nil && len(lm.Diags) > 0 {
		ds := slices.Clone(lm.Diags)
		ds.Sort()
		// Printed: the summary and the verdict need only where each
		// finding is and how severe, not its text.
		for i := len(r.Diagnostics) - len(lm.Diags); i < len(r.Diagnostics); i++ {
			d := &r.Diagnostics[i]
			*d = journey.Diagnostic{Rule: d.Rule, Severity: d.Severity, File: d.File}
		}
		return c.stream(&report.Result{Files: []string{lm.Name}, Diagnostics: ds, Sources: map[string][]byte{lm.Name: lm.Data}})
	}
	return nil
}

// finish keeps the fail levels that differ from the first map's, and
// sorts the findings.
func (c *lintCollector) finish() {
	for f, lvl := range c.levels {
		if lvl != c.r.Lint.FailOn {
			c.r.Lint.FileFailOn[f] = lvl
		}
	}
	c.r.Diagnostics.Sort()
}

// lintReport prints the result on stdout and its summary on stderr, and
// fails (exit 1) when some finding is at or above its fail level.
func lintReport(app *Factory, format report.Format, r *report.Result) error {
	if err := printReport(app, format, r); err != nil {
		return err
	}
	return lintVerdict(app, r)
}

// lintVerdict prints the summary on stderr and fails (exit 1) when some
// finding is at or above its fail level.
func lintVerdict(app *Factory, r *report.Result) error {
	printSummary(app.ErrOut, newTheme(app.ErrOut, app.ColorErr), r)
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
