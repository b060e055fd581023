#!/bin/sh
# Fuzz smoke for make check: build fuzz/fuzz_audit (libFuzzer, clang), run
# every regression input in fuzz/regress/ once, then fuzz for FUZZ_SECONDS
# (default 60) from the seed corpus (fixtures/ and fuzz/regress/).  Any crash,
# sanitizer report or chunked/whole difference fails.  New crashing inputs
# are left in build/fuzz/ (crash-*): copy them to fuzz/regress/ once fixed.
# Prints FAIL lines and "fuzz: N passed, N failed" at the end.
set -u
cd "$(dirname "$0")/.." || exit 1
SECS=${FUZZ_SECONDS:-60}
pass=0
fail=0
if ! command -v clang >/dev/null 2>&1; then
	echo "FAIL: clang is not installed (scripts/deps.sh installs it)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
if ! make -s fuzz-build >build/fuzz-build.log 2>&1; then
	cat build/fuzz-build.log
	echo "FAIL: the fuzz target does not build"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
F=build/fuzz/fuzz_audit
for f in fuzz/regress/* fuzz/known/*; do
	[ -f "$f" ] || continue
	if "$F" "$f" >build/fuzz/regress.log 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: fuzz regression input $f:"
		tail -n 30 build/fuzz/regress.log
	fi
done
if sh scripts/fuzz.sh "$SECS" >build/fuzz/smoke.log 2>&1; then
	pass=$((pass + 1))
	grep -E '^(Done|stat::number_of_executed_units)' build/fuzz/smoke.log | head -2
else
	fail=$((fail + 1))
	echo "FAIL: fuzzing for $SECS s found a crash:"
	grep -v '^#' build/fuzz/smoke.log | tail -n 40
fi
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
