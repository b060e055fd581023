#!/bin/sh
# Limits: input size, field length and row count are capped; going over a
# cap is an input error (exit 3) that names the cap and the option that
# raises it, and raising it lets the same input be audited.
# Prints one line per failed check and "limits: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
size=$(wc -c <fixtures/demo.csv)

# ---- input size ----
run --max-input-bytes $((size - 1)) fixtures/demo.csv
check "input over --max-input-bytes: exit 3" test "$rc" = 3
check "input over the cap: named, with the option" grep -q "input larger than $((size - 1)) bytes: not audited (--max-input-bytes raises the cap)" "$T/out"
run --max-input-bytes "$size" fixtures/demo.csv
check "input at the cap is audited" test "$rc" = 1
run --max-input-bytes $((size - 1)) - <fixtures/demo.csv
check "the cap holds on standard input" test "$rc" = 3
gzip -c fixtures/demo.csv >"$T/demo.csv.gz"
run --max-input-bytes "$(wc -c <"$T/demo.csv.gz")" "$T/demo.csv.gz"
check "the cap counts bytes as read, before decompression" test "$rc" = 1
# a big input: over the default cap of 256M it is refused without reading it all
# (not under ASan or valgrind, test/sanitize.sh: too slow there)
if [ -z "${CHECK_INNER:-}" ] && command -v truncate >/dev/null 2>&1; then
	cp fixtures/demo.csv "$T/huge.csv"
	truncate -s 300M "$T/huge.csv"
	run "$T/huge.csv"
	check "an input over the default 256M cap: exit 3" test "$rc" = 3
	check "... reading stops at the cap" grep -q 'input: 268435456 bytes (not read to the end)' "$T/out"
fi

# ---- field length ----
{ head -1 fixtures/demo.csv; sed -n 2p fixtures/demo.csv;
  printf 'u,arn:aws:iam::111122223333:user/x,2020-01-15T12:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,r%s,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n' \
	"$(head -c 70000 /dev/zero | tr '\0' a)"; } >"$T/long.csv"
run --format json "$T/long.csv"
check "a field over the default 64K: exit 3" test "$rc" = 3
check "... at line 3, field 12, naming the option" test "$(jq -r '.inputs[0].error | "\(.line):\(.column) \(.message)"' "$T/out")" = \
	"3:12 field longer than 65536 bytes (--max-field-bytes raises the cap)"
run --max-field-bytes 128K "$T/long.csv"
check "--max-field-bytes 128K audits it" test "$rc" = 1
run --max-field-bytes 10 fixtures/demo.csv
check "--max-field-bytes 10 refuses the demo report" test "$rc" = 3

# ---- rows ----
rows=$(($(wc -l <fixtures/demo.csv) - 1))
run --format json --max-rows $((rows - 1)) fixtures/demo.csv
check "rows over --max-rows: exit 3" test "$rc" = 3
check "... at the first row over, naming the option" test "$(jq -r '.inputs[0].error | "\(.line) \(.message)"' "$T/out")" = \
	"$((rows + 1)) more than $((rows - 1)) rows: the report is not audited (--max-rows raises the cap)"
run --max-rows "$rows" fixtures/demo.csv
check "rows at the cap are audited" test "$rc" = 1
{ head -2 fixtures/demo.csv; i=0; while [ $i -lt 1000 ]; do
	printf 'u%d,arn:aws:iam::111122223333:user/u%d,2020-01-15T12:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n' $i $i
	i=$((i + 1)); done; } >"$T/many.csv"
run --max-rows 1000 "$T/many.csv"
check "--max-rows 1000: 1001 rows refused" test "$rc" = 3
run --max-rows 1K "$T/many.csv"
check "--max-rows 1K (1024): 1001 rows audited" test "$rc" = 1
# the default cap: 10,000 rows, twice the 5,000 users IAM allows
{ head -2 fixtures/demo.csv; awk 'BEGIN { for (i = 0; i < 9999; i++)
	printf "u%d,arn:aws:iam::111122223333:user/u%d,2020-01-15T12:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n", i, i }'; } >"$T/cap.csv"
run "$T/cap.csv"
check "10,000 rows (the default cap) are audited" test "$rc" = 1
extra=$(sed -n 3p "$T/cap.csv" | sed 's/u0/v0/g')
printf '%s\n' "$extra" >>"$T/cap.csv"
run --format json "$T/cap.csv"
check "10,001 rows: exit 3 by default" test "$rc" = 3
check "... at the first row over, naming the option" test "$(jq -r '.inputs[0].error | "\(.line) \(.message)"' "$T/out")" = \
	"10002 more than 10000 rows: the report is not audited (--max-rows raises the cap)"
run --max-rows 10001 "$T/cap.csv"
check "--max-rows 10001: 10,001 rows audited" test "$rc" = 1

# ---- bad values are usage errors ----
for opt in --max-input-bytes --max-field-bytes --max-rows; do
	for v in 0 -1 x 5T 99999999999999999999; do
		run "$opt" "$v" fixtures/demo.csv
		check "$opt $v: usage error" test "$rc" = 2
	done
done

finish limits
