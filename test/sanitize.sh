#!/bin/sh
# Rerun the test suite (unit tests and test scripts) under a checker:
#   sh test/sanitize.sh asan      AddressSanitizer + UndefinedBehaviorSanitizer
#                                 build in build/asan (make asan)
#   sh test/sanitize.sh valgrind  every unit test and the credaudit runs of the
#                                 input suites under valgrind --leak-check=full
#                                 (make valgrind; VG_SUITES=all: every suite)
# Every report of the checker goes to a log file; any non-empty log is a
# failure, whatever the exit status of the run it came from.
# Prints FAIL lines and "asan|valgrind: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
mode=${1:-asan}
ROOT=$(pwd)
mkdir "$T/log"

case $mode in
asan)
	if ! make -s asan-build >"$T/build" 2>&1; then
		cat "$T/build"
		echo "FAIL: asan build failed"
		echo "asan: 0 passed, 1 failed"
		exit 1
	fi
	ASAN_OPTIONS="log_path=$T/log/asan:detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
	UBSAN_OPTIONS="log_path=$T/log/ubsan:print_stacktrace=1:halt_on_error=1"
	export ASAN_OPTIONS UBSAN_OPTIONS
	B=build/asan CHECK_INNER=1 CREDAUDIT_SANITIZER=asan sh test/run.sh >"$T/out" 2>&1
	;;
valgrind)
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "FAIL: valgrind is not installed"
		echo "valgrind: 0 passed, 1 failed"
		exit 1
	fi
	if ! make -s tests >"$T/build" 2>&1; then
		cat "$T/build"
		echo "FAIL: build failed"
		echo "valgrind: 0 passed, 1 failed"
		exit 1
	fi
	# test/valgrind.supp: only what the dynamic loader keeps of dlopen
	VG="valgrind -q --child-silent-after-fork=yes --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 --track-fds=no --num-callers=40 --suppressions=$ROOT/test/valgrind.supp --log-file=$T/log/vg.%p"
	# valgrind cannot run a process under seccomp (it executes the
	# process's calls itself): runs under valgrind go without the sandbox
	# (after the subcommand, if any; explain never enters it).
	C="$ROOT/build/credaudit"
	cat >"$T/credaudit" <<EOF2
#!/bin/sh
case \$1 in
explain) exec $VG "$C" "\$@" ;;
history) shift; exec $VG "$C" history --no-sandbox "\$@" ;;
*) exec $VG "$C" --no-sandbox "\$@" ;;
esac
EOF2
	chmod +x "$T/credaudit"
	# Every unit test (the renderers' and the rules' included), then the
	# suites that feed the binary damaged, hostile and oversized input: the
	# whole list under valgrind takes 25 minutes of CPU on its own, more
	# than the rest of make check together.  AddressSanitizer reruns every suite.  VG_SUITES=all (or
	# a list of suite names) takes valgrind through those too:
	# make valgrind VG_SUITES=all.
	case ${VG_SUITES:-} in
	all) suites= ;;
	'') suites="containers archive hostile limits" ;;
	*) suites=$VG_SUITES ;;
	esac
	RUNNER=$VG BIN="$T/credaudit" NMBIN=build/credaudit CHECK_INNER=1 \
		INNER_SUITES="$suites" CREDAUDIT_SANITIZER=valgrind sh test/run.sh >"$T/out" 2>&1
	;;
*)
	echo "usage: sh test/sanitize.sh asan|valgrind" >&2
	exit 2
	;;
esac

grep -E '^(FAIL|time: )' "$T/out" | sed "s/^time: /time: $mode /"
line=$(sed -n 's/^check: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$T/out")
if [ -z "$line" ]; then
	tail -n 20 "$T/out"
	echo "FAIL: $mode: the suite did not finish"
	echo "$mode: 0 passed, 1 failed"
	exit 1
fi
pass=${line% *}
fail=${line#* }
reports=0
for f in "$T"/log/*; do
	[ -s "$f" ] || continue
	reports=$((reports + 1))
	echo "FAIL: $mode report $(basename "$f"):"
	head -n 40 "$f"
done
if [ "$reports" = 0 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + reports))
fi
finish "$mode"
