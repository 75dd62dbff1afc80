package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A fieldLine is one line of the field parse reads, with where it came from
// for messages.
type fieldLine struct {
	value string
	where string // "argument 2", "input line 5", "input lines 5-6"
}

// maxHeaderSection bounds what readInput reads from its input: the 1 MiB
// that net/http's server allows for a request's header section.
const maxHeaderSection = 1 << 20

var errHeaderTooLarge = errors.New("the input exceeds 1 MiB")

// An inputLine is one line of the input, without its line end.
type inputLine struct {
	n    int // 1-based
	text string
}

// The kinds of block.
type blockKind int

const (
	blockFields   blockKind = iota // field lines with no start line before them
	blockResponse                  // after a status line: "HTTP/1.1 401 Unauthorized"
	blockRequest                   // after a request line: "GET /mcp HTTP/1.1"
)

// A block is one header section of the input: an optional start line and
// the lines after it, up to an empty line or the end.
type block struct {
	kind   blockKind
	first  int    // the number of its first line: the start line, if any
	status int    // of a response
	method string // of a request; never its target, which may hold a secret
	lines  []inputLine
}

// describe names b for a message: "the response at input line 5 (status
// 401)". It never shows a request target or a reason phrase: the one may
// hold a secret, the other anything a server put there.
func (b *block) describe() string {
	switch b.kind {
	case blockResponse:
		return fmt.Sprintf("the response at input line %d (status %d)", b.first, b.status)
	case blockRequest:
		return fmt.Sprintf("the request at input line %d (%s)", b.first, b.method)
	}
	return "the header section on stdin"
}

// An input is what parse read from stdin.
type input struct {
	blocks  []block
	verbose bool // curl -v: "> " request lines and "< " response lines
	bare    bool // no start line and no "name: value" line: a field value
}

// empty reports whether the input held nothing but empty lines (and, from
// curl -v, no header line).
func (in *input) empty() bool { return len(in.blocks) == 0 }

// readInput reads what parse takes on stdin. It recognizes:
//
//   - a header section as "curl -sI" prints it, or a request head: an
//     optional start line (a status line "HTTP/1.1 401 Unauthorized" or a
//     request line "GET /mcp HTTP/1.1"), after any empty lines, then field
//     lines "Name: value", ending in CRLF or LF, up to an empty line or the
//     end of the input, so that a body that follows (curl -si) is not read;
//   - several responses, as "curl -sIL" prints a redirect and then the
//     response it led to, or a "100 Continue" and the final response: after
//     a response whose status is 1xx or 3xx, an empty line and a status line
//     start the next block;
//   - what "curl -v" prints: lines that start with "> " (the request), "< "
//     (the response) or "* " (curl's notes), and a body among them; only the
//     "> " and "< " lines count, each block ending at its empty line;
//   - a field value alone ("echo 'Bearer realm=x' | httpauth parse"): lines
//     with no start line and none of the form "name: value".
//
// It reads at most maxHeaderSection bytes, and stops reading at the end of
// the last block, so that a terminal need not be closed.
func readInput(r io.Reader) (input, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxHeaderSection)
	var (
		in       input
		n, total int
		cur      *block // the block being read
		between  bool   // after the empty line that ended a 1xx or 3xx response
	)
	for sc.Scan() {
		n++
		line := sc.Text() // without the LF or CRLF
		total += len(line) + 2
		if total > maxHeaderSection {
			return input{}, errHeaderTooLarge
		}
		if !in.verbose && len(in.blocks) == 0 && cur == nil {
			// Until the first line that is not empty, which says
			// whether this is curl -v output.
			if line == "" {
				continue
			}
			in.verbose = isVerboseLine(line)
		}
		if in.verbose {
			cur = in.verboseLine(cur, inputLine{n, line})
			continue
		}
		switch {
		case line == "" && cur == nil:
			continue // leading empty lines, or more of them between responses
		case line == "":
			in.blocks = append(in.blocks, *cur)
			if cur.kind != blockResponse || cur.status/100 != 1 && cur.status/100 != 3 {
				return in.done(), nil
			}
			cur, between = nil, true
			continue
		case between && !isStatusLine(line):
			return in.done(), nil // a body after the response
		}
		if cur == nil {
			cur = &block{first: n}
			between = false
			if startBlock(cur, line) {
				continue
			}
		}
		cur.lines = append(cur.lines, inputLine{n, line})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return input{}, errHeaderTooLarge
		}
		return input{}, err
	}
	if cur != nil {
		in.blocks = append(in.blocks, *cur)
	}
	return in.done(), nil
}

// done decides whether the input is a bare field value, and returns it.
func (in *input) done() input {
	if !in.verbose && len(in.blocks) == 1 && in.blocks[0].kind == blockFields {
		in.bare = true
		for _, l := range in.blocks[0].lines {
			if isFieldLine(l.text) {
				in.bare = false
				break
			}
		}
	}
	return *in
}

// isVerboseLine reports whether line is one that curl -v prints: "> ",
// "< " or "* " and the rest, or a lone ">" or "<" (the end of a block).
func isVerboseLine(line string) bool {
	line = strings.TrimSuffix(line, "\r")
	switch {
	case line == ">", line == "<":
		return true
	case len(line) >= 2 && line[1] == ' ':
		return line[0] == '>' || line[0] == '<' || line[0] == '*'
	}
	return false
}

// verboseLine adds a line of curl -v output to the block cur of its
// direction, and returns the block now being read. Lines of the other
// direction end cur; "* " lines and the body, which curl writes unmarked,
// are skipped.
func (in *input) verboseLine(cur *block, l inputLine) *block {
	text := strings.TrimSuffix(l.text, "\r")
	var kind blockKind
	switch {
	case strings.HasPrefix(text, "> "), text == ">":
		kind = blockRequest
	case strings.HasPrefix(text, "< "), text == "<":
		kind = blockResponse
	default:
		return cur
	}
	text = strings.TrimPrefix(text[1:], " ")
	if cur != nil && (cur.kind != kind || text == "") {
		in.blocks = append(in.blocks, *cur)
		cur = nil
	}
	switch {
	case text == "":
	case cur == nil:
		cur = &block{first: l.n}
		if !startBlock(cur, text) {
			cur.lines = append(cur.lines, inputLine{l.n, text})
		}
	default:
		cur.lines = append(cur.lines, inputLine{l.n, text})
	}
	return cur
}

// startBlock sets the kind of b from line if line is a start line, and
// reports whether it was.
func startBlock(b *block, line string) bool {
	if status, ok := parseStatusLine(line); ok {
		b.kind, b.status = blockResponse, status
		return true
	}
	if method, ok := parseRequestLine(line); ok {
		b.kind, b.method = blockRequest, method
		return true
	}
	return false
}

// isStatusLine reports whether line is a status line.
func isStatusLine(line string) bool {
	_, ok := parseStatusLine(line)
	return ok
}

// parseStatusLine returns the status code of a status line, "HTTP/1.1 401
// Unauthorized" or "HTTP/2 401" (RFC 9112, Section 4, as curl prints it
// for every version).
func parseStatusLine(line string) (int, bool) {
	version, rest, ok := strings.Cut(line, " ")
	if !ok || !strings.HasPrefix(version, "HTTP/") || len(rest) < 3 {
		return 0, false
	}
	code := rest[:3]
	if len(rest) > 3 && rest[3] != ' ' && rest[3] != '\r' {
		return 0, false
	}
	status, err := strconv.Atoi(code)
	if err != nil || code[0] < '1' || code[0] > '5' {
		return 0, false
	}
	return status, true
}

// parseRequestLine returns the method of a request line, "GET /mcp
// HTTP/1.1" (RFC 9112, Section 3).
func parseRequestLine(line string) (string, bool) {
	method, rest, ok := strings.Cut(line, " ")
	if !ok || !isToken(method) {
		return "", false
	}
	_, version, ok := strings.Cut(rest, " ")
	return method, ok && strings.HasPrefix(version, "HTTP/")
}

// isFieldLine reports whether line is "name: value" with name a token.
func isFieldLine(line string) bool {
	name, _, ok := strings.Cut(line, ":")
	return ok && isToken(name)
}

// isRequestField reports whether the field name is sent in requests.
func isRequestField(name string) bool {
	return strings.EqualFold(name, "Authorization") || strings.EqualFold(name, "Proxy-Authorization")
}

// choose returns the block of in to read the field from, and the field: the
// one given with --header, if any; or the one the block calls for:
// Proxy-Authenticate in a 407 response, WWW-Authenticate in another
// response, Authorization in a request, and WWW-Authenticate in field
// lines with no start line. It returns the last response whose status is
// not 1xx, or the last request, whichever holds the field; or the block
// there is.
func (in *input) choose(header string) (*block, string) {
	var response, request, fields *block
	for i := range in.blocks {
		switch b := &in.blocks[i]; {
		case b.kind == blockResponse && (b.status/100 != 1 || response == nil || response.status/100 == 1):
			response = b
		case b.kind == blockRequest:
			request = b
		case b.kind == blockFields && fields == nil:
			fields = b
		}
	}
	order := []*block{response, fields, request}
	if header != "" && isRequestField(header) || header == "" && response == nil && request != nil {
		order = []*block{request, fields, response}
	}
	var b *block
	for _, c := range order {
		if c != nil {
			b = c
			break
		}
	}
	switch {
	case header != "":
		return b, header
	case b.kind == blockResponse && b.status == 407:
		return b, "Proxy-Authenticate"
	case b.kind == blockRequest:
		return b, "Authorization"
	}
	return b, "WWW-Authenticate"
}

// has returns the name of the first field of b among names, as b spells
// it, or "".
func (b *block) has(names ...string) string {
	for _, l := range b.lines {
		if name, _, ok := strings.Cut(l.text, ":"); ok && isToken(name) {
			for _, n := range names {
				if strings.EqualFold(name, n) {
					return n
				}
			}
		}
	}
	return ""
}

// field returns the lines of the field name in b, in order, matching the
// name case-insensitively (RFC 9110, Section 5.1). The value is the text
// after the colon without leading and trailing SP and HTAB (RFC 9112,
// Section 5).
//
// Leniencies, each reported through warn for the lines of the field:
//
//   - a line that starts with SP or HTAB continues the previous field line
//     (obs-fold): RFC 9112, Section 5.2 lets a recipient replace the fold
//     with SP, and field does;
//   - a line that starts with whitespace before the first field line is
//     ignored, as RFC 9112, Section 2.2 allows;
//   - a line that is not "token: value" is ignored, with a warning that
//     says why if it names the field.
func (b *block) field(name string, warn func(string)) []fieldLine {
	var (
		lines     []fieldLine
		inField   bool // a field line was seen
		continues bool // a folded line continues a line of the field
		firstLine int  // where the last line of the field started
		folds     int  // how many obs-folds it had
	)
	// flush warns about the obs-folds of the last line of the field.
	flush := func() {
		if folds > 0 {
			warnFolds(warn, lines[len(lines)-1].where, folds)
			folds = 0
		}
	}
	defer flush()
	for _, l := range b.lines {
		if l.text == "" {
			continue
		}
		if l.text[0] == ' ' || l.text[0] == '\t' {
			switch {
			case !inField:
				warn(fmt.Sprintf("input line %d: ignored a line that starts with whitespace before the first field line (RFC 9112, Section 2.2)", l.n))
			case continues:
				last := &lines[len(lines)-1]
				last.value = trimOWS(last.value + " " + trimOWS(l.text))
				last.where = fmt.Sprintf("input lines %d-%d", firstLine, l.n)
				folds++
			}
			continue
		}
		flush()
		fieldName, value, ok := strings.Cut(l.text, ":")
		if !ok || !isToken(fieldName) {
			inField, continues = false, false
			if strings.Contains(strings.ToLower(l.text), strings.ToLower(name)) {
				// Only a line that might have been the field is worth a
				// word. The line is not shown: it may hold credentials.
				warn(fmt.Sprintf("input line %d: ignored a line that is not \"name: value\": %s", l.n, notFieldLine(l.text)))
			}
			continue
		}
		inField = true
		continues = strings.EqualFold(fieldName, name)
		if continues {
			firstLine = l.n
			lines = append(lines, fieldLine{value: trimOWS(value), where: fmt.Sprintf("input line %d", l.n)})
		}
	}
	return lines
}

// bareLines returns the lines of a field value given alone: each line of b
// is a field line, and a line that starts with SP or HTAB continues the one
// before (obs-fold), as in a header section.
func (b *block) bareLines(warn func(string)) []fieldLine {
	var (
		lines     []fieldLine
		firstLine int
		folds     int
	)
	flush := func() {
		if folds > 0 {
			warnFolds(warn, lines[len(lines)-1].where, folds)
			folds = 0
		}
	}
	defer flush()
	for _, l := range b.lines {
		if len(lines) > 0 && l.text != "" && (l.text[0] == ' ' || l.text[0] == '\t') {
			last := &lines[len(lines)-1]
			last.value = trimOWS(last.value + " " + trimOWS(l.text))
			last.where = fmt.Sprintf("input lines %d-%d", firstLine, l.n)
			folds++
			continue
		}
		flush()
		firstLine = l.n
		lines = append(lines, fieldLine{value: trimOWS(l.text), where: fmt.Sprintf("input line %d", l.n)})
	}
	return lines
}

// warnFolds warns that the field line at where had n obs-folds replaced.
func warnFolds(warn func(string), where string, n int) {
	warn(fmt.Sprintf("%s: replaced %d %s with SP (RFC 9112, Section 5.2)",
		where, n, plural(n, "obs-fold (a line break before whitespace)", "obs-folds (line breaks before whitespace)")))
}

// notFieldLine says why line, which has no colon or no token before its
// first colon, is not a field line.
func notFieldLine(line string) string {
	name, _, ok := strings.Cut(line, ":")
	switch {
	case !ok:
		return "it has no ':'"
	case name == "":
		return "it has no field name before the ':'"
	case isToken(trimOWS(name)):
		return "whitespace before the ':', which RFC 9112, Section 5.1 forbids"
	}
	return "the text before the first ':' is not a field name (a token, RFC 9110, Section 5.1)"
}

// trimOWS returns s without leading and trailing SP and HTAB (RFC 9110,
// Section 5.6.3).
func trimOWS(s string) string {
	return strings.Trim(s, " \t")
}
