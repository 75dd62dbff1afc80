package grammar

// A NameSet finds repeated parameter names under ASCII case folding
// (RFC 9110, Section 11.2: a parameter name occurs once per challenge). It
// compares a handful of names pairwise without allocating, and moves to a
// map beyond that, so that checking n names costs O(n) however large n is.
// The zero value is an empty set.
type NameSet struct {
	n     int
	small [16]string
	big   map[string]struct{}
}

// Reset empties s.
func (s *NameSet) Reset() {
	s.n = 0
	s.big = nil // not clear(s.big): that would cost the old size on every reset
}

// Add adds name to s and reports whether s already held it.
func (s *NameSet) Add(name string) (dup bool) {
	if s.big == nil {
		for _, m := range s.small[:s.n] {
			if EqualFold(m, name) {
				return true
			}
		}
		if s.n < len(s.small) {
			s.small[s.n] = name
			s.n++
			return false
		}
		s.big = make(map[string]struct{}, 4*len(s.small))
		for _, m := range s.small {
			s.big[toLower(m)] = struct{}{}
		}
	}
	key := toLower(name)
	if _, ok := s.big[key]; ok {
		return true
	}
	s.big[key] = struct{}{}
	return false
}

// toLower returns s with ASCII letters in lower case; it allocates only if
// s holds an upper-case letter.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}
