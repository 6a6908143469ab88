package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/xlsxhelper"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/config"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/importer/mermaid"
)

// maxWorkbook is the largest workbook import xlsx reads.
const maxWorkbook = 64 << 20

type importOptions struct {
	load  loadFlags
	out   string
	base  string
	force bool
}

func newImportCmd(app *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Turn a Mermaid diagram or an edited workbook into a map",
		Long: strings.TrimSpace(`
Turn another document into a journey map:

  import mermaid   a Mermaid user-journey diagram (.mmd)
  import xlsx      a workbook written by 'journey render' and edited since

Both write a map that validates, in the canonical layout, and say on
standard error what could not be carried over.`),
		GroupID: "author",
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newImportMermaidCmd(app), newImportXLSXCmd(app))
	return cmd
}

func newImportMermaidCmd(app *Factory) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "mermaid FILE.mmd",
		Short: "Turn a Mermaid user-journey diagram into a map",
		Long: strings.TrimSpace(`
Turn a Mermaid user-journey diagram into a journey map, so that a team that
started in Mermaid can move over: the title (or accTitle) becomes the map's
title and id, accDescr its description, sections stages, tasks touchpoints,
scores emotions (1..5), a task's first actor the touchpoint's owner and the
other actors its actors:.

What Mermaid accepts is read as Mermaid reads it (its own grammar and tests
are the reference): front matter, %%{...}%% directives, %% and # comments,
accTitle, accDescr on one line or in { ... }, tasks with several actors or
none. What Mermaid rejects is an error with its line and column. What a map
cannot hold (an actor listed twice, a score outside 1..5, the diagram's
configuration) is listed on standard error.

FILE is a .mmd file, or - for standard input. The map goes to standard
output, or to -o OUT (never over an existing file without --force).

--max-size (10 MiB by default) bounds the diagram and the map it makes, as
it bounds the maps every command reads: a map is two to five times as long
as its diagram, and one that journey could not read back with the same
limit is not written. Either is bad input, exit 1.`),
		Example: examples(`
  journey import mermaid onboarding.mmd -o maps/onboarding.journey.yaml
  journey import mermaid - < diagram.mmd`),
		ValidArgsFunction: completeFiles(1, "mmd", "mermaid"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one diagram file, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return importMermaidRun(app, opts, args[0])
		},
	}
	opts.load.bind(cmd.Flags())
	cmd.Flags().StringVarP(&opts.out, "output", "o", "-", "map file to write; - for standard output")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite the output file if it exists")
	return cmd
}

func newImportXLSXCmd(app *Factory) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "xlsx FILE.xlsx",
		Short: "Read back a workbook written by journey render, after it was edited",
		Long: strings.TrimSpace(`
Read back a workbook written by 'journey render' after a stakeholder edited
it, and write the map, so that edits made in Excel or LibreOffice come back
into version control. The Touchpoints sheet is the source of truth: one row
per touchpoint, columns found by their key in row 1 (see 'journey render');
rows may be edited, added, removed and reordered. The other sheets are not
read.

The workbook does not hold the rest of the map (channels, owners, personas,
targets, sources, stage goals): give the map it was rendered from with
--base, or write over it with -o (an existing output file is the base). The
stages and touchpoints are replaced, everything else is kept, and so are the
comments and layout of the touchpoints that did not change. Without a base,
the map is built from the workbook alone and declares the channels, owners
and personas its rows use, by id.

A cell that cannot be read (an emotion of 7, an unknown channel, a
duplicate id) is an error with its cell (C7) and nothing is written.

The workbook is read by journey-xlsx, a helper program that ships with
journey: journey looks for it beside itself, then on PATH, and runs it
only when it is of journey's own build (it asks its version first).`),
		Example: examples(`
  journey import xlsx alta-revisado.xlsx -o maps/alta.journey.yaml
  journey import xlsx alta-revisado.xlsx --base maps/alta.journey.yaml -o -`),
		ValidArgsFunction: completeFiles(1, "xlsx"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one workbook, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return importXLSXRun(cmd.Context(), app, opts, args[0])
		},
	}
	opts.load.bind(cmd.Flags())
	cmd.Flags().StringVarP(&opts.out, "output", "o", "-", "map file to write; - for standard output (an existing file is also the base)")
	cmd.Flags().StringVar(&opts.base, "base", "", "the map the workbook was rendered from (default: the output file, when it exists)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite the output file when it is not the base")
	return cmd
}

func importMermaidRun(app *Factory, opts *importOptions, file string) error {
	if _, err := app.Getwd(); err != nil {
		return err
	}
	name := importName(app, file)
	data, err := importRead(app, file, int64(opts.load.maxSize))
	if errors.Is(err, journey.ErrTooLarge) {
		// Bad input, as a map over the limit is for validate: exit 1.
		return &exitError{Code: ExitProblems, Err: fmt.Errorf("%s is over the %s size limit for diagrams (raise it with --max-size)", name, journey.FormatSize(int64(opts.load.maxSize)))}
	}
	if err != nil {
		return err
	}
	outPath, err := importOutput(app, opts.out, opts.force, "")
	if err != nil {
		return err
	}
	m, notes, diags := mermaid.Import(name, data)
	th := newTheme(app.ErrOut, app.ColorErr)
	if diags.HasErrors() {
		importProblems(app, th, diags, map[string][]byte{name: data})
		return problems()
	}
	out, err := format.Map(m)
	if err != nil {
		return fmt.Errorf("internal error: can't write the map: %w", err)
	}
	return importWrite(app, th, outPath, out, name, notes, journey.Options{MaxSize: int64(opts.load.maxSize)})
}

// importXLSXRun reads the workbook with journey-xlsx (the workbook library
// stays out of journey): journey finds the base and the project's models
// and checks the base, the helper reads the cells and writes the map over
// the base's text, journey checks the map and writes it.
func importXLSXRun(ctx context.Context, app *Factory, opts *importOptions, file string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	wd, err := app.Getwd()
	if err != nil {
		return err
	}
	xh, err := xlsxHelper(app)
	if err != nil {
		return err
	}
	name := importName(app, file)
	data, err := importRead(app, file, maxWorkbook)
	if err != nil {
		return err
	}
	th := newTheme(app.ErrOut, app.ColorErr)
	basePath := ""
	switch {
	case opts.base != "":
		basePath = app.Abs(opts.base)
	case opts.out != "-" && opts.out != "":
		if _, err := app.Stat(opts.out); err == nil {
			basePath = app.Abs(opts.out)
		}
	}
	outPath, err := importOutput(app, opts.out, opts.force, basePath)
	if err != nil {
		return err
	}
	// The custom stage models of the project, for the base and the result.
	dir := wd
	if basePath != "" {
		dir = filepath.Dir(basePath)
	} else if outPath != "" {
		dir = filepath.Dir(outPath)
	}
	var models []journey.StageModel
	if p, err := config.Find(dir); err == nil && p != "" {
		if models, _, err = projectModels(app, p, dir); err != nil {
			return err
		}
	}
	lopt := journey.Options{Models: models, MaxSize: int64(opts.load.maxSize)}
	var base *journey.Map
	var baseSrc []byte
	if basePath != "" {
		baseName := displayName(app, basePath)
		if baseSrc, err = readLimited(app, basePath, lopt.MaxSize); err != nil {
			if errors.Is(err, journey.ErrTooLarge) {
				return fmt.Errorf("%s is over the %s size limit (raise it with --max-size)", baseName, journey.FormatSize(lopt.MaxSize))
			}
			return err
		}
		var bd journey.Diagnostics
		base, bd = journey.Load(baseName, baseSrc, lopt)
		if bd.HasErrors() {
			importProblems(app, th, bd, map[string][]byte{baseName: baseSrc})
			fmt.Fprintf(app.ErrOut, "%s the base map %s is invalid: fix it first\n", th.errorStyle.Render("✗"), baseName)
			return problems()
		}
		fmt.Fprintf(app.ErrOut, "merging into %s: its stages and touchpoints are replaced, the rest is kept\n", baseName)
	}
	req := &xlsxhelper.ImportRequest{File: name, Workbook: data}
	if base != nil {
		req.Base = &xlsxhelper.MapSource{File: base.File, Source: string(baseSrc), Models: models}
	}
	res, err := xh.Import(ctx, req)
	if err != nil {
		return helperError(err)
	}
	if res.Diagnostics.HasErrors() {
		importProblems(app, th, res.Diagnostics, nil)
		return problems()
	}
	return importWrite(app, th, outPath, []byte(res.Map), name, res.Notes, lopt)
}

// importName is the display name of an input.
func importName(app *Factory, file string) string {
	if file == "-" {
		return "<stdin>"
	}
	return displayName(app, app.Abs(file))
}

// importRead reads the document to import, up to limit bytes. Over the
// limit the error matches journey.ErrTooLarge.
func importRead(app *Factory, file string, limit int64) ([]byte, error) {
	data, err := readLimited(app, file, limit)
	if errors.Is(err, journey.ErrTooLarge) {
		return nil, tooLarge{fmt.Sprintf("%s is over the %s size limit", file, journey.FormatSize(limit))}
	}
	if err != nil && errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such file: %s", file)
	}
	return data, err
}

// tooLarge is an input over its size limit: its message, matching
// journey.ErrTooLarge.
type tooLarge struct{ msg string }

func (e tooLarge) Error() string        { return e.msg }
func (e tooLarge) Is(target error) bool { return target == journey.ErrTooLarge }

// importOutput resolves -o: "" for standard output. An existing file is
// refused unless it is the base or --force is given.
func importOutput(app *Factory, out string, force bool, base string) (string, error) {
	if out == "" || out == "-" {
		return "", nil
	}
	p := app.Abs(out)
	if _, err := app.Stat(p); err == nil && !force && p != base {
		return "", fmt.Errorf("%s already exists (use --force to overwrite it)", out)
	}
	return p, nil
}

func importProblems(app *Factory, th theme, diags journey.Diagnostics, sources map[string][]byte) {
	_ = printDiagnostics(app, diags, sources)
	e, _, _ := diags.Counts()
	fmt.Fprintf(app.ErrOut, "%s %s: nothing written\n", th.errorStyle.Render("✗"), diffCount(e, "error", "errors"))
}

// importWrite checks the map validates, as journey will read it (with the
// same size limit), writes it and lists the notes.
func importWrite(app *Factory, th theme, outPath string, out []byte, source string, notes []importer.Note, opt journey.Options) error {
	outName := "<stdout>"
	if outPath != "" {
		outName = displayName(app, outPath)
	}
	if limit := cmp.Or(opt.MaxSize, journey.DefaultMaxSize); int64(len(out)) > limit {
		// A map is written longer than its source: one that journey could
		// not read back with this limit is refused, not written.
		return &exitError{Code: ExitProblems, Err: fmt.Errorf(
			"the map made from %s would be %s, over the %s size limit journey reads maps with; nothing written (raise the limit with --max-size %dMiB, here and for the commands that read the map)",
			source, approxSize(int64(len(out))), journey.FormatSize(limit), (int64(len(out))+1<<20-1)>>20)}
	}
	m, diags := journey.Load(outName, out, opt)
	if diags.HasErrors() {
		importProblems(app, th, diags, map[string][]byte{outName: out})
		return fmt.Errorf("internal error: the imported map is invalid")
	}
	var nd journey.Diagnostics
	for _, n := range notes {
		nd = append(nd, note(source, n.Line, n.Message))
	}
	_ = printDiagnostics(app, nd, nil)
	if outPath == "" {
		_, err := app.Out.Write(out)
		return err
	}
	if err := app.WriteFile(outPath, out); err != nil {
		return err
	}
	fmt.Fprintf(app.ErrOut, "%s wrote %s: %s, %s\n", th.okStyle.Render("✓"), outName,
		diffCount(len(m.Stages), "stage", "stages"), diffCount(len(m.Touchpoints()), "touchpoint", "touchpoints"))
	return nil
}

// approxSize prints a byte count for people: 10.1 MiB, 512.0 KiB, 100 B.
func approxSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
