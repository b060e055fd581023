#!/bin/sh
# Run the libFuzzer target for SECONDS (make fuzz FUZZ_SECONDS=N).
# The working corpus is build/fuzz/corpus; seeds come from fixtures/ and
# fuzz/regress/.  Exit status: 0, or libFuzzer's on a crash (whose input is
# written to build/fuzz/crash-*).
set -eu
cd "$(dirname "$0")/.."
SECS=${1:-60}
mkdir -p build/fuzz/corpus build/fuzz/seeds
# libFuzzer reads directories: gather the seed files in one.
find fixtures fuzz/regress fuzz/known -type f ! -name '*.md' ! -name EXPECTED \
	! -name '*.expected' -size -1M | while read -r f; do
	cp "$f" "build/fuzz/seeds/$(printf '%s' "$f" | tr / _)"
done
exec build/fuzz/fuzz_audit -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	build/fuzz/corpus build/fuzz/seeds
