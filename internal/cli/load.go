package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/journey-cx/journey/internal/report"
	"github.com/journey-cx/journey/journey"
)

// loadFlags are the flags of every command that reads maps.
type loadFlags struct {
	maxSize sizeFlag
}

func (f *loadFlags) bind(fs *pflag.FlagSet) {
	f.maxSize = journey.DefaultMaxSize
	fs.Var(&f.maxSize, "max-size", "largest map file to read (bytes, or with KiB/MiB)")
}

// loadedMap is one map file as read and checked.
type loadedMap struct {
	Name  string // display name: relative to cwd, slash-separated
	Path  string // path to open; "-" for stdin
	Data  []byte
	Map   *journey.Map // nil when the file is not a map at all
	Diags journey.Diagnostics
}

// loadMaps discovers and loads the maps under paths ("." when empty). A
// missing or unreadable path is an error (exit 2); problems inside a file
// are diagnostics.
func loadMaps(ios *IOStreams, paths []string, f loadFlags, opt journey.Options) ([]loadedMap, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	files, err := journey.Discover(paths)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no such file or directory: %s", strings.TrimSuffix(err.Error(), ": "+fs.ErrNotExist.Error()))
		}
		return nil, err
	}
	opt.MaxSize = int64(f.maxSize)
	out := make([]loadedMap, 0, len(files))
	for _, p := range files {
		lm := loadedMap{Path: p, Name: displayName(ios, p)}
		lm.Data, err = readFile(ios, p, opt.MaxSize)
		if errors.Is(err, journey.ErrTooLarge) {
			lm.Diags = journey.Diagnostics{{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: lm.Name,
				Message: fmt.Sprintf("file is over the %s size limit (raise it with --max-size)", journey.FormatSize(opt.MaxSize))}}
			out = append(out, lm)
			continue
		}
		if err != nil {
			return nil, err
		}
		lm.Map, lm.Diags = journey.Load(lm.Name, lm.Data, opt)
		out = append(out, lm)
	}
	return out, nil
}

func readFile(ios *IOStreams, p string, limit int64) ([]byte, error) {
	if p == "-" {
		return journey.ReadLimited(ios.In, limit)
	}
	fh, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("can't read %s: %w", p, unwrapPathError(err))
	}
	defer fh.Close()
	data, err := journey.ReadLimited(fh, limit)
	if err != nil && !errors.Is(err, journey.ErrTooLarge) {
		return nil, fmt.Errorf("can't read %s: %w", p, unwrapPathError(err))
	}
	return data, err
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayName makes p relative to the working directory, with slashes.
func displayName(ios *IOStreams, p string) string {
	if p == "-" {
		return "<stdin>"
	}
	if ios.Getwd != nil && filepath.IsAbs(p) {
		if wd, err := ios.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// result gathers loaded maps into a report.Result.
func result(command string, maps []loadedMap) *report.Result {
	r := &report.Result{Command: command, Sources: map[string][]byte{}}
	for _, lm := range maps {
		r.Files = append(r.Files, lm.Name)
		r.Sources[lm.Name] = lm.Data
		r.Diagnostics = append(r.Diagnostics, lm.Diags...)
	}
	r.Diagnostics.Sort()
	return r
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
