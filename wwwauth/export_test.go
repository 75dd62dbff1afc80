package wwwauth

// The fixed errors tests compare with errors.Is; callers read their
// messages.
var (
	ErrScheme            = errScheme
	ErrUnexpectedToken68 = errUnexpectedToken68
	ErrBearerNoParams    = errBearerNoParams
)
