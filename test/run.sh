#!/bin/sh
# Run every test: each cmocka binary build/test_*, then test/e2e.sh and
# test/rules.sh and test/batch.sh.
# Ends with one line "check: N passed, N failed"; exit 0 only if none failed.
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
for t in build/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	rc=$?
	printf '%s\n' "$out"
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
out=$(sh test/e2e.sh 2>&1)
printf '%s\n' "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -n "$line" ]; then
	passed=$((passed + ${line% *}))
	failed=$((failed + ${line#* }))
else
	echo "FAIL: test/e2e.sh did not finish"
	failed=$((failed + 1))
fi
out=$(sh test/rules.sh 2>&1)
printf '%s\n' "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^rules: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -n "$line" ]; then
	passed=$((passed + ${line% *}))
	failed=$((failed + ${line#* }))
else
	echo "FAIL: test/rules.sh did not finish"
	failed=$((failed + 1))
fi
out=$(sh test/batch.sh 2>&1)
printf '%s\n' "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^batch: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -n "$line" ]; then
	passed=$((passed + ${line% *}))
	failed=$((failed + ${line#* }))
else
	echo "FAIL: test/batch.sh did not finish"
	failed=$((failed + 1))
fi
echo "check: $passed passed, $failed failed"
[ "$failed" = 0 ]
