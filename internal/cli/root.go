// Package cli wires the journey commands: flags, streams, exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey/config"
)

// BuildInfo is what the release build stamps into the binary.
type BuildInfo struct {
	Version, Commit, Date string
}

// Main runs the journey command line with args and returns the exit code.
// It is the only place where errors become exit codes and messages.
func Main(ctx context.Context, args []string, app *Factory, build BuildInfo) int {
	if app.Helpers.Version == "" {
		// The helpers must be of this very build (helperbin.Handshake).
		app.Helpers.Version = build.resolve().Version
	}
	root := newRootCmd(app, build)
	root.SetArgs(args)
	err := execute(ctx, root, app)
	if err == nil {
		return app.unreadExit(ExitOK)
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(app.ErrOut, "journey: interrupted; no file was replaced")
		return signalExit(ctx)
	}
	var ee *exitError
	if !errors.As(err, &ee) || ee.Err != nil {
		th := newTheme(app.ErrOut, app.ColorErr)
		fmt.Fprintf(app.ErrOut, "%s %s\n", th.errorLabel("journey:"), errorText(err))
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(app.ErrOut, "Run '%s --help' for usage.\n", commandPath(root, args))
		}
	}
	return app.unreadExit(exitCode(err))
}

// errorText is an error's message for the terminal, on one line with its
// controls shown as escapes (a file name can hold a newline or ESC); the
// errors of an errors.Join and the problems of a configuration file each
// get a line.
func errorText(err error) string {
	var lines []string
	var ce *config.Error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			lines = append(lines, errorText(e))
		}
	} else if errors.As(err, &ce) && ce.Error() == err.Error() {
		for _, d := range ce.Diagnostics {
			lines = append(lines, output.Terminal(d.String()))
		}
	} else {
		return output.Terminal(err.Error())
	}
	return strings.Join(lines, "\n")
}

// unreadExit is the exit code of a command that ended with code: 2 when a
// loader left out paths it could not read (the rest was done), said once.
func (app *Factory) unreadExit(code int) int {
	if app.unread == nil {
		return code
	}
	n := app.unread.Load()
	if n == 0 || code >= ExitFailure {
		return code
	}
	fmt.Fprintf(app.ErrOut, "journey: %s could not be read (see above)\n", plural(int(n), "1 path", fmt.Sprintf("%d paths", n)))
	return ExitFailure
}

// graceTime is how long a cancelled command has to stop by itself before
// Main gives up on it: stopping takes a few milliseconds once the command
// reaches a check, but parsing one big map runs for a second without one.
const graceTime = 500 * time.Millisecond

// execute runs the command; once ctx is cancelled (Ctrl-C, SIGTERM), it
// waits graceTime for the command to stop, then removes the temporary
// files still being written and returns the context's error, for the
// process to end.
func execute(ctx context.Context, root *cobra.Command, app *Factory) error {
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	select {
	case err := <-done:
		return err
	case <-time.After(graceTime):
		app.temps.removeAll()
		return ctx.Err()
	}
}

func commandPath(root *cobra.Command, args []string) string {
	if c, _, err := root.Find(args); err == nil && c != nil {
		return c.CommandPath()
	}
	return root.Name()
}

// NewRootCommand returns the journey command tree, for tools that generate its docs.
func NewRootCommand(app *Factory, build BuildInfo) *cobra.Command { return newRootCmd(app, build) }

func newRootCmd(app *Factory, build BuildInfo) *cobra.Command {
	root := &cobra.Command{
		Use:   "journey",
		Short: "Customer journey maps as code",
		Long: strings.TrimSpace(`
journey checks, scores and renders customer journey maps kept as YAML files
(NAME.journey.yaml) under version control.`),
		Example: examples(`
  journey init --title "Alta de fibra" --locale es   # start a map
  journey lint                                       # check every map under this folder
  journey score maps/alta.journey.yaml --gate        # NPS, CES, CSAT against the targets
  journey render maps/alta.journey.yaml -o alta.pdf -o alta.xlsx`),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// journey --version prints what journey version does.
	root.Version = build.resolve().Version
	root.SetVersionTemplate(strings.ReplaceAll(versionText(build.resolve()), "{{", "{{`{{`}}"))
	root.SetIn(app.In)
	root.SetOut(app.Out)
	root.SetErr(app.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddGroup(&cobra.Group{ID: "check", Title: "Check maps:"}, &cobra.Group{ID: "info", Title: "Reference:"})
	root.AddCommand(
		newValidateCmd(app),
		newLintCmd(app, build),
		newRulesCmd(app),
		newScoreCmd(app),
		newMineCmd(app, build),
		newRenderCmd(app),
		newSchemaCmd(app),
		newVersionCmd(app, build),
	)
	root.AddGroup(&cobra.Group{ID: "author", Title: "Write and review maps:"})
	root.AddCommand(newInitCmd(app), newFmtCmd(app), newModelsCmd(app), newDiffCmd(app), newImportCmd(app), newServeCmd(app))
	root.SetHelpCommandGroupID("info")
	root.SetCompletionCommandGroupID("info")
	return root
}

// noArgs rejects positional arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// examples trims the blank lines around an Example block, keeping indents.
func examples(s string) string { return strings.Trim(s, "\n") }
