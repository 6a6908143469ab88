package eventlog

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/journey-cx/journey/journey"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

// Read reads from the underlying reader and counts the bytes.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// input is a text log opened for reading: decompressed, BOM removed.
type input struct {
	name string
	raw  *countingReader // the bytes as given
	gz   bool
	br   *bufio.Reader // decompressed text
	out  int64         // decompressed bytes handed out
}

// openInput opens r: gzip when named so or when it starts with the gzip
// magic; a UTF-8 BOM is dropped, UTF-16 and UTF-32 refused
// (journey.ForeignEncoding).
func openInput(name string, r io.Reader, named bool) (*input, error) {
	in := &input{name: name, raw: &countingReader{r: r}}
	br := bufio.NewReaderSize(in.raw, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF && !(errors.Is(err, io.ErrUnexpectedEOF) && len(magic) > 0) {
		return nil, &Error{File: name, Message: "cannot read: " + err.Error(), Err: err}
	}
	if named || (len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			msg := "not valid gzip data (bad header): " + err.Error()
			if err == io.EOF {
				msg = "empty gzip file"
			} else if errors.Is(err, io.ErrUnexpectedEOF) {
				msg = fmt.Sprintf("truncated gzip header (%d bytes)", in.raw.n)
			}
			return nil, &Error{File: name, Message: msg, Err: err}
		}
		in.gz = true
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	in.br = br
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, in.wrap(err)
	}
	if enc := journey.ForeignEncoding(head); enc != "" {
		return nil, &Error{File: name, Message: "the log is " + enc + " text; save or convert it as UTF-8"}
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return in, nil
}

// Read reads decompressed text; errors are *Error naming the file.
func (in *input) Read(p []byte) (int, error) {
	n, err := in.br.Read(p)
	in.out += int64(n)
	if err != nil && err != io.EOF {
		return n, in.wrap(err)
	}
	return n, err
}

// wrap turns a read error into an *Error saying how far reading got.
func (in *input) wrap(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if in.gz {
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return &Error{File: in.name, Message: fmt.Sprintf("truncated gzip data: the file ends after %d compressed bytes (%d bytes decompressed)", in.raw.n, in.out), Err: err}
		case errors.Is(err, gzip.ErrChecksum):
			return &Error{File: in.name, Message: fmt.Sprintf("corrupt gzip data: checksum mismatch after %d bytes decompressed", in.out), Err: err}
		case errors.Is(err, gzip.ErrHeader):
			return &Error{File: in.name, Message: fmt.Sprintf("corrupt gzip data: bad member header after %d compressed bytes", in.raw.n), Err: err}
		}
		return &Error{File: in.name, Message: fmt.Sprintf("corrupt gzip data after %d compressed bytes (%d bytes decompressed): %v", in.raw.n, in.out, err), Err: err}
	}
	return &Error{File: in.name, Message: fmt.Sprintf("read error after %d bytes: %v", in.raw.n, err), Err: err}
}

// sniff guesses the format from the first bytes: '<' is XES, '{' JSON
// Lines, "PAR1" Parquet, anything else CSV.
func (in *input) sniff() (Format, error) {
	head, err := in.br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return FormatAuto, in.wrap(err)
	}
	if bytes.HasPrefix(head, []byte("PAR1")) {
		return FormatParquet, nil
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(t) > 0 && t[0] == '<':
		return FormatXES, nil
	case len(t) > 0 && t[0] == '{':
		return FormatJSONL, nil
	}
	return FormatCSV, nil
}

// fill reads into buf[off:] until it is full or the input ends; unlike
// io.ReadFull, only a clean io.EOF counts as the end.
func fill(r io.Reader, buf []byte, off int) (n int, eof bool, err error) {
	for off+n < len(buf) {
		m, err := r.Read(buf[off+n:])
		n += m
		if err == io.EOF {
			return n, true, nil
		}
		if err != nil {
			return n, false, err
		}
	}
	return n, false, nil
}

// readerAt returns r as an io.ReaderAt with its size, when it is one.
func readerAt(r io.Reader) (io.ReaderAt, int64, bool) {
	ra, ok := r.(io.ReaderAt)
	if !ok {
		return nil, 0, false
	}
	if v, ok := r.(interface{ Size() int64 }); ok {
		return ra, v.Size(), true
	}
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return ra, fi.Size(), true
		}
	}
	if s, ok := r.(io.Seeker); ok {
		cur, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, 0, false
		}
		end, err := s.Seek(0, io.SeekEnd)
		if err != nil {
			return nil, 0, false
		}
		if _, err := s.Seek(cur, io.SeekStart); err != nil {
			return nil, 0, false
		}
		return ra, end, true
	}
	return nil, 0, false
}
