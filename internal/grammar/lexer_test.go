package grammar

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnfold(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string
		folds []fold
	}{
		// "a\r\n b": the CR at 1, the fold's three bytes become one SP.
		{"crlf-sp", "a\r\n b", "a b", []fold{{at: 1, off: 1, removed: 2}}},
		// A bare LF counts as CRLF (RFC 9112, Section 2.2).
		{"lf-htab", "a\n\tb", "a b", []fold{{at: 1, off: 1, removed: 1}}},
		// The OWS before the line break is part of the fold.
		{"ows-before", "a \t\n\tb", "a b", []fold{{at: 1, off: 3, removed: 3}}},
		// A line break with no whitespace after it is not a fold.
		{"lf-no-ws", "a\nb", "a\nb", nil},
		{"crlf-no-ws", "a\r\nb", "a\r\nb", nil},
		// A bare CR is no line break, even before SP.
		{"cr-sp", "a\r b", "a\r b", nil},
		// CR LF CR LF SP: only the second line break is followed by
		// whitespace; the first stays, and the CR of the second is
		// part of the fold, not the LF before it.
		{"crlf-crlf-sp", "a\r\n\r\n b", "a\r\n b", []fold{{at: 3, off: 3, removed: 2}}},
		// Folds in a row (a continuation line of only whitespace) are
		// one fold.
		{"chain", "x\n \n y", "x y", []fold{{at: 1, off: 1, removed: 3}}},
		{"chain-crlf", "x\r\n\t\r\n\t\ty", "x y", []fold{{at: 1, off: 1, removed: 6}}},
		// A fold at the start and at the end.
		{"leading", "\r\n a", " a", []fold{{at: 0, off: 0, removed: 2}}},
		{"trailing", "a\r\n ", "a ", []fold{{at: 1, off: 1, removed: 2}}},
		// Two folds: the second's offsets count the first's removal.
		{"two", "a\n b\n c", "a b c", []fold{{at: 1, off: 1, removed: 1}, {at: 3, off: 4, removed: 2}}},
		// A fold, then a line break that is not one.
		{"fold-then-injection", "a\r\n b\r\nX: y", "a b\r\nX: y", []fold{{at: 1, off: 1, removed: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Lexer
			l.Init(Challenges, true)
			got := l.unfold(tt.in, strings.IndexByte(tt.in, '\n'))
			if got != tt.want {
				t.Errorf("unfold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if diff := cmp.Diff(tt.folds, l.folds, cmp.AllowUnexported(fold{})); len(tt.folds)+len(l.folds) > 0 && diff != "" {
				t.Errorf("unfold(%q) folds mismatch (-want +got):\n%s", tt.in, diff)
			}
			// Every byte of the unfolded line that is not a fold's SP
			// maps back to the same byte of the line as given.
			for u := 0; u < len(got); u++ {
				o := l.orig(u)
				isFold := false
				for _, f := range l.folds {
					isFold = isFold || f.at == u
				}
				if !isFold && tt.in[o] != got[u] {
					t.Errorf("orig(%d) = %d: %q is not %q", u, o, tt.in[o], got[u])
				}
			}
		})
	}
}

// lexed is an item or a recovery, for comparing what a Lexer produced.
type lexed struct {
	Kind          string
	Offset        int
	Name, Value   string
	Cause         error
	Line, Ordinal int
}

// lexAll lexes lines leniently in mode and returns its items and its
// recoveries.
func lexAll(t *testing.T, mode Mode, lines ...string) (items []lexed, recoveries []Recovery) {
	t.Helper()
	var l Lexer
	l.Init(mode, true)
	kinds := map[Kind]string{Scheme: "scheme", Token68: "token68", Param: "param"}
	for _, line := range lines {
		l.Line(line)
		for {
			it, err := l.Next()
			if err != nil {
				t.Fatalf("lenient Next: %v", err)
			}
			if it.Kind == End {
				break
			}
			items = append(items, lexed{Kind: kinds[it.Kind], Offset: it.Offset, Name: it.Name, Value: it.ValueText(), Line: it.Line})
		}
	}
	return items, l.Recoveries
}

// TestLexerObsFoldOffsets checks that items and recoveries after obs-folds
// have the offsets of the line as given, and that the recoveries are in
// input order.
func TestLexerObsFoldOffsets(t *testing.T) {
	in := "Bearer,\r\n\trealm=\"a \r\n b\"\n error=x y=z"
	at := func(sub string) int {
		i := strings.Index(in, sub)
		if i < 0 {
			t.Fatalf("%q not in %q", sub, in)
		}
		return i
	}
	items, recoveries := lexAll(t, Challenges, in)
	wantItems := []lexed{
		{Kind: "scheme", Offset: 0, Name: "Bearer", Line: 1},
		{Kind: "param", Offset: at("realm"), Name: "realm", Value: "a b", Line: 1},
		{Kind: "param", Offset: at("error"), Name: "error", Value: "x", Line: 1},
		{Kind: "param", Offset: at("y=z"), Name: "y", Value: "z", Line: 1},
	}
	if diff := cmp.Diff(wantItems, items); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	assumed := map[error]bool{}
	var got []lexed
	for _, r := range recoveries {
		got = append(got, lexed{Offset: r.Offset, Cause: r.Err, Line: r.Line})
		assumed[r.Err] = r.Assumed != ""
	}
	want := []lexed{
		{Offset: at("\r\n\trealm"), Cause: ErrObsFold, Line: 1},
		{Offset: at("realm"), Cause: ErrStrayParam, Line: 1},
		{Offset: at(" \r\n b") + 1, Cause: ErrObsFold, Line: 1}, // the CR, after the OWS that the fold takes too
		{Offset: at("\n error"), Cause: ErrObsFold, Line: 1},
		{Offset: at("error"), Cause: ErrExpectedComma, Line: 1}, // `"a b" error=x` once unfolded
		{Offset: at("y=z"), Cause: ErrExpectedComma, Line: 1},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("recoveries mismatch (-want +got):\n%s", diff)
	}
	for cause, ok := range assumed {
		if !ok {
			t.Errorf("a recovery of %v says nothing of what it assumed", cause)
		}
	}
}

// TestLexerObsFoldLines checks that fold recoveries name their line, and
// that a fold of one line is reported before the next line starts.
func TestLexerObsFoldLines(t *testing.T) {
	_, recoveries := lexAll(t, Challenges, "Basic realm=\"a\",\n charset=UTF-8", "Bearer\r\n realm=\"b\"")
	var got []lexed
	for _, r := range recoveries {
		got = append(got, lexed{Offset: r.Offset, Cause: r.Err, Line: r.Line})
	}
	want := []lexed{
		{Offset: 16, Cause: ErrObsFold, Line: 1},
		{Offset: 6, Cause: ErrObsFold, Line: 2},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("recoveries mismatch (-want +got):\n%s", diff)
	}
}

// TestLexerStrictObsFold checks that strict mode does not unfold: the CR is
// an error where it is.
func TestLexerStrictObsFold(t *testing.T) {
	for _, in := range []string{"Basic realm=\"a\r\n b\"", "Basic,\n realm=a", "Basic\r\n realm=a"} {
		var l Lexer
		l.Init(Challenges, false)
		l.Line(in)
		var err *Error
		for err == nil {
			var it *Item
			if it, err = l.Next(); err == nil && it.Kind == End {
				break
			}
		}
		if err == nil {
			t.Errorf("strict %q: no error", in)
			continue
		}
		if c := in[err.Offset]; c != '\r' && c != '\n' {
			t.Errorf("strict %q: error at offset %d (%q), want at the line break", in, err.Offset, c)
		}
	}
}

// TestLexerNoLineBreakInValues checks that no value a lenient Lexer returns
// holds a CR or LF, whatever surrounds them.
func TestLexerNoLineBreakInValues(t *testing.T) {
	pieces := []string{"\r\n ", "\n\t", "\r\n", "\n", "\r", " ", "\"", "a", "=", ",", "\\", "abc==", "Basic "}
	// Every sequence of up to four pieces, after a challenge that opens
	// a quoted-string and an unquoted value.
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		for _, mode := range []Mode{Challenges, Credentials, Params} {
			items, _ := lexAll(t, mode, prefix)
			for _, it := range items {
				if strings.ContainsAny(it.Name+it.Value, "\r\n") {
					t.Fatalf("mode %d, %q: item %+v holds a line break", mode, prefix, it)
				}
			}
		}
		if depth == 0 {
			return
		}
		for _, p := range pieces {
			walk(prefix+p, depth-1)
		}
	}
	walk(`Basic realm="x`, 3)
	walk(`Basic realm=x`, 3)
}

// TestLexerPaddedToken68 checks which reading a lenient Lexer takes of a
// token68 with padding that is not followed by a comma or the end: the
// token68, or an auth-param named after its characters.
func TestLexerPaddedToken68(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []lexed
	}{
		// Two "=": no value starts with "=", so no auth-param.
		{"two-then-space-junk", "NTLM abc== (x), Basic", []lexed{{Kind: "scheme", Name: "NTLM"}, {Kind: "token68", Offset: 5, Value: "abc=="}, {Kind: "scheme", Offset: 16, Name: "Basic"}}},
		{"two-then-junk", "NTLM abc==x", []lexed{{Kind: "scheme", Name: "NTLM"}, {Kind: "token68", Offset: 5, Value: "abc=="}}},
		{"two-then-quoted", `NTLM abc=="x"`, []lexed{{Kind: "scheme", Name: "NTLM"}, {Kind: "token68", Offset: 5, Value: "abc=="}}},
		// A token68 character that is not a tchar: no auth-param either.
		{"slash-then-junk", "NTLM a/b==x", []lexed{{Kind: "scheme", Name: "NTLM"}, {Kind: "token68", Offset: 5, Value: "a/b=="}}},
		{"slash-space-junk", "NTLM a/b= junk", []lexed{{Kind: "scheme", Name: "NTLM"}, {Kind: "token68", Offset: 5, Value: "a/b="}}},
		// One "=", whitespace, and what cannot start a value.
		{"one-space-junk", "NTLM abc= (x)", []lexed{{Kind: "scheme", Name: "NTLM"}, {Kind: "token68", Offset: 5, Value: "abc="}}},
		// One "=" directly followed by what cannot start a value: the
		// unquoted value real servers send.
		{"one-then-junk", "Basic realm=<x>", []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: "<x>"}}},
		// A value that can be one: an auth-param, as strictly.
		{"one-space-token", "Basic realm= x", []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: "x"}}},
		{"one-space-quoted", `Basic realm= "x"`, []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: "x"}}},
		{"one-token", "Basic realm=x", []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: "x"}}},
		// Credentials: the secret stays the token68.
		{"credentials", "Basic dXNlcjpwYXNz== junk", []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "token68", Offset: 6, Value: "dXNlcjpwYXNz=="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mode := Challenges
			if tt.name == "credentials" {
				mode = Credentials
			}
			items, _ := lexAll(t, mode, tt.in)
			for i := range tt.want {
				tt.want[i].Line = 1
			}
			if diff := cmp.Diff(tt.want, items); diff != "" {
				t.Errorf("%q mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestLexerQuotedThenParam checks that a lenient Lexer reads an auth-param
// right after a quoted-string as the next element, and nothing else.
func TestLexerQuotedThenParam(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []lexed
	}{
		{"param", `Bearer realm="a"scope="b"`, []lexed{{Kind: "scheme", Name: "Bearer"}, {Kind: "param", Offset: 7, Name: "realm", Value: "a"}, {Kind: "param", Offset: 16, Name: "scope", Value: "b"}}},
		{"param-bws", `Bearer realm="a"scope = b`, []lexed{{Kind: "scheme", Name: "Bearer"}, {Kind: "param", Offset: 7, Name: "realm", Value: "a"}, {Kind: "param", Offset: 16, Name: "scope", Value: "b"}}},
		{"escaped", `Bearer realm="a\""scope=b`, []lexed{{Kind: "scheme", Name: "Bearer"}, {Kind: "param", Offset: 7, Name: "realm", Value: `a"`}, {Kind: "param", Offset: 18, Name: "scope", Value: "b"}}},
		// Not an auth-param: skipped to the next comma.
		{"scheme", `Basic realm="a"Bearer realm="b"`, []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: "a"}}},
		{"token", `Basic realm="a"x, y=z`, []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: "a"}, {Kind: "param", Offset: 18, Name: "y", Value: "z"}}},
		// An unquoted value that ends with a DQUOTE runs over what
		// follows (up to whitespace): no second auth-param.
		{"loose", `Basic realm=a"b=c`, []lexed{{Kind: "scheme", Name: "Basic"}, {Kind: "param", Offset: 6, Name: "realm", Value: `a"b=c`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _ := lexAll(t, Challenges, tt.in)
			for i := range tt.want {
				tt.want[i].Line = 1
			}
			if diff := cmp.Diff(tt.want, items); diff != "" {
				t.Errorf("%q mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
