package helperbin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// BuildVersion is the version a journey program reports: the one the
// release build stamped (-X main.version=v1.2.3), else the module's from
// the build information (go install ...@v1.2.3), else "dev". journey and
// its helpers use it alike, so the three programs of one build agree.
func BuildVersion(stamped string) string {
	if stamped != "" {
		return stamped
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return ModuleVersion(info)
}

// ModuleVersion is the main module's version in info, or "dev" for a
// build of a checkout that has none.
func ModuleVersion(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return "dev"
}

// VersionLine is what a helper prints for -V: its name, its version and,
// when it speaks a request protocol, the protocol ("journey-xlsx v1.2.3
// (protocol 1)"); extra says more ("Graphviz 12.1.2").
func VersionLine(name, version string, protocol int, extra string) string {
	var parts []string
	if protocol > 0 {
		parts = append(parts, "protocol "+strconv.Itoa(protocol))
	}
	if extra != "" {
		parts = append(parts, extra)
	}
	line := name + " " + version
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	return line
}

// handshakeTime is how long a helper has to answer -V.
const handshakeTime = 10 * time.Second

// handshakes keeps the outcome of each handshake, for the process: a
// command that lays out many graphs asks once.
var handshakes sync.Map // name, path, version and protocol -> error (nil: accepted)

// Handshake runs the helper name found at path with -V and checks that it
// is journey's: it must answer with its name and the version want (the
// running journey's), and, when protocol > 0, that protocol. Any other
// answer, or none, is a *HandshakeError that names the helper's path and
// both versions and says how to reinstall. want "" skips the check.
func Handshake(ctx context.Context, name, path, want string, protocol int) error {
	if want == "" {
		return nil
	}
	key := strings.Join([]string{name, path, want, strconv.Itoa(protocol)}, "\x00")
	if err, ok := handshakes.Load(key); ok {
		e, _ := err.(error)
		return e
	}
	err := handshake(ctx, name, path, want, protocol)
	if ctx.Err() == nil { // an interrupted handshake says nothing of the helper
		handshakes.Store(key, err)
	}
	return err
}

func handshake(ctx context.Context, name, path, want string, protocol int) error {
	ctx, cancel := context.WithTimeout(ctx, handshakeTime)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-V")
	out, errOut := &LimitedBuffer{Max: 4 << 10}, &LimitedBuffer{Max: 4 << 10}
	cmd.Stdout, cmd.Stderr = out, errOut
	he := &HandshakeError{Name: name, Path: path, Want: want, WantProtocol: protocol}
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("no answer within %s", handshakeTime)
		} else if msg := strings.TrimSpace(errOut.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, firstLine(msg))
		}
		he.Err = err
		return he
	}
	he.Answer = firstLine(out.String())
	m := answerRe.FindStringSubmatch(he.Answer)
	if m == nil || m[1] != name {
		return he
	}
	he.Got = m[2]
	if m[3] != "" {
		he.GotProtocol, _ = strconv.Atoi(m[3])
	}
	if he.Got != want || (protocol > 0 && he.GotProtocol != protocol) {
		return he
	}
	return nil
}

// answerRe reads a VersionLine: name, version and the protocol if any.
var answerRe = regexp.MustCompile(`^(journey-[a-z]+) (\S+)(?: \((?:protocol ([0-9]+))?.*\))?$`)

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "..."
	}
	return s
}

// HandshakeError says that the program found as a helper is not the
// helper of this journey: another release, another protocol, not
// journey's at all, or broken.
type HandshakeError struct {
	Name, Path   string
	Want, Got    string // the versions of journey and of the helper ("" when it gave none)
	WantProtocol int
	GotProtocol  int    // 0 when it gave none
	Answer       string // the first line it printed for -V
	Err          error  // the run failed (exit status, no answer in time)
}

// Error names the helper's path, both versions, and how to reinstall.
func (e *HandshakeError) Error() string {
	var what string
	switch {
	case e.Err != nil:
		what = fmt.Sprintf("could not tell its version (%s -V: %v)", e.Name, e.Err)
	case e.Got == "":
		what = fmt.Sprintf("is not journey's %s, or is broken: asked its version (-V), it answered %q", e.Name, e.Answer)
	case e.Got != e.Want:
		what = fmt.Sprintf("is version %s, and this journey is %s", e.Got, e.Want)
	default:
		got := "no protocol"
		if e.GotProtocol > 0 {
			got = fmt.Sprintf("protocol %d", e.GotProtocol)
		}
		what = fmt.Sprintf("is version %s like this journey but speaks %s, and journey protocol %d: it was built from other sources", e.Got, got, e.WantProtocol)
	}
	return fmt.Sprintf("refusing %s at %s: it %s. journey runs only the helpers of its own build; %s",
		e.Name, e.Path, what, Reinstall(e.Want))
}

// Unwrap returns the error of the run, if any.
func (e *HandshakeError) Unwrap() error { return e.Err }

// ErrBadHelper is matched (errors.Is) by a *HandshakeError.
var ErrBadHelper = errors.New("helper program of another build")

// Is makes errors.Is(err, ErrBadHelper) true.
func (e *HandshakeError) Is(target error) bool { return target == ErrBadHelper }

// Reinstall says how to get the helpers of journey version: from its
// release archive, or go install at that version (in the checkout, for a
// development build).
func Reinstall(version string) string {
	if releaseRe.MatchString(version) {
		return fmt.Sprintf("reinstall them together: put the helpers of the %[1]s release archive next to journey (https://github.com/journey-cx/journey/releases/tag/%[1]s), or run: go install github.com/journey-cx/journey/cmd/...@%[1]s", version)
	}
	return "reinstall them together: in the checkout journey was built from, run: go install ./cmd/..."
}

// releaseRe is a release's version: v1.2.3, v1.2.3-rc.1.
var releaseRe = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$`)

// Bounded keeps what a helper writes on standard output, up to Max bytes;
// past that, Over is set and writes fail with ErrTooMuch: a helper that
// answers without end does not take journey's memory with it.
type Bounded struct {
	bytes.Buffer
	Max  int
	Over bool // more than Max bytes were written
}

// Write keeps p when it fits under Max.
func (b *Bounded) Write(p []byte) (int, error) {
	if b.Over || b.Len()+len(p) > b.Max {
		b.Over = true
		return 0, ErrTooMuch
	}
	return b.Buffer.Write(p)
}

// ErrTooMuch is the error of a Bounded past its Max.
var ErrTooMuch = errors.New("the helper's answer is too large")
