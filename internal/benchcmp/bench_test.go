package benchcmp

import "testing"

// BenchmarkParse runs every implementation on every benchmarked input of the
// shared corpus: BenchmarkParse/<input>/<impl>. Each implementation's setup
// (an *http.Response, http.Header, *http.Request or []string holding the
// field value, where its API needs one) is done before b.Loop, so only the
// call documented in impl.call is timed. SetBytes is the field value's length.
func BenchmarkParse(b *testing.B) {
	for i := range corpus {
		in := &corpus[i]
		if !in.bench {
			continue
		}
		b.Run(in.name, func(b *testing.B) {
			for _, im := range impls() {
				if !im.applies(in) {
					continue
				}
				b.Run(im.name, func(b *testing.B) {
					if _, err := safeParse(im, in); err != nil && isPanic(err) {
						b.Skipf("%s panics on this input: %v", im.name, err)
					}
					b.ReportAllocs()
					b.SetBytes(int64(len(in.value)))
					im.bench(b, in)
				})
			}
		})
	}
}
