package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/lint"
	"github.com/journey-cx/journey/journey/template"
)

type initOptions struct {
	title   string
	model   string
	persona string
	locale  string
	config  string
	force   bool
}

func newInitCmd(app *Factory) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Start a new map from a stage model",
		Long: strings.TrimSpace(`
Write a new journey map with one stage per stage of a model, each holding a
placeholder touchpoint to fill in. The new map is valid; 'journey lint'
then lists what is left to fill (channels, owners, emotions, persona,
metrics).

FILE defaults to <slug of the title>.journey.yaml in the current folder
(the slug, also the map's id, cut at a word to 60 characters at most); -
writes the map to standard output. An existing file is never overwritten
without --force. Without --title, the title comes from FILE's name; with
neither, init asks for the title, model and file on a terminal, and
elsewhere writes journey.journey.yaml. It then lists what 'journey lint'
will ask you to fill in, grouped by rule.

--model names a built-in stage model or a custom one of the nearest
.journey.yaml ('journey models' lists them). Stage names follow --locale:
built-in models have English and Spanish (es) names.`),
		Example: examples(`
  journey init --title "Alta de fibra" --locale es --persona Marta
  journey init maps/onboarding.journey.yaml --model aida --title "SaaS onboarding"
  journey init - --title Draft --model 5a > draft.journey.yaml`),
		GroupID: "author",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes at most one file, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return initRun(app, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.title, "title", "t", "", "the map's title (its id is the title's slug)")
	f.StringVarP(&opts.model, "model", "m", "oracle-cx", "stage model to lay the stages out from")
	f.StringVar(&opts.persona, "persona", "", "name of the persona the map follows")
	f.StringVar(&opts.locale, "locale", "en", "language of the map: en, es...")
	f.StringVar(&opts.config, "config", "", "project config file with custom models (default: the nearest .journey.yaml)")
	f.BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	_ = cmd.RegisterFlagCompletionFunc("model", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return journey.ModelIDs(nil), cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("locale", cobra.FixedCompletions(template.Languages(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func initRun(app *Factory, opts *initOptions, args []string) error {
	wd, err := app.Getwd()
	if err != nil {
		return err
	}
	file := ""
	if len(args) == 1 {
		file = args[0]
	}
	title := strings.TrimSpace(opts.title)
	if title == "" && file == "" {
		var err error
		if title, file, err = initAsk(app, opts); err != nil {
			return err
		}
	}
	if title == "" {
		if file == "-" {
			return usagef("init - needs a --title: the map goes to standard output")
		}
		title = titleFromFile(file)
	}
	slug := journey.ShortSlug(title)
	if file == "" {
		if slug == "" {
			return usagef("the title %q gives no id: use letters or digits", title)
		}
		file = slug + ".journey.yaml"
	}
	path := app.Abs(file)
	dir := wd
	if file != "-" {
		dir = filepath.Dir(path)
	}
	custom, _, err := projectModels(app, opts.config, dir)
	if err != nil {
		return err
	}
	model, err := findInitModel(opts.model, custom)
	if err != nil {
		return err
	}
	if opts.locale != "" && !localeTagOK(opts.locale) {
		return usagef("--locale must be a language tag like en, es or es-MX, got %q", opts.locale)
	}
	data, err := template.New(template.Options{Title: title, ID: slug, Model: model, Persona: strings.TrimSpace(opts.persona), Locale: opts.locale})
	if err != nil {
		return usagef("%w", err)
	}
	name := "<stdout>"
	if file != "-" {
		name = displayName(app, path)
	}
	// The skeleton must validate: anything else is a bug here.
	if _, diags := journey.Load(name, data, journey.Options{Models: custom}); diags.HasErrors() {
		return fmt.Errorf("internal error: the new map is invalid: %s", diags[0])
	}
	if file == "-" {
		return app.writeOut(func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	if !opts.force {
		if _, err := app.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists (use --force to overwrite it)", name)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("can't write %s: %w", name, unwrapPathError(err))
		}
	}
	if err := app.WriteFile(path, data); err != nil {
		return err
	}
	th := newTheme(app.ErrOut, app.ColorErr)
	fmt.Fprintf(app.ErrOut, "%s wrote %s: %d stages of %s, a placeholder touchpoint in each\n",
		th.okStyle.Render("✓"), output.Terminal(name), len(model.Stages), output.Terminal(model.ID))
	initNext(app, name, dir, data, custom)
	return nil
}

// findInitModel finds the stage model init lays the map out from, or says
// which ones there are.
func findInitModel(id string, custom []journey.StageModel) (*journey.StageModel, error) {
	if model := journey.FindModel(id, custom); model != nil {
		return model, nil
	}
	ids := journey.ModelIDs(custom)
	msg := fmt.Sprintf("unknown stage model %q (known: %s)", id, strings.Join(ids, ", "))
	if s := journey.Suggest(id, ids); s != "" {
		msg += "; " + s
	}
	return nil, usagef("%s", msg)
}

// defaultInitTitle is the title init gives a map when asked for nothing.
const defaultInitTitle = "Journey"

// initAsk asks, on a terminal, for the title, the stage model and the file
// of a map; elsewhere it takes the defaults: a map titled "Journey" in
// journey.journey.yaml. An empty answer takes the default shown.
func initAsk(app *Factory, opts *initOptions) (title, file string, err error) {
	if !app.TermIn || !app.TermErr {
		return defaultInitTitle, journey.ShortSlug(defaultInitTitle) + ".journey.yaml", nil
	}
	in := bufio.NewReader(app.In)
	ask := func(q, def string) (string, error) {
		fmt.Fprintf(app.ErrOut, "%s [%s]: ", q, output.Terminal(def))
		line, err := in.ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return "", fmt.Errorf("init: no answer to %q (give --title, --model and FILE to run without asking)", q)
		}
		if a := strings.TrimSpace(line); a != "" {
			return a, nil
		}
		return def, nil
	}
	if title, err = ask("Title of the journey", defaultInitTitle); err != nil {
		return "", "", err
	}
	if opts.model, err = ask("Stage model ('journey models' lists them)", opts.model); err != nil {
		return "", "", err
	}
	slug := journey.ShortSlug(title)
	if slug == "" {
		slug = journey.ShortSlug(defaultInitTitle)
	}
	file, err = ask("File", slug+".journey.yaml")
	return title, file, err
}

// initNext says what to do with the new map: what lint will ask for,
// grouped by rule with the rule's summary, then the commands that follow.
func initNext(app *Factory, name, dir string, data []byte, custom []journey.StageModel) {
	w := app.ErrOut
	m, _ := journey.Load(name, data, journey.Options{Models: custom})
	var todo journey.Diagnostics
	if ld, err := app.Loader(loadFlags{}, ""); err == nil && m != nil {
		if cfg, err := ld.ConfigIn(dir); err == nil {
			todo = cfg.Linter.Lint(m, data)
		}
	}
	q := output.Terminal(name)
	if len(todo) == 0 {
		fmt.Fprintf(w, "  next: fill it in; 'journey lint %s' checks it as you go\n", q)
	} else {
		count := map[string]int{}
		var order []string
		for _, d := range todo {
			if count[d.Rule] == 0 {
				order = append(order, d.Rule)
			}
			count[d.Rule]++
		}
		fmt.Fprintf(w, "  next: fill it in; 'journey lint %s' shows each of these %d to-dos at its line:\n", q, len(todo))
		for _, id := range order {
			summary := id
			if r, ok := lint.Lookup(id); ok {
				summary = r.Summary
			}
			fmt.Fprintf(w, "    %2d × %s (%s)\n", count[id], summary, id)
		}
	}
	fmt.Fprintf(w, "  then: 'journey score %s' for NPS, CES and CSAT, 'journey render %s -o map.pdf' for the deck\n", q, q)
}

// titleFromFile makes a title from a map file name:
// maps/alta-fibra.journey.yaml -> "Alta fibra".
func titleFromFile(file string) string {
	base := filepath.Base(file)
	for _, ext := range []string{".journey.yaml", ".journey.yml", ".yaml", ".yml"} {
		if strings.HasSuffix(base, ext) {
			base = strings.TrimSuffix(base, ext)
			break
		}
	}
	return template.Humanize(base)
}

// localeTagOK accepts language tags like en, es, es-MX, pt_BR.
func localeTagOK(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts {
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
