package eventlog

import (
	"context"
	"io"
)

type parquetReader struct {
	name string
	opt  *Options
	tp   *timeParser
	st   *Stats
}

func (p *parquetReader) read(ctx context.Context, ra io.ReaderAt, size int64, fn func([]Event) error) error {
	return nil
}
