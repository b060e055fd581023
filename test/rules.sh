#!/bin/sh
# Tests of the rule set through the credaudit command: the hand-derived
# verdicts of fixtures/realworld/rules.expected, docs/rules.md against the
# rule table (--list-rules), explain, --param, --benchmark, --fail-on and
# --waivers.  Prints one line per failed check and "rules: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

# ---- every rule's verdict on each real-world report ----
RW=fixtures/realworld
grep -v '^#' $RW/rules.expected | while read -r file want; do
	[ -n "$file" ] || continue
	"$BIN" --format json "$RW/$file" >"$T/rw" 2>/dev/null
	rc=$?
	if [ "$want" = error ]; then
		got="error exit $rc"
		want="error exit 3"
		got="$(jq -r '.inputs[0].status' "$T/rw") exit $rc"
	else
		got=$(jq -r '[.inputs[0].results[] | if .status == "fail" then "fail:\(.findings)" else .status end] | join(" ")' "$T/rw")
		want=$(echo "$want" | tr -s ' ')
	fi
	[ "$got" = "$want" ] || echo "FAIL: rules.expected $file: got '$got', want '$want'"
	echo done
done >"$T/rw.out"
n=$(grep -c '^done' "$T/rw.out")
nf=$(grep -c '^FAIL' "$T/rw.out")
grep '^FAIL' "$T/rw.out"
pass=$((pass + n - nf))
fail=$((fail + nf))
for f in $RW/*.csv $RW/*.txt $RW/synthetic/*; do
	[ -f "$f" ] || continue
	check "rules.expected lists $f" grep -q "^${f#$RW/} " $RW/rules.expected
done

# ---- docs/rules.md says what the rule table says ----
# Both sides become lines "rule ID SEVERITY", "ref ID FRAMEWORK: ID",
# "param ID NAME=DEFAULT", in table order.
"$BIN" --list-rules | awk '
	/^[a-z]/ { id = $1; print "rule " id " " $2; next }
	/^ +parameter / { sub(/^ +parameter /, ""); split($0, a, "="); p = a[1]; sub(/^[^.]*\./, "", p); print "param " id " " p "=" a[2]; next }
	/^ +\(no verified reference\)/ { next }
	/^ +/ { sub(/^ +/, ""); print "ref " id " " $0 }' >"$T/table"
docs_lines() {
	awk '
	/^## `/ { id = $2; gsub(/`/, "", id); block = ""; next }
	/^Severity: / { s = $2; gsub(/[*.]/, "", s); print "rule " id " " s; next }
	/^References:/ { block = "ref"; next }
	/^Parameters:/ { block = "param"; next }
	/^$/ { block = ""; next }
	block == "ref" && /^- / { sub(/^- /, ""); print "ref " id " " $0; next }
	block == "param" && /^- `/ { split($2, a, "`"); p = a[2]; sub(/^[^.]*\./, "", p); v = $4; gsub(/[^0-9]/, "", v); print "param " id " " p "=" v; next }' "$1"
}
docs_lines docs/rules.md >"$T/docs"
check "--list-rules lists every rule" test "$(grep -c '^rule ' "$T/table")" = 10
if ! cmp -s "$T/table" "$T/docs"; then
	bad "docs/rules.md disagrees with the rule table:"
	diff "$T/table" "$T/docs" | sed 's/^/    /'
else
	ok
fi
# the comparison itself can fail: a changed severity is caught
sed 's/^Severity: \*\*critical\*\*/Severity: **low**/' docs/rules.md >"$T/rules.md"
docs_lines "$T/rules.md" >"$T/docs2"
check "a wrong severity in docs/rules.md would be caught" sh -c "! cmp -s '$T/table' '$T/docs2'"
sed '/^- AWS Security Hub: IAM.4$/d' docs/rules.md >"$T/rules.md"
docs_lines "$T/rules.md" >"$T/docs2"
check "a missing reference in docs/rules.md would be caught" sh -c "! cmp -s '$T/table' '$T/docs2'"

# ---- explain ----
for id in $(grep '^rule ' "$T/table" | cut -d' ' -f2); do
	run explain "$id"
	check "explain $id" sh -c "[ $rc = 0 ] && grep -q '^$id: ' '$T/out' && grep -q '^remediation:' '$T/out' && grep -q '^  1\. ' '$T/out' && grep -q '^verification:' '$T/out' && grep -q '^risk:' '$T/out'"
done
run explain root-access-key
check "explain gives the console and CLI steps" sh -c "grep -q 'Console:' '$T/out' && grep -q 'aws iam delete-access-key' '$T/out'"
check "explain lists references" grep -q 'AWS Security Hub: IAM.4' "$T/out"
run explain no-such-rule
check "explain of an unknown rule exits 2" test "$rc" = 2
run explain
check "explain without a rule exits 2" test "$rc" = 2
run explain root-acces-key
check "explain of a misspelt rule: exit 2, nothing on stdout" test "$rc" = 2 -a ! -s "$T/out"
check "explain of a misspelt rule suggests the nearest" grep -qx "credaudit: unknown rule 'root-acces-key' (did you mean root-access-key?)" "$T/err"
run explain two-active-key
check "explain suggests by edit distance" grep -q '(did you mean two-active-keys?)' "$T/err"
run explain mfa
check "explain suggests a rule the id is part of" grep -q '(did you mean root-mfa?)' "$T/err"
run explain no-such-rule
check "explain of a far id suggests nothing" grep -qx "credaudit: unknown rule 'no-such-rule' (see --list-rules)" "$T/err"
run explain root-mfa two-active-keys
check "explain takes several rules, in the order given" test "$rc:$(grep -E '^[a-z-]+: ' "$T/out" | grep -v '^severity:' | cut -d: -f1 | tr '\n' ' ')" = "0:root-mfa two-active-keys "
run explain root-mfa bogus-rule
check "explain with one unknown rule prints nothing, exit 2" test "$rc" = 2 -a ! -s "$T/out"
run explain all
check "explain all explains every rule in table order" test \
	"$(grep -c '^risk:' "$T/out"):$(grep -E '^[a-z0-9-]+: ' "$T/out" | grep -v '^severity:' | cut -d: -f1 | tr '\n' ' ')" = \
	"10:$(grep '^rule ' "$T/table" | cut -d' ' -f2 | tr '\n' ' ')"

# ---- --list-rules -f json ----
run --list-rules -f json
check "--list-rules -f json: exit 0, valid JSON" sh -c "[ $rc = 0 ] && jq -e . '$T/out' >/dev/null"
cp "$T/out" "$T/rules.json"
check "--list-rules -f json: the table's rules, severities, references, parameters" test \
	"$(jq -r '.rules[] | ("rule \(.id) \(.severity)"), (.id as $i | .references[] | "ref \($i) \(.framework): \(.id)"), (.id as $i | .params[] | "param \($i) \(.name)=\(.default)")' "$T/rules.json")" = "$(cat "$T/table")"
check "--list-rules -f json: columns read and scope" test \
	"$(jq -c '.rules[] | select(.id == "root-mfa") | [.scope, .columns, .needs_as_of]' "$T/rules.json")" = '["root",["mfa_active"],false]'
check "--list-rules -f json: every rule has risk, remediation, verification" test \
	"$(jq '[.rules[] | select(.risk != "" and (.remediation | length) > 0 and .verification != "")] | length' "$T/rules.json")" = 10
check "--list-rules -f json: benchmarks" test "$(jq -r '.benchmarks[0].name' "$T/rules.json")" = cis-1.2
run -f json --list-rules
check "--list-rules -f json: deterministic, -f before or after" cmp -s "$T/out" "$T/rules.json"
run --list-rules -f sarif
check "--list-rules -f sarif: usage error" test "$rc" = 2
"$BIN" --list-rules >"$T/list.txt"
check "--list-rules -f text is the text table" sh -c "'$BIN' --list-rules -f text | cmp -s - '$T/list.txt'"

# ---- text output: failures with remediation, one line for the rest ----
run fixtures/demo.csv
check "failed rule has its remediation" sh -c "grep -q '^  FAIL critical root-access-key' '$T/out' && grep -q '^    remediation:' '$T/out' && grep -q '^    verification:' '$T/out'"
check "passes and not-evaluated on one line" test "$(grep -c '^  passed: ' "$T/out")" = 1
run fixtures/cases/layout-2014-16col.csv
check "not evaluated with the reason in text" grep -q "not evaluated: root-recent-use (the report has no 'access_key_1_last_used_date' column" "$T/out"
run --format json fixtures/cases/layout-2014-16col.csv
check "not_evaluated with the reason in JSON" test "$(jq -r '.inputs[0].results[] | select(.rule == "credentials-unused") | "\(.status) \(.reason)"' "$T/out")" = "not_evaluated the report has no 'access_key_1_last_used_date' column (older report layout)"
check "results carry references" test "$(jq -r '.inputs[0].results[0].references[] | select(.framework == "AWS Security Hub") | .id' "$T/out")" = IAM.4

# ---- --param, --benchmark, --fail-on ----
run --as-of 2024-06-01 --param credentials-unused.days=2000 --format json fixtures/demo.csv
check "--param raises a threshold" test "$(jq -r '.inputs[0].results[] | select(.rule == "credentials-unused") | .status' "$T/out")" = pass
for p in nope.days=1 credentials-unused.weeks=1 credentials-unused.days=x credentials-unused.days=-5 credentials-unused; do
	run --param "$p" fixtures/demo.csv
	check "--param $p exits 2" test "$rc" = 2
done
run --benchmark cis-1.2 --format json fixtures/demo.csv
check "--benchmark cis-1.2 clause of credentials-unused is 1.3" test "$(jq -r '.benchmark, (.inputs[0].results[] | select(.rule == "credentials-unused") | .clause)' "$T/out" | tr '\n' ' ')" = "cis-1.2 1.3 "
run --benchmark cis-3.0 fixtures/demo.csv
check "--benchmark shows the clause in text" grep -q 'root-access-key: control not met: The root user has no active access key \[cis-3.0 1.4\]' "$T/out"
run --benchmark cis-9 fixtures/demo.csv
check "unknown benchmark exits 2" test "$rc" = 2
run --rules two-active-keys,access-key-not-rotated --fail-on high fixtures/demo.csv
check "--fail-on high: medium findings alone exit 0" test "$rc" = 0
check "--fail-on high: the findings are still reported" grep -q 'WARN medium   two-active-keys' "$T/out"
run --rules two-active-keys --fail-on medium fixtures/demo.csv
check "--fail-on medium: a medium finding exits 1" test "$rc" = 1
run --fail-on severe fixtures/demo.csv
check "--fail-on with an unknown severity exits 2" test "$rc" = 2

# ---- --waivers ----
cat >"$T/w.json" <<'W'
{"waivers": [
  {"rule": "two-active-keys", "account": "111122223333", "user": "deploy-bot",
   "justification": "rotation in progress (SEC-42)", "owner": "alice@example.com",
   "expires": "2024-06-30"},
  {"rule": "root-access-key", "account": "999999999999",
   "justification": "another account", "owner": "bob", "expires": "2030-01-01"},
  {"rule": "root-mfa", "account": "*", "justification": "accepted until May",
   "owner": "carol", "expires": "2024-05-01"}
]}
W
run --as-of 2024-06-01 --rules two-active-keys --waivers "$T/w.json" fixtures/demo.csv
check "waived finding does not count (exit 0)" test "$rc" = 0
check "waived finding is reported with its justification" grep -q 'waived (waiver 1, expires 2024-06-30, owner alice@example.com): rotation in progress (SEC-42)' "$T/out"
check "verdict counts as the summary: all findings, then waived" sh -c "grep -q 'verdict: PASS (1 finding, 1 waived)' '$T/out' && grep -q '1 finding (.*), 1 waived' '$T/out'"
run --rules root-access-key --waivers "$T/w.json" fixtures/demo.csv
check "a waiver for another account does not apply" test "$rc" = 1
run --rules root-mfa --waivers "$T/w.json" --format json fixtures/demo.csv
check "expired waiver does not apply" test "$rc" = 1
check "expired waiver is reported as expired" test "$(jq -r '.inputs[0].findings[0].waiver | "\(.status) \(.owner) \(.expires)"' "$T/out")" = "expired carol 2024-05-01"
sed 's/"expires": "2024-05-01"/"expires": "2024-06-01T00:00:01Z"/' "$T/w.json" >"$T/w2.json"
run --rules root-mfa --as-of 2024-06-01 --waivers "$T/w2.json" --format json fixtures/demo.csv
check "expiry is judged at the as-of time" test "$rc/$(jq -r '.inputs[0].findings[0].waiver.status, .inputs[0].results[0].waived, .summary.waived' "$T/out" | tr '\n' ' ')" = "0/applied 1 1 "
run --rules root-mfa --as-of 2024-06-01T00:00:01Z --waivers "$T/w2.json" --format json fixtures/demo.csv
check "... expired at its expiry moment" test "$rc/$(jq -r '.inputs[0].findings[0].waiver.status' "$T/out")" = "1/expired"
# refused NAME PATTERN TEXT: a waiver file holding TEXT is refused: exit 2,
# PATTERN on standard error.
refused() {
	printf '%s\n' "$3" >"$T/bad.json"
	run --waivers "$T/bad.json" fixtures/demo.csv
	check "$1" sh -c "[ $rc = 2 ] && grep -q '$2' '$T/err'"
}
refused "waiver naming an unknown rule exits 2" 'unknown rule' \
	'{"waivers": [{"rule": "nope", "account": "*", "justification": "j", "owner": "o", "expires": "2030-01-01"}]}'
refused "waiver without justification exits 2" justification \
	'{"waivers": [{"rule": "root-mfa", "account": "*", "owner": "o", "expires": "2030-01-01"}]}'
refused "waiver without expiry exits 2" expires \
	'{"waivers": [{"rule": "root-mfa", "account": "*", "owner": "o", "justification": "j"}]}'
refused "malformed waiver file exits 2 with line and column" 'bad.json:2:' \
	"$(printf '{"waivers": [\n  {"rule": }\n]}')"
run --waivers "$T/none.json" fixtures/demo.csv
check "missing waiver file exits 2" test "$rc" = 2

# ---- fail-closed details ----
H=$(head -n 1 fixtures/demo.csv)
{ echo "$H"
  echo '<root_account>,arn:aws:iam::111122223333:root,2019-02-30T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
  echo 'alice,arn:aws:iam::111122223333:user/alice,yesterday,false,N/A,N/A,N/A,false,true,2020-01-01 00:00:00,last week,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
} >"$T/noasof.csv"
run --format json "$T/noasof.csv"
check "no readable timestamp: a bad value an age rule reads is still an error" test "$rc $(jq -r '.inputs[0].error | "\(.line):\(.column)"' "$T/out")" = "3 3:10"

echo "$H" | sed 's/password_enabled,//; s/mfa_active,//' >"$T/nomfa.csv"
echo '<root_account>,arn:aws:iam::111122223333:root,2019-03-04T10:00:00+00:00,N/A,not_supported,not_supported,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A' >>"$T/nomfa.csv"
run "$T/nomfa.csv"
check "an absent column every layout has: input error naming it, never a PASS" sh -c "[ $rc = 3 ] && grep -q \"nomfa.csv:1: error: the header has no 'password_enabled' column, no 'mfa_active' column, which every AWS report layout has: the header is damaged\" '$T/out' && ! grep -q 'verdict: PASS' '$T/out'"
run --rules root-access-key,user-console-without-mfa --format json "$T/nomfa.csv"
check "a damaged header with an explicit rule whose columns are absent is an input error" sh -c "[ $rc = 3 ] && jq -e '.inputs[0].error.message | contains(\"which rule user-console-without-mfa needs\")' '$T/out' >/dev/null"
run --rules root-access-key,two-active-keys --format json "$T/nomfa.csv"
check "a damaged header with --rules naming only rules whose columns are present is audited" sh -c "[ $rc = 0 ] && [ \"\$(jq -r '.inputs[0].status' '$T/out')\" = audited ]"
# the issue's case: the current layout without mfa_active alone
echo "$H" | sed 's/mfa_active,//' >"$T/nomfa1.csv"
echo '<root_account>,arn:aws:iam::111122223333:root,2019-03-04T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A' >>"$T/nomfa1.csv"
run --format json "$T/nomfa1.csv"
check "current layout without mfa_active: exit 3 naming the column" sh -c "[ $rc = 3 ] && [ \"\$(jq -r '.inputs[0] | \"\\(.status) \\(.error.line):\\(.error.column)\"' '$T/out')\" = 'error 1:0' ] && jq -e '.inputs[0].error.message | contains(\"no '\\''mfa_active'\\'' column, which every AWS report layout has\")' '$T/out' >/dev/null"
# the 2014 layout with a damaged name: not the older layout, a damaged one
sed '1s/cert_1_last_rotated/cert_1_last_rotatd/' fixtures/cases/layout-2014-16col.csv >"$T/old-typo.csv"
run "$T/old-typo.csv"
check "16-column header with a misspelt column: exit 3 naming it" sh -c "[ $rc = 3 ] && grep -q \"old-typo.csv:1: error: the header has no 'cert_1_last_rotated' column, which every AWS report layout has\" '$T/out'"
# the current layout with only some last-used columns
sed '1s/access_key_2_last_used_service/x/' fixtures/demo.csv >"$T/part.csv"
run "$T/part.csv"
check "current layout lacking one last-used column: exit 3 naming it" sh -c "[ $rc = 3 ] && grep -q \"part.csv:1: error: the header has no 'access_key_2_last_used_service' column, which the current AWS report layout has\" '$T/out'"
run --rules root-mfa "$T/nomfa.csv"
check "an absent column a selected rule needs is an input error" sh -c "[ $rc = 3 ] && grep -q \"nomfa.csv:1: error: the header has no 'mfa_active' column, which rule root-mfa needs\" '$T/out'"

# The latest timestamp is a lower bound of the generation time: an age pass
# is not a pass, a waiver's expiry cannot be judged.
{ echo "$H"
  echo '<root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00Z,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
  echo 'alice,arn:aws:iam::111122223333:user/alice,2019-01-01T00:00:00Z,true,2019-06-01T00:00:00Z,2019-01-01T00:00:00Z,N/A,true,true,2019-03-15T00:00:00Z,2019-06-01T00:00:00Z,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
} >"$T/dormant.csv"
run --format json "$T/dormant.csv"
check "lower-bound as-of: age passes are not_evaluated" test "$(jq -r '[.inputs[0].results[] | select(.rule == "access-key-not-rotated" or .rule == "credentials-unused") | .status] | join(" ")' "$T/out")" = "not_evaluated not_evaluated"
check "lower-bound as-of: the reason says why" grep -q 'passes only as of 2019-06-01T00:00:00Z, a lower bound of when the report was generated' "$T/out"
run --as-of 2024-06-01 --format json "$T/dormant.csv"
check "with --as-of the dormant key fails" test "$rc $(jq -r '[.inputs[0].findings[].rule] | length' "$T/out")" = "1 3"
run --rules two-active-keys --waivers "$T/w.json" --format json fixtures/demo.csv
check "lower-bound as-of: a waiver is not applied" test "$rc $(jq -r '.inputs[0].findings[0].waiver.status' "$T/out")" = "1 not_applied"
run --rules two-active-keys --waivers "$T/w.json" fixtures/demo.csv
check "lower-bound as-of: text says why the waiver is not applied" grep -q 'waiver not applied: as-of is a lower bound (waiver 1, expires 2024-06-30' "$T/out"

for r in root-mfa user-console-without-mfa; do
	check "$r maps to PCI DSS 4.0.1 8.4.2 (Security Hub related requirements)" sh -c "'$BIN' --format json '$T/dormant.csv' | jq -e '.inputs[0].results[] | select(.rule == \"$r\") | .references[] | select(.framework == \"PCI DSS 4.0.1\" and .id == \"8.4.2\")' >/dev/null"
done

# ---- a timestamp later than the as-of moment: the report is inconsistent ----
# demo.csv with one cell moved to 2099: every timestamp column, read by a
# selected rule or not, is held against the as-of moment (exit 3, never a
# pass), however that moment is stated, and against the clock when none is.
# cell LINE COLUMN VALUE: demo.csv with that cell replaced, into $T/late.csv
cell() {
	awk -F, -v OFS=, -v l="$1" -v c="$2" -v v="$3" 'NR == l { $c = v } { print }' fixtures/demo.csv >"$T/late.csv"
}
cell 3 3 2099-01-15T12:00:00+00:00
run --as-of 2024-06-01 --fail-on high "$T/late.csv"
check "a user_creation_time after --as-of: exit 3" test "$rc" = 3
check "... naming line, column, value and the as-of time" grep -q "late.csv:3:3: error: user_creation_time 2099-01-15T12:00:00+00:00 is later than the as-of time 2024-06-01T00:00:00Z (--as-of)" "$T/out"
run --as-of 2024-06-01 --format json "$T/late.csv"
check "... in JSON: an error at 3:3, no results" test "$rc $(jq -r '.inputs[0] | "\(.error.line):\(.error.column) \(.results | length)"' "$T/out")" = "3 3:3 0"
run --as-of now --fail-on high "$T/late.csv"
check "a timestamp after --as-of now: exit 3" sh -c "[ $rc = 3 ] && grep -q 'late.csv:3:3: error: user_creation_time 2099-01-15T12:00:00+00:00 is later than the as-of time .* (--as-of now, the clock)' '$T/out'"
run --fail-on high "$T/late.csv"
check "a timestamp after the clock, no as-of stated: exit 3" sh -c "[ $rc = 3 ] && grep -q 'late.csv:3:3: error: user_creation_time 2099-01-15T12:00:00+00:00 is later than the clock at run time' '$T/out'"
run --rules root-mfa,root-recent-use --as-of 2024-06-01 "$T/late.csv"
check "a later timestamp in a column no selected rule reads: exit 3" test "$rc" = 3
run --rules root-mfa,root-recent-use "$T/late.csv"
check "... also against the clock" test "$rc" = 3
# Only a rule that judges age makes the verdict depend on time: a rule that
# reads no time is judged on what it reads (the shared corpus holds reports
# edited to 2099 whose root verdict PROVENANCE states).
run --rules root-mfa,root-access-key --as-of 2024-06-01 "$T/late.csv"
check "no rule judges age: a later date elsewhere does not stop the audit" sh -c "[ $rc != 3 ] && grep -q 'verdict' '$T/out'"
run --rules root-access-key "$T/late.csv"
check "... nor against the clock" test "$rc" != 3
# A waiver's expiry is judged at the as-of time: with waivers, the report's
# timestamps are held against it even when no selected rule judges age, so
# a GeneratedTime set back in time cannot make an expired waiver apply.
python3 -c 'import json,sys; print(json.dumps({"GeneratedTime": "2020-01-01T00:00:00Z", "ReportFormat": "text/csv", "Content": open(sys.argv[1]).read()}))' fixtures/demo.csv >"$T/old-generated.json"
echo '{"waivers": [{"rule": "root-access-key", "account": "*", "justification": "j", "owner": "o", "expires": "2023-01-01"}]}' >"$T/w-expired.json"
run --rules root-access-key --waivers "$T/w-expired.json" "$T/old-generated.json"
check "waivers and a GeneratedTime before the report's timestamps: exit 3, never a waived pass" test "$rc" = 3
run --rules root-access-key "$T/old-generated.json"
check "... without waivers the root check is judged (exit 1)" test "$rc" = 1
# A waiver file's text quoted in an error reaches the terminal escaped.
printf '{"waivers": [{"rule": "root-mfa", "account": "1\\u001b[31m", "justification": "j", "owner": "o", "expires": "2030-01-01"}]}\n' >"$T/w-esc.json"
run --waivers "$T/w-esc.json" fixtures/demo.csv
check "a waiver file's control bytes are escaped in the error (exit 2, no raw ESC)" \
	sh -c "[ $rc = 2 ] && ! grep -q \"\$(printf '\\033')\" '$T/err' && grep -q 'x1B' '$T/err'"
cell 4 15 2099-01-01T00:00:00Z
run --as-of 2024-06-01 "$T/late.csv"
check "an inactive key's date after --as-of: exit 3 at 4:15" sh -c "[ $rc = 3 ] && grep -q 'late.csv:4:15: error: access_key_2_last_rotated 2099-01-01T00:00:00Z is later' '$T/out'"
cell 2 22 2024-06-01T09:00:00+08:00
run --as-of 2024-06-01T00:59:59Z "$T/late.csv"
check "a cell with an offset, later once in UTC: exit 3 at 2:22" sh -c "[ $rc = 3 ] && grep -q 'late.csv:2:22: error: cert_2_last_rotated 2024-06-01T09:00:00+08:00 is later than the as-of time 2024-06-01T00:59:59Z' '$T/out'"
run --as-of 2024-06-01T01:00:00Z "$T/late.csv"
check "... at the as-of moment itself: audited" test "$rc" = 1
cell 3 7 2099-01-01T00:00:00+00:00
run --as-of 2024-06-01 "$T/late.csv"
check "password_next_rotation is a future date: audited" test "$rc" = 1
run --as-of 2024-05-01 --format json fixtures/demo.csv
check "--as-of before the report's timestamps: exit 3 at the first later cell" test "$rc $(jq -r '.inputs[0].error | "\(.line):\(.column)"' "$T/out")" = "3 2:5"
check "... no verdict (no result, no finding)" test "$(jq '.inputs[0] | (.results | length) + (.findings | length)' "$T/out")" = 0
run --format json --as-of 2024-05-31T23:59:00Z fixtures/demo.csv
check "--as-of at the latest timestamp: age rules evaluated" test "$(jq '[.inputs[0].results[] | select(.status == "not_evaluated")] | length' "$T/out")" = 0
run --format json --as-of 2024-05-31T23:58:59Z fixtures/demo.csv
check "--as-of one second before the latest timestamp: exit 3" test "$rc $(jq -r '.inputs[0].error | "\(.line):\(.column)"' "$T/out")" = "3 4:11"

# ---- times: no second 60, no year outside 0001-9999 ----
for a in 9999-12-31T23:59:60Z 2024-06-01T12:00:60Z 2024-06-01T12:00:60+00:00 \
    9999-12-31T23:59:59-01:00 0001-01-01T00:00:00+00:01 0000-12-31; do
	run --as-of "$a" fixtures/demo.csv
	check "--as-of $a: usage error (exit 2)" sh -c "[ $rc = 2 ] && [ ! -s '$T/out' ] && grep -q 'as-of' '$T/err'"
done
run --as-of 9999-12-31T23:59:59Z --format json fixtures/demo.csv
check "--as-of 9999-12-31T23:59:59Z: audited, as of that moment" test "$rc $(jq -r '.inputs[0].as_of.time' "$T/out")" = "1 9999-12-31T23:59:59Z"
for v in 2024-05-20T08:14:60+00:00 2024-05-20T08:14:60Z 0000-05-20T08:14:00Z 9999-12-31T23:59:59-01:00; do
	cell 2 5 "$v"
	run --as-of 2024-06-01 --format json "$T/late.csv"
	check "a report cell $v: input error (exit 3) at 2:5" test "$rc $(jq -r '.inputs[0].error | "\(.line):\(.column)"' "$T/out")" = "3 2:5"
done
refused "waiver expiring at second 60: refused like any bad waiver file (exit 2)" expires \
	'{"waivers": [{"rule": "root-mfa", "account": "*", "justification": "j", "owner": "o", "expires": "2024-06-30T23:59:60Z"}]}'
refused "waiver expiring after the year 9999: refused (exit 2)" expires \
	'{"waivers": [{"rule": "root-mfa", "account": "*", "justification": "j", "owner": "o", "expires": "9999-12-31T23:59:59-01:00"}]}'

# ---- the audit's options are recorded in every output ----
run --format json --rules credentials-unused,root-mfa --param credentials-unused.days=30 --fail-on high --waivers "$T/w.json" fixtures/demo.csv
check "options: selected rules in table order" test "$(jq -r '.options.rules | join(",")' "$T/out")" = "root-mfa,credentials-unused"
check "options: effective thresholds of the selected rules" test "$(jq -c '.options.params' "$T/out")" = '{"credentials-unused.days":30}'
check "options: fail_on, benchmark" test "$(jq -r '.options | "\(.fail_on) \(.benchmark)"' "$T/out")" = "high null"
check "options: waiver file and its sha256" test "$(jq -r '.options.waivers | "\(.file) \(.sha256)"' "$T/out")" = "$T/w.json $(sha256sum <"$T/w.json" | cut -d' ' -f1)"
run --format json --benchmark cis-1.4 fixtures/demo.csv
check "options: benchmark thresholds, no waivers" test "$(jq -c '[.options.benchmark, .options.params["credentials-unused.days"], .options.waivers, .options.fail_on]' "$T/out")" = '["cis-1.4",45,null,"low"]'
run --param access-key-not-rotated.days=100 fixtures/demo.csv
check "text states the options and thresholds" sh -c "grep -qx 'options: rules all (10), benchmark none, fail-on low, waivers none' '$T/out' && grep -q '^  thresholds: root-recent-use.days=90, access-key-not-rotated.days=100, ' '$T/out'"
# ---- a waiver names an account id as ARNs carry it ----
echo '{"waivers": [{"rule": "root-access-key", "account": "test", "justification": "j", "owner": "o", "expires": "2030-01-01"}]}' >"$T/acct.json"
run --rules root-access-key --as-of 2024-01-01 --waivers "$T/acct.json" --format json fixtures/realworld/lstatro-cloud-search-root-key1-active.csv
check "waiver for account 'test' (a sanitised report's id) applies" test "$rc $(jq -r '.inputs[0].findings[0].waiver.status' "$T/out")" = "0 applied"
refused "waiver account with a space: usage error" 'account id as ARNs carry it' \
	'{"waivers": [{"rule": "root-access-key", "account": "11 22", "justification": "j", "owner": "o", "expires": "2030-01-01"}]}'
run --format sarif --rules root-mfa --param root-recent-use.days=30 --fail-on medium fixtures/demo.csv
check "SARIF: the options in invocations[0].properties" test "$(jq -c '.runs[0].invocations[0].properties.options' "$T/out")" = '{"rules":["root-mfa"],"benchmark":null,"params":{},"fail_on":"medium","waivers":null}'
finish rules
