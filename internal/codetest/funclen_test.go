package codetest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// MaxLines is the most lines a function may have without a reason.
const MaxLines = 80

// marker is what a long function's doc comment says (any case).
const marker = "long because"

// longFunc is a function over MaxLines lines without the marker.
type longFunc struct {
	file  string // slash-separated, relative to the module root
	line  int
	name  string
	lines int
}

func (f longFunc) String() string {
	return fmt.Sprintf("%s:%d: %s is %d lines", f.file, f.line, f.name, f.lines)
}

// TestFunctionLength fails for every function over MaxLines lines whose
// doc comment does not contain the marker.
func TestFunctionLength(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := goFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no Go files under %s", root)
	}
	var long []longFunc
	for _, path := range files {
		found, err := longFuncs(root, path)
		if err != nil {
			t.Error(err)
			continue
		}
		long = append(long, found...)
	}
	if len(long) == 0 {
		return
	}
	var b strings.Builder
	for _, f := range long {
		b.WriteString("\n\t" + f.String())
	}
	t.Errorf("%d functions are over %d lines; split them, or say why in their doc comment with %q:%s",
		len(long), MaxLines, marker, b.String())
}

// moduleRoot finds the folder of go.mod, from the test's folder up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// goFiles lists the non-test .go files under root, sorted, skipping
// testdata, vendor and hidden folders.
func goFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// longFuncs parses one file and returns its functions over MaxLines
// lines whose doc comment lacks the marker; a generated file has none.
func longFuncs(root, path string) ([]longFunc, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	if ast.IsGenerated(f) {
		return nil, nil
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return nil, err
	}
	var out []longFunc
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		start, end := fset.Position(fn.Pos()), fset.Position(fn.End())
		lines := end.Line - start.Line + 1
		if lines <= MaxLines || fn.Doc != nil && strings.Contains(strings.ToLower(fn.Doc.Text()), marker) {
			continue
		}
		out = append(out, longFunc{file: filepath.ToSlash(rel), line: start.Line, name: funcName(fn), lines: lines})
	}
	return out, nil
}

// funcName is a function's name, or Type.Method for a method.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.Ident:
			return x.Name + "." + fn.Name.Name
		}
		return fn.Name.Name
	}
}
