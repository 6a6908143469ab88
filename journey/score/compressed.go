package score

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// CompressedError is a compressed input that is truncated or corrupt: bad
// input, like a malformed CSV record, not a failure to read the file.
type CompressedError struct {
	File string // the file as named to the user
	At   int64  // bytes of the compressed file read when the problem showed
	Out  int64  // bytes of CSV it had given until then
	Err  error  // io.ErrUnexpectedEOF (truncated), gzip.ErrHeader, gzip.ErrChecksum or a flate.CorruptInputError
}

// Truncated reports whether the input ends before its compressed data do.
func (e *CompressedError) Truncated() bool { return errors.Is(e.Err, io.ErrUnexpectedEOF) }

// Problem says in a few words what is wrong and how far reading got, without
// the file name.
func (e *CompressedError) Problem() string {
	what := "corrupt gzip data"
	switch {
	case e.Truncated():
		what = "truncated gzip: the data end early"
	case errors.Is(e.Err, gzip.ErrHeader):
		what = "corrupt gzip: invalid header"
	case errors.Is(e.Err, gzip.ErrChecksum):
		what = "corrupt gzip: checksum mismatch"
	}
	return fmt.Sprintf("%s after %s of the file (%s of CSV read)", what, bytesText(e.At), bytesText(e.Out))
}

// Error formats the error as file: problem.
func (e *CompressedError) Error() string { return e.File + ": " + e.Problem() }

// Unwrap returns the decompressor's error.
func (e *CompressedError) Unwrap() error { return e.Err }

func bytesText(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// isCorrupt reports whether err, from a decompressor, means its input is
// truncated or corrupt (rather than unreadable).
func isCorrupt(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.As(err, &ce)
}

// gzipInput decompresses a gzip input and turns a truncated or corrupt
// stream into a *CompressedError saying how far it got.
type gzipInput struct {
	file string
	zr   *gzip.Reader
	raw  *countingReader // the compressed bytes read from the file
	buf  *bufio.Reader   // between raw and zr: what it holds is not read yet
	out  int64
}

// openGzip starts decompressing br, whose bytes come from raw.
func openGzip(file string, raw *countingReader, br *bufio.Reader) (*gzipInput, error) {
	g := &gzipInput{file: file, raw: raw, buf: br}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, g.wrap(err)
	}
	g.zr = zr
	return g, nil
}

// Read reads decompressed bytes.
func (g *gzipInput) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	g.out += int64(n)
	if err != nil && err != io.EOF {
		err = g.wrap(err)
	}
	return n, err
}

// Close closes the decompressor.
func (g *gzipInput) Close() error { return g.zr.Close() }

func (g *gzipInput) wrap(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // the header itself is cut short
	}
	if !isCorrupt(err) {
		return fmt.Errorf("%s: %w", g.file, err)
	}
	return &CompressedError{File: g.file, At: g.raw.n - int64(g.buf.Buffered()), Out: g.out, Err: err}
}
