package grammar

import (
	"sort"
	"strings"
)

// Mode selects the production a [Lexer] recognizes.
type Mode uint8

const (
	// Challenges is #challenge, the value of WWW-Authenticate and
	// Proxy-Authenticate (RFC 9110, Sections 11.6.1 and 11.7.1).
	Challenges Mode = iota

	// Credentials is credentials, the value of Authorization and
	// Proxy-Authorization (RFC 9110, Sections 11.6.2 and 11.7.2): one
	// credentials, not a list.
	Credentials

	// Params is #auth-param, the value of Authentication-Info and
	// Proxy-Authentication-Info (RFC 9110, Sections 11.6.3 and 11.7.3).
	Params
)

// Kind says what an [Item] is.
type Kind uint8

const (
	End     Kind = iota // no more items
	Scheme              // an auth-scheme: Name
	Token68             // the token68 of the latest auth-scheme: Value
	Param               // an auth-param: Name and Value
)

// An Item is one piece of a field value. Its strings are substrings of the
// input, or of its unfolded copy where a lenient Lexer replaced an obs-fold
// (see [Lexer.Line]); they never hold a CR or an LF.
type Item struct {
	Line   int    // 1-based number of the line the item is on
	Offset int    // of the auth-scheme, the token68 or the parameter name, in the line as given
	Name   string // auth-scheme or parameter name, as received
	// Value is the token68, or the parameter value: a token, or the content
	// of a quoted-string without its DQUOTEs. If Escaped is set, Value still
	// holds quoted-pairs and ValueText gives the value.
	Value   string
	Kind    Kind
	Escaped bool
}

// ValueText returns the value of a Param item with its quoted-pairs
// resolved: a substring of the input unless it had some.
func (it *Item) ValueText() string {
	if it.Escaped {
		return Unquote(it.Value)
	}
	return it.Value
}

type state uint8

const (
	stElement   state = iota // at a list element: the start of a line, or after a comma
	stAfterSP                // after an auth-scheme and its SP: token68 or auth-param
	stAfterItem              // after an auth-scheme, a token68 or a value: OWS, then ',' or the end
	stDone
)

// scope is what the latest challenge can still take after a comma.
type scope uint8

const (
	scopeNone    scope = iota // no challenge yet
	scopeBare                 // auth-scheme with no SP after it: nothing
	scopeParams               // auth-scheme SP: auth-params
	scopeToken68              // auth-scheme SP token68: nothing
)

// A Lexer splits field lines into items. Its zero value is not ready: call
// Init, then for each field line Line and Next until it returns End.
//
// In strict mode Next returns an *Error at the first byte RFC 9110 forbids.
// In lenient mode it never fails: it recovers, appends each recovery to
// Recoveries, and goes on. A lenient Lexer returns the same items as a
// strict one on input the strict one accepts, because it only departs from
// the strict path where the strict one would have returned an error.
//
// The Lexer never backtracks: every step consumes input or changes state
// towards consuming it, so its work is linear in the input's length.
//
// Offsets, in items, errors and recoveries, are those of the line as the
// caller gave it, even where a lenient Lexer lexes an unfolded copy.
type Lexer struct {
	s       string // the current line, up to its trailing OWS
	pos     int
	mode    Mode
	lenient bool
	state   state
	scope   scope
	it      Item // the latest item
	line    int  // 1-based number of the current line

	// folds lists the obs-folds a lenient Lexer replaced in the current
	// line, in order; s is then the unfolded copy. reported counts the
	// folds whose recovery is recorded, and cursor is where orig resumes
	// its search.
	folds    []fold
	reported int
	cursor   int

	// Recoveries lists, in order, the first MaxRecoveries things a lenient
	// Lexer recovered from, and Omitted counts the others: hostile input
	// can hold a recovery every two bytes, and must not buy a record of
	// each.
	Recoveries []Recovery
	Omitted    int
}

// MaxRecoveries is how many recoveries a Lexer records in full.
const MaxRecoveries = 64

// A fold is an obs-fold that a lenient Lexer replaced with one SP.
type fold struct {
	at      int // offset of the SP in the unfolded line
	off     int // offset in the line as given of the line break (the CR of CR LF, or the LF)
	removed int // bytes the unfolded line lacks after the SP, this fold's included
}

// Init prepares l to lex a field of the given mode. Call Line for each of
// the field's lines in turn.
func (l *Lexer) Init(mode Mode, lenient bool) {
	*l = Lexer{mode: mode, lenient: lenient, state: stDone}
}

// Line starts the next field line. Several lines of one field are one list
// (RFC 9110, Section 5.3): the combined value is the lines joined by ", ",
// so each line continues the list as if after a comma, and a line may go
// on with the auth-params of the previous line's last challenge. Leading
// and trailing OWS are not part of a field value (Section 5.5). Offsets are
// those of the line.
//
// (Line takes one line at a time, rather than Init taking them all, so that
// the caller's slice of lines never escapes to the heap: a parse of one
// string allocates nothing but its result.)
//
// A lenient Lexer first replaces each obs-fold of s (OWS, CR LF or a bare
// LF, then one or more SP or HTAB, as older servers and proxies send a value
// continued on the next line) with one SP, and reports each replacement.
// RFC 9112, Section 5.2 has a user agent do so ("replace each received
// obs-fold with one or more SP octets prior to interpreting the field
// value"), and RFC 9110, Section 5.5 assumes it was done; strict parsing
// rejects the CR or LF instead, as Section 5.5 allows. A CR or LF that is not
// part of an obs-fold is an error in both modes. One SP, rather than one per
// byte of the fold, makes a folded quoted-string read as the same text on
// one line, as net/textproto joins continuation lines.
func (l *Lexer) Line(s string) {
	if l.lenient {
		l.reportFolds(len(l.folds))
		l.folds, l.reported, l.cursor = l.folds[:0], 0, 0
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = l.unfold(s, i)
		}
	}
	start, end := TrimOWS(s)
	l.s, l.pos, l.state = s[:end], start, stElement
	l.line++
}

// unfold returns s with each obs-fold replaced by one SP, and lists the
// folds in l.folds; or s itself if it has none. lf is the index of the
// first LF of s.
//
//	obs-fold = OWS CRLF RWS   ; RFC 9112, Section 5.2
//
// A bare LF counts as CRLF, as RFC 9112, Section 2.2 lets a recipient take
// a lone LF for a line end. Folds in a row (a continuation line of only
// whitespace) make one fold.
//
//go:noinline
func (l *Lexer) unfold(s string, lf int) string {
	var (
		b       strings.Builder
		removed int
		copied  int // s[:copied] is written or replaced
	)
	for lf >= 0 {
		brk := lf // the CR of CR LF, or the LF
		if brk > copied && s[brk-1] == '\r' {
			brk--
		}
		end := skipOWS(s, lf+1)
		if end == lf+1 {
			// Not followed by whitespace: not a fold, and an error
			// where the lexer meets it.
			lf = nextLF(s, lf+1)
			continue
		}
		for {
			// Another line break right after the whitespace, itself
			// followed by whitespace, continues the same fold.
			k := end
			if k < len(s) && s[k] == '\r' {
				k++
			}
			if k == len(s) || s[k] != '\n' {
				break
			}
			e := skipOWS(s, k+1)
			if e == k+1 {
				break
			}
			end = e
		}
		start := brk // the OWS before the line break is part of the fold
		for start > copied && (s[start-1] == ' ' || s[start-1] == '\t') {
			start--
		}
		if copied == 0 {
			// The first fold of the line. Each fold holds an LF: their
			// count bounds the folds.
			b.Grow(len(s))
			if n := 1 + strings.Count(s[lf+1:], "\n"); cap(l.folds) < n {
				l.folds = make([]fold, 0, n)
			}
		}
		b.WriteString(s[copied:start])
		b.WriteByte(' ')
		removed += end - start - 1
		l.folds = append(l.folds, fold{at: b.Len() - 1, off: brk, removed: removed})
		copied = end
		lf = nextLF(s, end)
	}
	if len(l.folds) == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// nextLF returns the index of the first LF at or after i, or -1.
func nextLF(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j
	}
	return -1
}

// orig returns the offset in the line as given of offset u of the unfolded
// line. Offsets mostly come in increasing order (items always do), so it
// goes on from where its previous call stopped, and searches only when
// asked about an earlier one: its work over a line is linear.
func (l *Lexer) orig(u int) int {
	f, i := l.folds, l.cursor
	if i > 0 && f[i-1].at >= u {
		i = sort.Search(i, func(j int) bool { return f[j].at >= u })
	}
	for i < len(f) && f[i].at < u {
		i++
	}
	l.cursor = i
	if i == 0 {
		return u
	}
	return u + f[i-1].removed
}

// reportFolds records the recoveries of the folds before the first n that
// are not recorded yet, so that recoveries stay in input order.
func (l *Lexer) reportFolds(n int) {
	for ; l.reported < n; l.reported++ {
		l.record(l.folds[l.reported].off, ErrObsFold, "replaced the line break and the whitespace around it with one SP")
	}
}

// Next returns the next item of the current line, or an item of kind End
// at its end. The item is valid until the next call of Next or Line.
func (l *Lexer) Next() (*Item, *Error) {
	for {
		var (
			emit bool
			err  *Error
		)
		switch l.state {
		case stElement:
			emit, err = l.element()
		case stAfterSP:
			emit, err = l.afterSP()
		case stAfterItem:
			emit, err = l.afterItem()
		default:
			l.it = Item{Kind: End, Offset: len(l.s)}
			emit = true
		}
		if err != nil {
			err.Line = l.line
			if len(l.folds) > 0 {
				err.Offset = l.orig(err.Offset)
			}
			return nil, err
		}
		if emit {
			l.it.Line = l.line
			if len(l.folds) > 0 {
				l.it.Offset = l.orig(l.it.Offset)
				if l.it.Kind == End {
					l.reportFolds(len(l.folds))
				}
			}
			return &l.it, nil
		}
	}
}

// Duplicate handles the parameter item it, whose name repeats one of the
// same challenge (NameSet.Add said so): RFC 9110, Section 11.2 has a name
// occur once. A strict Lexer returns the error; a lenient one records the
// recovery (the first one wins) and returns nil, and the caller drops it.
//
//go:noinline
func (l *Lexer) Duplicate(it *Item) *Error {
	if !l.lenient {
		return &Error{Line: it.Line, Offset: it.Offset, Err: ErrDuplicateParam}
	}
	l.Recover(it.Offset, ErrDuplicateParam, "kept the first and dropped this one")
	return nil
}

// fail stops l with an error at off. It and the other helpers of the error
// and recovery paths are kept out of line, so that they do not crowd the
// registers of the functions on the hot path.
//
//go:noinline
func (l *Lexer) fail(off int, cause error) (bool, *Error) {
	l.state = stDone
	return false, &Error{Offset: off, Err: cause}
}

// end sets the End item at offset i.
func (l *Lexer) end(i int) (bool, *Error) {
	l.pos, l.state = i, stDone
	l.it = Item{Kind: End, Offset: i}
	return true, nil
}

// recover records a recovery at offset off of the line the lexer reads,
// which is the unfolded one if there were obs-folds.
func (l *Lexer) recover(off int, cause error, assumed string) {
	if len(l.folds) > 0 && len(l.Recoveries) < MaxRecoveries {
		off = l.orig(off)
	}
	l.Recover(off, cause, assumed)
}

// Recover records a recovery at offset off of the current line as given,
// as the lexer does itself; a parser calls it for what it detects on top of
// the lexer, such as a duplicate parameter.
//
//go:noinline
func (l *Lexer) Recover(off int, cause error, assumed string) {
	if l.reported < len(l.folds) {
		// The folds before off come first.
		n := l.reported
		for n < len(l.folds) && l.folds[n].off <= off {
			n++
		}
		l.reportFolds(n)
	}
	l.record(off, cause, assumed)
}

// record appends a recovery, or counts it once MaxRecoveries are listed.
func (l *Lexer) record(off int, cause error, assumed string) {
	if len(l.Recoveries) == MaxRecoveries {
		l.Omitted++
		return
	}
	l.Recoveries = append(l.Recoveries, Recovery{Line: l.line, Offset: off, Err: cause, Assumed: assumed})
}

// skip makes a lenient Lexer drop the list element in which it found cause
// at offset at: it goes on at the next comma after from (where the element,
// or the part of it being dropped, starts) that is not inside a
// quoted-string.
//
//go:noinline
func (l *Lexer) skip(at, from int, cause error) (bool, *Error) {
	l.recover(at, cause, "skipped to the next ','")
	l.pos = skipElement(l.s, from)
	l.state = stElement
	return false, nil
}

// element lexes at the start of a list element: empty elements, then an
// auth-scheme or an auth-param.
//
//	#element => [ element ] *( OWS "," OWS [ element ] )   ; Section 5.6.1
func (l *Lexer) element() (bool, *Error) {
	s, i := l.s, l.pos
	for ; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' {
			continue
		}
		if c != ',' {
			break
		}
		// Credentials are not a list: a comma may only separate the
		// auth-params that follow "auth-scheme 1*SP".
		if l.mode == Credentials && l.scope != scopeParams {
			cause := ErrExpectedEnd
			if l.scope == scopeNone {
				cause = ErrExpectedScheme
			}
			if !l.lenient {
				return l.fail(i, cause)
			}
			l.recover(i, cause, "ignored the ','")
		}
	}
	if i == len(s) {
		return l.end(i)
	}
	j := scanToken(s, i)
	if j == i {
		cause := ErrExpectedScheme
		if l.mode == Params || l.mode == Credentials && l.scope == scopeParams {
			cause = ErrExpectedParam
		}
		if !l.lenient {
			return l.fail(i, cause)
		}
		return l.skip(i, i, cause)
	}
	if k := skipOWS(s, j); k < len(s) && s[k] == '=' {
		// token BWS "=": an auth-param. A new challenge cannot start
		// this way (its auth-scheme is followed by SP, a comma or the
		// end), so the only question is whether one may be here.
		switch {
		case l.mode == Params || l.scope == scopeParams:
		case !l.lenient:
			return l.fail(i, ErrStrayParam)
		case l.scope == scopeBare:
			// "Bearer, error=..." from servers that put a comma
			// right after the scheme.
			l.recover(i, ErrStrayParam, "took the auth-param as one of the preceding auth-scheme's")
			l.scope = scopeParams
		default:
			// No challenge, or one with a token68, to attach it
			// to: lex it to find its end, and drop it.
			l.recover(i, ErrStrayParam, "dropped the auth-param")
			_, err := l.param(i, j, k)
			return false, err
		}
		return l.param(i, j, k)
	}
	switch {
	case l.mode == Params:
		if !l.lenient {
			return l.fail(skipOWS(s, j), ErrExpectedEquals)
		}
		return l.skip(skipOWS(s, j), i, ErrExpectedEquals)
	case l.mode == Credentials && l.scope != scopeNone:
		if !l.lenient {
			return l.fail(i, ErrMultipleCredentials)
		}
		l.recover(i, ErrMultipleCredentials, "kept the first credentials and ignored the rest")
		return l.end(len(s))
	}
	return l.scheme(i, j)
}

// scheme lexes what follows the auth-scheme s[i:j].
//
//	challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]   ; Section 11.3
func (l *Lexer) scheme(i, j int) (bool, *Error) {
	s := l.s
	l.it = Item{Kind: Scheme, Offset: i, Name: s[i:j]}
	if j == len(s) || s[j] == ',' {
		l.scope, l.pos, l.state = scopeBare, j, stAfterItem
		return true, nil
	}
	if s[j] != ' ' && s[j] != '\t' {
		if !l.lenient {
			return l.fail(j, ErrExpectedSP)
		}
		return l.skip(j, i, ErrExpectedSP)
	}
	k := skipOWS(s, j)
	if k == len(s) || s[k] == ',' {
		// "Basic ," is a challenge whose #auth-param list holds only
		// empty elements, so auth-params may follow the comma; "Basic\t,"
		// is a bare challenge and OWS before the list's comma.
		l.scope = scopeBare
		if s[j] == ' ' {
			l.scope = scopeParams
		}
		l.pos, l.state = k, stAfterItem
		return true, nil
	}
	if h := strings.IndexByte(s[j:k], '\t'); h >= 0 && (k-j > 1 || s[j] == '\t') {
		// Only SP may separate the auth-scheme from what follows it.
		if !l.lenient {
			return l.fail(j+h, ErrExpectedSP)
		}
		l.recover(j+h, ErrExpectedSP, "took HTAB for SP")
	}
	l.scope, l.pos, l.state = scopeParams, k, stAfterSP
	return true, nil
}

// afterSP lexes the token68 or the first auth-param after "auth-scheme 1*SP".
//
//	token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//
// A token68 is followed by OWS and then a comma or the end; an auth-param's
// name by BWS "=" BWS and a value. The two never both match: after a
// token68's padding, a value would have to start with a tchar or DQUOTE.
func (l *Lexer) afterSP() (bool, *Error) {
	s, k := l.s, l.pos
	t := scanClass(s, k, cToken68)
	p, q := t, t
	if t > k {
		for p < len(s) && s[p] == '=' {
			p++
		}
		if q = skipOWS(s, p); q == len(s) || s[q] == ',' {
			l.scope, l.pos, l.state = scopeToken68, p, stAfterItem
			l.it = Item{Kind: Token68, Offset: k, Value: s[k:p]}
			return true, nil
		}
	}
	if n := scanToken(s, k); n > k {
		if e := skipOWS(s, n); e < len(s) && s[e] == '=' {
			if !l.lenient || !paddedToken68(s, t, p, q) {
				return l.param(k, n, e)
			}
			return l.padded(k, p, q)
		}
	}
	if t == k {
		if !l.lenient {
			return l.fail(k, ErrExpectedAuthParam)
		}
		return l.skip(k, k, ErrExpectedAuthParam)
	}
	// A token68 followed by something other than a comma or the end.
	cause := ErrExpectedComma
	if l.mode == Credentials {
		cause = ErrExpectedEnd
	}
	if !l.lenient {
		return l.fail(q, cause)
	}
	switch {
	case p > t:
		// "a/b== junk": the padding ends the token68.
		return l.padded(k, p, q)
	case q == p:
		// "abc!def": not a token68 that ends early but a malformed one.
		return l.skip(q, k, cause)
	}
	// "abc def": keep the token68; afterItem recovers from the rest.
	l.scope, l.pos, l.state = scopeToken68, p, stAfterItem
	l.it = Item{Kind: Token68, Offset: k, Value: s[k:p]}
	return true, nil
}

// padded makes a lenient Lexer keep the token68 s[k:p], which ends in
// padding, and skip what follows it from s[q] (neither a comma nor the end)
// up to the next comma: only "=" may follow the first "=" of a token68, so
// the padding says where the sender's token68 ends, and what follows is
// not part of it. (A lenient parse never turns a token68 into an auth-param
// named after it: for credentials, the name would be the secret.)
//
//go:noinline
func (l *Lexer) padded(k, p, q int) (bool, *Error) {
	cause := ErrExpectedComma
	if l.mode == Credentials {
		cause = ErrExpectedEnd
	}
	l.recover(q, cause, "kept the token68 and skipped to the next ','")
	l.scope, l.pos, l.state = scopeToken68, skipElement(l.s, q), stAfterItem
	l.it = Item{Kind: Token68, Offset: k, Value: l.s[k:p]}
	return true, nil
}

// paddedToken68 reports whether, in lenient mode, the token68 s[k:p] that
// ends in the padding s[t:p] and is followed by OWS up to s[q] (neither a
// comma nor the end) is to be kept as a token68, rather than read as the
// auth-param "s[k:t]=" whose value would start at the second "=" or at q.
// Strict parsing reads the auth-param, and fails on its value; the padding
// says the sender meant a token68, as in `NTLM TlRMTVNTUAACAAAA== (x)` or
// the credentials `Basic dXNlcjpwYXNz== junk`, where reading the auth-param
// would take the secret for a parameter name. It is kept when the value of
// the auth-param could not be a token or a quoted-string (the strict parse
// fails there) and either the padding is more than one "=" (a value cannot
// start with "=") or whitespace ends the token68. One "=" followed at once by
// a byte a value cannot start with (`realm=<https://x>`, `realm={x}`) stays
// an auth-param whose unquoted value param recovers.
func paddedToken68(s string, t, p, q int) bool {
	if p == t || p-t == 1 && q == p {
		return false
	}
	// The value of the auth-param would start at v: p-t == 1 here means
	// q > p, and the OWS is BWS.
	v := t + 1
	if p-t == 1 {
		v = q
	}
	return s[v] != '"' && classes[s[v]]&cTchar == 0
}

// param lexes the value of the auth-param whose name is s[i:j] and whose
// "=" is at s[eq].
//
//	auth-param = token BWS "=" BWS ( token / quoted-string )   ; Section 11.2
func (l *Lexer) param(i, j, eq int) (bool, *Error) {
	s := l.s
	// Field by field: cheaper than assigning a whole new Item.
	it := &l.it
	it.Kind, it.Offset, it.Name = Param, i, s[i:j]
	it.Value, it.Escaped = "", false
	v := skipOWS(s, eq+1)
	switch {
	case v < len(s) && s[v] == '"':
		// The common quoted-string, with no quoted-pair, ends where
		// its run of qdtext does: no need to call scanQuoted.
		if e := qdtextRun(s, v+1); e < len(s) && s[e] == '"' {
			it.Value = s[v+1 : e]
			l.pos = e + 1
			break
		}
		e, escaped, cause := scanQuoted(s, v)
		switch {
		case cause == nil:
			it.Value, it.Escaped = s[v+1:e-1], escaped
			l.pos = e
		case !l.lenient:
			return l.fail(e, cause)
		case cause == ErrUnterminatedQuote:
			l.recover(v, cause, "closed the quoted-string at the end of the line")
			it.Value, it.Escaped = s[v+1:], escaped
			l.pos = len(s)
		default:
			return l.skip(e, v, cause)
		}
	case v < len(s) && classes[s[v]]&cTchar != 0:
		w := scanToken(s, v)
		if l.lenient && w < len(s) && classes[s[w]]&cLoose != 0 {
			// An unquoted value with bytes a token cannot hold,
			// such as a URL or base64 padding: it runs to the next
			// comma or whitespace.
			l.recover(w, ErrExpectedComma, "took the unquoted value up to the next ',' or whitespace")
			w = scanClass(s, w, cLoose)
		}
		if l.lenient {
			w = l.words(w)
		}
		it.Value = s[v:w]
		l.pos = w
	case !l.lenient:
		return l.fail(v, ErrExpectedValue)
	case v == len(s) || s[v] == ',':
		l.recover(v, ErrExpectedValue, "took the value to be empty")
		l.pos = v
	case classes[s[v]]&cLoose != 0:
		l.recover(v, ErrExpectedValue, "took the unquoted value up to the next ',' or whitespace")
		w := scanClass(s, v, cLoose)
		it.Value = s[v:w]
		l.pos = w
	default:
		return l.skip(v, v, ErrExpectedValue)
	}
	// A comma right after the value needs no afterItem step.
	if l.pos < len(s) && s[l.pos] == ',' {
		l.state = stElement
	} else {
		l.state = stAfterItem
	}
	return true, nil
}

// words extends, in lenient mode, an unquoted value that ends at w over
// the words that follow it up to the next comma or the end, as in
// `Basic realm=Restricted Area`, when none of them starts an auth-param.
// It returns the new end of the value. If the words are not all plain
// (a quoted-string, a "=", a byte that is not a token), it leaves the value
// alone and afterItem recovers from what follows. The bytes it gives up on
// are lexed once more, but no later call of words looks at them again (it
// starts after a later value), so the work stays linear.
func (l *Lexer) words(w int) int {
	s := l.s
	end := w
	for {
		k := skipOWS(s, end)
		if k == end || k == len(s) || s[k] == ',' {
			break
		}
		x := k
		for x < len(s) && classes[s[x]]&cLoose != 0 && s[x] != '=' && s[x] != '"' {
			x++
		}
		// A plain word ends at whitespace, a comma or the end; a "=",
		// a DQUOTE or a control byte means this is not one.
		if x == k || x < len(s) && s[x] != ' ' && s[x] != '\t' && s[x] != ',' {
			return w
		}
		if e := skipOWS(s, x); e < len(s) && s[e] == '=' {
			return w // "name =": a parameter
		}
		end = x
	}
	if end > w {
		l.recover(skipOWS(s, w), ErrExpectedComma, "took the words up to the next ',' as part of the unquoted value")
	}
	return end
}

// afterItem lexes the end of a list element: OWS, then a comma or the end.
func (l *Lexer) afterItem() (bool, *Error) {
	s, i := l.s, l.pos
	k := skipOWS(s, i)
	if k == len(s) {
		return l.end(k)
	}
	if s[k] == ',' {
		l.pos, l.state = k, stElement
		return false, nil
	}
	cause := ErrExpectedComma
	if l.mode == Credentials && l.scope != scopeParams {
		cause = ErrExpectedEnd
	}
	if !l.lenient {
		return l.fail(k, cause)
	}
	if k == i {
		if l.it.Kind == Param && i > 0 && s[i-1] == '"' && startsParam(s, k) {
			// `realm="api"scope="files:read"`: the closing DQUOTE
			// ends the value for sure, and what follows it at once
			// is the next auth-param with its comma left out. (An
			// unquoted value that a lenient parse takes up to the
			// next whitespace would have run over the auth-param:
			// only a quoted-string ends with a DQUOTE before a tchar.)
			l.recover(k, cause, "assumed a ',' before it")
			l.pos, l.state = k, stElement
			return false, nil
		}
		return l.skip(k, k, cause)
	}
	// Elements separated by whitespace alone, as in
	// `Bearer realm="a" error="b"`.
	l.recover(k, cause, "assumed a ',' before it")
	l.pos, l.state = k, stElement
	return false, nil
}

// startsParam reports whether an auth-param starts at s[i]: a token, BWS and
// "=".
func startsParam(s string, i int) bool {
	n := scanToken(s, i)
	if n == i {
		return false
	}
	e := skipOWS(s, n)
	return e < len(s) && s[e] == '='
}

// scanQuoted scans the quoted-string that starts with the DQUOTE at s[i].
// On success it returns the index after the closing DQUOTE and whether the
// content holds quoted-pairs. On failure it returns the offset to blame: the
// opening DQUOTE of an unterminated quoted-string, or the invalid byte.
//
//	quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE   ; Section 5.6.4
func scanQuoted(s string, i int) (end int, escaped bool, err error) {
	start := i
	for i++; ; {
		i = qdtextRun(s, i)
		switch {
		case i == len(s):
			return start, escaped, ErrUnterminatedQuote
		case s[i] == '"':
			return i + 1, escaped, nil
		case s[i] != '\\':
			return i, escaped, ErrQuotedByte
		case i+1 == len(s):
			return start, escaped, ErrUnterminatedQuote
		case classes[s[i+1]]&cQuotedPair == 0:
			return i + 1, escaped, ErrQuotedByte
		}
		escaped = true
		i += 2
	}
}

// qdtextRun returns the index of the first byte at or after i that is not
// qdtext, or len(s). Quoted-strings (URLs, nonces, descriptions) are most
// of a challenge's bytes, so it looks at eight bytes per step: the AND of
// their classes has the qdtext bit only if all eight have it.
func qdtextRun(s string, i int) int {
	for i+8 <= len(s) {
		b := s[i : i+8] // one bounds check for the eight loads
		if classes[b[0]]&classes[b[1]]&classes[b[2]]&classes[b[3]]&
			classes[b[4]]&classes[b[5]]&classes[b[6]]&classes[b[7]]&cQdtext == 0 {
			break
		}
		i += 8
	}
	for i < len(s) && classes[s[i]]&cQdtext != 0 {
		i++
	}
	return i
}

// skipElement returns the index of the next comma at or after i that is
// not inside a quoted-string, or len(s).
func skipElement(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ',':
			return i
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		}
		i++
	}
	return len(s)
}

// Unquote returns the content of a quoted-string (without its DQUOTEs) with
// each quoted-pair replaced by the byte it escapes. A backslash at the very
// end, left by a lenient parse of an unterminated quoted-string, is kept.
func Unquote(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) - 1)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			c = s[i]
		}
		b.WriteByte(c)
	}
	return b.String()
}

// The default limits of the parsers (wwwauth.Parser and authz.Parser). Each
// admits every real header we know of with room to spare.
const (
	// DefaultMaxLength is the default limit on the total length of a
	// field's lines. The largest real fields are Negotiate ones carrying
	// a Kerberos token: Windows caps those at 65535 bytes (MaxTokenSize),
	// 87380 bytes in base64, so 128 KiB admits the largest with the
	// scheme and padding. Go's net/http server limits all of a request's
	// headers to 1 MiB by default.
	DefaultMaxLength = 128 << 10

	// DefaultMaxChallenges is the default limit on the number of
	// challenges in a field. Servers send one to four (Negotiate, NTLM,
	// Basic, Digest with two algorithms...).
	DefaultMaxChallenges = 64

	// DefaultMaxParams is the default limit on the number of parameters of
	// one challenge or credentials. Digest, the richest scheme, defines
	// about a dozen.
	DefaultMaxParams = 64
)
