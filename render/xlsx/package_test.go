package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/journey-cx/journey/internal/maptest"
	"github.com/journey-cx/journey/render"
)

// TestZipEntries checks every part of every workbook is dated Epoch (a real
// MS-DOS date, not excelize's 1980-00-00) and compressed.
func TestZipEntries(t *testing.T) {
	t.Parallel()
	for _, fx := range maptest.Fixtures {
		data := write(t, &render.Input{Map: maptest.Load(t, fx.Path)})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if zf.ModifiedDate != 0x2821 || zf.ModifiedTime != 0 { // 2000-01-01 00:00 in MS-DOS form
				t.Errorf("%s: %s dated %#x %#x (MS-DOS date, time), want 2000-01-01 00:00", fx.Name, zf.Name, zf.ModifiedDate, zf.ModifiedTime)
			}
			if !zf.Modified.Equal(epochTime) {
				t.Errorf("%s: %s modified %v, want %v", fx.Name, zf.Name, zf.Modified, epochTime)
			}
			if zf.Method != zip.Deflate {
				t.Errorf("%s: %s stored with method %d", fx.Name, zf.Name, zf.Method)
			}
		}
	}
}

// TestCoreProperties checks docProps/core.xml is written with the prefixes
// Office uses (cp:coreProperties, cp:keywords), which exceljs requires, and
// that its text is escaped XML that reads back as the map's.
func TestCoreProperties(t *testing.T) {
	t.Parallel()
	for _, fx := range maptest.Fixtures {
		m := maptest.Load(t, fx.Path)
		data := write(t, &render.Input{Map: m})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		f, err := zr.Open(corePart)
		if err != nil {
			t.Fatal(err)
		}
		core, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(core)
		if !strings.Contains(s, "<cp:coreProperties xmlns:cp=") || len(m.Tags) > 0 && !strings.Contains(s, "<cp:keywords>") {
			t.Errorf("%s: core properties without the cp: prefix:\n%s", fx.Name, s)
		}
		var got struct {
			Title    string `xml:"http://purl.org/dc/elements/1.1/ title"`
			Subject  string `xml:"http://purl.org/dc/elements/1.1/ subject"`
			Keywords string `xml:"http://schemas.openxmlformats.org/package/2006/metadata/core-properties keywords"`
			Language string `xml:"http://purl.org/dc/elements/1.1/ language"`
			Created  string `xml:"http://purl.org/dc/terms/ created"`
		}
		if err := xml.Unmarshal(core, &got); err != nil {
			t.Fatalf("%s: %v\n%s", fx.Name, err, s)
		}
		if got.Title != clip(m.Title, 1000) || got.Subject != m.ID || got.Keywords != clip(strings.Join(m.Tags, ", "), 1000) ||
			got.Language != m.Locale || got.Created != Epoch {
			t.Errorf("%s: core properties read back as %+v", fx.Name, got)
		}
	}
}
