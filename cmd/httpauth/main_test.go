package main

import (
	"bytes"
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
)

// TestUsageListsFlags checks that the usage text of each command documents
// every flag it defines, as --name, and defines every flag it documents.
func TestUsageListsFlags(t *testing.T) {
	type command struct {
		name  string
		fs    *flag.FlagSet
		usage string
	}
	var opts parseOptions
	var header string
	commands := []command{{"parse", newParseFlags(io.Discard, &opts, &header), parseUsage}}
	for _, scheme := range buildSchemes {
		c, ok := newBuildCommand(scheme, io.Discard)
		if !ok {
			t.Fatalf("no build command for %q", scheme)
		}
		commands = append(commands, command{"build " + scheme, c.fs, c.usage})
	}
	for _, c := range commands {
		var defined []string
		c.fs.VisitAll(func(f *flag.Flag) {
			defined = append(defined, f.Name)
			if !strings.Contains(c.usage, "  --"+f.Name+" ") {
				t.Errorf("%s: the usage does not document --%s", c.name, f.Name)
			}
		})
		for _, line := range strings.Split(c.usage, "\n") {
			if name, ok := strings.CutPrefix(line, "  --"); ok {
				name, _, _ = strings.Cut(name, " ")
				if !slices.Contains(defined, name) {
					t.Errorf("%s: the usage documents --%s, which is not a flag", c.name, name)
				}
			}
		}
	}
	if _, ok := newBuildCommand("negotiate", io.Discard); ok {
		t.Error("newBuildCommand(negotiate) succeeded")
	}
}

// TestHelp checks that --help, -h and "help" print the usage on stdout and
// exit 0, for the command and every subcommand.
func TestHelp(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		usage string
	}{
		{"command --help", []string{"--help"}, mainUsage},
		{"command -h", []string{"-h"}, mainUsage},
		{"help", []string{"help"}, mainUsage},
		{"parse --help", []string{"parse", "--help"}, parseUsage},
		{"parse -h after a value", []string{"parse", "Bearer", "-h"}, parseUsage},
		{"help parse", []string{"help", "parse"}, parseUsage},
		{"build --help", []string{"build", "--help"}, buildUsage},
		{"help build", []string{"help", "build"}, buildUsage},
		{"build bearer --help", []string{"build", "bearer", "--help"}, buildBearerUsage},
		{"build DPoP -help", []string{"build", "DPoP", "-help"}, buildDPoPUsage},
		{"build basic -h", []string{"build", "basic", "-h"}, buildBasicUsage},
		{"build digest --help", []string{"build", "digest", "--realm", "x", "--help"}, buildDigestUsage},
		{"demo --help", []string{"demo", "--help"}, demoUsage},
		{"help demo", []string{"help", "demo"}, demoUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if status := run(tt.args, strings.NewReader(""), &stdout, &stderr); status != exitOK {
				t.Errorf("exit %d, want 0", status)
			}
			if stdout.String() != tt.usage {
				t.Errorf("stdout is not the usage:\n%s", stdout.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr: %s", stderr.String())
			}
		})
	}
}

// TestParseFlags checks that flags are taken among the other arguments,
// and that "--" ends them.
func TestParseFlags(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantRest  []string
		wantJSON  bool
		wantFlags bool // whether parsing succeeded
	}{
		{"no arguments", nil, nil, false, true},
		{"flag first", []string{"--json", "a", "b"}, []string{"a", "b"}, true, true},
		{"flag between", []string{"a", "--json", "b"}, []string{"a", "b"}, true, true},
		{"flag last", []string{"a", "b", "-json"}, []string{"a", "b"}, true, true},
		{"-- ends flags", []string{"a", "--", "--json", "-x"}, []string{"a", "--json", "-x"}, false, true},
		{"-- first", []string{"--", "-x"}, []string{"-x"}, false, true},
		{"unknown flag", []string{"a", "--nope"}, nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFlagSet("test", io.Discard)
			json := fs.Bool("json", false, "")
			rest, status, done := parseFlags(fs, "usage\n", tt.args, io.Discard, io.Discard)
			if done == tt.wantFlags {
				t.Fatalf("done = %v, status %d", done, status)
			}
			if done {
				if status != exitUsage {
					t.Errorf("status %d, want %d", status, exitUsage)
				}
				return
			}
			if !slices.Equal(rest, tt.wantRest) || *json != tt.wantJSON {
				t.Errorf("rest %q, json %v; want %q, %v", rest, *json, tt.wantRest, tt.wantJSON)
			}
		})
	}
}
