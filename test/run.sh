#!/bin/sh
# Run every test: each cmocka binary build/test_*, then test/e2e.sh,
# test/rules.sh, test/containers.sh, test/batch.sh, test/formats.sh and
# test/browser.sh.
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
# Each script ends with "<name>: N passed, N failed".
for name in e2e rules containers batch formats browser; do
	out=$(sh "test/$name.sh" 2>&1)
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | sed -n "s/^$name: \([0-9]*\) passed, \([0-9]*\) failed\$/\1 \2/p")
	if [ -n "$line" ]; then
		passed=$((passed + ${line% *}))
		failed=$((failed + ${line#* }))
	else
		echo "FAIL: test/$name.sh did not finish"
		failed=$((failed + 1))
	fi
done
echo "check: $passed passed, $failed failed"
[ "$failed" = 0 ]
