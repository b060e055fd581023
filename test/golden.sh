#!/bin/sh
# Regenerate test/golden/*.out from their .args (make golden); review the diff.
cd "$(dirname "$0")/.." || exit 1
for a in test/golden/*.args; do
	# shellcheck disable=SC2046
	./build/credaudit $(sed -n 1p "$a") >"${a%.args}.out" 2>&1
done
