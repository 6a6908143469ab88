package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

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
	var out []loadedMap
	err := eachMap(ios, paths, f, opt, nil, func(lm *loadedMap) error {
		out = append(out, *lm)
		return nil
	})
	return out, err
}

// discover expands paths ("." when empty) into map files; a path that
// does not exist is an error saying so.
func discover(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	files, err := journey.Discover(paths)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such file or directory: %s", strings.TrimSuffix(err.Error(), ": "+fs.ErrNotExist.Error()))
	}
	return files, err
}

// eachMap discovers the maps under paths and loads them on every core,
// then runs work (when not nil) on each in the same worker, and calls fn
// for each in discovery order. Only a few maps are in memory at once,
// whatever their number: what fn does not keep is freed.
func eachMap(ios *IOStreams, paths []string, f loadFlags, opt journey.Options, work func(*loadedMap), fn func(*loadedMap) error) error {
	files, err := discover(paths)
	if err != nil {
		return err
	}
	opt.MaxSize = int64(f.maxSize)
	type slot struct {
		lm   loadedMap
		err  error
		done chan struct{}
	}
	workers := min(runtime.GOMAXPROCS(0), len(files))
	slots := make(chan *slot, 2*workers) // in order; bounds the maps in flight
	jobs := make(chan func(), 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				job()
			}
		}()
	}
	stop := make(chan struct{})
	go func() {
		defer close(slots)
		defer close(jobs)
		for _, p := range files {
			s := &slot{done: make(chan struct{})}
			select {
			case slots <- s:
			case <-stop:
				return
			}
			jobs <- func() {
				s.lm, s.err = loadOne(ios, p, opt)
				if s.err == nil && work != nil {
					work(&s.lm)
				}
				close(s.done)
			}
		}
	}()
	var firstErr error
	for s := range slots {
		<-s.done
		if firstErr == nil {
			if firstErr = s.err; firstErr == nil {
				firstErr = fn(&s.lm)
			}
			if firstErr != nil {
				close(stop)
			}
		}
	}
	wg.Wait()
	return firstErr
}

func loadOne(ios *IOStreams, p string, opt journey.Options) (loadedMap, error) {
	lm := loadedMap{Path: p, Name: displayName(ios, p)}
	var err error
	lm.Data, err = readFile(ios, p, opt.MaxSize)
	if errors.Is(err, journey.ErrTooLarge) {
		lm.Diags = journey.Diagnostics{{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: lm.Name,
			Message: fmt.Sprintf("file is over the %s size limit (raise it with --max-size)", journey.FormatSize(opt.MaxSize))}}
		return lm, nil
	}
	if err != nil {
		return lm, err
	}
	lm.Map, lm.Diags = journey.Load(lm.Name, lm.Data, opt)
	return lm, nil
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

// resultOf starts a report.Result to which maps are added one by one.
func resultOf(command string) *report.Result {
	return &report.Result{Command: command, Sources: map[string][]byte{}}
}

// add records a loaded map's diagnostics; the source is kept only when
// some diagnostic needs it for a snippet (and r.Sources is not nil: only
// the text format prints snippets).
func add(r *report.Result, lm *loadedMap, diags journey.Diagnostics) {
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

// printSummary writes the one-line summary on stderr.
func printSummary(w io.Writer, th theme, r *report.Result) {
	e, _, _ := r.Diagnostics.Counts()
	s := report.Summary(r)
	switch {
	case e > 0:
		fmt.Fprintln(w, th.errorStyle.Render("✗")+" "+s)
	case len(r.Diagnostics) > 0:
		fmt.Fprintln(w, th.warnStyle.Render("!")+" "+s)
	case len(r.Files) == 0:
		// Nothing to check is not a pass to hide: a mistyped folder in CI.
		fmt.Fprintln(w, th.warnStyle.Render("!")+" no map files (*.journey.yaml, *.journey.yml) found")
	default:
		fmt.Fprintln(w, th.okStyle.Render("✓")+" "+s)
	}
}
