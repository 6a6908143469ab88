package draw

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// encodePNG writes an opaque RGBA image as an 8-bit RGB PNG, compressing
// bands of rows on every core at once. The standard library's encoder
// compresses one row after the other on one core (and tries five filters
// per row); here each band is filtered (Sub or Up, whichever leaves the
// smaller sum, per row) and deflated on its own, ending with a sync flush
// so the bands join into the one zlib stream PNG wants. Any PNG reader
// reads the result: the chunks, CRCs and the stream's Adler-32 are the
// format's.
func encodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per channel, truecolour
	writeChunk(bw, "IHDR", ihdr[:])

	bands := bandsOf(height)
	out := make([]bandResult, len(bands))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, band := range bands {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			out[i] = encodeBand(img, band[0], band[1], i == len(bands)-1)
			<-sem
		}()
	}
	wg.Wait()
	// One zlib stream across the IDAT chunks: header, the bands' deflate
	// data in order, then the Adler-32 of everything filtered.
	var stream bytes.Buffer
	stream.Write([]byte{0x78, 0x01})
	sum := uint32(1)
	for _, r := range out {
		if r.err != nil {
			return r.err
		}
		sum = adler32Combine(sum, r.adler, r.raw)
		for len(r.deflated) > 0 {
			n := min(len(r.deflated), 1<<20-stream.Len())
			stream.Write(r.deflated[:n])
			r.deflated = r.deflated[n:]
			if stream.Len() >= 1<<20 {
				writeChunk(bw, "IDAT", stream.Bytes())
				stream.Reset()
			}
		}
	}
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], sum)
	stream.Write(tail[:])
	writeChunk(bw, "IDAT", stream.Bytes())
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// bandResult is one band of rows, filtered and deflated.
type bandResult struct {
	deflated []byte
	adler    uint32 // of the filtered bytes
	raw      int64  // how many filtered bytes
	err      error
}

// pngBandRows is how many rows a band holds at least: enough for deflate to
// find its matches, few enough to share the work.
const pngBandRows = 64

// bandsOf cuts height rows into bands, [from, to) each.
func bandsOf(height int) [][2]int {
	n := max(1, min(height/pngBandRows, 4*runtime.GOMAXPROCS(0)))
	var out [][2]int
	for i := range n {
		out = append(out, [2]int{height * i / n, height * (i + 1) / n})
	}
	return out
}

// encodeBand filters rows [y0, y1) of img and deflates them; the last band
// closes the deflate stream, the others end with a sync flush.
func encodeBand(img *image.RGBA, y0, y1 int, last bool) bandResult {
	b := img.Bounds()
	width := b.Dx()
	stride := 3 * width
	prev := make([]byte, stride)
	cur := make([]byte, stride)
	sub := make([]byte, 1+stride)
	up := make([]byte, 1+stride)
	if y0 > 0 {
		rgbRow(img, b.Min.Y+y0-1, prev)
	}
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return bandResult{err: err}
	}
	h := adler32.New()
	var raw int64
	for y := y0; y < y1; y++ {
		rgbRow(img, b.Min.Y+y, cur)
		sub[0], up[0] = 1, 2
		var sSub, sUp int
		for i := range stride {
			var left byte
			if i >= 3 {
				left = cur[i-3]
			}
			sub[1+i] = cur[i] - left
			up[1+i] = cur[i] - prev[i]
			sSub += absByte(sub[1+i])
			sUp += absByte(up[1+i])
		}
		row := up
		if sSub < sUp {
			row = sub
		}
		fw.Write(row)
		h.Write(row)
		raw += int64(len(row))
		prev, cur = cur, prev
	}
	if last {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	return bandResult{deflated: buf.Bytes(), adler: h.Sum32(), raw: raw, err: err}
}

// rgbRow copies row y of img into dst as RGB.
func rgbRow(img *image.RGBA, y int, dst []byte) {
	b := img.Bounds()
	src := img.Pix[img.PixOffset(b.Min.X, y):]
	for x := range b.Dx() {
		copy(dst[3*x:3*x+3], src[4*x:4*x+3])
	}
}

// absByte is a filtered byte's distance from zero, as a signed byte: the
// filter heuristic PNG encoders use.
func absByte(v byte) int {
	if v < 128 {
		return int(v)
	}
	return 256 - int(v)
}

// adler32Combine returns the Adler-32 of a||b from the checksums of a and b
// and b's length, as zlib's adler32_combine does.
func adler32Combine(a, b uint32, lenB int64) uint32 {
	const mod = 65521
	rem := uint32(lenB % mod)
	s1 := a & 0xffff
	s2 := (rem * s1) % mod
	s1 += (b & 0xffff) + mod - 1
	s2 += (a >> 16) + (b >> 16) + mod - rem
	if s1 >= mod {
		s1 -= mod
	}
	if s1 >= mod {
		s1 -= mod
	}
	if s2 >= 2*mod {
		s2 -= 2 * mod
	}
	if s2 >= mod {
		s2 -= mod
	}
	return s2<<16 | s1
}

// writeChunk writes one PNG chunk: length, type, data and CRC.
func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	io.WriteString(crc, typ)
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
