// Package xlsxhelper is how journey reads and writes Excel workbooks
// without linking the workbook library (github.com/xuri/excelize, whose
// package initialisation costs every process that links it a few
// milliseconds, whatever the command): it runs journey-xlsx, the helper
// program that links it (cmd/journey-xlsx), and defines what the two say
// to each other.
//
// journey builds what a workbook shows (the map, its scores with the
// sources' answers, the lint findings of its config, theme, locale) once,
// with the pipeline every render format uses, and sends it to `journey-xlsx
// write` as a WriteRequest, in JSON, on standard input; the helper writes
// the workbook on standard output. `journey-xlsx import --request` takes an
// ImportRequest (a workbook, and the map it was rendered from) and answers
// with an ImportResult: the map's text, the notes on what could not be
// carried over, or the diagnostics of the cells it could not read.
//
// A map travels as its source text, with the custom stage models it was
// loaded with: the helper loads it again with journey.Load and gets the same
// *journey.Map, positions included, whatever the model holds. Requests carry
// Protocol and are decoded strictly: a journey-xlsx of another release
// refuses a request it does not fully understand rather than guess.
//
// This package links no workbook code: journey imports it.
package xlsxhelper

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/score"
	"github.com/journey-cx/journey/render"
)

// Name is the helper's program name (plus .exe on Windows).
const Name = "journey-xlsx"

// Protocol is the version of the requests. journey and journey-xlsx of one
// release speak the same; change it with any change of meaning that strict
// decoding would not catch.
const Protocol = 1

// The helper's exit codes, as journey's.
const (
	ExitProblems = 1 // the input has problems: a map that does not load, a workbook that cannot be read
	ExitFailure  = 2 // the helper could not run: bad arguments or request, a failed write
)

// MapSource is a map as its file holds it.
type MapSource struct {
	File   string               `json:"file"`             // the name diagnostics use
	Source string               `json:"source"`           // the file's text (UTF-8: only maps that loaded are sent)
	Models []journey.StageModel `json:"models,omitempty"` // the custom stage models it was loaded with
}

// Load loads the map as journey did.
func (s *MapSource) Load() (*journey.Map, journey.Diagnostics) {
	return journey.Load(s.File, []byte(s.Source), journey.Options{Models: s.Models, MaxSize: max(int64(len(s.Source)), journey.DefaultMaxSize)})
}

// WriteRequest is everything a workbook shows: a render.Input, with the map
// as its source.
type WriteRequest struct {
	Protocol int                 `json:"protocol"`
	Map      MapSource           `json:"map"`
	Scores   *score.Report       `json:"scores,omitempty"` // nil: the map's inline metrics
	Findings journey.Diagnostics `json:"findings,omitempty"`
	Theme    render.Theme        `json:"theme"`
	Locale   string              `json:"locale,omitempty"`
	Paper    string              `json:"paper,omitempty"`
}

// NewWriteRequest returns the request that makes the helper write the
// workbook of in, whose map src holds.
func NewWriteRequest(in *render.Input, src MapSource) *WriteRequest {
	return &WriteRequest{Protocol: Protocol, Map: src, Scores: in.Scores, Findings: in.Findings,
		Theme: in.Theme, Locale: in.Locale, Paper: in.Paper}
}

// Input loads the request's map and returns the render.Input journey built,
// or the diagnostics of a map that does not load.
func (r *WriteRequest) Input() (*render.Input, journey.Diagnostics) {
	m, diags := r.Map.Load()
	if m == nil || diags.HasErrors() {
		return nil, diags
	}
	return &render.Input{Map: m, Scores: r.Scores, Findings: r.Findings, Theme: r.Theme, Locale: r.Locale, Paper: r.Paper}, nil
}

// ImportRequest asks the helper to read a workbook back into a map.
type ImportRequest struct {
	Protocol int        `json:"protocol"`
	File     string     `json:"file"`           // the workbook's name in diagnostics and notes
	Workbook []byte     `json:"workbook"`       // the .xlsx file
	Base     *MapSource `json:"base,omitempty"` // the map it was rendered from; nil builds one from the workbook alone
}

// ImportResult is the helper's answer to an ImportRequest.
type ImportResult struct {
	Map         string              `json:"map,omitempty"` // the map's text: written over the base's, or canonical
	Notes       []importer.Note     `json:"notes,omitempty"`
	Diagnostics journey.Diagnostics `json:"diagnostics,omitempty"` // the map is empty when some is an error
}

// ReadWriteRequest decodes a WriteRequest.
func ReadWriteRequest(r io.Reader) (*WriteRequest, error) {
	req := &WriteRequest{}
	return req, decode(r, req)
}

// ReadImportRequest decodes an ImportRequest.
func ReadImportRequest(r io.Reader) (*ImportRequest, error) {
	req := &ImportRequest{}
	return req, decode(r, req)
}

// decode reads a request: its protocol first, then every field, strictly.
func decode(r io.Reader, v any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading the request: %w", err)
	}
	var head struct {
		Protocol int `json:"protocol"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("the request is not JSON: %w", err)
	}
	if head.Protocol != Protocol {
		return fmt.Errorf("the request is of protocol %d and this %s speaks protocol %d: use the %s of the same release as journey", head.Protocol, Name, Protocol, Name)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("can't read the request (%v): use the %s of the same release as journey", err, Name)
	}
	return nil
}

// encode writes v as JSON.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	err := e.Encode(v)
	return b.Bytes(), err
}

// WriteResult writes the helper's answer to an import.
func WriteResult(w io.Writer, res *ImportResult) error {
	data, err := encode(res)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Helper is the journey-xlsx program at Path.
type Helper struct {
	Path    string
	Version string // the version it answered the handshake with
}

// Find returns the helper loc finds. When there is none, the error says
// where journey looked and how to get it; errors.Is(err,
// helperbin.ErrNotFound) is true.
//
// The helper found must be of journey's own build: asked its version
// (-V), it must answer loc.Version and this Protocol, or Find returns a
// *helperbin.HandshakeError that names it, both versions and how to
// reinstall.
func Find(loc helperbin.Locator) (*Helper, error) {
	p, err := loc.Find(Name)
	if err != nil {
		return nil, &NotFoundError{err: err}
	}
	if err := helperbin.Handshake(context.Background(), Name, p, loc.Version, Protocol); err != nil {
		return nil, err
	}
	return &Helper{Path: p, Version: loc.Version}, nil
}

// NotFoundError says that journey-xlsx is missing, and how to get it.
type NotFoundError struct {
	err error // the helperbin error
}

// Error says where journey looked and how to get the helper.
func (e *NotFoundError) Error() string {
	where := "anywhere"
	var nf *helperbin.NotFoundError
	if errors.As(e.err, &nf) {
		where = nf.Where()
	}
	return fmt.Sprintf("workbooks need %[1]s, a helper program that ships with journey, and there is none %[2]s. "+
		"Put it next to journey (it is in the same release archive: https://github.com/journey-cx/journey/releases), "+
		"or install it with: go install github.com/journey-cx/journey/cmd/...@latest", Name, where)
}

// Unwrap returns the lookup's error.
func (e *NotFoundError) Unwrap() error { return e.err }

// Error is a run of the helper that failed.
type Error struct {
	Path   string
	Code   int    // its exit code; -1 when it did not exit (killed, not started)
	Stderr string // what it said, at most maxStderr bytes
	Err    error  // from os/exec
}

// Error is the helper's own message, or how it failed when it said nothing.
func (e *Error) Error() string {
	if msg := strings.TrimSpace(e.Stderr); msg != "" {
		return msg
	}
	return fmt.Sprintf("%s (%s) failed: %v", Name, e.Path, e.Err)
}

// Unwrap returns the error from os/exec.
func (e *Error) Unwrap() error { return e.Err }

// Write runs `journey-xlsx write` on req (with this release's Protocol) and
// copies the workbook to w once it is checked: a zip archive that opens,
// every part of it readable, the workbook's parts there (CheckWorkbook).
// Nothing reaches w otherwise. A failure of the helper returns an *Error
// with its exit code and message.
func (h *Helper) Write(ctx context.Context, req *WriteRequest, w io.Writer) error {
	r := *req
	r.Protocol = Protocol
	body, err := encode(&r)
	if err != nil {
		return fmt.Errorf("can't send the map to %s: %w", Name, err)
	}
	out := &helperbin.Bounded{Max: MaxWorkbook}
	if err := h.run(ctx, []string{"write"}, bytes.NewReader(body), out); err != nil {
		if errors.Is(err, helperbin.ErrTooMuch) {
			return fmt.Errorf("%s (%s) wrote more than %d MiB for one workbook: it is broken or not journey's, nothing written; %s", Name, h.Path, MaxWorkbook>>20, helperbin.Reinstall(h.Version))
		}
		return err
	}
	if err := CheckWorkbook(out.Bytes()); err != nil {
		return fmt.Errorf("%s (%s) wrote a %d-byte file that is not a workbook (%v): it is broken or not journey's, nothing written; %s", Name, h.Path, out.Len(), err, helperbin.Reinstall(h.Version))
	}
	_, err = w.Write(out.Bytes())
	return err
}

// MaxWorkbook is the largest workbook journey takes from the helper.
const MaxWorkbook = 512 << 20

// workbookParts are the parts every workbook holds (ECMA-376 Part 1 and
// Part 2, Open Packaging Conventions): what Excel and LibreOffice open
// first.
var workbookParts = []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"}

// CheckWorkbook reports whether data is an .xlsx file that opens: a zip
// archive whose every part reads back whole (its CRC-32 checked) and that
// holds the workbook's parts.
func CheckWorkbook(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("part %s: %w", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("part %s: %w", f.Name, err)
		}
		have[f.Name] = true
	}
	for _, p := range workbookParts {
		if !have[p] {
			return fmt.Errorf("no %s in the archive", p)
		}
	}
	return nil
}

// Import runs `journey-xlsx import --request` on req (with this release's
// Protocol). Cells that cannot be
// read are diagnostics in the result (the helper exits 1); any other
// failure returns an *Error with the helper's exit code and message.
func (h *Helper) Import(ctx context.Context, req *ImportRequest) (*ImportResult, error) {
	r := *req
	r.Protocol = Protocol
	body, err := encode(&r)
	if err != nil {
		return nil, fmt.Errorf("can't send the workbook to %s: %w", Name, err)
	}
	var out bytes.Buffer
	err = h.run(ctx, []string{"import", "--request"}, bytes.NewReader(body), &out)
	var he *Error
	if err != nil && !(errors.As(err, &he) && he.Code == ExitProblems && out.Len() > 0) {
		return nil, err
	}
	res := &ImportResult{}
	if derr := json.Unmarshal(out.Bytes(), res); derr != nil {
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s (%s) answered something that is not an import result: %w", Name, h.Path, derr)
	}
	if err != nil && !res.Diagnostics.HasErrors() {
		return nil, err
	}
	return res, nil
}

// maxStderr is how much of the helper's error output is kept.
const maxStderr = 16 << 10

func (h *Helper) run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	cmd := exec.CommandContext(ctx, h.Path, args...)
	out := &stickyWriter{w: stdout}
	errOut := &helperbin.LimitedBuffer{Max: maxStderr}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, out, errOut
	err := cmd.Run()
	switch {
	case out.err != nil: // the helper may have failed on the broken pipe: ours is the cause
		return out.err
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("%s: %w", Name, ctx.Err())
	}
	code := -1
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	return &Error{Path: h.Path, Code: code, Stderr: errOut.String(), Err: err}
}

// stickyWriter keeps the first error of its writer.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}
