// Command journey-xlsx reads and writes the Excel workbooks of journey.
// journey runs it, with requests in JSON on standard input (package
// internal/xlsxhelper):
//
//	journey render MAP -o map.xlsx   runs   journey-xlsx write < request > map.xlsx
//	journey import xlsx FILE.xlsx    runs   journey-xlsx import --request < request > result
//
// By hand, `journey-xlsx import FILE.xlsx` (or - for standard input) reads a
// workbook written by journey render back into a map: the map on standard
// output, what could not be carried over on standard error. `journey import
// xlsx` does the same, checks the result and can merge it into the map the
// workbook was rendered from. -V prints the version and the request
// protocol, which journey checks before it runs the helper.
//
// It is a separate program because the workbook library it links
// (github.com/xuri/excelize) costs every process that links it a few
// milliseconds of package initialisation; journey itself stays light and
// runs this helper only when a workbook is read or written. Exit status: 0
// on success, 1 when the input has problems (a map that does not load, a
// workbook that cannot be read), 2 when it could not run (bad arguments, a
// request of another release, a failed write).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/journey-cx/journey/internal/helperbin"
	"github.com/journey-cx/journey/internal/xlsxhelper"
	"github.com/journey-cx/journey/journey"
	"github.com/journey-cx/journey/journey/format"
	"github.com/journey-cx/journey/journey/importer"
	"github.com/journey-cx/journey/journey/importer/xlsx"
	rxlsx "github.com/journey-cx/journey/render/xlsx"
)

// version is stamped by the release build; empty, it comes from the
// module's build information (helperbin.BuildVersion), as journey's does.
var version string

const usageText = `usage: journey-xlsx import FILE.xlsx|- > map.journey.yaml
       journey-xlsx write < request.json > map.xlsx                (what journey render runs)
       journey-xlsx import --request < request.json > result.json  (what journey import xlsx runs)
       journey-xlsx -V
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its streams as parameters.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return xlsxhelper.ExitFailure
	}
	switch args[0] {
	case "write":
		return writeCmd(args[1:], stdin, stdout, stderr)
	case "import":
		return importCmd(args[1:], stdin, stdout, stderr)
	case "-V", "-version", "--version", "version":
		// The handshake: journey runs only a helper of its own version and
		// protocol (helperbin.Handshake reads this line).
		fmt.Fprintln(stdout, helperbin.VersionLine(xlsxhelper.Name, helperbin.BuildVersion(version), xlsxhelper.Protocol, ""))
		return 0
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usageText)
		return 0
	}
	fmt.Fprintf(stderr, "journey-xlsx: unknown command %q\n%s", args[0], usageText)
	return xlsxhelper.ExitFailure
}

func failf(stderr io.Writer, code int, format string, args ...any) int {
	fmt.Fprintf(stderr, "journey-xlsx: "+format+"\n", args...)
	return code
}

// writeCmd writes the workbook of the request on standard input.
func writeCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		return failf(stderr, xlsxhelper.ExitFailure, "write takes no arguments: the request comes on standard input\n%s", usageText)
	}
	req, err := xlsxhelper.ReadWriteRequest(stdin)
	if err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "%v", err)
	}
	in, diags := req.Input()
	if in == nil {
		for _, d := range diags {
			fmt.Fprintln(stderr, d.String())
		}
		return failf(stderr, xlsxhelper.ExitProblems, "the map %s does not load: no workbook written", req.Map.File)
	}
	bw := bufio.NewWriterSize(stdout, 256<<10)
	if err := rxlsx.Write(bw, in); err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "%v", err)
	}
	if err := bw.Flush(); err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "writing the workbook: %v", err)
	}
	return 0
}

// maxWorkbook is the largest workbook import reads from a file.
const maxWorkbook = 64 << 20

// importCmd reads a workbook back into a map.
func importCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("journey-xlsx import", flag.ContinueOnError)
	fset.SetOutput(stderr)
	request := fset.Bool("request", false, "read a request (JSON) on standard input and answer in JSON, as journey import xlsx does")
	if err := fset.Parse(args); err != nil {
		return xlsxhelper.ExitFailure
	}
	if *request {
		if fset.NArg() > 0 {
			return failf(stderr, xlsxhelper.ExitFailure, "import --request takes no file: the workbook is in the request")
		}
		return importRequest(stdin, stdout, stderr)
	}
	if fset.NArg() != 1 {
		return failf(stderr, xlsxhelper.ExitFailure, "import takes one workbook (- for standard input), got %d arguments\n%s", fset.NArg(), usageText)
	}
	return importFile(fset.Arg(0), stdin, stdout, stderr)
}

// importRequest answers the import request on stdin, in JSON, as journey
// import xlsx asks.
func importRequest(stdin io.Reader, stdout, stderr io.Writer) int {
	req, err := xlsxhelper.ReadImportRequest(stdin)
	if err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "%v", err)
	}
	res, err := importWorkbook(req)
	if err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "%v", err)
	}
	if err := xlsxhelper.WriteResult(stdout, res); err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "writing the result: %v", err)
	}
	if res.Diagnostics.HasErrors() {
		return xlsxhelper.ExitProblems
	}
	return 0
}

// importFile reads the workbook file (- for stdin) by hand: the map on
// stdout, the notes or the errors on stderr.
func importFile(file string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, data, code := readWorkbook(file, stdin, stderr)
	if data == nil {
		return code
	}
	res, err := importWorkbook(&xlsxhelper.ImportRequest{Protocol: xlsxhelper.Protocol, File: name, Workbook: data})
	if err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "%v", err)
	}
	if res.Diagnostics.HasErrors() {
		for _, d := range res.Diagnostics {
			fmt.Fprintf(stderr, "%s: %s: %s\n", d.Location(), d.Severity, d.Message)
		}
		e, _, _ := res.Diagnostics.Counts()
		return failf(stderr, xlsxhelper.ExitProblems, "%d error(s): no map written", e)
	}
	for _, n := range res.Notes {
		loc := name
		if n.Line > 0 {
			loc = fmt.Sprintf("%s:%d", name, n.Line)
		}
		fmt.Fprintf(stderr, "%s: note: %s\n", loc, n.Message)
	}
	if _, err := io.WriteString(stdout, res.Map); err != nil {
		return failf(stderr, xlsxhelper.ExitFailure, "writing the map: %v", err)
	}
	return 0
}

// readWorkbook reads file, or stdin for -, and returns its name in
// messages and its bytes; data is nil when it can't be read, and code is
// then the exit code (the error said on stderr).
func readWorkbook(file string, stdin io.Reader, stderr io.Writer) (name string, data []byte, code int) {
	name = file
	var err error
	if file == "-" {
		name = "<stdin>"
		data, err = journey.ReadLimited(stdin, maxWorkbook)
	} else {
		var fh *os.File
		if fh, err = os.Open(file); err == nil {
			data, err = journey.ReadLimited(fh, maxWorkbook)
			fh.Close()
		}
	}
	switch {
	case errors.Is(err, journey.ErrTooLarge):
		return name, nil, failf(stderr, xlsxhelper.ExitFailure, "%s is over the %s size limit", name, journey.FormatSize(maxWorkbook))
	case errors.Is(err, fs.ErrNotExist):
		return name, nil, failf(stderr, xlsxhelper.ExitFailure, "no such file: %s", name)
	case err != nil:
		return name, nil, failf(stderr, xlsxhelper.ExitFailure, "can't read %s: %v", name, err)
	}
	if data == nil {
		data = []byte{} // an empty file is read, and is not a workbook
	}
	return name, data, 0
}

// importWorkbook reads the request's workbook into a map: written over the
// base's text when there is a base (its stages and touchpoints replaced,
// the rest and the comments kept), else in the canonical layout.
func importWorkbook(req *xlsxhelper.ImportRequest) (*xlsxhelper.ImportResult, error) {
	var base *journey.Map
	if req.Base != nil {
		m, diags := req.Base.Load()
		if m == nil || diags.HasErrors() {
			return &xlsxhelper.ImportResult{Diagnostics: diags}, nil
		}
		base = m
	}
	m, notes, diags := xlsx.Import(req.Workbook, xlsx.Options{File: req.File, Base: base})
	if diags.HasErrors() {
		return &xlsxhelper.ImportResult{Diagnostics: diags}, nil
	}
	var out []byte
	var err error
	if base != nil {
		var lost []string
		out, lost, err = importer.WriteOver([]byte(req.Base.Source), base, m)
		if err != nil {
			return nil, fmt.Errorf("can't merge into %s: %w", req.Base.File, err)
		}
		for _, id := range lost {
			notes = append(notes, importer.Note{Message: fmt.Sprintf("touchpoint %q changed, and some comments inside its changed fields are not carried over", id)})
		}
	} else if out, err = format.Map(m); err != nil {
		return nil, fmt.Errorf("internal error: can't write the map: %w", err)
	}
	return &xlsxhelper.ImportResult{Map: string(out), Notes: notes, Diagnostics: diags}, nil
}
