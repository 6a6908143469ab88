package eventlog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// parquetReader reads the mapped columns of a Parquet file.
type parquetReader struct {
	name string
	opt  *Options
	tp   *timeParser
	st   *Stats
}

// pqKind is how a column's values are read.
type pqKind int

const (
	pqText     pqKind = iota // BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY
	pqInt                    // INT32 / INT64, as decimal text
	pqOther                  // BOOLEAN, FLOAT, DOUBLE as text (attributes only)
	pqTimeUnit               // INT64 TIMESTAMP: ns per unit in pqCol.unit
	pqUnix                   // INT64 or DOUBLE without a logical type: Unix time by magnitude
	pqDate                   // INT32 DATE: days
	pqInt96                  // INT96 (Impala/Spark) timestamps
	pqTimeText               // a timestamp as text
)

// pqCol is one column read.
type pqCol struct {
	name  string
	index int
	kind  pqKind
	unit  int64
	vals  []parquet.Value
	pages parquet.Pages
	vr    parquet.ValueReader
}

func (p *parquetReader) err(msg string, err error) error {
	return &Error{File: p.name, Message: msg, Err: err}
}

// read reads the mapped columns row group by row group into events. It is
// long because opening the file, matching and type-checking the columns and
// the row loop share the column readers and their error handling.
func (p *parquetReader) read(ctx context.Context, ra io.ReaderAt, size int64, fn func([]Event) error) (err error) {
	p.st.Bytes = size
	defer func() {
		if r := recover(); r != nil {
			// parquet-go panics on some corrupt files: report it as bad data.
			err = p.err(fmt.Sprintf("corrupt Parquet file: %v", r), nil)
		}
	}()
	f, err := parquet.OpenFile(ra, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return p.err("not a readable Parquet file: "+err.Error(), err)
	}
	schema := f.Schema()
	paths := schema.Columns()
	header := make([]string, len(paths))
	for i, path := range paths {
		header[i] = strings.Join(path, ".")
	}
	p.st.Columns = header
	m, warnings, err := mapColumns(p.name, header, p.opt.Columns, "column")
	p.st.Warnings = append(p.st.Warnings, warnings...)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Line = 0
		}
		return err
	}
	// The columns to read: the fields', then the attributes'.
	var cols []*pqCol
	slot := map[int]int{} // header index -> cols index
	use := func(i int, field int) (int, error) {
		if k, ok := slot[i]; ok {
			return k, nil
		}
		leaf, ok := schema.Lookup(paths[i]...)
		if !ok {
			return 0, p.err(fmt.Sprintf("column %q is not in the schema", header[i]), nil)
		}
		if leaf.MaxRepetitionLevel > 0 {
			return 0, p.err(fmt.Sprintf("column %q is repeated (a list): want one value per row", header[i]), nil)
		}
		c := &pqCol{name: header[i], index: leaf.ColumnIndex}
		if err := c.setKind(leaf.Node.Type(), field); err != nil {
			return 0, p.err(err.Error(), nil)
		}
		slot[i] = len(cols)
		cols = append(cols, c)
		return len(cols) - 1, nil
	}
	var fieldCol [nFields]int
	for fi := range nFields {
		fieldCol[fi] = -1
		if i := m.idx[fi]; i >= 0 {
			k, err := use(i, fi)
			if err != nil {
				return err
			}
			fieldCol[fi] = k
		}
	}
	attrCol := make([]int, len(m.attrs))
	for j, i := range m.attrs {
		k, err := use(i, -1)
		if err != nil {
			return err
		}
		attrCol[j] = k
	}
	c := newConv(p.opt, p.tp, m.names, m.attrNames)
	c.events = make([]Event, 0, batchSize)
	var vals [nFields][]byte
	attrs := make([][]byte, len(m.attrs))
	var scratch []byte
	var row int64
	flush := func() error {
		p.st.Rows, p.st.Skipped, p.st.BadCount, p.st.Bad = c.rows, c.skipped, c.badCount, c.bad
		if p.opt.Strict && c.badCount > 0 {
			return strictError(p.name, c.bad[0])
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(c.events) == 0 {
			return nil
		}
		p.st.Events += int64(len(c.events))
		err := fn(c.events)
		c.events = c.events[:0]
		return err
	}
	for _, rg := range f.RowGroups() {
		chunks := rg.ColumnChunks()
		for _, col := range cols {
			col.pages = chunks[col.index].Pages()
			col.vr = nil
		}
		left := rg.NumRows()
		for left > 0 {
			k := int(min(left, batchSize))
			for _, col := range cols {
				if err := col.read(k); err != nil {
					closeAll(cols)
					return p.err(fmt.Sprintf("column %q, row group near row %d: %v", col.name, row+1, err), err)
				}
			}
			for r := range k {
				row++
				scratch = scratch[:0]
				have, ts, reason := false, int64(0), ""
				for fi := range nFields {
					vals[fi] = nil
					if ci := fieldCol[fi]; ci >= 0 {
						col := cols[ci]
						v := col.vals[r]
						if fi == fTime && col.kind != pqTimeText {
							have = true
							ts, reason = col.time(v)
							continue
						}
						s := len(scratch)
						scratch = col.text(scratch, v)
						vals[fi] = scratch[s:len(scratch):len(scratch)]
					}
				}
				for j, ci := range attrCol {
					s := len(scratch)
					scratch = cols[ci].text(scratch, cols[ci].vals[r])
					attrs[j] = scratch[s:len(scratch):len(scratch)]
				}
				c.addTime(&vals, attrs, row, have, ts, reason)
			}
			left -= int64(k)
			if err := flush(); err != nil {
				closeAll(cols)
				return err
			}
		}
		closeAll(cols)
	}
	if err := flush(); err != nil {
		return err
	}
	if c.rows == 0 {
		return p.err("empty log: no rows", nil)
	}
	return nil
}

func closeAll(cols []*pqCol) {
	for _, c := range cols {
		if c.pages != nil {
			c.pages.Close()
			c.pages = nil
		}
	}
}

// setKind decides how to read a column of type t for field (-1: an attribute).
func (c *pqCol) setKind(t parquet.Type, field int) error {
	kind := t.Kind()
	var lt format.LogicalTypeValue
	if l := t.LogicalType(); l != nil {
		lt = l.Value
	}
	var ct deprecated.ConvertedType = -1
	if p := t.ConvertedType(); p != nil {
		ct = *p
	}
	if field == fTime {
		switch {
		case kind == parquet.Int64:
			c.kind = pqUnix
			if ts, ok := lt.(*format.TimestampType); ok {
				c.kind, c.unit = pqTimeUnit, int64(ts.Unit.Value.Duration())
			} else if ct == deprecated.TimestampMillis {
				c.kind, c.unit = pqTimeUnit, 1e6
			} else if ct == deprecated.TimestampMicros {
				c.kind, c.unit = pqTimeUnit, 1e3
			}
			return nil
		case kind == parquet.Int32:
			if _, ok := lt.(*format.DateType); ok || ct == deprecated.Date {
				c.kind = pqDate
				return nil
			}
		case kind == parquet.Int96:
			c.kind = pqInt96
			return nil
		case kind == parquet.Double:
			c.kind = pqUnix
			return nil
		case kind == parquet.ByteArray || kind == parquet.FixedLenByteArray:
			c.kind = pqTimeText
			return nil
		}
		return fmt.Errorf("column %q (timestamp) has type %s: want INT64 (TIMESTAMP or Unix time), INT32 DATE, INT96 or a string", c.name, t)
	}
	switch kind {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		c.kind = pqText
	case parquet.Int32, parquet.Int64:
		c.kind = pqInt
	default:
		if field == fCase || field == fActivity {
			return fmt.Errorf("column %q (%s) has type %s: want a string or an integer", c.name, fieldNames[field], t)
		}
		c.kind = pqOther
	}
	return nil
}

// read reads the next k values of the column into c.vals.
func (c *pqCol) read(k int) error {
	if cap(c.vals) < k {
		c.vals = make([]parquet.Value, k)
	}
	c.vals = c.vals[:k]
	got, stuck := 0, 0
	for got < k {
		if c.vr == nil {
			page, err := c.pages.ReadPage()
			if err != nil {
				if errors.Is(err, io.EOF) {
					return fmt.Errorf("%d values missing", k-got)
				}
				return err
			}
			c.vr = page.Values()
		}
		n, err := c.vr.ReadValues(c.vals[got:])
		got += n
		if n == 0 && err == nil {
			if stuck++; stuck > 8 {
				return errors.New("a page yields no values")
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return err
			}
			c.vr = nil
		}
	}
	return nil
}

// text appends a value as text (nothing for null).
func (c *pqCol) text(b []byte, v parquet.Value) []byte {
	if v.IsNull() {
		return b
	}
	switch c.kind {
	case pqText, pqTimeText:
		return append(b, v.ByteArray()...)
	case pqInt:
		if v.Kind() == parquet.Int32 {
			return strconv.AppendInt(b, int64(v.Int32()), 10)
		}
		return strconv.AppendInt(b, v.Int64(), 10)
	}
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.AppendBool(b, v.Boolean())
	case parquet.Float:
		return strconv.AppendFloat(b, float64(v.Float()), 'g', -1, 32)
	case parquet.Double:
		return strconv.AppendFloat(b, v.Double(), 'g', -1, 64)
	case parquet.Int96:
		return append(b, v.Int96().String()...)
	}
	return append(b, v.String()...)
}

// time converts a timestamp value to Unix nanoseconds.
func (c *pqCol) time(v parquet.Value) (int64, string) {
	if v.IsNull() {
		return 0, reasonNoTime
	}
	switch c.kind {
	case pqTimeUnit:
		return checkNs(v.Int64(), c.unit)
	case pqUnix:
		if v.Kind() == parquet.Double {
			d := v.Double()
			return fromUnit(d, unixUnit(d))
		}
		n := v.Int64()
		return checkNs(n, unixUnit(float64(n)))
	case pqDate:
		return checkNs(int64(v.Int32()), 86400e9)
	case pqInt96:
		i := v.Int96()
		nanos := int64(i[1])<<32 | int64(i[0])
		day := int64(i[2]) - 2440588 // Julian day of 1970-01-01
		return (day*86400e9 + nanos), ""
	}
	return 0, reasonBadTime
}

// checkNs multiplies n by unit unless it overflows.
func checkNs(n, unit int64) (int64, string) {
	if unit > 1 && (n > (1<<63-1)/unit || n < -(1<<63-1)/unit) {
		return 0, reasonRange
	}
	return n * unit, ""
}
