#!/bin/sh
# End-to-end tests of an auditor's evidence: the evidence register
# (--manifest), the comparison with an earlier audit (--baseline), the end
# of a batch's text output (--summary, the inputs not audited, the account
# x rule table) and the format chosen by -o's extension.  Every input is
# generated here from the fixtures.  Ends with "evidence: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

sha() { sha256sum "$1" | cut -c1-64; }

# ---- an evidence folder: two console downloads (no GeneratedTime) ----
E=$T/evidence
mkdir -p "$E/2024"
cp fixtures/demo.csv "$E/2024/01.csv"
# June: root has MFA now, and a new user signs in without MFA
sed 's/^\(<root_account>,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)false/\1true/' \
	fixtures/demo.csv >"$E/2024/06.csv"
echo 'mallory,arn:aws:iam::111122223333:user/mallory,2024-05-01T00:00:00+00:00,true,N/A,2024-05-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A' >>"$E/2024/06.csv"
M=$E/manifest.csv
{
	echo "path,as_of,sha256"
	echo "2024/01.csv,2024-06-01T00:00:00Z,$(sha "$E/2024/01.csv")"
	echo "2024/06.csv,2024-06-02T00:00:00Z,"
} >"$M"

# Without the register, each file's as-of is its latest timestamp, a lower
# bound: age rules that pass are not evaluated.
run -q -f json "$E/2024"
check "no manifest: as-of is a lower bound" test \
	"$(jq -r '[.inputs[].as_of.source] | unique | join(",")' "$T/out")" = report_latest_timestamp

run -q -f json --manifest "$M" "$E"
check "manifest: exit 1 (findings)" test "$rc" = 1
check "manifest: the register is not read as a report" test \
	"$(jq -r '[.inputs[].file] | join(" ")' "$T/out")" = "$E/2024/01.csv $E/2024/06.csv"
check "manifest: skipped in the walk, and named" test \
	"$(jq -r '.summary.skipped.files[] | select(.kind == "excluded") | .path' "$T/out")" = "$M"
check "manifest: each input as of its own time, source manifest" test \
	"$(jq -r '[.inputs[].as_of | .time + " " + .source] | join(",")' "$T/out")" = \
	"2024-06-01T00:00:00Z manifest,2024-06-02T00:00:00Z manifest"
check "manifest: JSON names the register" test \
	"$(jq -r '.manifest.file + " " + (.manifest.entries | tostring)' "$T/out")" = "$M 2"
run -q --manifest "$M" "$E"
check "manifest: text states the source" grep -q "as of: 2024-06-02T00:00:00Z (manifest" "$T/out"
for f in sarif ocsf html junit; do
	run -q -f $f --manifest "$M" "$E"
	check "manifest: $f states the source" grep -q manifest "$T/out"
done

# an age rule that passes at a lower bound is not evaluated; at the
# register's exact time it is decided
mkdir -p "$T/age"
{
	head -2 fixtures/cases/pass.csv
	echo 'carol,arn:aws:iam::111122223333:user/carol,2024-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-05-01T00:00:00+00:00,2024-05-30T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
} >"$T/age/r.csv"
printf 'path,as_of
r.csv,2024-06-01
' >"$T/age/m.csv"
run -q -f json --rules access-key-not-rotated "$T/age/r.csv"
check "no manifest: a passing age rule is not evaluated" test \
	"$(jq -r '.inputs[0].results[0].status' "$T/out")" = not_evaluated
run -q -f json --rules access-key-not-rotated --manifest "$T/age/m.csv" "$T/age/r.csv"
check "manifest: the age rule is decided" sh -c "[ $rc = 0 ] && jq -e '.inputs[0].results[0].status == \"pass\"' '$T/out' >/dev/null"

# the same file however it is named: relative, ./, through a symlink
ln -s "$E/2024/01.csv" "$T/link.csv"
ABS=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
(cd "$E" && "$ABS" -q -f json --manifest manifest.csv ./2024/01.csv "$T/link.csv" 2024/06.csv >"$T/rel" 2>&1)
check "manifest: matched by file, not by name (one listed input twice)" test \
	"$(jq -r '[.inputs[].as_of.source] | join(",")' "$T/rel")" = "manifest,manifest"
check "manifest: the same file named twice is audited once" test \
	"$(jq -r '.summary.skipped.files[] | select(.kind == "duplicate") | .path' "$T/rel")" = "$T/link.csv"

# waivers apply at the register's exact time
cat >"$T/w.json" <<EOF
{"waivers": [{"rule": "two-active-keys", "account": "111122223333",
  "justification": "migration", "owner": "ops", "expires": "2024-12-31"}]}
EOF
run -q -f json --waivers "$T/w.json" "$E/2024/01.csv"
check "no manifest: waiver not applied at a lower bound" test \
	"$(jq -r '[.inputs[0].findings[].waiver.status // empty] | unique | join(",")' "$T/out")" = not_applied
run -q -f json --waivers "$T/w.json" --manifest "$M" "$E/2024/01.csv" "$E/2024/06.csv"
check "manifest: waiver applied" test \
	"$(jq -r '[.inputs[0].findings[].waiver.status // empty] | unique | join(",")' "$T/out")" = applied

# a SHA-256 that does not match: exit 3, named
cp "$M" "$T/m-bad.csv"
sed -i 's/,[0-9a-f]\{64\}$/,0000000000000000000000000000000000000000000000000000000000000000/' "$T/m-bad.csv"
cp "$T/m-bad.csv" "$E/bad-manifest.csv"
run -q -f json --manifest "$E/bad-manifest.csv" "$E/2024/01.csv" "$E/2024/06.csv"
check "manifest: SHA-256 mismatch is exit 3" test "$rc" = 3
check "manifest: the mismatch is said" sh -c \
	"jq -r '.inputs[0].error.message' '$T/out' | grep -q 'does not match 0000'"
rm "$E/bad-manifest.csv"

# a listed path not among the inputs: exit 3, in every format
run -q --manifest "$M" "$E/2024/01.csv"
check "manifest: listed but not an input is exit 3" test "$rc" = 3
check "manifest: the missing path is named" grep -q "2024/06.csv: error: listed in the manifest $M (line 3) but not among the inputs" "$T/out"
for f in json sarif csv junit ocsf html; do
	run -q -f $f --manifest "$M" "$E/2024/01.csv"
	check "manifest: listed but not an input, $f: exit 3" test "$rc" = 3
done
# a listed file skipped as the duplicate of another: exit 3, said so
mkdir -p "$T/dup"
cp fixtures/demo.csv "$T/dup/a.csv"
cp fixtures/demo.csv "$T/dup/b.csv"
printf 'path,as_of\na.csv,2024-06-01T00:00:00Z\nb.csv,2024-06-01T00:00:00Z\n' >"$T/dup/m.csv"
run -q --manifest "$T/dup/m.csv" "$T/dup/a.csv" "$T/dup/b.csv"
check "manifest: a listed duplicate is exit 3" test "$rc" = 3
check "manifest: a listed duplicate is named as one" grep -q \
	"b.csv: error: listed in the manifest $T/dup/m.csv (line 3) but skipped as a duplicate of $T/dup/a.csv" "$T/out"
check "manifest: ... not as missing" sh -c "! grep -q 'not among the inputs' '$T/out'"
# the same bytes listed with another SHA-256: the mismatch is said
printf 'path,as_of,sha256\na.csv,2024-06-01T00:00:00Z,\nb.csv,2024-06-01T00:00:00Z,%064d\n' 0 >"$T/dup/m2.csv"
run -q --manifest "$T/dup/m2.csv" "$T/dup/a.csv" "$T/dup/b.csv"
check "manifest: a duplicate whose listed SHA-256 differs: exit 3, the mismatch said" sh -c \
	"[ $rc = 3 ] && grep -q 'b.csv: error: .*does not match 0000' '$T/out' && ! grep -q 'skipped as a duplicate' '$T/out'"
# an input not listed behaves as today
{ cat fixtures/demo.csv; echo; } >"$T/unlisted.csv"   # other bytes: no duplicate
run -q -f json --manifest "$M" "$E" "$T/unlisted.csv"
check "manifest: an unlisted input keeps its own as-of" test \
	"$(jq -r '.inputs[2].as_of.source' "$T/out")" = report_latest_timestamp

# the register against the report: GeneratedTime, the clock, timestamps
mkdir -p "$T/gen"
cp fixtures/containers/demo.json "$T/gen/r.json"
printf 'path,as_of\nr.json,2024-06-01T12:00:00Z\n' >"$T/gen/agree.csv"
printf 'path,as_of\nr.json,2024-06-05T00:00:00Z\n' >"$T/gen/disagree.csv"
run -q -f json --manifest "$T/gen/agree.csv" "$T/gen/r.json"
check "manifest: agrees with GeneratedTime" sh -c "[ $rc = 1 ] && jq -e '.inputs[0].as_of.source == \"manifest\"' '$T/out' >/dev/null"
run -q -f json --manifest "$T/gen/disagree.csv" "$T/gen/r.json"
check "manifest: disagrees with GeneratedTime: exit 3" sh -c "[ $rc = 3 ] && jq -r '.inputs[0].error.message' '$T/out' | grep -q 'is not the report.s GeneratedTime 2024-06-01T12:00:00Z'"
printf 'path,as_of\n../evidence/2024/01.csv,2999-01-01\n' >"$T/gen/future.csv"
run -q --manifest "$T/gen/future.csv" "$E/2024/01.csv"
check "manifest: as_of later than the clock: exit 3" sh -c "[ $rc = 3 ] && grep -q 'later than the clock' '$T/out'"
printf 'path,as_of\n../evidence/2024/01.csv,2024-05-01\n' >"$T/gen/early.csv"
run -q --manifest "$T/gen/early.csv" "$E/2024/01.csv"
check "manifest: a timestamp later than its as_of: exit 3" sh -c "[ $rc = 3 ] && grep -q \"later than the as-of time 2024-05-01T00:00:00Z (the manifest's as_of)\" '$T/out'"

# a malformed register: exit 2 naming line and column
bad_manifest() {
	printf '%b' "$2" >"$T/m.csv"
	run -q --manifest "$T/m.csv" "$E"
	check "malformed manifest ($1): exit 2 at $3" sh -c "[ $rc = 2 ] && grep -q '$T/m.csv:$3: manifest: ' '$T/err'"
}
bad_manifest header 'file,as_of\n' 1:1
bad_manifest "bad time" 'path,as_of\n2024/01.csv,yesterday\n' 2:2
bad_manifest "bad hash" 'path,as_of,sha256\n2024/01.csv,2024-06-01,abc\n' 2:3
bad_manifest "short line" 'path,as_of\n2024/01.csv\n' 2:2
bad_manifest "open quote" 'path,as_of\n"2024/01.csv,2024-06-01\n' 2:1
run -q --manifest "$T/none.csv" "$E"
check "manifest: unreadable is exit 2" sh -c "[ $rc = 2 ] && grep -q 'none.csv: manifest: cannot open' '$T/err'"
printf 'path,as_of\n2024/01.csv,2024-06-01\n2024/../2024/01.csv,2024-06-02\n' >"$E/dup.csv"
run -q --manifest "$E/dup.csv" "$E/2024"
check "manifest: the same file twice is exit 2" sh -c "[ $rc = 2 ] && grep -q 'dup.csv:3:1: manifest: the same file is listed' '$T/err'"
rm "$E/dup.csv"
run -q --manifest "$M" -o "$M" "$E"
check "manifest: -o the register is refused" sh -c "[ $rc = 2 ] && grep -q 'is also an input' '$T/err'"

# ---- the baseline: last month's JSON ----
# registers of one input each, in the same folder
M1=$E/m1.csv M6=$E/m6.csv
sed '/2024\/06.csv/d' "$M" >"$M1"
sed '/2024\/01.csv/d' "$M" >"$M6"
"$BIN" -q --manifest "$M1" -o "$T/base.json" "$E/2024/01.csv"
check "-o .json writes JSON" sh -c "jq -e '.schema_version == 2' '$T/base.json' >/dev/null"
run -q -f json --manifest "$M6" --baseline "$T/base.json" "$E/2024/06.csv"
check "baseline: one new finding: exit 1" test "$rc" = 1
check "baseline: the new finding is mallory's" test \
	"$(jq -r '[.inputs[0].findings[] | select(.baseline == "new") | .user] | join(",")' "$T/out")" = mallory
check "baseline: the others are unchanged" test \
	"$(jq '[.inputs[0].findings[] | select(.baseline == "unchanged")] | length' "$T/out")" = \
	"$(jq '.baseline.unchanged' "$T/out")"
check "baseline: blocking counts only the new" test "$(jq '.summary.blocking' "$T/out")" = 1
check "baseline: root-mfa resolved" test \
	"$(jq -r '[.baseline.resolved[] | .rule + " " + .user] | join(",")' "$T/out")" = "root-mfa <root_account>"
run -q -f sarif --manifest "$M6" --baseline "$T/base.json" "$E/2024/06.csv"
check "baseline: SARIF baselineState" test \
	"$(jq -r '[.runs[0].results[].baselineState] | group_by(.) | map(.[0] + "=" + (length | tostring)) | join(",")' "$T/out")" = \
	"absent=1,new=1,unchanged=10"
run -q --manifest "$M6" --baseline "$T/base.json" "$E/2024/06.csv"
check "baseline: text marks findings" sh -c "grep -q '^    line 6  mallory  password  \[new\]$' '$T/out' && grep -q '\[unchanged\]' '$T/out'"
check "baseline: text lists the resolved" sh -c "grep -A1 '^resolved since the baseline: 1 finding$' '$T/out' | grep -q 'root-mfa critical 111122223333  <root_account>  mfa'"
check "baseline: text says why an unchanged rule does not count" grep -q "unchanged since the baseline: does not count" "$T/out"
# the same report again: nothing new, exit 0
run -q --manifest "$M1" --baseline "$T/base.json" "$E/2024/01.csv"
check "baseline: nothing new: exit 0" test "$rc" = 0
# an account the run did not audit: its findings are not resolved
sed 's/111122223333/444455556666/g' fixtures/demo.csv >"$T/other.csv"
run -q -f json --baseline "$T/base.json" "$T/other.csv"
check "baseline: another account: all new, nothing resolved" sh -c \
	"[ $rc = 1 ] && jq -e '.baseline.unchanged == 0 and (.baseline.resolved | length) == 0' '$T/out' >/dev/null"
# an unusable baseline: exit 2 naming it
run -q --baseline "$T/nope.json" "$E/2024/01.csv"
check "baseline: unreadable is exit 2" sh -c "[ $rc = 2 ] && grep -q 'nope.json: baseline: cannot open' '$T/err'"
echo '{"schema_version": 1, "tool": {"name": "credaudit"}, "inputs": []}' >"$T/v1.json"
run -q --baseline "$T/v1.json" "$E/2024/01.csv"
check "baseline: schema_version 1 is exit 2" sh -c "[ $rc = 2 ] && grep -q 'v1.json: baseline: schema_version is not 2' '$T/err'"
echo '{"results": []}' >"$T/other.json"
run -q --baseline "$T/other.json" "$E/2024/01.csv"
check "baseline: not our JSON is exit 2" sh -c "[ $rc = 2 ] && grep -q 'other.json: baseline: not a credaudit JSON output' '$T/err'"
printf '{"schema_version": 2,' >"$T/cut.json"
run -q --baseline "$T/cut.json" "$E/2024/01.csv"
check "baseline: not JSON is exit 2" sh -c "[ $rc = 2 ] && grep -q 'cut.json:1:.*baseline: not JSON' '$T/err'"
run -q --baseline "$T/base.json" -o "$T/base.json" "$E/2024/01.csv"
check "baseline: -o the baseline is refused" sh -c "[ $rc = 2 ] && jq -e . '$T/base.json' >/dev/null"
# a waived finding is matched like any other
run -q -f json --baseline "$T/base.json" --waivers "$T/w.json" --manifest "$M1" "$E/2024/01.csv"
check "baseline: waived findings are unchanged too" test \
	"$(jq -r '[.inputs[0].findings[] | select(.waiver.status == "applied") | .baseline] | unique | join(",")' "$T/out")" = unchanged

# ---- the end of a batch's text output, --summary ----
rm "$M1" "$M6"
cp fixtures/cases/err-bad-bool.csv "$E/2024/02.csv"
run -q --manifest "$M" "$E"
check "text: ends with the inputs not audited" sh -c "tail -2 '$T/out' | grep -q '^not audited: 1 input' && tail -1 '$T/out' | grep -q '^  $E/2024/02.csv: access_key_1_active is \"yes\"'"
check "text: the account x rule table" sh -c "grep -q '^worst status per account' '$T/out' && grep -q '^  111122223333 (aws) FAIL   pass   FAIL   FAIL' '$T/out'"
check "text: the table's legend" grep -q "^  rules: R1 root-access-key, R2 root-access-key-inactive" "$T/out"
run -q --summary --manifest "$M" "$E"
check "--summary: exit status as without" test "$rc" = 3
check "--summary: no per-input block" sh -c "! grep -q '^  verdict: ' '$T/out' && ! grep -q 'remediation' '$T/out'"
check "--summary: the run's summary, table and inputs not audited" sh -c \
	"grep -q '^3 inputs: 2 audited, 1 not audited' '$T/out' && grep -q '^worst status per account' '$T/out' && grep -q '^not audited: 1 input' '$T/out'"
run -q --summary -f json "$E"
check "--summary with json is a usage error" test "$rc" = 2
rm "$E/2024/02.csv"

# ---- the format from -o's extension ----
for x in json:json sarif:sarif html:html csv:csv xml:junit ocsf:ocsf txt:text; do
	"$BIN" -q -o "$T/o.${x%%:*}" "$E/2024/01.csv" 2>/dev/null
	"$BIN" -q -f "${x#*:}" -o "$T/f.${x%%:*}" "$E/2024/01.csv" 2>/dev/null
	check "-o .${x%%:*} writes ${x#*:}" cmp -s "$T/o.${x%%:*}" "$T/f.${x%%:*}"
done
"$BIN" -q -o "$T/o.log" "$E/2024/01.csv" 2>/dev/null
check "-o with an unknown extension writes text" grep -q '^  verdict: FAIL' "$T/o.log"
run -q -f json -o "$T/o.sarif" "$E/2024/01.csv"
check "-f contradicting -o's extension is exit 2" sh -c "[ $rc = 2 ] && grep -q -- '-f json contradicts -o $T/o.sarif' '$T/err'"
check "-f contradicting -o's extension writes nothing new" cmp -s "$T/o.sarif" "$T/f.sarif"
run -q -f sarif -o "$T/o2.sarif" "$E/2024/01.csv"
check "-f agreeing with -o's extension" test "$rc" = 1
# the JSON formats fit .json (README's ASFF command); others do not
for f in asff sarif ocsf; do
	run -q -f "$f" -o "$T/j-$f.json" "$E/2024/01.csv"
	"$BIN" -q -f "$f" "$E/2024/01.csv" >"$T/j-$f.out" 2>/dev/null
	check "-f $f -o x.json writes $f" sh -c "[ $rc = 1 ] && cmp -s '$T/j-$f.json' '$T/j-$f.out'"
done
run -q -f csv -o "$T/j-csv.json" "$E/2024/01.csv"
check "-f csv -o x.json is exit 2" sh -c "[ $rc = 2 ] && grep -q -- '-f csv contradicts -o $T/j-csv.json' '$T/err' && [ ! -e '$T/j-csv.json' ]"
run history -q -o "$T/h.json" fixtures/history
check "history: -o .json writes JSON" sh -c "jq -e .summary '$T/h.json' >/dev/null"

finish evidence
