package wwwauth_test

import "unsafe"

// isSubstring reports whether sub's bytes lie inside s's memory: a
// substring, not an equal copy.
func isSubstring(s, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(sub)))
	return start <= p && p+uintptr(len(sub)) <= start+uintptr(len(s))
}
