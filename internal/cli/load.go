package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/project"
)

// loadFlags are the flags of every command that reads maps.
type loadFlags struct {
	maxSize      sizeFlag
	allowOutside bool // --allow-outside-sources: data paths may leave the map's folder
}

func (f *loadFlags) bind(fs *pflag.FlagSet) {
	f.maxSize = journey.DefaultMaxSize
	fs.Var(&f.maxSize, "max-size", "largest map file to read (bytes, or with KiB/MiB)")
	fs.BoolVar(&f.allowOutside, "allow-outside-sources", false, "let a map's sources: and events: paths be absolute or leave its folder")
}

// displayName makes p relative to the working directory, with slashes.
func displayName(app *Factory, p string) string {
	wd, _ := app.Getwd()
	return (&project.Loader{Dir: wd}).Name(p)
}

// resultOf starts a report.Result to which maps are added one by one.
func resultOf(command string) *report.Result {
	return &report.Result{Command: command, Sources: map[string][]byte{}}
}

// add records a loaded map's diagnostics; the source is kept only when
// some diagnostic needs it for a snippet (and r.Sources is not nil: only
// the text format prints snippets).
func add(r *report.Result, lm *project.File, diags journey.Diagnostics) {
	r.Files = append(r.Files, lm.Name)
	if len(diags) > 0 && r.Sources != nil {
		r.Sources[lm.Name] = lm.Data
	}
	r.Diagnostics = append(r.Diagnostics, diags...)
}

// sizeFlag is a byte count that accepts 10MiB, 512KiB, 2MB or 1000.
type sizeFlag int64

func (s *sizeFlag) String() string { return journey.FormatSize(int64(*s)) }
func (s *sizeFlag) Type() string   { return "size" }
func (s *sizeFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(v), strings.ToUpper(u.suffix)) {
			v, mult = strings.TrimSpace(v[:len(v)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("want a positive size like 10MiB, got %q", v)
	}
	*s = sizeFlag(n * mult)
	return nil
}

// discoverMaps finds the map files under paths, as every command that
// reads maps does: paths that hold none are a command that could not run
// (exit 2), the same for validate, lint, score, render, fmt and mine, so a
// mistyped folder in CI fails instead of passing. (serve waits for maps.)
func discoverMaps(ld *project.Loader, paths []string) ([]string, error) {
	files, err := ld.Discover(paths)
	if err == nil && len(files) == 0 {
		err = errNoMaps(paths)
	}
	return files, err
}

// errNoMaps says that paths hold no map file.
func errNoMaps(paths []string) error {
	return &exitError{Code: ExitFailure, Err: fmt.Errorf("no map files (*.journey.yaml, *.journey.yml) found in %s", strings.Join(orDot(paths), ", "))}
}

// printSummary writes the one-line summary on stderr.
func printSummary(w io.Writer, th theme, r *report.Result) {
	e, _, _ := r.Diagnostics.Counts()
	s := report.Summary(r)
	switch {
	case e > 0:
		fmt.Fprintln(w, th.errorStyle.Render("✗")+" "+s)
	case len(r.Diagnostics) > 0:
		fmt.Fprintln(w, th.warnStyle.Render("!")+" "+s)
	default:
		fmt.Fprintln(w, th.okStyle.Render("✓")+" "+s)
	}
}

// readLimited reads one file (relative to the working directory; "-" is
// standard input) up to limit bytes, as the loader reads maps.
func readLimited(app *Factory, p string, limit int64) ([]byte, error) {
	ld, err := app.Loader(loadFlags{}, "")
	if err != nil {
		return nil, err
	}
	return ld.ReadFile(p, limit)
}

// unwrapPathError drops the operation and path of an fs.PathError, for
// messages that name the file themselves.
func unwrapPathError(err error) error { return journey.PathReason(err) }
