#!/bin/sh
# Failure injection: make the N-th allocation of a whole credaudit run fail,
# for every N from 1 to the number of allocations the run makes (libcsv and
# jansson allocate through the same wrapper, src/base/util.c).  Each run must
# either end cleanly with exit 4 and "out of memory", leave no output file
# (the old one stays, no temporary file), and leak nothing (the build is
# AddressSanitizer's, whose leak checker logs every leak); or, when the
# failed allocation could be retried, give exactly the normal output.
# Also: write failures (/dev/full) give exit 4 and a clear message, and no
# allocation in src/ bypasses the wrapper.
# Prints FAIL lines and "failinj: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

# FB: a credaudit built with -DCREDAUDIT_FAILPOINTS (make coverage passes
# its own); by default the AddressSanitizer build of make failinj-build.
if [ -z "${FB:-}" ]; then
	if ! make -s failinj-build >"$T/build" 2>&1; then
		cat "$T/build"
		echo "FAIL: failure-injection build failed"
		echo "failinj: 0 passed, 1 failed"
		exit 1
	fi
	FB=build/failinj/credaudit
fi
mkdir "$T/log"
ASAN_OPTIONS="log_path=$T/log/asan:detect_leaks=1"
UBSAN_OPTIONS="log_path=$T/log/ubsan:halt_on_error=1"
export ASAN_OPTIONS UBSAN_OPTIONS

# scenario NAME OUTFILE ARGS...: every allocation of `credaudit -o OUTFILE ARGS`
# (`credaudit history -o OUTFILE ARGS` when SUB=history).  A first run
# counts the allocations (the build says how many at exit); then allocation
# 1, 2, ... fail in turn, up to that count and two more, and on while the
# rounds still reach theirs.  With --jobs 1 a run makes the same
# allocations in the same order every time; with threads the order and the
# count may change from run to run, so a round whose allocation was never
# reached must simply give the normal output.
scenario() {
	sname=$1
	out=$2
	shift 2
	rm -f "$out"
	CREDAUDIT_FAIL_ALLOC=2000000000 "$FB" ${SUB:-} -o "$out" "$@" 2>"$T/err"
	want=$?
	total=$(sed -n 's/^credaudit-failinj: \([0-9]*\) allocations made$/\1/p' "$T/err")
	cp "$out" "$T/ref" 2>/dev/null || : >"$T/ref"
	n=1
	bad_n=0
	dir=$(dirname "$out")
	# (each round forks as little as it can: thousands of rounds)
	reached=1
	while { [ $n -le $((${total:-0} + 2)) ] || [ $reached = 1 ]; } && [ $n -lt 100000 ]; do
		echo precious >"$out"
		CREDAUDIT_FAIL_ALLOC=$n "$FB" ${SUB:-} -o "$out" "$@" >/dev/null 2>"$T/err"
		rc=$?
		why=
		reached=1
		if ! grep -q '^credaudit-failinj: allocation' "$T/err"; then
			reached=0
			# not reached: the run must be the normal one
			if [ "$rc" != "$want" ] || ! cmp -s "$out" "$T/ref"; then
				why="allocation not reached, yet exit $rc (want $want) or other output"
			fi
		elif [ "$rc" = 4 ]; then
			grep -q 'out of memory' "$T/err" || why="no 'out of memory' message"
			{ IFS= read -r first && [ "$first" = precious ] &&
				! IFS= read -r more && [ -z "$more" ]; } <"$out" ||
				why="$why; output file changed"
		elif [ "$rc" = "$want" ]; then
			cmp -s "$out" "$T/ref" || why="recovered but output differs"
		else
			why="exit $rc (want 4 or $want)"
		fi
		for tmp in "$dir"/*.tmp.*; do
			[ -e "$tmp" ] || continue
			why="$why; temporary file left"
			rm -f "$dir"/*.tmp.*
			break
		done
		for log in "$T"/log/*; do
			[ -e "$log" ] || continue
			why="$why; sanitizer report: $(head -c 600 "$T"/log/* | tr '\n' ' ')"
			rm -f "$T"/log/*
			break
		done
		if [ -n "$why" ]; then
			bad_n=$((bad_n + 1))
			[ $bad_n -le 5 ] && bad "$sname: allocation $n: $why ($(head -n 2 "$T/err" | tr '\n' ' '))"
			[ $bad_n -gt 5 ] && fail=$((fail + 1))
		else
			ok
		fi
		n=$((n + 1))
	done
	check "$sname: the run allocates (saw ${total:-no} allocations)" test "${total:-0}" -gt 10
	check "$sname: the run without injection is not an internal error (exit $want)" test "$want" -lt 4
}

mkdir "$T/o"
scenario "text, one report" "$T/o/out.txt" fixtures/demo.csv
# the one run on two threads: out of memory in a worker
scenario "json, findings, an input error, hostile text, two threads" "$T/o/out.json" \
	--jobs 2 --format json fixtures/demo.csv fixtures/cases/err-two-roots.csv \
	fixtures/cases/hostile-text.csv
scenario "text, gzip > aws-cli-json > base64 > csv" "$T/o/gz.txt" \
	fixtures/containers/demo.json.gz
scenario "html, findings and an input error (sections deflated)" "$T/o/out.html" \
	--jobs 1 --format html fixtures/demo.csv fixtures/cases/err-two-roots.csv
# the evidence register and the baseline: their loading, the matching of
# inputs, the resolved findings and SARIF's absent results
printf 'path,as_of\n%s/fixtures/demo.csv,2024-06-01\n' "$PWD" >"$T/manifest.csv"
"$FB" -q -f json --as-of 2024-06-01 --rules root-access-key,two-active-keys \
	-o "$T/base.json" fixtures/cases/fail-key1.csv fixtures/demo.csv 2>/dev/null
scenario "sarif, --manifest, --baseline" "$T/o/b.sarif" --jobs 1 --manifest "$T/manifest.csv" \
	--baseline "$T/base.json" fixtures/demo.csv fixtures/cases/pass.csv
# every kind of damaged report: each is an input in error, and out of
# memory while its evidence is recorded must still end the run (exit 4)
scenario "csv, every kind of input error" "$T/o/errs.csv" --jobs 1 --format csv fixtures/cases/err-*.csv
# FAILINJ_ALL=1: also every other renderer, waivers, history (about 7,000
# more runs: make coverage sets it; make check keeps to the runs above so
# that it stays within its time).
[ -n "${FAILINJ_ALL:-}" ] && for f in sarif ocsf junit csv html asff; do
	scenario "$f, findings, an input error, hostile text" "$T/o/out.$f" \
		--jobs 1 --format "$f" fixtures/demo.csv fixtures/cases/err-two-roots.csv \
		fixtures/cases/hostile-text.csv
done
[ -n "${FAILINJ_ALL:-}" ] && scenario "text, waivers, --redact, a benchmark" "$T/o/w.txt" \
	--waivers fixtures/waivers/demo.json --redact --benchmark cis-1.4 fixtures/demo.csv
# sarif and ocsf write waived findings and baseline states themselves
[ -n "${FAILINJ_ALL:-}" ] && for f in sarif ocsf; do
	scenario "$f, waivers, --redact, --baseline" "$T/o/w.$f" --format "$f" \
		--waivers fixtures/waivers/demo.json --redact --baseline "$T/base.json" fixtures/demo.csv
done
[ -n "${FAILINJ_ALL:-}" ] && for f in text json html; do
	SUB=history scenario "history, $f" "$T/o/h.$f" --format "$f" fixtures/history
done

# ---- write failures ----
# (FB: without CREDAUDIT_FAIL_ALLOC it is an ordinary credaudit)
B=$FB
"$B" fixtures/demo.csv >/dev/full 2>"$T/err"
check "stdout on a full disk: exit 4" test $? = 4
check "stdout on a full disk: clear message ($(head -c 200 "$T/err"))" grep -q '^credaudit: cannot write' "$T/err"
"$B" --format json -o /dev/full fixtures/demo.csv 2>"$T/err"
check "--output /dev/full: exit 4" test $? = 4
check "--output /dev/full: clear message ($(head -c 200 "$T/err"))" grep -q '^credaudit: cannot write' "$T/err"

# ---- every allocation goes through the wrapper ----
raw=$(grep -nE '(^|[^_[:alnum:].>])(malloc|calloc|realloc|strdup|strndup|free)\(' src/*/*.c | grep -v '^src/base/util.c:')
check "no allocation in src/ bypasses ca_malloc & co ($raw)" test -z "$raw"

finish failinj
