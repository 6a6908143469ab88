package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
)

// modelsFormats are the output formats of journey models, in display order.
var modelsFormats = []string{"text", "json"}

type modelsOptions struct {
	format string
	config string
}

func newModelsCmd(app *Factory) *cobra.Command {
	opts := &modelsOptions{}
	cmd := &cobra.Command{
		Use:   "models",
		Short: "List the stage models: built-in and from .journey.yaml",
		Long: strings.TrimSpace(`
List the stage models a map's "model:" can name: the built-in ones and the
custom ones of the project configuration (the nearest .journey.yaml above
the current folder, or the file given with --config). A custom model with
the id of a built-in one replaces it. lint checks that a map's stages cover
its model's stages; init lays a new map out from one.`),
		Example: examples(`
  journey models
  journey models --format json | jq -r '.models[].id'`),
		GroupID:           "info",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			return modelsRun(app, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: "+strings.Join(modelsFormats, ", "))
	cmd.Flags().StringVar(&opts.config, "config", "", "project config file (default: the nearest .journey.yaml above the current folder)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(modelsFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("config", cobra.FixedCompletions([]string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt))
	return cmd
}

// modelEntry is one model as journey models lists it.
type modelEntry struct {
	ID          string   `json:"id"`
	Name        string   `json:"name,omitempty"`
	Description string   `json:"description,omitempty"`
	Builtin     bool     `json:"builtin"`
	Source      string   `json:"source"` // "built-in" or the config file
	Overrides   bool     `json:"overrides_builtin,omitempty"`
	Stages      []string `json:"stages"`
}

func modelsRun(app *Factory, opts *modelsOptions) error {
	format := strings.ToLower(strings.TrimSpace(opts.format))
	if format != "text" && format != "json" {
		return usagef("unknown format %q for models (want %s)", opts.format, strings.Join(modelsFormats, " or "))
	}
	wd, err := app.Getwd()
	if err != nil {
		return err
	}
	custom, cfgName, err := projectModels(app, opts.config, wd)
	if err != nil {
		return err
	}
	entries := listModels(custom, cfgName)
	if format == "json" {
		return app.writeOut(func(w io.Writer) error {
			return output.JSON(w, struct {
				FormatVersion string       `json:"format_version"`
				Config        string       `json:"config,omitempty"`
				Models        []modelEntry `json:"models"`
			}{"1", cfgName, entries})
		})
	}
	if err := writeModelsTable(app.Out, entries); err != nil {
		return err
	}
	if cfgName != "" {
		fmt.Fprintf(app.ErrOut, "custom models from %s\n", output.Terminal(cfgName))
	}
	return nil
}

// listModels returns the built-in models (a custom model with the same id
// in their place), then the other custom models in config order.
func listModels(custom []journey.StageModel, cfgName string) []modelEntry {
	entry := func(m journey.StageModel, source string) modelEntry {
		return modelEntry{ID: m.ID, Name: m.Name, Description: m.Description, Builtin: m.Builtin, Source: source,
			Stages: append([]string{}, m.Stages...)}
	}
	used := map[string]bool{}
	var out []modelEntry
	for _, b := range journey.BuiltinModels() {
		e := entry(b, "built-in")
		for _, c := range custom {
			if c.ID == b.ID {
				e = entry(c, cfgName)
				e.Overrides = true
				used[c.ID] = true
				break
			}
		}
		out = append(out, e)
	}
	for _, c := range custom {
		if !used[c.ID] {
			used[c.ID] = true
			out = append(out, entry(c, cfgName))
		}
	}
	return out
}

func writeModelsTable(w io.Writer, entries []modelEntry) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSOURCE\tSTAGES")
	for _, e := range entries {
		src := "built-in"
		switch {
		case e.Overrides:
			src = "custom (replaces built-in)"
		case !e.Builtin:
			src = "custom"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.ID, src, strings.Join(e.Stages, ", "))
	}
	return tw.Flush()
}

// projectModels returns the custom stage models of the project config: the
// file given, or the nearest .journey.yaml above dir; and the config's
// display name ("" without one). A config that cannot be read or holds
// problems is an error (exit 2).
func projectModels(app *Factory, configFile, dir string) ([]journey.StageModel, string, error) {
	ld, err := app.Loader(loadFlags{}, configFile)
	if err != nil {
		return nil, "", err
	}
	cfg, err := ld.ConfigIn(dir)
	if err != nil {
		return nil, "", err
	}
	return cfg.Models(), cfg.Name, nil
}
