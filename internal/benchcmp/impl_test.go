package benchcmp

import (
	"fmt"
	"slices"
	"sort"
	"testing"
)

// impl is one parser under comparison.
type impl struct {
	name string
	// call says what one measured iteration of BenchmarkParse executes for
	// this implementation, and what was built outside the timed loop.
	call string
	// applies reports whether the implementation is meant for the input:
	// the challenge-only peers are not run on Authorization values, and
	// Request.BasicAuth only on Basic credentials.
	applies func(in *input) bool
	// parse runs the implementation once and normalizes what it returned.
	parse func(in *input) (result, error)
	// bench does the setup, then runs the measured call in b.Loop.
	bench func(b *testing.B, in *input)
}

// result is an implementation's output converted to the shared shape.
type result struct {
	chals []chal
	// unordered: the implementation returns params in a Go map, so their
	// order is not observable and is not judged.
	unordered bool
	// note is an extra detail for the report (e.g. the decoded user).
	note string
}

// implOrder fixes the column order of every report.
var implOrder = []string{"ours", "docker", "containerd", "mcp-sdk", "josegomezr", "nethttp"}

var registry []*impl

func register(im *impl) { registry = append(registry, im) }

// impls returns the registered implementations in implOrder. "ours" is
// missing when ours_test.go is moved aside.
func impls() []*impl {
	out := slices.Clone(registry)
	sort.SliceStable(out, func(i, j int) bool {
		return slices.Index(implOrder, out[i].name) < slices.Index(implOrder, out[j].name)
	})
	return out
}

func challengesOnly(in *input) bool { return in.field == wwwAuthenticate }
func always(*input) bool            { return true }

// mapParams turns a peer's map into params sorted by name, so reports are
// stable; such a result is marked unordered and judged as a set.
func mapParams(m map[string]string, skip string) []param {
	var ps []param
	for k, v := range m {
		if k == skip {
			continue
		}
		ps = append(ps, param{k, v})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	return ps
}

// safeParse runs im.parse and turns a panic into an error.
func safeParse(im *impl, in *input) (res result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return im.parse(in)
}
