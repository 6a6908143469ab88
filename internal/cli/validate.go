package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey/project"
)

type validateOptions struct {
	load   loadFlags
	format string
	config string // --config: the project config file; "" = the nearest .journey.yaml
}

func newValidateCmd(app *Factory) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check maps against the format: keys, types, ids and references",
		Long: strings.TrimSpace(`
Check journey maps against the format: unknown or duplicate keys, wrong
types, values out of range, duplicate ids, and references (channels, owners,
next, personas, stage models) that do not resolve. Every problem of every
file is reported, each with its file, line and column.

PATH is a map file (whatever its name), a directory searched recursively for
*.journey.yaml and *.journey.yml, or - for standard input. The default is
the current directory.

Exit status: 0 every map is valid, 1 some map is invalid, 2 validate could
not run (a missing path, a bad flag).`),
		Example: examples(`
  journey validate
  journey validate examples/ maps/alta.journey.yaml
  journey validate --format json maps/ > report.json`),
		GroupID:           "check",
		ValidArgsFunction: completeMapFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateRun(app, opts, args)
		},
	}
	opts.load.bind(cmd.Flags())
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().StringVar(&opts.config, "config", "", "project config file with custom stage models (default: the nearest .journey.yaml above each map)")
	return cmd
}

func validateRun(app *Factory, opts *validateOptions, paths []string) error {
	format, err := report.ParseFormat(opts.format)
	if err != nil || (format != report.FormatText && format != report.FormatJSON) {
		return usagef("unknown format %q for validate (want text or json)", opts.format)
	}
	r := resultOf("validate")
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	files, err := discoverMaps(ld, paths)
	if err != nil {
		return err
	}
	err = ld.Each(files, nil, func(lm *project.File) error {
		add(r, lm, lm.Diags)
		return nil
	})
	if err != nil {
		return err
	}
	r.Diagnostics.Sort()
	th := newTheme(app.ErrOut, app.ColorErr)
	if err := printReport(app, format, r); err != nil {
		return err
	}
	printSummary(app.ErrOut, th, r)
	if r.Diagnostics.HasErrors() {
		return problems()
	}
	return nil
}

// printReport prints a validate or lint result on standard output: text
// for people, in colour when it takes colour (the summary goes to stderr),
// or a machine format, sanitised when standard output is a terminal.
func printReport(app *Factory, format report.Format, r *report.Result) error {
	if format == report.FormatText {
		return report.Print(app.Out, format, r, newTheme(app.Out, app.ColorOut).report())
	}
	return app.writeOut(func(w io.Writer) error { return report.Print(w, format, r, report.Theme{}) })
}
