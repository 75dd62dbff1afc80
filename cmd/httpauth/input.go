package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A fieldLine is one line of the field parse reads, with where it came from
// for messages.
type fieldLine struct {
	value string
	where string // "argument 2", "input line 5", "input lines 5-6"
}

// maxHeaderSection bounds what readField reads from its input: the 1 MiB
// that net/http's server allows for a request's header section.
const maxHeaderSection = 1 << 20

var errHeaderTooLarge = errors.New("the header section exceeds 1 MiB")

// readField returns the lines of the field name in the raw header section
// on r, in order, matching the name case-insensitively (RFC 9110, Section
// 5.1). The input is what "curl -sI" prints, or a request head:
//
//   - an optional start line (a status line "HTTP/1.1 401 Unauthorized" or
//     a request line "GET /mcp HTTP/1.1"), after any empty lines;
//   - field lines "Name: value", ending in CRLF or LF;
//   - an empty line or the end of the input, where reading stops, so that
//     a body that follows (curl -si) is not read.
//
// Leniencies, each reported through warn for the lines of the field:
//
//   - a line that starts with SP or HTAB continues the previous field line
//     (obs-fold): RFC 9112, Section 5.2 lets a recipient replace the fold
//     with SP, and readField does;
//   - a line that starts with whitespace before the first field line is
//     ignored, as RFC 9112, Section 2.2 allows;
//   - a line that is not "token: value" (for instance with whitespace
//     before the colon, which RFC 9112, Section 5.1 forbids) is ignored.
//
// The value is the text after the colon without leading and trailing SP and
// HTAB (RFC 9112, Section 5).
func readField(r io.Reader, name string, warn func(string)) ([]fieldLine, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxHeaderSection)
	var (
		lines     []fieldLine
		n, total  int
		started   bool // a non-empty line was seen
		inField   bool // a field line was seen
		continues bool // a folded line continues a line of the field
		firstLine int  // where the last line of the field started
		folds     int  // how many obs-folds it had
	)
	// flush warns about the obs-folds of the last line of the field.
	flush := func() {
		if folds > 0 {
			warn(fmt.Sprintf("%s: replaced %d %s with SP (RFC 9112, Section 5.2)",
				lines[len(lines)-1].where, folds, plural(folds, "obs-fold (a line break before whitespace)", "obs-folds (line breaks before whitespace)")))
			folds = 0
		}
	}
	defer flush()
	for sc.Scan() {
		n++
		line := sc.Text() // without the LF or CRLF
		total += len(line) + 2
		if total > maxHeaderSection {
			return nil, errHeaderTooLarge
		}
		if line == "" {
			if !started {
				continue
			}
			break
		}
		if !started {
			started = true
			if isStartLine(line) {
				continue
			}
		}
		if line[0] == ' ' || line[0] == '\t' {
			switch {
			case !inField:
				warn(fmt.Sprintf("input line %d: ignored a line that starts with whitespace before the first field line (RFC 9112, Section 2.2)", n))
			case continues:
				last := &lines[len(lines)-1]
				last.value = trimOWS(last.value + " " + trimOWS(line))
				last.where = fmt.Sprintf("input lines %d-%d", firstLine, n)
				folds++
			}
			continue
		}
		flush()
		fieldName, value, ok := strings.Cut(line, ":")
		if !ok || !isToken(fieldName) {
			inField, continues = false, false
			if strings.Contains(strings.ToLower(line), strings.ToLower(name)) {
				// Only a line that might have been the field is worth a
				// word. The line is not shown: it may hold credentials.
				warn(fmt.Sprintf("input line %d: ignored a line that is not \"name: value\" (RFC 9112, Section 5.1 allows no whitespace before the colon)", n))
			}
			continue
		}
		inField = true
		continues = strings.EqualFold(fieldName, name)
		if continues {
			firstLine = n
			lines = append(lines, fieldLine{value: trimOWS(value), where: fmt.Sprintf("input line %d", n)})
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, errHeaderTooLarge
		}
		return nil, err
	}
	return lines, nil
}

// isStartLine reports whether line is a status line ("HTTP/1.1 401
// Unauthorized", "HTTP/2 401") or a request line ("GET /mcp HTTP/1.1").
func isStartLine(line string) bool {
	if strings.HasPrefix(line, "HTTP/") {
		return true
	}
	method, rest, ok := strings.Cut(line, " ")
	return ok && isToken(method) && strings.Contains(rest, " HTTP/")
}

// trimOWS returns s without leading and trailing SP and HTAB (RFC 9110,
// Section 5.6.3).
func trimOWS(s string) string {
	return strings.Trim(s, " \t")
}
