#!/usr/bin/env bash
# Runs the side-by-side comparison and prints a markdown report on stdout:
# the parsers (BenchmarkParse) and the bearer-token middleware
# (BenchmarkMiddleware).
#
#   ./run.sh                      # COUNT=10 samples of each benchmark (~7 min on 2 cores)
#   COUNT=3 BENCHTIME=200ms ./run.sh   # quick look
#   NICE=-10 ./run.sh             # benchmark at a higher priority on a shared machine (root)
#   PEERS_ONLY=1 ./run.sh         # leave our parser out (ours_test.go hidden by an overlay)
#   ./run.sh > RESULTS.md
#
# Needs only the go command and the Go module proxy: benchstat is built at a
# pinned version into a temporary GOBIN. If our packages (../../wwwauth,
# ../../authz, ../../resourceserver) do not build yet, ours is left out
# automatically.
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-1s}
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

GOBIN="$tmp/bin" go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"

# Leave ours out when asked to, or when our packages do not build: an overlay
# that maps ours_test.go to "" makes the go command treat it as deleted,
# without touching the work tree.
overlay=()
ours_note="ours: wwwauth.ParseString / authz.ParseString / resourceserver.RequireBearer from this repository (replace => ../..)."
if [[ "${PEERS_ONLY:-}" == 1 ]] || ! (cd ../.. && go build ./wwwauth ./authz ./resourceserver) >/dev/null 2>&1; then
	printf '{"Replace":{"%s":""}}\n' "$PWD/ours_test.go" >"$tmp/overlay.json"
	overlay=(-overlay "$tmp/overlay.json")
	ours_note="ours: LEFT OUT (PEERS_ONLY=1, or ../../wwwauth, ../../authz or ../../resourceserver do not build yet)."
	echo "run.sh: leaving ours out" >&2
fi

echo "run.sh: correctness..." >&2
if ! BENCHCMP_CORRECTNESS_OUT="$tmp/correct.json" go test "${overlay[@]}" -count=1 \
	-run '^TestCorrectness$' -v . >"$tmp/correct.log" 2>&1; then
	if [[ ! -s "$tmp/correct.json" ]]; then
		cat "$tmp/correct.log" >&2
		exit 1
	fi
	echo "run.sh: TestCorrectness FAILED (ours is wrong on some input); see the report" >&2
fi
echo "run.sh: middleware answers..." >&2
if ! BENCHCMP_MIDDLEWARE_OUT="$tmp/middleware.json" go test "${overlay[@]}" -count=1 \
	-run '^TestMiddlewarePaths$' -v . >"$tmp/middleware.log" 2>&1; then
	cat "$tmp/middleware.log" >&2
	exit 1
fi

# The test binary is built once and run COUNT times with -test.count=1, so
# the samples of every input/impl pair are interleaved over the whole run: a
# burst of load from other work on the machine then spreads over all pairs
# instead of spoiling one pair's 10 consecutive runs (which is what a single
# -count=10 would do). INTERLEAVE=0 runs one `-count=$COUNT` instead.
go test "${overlay[@]}" -c -o "$tmp/benchcmp.test" .
# NICE=-10 (as root) runs the benchmark binary at a higher priority, for a
# machine that other work shares.
runbench=("$tmp/benchcmp.test")
if [[ -n "${NICE:-}" ]]; then
	runbench=(nice -n "$NICE" "$tmp/benchcmp.test")
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ "${INTERLEAVE:-1}" == 0 ]]; then
	echo "run.sh: benchmarks, -count=$COUNT -benchtime=$BENCHTIME ..." >&2
	"${runbench[@]}" -test.run '^$' -test.bench '^Benchmark(Parse|Middleware)$' -test.benchmem \
		-test.count="$COUNT" -test.benchtime="$BENCHTIME" >"$tmp/bench.txt"
	how="-count=$COUNT"
else
	for ((i = 1; i <= COUNT; i++)); do
		echo "run.sh: benchmarks, round $i of $COUNT (-benchtime=$BENCHTIME) ..." >&2
		"${runbench[@]}" -test.run '^$' -test.bench '^Benchmark(Parse|Middleware)$' -test.benchmem \
			-test.count=1 -test.benchtime="$BENCHTIME" >>"$tmp/bench.txt"
	done
	how="$COUNT interleaved rounds of -count=1"
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

(cd "$tmp" && bin/benchstat -format csv bench.txt >bench.csv 2>/dev/null &&
	bin/benchstat bench.txt >bench.stat 2>&1)

echo "# benchcmp: our parser and middleware side by side with the Go peers"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores (nproc), CPU:$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- || echo ' unknown')"
echo "- $(go version)"
echo "- go test -bench '^Benchmark(Parse|Middleware)\$' -benchmem -benchtime=$BENCHTIME, $how (COUNT=$COUNT samples per input/impl); benchstat $BENCHSTAT_VERSION"
echo "- load average (1/5/15 min) at the start of the benchmarks: $load_start; at the end: $load_end${NICE:+; benchmark binary run under nice -n $NICE}"
echo "- $ours_note"
echo "- peers:"
go list -m github.com/docker/distribution github.com/containerd/containerd/v2 \
	github.com/modelcontextprotocol/go-sdk github.com/josegomezr/go-http-auth-challenge |
	sed 's/^/  - /'
echo "  - net/http (Request.BasicAuth) of $(go env GOVERSION)"
echo
go run ./cmd/table -bench "$tmp/bench.csv" -correct "$tmp/correct.json" -middleware "$tmp/middleware.json"
echo
echo "<details><summary>benchstat output</summary>"
echo
echo '```'
cat "$tmp/bench.stat"
echo '```'
echo
echo "</details>"
