module github.com/httpauth-go/httpauth/internal/interop/digest

go 1.26.0

replace github.com/httpauth-go/httpauth => ../../..

require (
	github.com/abbot/go-http-auth v0.4.0
	github.com/google/go-cmp v0.7.0
	github.com/httpauth-go/httpauth v0.0.0-00010101000000-000000000000
)

require (
	golang.org/x/crypto v0.59.0 // indirect
	golang.org/x/net v0.62.0 // indirect
)
