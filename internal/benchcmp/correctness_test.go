package benchcmp

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The judgment rule (RFC 9110, Section 11):
//
//   - The result must hold the same challenges, in the same order as in the
//     field value. Losing a challenge, inventing one, or merging two is wrong.
//   - Schemes are compared case-insensitively (auth-scheme is
//     case-insensitive, Section 11.1): a peer that lower-cases is right.
//   - Param names are compared case-insensitively (Section 11.2); values are
//     compared exactly, after unescaping: a quoted-string's value is its
//     content with every quoted-pair "\" X replaced by X (Section 5.6.4).
//     A value left quoted, left escaped, or unescaped by other rules (such as
//     Go's strconv.Unquote) is wrong.
//   - Params must appear in order for an implementation that returns them in
//     order. A peer that returns a Go map cannot keep the order; RFC 9110
//     gives the order no meaning (each name occurs at most once per
//     challenge), so for such a peer the params are compared as a set: same
//     names, same values, nothing missing, nothing extra.
//   - A token68 is compared exactly (it is case-sensitive). A token68 lost,
//     or turned into a param, is wrong.
//   - An error, or a panic, on one of these (valid) inputs is wrong.
//
// Inputs an implementation is not meant for (Authorization values for the
// challenge-only peers, anything but Basic credentials for
// Request.BasicAuth) are reported as n/a.

// judge reports whether got is an acceptable parse of want, and if not, why.
func judge(want []chal, got result) (bool, string) {
	if len(got.chals) != len(want) {
		return false, fmt.Sprintf("%d challenge(s), want %d", len(got.chals), len(want))
	}
	for i, w := range want {
		g := got.chals[i]
		if !strings.EqualFold(g.Scheme, w.Scheme) {
			return false, fmt.Sprintf("challenge %d: scheme %q, want %q", i+1, g.Scheme, w.Scheme)
		}
		if w.Token68 != "" && g.Token68 == "" && len(g.Params) > 0 {
			return false, fmt.Sprintf("challenge %d (%s): token68 %q parsed as param(s)", i+1, w.Scheme, w.Token68)
		}
		if g.Token68 != w.Token68 {
			return false, fmt.Sprintf("challenge %d (%s): token68 %q, want %q", i+1, w.Scheme, g.Token68, w.Token68)
		}
		if len(g.Params) != len(w.Params) {
			return false, fmt.Sprintf("challenge %d (%s): %d param(s), want %d", i+1, w.Scheme, len(g.Params), len(w.Params))
		}
		for j, wp := range w.Params {
			var gp *param
			if got.unordered {
				for k := range g.Params {
					if strings.EqualFold(g.Params[k].Name, wp.Name) {
						gp = &g.Params[k]
						break
					}
				}
				if gp == nil {
					return false, fmt.Sprintf("challenge %d (%s): param %q missing", i+1, w.Scheme, wp.Name)
				}
			} else {
				gp = &g.Params[j]
				if !strings.EqualFold(gp.Name, wp.Name) {
					return false, fmt.Sprintf("challenge %d (%s): param %d is %q, want %q", i+1, w.Scheme, j+1, gp.Name, wp.Name)
				}
			}
			if gp.Value != wp.Value {
				return false, fmt.Sprintf("challenge %d (%s): %s=%q, want %q", i+1, w.Scheme, wp.Name, gp.Value, wp.Value)
			}
		}
	}
	return true, ""
}

// format renders a normalized result on one line for the report.
func format(cs []chal) string {
	if len(cs) == 0 {
		return "(none)"
	}
	var parts []string
	for _, c := range cs {
		s := c.Scheme
		if c.Token68 != "" {
			s += " " + c.Token68
		}
		for i, p := range c.Params {
			sep := ", "
			if i == 0 && c.Token68 == "" {
				sep = " "
			}
			s += fmt.Sprintf("%s%s=%q", sep, p.Name, p.Value)
		}
		parts = append(parts, "["+s+"]")
	}
	return strings.Join(parts, " ")
}

func isPanic(err error) bool { return strings.HasPrefix(err.Error(), "panic: ") }

// report is what TestCorrectness writes to $BENCHCMP_CORRECTNESS_OUT for
// cmd/table.
type report struct {
	Impls   []reportImpl  `json:"impls"`
	Inputs  []reportInput `json:"inputs"`
	Results []reportRow   `json:"results"`
}

type reportImpl struct {
	Name string `json:"name"`
	Call string `json:"call"`
}

type reportInput struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Bench bool   `json:"bench"`
	Want  string `json:"want"`
}

type reportRow struct {
	Input  string `json:"input"`
	Impl   string `json:"impl"`
	Status string `json:"status"` // "yes", "no" or "n/a"
	Got    string `json:"got,omitempty"`
	Why    string `json:"why,omitempty"`
}

// TestCorrectness judges every implementation on every corpus input and logs
// the verdicts (go test -v -run TestCorrectness). Only a wrong result from
// our own parser fails the test; the peers' verdicts are data.
func TestCorrectness(t *testing.T) {
	var rep report
	for _, im := range impls() {
		rep.Impls = append(rep.Impls, reportImpl{im.name, im.call})
	}
	for i := range corpus {
		in := &corpus[i]
		rep.Inputs = append(rep.Inputs, reportInput{in.name, in.value, in.bench, format(in.want)})
		t.Logf("%s: %s", in.name, in.value)
		t.Logf("    %-11s %s", "expected", format(in.want))
		for _, im := range impls() {
			row := reportRow{Input: in.name, Impl: im.name}
			if !im.applies(in) {
				row.Status = "n/a"
				rep.Results = append(rep.Results, row)
				continue
			}
			res, err := safeParse(im, in)
			if err != nil {
				row.Status, row.Got, row.Why = "no", "error", err.Error()
			} else {
				ok, why := judge(in.want, res)
				row.Got = format(res.chals)
				if res.note != "" {
					row.Got += " (" + res.note + ")"
				}
				row.Status, row.Why = "yes", why
				if !ok {
					row.Status = "no"
				}
			}
			rep.Results = append(rep.Results, row)
			verdict := "OK   "
			if row.Status == "no" {
				verdict = "WRONG"
			}
			line := fmt.Sprintf("    %-11s %s %s", im.name, verdict, row.Got)
			if row.Why != "" {
				line += "  -- " + row.Why
			}
			t.Log(line)
			if im.name == "ours" && row.Status != "yes" {
				t.Errorf("ours is wrong on %s: got %s: %s", in.name, row.Got, row.Why)
			}
		}
	}
	if out := os.Getenv("BENCHCMP_CORRECTNESS_OUT"); out != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestJudge checks the judgment rule itself on hand-made results.
func TestJudge(t *testing.T) {
	want := []chal{{Scheme: "Basic", Params: []param{{"realm", "a"}, {"charset", "UTF-8"}}}}
	for _, tc := range []struct {
		name string
		got  result
		ok   bool
	}{
		{"exact", result{chals: want}, true},
		{"lower-cased scheme and names", result{chals: []chal{{Scheme: "basic", Params: []param{{"REALM", "a"}, {"Charset", "UTF-8"}}}}}, true},
		{"map order", result{unordered: true, chals: []chal{{Scheme: "basic", Params: []param{{"charset", "UTF-8"}, {"realm", "a"}}}}}, true},
		{"order lost by an ordered impl", result{chals: []chal{{Scheme: "Basic", Params: []param{{"charset", "UTF-8"}, {"realm", "a"}}}}}, false},
		{"value case differs", result{chals: []chal{{Scheme: "Basic", Params: []param{{"realm", "A"}, {"charset", "UTF-8"}}}}}, false},
		{"value still quoted", result{chals: []chal{{Scheme: "Basic", Params: []param{{"realm", `"a"`}, {"charset", "UTF-8"}}}}}, false},
		{"param missing", result{chals: []chal{{Scheme: "Basic", Params: []param{{"realm", "a"}}}}}, false},
		{"extra challenge", result{chals: append(append([]chal{}, want...), chal{Scheme: "Bearer"})}, false},
		{"token68 invented", result{chals: []chal{{Scheme: "Basic", Token68: "x", Params: want[0].Params}}}, false},
	} {
		if ok, why := judge(want, tc.got); ok != tc.ok {
			t.Errorf("%s: judge = %v (%s), want %v", tc.name, ok, why, tc.ok)
		}
	}
}
