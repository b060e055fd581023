#!/bin/sh
# Run the libFuzzer target for SECONDS (make fuzz FUZZ_SECONDS=N).
# The working corpus is $FUZZ_CORPUS (default build/fuzz/corpus, kept between
# runs); seeds come from fixtures/, fuzz/regress/ and fuzz/known/, gathered
# afresh in build/fuzz/seeds.  Exit status: 0, or libFuzzer's on a crash (whose input is
# written to build/fuzz/crash-*).
set -eu
cd "$(dirname "$0")/.."
SECS=${1:-60}
CORPUS=${FUZZ_CORPUS:-build/fuzz/corpus}
rm -rf build/fuzz/seeds
mkdir -p "$CORPUS" build/fuzz/seeds
# libFuzzer reads directories: gather the seed files in one.  (-size -1024k,
# not -1M: find rounds sizes up to whole MiB, so -1M matches empty files only.)
find fixtures fuzz/regress fuzz/known -type f ! -name '*.md' ! -name EXPECTED \
	! -name '*.expected' -size -1024k | while read -r f; do
	cp "$f" "build/fuzz/seeds/$(printf '%s' "$f" | tr / _)"
done
exec build/fuzz/fuzz_audit -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 -artifact_prefix=build/fuzz/ \
	"$CORPUS" build/fuzz/seeds
