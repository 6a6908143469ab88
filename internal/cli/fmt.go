package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/spf13/cobra"

	"github.com/journey-cx/journey/internal/output"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/project"
)

type fmtOptions struct {
	load  loadFlags
	write bool
	check bool
	diff  bool
}

func newFmtCmd(app *Factory) *cobra.Command {
	opts := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Format maps in the canonical layout",
		Long: strings.TrimSpace(`
Format journey maps in one canonical layout, so that everyone's edits look
the same in review: keys in the order of the format reference, two-space
indentation, flow style for short lists and for channel, owner, metric and
KPI records, quotes only where YAML needs them. Comments stay with the
element they were written on, the comment at the top of the file stays at
the top, and single blank lines are kept. Formatting never changes what a
map means: every result is checked against its input.

Without flags, fmt prints the formatted text of one map to standard output.
-w rewrites the files that are not formatted (atomically, keeping their
mode); --check lists them and exits 1 (for CI and pre-commit hooks); --diff
prints what would change as a unified diff. A file that is not valid YAML
is reported and left untouched (exit 1).

PATH is a map file (whatever its name), a directory searched recursively for
*.journey.yaml and *.journey.yml, or - for standard input. The default is
the current directory.`),
		Example: examples(`
  journey fmt maps/alta.journey.yaml       # print the formatted map
  journey fmt -w                           # rewrite every map under the current folder
  journey fmt --check maps/                # CI: exit 1 and list the maps to format
  journey fmt --diff maps/alta.journey.yaml`),
		GroupID:           "author",
		ValidArgsFunction: completeMapFiles,
		RunE: func(_ *cobra.Command, args []string) error {
			return fmtRun(app, opts, args)
		},
	}
	opts.load.bind(cmd.Flags())
	cmd.Flags().BoolVarP(&opts.write, "write", "w", false, "rewrite files that are not formatted")
	cmd.Flags().BoolVar(&opts.check, "check", false, "list the files that are not formatted and exit 1 if there are any")
	cmd.Flags().BoolVarP(&opts.diff, "diff", "d", false, "print the changes formatting would make, as a unified diff")
	return cmd
}

func fmtRun(app *Factory, opts *fmtOptions, paths []string) error {
	if opts.write && opts.check {
		return usagef("give either -w (rewrite) or --check (report), not both")
	}
	ld, err := app.Loader(opts.load, "")
	if err != nil {
		return err
	}
	files, err := discoverMaps(ld, paths)
	if err != nil {
		return err
	}
	toStdout := !opts.write && !opts.check && !opts.diff
	for _, f := range files {
		if f == "-" && opts.write {
			return usagef("-w cannot rewrite standard input")
		}
	}
	switch {
	case toStdout && len(files) > 1:
		return usagef("fmt prints one map to standard output, and %d were found: give -w to rewrite them, or --check or --diff", len(files))
	}
	var failed, changed int
	results := fmtAll(ld, files, int64(opts.load.maxSize))
	for i, p := range files {
		r := <-results[i]
		data, out, ok, err := r.data, r.out, r.ok, r.err
		if err != nil {
			return err
		}
		if r.problem != nil {
			fmtProblem(app, *r.problem, r.data)
		}
		if !ok {
			failed++
			continue
		}
		if toStdout {
			err := app.writeOut(func(w io.Writer) error { _, err := w.Write(out); return err })
			return errors.Join(err, fmtExit(failed))
		}
		if bytes.Equal(out, data) {
			continue
		}
		changed++
		if err := fmtApply(app, opts, ld.Name(p), p, data, out); err != nil {
			return err
		}
	}
	return fmtReport(app, opts, changed, failed, len(files))
}

// fmtResult is one map read and formatted: the file's bytes, the
// formatted ones, and what kept fmt from formatting it.
type fmtResult struct {
	data, out []byte
	ok        bool                // formatted
	problem   *journey.Diagnostic // why a file is left untouched, for stderr
	err       error               // a file that could not be read
}

// fmtAll formats files on every core, each result on its own channel so
// that the caller reports them in input order as they come.
func fmtAll(ld *project.Loader, files []string, limit int64) []chan fmtResult {
	results := make([]chan fmtResult, len(files))
	for i := range results {
		results[i] = make(chan fmtResult, 1)
	}
	next := make(chan int)
	go func() {
		for i := range files {
			next <- i
		}
		close(next)
	}()
	for range min(len(files), runtime.GOMAXPROCS(0)) {
		go func() {
			for i := range next {
				results[i] <- fmtSource(ld, files[i], limit)
			}
		}()
	}
	return results
}

// fmtSource reads the map at p and formats it. A file fmt must leave
// untouched (over the size limit, not YAML, not safe to format) has its
// problem, and ok is false; err is a file that could not be read.
func fmtSource(ld *project.Loader, p string, limit int64) fmtResult {
	name := ld.Name(p)
	data, err := ld.ReadFile(p, limit)
	if errors.Is(err, journey.ErrTooLarge) {
		return fmtResult{problem: &journey.Diagnostic{File: name, Message: fmt.Sprintf("file is over the %s size limit (raise it with --max-size)", journey.FormatSize(limit))}}
	}
	if err != nil {
		return fmtResult{err: err}
	}
	out, err := format.Source(data)
	if err != nil {
		d := journey.Diagnostic{File: name, Message: err.Error()}
		var se *format.SyntaxError
		if errors.As(err, &se) {
			d.Line, d.Column, d.Message = se.Line, se.Column, se.Msg
		} else {
			d.Message = "can't format this file safely, so it was left untouched: " + strings.TrimPrefix(err.Error(), format.ErrUnsafe.Error()+": ")
		}
		return fmtResult{data: data, problem: &d}
	}
	return fmtResult{data: data, out: out, ok: true}
}

// fmtApply does what the flags ask with a file that is not formatted:
// lists it (--check), prints its diff (--diff), rewrites it (-w).
func fmtApply(app *Factory, opts *fmtOptions, name, p string, data, out []byte) error {
	if opts.check && !opts.diff {
		fmt.Fprintln(app.Out, output.Terminal(name))
	}
	if opts.diff {
		err := app.writeOut(func(w io.Writer) error {
			_, err := io.WriteString(w, udiff.Unified("a/"+name, "b/"+name, string(data), string(out)))
			return err
		})
		if err != nil {
			return err
		}
	}
	if opts.write {
		return app.WriteFile(p, out)
	}
	return nil
}

// fmtReport writes the summary line(s) on stderr and returns the exit:
// 1 when a file could not be formatted, or with --check a file is not.
func fmtReport(app *Factory, opts *fmtOptions, changed, failed, total int) error {
	th := newTheme(app.ErrOut, app.ColorErr)
	switch {
	case opts.write && changed > 0:
		fmt.Fprintf(app.ErrOut, "%s formatted %d of %s\n", th.okStyle.Render("✓"), changed, fmtFiles(total))
	case changed > 0:
		fmt.Fprintf(app.ErrOut, "%s %d of %s not formatted (run 'journey fmt -w')\n", th.errorStyle.Render("✗"), changed, fmtFiles(total))
	case failed == 0:
		fmt.Fprintf(app.ErrOut, "%s %s already formatted\n", th.okStyle.Render("✓"), fmtFiles(total))
	}
	if failed > 0 {
		fmt.Fprintf(app.ErrOut, "%s %s could not be formatted\n", th.errorStyle.Render("✗"), fmtFiles(failed))
	}
	if opts.check && changed > 0 {
		return problems()
	}
	return fmtExit(failed)
}

func fmtExit(failed int) error {
	if failed > 0 {
		return problems()
	}
	return nil
}

// fmtProblem reports a file fmt left untouched, on stderr.
func fmtProblem(app *Factory, d journey.Diagnostic, src []byte) {
	d.Severity = journey.SeverityError
	_ = printDiagnostics(app, journey.Diagnostics{d}, map[string][]byte{d.File: src})
}

func fmtFiles(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
