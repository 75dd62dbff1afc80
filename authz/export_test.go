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

// AppendWire appends the wire form of c to b, or returns b unchanged and an
// error: WireForm without the allocation, for the allocation and
// refusal tests.
func AppendWire(c Credentials, b []byte) ([]byte, error) { return c.appendWire(b) }

// EqualSecret is CheckBasic's comparison.
var EqualSecret = equalSecret
