package cli

import (
	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/schema"
)

func newSchemaCmd(app *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the map format",
		Long: `Print the JSON Schema (draft 2020-12) of journey map files. Point your editor
at it for completion and checks as you type; with the YAML language server,
start a map with:

  # yaml-language-server: $schema=https://.../journey.schema.json`,
		Example:           "  journey schema > schema/journey.schema.json",
		GroupID:           "info",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			_, err := app.Out.Write(schema.JSON)
			return err
		},
	}
}
