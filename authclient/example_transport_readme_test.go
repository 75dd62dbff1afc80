package authclient_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeTransportSnippet checks that the first Go snippet of the
// README's section on authclient.Transport is, line for line, the body of
// ExampleTransport (indented by one tab), so that the README shows code
// that compiles and runs.
func TestReadmeTransportSnippet(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("example_transport_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Answering challenges (authclient.Transport)\n")
	if !ok {
		t.Fatal("README has no section on authclient.Transport")
	}
	_, snippet, ok := strings.Cut(section, "```go\n")
	if !ok {
		t.Fatal("the section has no Go snippet")
	}
	snippet, _, _ = strings.Cut(snippet, "```")
	var indented strings.Builder
	for _, line := range strings.SplitAfter(snippet, "\n") {
		if line != "" {
			indented.WriteString("\t" + line)
		}
	}
	if !strings.Contains(string(example), indented.String()) {
		t.Errorf("ExampleTransport does not contain the README's snippet:\n%s", indented.String())
	}
}
