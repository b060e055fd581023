# test/lib.sh - what every test script shares.  Sourced from the top of the
# tree (`cd "$(dirname "$0")/.." && . test/lib.sh`), it sets:
#   BIN     the credaudit binary under test (default ./build/credaudit)
#   T       a temporary directory, removed at exit unless KEEP is set
#   pass, fail  counters, kept by ok, bad and check
#   check NAME COMMAND...   counts COMMAND's success as a pass, else prints
#                           "FAIL: NAME"
#   run ARG...              runs $BIN: stdout in $T/out, stderr in $T/err,
#                           exit status in $rc
#   add_suite NAME OUTPUT   adds the counts of OUTPUT's closing line
#                           "NAME: N passed, N failed" (1 when it has none)
#   finish NAME             prints "NAME: N passed, N failed" (the line
#                           test/run.sh reads) and returns non-zero on a failure
set -u
BIN=${BIN:-./build/credaudit}
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {
	name=$1
	shift
	if "$@"; then ok; else bad "$name"; fi
}
run() {
	"$BIN" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
add_suite() {
	line=$(printf '%s\n' "$2" | sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p")
	[ -n "$line" ] || return 1
	pass=$((pass + ${line% *}))
	fail=$((fail + ${line#* }))
}
finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}
