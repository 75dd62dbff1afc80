module github.com/httpauth-go/httpauth/internal/interop/oauth2

go 1.26.0

replace github.com/httpauth-go/httpauth => ../../..

require github.com/httpauth-go/httpauth v0.0.0-00010101000000-000000000000

require golang.org/x/oauth2 v0.38.0
