#!/bin/sh
# Run every test: each cmocka binary $B/test_*, then the test scripts
# (e2e, cli, rules, containers, batch, archive, formats, histhtml, histmonthly, hostile, limits,
# memory, crossformat, evidence; then the consumer checks, bench, browser, a11y, sandbox, fuzz,
# static, pkg, valgrind; failinj and asan meanwhile in a second lane).  Each suite's wall time
# is printed in a "time: NAME N s" line.
# Ends with one line "check: N passed, N failed"; exit 0 only if none failed.
#
# B (default build) is the build directory; RUNNER, if set, is a command
# every unit test binary runs under (valgrind).  CHECK_INNER=1 runs only the
# unit tests and the scripts of the loop below: test/sanitize.sh uses it to
# rerun them under AddressSanitizer and valgrind.
#
# Nothing can hang the run: every unit test binary and every suite runs under
# timeout(1) (SUITE_TIMEOUT seconds, default 1800: generous, the slowest
# suite under valgrind takes minutes) with stdin from /dev/null; a suite
# that times out is a failed suite, named in a FAIL line.
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
export B
LIMIT=${SUITE_TIMEOUT:-1800}
passed=0
failed=0

# timed WHAT COMMAND...: run COMMAND under timeout(1), stdin from /dev/null,
# and print its output; $out holds that output, $rc its exit status.  Fails,
# counting a failure named in a FAIL line, when COMMAND timed out.
# (The command runs in the background and the shell waits for it: a
# signal the shell traps interrupts wait(1) at once, not after the suite.)
TIMED=$(mktemp "${TMPDIR:-/tmp}/credaudit-run.XXXXXX")
timed() {
	what=$1
	shift
	timeout -k 10 "$LIMIT" "$@" >"$TIMED" 2>&1 </dev/null &
	wait $!
	rc=$?
	out=$(cat "$TIMED")
	printf '%s\n' "$out"
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "FAIL: $what timed out after $LIMIT s"
		failed=$((failed + 1))
		return 1
	fi
}

# suite NAME COMMAND...: run a test script whose last line is
# "NAME: N passed, N failed" and add its counts.
suite() {
	name=$1
	shift
	t0=$(date +%s)
	timed "$name suite" "$@"
	trc=$?
	echo "time: $name $(($(date +%s) - t0)) s"
	[ "$trc" = 0 ] || return
	line=$(printf '%s\n' "$out" | sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p")
	if [ -n "$line" ]; then
		passed=$((passed + ${line% *}))
		failed=$((failed + ${line#* }))
	else
		echo "FAIL: $name suite did not finish"
		failed=$((failed + 1))
	fi
}

# The suites below run once more under AddressSanitizer and valgrind
# (test/sanitize.sh sets CHECK_INNER and, for valgrind, INNER_SUITES: the
# ones that take the binary through its input paths; see there).
SUITES=${INNER_SUITES:-e2e cli rules containers batch archive formats histhtml histmonthly hostile limits memory crossformat evidence}

if [ -z "${CHECK_INNER:-}" ]; then
	# Two lanes on two cores: failure injection and the AddressSanitizer
	# rerun (each its own build directory, build/failinj and build/asan)
	# run in the background while the rest runs here; their output is
	# printed, and their counts added, at the end.  Nothing in either lane
	# writes where the other reads (e2e.sh's make install runs only here,
	# not in the AddressSanitizer rerun).
	lane=$(mktemp -d "${TMPDIR:-/tmp}/credaudit-lane.XXXXXX")
	(
		passed=0
		failed=0
		TIMED=$lane/timed
		suite failinj sh test/failinj.sh
		suite asan sh test/sanitize.sh asan
		echo "$passed $failed" >"$lane/counts.tmp" && mv "$lane/counts.tmp" "$lane/counts"
	) >"$lane/out" 2>&1 &
	lanepid=$!
	# ^C or TERM: stop the suites running in both lanes (each runs under
	# timeout(1), which passes the signal on to its command's process
	# group), then the lane, and leave nothing behind.
	stop() {
		trap - INT TERM
		if command -v pkill >/dev/null 2>&1; then
			pkill -TERM -P "$lanepid"
			pkill -TERM -P $$
		fi
		kill "$lanepid" 2>/dev/null
		rm -rf "$lane" "$TIMED"
		exit 130
	}
	trap stop INT TERM
fi

for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	timed "$t" ${RUNNER:-} "$t" || continue
	ran=$(printf '%s\n' "$out" | sed -n 's/^\[==========\] \([0-9]*\) test(s) run\..*/\1/p' | tail -n 1)
	ok=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\..*/\1/p' | tail -n 1)
	if [ -z "$ran" ]; then
		echo "FAIL: $t did not finish (exit $rc)"
		failed=$((failed + 1))
		continue
	fi
	ok=${ok:-0}
	passed=$((passed + ok))
	failed=$((failed + ran - ok))
	[ "$rc" = 0 ] || [ "$ran" != "$ok" ] || failed=$((failed + 1))
done


for name in $SUITES; do
	suite "$name" env BIN="${BIN:-$B/credaudit}" sh "test/$name.sh"
done
if [ -z "${CHECK_INNER:-}" ]; then
	# The outputs checked by their consumers (SARIF multitool, JSON
	# Schema, OCSF schema, ASFF fields): once, not again under the
	# sanitizers, which the suites above already take through every
	# renderer (crossformat compares each format with JSON).
	for name in consumers_sarif jsonschema ocsf asff; do
		suite "$name" env BIN="${BIN:-$B/credaudit}" sh "test/$name.sh"
	done
	suite bench env BIN="${BIN:-$B/credaudit}" sh test/bench.sh
	suite browser sh test/browser.sh
	suite a11y sh test/a11y.sh
	suite sandbox env B="$B" sh test/sandbox.sh
	suite fuzz sh test/fuzz.sh
	suite static sh test/static.sh
	suite pkg env B="$B" sh test/pkg.sh
	suite valgrind sh test/sanitize.sh valgrind
	t0=$(date +%s)
	wait "$lanepid"
	echo "time: waited $(($(date +%s) - t0)) s for the background lane (failinj, asan)"
	cat "$lane/out"
	lp=
	lf=
	[ -f "$lane/counts" ] && read -r lp lf <"$lane/counts"
	# (two whole numbers, or the lane did not finish: an empty or cut
	# file must not count as no failure)
	if case "$lp:$lf" in *[!0-9:]* | :* | *:) false ;; esac then
		passed=$((passed + lp))
		failed=$((failed + lf))
	else
		echo "FAIL: the background lane (failinj, asan) did not finish"
		failed=$((failed + 1))
	fi
	rm -rf "$lane"
fi
rm -f "$TIMED"
echo "check: $passed passed, $failed failed"
[ "$failed" = 0 ]
