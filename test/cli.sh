#!/bin/sh
# Command-line edge cases of credaudit not covered by e2e.sh: option values
# at and past their limits, a directory walk's skipped names, -o paths that
# cannot be written, the sandbox switch.
# Prints one line per failed check and "cli: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
REPO=$(pwd)
# some checks run in another directory: BIN absolute
case $BIN in /*) ;; *) BIN=$REPO/$BIN ;; esac

# run ARG...: stdout in $T/out, stderr in $T/err, exit status in $rc
run() {
	timeout 60 "$BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# usage_error NAME WORDS ARG...: exit 2, stderr names WORDS, nothing on stdout
usage_error() {
	name=$1
	words=$2
	shift 2
	run "$@"
	check "$name: exit 2 (got $rc)" test "$rc" = 2
	check "$name: says '$words' ($(head -n 1 "$T/err"))" grep -qF -e "$words" "$T/err"
	check "$name: usage shown" grep -q '^usage: credaudit' "$T/err"
	check "$name: nothing on standard output" test ! -s "$T/out"
}

D=fixtures/demo.csv

# ---- option values ----
for v in 0 x 100001 -3 7x ''; do
	usage_error "history --gap-days '$v'" "--gap-days takes a number of days" \
		history --gap-days "$v" fixtures/history
done
run history -q --gap-days 100000 fixtures/history
check "history --gap-days 100000 (the largest) is accepted (exit $rc)" test "$rc" = 1
check "history --gap-days 100000 is stated" grep -q 'gaps longer than 100000 days' "$T/out"
for v in 0 257 two 99999999999999999999; do
	usage_error "--jobs '$v'" "--jobs takes a number from 1 to 256" --jobs "$v" "$D"
done
# 2^43 G overflows 64 bits; 2^33 G = 2^63 bytes fits but is more than any
# field can be.
for v in 8796093022208G 8589934592G 18446744073709551616 1T 1KB K; do
	usage_error "--max-field-bytes $v" "take a number above 0" --max-field-bytes "$v" "$D"
done
usage_error "--max-decompressed 99999999999999G" "--max-decompressed takes a number of bytes" \
	--max-decompressed 99999999999999G "$D"
run --max-rows 4 --max-field-bytes 1K --max-input-bytes 2K --max-decompressed 1M "$D"
check "limits just large enough for demo.csv: audited (exit 1, got $rc)" test "$rc" = 1

# --param: 64 are accepted, the 65th is refused
set --
i=0
while [ $i -lt 64 ]; do
	set -- "$@" --param credentials-unused.days=$((30 + i))
	i=$((i + 1))
done
run --format json "$@" "$D"
check "64 --param options: accepted (exit $rc)" test "$rc" = 1
check "64 --param options: the last one wins" \
	test "$(jq -r '.options.params["credentials-unused.days"]' "$T/out")" = 93
usage_error "65 --param options" "too many --param options" "$@" \
	--param credentials-unused.days=90 "$D"

# history refuses every audit option
for o in --as-of=2024-06-01 --rules=root-access-key --benchmark=cis-1.4 \
	--param=credentials-unused.days=9 --waivers=fixtures/waivers/demo.json \
	--fail-on=high --list-rules --list-formats --redact; do
	usage_error "history $o" "history takes only -q, -f, --gap-days, --jobs, -o" \
		history "$o" fixtures/history
done
usage_error "history -f csv" "history writes text, json or html" history -f csv fixtures/history

# ---- --no-sandbox changes nothing in the output ----
run --format json "$D"
cp "$T/out" "$T/sandboxed"
run --no-sandbox --format json "$D"
check "--no-sandbox: same exit status (1, got $rc)" test "$rc" = 1
check "--no-sandbox: same output" cmp -s "$T/out" "$T/sandboxed"

# ---- a directory walk counts what it skips ----
mkdir "$T/d"
cp "$D" "$T/d/r.csv"
echo note >"$T/d/notes.md"
echo x >"$T/d/json"
echo x >"$T/d/a"
echo x >"$T/d/.csv"
echo x >"$T/d/.hidden.csv"
{ cat "$D"; echo; } >"$T/d/UPPER.CSV"   # other bytes than r.csv: not a duplicate
run -q "$T/d"
check "walk: reports audited (exit 1, got $rc)" test "$rc" = 1
check "walk: upper-case extension read, 2 inputs" grep -q '^2 inputs: 2 audited' "$T/out"
check "walk: skipped names counted ($(grep skipped "$T/out"))" \
	grep -qx 'skipped in directories: 2 hidden, 3 other' "$T/out"
run -q --format json "$T/d"
check "walk, json: skipped names counted" \
	test "$(jq -c '.summary.skipped | [.hidden, .other, (.files | length)]' "$T/out")" = '[2,3,5]'

# ---- -o paths that cannot be written ----
run -o "$T/nodir/out.txt" "$D"
check "-o in a missing directory: exit 4 (got $rc)" test "$rc" = 4
check "-o in a missing directory: the path is named ($(head -c 200 "$T/err"))" \
	grep -qF "$T/nodir/out.txt" "$T/err"
check "-o in a missing directory: nothing created" test ! -e "$T/nodir"
mkdir "$T/links"
i=0
while [ $i -lt 41 ]; do
	ln -s "l$((i + 1))" "$T/links/l$i"
	i=$((i + 1))
done
run -o "$T/links/l0" "$D"
check "-o through 41 links: exit 4 (got $rc)" test "$rc" = 4
check "-o through 41 links: too many levels ($(head -c 200 "$T/err"))" \
	grep -q "cannot open $T/links/l0: Too many levels of symbolic links" "$T/err"
check "-o through 41 links: no link replaced, no file created" \
	test "$(find "$T/links" -type l | wc -l) $(find "$T/links" -type f | wc -l)" = "41 0"

# --waivers - names the file "-": -o ./- is that input
mkdir "$T/w"
cp fixtures/waivers/demo.json "$T/w/-"
(cd "$T/w" && timeout 60 "$BIN" --waivers - -o ./- "$REPO/$D" >"$T/out" 2>"$T/err")
rc=$?
check "--waivers - with -o ./-: exit 2 (got $rc)" test "$rc" = 2
check "--waivers - with -o ./-: refused as an input" grep -q 'also an input' "$T/err"
check "--waivers - with -o ./-: the waiver file is untouched" cmp -s "$T/w/-" fixtures/waivers/demo.json

# ---- history: activation, a key without a creation date, partitions,
# inputs in error with and without a column ----
mkdir "$T/h"
H=$(head -n 1 fixtures/demo.csv)
# hrow FILE ARN AS_OF KEY1_ACTIVE KEY1_ROTATED KEY2_ACTIVE KEY2_ROTATED
hrow() {
	printf '%s\n<root_account>,%s,2019-03-04T10:00:00+00:00,not_supported,%s,not_supported,not_supported,true,%s,%s,N/A,N/A,N/A,%s,%s,N/A,N/A,N/A,false,N/A,false,N/A\n' \
		"$H" "$2" "$3" "$4" "$5" "$6" "$7" >"$T/h/$1"
}
R=arn:aws:iam::111122223333:root
hrow r1.csv $R 2024-01-01T00:00:00+00:00 false 2023-01-01T00:00:00+00:00 false N/A
hrow r2.csv $R 2024-01-03T00:00:00+00:00 true 2023-01-01T00:00:00+00:00 false N/A
hrow r3.csv $R 2024-01-05T00:00:00+00:00 true 2023-01-01T00:00:00+00:00 true N/A
hrow cn.csv arn:aws-cn:iam::111122223333:root 2024-01-02T00:00:00+00:00 false N/A false N/A
cp fixtures/cases/err-two-roots.csv "$T/h/e1.csv"
cp fixtures/cases/err-no-root.csv "$T/h/e2.csv"   # an error at a line, no column
(cd "$T" && timeout 60 "$BIN" history -q h >"$T/out" 2>"$T/err")
rc=$?
check "history: inputs in error give exit 3 (got $rc)" test "$rc" = 3
check "history: an inactive key turned active is 'activated'" grep -qF \
	'2024-01-03T00:00:00Z  access_key_1 (created 2023-01-01T00:00:00Z) activated (previous report: 2024-01-01T00:00:00Z)' "$T/out"
check "history: a key without a creation date says so" grep -qF \
	'access_key_2 (no creation date) appeared, active' "$T/out"
check "history: the same account in two partitions is two accounts" \
	sh -c "grep -q '^account 111122223333 (aws): 3 reports' '$T/out' && grep -q '^account 111122223333 (aws-cn): 1 report,' '$T/out'"
check "history: an error with line and column names both" grep -q '^  h/e1.csv:4:1: error: second <root_account> row' "$T/out"
check "history: an error with a line only names the line" grep -q '^  h/e2.csv:3: error: no <root_account> row' "$T/out"
check "history: errors listed in input order" \
	test "$(grep -n 'h/e[12].csv' "$T/out" | cut -d: -f1 | tr '\n' ' ')" = "$(grep -n 'h/e1.csv' "$T/out" | cut -d: -f1) $(grep -n 'h/e2.csv' "$T/out" | cut -d: -f1) "
(cd "$T" && timeout 60 "$BIN" history -q -f json h >"$T/out" 2>"$T/err")
check "history json: the undated key's key_created is null" test \
	"$(jq -c '[.accounts[] | select(.partition == "aws") | .intervals[] | .key_created]' "$T/out")" = '["2023-01-01T00:00:00Z",null]'
check "history json: errors carry line and column" test \
	"$(jq -c '[.errors[] | [.file, .line, .column]]' "$T/out")" = '[["h/e1.csv",4,1],["h/e2.csv",3,0]]'
(cd "$T" && timeout 60 "$BIN" history -q -f html h >"$T/out" 2>"$T/err")
check "history html: the undated key shows 'no date'" grep -q '<span class="src">no date</span>' "$T/out"
check "history html: the activation is listed" grep -q '<td>activated</td>' "$T/out"

# ---- report age: a GeneratedTime after the as-of time ----
printf '{"Content": "%s", "ReportFormat": "text/csv", "GeneratedTime": "2024-06-02T00:00:00Z"}\n' \
	"$(awk '{ printf "%s\\n", $0 }' "$D")" >"$T/gen.json"
run --as-of 2024-06-01 -r root-mfa "$T/gen.json"
check "GeneratedTime after --as-of: audited (exit 1, got $rc)" test "$rc" = 1
check "GeneratedTime after --as-of: no report age, said why" grep -qxF \
	'  report age: none: its GeneratedTime 2024-06-02T00:00:00Z is after the as-of time' "$T/out"
run --as-of 2024-06-01 -r root-mfa -f json "$T/gen.json"
check "GeneratedTime after --as-of, json: age -1 day, generated time kept" test \
	"$(jq -c '.inputs[0].as_of | [.generated_time, .report_age_days]' "$T/out")" = '["2024-06-02T00:00:00Z",-1]'

# ---- explain ----
run explain
check "explain without a rule: exit 2 (got $rc)" test "$rc" = 2
check "explain without a rule: usage" grep -q 'usage: credaudit explain rule' "$T/err"
run explain no-such-rule
check "explain of an unknown rule: exit 2 (got $rc)" test "$rc" = 2
check "explain of an unknown rule: named" grep -q 'no-such-rule' "$T/err"

finish cli
