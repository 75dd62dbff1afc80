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

// TestMainUsageListsFlags checks that the list of each command's flags in
// the main usage holds every flag the command defines, and no other.
func TestMainUsageListsFlags(t *testing.T) {
	_, section, ok := strings.Cut(mainUsage, "\nFlags of each command")
	if !ok {
		t.Fatal("the main usage has no list of flags")
	}
	section, _, _ = strings.Cut(section, "\nA flag may come")
	listed := map[string][]string{} // command: flags, as "--name"
	var cmd string
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "  ") {
			if cmd != "" {
				t.Fatalf("unexpected line %q in the list of flags", line)
			}
			continue // the heading
		}
		if line[2] != ' ' {
			name, _, _ := strings.Cut(line[2:], "  ")
			cmd = name
			listed[cmd] = nil
		}
		for _, w := range strings.Fields(line) {
			if strings.HasPrefix(w, "--") {
				listed[cmd] = append(listed[cmd], w)
			}
		}
	}
	var opts parseOptions
	var header string
	defined := map[string]*flag.FlagSet{
		"parse": newParseFlags(io.Discard, &opts, &header),
		"demo":  newFlagSet("demo", io.Discard),
	}
	for _, scheme := range buildSchemes {
		c, _ := newBuildCommand(scheme, io.Discard)
		defined["build "+scheme] = c.fs
	}
	for name, fs := range defined {
		var want []string
		fs.VisitAll(func(f *flag.Flag) { want = append(want, "--"+f.Name) })
		got, ok := listed[name]
		if !ok {
			t.Errorf("the main usage does not list the flags of %s", name)
			continue
		}
		slices.Sort(got)
		if !slices.Equal(got, want) { // VisitAll is in lexical order
			t.Errorf("the main usage lists %q for %s, want %q", got, name, want)
		}
	}
	for name := range listed {
		if defined[name] == nil {
			t.Errorf("the main usage lists flags of %q, which is no command", name)
		}
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
		{"help build bearer", []string{"help", "build", "bearer"}, buildBearerUsage},
		{"help build digest", []string{"help", "build", "digest"}, buildDigestUsage},
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
