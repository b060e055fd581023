#!/bin/sh
# make coverage, after the instrumented build in DIR (default build/cov):
# run the unit tests and the test scripts against it (those of make check's
# inner loop, then sandbox and failinj), then measure line and branch
# coverage of src/ with gcovr.  Fails when any suite fails (its FAIL lines
# are printed) or when coverage is under COV_LINES % of lines (default 95)
# or COV_BRANCHES % of branches (default 90).
# Writes DIR/run.log (every suite's output), DIR/coverage.json (gcovr's
# data), DIR/coverage.txt (lines per file), DIR/branches.txt (branches per
# file).
set -u
cd "$(dirname "$0")/.." || exit 1
C=${1:-build/cov}
LINES=${COV_LINES:-95}
BRANCHES=${COV_BRANCHES:-90}
# sandbox and failinj run outside test/run.sh: bound them the same way.
LIMIT=${SUITE_TIMEOUT:-1800}
log=$C/run.log
failed=""

: >"$log" || exit 1
echo "coverage: running the test suites against $C (output in $log)"
B=$C CHECK_INNER=1 CREDAUDIT_SANITIZER=coverage sh test/run.sh </dev/null >>"$log" 2>&1 || failed="$failed check"
B=$C timeout -k 10 "$LIMIT" sh test/sandbox.sh </dev/null >>"$log" 2>&1 ||
	failed="$failed sandbox"
FAILINJ_ALL=1 FB=$C/credaudit timeout -k 10 "$LIMIT" sh test/failinj.sh </dev/null >>"$log" 2>&1 ||
	failed="$failed failinj"
# every suite's result line, and every failed check
grep -E '^FAIL|^[a-z0-9]+: [0-9]+ passed, [0-9]+ failed$' "$log"

# gcov runs once (JSON), the reports are made from that.
# --exclude-unreachable-branches: branches the compiler adds on lines that
# hold no code of ours (e.g. a closing brace), which no input can take.
if ! gcovr -r . -f src/ --object-directory "$C" --exclude-unreachable-branches \
	-j 2 --json "$C/coverage.json"; then
	echo "FAIL: gcovr could not read the coverage data"
	exit 1
fi
gcovr -r . -a "$C/coverage.json" --txt "$C/coverage.txt" &&
	gcovr -r . -a "$C/coverage.json" -b --txt "$C/branches.txt" || exit 1
gcovr -r . -a "$C/coverage.json" -s -o "$C/summary.out" \
	--fail-under-line "$LINES" --fail-under-branch "$BRANCHES" >"$C/summary.txt" 2>&1
cov=$?
grep -E '^(lines|branches):' "$C/summary.txt" || cat "$C/summary.txt"
echo "coverage: per file: $C/coverage.txt (lines), $C/branches.txt (branches)"
[ "$cov" = 0 ] || echo "FAIL: coverage of src/ under $LINES % of lines or $BRANCHES % of branches"
[ -z "$failed" ] || echo "FAIL: failed suites:$failed"
[ "$cov" = 0 ] && [ -z "$failed" ]
