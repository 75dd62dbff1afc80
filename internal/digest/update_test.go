package digest

import "flag"

// update is accepted, and unused, so that "go test ./... -update" (which
// rewrites the golden files of other packages) works here too.
var _ = flag.Bool("update", false, "rewrite golden files (unused in this package)")
