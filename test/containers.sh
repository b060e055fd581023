#!/bin/sh
# End-to-end tests of containers (docs/containers.md): every fixture of
# fixtures/containers from its file and from standard input, the same
# findings in every container, evidence hashes against sha256sum, the
# decompression cap, GeneratedTime as the as-of time and the report's age.
# Prints one line per failed check and "containers: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
SHARED=${SHARED:-../shared/realworld}
C=fixtures/containers

trim() { printf '%s' "$1" | sed 's/^ *//;s/ *$//'; }
# What an input gave, without its name: status, exit, findings, results, error.
digest() { # digest JSON-FILE
	jq -c '.inputs[0] | del(.file)' "$1"
}

# ---- the table: from the file and from standard input ----
# Inside the loop (a subshell) each check prints "ok" or "FAIL: ...".
t() { # t MESSAGE CONDITION...
	msg=$1
	shift
	if "$@"; then echo ok; else echo "FAIL: $file: $msg"; fi
}
grep -v '^#' "$C/EXPECTED" | while IFS='|' read -r file want chain pos text; do
	file=$(trim "$file"); want=$(trim "$want"); chain=$(trim "$chain")
	pos=$(trim "$pos"); text=$(trim "$text")
	[ -n "$file" ] || continue
	f=$C/$file
	"$BIN" --format json "$f" >"$T/out" 2>"$T/err"
	rc=$?
	t "exit $rc, want $want" test "$rc" = "$want"
	got=$(jq -r '.inputs[0].evidence.container' "$T/out")
	t "container '$got', want '$chain'" test "$got" = "$chain"
	if [ "$pos" != "-" ]; then
		gotpos=$(jq -r '.inputs[0].error | "\(.within // "-"):\(.line):\(.column)"' "$T/out")
		t "error at $gotpos, want $pos" test "$gotpos" = "$pos"
		msg=$(jq -r '.inputs[0].error.message' "$T/out")
		t "message '$msg' lacks '$text'" sh -c 'case $1 in *"$2"*) true ;; *) false ;; esac' - "$msg" "$text"
		# the text output says what the line counts in
		within=${pos%%:*}
		if [ "$within" != "-" ]; then
			rest=${pos#*:}
			"$BIN" "$f" >"$T/text" 2>/dev/null
			t "text output does not say '$within line ${rest%%:*}'" \
				grep -qF "$f: error: $within line ${rest%%:*}, field ${rest#*:}: $text" "$T/text"
		fi
	fi
	# standard input gives the same, named -
	"$BIN" --format json - <"$f" >"$T/in" 2>/dev/null
	rcin=$?
	t "exit $rcin from stdin, $rc from the file" test "$rcin" = "$rc"
	t "stdin not named -" test "$(jq -r '.inputs[0].file' "$T/in")" = "-"
	t "stdin output differs from the file's" test "$(digest "$T/in")" = "$(digest "$T/out")"
done >"$T/table"
grep '^FAIL' "$T/table"
pass=$((pass + $(grep -c '^ok$' "$T/table")))
fail=$((fail + $(grep -c '^FAIL' "$T/table")))
check "the table was read" test "$(grep -c '^ok$' "$T/table")" -gt 100
for f in "$C"/*; do
	b=${f#"$C"/}
	case $b in EXPECTED | README.md | err-bomb-rows.csv.gz) continue ;; esac
	check "container table lists $b" grep -q "^$b *|" "$C/EXPECTED"
done

# ---- the same report in every container gives the same findings ----
# (as of one moment: a wrapper's GeneratedTime would otherwise move it)
AT=--as-of=2024-06-01T12:00:00Z
"$BIN" --format json $AT fixtures/demo.csv >"$T/ref"
ref=$(jq -c '.inputs[0] | [.findings, .results, .rows, .account]' "$T/ref")
check "reference report has the root key finding" test "$(jq '[.inputs[0].findings[] | select(.rule == "root-access-key")] | length' "$T/ref")" = 1
for f in "$C"/demo*; do
	"$BIN" --format json $AT "$f" >"$T/out" 2>/dev/null
	check "$f: same findings as fixtures/demo.csv" \
		test "$(jq -c '.inputs[0] | [.findings, .results, .rows, .account]' "$T/out")" = "$ref"
done

# ---- evidence: size and SHA-256 of the bytes read, as sha256sum says ----
for f in fixtures/demo.csv "$C"/demo.json.gz "$C"/demo-wrapped.b64 "$C"/err-truncated.csv.gz "$C"/err-json-csv-two-roots.json; do
	"$BIN" --format json "$f" >"$T/out" 2>/dev/null
	want=$(sha256sum "$f" | cut -d' ' -f1)
	check "$f: JSON sha256 equals sha256sum" test "$(jq -r '.inputs[0].evidence.sha256' "$T/out")" = "$want"
	check "$f: JSON size equals the file size" test "$(jq -r '.inputs[0].evidence.size' "$T/out")" = "$(wc -c <"$f" | tr -d ' ')"
	check "$f: read to the end" test "$(jq -r '.inputs[0].evidence.complete' "$T/out")" = true
	check "$f: tool version recorded" test "$(jq -r '.inputs[0].evidence.tool_version' "$T/out")" = "$(jq -r '.tool.version' "$T/out")"
	"$BIN" - <"$f" >"$T/text" 2>/dev/null
	check "$f: text sha256 (stdin) equals sha256sum" grep -q "^  input: [0-9]* bytes, sha256 $want, " "$T/text"
done
"$BIN" "$C/demo.json.gz" >"$T/text"
check "text names the container chain" grep -q '^  input: 898 bytes, sha256 [0-9a-f]\{64\}, gzip > aws-cli-json > base64 > csv, credaudit [0-9.]*$' "$T/text"
"$BIN" --format json /nonexistent.json >"$T/out" 2>/dev/null
check "no evidence for a file that cannot be opened" test "$(jq -r '.inputs[0].evidence' "$T/out")" = null

# ---- the decompression cap: a gzip bomb is an input error ----
{ head -2 fixtures/demo.csv; yes "$(sed -n 3p fixtures/demo.csv)" | head -n 15000; } | gzip -1 >"$T/bomb.csv.gz"
"$BIN" --format json --max-decompressed 2M "$T/bomb.csv.gz" >"$T/out" 2>/dev/null
check "gzip bomb over the cap exits 3" test $? = 3
check "gzip bomb is named" sh -c "jq -r '.inputs[0].error.message' '$T/out' | grep -q 'decompresses to more than 2097152 bytes'"
check "bomb evidence covers the whole file" test "$(jq -r '.inputs[0].evidence.sha256' "$T/out")" = "$(sha256sum "$T/bomb.csv.gz" | cut -d' ' -f1)"
"$BIN" --max-decompressed 2M - <"$T/bomb.csv.gz" >"$T/out" 2>/dev/null
check "gzip bomb from stdin exits 3" test $? = 3
# (15,001 rows: over the default --max-rows, which is not under test here)
"$BIN" --max-decompressed 8M --max-rows 20000 "$T/bomb.csv.gz" >/dev/null 2>&1
check "the same file under a larger cap is audited" test $? = 1
"$BIN" --max-decompressed 1M "$C/err-bomb-rows.csv.gz" >"$T/out" 2>&1
check "committed bomb over a 1M cap exits 3" test $? = 3
check "committed bomb: message" grep -q 'refused as a possible decompression bomb' "$T/out"
"$BIN" --max-rows 20000 "$C/err-bomb-rows.csv.gz" >/dev/null 2>&1
check "committed bomb under the default 1G cap is audited" test $? = 1
{ printf '{"Content": "x",'; head -c 1100000 /dev/zero | tr '\0' ' '; printf '}'; } >"$T/big.json"
"$BIN" --max-decompressed 1M "$T/big.json" >"$T/out" 2>&1
check "JSON larger than the cap exits 3" test $? = 3
check "JSON larger than the cap: message" grep -q 'JSON document is larger than the 1048576-byte limit' "$T/out"
for v in 0 -1 1X 12KB abc 99999999999999999999G ''; do
	"$BIN" --max-decompressed "$v" fixtures/demo.csv >/dev/null 2>&1
	check "--max-decompressed '$v' is a usage error" test $? = 2
done
"$BIN" --max-decompressed 1K fixtures/demo.csv >/dev/null 2>&1
check "--max-decompressed does not limit a plain CSV" test $? = 1

# ---- as of: GeneratedTime, and the report's age ----
"$BIN" --format json "$C/demo.json" >"$T/out"
check "GeneratedTime is the as-of time" test "$(jq -r '.inputs[0].as_of | "\(.time) \(.source) \(.generated_time)"' "$T/out")" = "2024-06-01T12:00:00Z generated_time 2024-06-01T12:00:00Z"
check "no age without --as-of" test "$(jq -r '.inputs[0].as_of.report_age_days' "$T/out")" = null
"$BIN" --format json --as-of 2024-06-11T12:00:00Z "$C/demo.json.gz" >"$T/out"
check "--as-of wins over GeneratedTime" test "$(jq -r '.inputs[0].as_of | "\(.time) \(.source)"' "$T/out")" = "2024-06-11T12:00:00Z option"
check "report age against --as-of TIME" test "$(jq -r '.inputs[0].as_of.report_age_days' "$T/out")" = 10
"$BIN" --format json --as-of now "$C/demo-plain-content.json" >"$T/out"
age=$(jq -r '.inputs[0].as_of.report_age_days' "$T/out")
check "--as-of now shows the report's age ($age days)" test "$age" -ge 900
check "--as-of now: source clock" test "$(jq -r '.inputs[0].as_of.source' "$T/out")" = clock
"$BIN" --as-of now "$C/demo.json" >"$T/out"
check "text shows the report's age" grep -q "^  report age: $age days at the as-of time (GeneratedTime 2024-06-01T12:00:00Z)$" "$T/out"
"$BIN" --format json --as-of now "$C/demo.b64" >"$T/out"
check "no age without GeneratedTime" test "$(jq -r '.inputs[0].as_of | "\(.report_age_days) \(.generated_time)"' "$T/out")" = "null null"

"$BIN" --format json "$C/err-json-csv-two-roots.json" >"$T/out" 2>/dev/null
check "an input in error still states GeneratedTime as its as-of time" test "$(jq -r '.inputs[0].as_of | "\(.time) \(.source)"' "$T/out")" = "2024-06-01T12:00:00Z generated_time"
"$BIN" --format json --as-of 2024-07-01 "$C/err-truncated.csv.gz" >"$T/out" 2>/dev/null
check "an input in error still states --as-of" test "$(jq -r '.inputs[0].as_of.source' "$T/out")" = option
# every output, audited or in error, carries as_of and the evidence block
"$BIN" --format json "$C"/* fixtures/cases/*.csv >"$T/out" 2>/dev/null
check "every input has as_of and evidence" test "$(jq '[.inputs[] | select((.as_of.source | type) == "string" and (.evidence.sha256 | length) == 64)] | length' "$T/out")" = "$(jq '.inputs | length' "$T/out")"
"$BIN" "$C"/* fixtures/cases/*.csv >"$T/out" 2>/dev/null
check "every text block has as of and input lines" test "$(grep -c '^  as of: ' "$T/out")/$(grep -c '^  input: ' "$T/out")" = "$(grep -c '^  verdict: ' "$T/out")/$(grep -c '^  verdict: ' "$T/out")"

rw_placebo=fixtures/realworld/cloudcustodian-unused-keys-2016-11.placebo.json
# ---- GeneratedTime: a moment of 0001-9999 without second 60, no earlier
# than any timestamp of the report ----
for g in 2024-06-01T12:00:60Z 2024-06-01T12:00:60+00:00 2024-06-01T12:00:60.5Z \
    "2024-06-01 12:00:60+00:00" 9999-12-31T23:59:59-01:00 0000-12-31T00:00:00Z; do
	jq --arg g "$g" '.GeneratedTime = $g' "$C/demo.json" >"$T/g.json"
	"$BIN" --format json "$T/g.json" >"$T/out" 2>/dev/null
	check "GeneratedTime $g: refused as a time (exit 3)" test "$? $(jq -r '.inputs[0].error.message' "$T/out" | sed 's/: the report.s moment.*//')" = "3 GeneratedTime \"$g\" is not an ISO 8601 time"
done
jq '.GeneratedTime = "9999-12-31T23:59:59Z"' "$C/demo.json" >"$T/g.json"
"$BIN" --format json --as-of 2024-06-01T12:00:00Z "$T/g.json" >"$T/out" 2>/dev/null
check "GeneratedTime 9999-12-31T23:59:59Z is a time (audited with --as-of)" test "$? $(jq -r '.inputs[0].as_of.generated_time' "$T/out")" = "1 9999-12-31T23:59:59Z"
jq '.data.GeneratedTime.second = 60' $rw_placebo >"$T/g.json"
"$BIN" --format json "$T/g.json" >"$T/out" 2>/dev/null
check "placebo GeneratedTime with second 60: refused as a time (exit 3)" test "$? $(jq -r '.inputs[0].error.message' "$T/out" | sed 's/: the report.s moment.*//')" = "3 data.GeneratedTime (an object) is not an ISO 8601 time"
jq '.GeneratedTime = "2024-05-31T23:58:59Z"' "$C/demo.json" >"$T/g.json"
"$BIN" --format json "$T/g.json" >"$T/out" 2>/dev/null
check "GeneratedTime before a cell: exit 3 at the cell, naming both" test "$? $(jq -r '.inputs[0].error | "\(.within):\(.line):\(.column) \(.message)"' "$T/out" | sed 's/: a report cannot.*//')" = "3 Content (base64 CSV):4:11 access_key_1_last_used_date 2024-05-31T23:59:00+00:00 is later than the as-of time 2024-05-31T23:58:59Z (the report's GeneratedTime)"
"$BIN" --format json --as-of 2024-06-01T12:00:00Z "$T/g.json" >"$T/out" 2>/dev/null
check "... --as-of stated instead: audited as of it" test "$? $(jq -r '.inputs[0].as_of.source' "$T/out")" = "1 option"
# a GeneratedTime from the future would age every credential into a pass
jq '.GeneratedTime = "2099-06-01T12:00:00Z"' "$C/demo.json" >"$T/g.json"
"$BIN" --format json --fail-on high "$T/g.json" >"$T/out" 2>/dev/null
check "GeneratedTime later than the clock: exit 3, no verdict" test "$? $(jq -r '.inputs[0] | "\(.results | length) \(.error.message)"' "$T/out" | sed 's/: a report cannot.*//')" = "3 0 GeneratedTime 2099-06-01T12:00:00Z is later than the clock at run time"
"$BIN" --format json --as-of 2024-06-01T12:00:00Z "$T/g.json" >"$T/out" 2>/dev/null
check "... with --as-of stated, GeneratedTime is not the as-of time: audited" test "$? $(jq -r '.inputs[0].as_of.report_age_days' "$T/out")" = "1 -27393"

# ---- realworld wrappers give the findings of their CSV ----
rw=fixtures/realworld
same_as_csv() { # same_as_csv WRAPPER CSV CHAIN GENERATED
	"$BIN" --format json "$1" >"$T/w" 2>/dev/null
	check "$1: audited" test "$(jq -r '.inputs[0].status' "$T/w")" = audited
	check "$1: as of $4" test "$(jq -r '.inputs[0].as_of.generated_time' "$T/w")" = "$4"
	"$BIN" --format json --as-of 2030-01-01 "$1" >"$T/w" 2>/dev/null
	"$BIN" --format json --as-of 2030-01-01 "$2" >"$T/c" 2>/dev/null
	check "$1: findings of $2" test "$(jq -c '.inputs[0] | [.findings, .results, .rows]' "$T/w")" = "$(jq -c '.inputs[0] | [.findings, .results, .rows]' "$T/c")"
	check "$1: container $3" test "$(jq -r '.inputs[0].evidence.container' "$T/w")" = "$3"
}
same_as_csv $rw/cloudmapper-demo-2019-05-07.json $rw/cloudmapper-demo-2019-05-07.csv "aws-cli-json > csv" 2019-05-07T15:40:22Z
same_as_csv $rw/cloudmapper-demo-head-edited.json $rw/cloudmapper-demo-head-edited.csv "aws-cli-json > csv" 2019-05-07T15:40:22Z
same_as_csv $rw/cloudcustodian-unused-keys-2016-11.placebo.json $rw/cloudcustodian-unused-keys-2016-11.csv "placebo-json > csv" 2016-11-25T14:30:42Z
if [ -f "$SHARED/unidentified-lambda-base64-2017-08.b64.txt" ]; then
	same_as_csv "$SHARED/unidentified-lambda-base64-2017-08.b64.txt" "$SHARED/unidentified-lambda-base64-2017-08.csv" "base64 > csv" null
fi

finish containers
