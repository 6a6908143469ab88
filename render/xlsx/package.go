package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"time"

	"github.com/xuri/excelize/v2"
)

// corePart is the zip entry of the document's core properties.
const corePart = "docProps/core.xml"

// epochTime is Epoch as a time: the date of every zip entry, whose MS-DOS
// date field cannot hold the zero time (excelize leaves it 1980-00-00,
// which is no date).
var epochTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// coreProps are the document properties written in docProps/core.xml.
type coreProps struct {
	Title, Subject, Creator, Keywords, Description, Language string
}

// coreXML writes p the way Office does: the core-properties namespace with
// its usual cp: prefix. excelize writes it as the default namespace, which
// is the same XML but which exceljs refuses ("Unexpected xml node …
// keywords") and SheetJS reads without the keywords. Empty properties are
// left out; created and modified are Epoch.
func coreXML(p coreProps) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, v string) {
		if v == "" {
			return
		}
		b.WriteString("<" + name + ">")
		_ = xml.EscapeText(&b, []byte(v)) // a bytes.Buffer does not fail
		b.WriteString("</" + name + ">")
	}
	elem("dc:title", p.Title)
	elem("dc:subject", p.Subject)
	elem("dc:creator", p.Creator)
	elem("cp:keywords", p.Keywords)
	elem("dc:description", p.Description)
	elem("dc:language", p.Language)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + Epoch + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + Epoch + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}

// zipWriter is the excelize.ZipWriter of Write: every entry is compressed
// and dated epochTime, and the core properties part is replaced by core.
type zipWriter struct {
	zw   *zip.Writer
	core []byte
}

// newZipWriter returns the zip writer function for excelize.File.SetZipWriter.
func newZipWriter(core []byte) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter { return &zipWriter{zw: zip.NewWriter(w), core: core} }
}

// Create starts the entry name.
func (z *zipWriter) Create(name string) (io.Writer, error) {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epochTime})
	if err != nil || name != corePart {
		return w, err
	}
	if _, err := w.Write(z.core); err != nil {
		return nil, err
	}
	return io.Discard, nil
}

// AddFS is not used by excelize's writer; it adds the files of fsys.
func (z *zipWriter) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

// Close finishes the zip.
func (z *zipWriter) Close() error { return z.zw.Close() }
