package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse runs "httpauth parse" on arbitrary input on stdin, for every
// kind of field and mode, and checks that it exits 0 or 1 (2 for input of
// empty lines only, a usage error), never writes a
// byte a terminal would act on, ends each output with a newline, and
// writes valid JSON with --json. The corpus is the input of the
// golden scripts.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(cliDir, "parse-*.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range files {
		for _, s := range readScripts(f, path) {
			if s.stdin != "" {
				f.Add(s.stdin, uint8(0))
			}
			// The arguments that are values, as field lines of each kind.
			for _, a := range s.args[1:] {
				if !strings.HasPrefix(a, "-") {
					for i, fl := range fields {
						f.Add(fl.name+": "+a+"\n", uint8(i))
					}
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, input string, mode uint8) {
		field := fields[int(mode)%len(fields)]
		args := []string{"parse", "--header", field.name}
		if mode&0x08 != 0 {
			args = append(args, "--lenient")
		}
		if mode&0x10 != 0 {
			args = append(args, "--json")
		}
		if mode&0x20 != 0 {
			args = append(args, "--show-secrets")
		}
		var stdout, stderr bytes.Buffer
		status := run(args, strings.NewReader(input), &stdout, &stderr)
		empty := true // every line is empty once its line end is gone
		for _, l := range strings.Split(input, "\n") {
			empty = empty && strings.TrimSuffix(l, "\r") == ""
		}
		if status != exitOK && status != exitFailed && !(status == exitUsage && empty) {
			t.Fatalf("%q: exit %d\n%s", args, status, stderr.String())
		}
		for _, out := range []string{stdout.String(), stderr.String()} {
			if i := controlByte(out); i >= 0 {
				t.Fatalf("%q: output holds the control byte %#x:\n%q", args, out[i], out)
			}
			if out != "" && !strings.HasSuffix(out, "\n") {
				t.Fatalf("%q: output does not end in a newline:\n%q", args, out)
			}
		}
		if mode&0x10 != 0 && stdout.Len() > 0 && !json.Valid(stdout.Bytes()) {
			t.Fatalf("%q: invalid JSON:\n%s", args, stdout.String())
		}
	})
}
