package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/internal/output"
	"github.com/spf13/cobra"
)

// resolve fills what the release build did not stamp from the module's
// build information (go install, go build in a checkout).
func (b BuildInfo) resolve() BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	return b.resolveFrom(info)
}

// resolveFrom fills what b lacks from info.
func (b BuildInfo) resolveFrom(info *debug.BuildInfo) BuildInfo {
	if b.Version == "" {
		b.Version = helperbin.ModuleVersion(info) // as the helpers do: the handshake compares the two
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			if s.Value == "true" && b.Commit != "" && len(b.Commit) == 40 {
				b.Commit += "-dirty"
			}
		}
	}
	return b
}

// versionText is what journey version (and journey --version) prints.
func versionText(b BuildInfo) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "journey %s\n", b.Version)
	if b.Commit != "" {
		fmt.Fprintf(&sb, "commit:   %s\n", b.Commit)
	}
	if b.Date != "" {
		fmt.Fprintf(&sb, "built:    %s\n", b.Date)
	}
	fmt.Fprintf(&sb, "go:       %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return sb.String()
}

func newVersionCmd(app *Factory, build BuildInfo) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "version",
		Short:             "Print the version, commit and build date",
		GroupID:           "info",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := build.resolve()
			if asJSON {
				return output.JSON(app.Out, map[string]string{"version": b.Version, "commit": b.Commit, "date": b.Date,
					"go": runtime.Version(), "platform": runtime.GOOS + "/" + runtime.GOARCH})
			}
			_, err := io.WriteString(app.Out, versionText(b))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
