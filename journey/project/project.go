// Package project loads journey maps the way every command does: it finds
// the map files under the paths given (once), the project configuration
// (.journey.yaml) that applies to each, and loads and validates each map
// with the stage models of its configuration. It records every file it
// read, so that a watcher (journey serve) knows what to watch.
//
// It reads files, but does no terminal I/O and never reads the process's
// working directory or environment: the caller passes the directory that
// relative paths are resolved against.
package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/config"
	"github.com/journey-cx/journey/journey/lint"
)

// Stdin is the path argument that names standard input.
const Stdin = "-"

// Loader loads maps and their configuration. Set its fields, then call its
// methods; it is safe for concurrent use once its fields are set.
type Loader struct {
	Dir        string    // the working directory: relative paths resolve against it; must be absolute
	Stdin      io.Reader // what the path "-" reads
	MaxSize    int64     // largest map file; 0 means journey.DefaultMaxSize
	ConfigFile string    // the config every map uses (--config); "" for the nearest .journey.yaml above each map
	// AllowOutside lets maps' data paths be absolute or leave their folder
	// (--allow-outside-sources); otherwise such a path is a map error.
	AllowOutside bool
	// OnSkip, when set, hears of every path that discovery or loading
	// leaves out while going on with the rest: a folder or map that can't be
	// read, a map-named file that is not a regular file. When nil, a path
	// that can't be read stops everything (the error is returned) and the
	// others are left out silently.
	OnSkip func(Skip)

	mu      sync.Mutex
	configs map[string]*Config // by absolute path; "" is the empty config
	found   map[string]string  // folder -> config path found above it
	read    []string           // absolute paths of the files read, in order, once each
	seen    map[string]bool
}

// Config is a project configuration as a command uses it: the file, its
// settings and the linter built from them. The zero config (no file) has
// an empty Name.
type Config struct {
	Name   string // display name of the file; "" without a file
	Path   string // absolute path of the file; "" without a file
	Config *config.Config
	Linter *lint.Linter
}

// FailOn returns the config's lint fail level: lint.fail-on, or error.
func (c *Config) FailOn() journey.Severity {
	if c.Config.Lint.FailOn != nil {
		return *c.Config.Lint.FailOn
	}
	return journey.SeverityError
}

// Models returns the config's custom stage models.
func (c *Config) Models() []journey.StageModel { return c.Config.Models }

// File is one map file as read and checked.
type File struct {
	Name   string // display name: relative to Dir when under it, slash-separated; "<stdin>" for standard input
	Path   string // the path as given or found; "-" for standard input
	Data   []byte
	Map    *journey.Map // nil when the file is not a map at all
	Diags  journey.Diagnostics
	Config *Config
}

// Valid reports whether the file is a map without validation errors.
func (f *File) Valid() bool { return f.Map != nil && !f.Diags.HasErrors() }

// Abs resolves p against Dir. Standard input stays "-".
func (l *Loader) Abs(p string) string {
	if p == Stdin || filepath.IsAbs(p) || l.Dir == "" {
		return p
	}
	return filepath.Join(l.Dir, p)
}

// Name returns p as messages show it: relative to Dir when inside it,
// slash-separated; "<stdin>" for standard input.
func (l *Loader) Name(p string) string {
	if p == Stdin {
		return "<stdin>"
	}
	if l.Dir != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(l.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// Files returns the absolute paths of every file the loader has read so
// far (maps, configs and whatever went through ReadFile), in the order
// first read.
func (l *Loader) Files() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.read)
}

func (l *Loader) record(abs string) {
	if abs == Stdin {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if !l.seen[abs] {
		l.seen[abs] = true
		l.read = append(l.read, abs)
	}
}

// Skip is a path left out of a run. Err is nil for a file that is left
// out by rule (a FIFO or device found in a folder): a note. Otherwise the
// path could not be read, and the command fails once the rest is done.
type Skip struct {
	Name   string // the path as messages show it
	Reason string // for a note, why, for people: "not a regular file (a named pipe)…"
	Err    error  // the read error, which names the path; nil for a note
}

// skip reports s through OnSkip and reports whether the run goes on
// without the path (false: OnSkip is not set and s.Err stops it).
func (l *Loader) skip(s Skip) bool {
	if l.OnSkip == nil {
		return s.Err == nil
	}
	l.OnSkip(s)
	return true
}

// NotFoundError is a path argument that does not exist. It matches
// fs.ErrNotExist with errors.Is.
type NotFoundError struct{ Path string }

// Error says which path does not exist.
func (e *NotFoundError) Error() string { return "no such file or directory: " + e.Path }

// Is makes errors.Is(err, fs.ErrNotExist) true.
func (e *NotFoundError) Is(target error) bool { return target == fs.ErrNotExist }

// Discover expands paths ("." when empty) into map files, once: a file is
// taken whatever its name; a folder is searched recursively for
// *.journey.yaml and *.journey.yml, skipping hidden folders and
// node_modules. The result keeps the order of the arguments, each
// folder's files sorted, without duplicates. A path that does not exist
// is an error that says so.
func (l *Loader) Discover(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		if p == Stdin {
			add(p)
			continue
		}
		info, err := os.Stat(l.Abs(p))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, &NotFoundError{Path: p}
			}
			err = fmt.Errorf("can't read %s: %w", p, Reason(err))
			if l.skip(Skip{Name: l.Name(p), Err: err}) {
				continue
			}
			return nil, err
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		found, err := l.walk(l.Abs(p), p)
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			add(f)
		}
	}
	return out, nil
}

// walk lists the map files under the folder abs, named as under shown. A
// folder that can't be read and a map-named file that is not a regular
// file (or a link to one) are left out through skip.
func (l *Loader) walk(abs, shown string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(abs, path)
		name := filepath.Join(shown, rel)
		if err != nil {
			err = fmt.Errorf("can't read %s: %w", l.Name(name), Reason(err))
			if l.skip(Skip{Name: l.Name(name), Err: err}) {
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			return err
		}
		if d.IsDir() {
			if path != abs && strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !journey.IsMapFile(d.Name()) {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			if info, err := os.Stat(path); err == nil {
				mode = info.Mode().Type()
			}
		}
		if !mode.IsRegular() {
			l.skip(Skip{Name: l.Name(name), Reason: "not a regular file (" + kind(mode) + "); to read it, give it as standard input (-)"})
			return nil
		}
		found = append(found, name)
		return nil
	})
	slices.Sort(found)
	return found, err
}

// ConfigFor returns the configuration of the map at path (a file, a folder
// or "-"): ConfigFile when set, else the nearest .journey.yaml above it
// (above Dir for standard input), else the empty config. A config that
// cannot be read or holds a problem is an error (exit 2).
func (l *Loader) ConfigFor(path string) (*Config, error) {
	if l.ConfigFile != "" {
		return l.config(l.Abs(l.ConfigFile))
	}
	dir := l.Dir
	if path != Stdin {
		abs := l.Abs(path)
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			dir = abs
		} else {
			dir = filepath.Dir(abs)
		}
	}
	return l.ConfigIn(dir)
}

// ConfigIn returns the configuration that applies in folder dir (which
// need not exist yet): ConfigFile when set, else the nearest .journey.yaml
// in dir or above it, else the empty config.
func (l *Loader) ConfigIn(dir string) (*Config, error) {
	if l.ConfigFile != "" {
		return l.config(l.Abs(l.ConfigFile))
	}
	dir = l.Abs(dir)
	l.mu.Lock()
	p, ok := l.found[dir]
	l.mu.Unlock()
	if !ok {
		var err error
		if p, err = config.Find(dir); err != nil {
			return nil, err
		}
		l.mu.Lock()
		if l.found == nil {
			l.found = map[string]string{}
		}
		l.found[dir] = p
		l.mu.Unlock()
	}
	return l.config(p)
}

// config loads (once) the config file at the absolute path abs; "" is the
// empty config.
func (l *Loader) config(abs string) (*Config, error) {
	l.mu.Lock()
	c, ok := l.configs[abs]
	l.mu.Unlock()
	if ok {
		return c, nil
	}
	c = &Config{Config: &config.Config{}}
	if abs != "" {
		c.Name, c.Path = l.Name(abs), abs
		cfg, err := config.Load(abs, config.Options{Rules: lint.ConfigurableIDs(), Name: c.Name})
		if err != nil {
			return nil, err
		}
		l.record(abs)
		c.Config = cfg
	}
	lin, err := lint.New(lint.Options{Severity: c.Config.Lint.Rules, MinSample: c.Config.Lint.MinSample, Models: c.Config.Models})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Name, err)
	}
	c.Linter = lin
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.configs == nil {
		l.configs = map[string]*Config{}
	}
	if prev, ok := l.configs[abs]; ok {
		return prev, nil
	}
	l.configs[abs] = c
	return c, nil
}

// ReadFile reads the file at path (resolved against Dir; "-" is standard
// input) up to limit bytes (0: MaxSize), and records it as read. Over the
// limit it returns the bytes read so far and an error matching
// journey.ErrTooLarge.
func (l *Loader) ReadFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = l.maxSize()
	}
	if path == Stdin {
		if l.Stdin == nil {
			return nil, errors.New("can't read standard input: none was given")
		}
		return journey.ReadLimited(l.Stdin, limit)
	}
	abs := l.Abs(path)
	fh, pipe, err := openRead(l.Name(path), func(flag int) (*os.File, error) { return os.OpenFile(abs, flag, 0) })
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	l.record(abs)
	data, err := journey.ReadLimited(fh, limit)
	if err != nil && !errors.Is(err, journey.ErrTooLarge) {
		return nil, fmt.Errorf("can't read %s: %w", l.Name(path), Reason(err))
	}
	if pipe && len(data) == 0 {
		return nil, fmt.Errorf("can't read %s: it is a named pipe and nothing was written to it (give its text as standard input, -)", l.Name(path))
	}
	return data, err
}

// openRead opens a file for reading with open, never blocking: a named
// pipe opens at once (and reads as empty when nothing writes to it; pipe
// is true); a device, socket or folder is refused, as reading one hangs or
// never ends. Errors name the file as name.
func openRead(name string, open func(flag int) (*os.File, error)) (fh *os.File, pipe bool, err error) {
	fh, err = open(os.O_RDONLY | syscall.O_NONBLOCK)
	if err != nil {
		return nil, false, fmt.Errorf("can't read %s: %w", name, Reason(err))
	}
	info, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, false, fmt.Errorf("can't read %s: %w", name, Reason(err))
	}
	switch mode := info.Mode().Type(); {
	case mode.IsRegular():
		return fh, false, nil
	case mode&fs.ModeNamedPipe != 0:
		return fh, true, nil
	default:
		fh.Close()
		return nil, false, fmt.Errorf("can't read %s: it is not a regular file (%s)", name, kind(mode))
	}
}

// kind names a file type for people.
func kind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeSymlink != 0:
		return "a broken link"
	}
	return "not a file"
}

func (l *Loader) maxSize() int64 {
	if l.MaxSize > 0 {
		return l.MaxSize
	}
	return journey.DefaultMaxSize
}

// LoadFile reads and loads one map with cfg. A file over the size limit is
// a diagnostic; a file that cannot be read is an error (exit 2).
func (l *Loader) LoadFile(path string, cfg *Config) (*File, error) {
	f := &File{Path: path, Name: l.Name(path), Config: cfg}
	var err error
	f.Data, err = l.ReadFile(path, 0)
	if errors.Is(err, journey.ErrTooLarge) {
		f.Data = nil
		f.Diags = journey.Diagnostics{{Rule: journey.RuleInvalid, Severity: journey.SeverityError, File: f.Name,
			Message: fmt.Sprintf("file is over the %s size limit (raise it with --max-size)", journey.FormatSize(l.maxSize()))}}
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	f.Map, f.Diags = l.LoadBytes(f.Name, f.Data, cfg)
	return f, nil
}

// LoadBytes loads and validates a map held in memory, named name, with the
// stage models of cfg (nil: the empty config).
func (l *Loader) LoadBytes(name string, data []byte, cfg *Config) (*journey.Map, journey.Diagnostics) {
	opt := journey.Options{MaxSize: l.maxSize(), AllowOutside: l.AllowOutside}
	if cfg != nil {
		opt.Models = cfg.Models()
	}
	return journey.Load(name, data, opt)
}

// Load discovers and loads every map under paths, in discovery order.
func (l *Loader) Load(paths []string) ([]*File, error) {
	files, err := l.Discover(paths)
	if err != nil {
		return nil, err
	}
	var out []*File
	err = l.Each(files, nil, func(f *File) error {
		out = append(out, f)
		return nil
	})
	return out, err
}

// Each loads the discovered files on every core with their configs, runs
// work (when not nil) on each loaded file in the loading worker, then
// calls fn for each in discovery order, on the calling goroutine. Only a
// few maps are in memory at once, whatever their number: what fn does not
// keep is freed. The first error (a config with problems, or fn's) stops
// the rest; so does a map that can't be read, unless OnSkip is set: it
// then hears of it and the rest go on.
func (l *Loader) Each(files []string, work func(*File), fn func(*File) error) error {
	// Configs are resolved first, in order, so that a config problem stops
	// everything before any map is reported.
	if l.ConfigFile != "" {
		// An explicit config must exist, maps or not.
		if _, err := l.ConfigFor(Stdin); err != nil {
			return err
		}
	}
	cfgs := make([]*Config, len(files))
	for i, p := range files {
		c, err := l.ConfigFor(p)
		if err != nil {
			return err
		}
		cfgs[i] = c
	}
	type slot struct {
		name string
		f    *File
		err  error
		done chan struct{}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(files)))
	slots := make(chan *slot, 2*workers) // in order; bounds the maps in flight
	jobs := make(chan func(), 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for job := range jobs {
				job()
			}
		})
	}
	stop := make(chan struct{})
	go func() {
		defer close(slots)
		defer close(jobs)
		for i, p := range files {
			s := &slot{name: l.Name(p), done: make(chan struct{})}
			select {
			case slots <- s:
			case <-stop:
				return
			}
			jobs <- func() {
				defer close(s.done)
				s.f, s.err = l.LoadFile(p, cfgs[i])
				if s.err == nil && work != nil {
					work(s.f)
				}
			}
		}
	}()
	var firstErr error
	for s := range slots {
		<-s.done
		if firstErr == nil {
			if s.err != nil && l.OnSkip != nil {
				l.OnSkip(Skip{Name: s.name, Err: s.err})
				continue
			}
			if firstErr = s.err; firstErr == nil {
				firstErr = fn(s.f)
			}
			if firstErr != nil {
				close(stop)
			}
		}
	}
	wg.Wait()
	return firstErr
}

// Reason is err as a person reads it after the file's name: without the
// system call and path of an fs.PathError ("stat …", "open …"), and with
// the root's "path escapes from parent" said in words.
func Reason(err error) error { return journey.PathReason(err) }

// Source is a data file a map declares (a survey export under sources:, an
// event log under events:) or one given on the command line, resolved
// against the map's folder.
type Source struct {
	Name string // display name
	Path string // path to open; "-" for standard input
	Root string // when not "", Path is relative and is opened within this folder, so no link leaves it
}

// DeclaredSource resolves a path written in map f: relative paths are
// relative to the map's folder. A path that is absolute or climbs out of
// the map's folder is refused (ok false) unless allowOutside is set.
func (l *Loader) DeclaredSource(f *File, path string, allowOutside bool) (src Source, ok bool) {
	dir := l.Dir
	if f.Path != Stdin {
		dir = filepath.Dir(l.Abs(f.Path))
	}
	p := filepath.FromSlash(path)
	switch {
	case !allowOutside && (filepath.IsAbs(p) || !filepath.IsLocal(p)):
		return Source{}, false
	case filepath.IsAbs(p):
		src.Path = p
	case allowOutside:
		src.Path = filepath.Join(dir, p)
	default:
		src.Path, src.Root = p, dir
	}
	// Named as the map is named: beside it, so a map given as ../m.journey.yaml
	// has its data under ../, not under an absolute path.
	src.Name = filepath.ToSlash(filepath.Join(filepath.Dir(f.Name), p))
	if filepath.IsAbs(p) || f.Path == Stdin || filepath.IsAbs(f.Name) {
		src.Name = l.Name(filepath.Join(dir, p))
	}
	return src, true
}

// ArgSource is a data file named on the command line, relative to Dir.
func (l *Loader) ArgSource(path string) Source {
	return Source{Name: l.Name(path), Path: path}
}

// Open opens a source file (not standard input: the caller reads Stdin),
// within its root when it has one, and records it as read.
func (l *Loader) Open(s Source) (*os.File, error) {
	open := func(flag int) (*os.File, error) { return os.OpenFile(l.Abs(s.Path), flag, 0) }
	if s.Root != "" {
		open = func(flag int) (*os.File, error) {
			r, err := os.OpenRoot(s.Root)
			if err != nil {
				return nil, err
			}
			defer r.Close()
			return r.OpenFile(s.Path, flag, 0)
		}
	}
	fh, _, err := openRead(s.Name, open)
	if err != nil {
		if s.Root != "" && strings.Contains(err.Error(), "outside the map's folder") {
			return nil, fmt.Errorf("%w (a link that leaves the map's folder needs --allow-outside-sources)", err)
		}
		return nil, err
	}
	if s.Root != "" {
		l.record(filepath.Join(s.Root, s.Path))
	} else {
		l.record(l.Abs(s.Path))
	}
	return fh, nil
}
