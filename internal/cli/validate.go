package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/report"
)

type validateOptions struct {
	load   loadFlags
	format string
	config string // --config: the project config file; "" = the nearest .journey.yaml
}

func newValidateCmd(ios *IOStreams) *cobra.Command {
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
			return validateRun(ios, opts, args)
		},
	}
	opts.load.bind(cmd.Flags())
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().StringVar(&opts.config, "config", "", "project config file with custom stage models (default: the nearest .journey.yaml above each map)")
	return cmd
}

func validateRun(ios *IOStreams, opts *validateOptions, paths []string) error {
	format, err := report.ParseFormat(opts.format)
	if err != nil || (format != report.FormatText && format != report.FormatJSON) {
		return usagef("unknown format %q for validate (want text or json)", opts.format)
	}
	r := resultOf("validate")
	err = eachMapWithConfig(ios, paths, opts.load, opts.config, nil, func(lm *loadedMap, _ *mapConfig) error {
		add(r, lm, lm.Diags)
		return nil
	})
	if err != nil {
		return err
	}
	r.Diagnostics.Sort()
	th := newTheme(ios.ErrOut, ios.ColorErr)
	if format == report.FormatText {
		// Human diagnostics: the text report goes to stdout so it can be piped
		// or saved; the summary goes to stderr.
		if err := report.Print(ios.Out, format, r, newTheme(ios.Out, ios.ColorOut).report()); err != nil {
			return err
		}
	} else if err := report.Print(ios.Out, format, r, report.Theme{}); err != nil {
		return err
	}
	printSummary(ios.ErrOut, th, r)
	if r.Diagnostics.HasErrors() {
		return problems()
	}
	return nil
}
