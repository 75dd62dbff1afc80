package authz_test

import "github.com/httpauth-go/httpauth/authz"

// wire returns the wire form of c, or "!invalid: " and the error if c
// cannot be serialized.
func wire(c authz.Credentials) string {
	s, err := c.WireForm()
	if err != nil {
		return "!invalid: " + err.Error()
	}
	return s
}
