package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/diff"
	"github.com/journey-cx/journey/journey/project"
)

type diffOptions struct {
	load             loadFlags
	format           string
	config           string
	failOnRegression bool
	noLint           bool
}

func newDiffCmd(app *Factory) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two versions of a map",
		Long: strings.TrimSpace(`
Compare two versions of a journey map, for review: stages and touchpoints
added, removed, renamed (same id, new name) and moved (to another stage or
position); changed fields (emotion 2 -> 4, channel web -> app, owner, pains
and opportunities added or removed); NPS, CES and CSAT per touchpoint, stage
and for the whole map, with whether each change is significant at 95% (the
difference against 1.96 times the standard error of the difference,
sqrt(se1² + se2²)); and the lint findings introduced and fixed. Elements are
matched by id.

OLD and NEW are map files, - for standard input, or REV:PATH to read a
version from git (git show REV:PATH; as in git, PATH is relative to the
repository root, or to the current folder when it starts with ./). Lint
runs with the nearest .journey.yaml above NEW (or --config).

The markdown format is made to be posted as a pull-request comment.

Exit status: 0 whatever the differences; 1 with --fail-on-regression when a
metric got significantly worse or new errors appeared, or when a version is
not a map at all; 2 when diff could not run (a missing file, an unknown
revision, a bad flag).`),
		Example: examples(`
  journey diff main:maps/alta.journey.yaml maps/alta.journey.yaml
  journey diff maps/alta.journey.yaml maps/alta-futuro.journey.yaml --format markdown > comment.md
  journey diff HEAD~1:maps/alta.journey.yaml maps/alta.journey.yaml --fail-on-regression`),
		GroupID:           "author",
		ValidArgsFunction: completeFiles(2, mapFileExts...),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("%s takes two versions of a map, OLD and NEW, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return diffRun(cmd.Context(), app, opts, args[0], args[1])
		},
	}
	opts.load.bind(cmd.Flags())
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: "+strings.Join(diff.Formats(), ", "))
	cmd.Flags().StringVar(&opts.config, "config", "", "project config file for lint (default: the nearest .journey.yaml above NEW)")
	cmd.Flags().BoolVar(&opts.failOnRegression, "fail-on-regression", false, "exit 1 when a metric got significantly worse or new errors appeared")
	cmd.Flags().BoolVar(&opts.noLint, "no-lint", false, "do not compare lint findings (validation errors are still compared)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(diff.Formats(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func diffRun(ctx context.Context, app *Factory, opts *diffOptions, oldArg, newArg string) error {
	format, err := diff.ParseFormat(opts.format)
	if err != nil {
		return usagef("%w", err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if oldArg == "-" && newArg == "-" {
		return usagef("only one of OLD and NEW can be standard input")
	}
	wd, err := app.Getwd()
	if err != nil {
		return err
	}
	ld, err := app.Loader(opts.load, opts.config)
	if err != nil {
		return err
	}
	cfg, err := ld.ConfigIn(diffConfigDir(app, wd, newArg))
	if err != nil {
		return err
	}
	limit := int64(opts.load.maxSize)
	sides := make([]diff.Side, 2)
	for i, arg := range []string{oldArg, newArg} {
		s, err := diffSide(ctx, app, ld, wd, arg, limit)
		if err != nil {
			return err
		}
		s.Map, s.Diags = ld.LoadBytes(s.Name, s.Src, cfg)
		sides[i] = s
	}
	th := newTheme(app.ErrOut, app.ColorErr)
	if diffBroken(app, sides) {
		fmt.Fprintf(app.ErrOut, "%s cannot compare: a version is not a map\n", th.errorStyle.Render("✗"))
		return problems()
	}
	var dopt diff.Options
	if !opts.noLint {
		dopt.Lint = cfg.Linter.Lint
	}
	r := diff.Compare(sides[0], sides[1], dopt)
	print := func(w io.Writer) error { return diff.Print(w, format, r, diffStyle(app, format)) }
	if format == diff.FormatText {
		err = print(app.Out)
	} else {
		err = app.writeOut(print)
	}
	if err != nil {
		return err
	}
	if format != diff.FormatText {
		fmt.Fprintln(app.ErrOut, diff.Headline(r))
	}
	if opts.failOnRegression && r.Summary.Regression {
		fmt.Fprintf(app.ErrOut, "%s regression: %s\n", th.errorStyle.Render("✗"), diffRegression(r))
		return problems()
	}
	return nil
}

// diffConfigDir is where the project config of a diff is looked for: the
// folder of NEW (of its path in the repository for REV:PATH), or the
// working directory for standard input.
func diffConfigDir(app *Factory, wd, newArg string) string {
	if _, p, ok := splitRev(app, newArg); ok {
		return filepath.Join(wd, filepath.Dir(filepath.FromSlash(p)))
	} else if newArg != "-" {
		return filepath.Dir(app.Abs(newArg))
	}
	return wd
}

// diffBroken reports the versions that are nothing recognisable (not
// YAML, or not a mapping at all), and whether there were any.
func diffBroken(app *Factory, sides []diff.Side) bool {
	broken := false
	for _, s := range sides {
		if s.Map == nil || s.Diags.HasErrors() && s.Map.Version == 0 && s.Map.ID == "" && len(s.Map.Stages) == 0 {
			broken = true
			_ = printDiagnostics(app, s.Diags, map[string][]byte{s.Name: s.Src})
		}
	}
	return broken
}

// diffStyle colours the text format when standard output takes colour.
func diffStyle(app *Factory, format diff.Format) diff.Style {
	if format != diff.FormatText || !app.ColorOut {
		return diff.Style{}
	}
	rr := renderer(app.Out, true)
	fn := func(s lipgloss.Style) func(string) string { return func(x string) string { return s.Render(x) } }
	return diff.Style{Added: fn(rr.NewStyle().Foreground(lipgloss.Color("10"))), Removed: fn(rr.NewStyle().Foreground(lipgloss.Color("9"))),
		Changed: fn(rr.NewStyle().Foreground(lipgloss.Color("11"))), Bold: fn(rr.NewStyle().Bold(true)), Dim: fn(rr.NewStyle().Foreground(lipgloss.Color("8")))}
}

// diffRegression says why a diff is a regression: metrics significantly
// worse, errors introduced.
func diffRegression(r *diff.Report) string {
	var why []string
	if n := r.Summary.MetricsWorse; n > 0 {
		why = append(why, diffCount(n, "metric", "metrics")+" significantly worse")
	}
	if n := r.Summary.ErrorsIntroduced; n > 0 {
		why = append(why, diffCount(n, "error", "errors")+" introduced")
	}
	return strings.Join(why, ", ")
}

// diffSide reads one version: a file, - for standard input, or REV:PATH
// through git.
func diffSide(ctx context.Context, app *Factory, ld *project.Loader, wd, arg string, limit int64) (diff.Side, error) {
	if rev, path, ok := splitRev(app, arg); ok {
		data, err := gitShow(ctx, wd, rev, path, limit)
		return diff.Side{Name: arg, Src: data}, err
	}
	data, err := ld.ReadFile(arg, limit)
	if errors.Is(err, journey.ErrTooLarge) {
		return diff.Side{}, fmt.Errorf("%s is over the %s size limit (raise it with --max-size)", arg, journey.FormatSize(limit))
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return diff.Side{}, fmt.Errorf("no such file: %s", arg)
		}
		return diff.Side{}, err
	}
	name := "<stdin>"
	if arg != "-" {
		name = ld.Name(app.Abs(arg))
	}
	return diff.Side{Name: name, Src: data}, nil
}

// splitRev splits REV:PATH. A path that exists (in the working
// directory), a Windows drive path (C:\x, C:/x) and anything without ':'
// are files.
func splitRev(app *Factory, arg string) (rev, path string, ok bool) {
	i := strings.IndexByte(arg, ':')
	if i < 0 || arg == "-" {
		return "", "", false
	}
	if i == 1 && len(arg) >= 3 && (arg[2] == '\\' || arg[2] == '/') &&
		(arg[0] >= 'A' && arg[0] <= 'Z' || arg[0] >= 'a' && arg[0] <= 'z') {
		return "", "", false
	}
	if _, err := app.Stat(arg); err == nil {
		return "", "", false
	}
	rev, path = arg[:i], arg[i+1:]
	if path == "" {
		return "", "", false
	}
	return rev, path, true
}

// gitShow reads PATH at REV with git show, in wd.
func gitShow(ctx context.Context, wd, rev, path string, limit int64) ([]byte, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usagef("%q is not a revision", rev)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("can't read %s:%s: git is not installed (or not on PATH)", rev, path)
	}
	cmd := exec.CommandContext(ctx, "git", "show", rev+":"+path)
	cmd.Dir = wd
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errOut.String())
		msg = strings.TrimPrefix(msg, "fatal: ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("can't read %s:%s from git: %s", rev, path, firstLine(msg))
	}
	if int64(out.Len()) > limit {
		return nil, fmt.Errorf("%s:%s is over the %s size limit (raise it with --max-size)", rev, path, journey.FormatSize(limit))
	}
	return out.Bytes(), nil
}

func diffCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
