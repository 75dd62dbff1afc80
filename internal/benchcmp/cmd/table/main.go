// Command table turns benchstat's CSV output for BenchmarkParse and
// BenchmarkMiddleware, the correctness report written by TestCorrectness
// and the middleware answers written by TestMiddlewarePaths into markdown
// tables.
//
//	table -bench bench.csv -correct correct.json -middleware middleware.json
//
// bench.csv is the output of `benchstat -format csv` on one file of
// `go test -bench 'Benchmark(Parse|Middleware)' -benchmem` results. Its center value is the
// median of the runs; its CI column is the confidence interval benchstat
// prints as ±x%.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

type report struct {
	Impls []struct {
		Name string `json:"name"`
		Call string `json:"call"`
	} `json:"impls"`
	Inputs []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
		Bench bool   `json:"bench"`
		Want  string `json:"want"`
	} `json:"inputs"`
	Results []struct {
		Input  string `json:"input"`
		Impl   string `json:"impl"`
		Status string `json:"status"`
		Got    string `json:"got"`
		Why    string `json:"why"`
	} `json:"results"`
}

// middlewareReport is what TestMiddlewarePaths writes.
type middlewareReport struct {
	Impls []struct {
		Name string `json:"name"`
		Call string `json:"call"`
	} `json:"impls"`
	Paths []struct {
		Name    string `json:"name"`
		Comment string `json:"comment"`
	} `json:"paths"`
	Results []struct {
		Path            string `json:"path"`
		Impl            string `json:"impl"`
		Status          int    `json:"status"`
		WWWAuthenticate string `json:"www_authenticate"`
		Body            string `json:"body"`
	} `json:"results"`
}

// stat is one benchstat cell: the median and its confidence interval.
type stat struct {
	center float64
	ci     string
}

// key is "<input>/<impl>" for BenchmarkParse and
// "Middleware/<path>/<impl>" for BenchmarkMiddleware.
type stats map[string]map[string]stat // unit -> key -> stat

var procSuffix = regexp.MustCompile(`-\d+$`)

// readBenchstat parses benchstat's CSV: one block per unit, each headed by a
// row ",<file>," and a row ",<unit>,CI", then one row per benchmark, then a
// geomean row.
func readBenchstat(r io.Reader) (stats, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	out := stats{}
	unit := ""
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rec) < 2 {
			continue // goos:, goarch:, pkg:, cpu: lines
		}
		if rec[0] == "" {
			if len(rec) >= 3 && rec[2] == "CI" {
				unit = rec[1]
				if out[unit] == nil {
					out[unit] = map[string]stat{}
				}
			}
			continue
		}
		if unit == "" || rec[0] == "geomean" {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(rec[0], "Parse/"), "")
		v, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			continue
		}
		s := stat{center: v}
		if len(rec) >= 3 {
			s.ci = rec[2]
		}
		out[unit][name] = s
	}
}

func main() {
	benchPath := flag.String("bench", "", "benchstat -format csv output")
	correctPath := flag.String("correct", "", "TestCorrectness JSON report")
	middlewarePath := flag.String("middleware", "", "TestMiddlewarePaths JSON report (optional)")
	flag.Parse()

	var rep report
	data, err := os.ReadFile(*correctPath)
	if err != nil {
		fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		fatal(err)
	}
	f, err := os.Open(*benchPath)
	if err != nil {
		fatal(err)
	}
	st, err := readBenchstat(f)
	f.Close()
	if err != nil {
		fatal(err)
	}

	status := map[string]string{}
	for _, r := range rep.Results {
		status[r.Input+"/"+r.Impl] = r.Status
	}
	haveOurs := false
	for _, im := range rep.Impls {
		if im.Name == "ours" {
			haveOurs = true
		}
	}

	fmt.Println("## Parsing speed (BenchmarkParse)")
	fmt.Println()
	fmt.Println("ns/op is benchstat's median over the runs (± its 95% confidence interval); ratio = peer ns/op ÷ ours ns/op (above 1: slower than ours).")
	fmt.Println()
	fmt.Println("| input | impl | ns/op | ± | B/op | allocs/op | ratio to ours | correct? |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|:---:|")
	for _, in := range rep.Inputs {
		if !in.Bench {
			continue
		}
		ours, oursOK := st["sec/op"][in.Name+"/ours"]
		for _, im := range rep.Impls {
			key := in.Name + "/" + im.Name
			if status[key] == "n/a" {
				continue
			}
			t, ok := st["sec/op"][key]
			if !ok {
				fmt.Printf("| %s | %s | – | | – | – | – | %s |\n", in.Name, im.Name, status[key])
				continue
			}
			ratio := "n/a"
			switch {
			case !haveOurs:
				ratio = "n/a (ours left out)"
			case im.Name == "ours":
				ratio = "1.00 (base)"
			case oursOK && ours.center > 0:
				ratio = fmt.Sprintf("%.2f", t.center/ours.center)
			}
			ci := t.ci
			if ci == "∞" || ci == "" {
				ci = "?"
			}
			fmt.Printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", in.Name, im.Name,
				num(t.center*1e9), ci, num(st["B/op"][key].center), num(st["allocs/op"][key].center), ratio, status[key])
		}
	}

	if *middlewarePath != "" {
		var mw middlewareReport
		data, err := os.ReadFile(*middlewarePath)
		if err != nil {
			fatal(err)
		}
		if err := json.Unmarshal(data, &mw); err != nil {
			fatal(err)
		}
		printMiddleware(st, &mw)
	}

	fmt.Println()
	fmt.Println("## Correctness (all inputs)")
	fmt.Println()
	header := "| input |"
	sep := "|---|"
	for _, im := range rep.Impls {
		header += " " + im.Name + " |"
		sep += ":---:|"
	}
	fmt.Println(header)
	fmt.Println(sep)
	for _, in := range rep.Inputs {
		row := "| " + in.Name
		if !in.Bench {
			row += " (correctness only)"
		}
		row += " |"
		for _, im := range rep.Impls {
			row += " " + status[in.Name+"/"+im.Name] + " |"
		}
		fmt.Println(row)
	}

	fmt.Println()
	fmt.Println("### Inputs and expected results (written by hand from RFC 9110, Section 11)")
	fmt.Println()
	for _, in := range rep.Inputs {
		fmt.Printf("- `%s`: `%s`\n  expected: `%s`\n", in.Name, in.Value, in.Want)
	}

	fmt.Println()
	fmt.Println("### Wrong results")
	fmt.Println()
	fmt.Println("Results are shown normalized, values Go-quoted (so `\\\\` is one backslash); params of map-returning peers sorted by name.")
	fmt.Println()
	wrong := false
	for _, r := range rep.Results {
		if r.Status != "no" {
			continue
		}
		wrong = true
		fmt.Printf("- `%s` / %s: got `%s` (%s)\n", r.Input, r.Impl, r.Got, r.Why)
	}
	if !wrong {
		fmt.Println("None.")
	}

	fmt.Println()
	fmt.Println("## What each measured call includes")
	fmt.Println()
	for _, im := range rep.Impls {
		fmt.Printf("- %s: %s\n", im.Name, im.Call)
	}
}

// printMiddleware prints the section of BenchmarkMiddleware.
func printMiddleware(st stats, mw *middlewareReport) {
	haveOurs := false
	for _, im := range mw.Impls {
		haveOurs = haveOurs || im.Name == "ours"
	}
	fmt.Println()
	fmt.Println("## Per request: the bearer-token middleware (BenchmarkMiddleware)")
	fmt.Println()
	fmt.Println("One request through the middleware of an OAuth 2.0 protected resource, configured alike (resource_metadata URL, one required scope), around the same trivial verifier and next handler. ns/op is benchstat's median over the runs (± its 95% confidence interval); ratio = peer ns/op ÷ ours ns/op (above 1: slower than ours).")
	fmt.Println()
	fmt.Println("| path | impl | ns/op | ± | B/op | allocs/op | ratio to ours |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|")
	for _, p := range mw.Paths {
		ours, oursOK := st["sec/op"]["Middleware/"+p.Name+"/ours"]
		for _, im := range mw.Impls {
			answered := false
			for _, r := range mw.Results {
				answered = answered || r.Path == p.Name && r.Impl == im.Name
			}
			if !answered {
				continue // not measured on this path
			}
			key := "Middleware/" + p.Name + "/" + im.Name
			t, ok := st["sec/op"][key]
			if !ok {
				fmt.Printf("| %s | %s | – | | – | – | – |\n", p.Name, im.Name)
				continue
			}
			ratio := "n/a"
			switch {
			case !haveOurs:
				ratio = "n/a (ours left out)"
			case im.Name == "ours":
				ratio = "1.00 (base)"
			case oursOK && ours.center > 0:
				ratio = fmt.Sprintf("%.2f", t.center/ours.center)
			}
			ci := t.ci
			if ci == "∞" || ci == "" {
				ci = "?"
			}
			fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", p.Name, im.Name,
				num(t.center*1e9), ci, num(st["B/op"][key].center), num(st["allocs/op"][key].center), ratio)
		}
	}
	fmt.Println()
	fmt.Println("### The paths, and what each middleware answers")
	fmt.Println()
	for _, p := range mw.Paths {
		fmt.Printf("- `%s`: %s\n", p.Name, p.Comment)
		for _, r := range mw.Results {
			if r.Path != p.Name {
				continue
			}
			challenge := "no WWW-Authenticate"
			if r.WWWAuthenticate != "" {
				challenge = "`WWW-Authenticate: " + r.WWWAuthenticate + "`"
			}
			fmt.Printf("  - %s: %d, %s, body %q\n", r.Impl, r.Status, challenge, r.Body)
		}
	}
	fmt.Println()
	fmt.Println("### What each measured call includes")
	fmt.Println()
	for _, im := range mw.Impls {
		fmt.Printf("- %s: %s\n", im.Name, im.Call)
	}
	fmt.Println("- both: the request is built once; each iteration clears the ResponseWriter's header map (net/http gives each request a fresh one) and calls ServeHTTP. The verifier compares the token with a constant and returns a TokenInfo built once (the SDK's API returns a pointer, ours a value); the next handler reads the TokenInfo from the context and answers 204.")
}

// num formats a value with three significant digits at most after the point.
func num(v float64) string {
	switch {
	case v >= 100 || v == float64(int64(v)):
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "table:", err)
	os.Exit(1)
}
