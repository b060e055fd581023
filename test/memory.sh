#!/bin/sh
# Memory: hostile inputs within the default limits stay under 256 MiB of
# peak RSS per job, in every output format, as /usr/bin/time -v measures
# it; IAM's length limits (user name 64, path 512, ARN 2048) are input
# errors naming the limit.  Every file is generated here, in a temp dir.
# Prints one line per failed check and "memory: N passed, N failed" at the end.
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
FORMATS="text json sarif csv junit ocsf html asff"
LIMIT_KB=$((256 * 1024))
if [ ! -x /usr/bin/time ]; then
	bad "/usr/bin/time is missing (scripts/deps.sh installs it)"
	echo "memory: $pass passed, $fail failed"
	exit 1
fi

# measure ARGS...: run credaudit (at most 60 s) under /usr/bin/time -v;
# rc is its exit status, kb its peak resident set in KiB.
measure() {
	/usr/bin/time -v -o "$T/time" timeout 60 "$BIN" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$T/time")
	kb=${kb:-999999999}
}

HEADER=user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
ROOT='<root_account>,arn:aws:iam::111122223333:root,2019-03-04T10:00:00+00:00,not_supported,2019-05-20T08:14:02+00:00,not_supported,not_supported,false,true,2019-06-01T09:30:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
TAIL='2019-01-15T12:00:00+00:00,true,2019-05-30T07:00:00+00:00,2019-01-10T12:00:00+00:00,N/A,false,true,2019-01-10T12:05:00+00:00,2019-05-31T11:00:00+00:00,us-east-1,s3,true,2019-01-10T12:05:00+00:00,N/A,N/A,N/A,true,2019-01-10T12:00:00+00:00,false,N/A'

# rows N NAMELEN PATHLEN SEP: N user rows whose names are NAMELEN bytes,
# under a path of PATHLEN bytes, each ending in SEP (a newline, or '\\\\n'
# for \n inside a JSON string: awk -v reads escapes); every row has findings.
rows() {
	awk -v n="$1" -v nl="$2" -v pl="$3" -v sep="$4" -v tail="$TAIL" 'BEGIN {
		pad = "a"; while (length(pad) < nl) pad = pad pad
		path = "/"; p = "p"; while (length(p) < pl) p = p p
		if (pl > 1) path = "/" substr(p, 1, pl - 2) "/"
		for (i = 0; i < n; i++) {
			name = substr("u" i "-" pad, 1, nl < length("u" i) ? length("u" i) : nl)
			printf "%s,arn:aws:iam::111122223333:user%s%s,%s%s", name, path, name, tail, sep
		}
	}'
}
csv() { printf '%s\n%s\n' "$HEADER" "$ROOT"; rows "$@" '
'; }

# ---- IAM's length limits: exit 3, naming the limit, line and column ----
# too_long FILE WHAT ERROR: FILE breaks a limit: exit 3, and its error
# reads ERROR ("LINE:COLUMN message").
too_long() {
	measure --format json "$1"
	check "$2: exit 3" test "$rc" = 3
	where=${3%% *}
	check "... names the limit, line ${where%:*}, field ${where#*:}" \
		test "$(jq -r '.inputs[0].error | "\(.line):\(.column) \(.message)"' "$T/out")" = "$3"
}
# limit WHAT MAX ERROR OVER AT: users from `csv OVER` (WHAT of MAX + 1
# characters) are refused with ERROR; from `csv AT` (MAX), audited.
# shellcheck disable=SC2086 # OVER and AT are lists of csv's arguments
limit() {
	csv $4 >"$T/over.csv"
	too_long "$T/over.csv" "$1 of $(($2 + 1)) characters" "$3"
	csv $5 >"$T/at.csv"
	measure "$T/at.csv"
	check "$1 of $2 characters is audited" test "$rc" = 1
}
limit "user name" 64 \
	"3:1 user name is 65 characters long: IAM limits user names to 64, the report is malformed" \
	"1 65 1" "1 64 1"
limit path 512 \
	"3:2 arn's path is 513 characters long: IAM limits paths to 512, the report is malformed" \
	"1 8 513" "1 8 512"
# 64 characters of two bytes each: characters count, not bytes
{ printf '%s\n%s\n' "$HEADER" "$ROOT"
  u=$(awk 'BEGIN { for (i = 0; i < 64; i++) printf "\303\251" }')
  printf '%s,arn:aws:iam::111122223333:user/%s,%s\n' "$u" "$u" "$TAIL"; } >"$T/utf8.csv"
measure "$T/utf8.csv"
check "64 two-byte characters are 64 characters: audited" test "$rc" = 1
{ printf '%s\n%s\n' "$HEADER" "$ROOT"
  printf 'bob,arn:aws:iam::111122223333:user/%s,%s\n' "$(awk 'BEGIN { for (i = 0; i < 65; i++) printf "b" }')" "$TAIL"; } >"$T/arnname.csv"
too_long "$T/arnname.csv" "user name of 65 characters inside the arn" \
	"3:2 arn's user name is 65 characters long: IAM limits user names to 64, the report is malformed"
part=$(awk 'BEGIN { for (i = 0; i < 2022; i++) printf "a" }')
{ printf '%s\n%s\n' "$HEADER" "$ROOT" | sed "s/arn:aws:/arn:$part:/"
  printf 'bob,arn:%s:iam::111122223333:user/bob,%s\n' "$part" "$TAIL"; } >"$T/arn2049.csv"
too_long "$T/arn2049.csv" "arn of 2049 characters" \
	"2:2 arn is 2049 characters long: AWS limits ARNs to 2048, the report is malformed"

# Peak memory is a figure of the plain build: under AddressSanitizer,
# valgrind or coverage (test/sanitize.sh, scripts/coverage.sh set
# CREDAUDIT_SANITIZER) it measures the instrumentation, and the large runs
# only take time.  The checks above still run.
if [ -n "${CREDAUDIT_SANITIZER:-}" ]; then
	echo "SKIP: peak RSS is not measured under $CREDAUDIT_SANITIZER"
	echo "memory: $pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
fi

# ---- 100 MB of users with 60 KB names (157 KB as gzip) ----
csv 850 60000 1 | gzip -1 >"$T/names.csv.gz"
for f in $FORMATS; do
	measure --format "$f" "$T/names.csv.gz"
	check "60 KB names, $f: exit 3" test "$rc" = 3
	check "60 KB names, $f: peak RSS ${kb} KiB is under 256 MiB" test "$kb" -le "$LIMIT_KB"
done

# ---- a gzip'd JSON wrapper holding 100 MB of CSV text ----
{ printf '{"GeneratedTime": "2024-06-01T00:00:00Z", "Content": "%s\\n%s\\n' "$HEADER" "$ROOT"
  rows 25000 2000 1 '\\n'; printf '"}\n'; } | gzip -1 >"$T/big.json.gz"
for f in $FORMATS; do
	measure --format "$f" "$T/big.json.gz"
	check "100 MB JSON wrapper, $f: exit 3" test "$rc" = 3
	check "100 MB JSON wrapper, $f: peak RSS ${kb} KiB is under 256 MiB" test "$kb" -le "$LIMIT_KB"
done
"$BIN" "$T/big.json.gz" >"$T/out" 2>/dev/null
check "... the error names the JSON wrapper's limit" grep -q "the JSON document is larger than 33554432 bytes, the JSON wrapper's limit" "$T/out"

# ---- the largest report IAM allows, every value at IAM's limits, as the
# JSON wrapper holds it: audited, under the bound, also two at a time ----
mkdir "$T/dir"
{ printf '{"GeneratedTime": "2024-06-01T00:00:00Z", "Content": "%s\\n%s\\n' "$HEADER" "$ROOT"
  rows 5000 64 512 '\\n'; printf '"}\n'; } | gzip -1 >"$T/dir/a.json.gz"
cp "$T/dir/a.json.gz" "$T/dir/b.json.gz"
for f in $FORMATS; do
	measure --format "$f" "$T/dir/a.json.gz"
	check "5,000 users at IAM's limits, $f: exit 1" test "$rc" = 1
	check "5,000 users at IAM's limits, $f: peak RSS ${kb} KiB is under 256 MiB" test "$kb" -le "$LIMIT_KB"
done
measure --jobs 2 "$T/dir"
check "--jobs 2 over two such reports: exit 1" test "$rc" = 1
check "--jobs 2: peak RSS ${kb} KiB is under 2 x 256 MiB" test "$kb" -le $((2 * LIMIT_KB))

# ---- the worst report within the default limits: 10,000 rows (the
# --max-rows default), each user row with the 9 findings the rules can
# give a row (console without MFA; both keys old, unused and made at
# setup; two active keys; password unused), every value at IAM's limits
# (user name 64, path 512, ARN 2048: the partition takes up the rest),
# paths random so that nothing held compresses well.  Output goes to
# /dev/null: here only the peak and the exit status count (test/formats.sh
# checks the bytes) ----
WORST_TAIL='2019-01-10T12:00:00+00:00,true,2019-01-15T12:00:00+00:00,2019-01-10T12:00:00+00:00,N/A,false,true,2019-01-10T12:00:05+00:00,N/A,N/A,N/A,true,2019-01-10T12:00:05+00:00,N/A,N/A,N/A,false,N/A,false,N/A'
worst() {
	awk -v h="$HEADER" -v tail="$WORST_TAIL" 'BEGIN {
		srand(7)
		part = "a"; while (length(part) < 1445) part = part part
		pre = "arn:" substr(part, 1, 1445) ":iam::111122223333:"
		abc = "abcdefghijklmnopqrstuvwxyz0123456789"
		print h
		# the root, used recently: without --as-of the as-of moment is
		# this latest timestamp, years after every user row
		printf "<root_account>,%sroot,2019-03-04T10:00:00+00:00,not_supported,2024-05-20T08:14:02+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n", pre
		for (i = 0; i < 9999; i++) {
			s = ""
			for (j = 0; j < 574; j++)
				s = s substr(abc, int(rand() * 36) + 1, 1)
			name = substr("u" i "-" s, 1, 64)
			printf "%s,%suser/%s/%s,%s\n", name, pre, substr(s, 65), name, tail
		}
	}'
}
# measure_null ARGS...: as measure, the output discarded
measure_null() {
	/usr/bin/time -v -o "$T/time" timeout 60 "$BIN" "$@" >/dev/null 2>"$T/err"
	rc=$?
	kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$T/time")
	kb=${kb:-999999999}
}
mkdir "$T/worst"
worst >"$T/worst/a.csv"
cp "$T/worst/a.csv" "$T/worst/b.csv"
check "the worst report is at IAM's limits: an ARN of 2048 characters" \
	test "$(sed -n 3p "$T/worst/a.csv" | cut -d, -f2 | tr -d '\n' | wc -c)" = 2048
"$BIN" "$T/worst/a.csv" >"$T/out" 2>/dev/null
check "the worst report: 10,000 rows audited, 9 findings a user row" \
	grep -q "^1 input: 1 audited, 0 not audited (error), 89992 findings" "$T/out"
for asof in "" --as-of=2024-06-01; do
	for f in $FORMATS; do
		measure_null $asof --format "$f" "$T/worst/a.csv"
		check "worst report ${asof:-(age rules keep rows)}, $f: exit 1" test "$rc" = 1
		check "worst report ${asof:-(age rules keep rows)}, $f: peak RSS ${kb} KiB is under 256 MiB" test "$kb" -le "$LIMIT_KB"
	done
done
for f in text json html; do
	measure_null --jobs 2 --format "$f" "$T/worst"
	check "--jobs 2 over two worst reports, $f: exit 1" test "$rc" = 1
	check "--jobs 2 over two worst reports, $f: peak RSS ${kb} KiB is under 2 x 256 MiB" test "$kb" -le $((2 * LIMIT_KB))
done

finish memory
