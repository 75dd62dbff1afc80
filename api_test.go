package httpauth_test

// Checks on the module as a whole: the size of the v1 API, that every Go
// block of the README is code a test compiles and runs, and that
// "go test ./... -update" reaches every package.

import (
	"bufio"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// apiExported returns the exported identifiers of the package in dir: its
// top-level names and the methods of its exported types, as "T.M".
func apiExported(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if !d.Name.IsExported() {
						continue
					}
					if d.Recv == nil {
						names = append(names, d.Name.Name)
						continue
					}
					typ := d.Recv.List[0].Type
					if star, ok := typ.(*ast.StarExpr); ok {
						typ = star.X
					}
					if id, ok := typ.(*ast.Ident); ok && id.IsExported() {
						names = append(names, id.Name+"."+d.Name.Name)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							if s.Name.IsExported() {
								names = append(names, s.Name.Name)
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								if n.IsExported() {
									names = append(names, n.Name)
								}
							}
						}
					}
				}
			}
		}
	}
	sort.Strings(names)
	return names
}

// TestAPISize: the root package, wwwauth and authz export at most 130
// identifiers between them (issue 9: a fixed core and few names around
// it); the shared vocabulary is defined in the root package only, and no
// error value in two packages.
func TestAPISize(t *testing.T) {
	const budget = 130
	total := 0
	seen := map[string]string{}
	for _, dir := range []string{".", "wwwauth", "authz"} {
		names := apiExported(t, dir)
		total += len(names)
		t.Logf("%s: %d exported: %s", dir, len(names), strings.Join(names, " "))
		for _, n := range names {
			switch {
			case dir != "." && vocabulary[n]:
				t.Errorf("%s exports %s, which belongs to the root package", dir, n)
			case strings.HasPrefix(n, "Err"):
				if other, ok := seen[n]; ok {
					t.Errorf("%s is exported by both %s and %s", n, other, dir)
				}
				seen[n] = dir
			}
		}
	}
	if total > budget {
		t.Errorf("root, wwwauth and authz export %d identifiers, more than %d", total, budget)
	}
}

// vocabulary is what the root package defines for every package.
var vocabulary = map[string]bool{
	"SyntaxError": true, "Recovery": true, "RecoveryError": true, "FormatError": true, "ParamError": true,
	"ErrTooLarge": true, "ErrDuplicateParam": true, "MaxRecoveries": true,
	"DefaultMaxLength": true, "DefaultMaxParams": true, "DefaultMaxChallenges": true,
	"DecodeExtValue": true, "EncodeExtValue": true,
}

// TestUpdateFlagEverywhere: every package of the module with tests accepts
// -update, so that "go test ./... -update" (the README's command to rewrite
// golden files) runs instead of failing on an unknown flag.
func TestUpdateFlagEverywhere(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != "." && (name == "testdata" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != "." {
			return filepath.SkipDir // a nested module: not part of ./...
		}
		tests, _ := filepath.Glob(filepath.Join(path, "*_test.go"))
		if len(tests) == 0 {
			return nil
		}
		for _, f := range tests {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), `flag.Bool("update"`) {
				return nil
			}
		}
		t.Errorf("package %s has tests but no -update flag: go test ./... -update fails there", path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestREADMECompiled: every Go block of README.md appears verbatim (but
// for a common indentation) in a test file of the module, where the
// compiler checks it and an Example or test runs it.
func TestREADMECompiled(t *testing.T) {
	blocks := readmeGoBlocks(t)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go block")
	}
	var files [][]string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_test.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files = append(files, strings.Split(string(b), "\n"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, block := range blocks {
		found := false
		for _, f := range files {
			if containsBlock(f, block) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README Go block %d is in no test file:\n%s", i+1, strings.Join(block, "\n"))
		}
	}
}

// readmeGoBlocks returns the lines of each ```go block of README.md.
func readmeGoBlocks(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		blocks [][]string
		cur    []string
		in     bool
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && strings.TrimSpace(line) == "```go":
			in, cur = true, nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			blocks = append(blocks, cur)
		case in:
			cur = append(cur, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks
}

// containsBlock reports whether the lines of block stand consecutively in
// file, each indented by the same run of tabs (empty lines match empty).
func containsBlock(file, block []string) bool {
	if len(block) == 0 {
		return true
	}
	for i := 0; i+len(block) <= len(file); i++ {
		first := file[i]
		indent := first[:len(first)-len(strings.TrimLeft(first, "\t"))]
		if strings.TrimLeft(first, "\t") != block[0] {
			continue
		}
		ok := true
		for j, want := range block {
			got := file[i+j]
			if want == "" {
				ok = strings.TrimSpace(got) == ""
			} else {
				ok = got == indent+want
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// TestOneSyntaxError: one errors.As finds the syntax error of every parser
// of the module, and one Parser value serves many goroutines at once
// (run with -race).
func TestOneSyntaxError(t *testing.T) {
	_, e1 := wwwauth.ParseString(`Basic realm="x`)
	_, e2 := authz.ParseString(`Basic a b`)
	_, e3 := wwwauth.ParseInfo([]string{`a=1, a=2`})
	_, _, e4 := wwwauth.Lookup([]string{`Bearer x=@`}, "Bearer", "x")
	_, e5 := authz.ParseLines([]string{"Basic a", "Basic b"})
	for i, err := range []error{e1, e2, e3, e4, e5} {
		var se *httpauth.SyntaxError
		if !errors.As(err, &se) || se.Line < 1 {
			t.Errorf("error %d = %v (%T), not a *httpauth.SyntaxError", i+1, err, err)
		}
	}
	if !errors.Is(e3, httpauth.ErrDuplicateParam) {
		t.Errorf("ParseInfo of a repeated name: %v, want ErrDuplicateParam", e3)
	}
}

func TestParserShared(t *testing.T) {
	var (
		mu    sync.Mutex
		calls int
	)
	count := func([]httpauth.Recovery, int) { mu.Lock(); calls++; mu.Unlock() }
	wp := wwwauth.Parser{Lenient: true, Recovered: count}
	ap := authz.Parser{Lenient: true, Recovered: count}
	resp := &http.Response{StatusCode: 401, Header: http.Header{"Www-Authenticate": {`Bearer, realm=a scope=b`}}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if cs, err := wp.ParseString(`Bearer, realm=a scope=b`); err != nil || len(cs) != 1 {
					t.Errorf("shared wwwauth.Parser: %v, %v", cs, err)
				}
				if c, err := ap.ParseString(`Bearer abc def`); err != nil || c.Token68 != "abc" {
					t.Errorf("shared authz.Parser: %v, %v", c, err)
				}
				if r, err := wp.ParseResponse(resp); err != nil || len(r.Recoveries) == 0 {
					t.Errorf("shared ParseResponse: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	if calls != 3*8*100 {
		t.Errorf("Recovered called %d times, want %d", calls, 3*8*100)
	}
}
