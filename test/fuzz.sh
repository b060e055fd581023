#!/bin/sh
# Fuzz smoke for make check: build fuzz/fuzz_audit (libFuzzer, clang), run
# every regression input in fuzz/regress/ once, then fuzz for FUZZ_SECONDS
# (default 60) from the seed corpus (fixtures/ and fuzz/regress/).  Any crash,
# sanitizer report or chunked/whole difference fails.  New crashing inputs
# are left in build/fuzz/ (crash-*): copy them to fuzz/regress/ once fixed.
# Prints FAIL lines and "fuzz: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
SECS=${FUZZ_SECONDS:-60}
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
# a fresh working corpus: what libFuzzer loads is then the seeds alone
rm -rf build/fuzz/smoke-corpus
if FUZZ_CORPUS=build/fuzz/smoke-corpus timeout -k 10 $((SECS + 300)) sh scripts/fuzz.sh "$SECS" >build/fuzz/smoke.log 2>&1; then
	pass=$((pass + 1))
	grep -E '^(Done|stat::number_of_executed_units)' build/fuzz/smoke.log | head -2
else
	fail=$((fail + 1))
	echo "FAIL: fuzzing for $SECS s found a crash (or did not end):"
	grep -v '^#' build/fuzz/smoke.log | tail -n 40
fi
# the seeds were loaded: libFuzzer's own count of the inputs it read
# ("INFO: seed corpus: files: N"; the working corpus starts empty)
seeds=$(sed -n 's/^INFO: seed corpus: files: \([0-9]*\).*/\1/p' build/fuzz/smoke.log | head -n 1)
echo "fuzz: libFuzzer loaded ${seeds:-no} seed inputs"
if [ "${seeds:-0}" -ge "${FUZZ_MIN_SEEDS:-10}" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: libFuzzer loaded ${seeds:-no} seed inputs, want at least ${FUZZ_MIN_SEEDS:-10}"
fi
finish fuzz
