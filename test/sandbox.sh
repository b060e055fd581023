#!/bin/sh
# The runtime sandbox (src/cli/sandbox.c): what it refuses, what it still allows,
# and that credaudit runs inside it by default.
# Prints one line per failed check and "sandbox: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
B=${B:-build}
BIN=${BIN:-$B/credaudit}
P=$B/sandbox_probe
check() { # check NAME CONDITION...
	name=$1
	shift
	if "$@" >"$T/probe" 2>&1; then ok; else bad "$name: $(cat "$T/probe")"; fi
}
fails() { ! "$@"; }
probe() { timeout -k 5 30 "$P" "$@"; }
skip() { echo "SKIP: $* (make coverage's build allows it: gcov writes its data at exit)"; }

check "the probe program $P is built" test -x "$P"
# make coverage's build widens the list (src/cli/sandbox.c): what it then allows
# is checked by make check and make static, not here
if probe wide >/dev/null 2>&1; then wide=1; else wide=; fi

# ---- the library's sandbox function, in a probe program ----
check "network: socket() after the sandbox is up is refused" probe net
check "network: the same program can open a socket without the sandbox" fails probe -n net
if [ -n "$wide" ]; then
	skip "opening a file for writing is refused"
else
	check "opening a file for writing is refused" probe write "$T/new"
	check "... and the file was not created" test ! -e "$T/new"
fi
check "a file can be opened for writing without the sandbox" fails probe -n write "$T/new2"
check "... the probe really created it" test -e "$T/new2"
check "execve() is refused" probe exec
if [ -n "$wide" ]; then
	skip "fork() is refused"
else
	check "fork() is refused" probe fork
fi
check "fork() works without the sandbox" fails probe -n fork
check "reading an input still works" probe read fixtures/demo.csv
check "listing a directory still works (directory inputs)" probe dir fixtures/cases
check "threads still work (--jobs)" probe thread

# ---- credaudit runs sandboxed by default ----
# A FIFO input keeps the run waiting inside the sandbox while we look at
# /proc/PID/status (Seccomp: 2 is filter mode, 0 is none).  No step can
# block for ever, whatever $BIN does (missing, exits at once, hangs): the
# FIFO is opened read-write (which never blocks), each wait is a bounded
# poll, and a run still alive after 30 s is killed.
alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
seccomp_of() { # seccomp_of [OPTION]: print "MODE EXIT" of a waiting run
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	exec 3<>"$T/fifo"
	"$BIN" "$@" --format json "$T/fifo" >"$T/out" 2>"$T/err" 3>&- &
	pid=$!
	# the run has the FIFO open (it reads it once inside the sandbox)
	i=0
	while [ $i -lt 100 ] && alive "$pid" &&
		! ls -l "/proc/$pid/fd" 2>/dev/null | grep -q " -> $T/fifo\$"; do
		i=$((i + 1))
		sleep 0.1
	done
	mode=$(sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
	cat fixtures/demo.csv >&3
	exec 3>&-
	i=0
	while [ $i -lt 300 ] && alive "$pid"; do
		i=$((i + 1))
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	echo "${mode:-none} $rc"
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
# (timeout: a broken $BIN fails these checks instead of hanging the suite)
timeout -k 5 30 "$BIN" --format json fixtures/demo.csv fixtures/cases/err-open-quote.csv >"$T/a" 2>&1
timeout -k 5 30 "$BIN" --no-sandbox --format json fixtures/demo.csv fixtures/cases/err-open-quote.csv >"$T/b" 2>&1
check "the sandbox does not change the output" cmp "$T/a" "$T/b"
timeout -k 5 30 "$BIN" --format json -o "$T/out.json" fixtures/demo.csv
check "--output is published (rename) from inside the sandbox" test "$(jq '[.inputs[0].findings[] | select(.rule == "root-access-key")] | length' "$T/out.json")" = 1
check "... and leaves no temporary file" test -z "$(ls "$T" | grep '\.tmp\.')"

finish sandbox
