#!/bin/sh
# The runtime sandbox (src/cli/sandbox.c): what it refuses, what it still allows,
# and that credaudit runs inside it by default.
# Prints one line per failed check and "sandbox: N passed, N failed" at the end.
set -u
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
BIN=${BIN:-$B/credaudit}
P=$B/sandbox_probe
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME CONDITION...
	name=$1
	shift
	if "$@" >"$T/probe" 2>&1; then ok; else bad "$name: $(cat "$T/probe")"; fi
}
fails() { ! "$@"; }

# ---- the library's sandbox function, in a probe program ----
check "network: socket() after the sandbox is up is refused" "$P" net
check "network: the same program can open a socket without the sandbox" fails "$P" -n net
check "opening a file for writing is refused" "$P" write "$T/new"
check "... and the file was not created" test ! -e "$T/new"
check "a file can be opened for writing without the sandbox" fails "$P" -n write "$T/new2"
check "... the probe really created it" test -e "$T/new2"
check "execve() is refused" "$P" exec
check "fork() is refused" "$P" fork
check "fork() works without the sandbox" fails "$P" -n fork
check "reading an input still works" "$P" read fixtures/demo.csv
check "listing a directory still works (directory inputs)" "$P" dir fixtures/cases
check "threads still work (--jobs)" "$P" thread

# ---- credaudit runs sandboxed by default ----
# A FIFO input keeps the run waiting inside the sandbox while we look at
# /proc/PID/status (Seccomp: 2 is filter mode, 0 is none).
seccomp_of() { # seccomp_of [OPTION]: print the Seccomp mode of a waiting run
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	"$BIN" "$@" --format json "$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	exec 3>"$T/fifo"
	i=0
	mode=
	while [ $i -lt 50 ]; do
		mode=$(sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
		[ -n "$mode" ] && break
		i=$((i + 1))
		sleep 0.1
	done
	cat fixtures/demo.csv >&3
	exec 3>&-
	wait "$pid"
	rc=$?
	echo "$mode $rc"
}
if [ -r /proc/self/status ] && grep -q '^Seccomp:' /proc/self/status; then
	got=$(seccomp_of)
	check "credaudit runs under a seccomp filter by default ($got)" test "$got" = "2 1"
	check "... and audits the report inside it" test "$(jq '[.inputs[0].findings[] | select(.rule == "root-access-key")] | length' "$T/out")" = 1
	got=$(seccomp_of --no-sandbox)
	check "--no-sandbox runs without the filter ($got)" test "$got" = "0 1"
else
	echo "sandbox: /proc/PID/status has no Seccomp line: skipping the run checks"
fi
"$BIN" --format json fixtures/demo.csv fixtures/cases/err-open-quote.csv >"$T/a" 2>&1
"$BIN" --no-sandbox --format json fixtures/demo.csv fixtures/cases/err-open-quote.csv >"$T/b" 2>&1
check "the sandbox does not change the output" cmp "$T/a" "$T/b"
"$BIN" --format json -o "$T/out.json" fixtures/demo.csv
check "--output is published (rename) from inside the sandbox" test "$(jq '[.inputs[0].findings[] | select(.rule == "root-access-key")] | length' "$T/out.json")" = 1
check "... and leaves no temporary file" test -z "$(ls "$T" | grep '\.tmp\.')"

echo "sandbox: $pass passed, $fail failed"
[ "$fail" = 0 ]
