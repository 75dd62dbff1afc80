// Package digest is a test-only module: it drives servers from other
// projects with github.com/httpauth-go/httpauth/authclient, to check the
// module's Digest and Basic clients against implementations it did not
// write. Being its own module (with replace => ../../..), it adds nothing
// to the library's go.mod; `go test ./...` at the repository root does
// not enter it, and .ci/run runs it in a separate step.
package digest
