package authz

// The fixed errors tests compare with errors.Is; callers read their
// messages.
var (
	ErrScheme         = errScheme
	ErrBasicUserID    = errBasicUserID
	ErrBasicControl   = errBasicControl
	ErrBasicUTF8      = errBasicUTF8
	ErrBasicMalformed = errBasicMalformed
	ErrBearerToken    = errBearerToken
	ErrDPoPToken      = errDPoPToken
)
