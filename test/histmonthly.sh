#!/bin/sh
# History over a generated monthly archive (test/genmonthly.sh: six months
# of two accounts, AWS CSV and AWS CLI JSON, one duplicate): the gap
# threshold is derived from each account's own interval (no gaps; a
# missing month is one), every root rule is tracked, each report's SHA-256
# is sha256sum's and its container is named, and the duplicate counts once
# — in text, JSON and HTML.  Prints "histmonthly: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

M=$T/archive
sh test/genmonthly.sh "$M"
A=$M/111111111111
for f in text json html; do
	"$BIN" history -q -f $f "$M" >"$T/h.$f" 2>"$T/err.$f"
	echo $? >"$T/rc.$f"
done
J=$T/h.json
check "monthly: exit 1 in every format (a root key was active)" \
	test "$(cat "$T/rc.text" "$T/rc.json" "$T/rc.html" | tr -d '\n')" = 111
check "monthly: nothing on stderr" test ! -s "$T/err.text" -a ! -s "$T/err.json" -a ! -s "$T/err.html"
check "monthly: schema_version 2" test "$(jq .schema_version "$J")" = 2
check "monthly: 13 inputs, 1 duplicate" test "$(jq -c '[.summary.inputs, .summary.duplicates]' "$J")" = '[13,1]'

# gaps derived: 1.5 times the median interval (31 days), no gap
check "monthly: the gap threshold is derived per account" test \
	"$(jq -c '[.accounts[].gap | [.source, .median_interval_seconds, .threshold_seconds]]' "$J")" = \
	'[["median_interval",2678400,4017600],["median_interval",2678400,4017600]]'
check "monthly: a monthly archive has no gap" test "$(jq '[.accounts[].gaps[]] | length' "$J")" = 0
check "monthly: text states the threshold" grep -q '^  gap threshold: 46.5 days (1.5 times the median interval between reports, 31.0 days)$' "$T/h.text"
check "monthly: html states the threshold" grep -q '<p>Gap threshold: 46.5 days (1.5 times the median interval between reports, 31.0 days).</p>' "$T/h.html"
check "monthly: html has no hatched gap" sh -c "! grep -q 'fill=\"url(#hatch-' '$T/h.html'"
run history -f json --gap-days 7 "$M"
check "monthly: --gap-days 7 overrides (every interval is a gap)" test \
	"$(jq -c '[.accounts[] | [.gap.source, (.gaps | length)]]' "$T/out")" = '[["gap_days",5],["gap_days",5]]'
mkdir -p "$T/missing"
cp -R "$M/222222222222" "$T/missing/"
rm "$T/missing/222222222222/2024-04-01.json"
run history -f json "$T/missing"
check "monthly: a missing month is a gap" test \
	"$(jq -c '[.accounts[0].gaps[] | [.from, .to]]' "$T/out")" = '[["2024-03-01T12:00:00Z","2024-05-01T12:00:00Z"]]'

# every root rule is tracked, with its runs
ROOT='root-access-key root-access-key-inactive root-mfa root-recent-use root-signing-certificate'
check "monthly: every root rule tracked per account" test \
	"$(jq -r '[.accounts[] | [.root_rules[].rule] | join(" ")] | unique | .[]' "$J")" = "$ROOT"
check "monthly: each report carries each root rule's status" test \
	"$(jq '[.accounts[].reports[].root_rules | keys | length] | unique' -c "$J")" = '[5]'
check "monthly: runs of account 1" test \
	"$(jq -r '[.accounts[0].root_rules[] | "\(.rule):\(.failing_report_times):" + ([.runs[] | "\(.status)\(.reports)"] | join(","))] | join(" ")' "$J")" = \
	"root-access-key:3:fail3,pass3 root-access-key-inactive:1:pass3,fail1,pass2 root-mfa:1:pass1,fail1,pass4 root-recent-use:0:pass6 root-signing-certificate:1:pass5,fail1"
check "monthly: runs of account 2" test \
	"$(jq -r '[.accounts[1].root_rules[] | "\(.rule):\(.failing_report_times)"] | join(" ")' "$J")" = \
	"root-access-key:0 root-access-key-inactive:0 root-mfa:0 root-recent-use:6 root-signing-certificate:0"
check "monthly: text tracks root MFA" grep -q '^    root-mfa (critical): failing at 1 of 6 report times$' "$T/h.text"
check "monthly: text tracks root signing certificates" grep -q '^    root-signing-certificate (high): failing at 1 of 6 report times$' "$T/h.text"
check "monthly: html tracks every root rule" test \
	"$(grep -o '<tr><td class="nowrap">root-[a-z-]*</td>' "$T/h.html" | sed 's/<[^>]*>//g' | LC_ALL=C sort -u | tr '\n' ' ')" = "$ROOT "
check "monthly: summary counts accounts with a failing root rule" test "$(jq .summary.accounts_with_root_failure "$J")" = 2

# SHA-256 per report, as sha256sum computes it, in every format
jq -r '.accounts[].reports[] | "\(.sha256)  \(.file)"' "$J" >"$T/sums"
check "monthly: 13 SHA-256 in json" test "$(wc -l <"$T/sums")" = 13
check "monthly: json SHA-256 match sha256sum" sha256sum -c --quiet "$T/sums"
sha256sum "$A"/*.csv "$M"/222222222222/*.json >"$T/real"
bad_sha=0
while read -r sum file; do
	grep -A1 -F "  $file (" "$T/h.text" | grep -q "^      sha256 $sum, " || bad_sha=1
	grep -F "<td>$file</td>" "$T/h.html" | grep -q "<code>$sum</code>" || bad_sha=1
done <"$T/real"
check "monthly: text and html give each report's sha256sum" test $bad_sha = 0
check "monthly: container chain of the CLI JSON" test \
	"$(jq -r '[.accounts[1].reports[].container] | unique | .[]' "$J")" = "aws-cli-json > base64 > csv"
check "monthly: container of the CSV" test "$(jq -r '[.accounts[0].reports[].container] | unique | .[]' "$J")" = csv
check "monthly: text names the container" grep -q ', aws-cli-json &gt; base64 &gt; csv</td>\|<td>aws-cli-json &gt; base64 &gt; csv</td>' "$T/h.html"

# the duplicate counts once
check "monthly: the duplicate is named" test \
	"$(jq -r '[.accounts[0].reports[] | select(.duplicate_of) | [.file, .duplicate_of] | map(split("/")[-1]) | join(" of ")] | .[]' "$J")" = \
	"2024-03-01.csv of 2024-03-01-copy.csv"
check "monthly: 6 reports and 1 duplicate" test "$(jq -c '.accounts[0] | [.report_count, .duplicates, .report_times]' "$J")" = '[6,1,6]'
check "monthly: the key's interval counts March once" test "$(jq '.accounts[0].intervals[0].reports' "$J")" = 3
check "monthly: a duplicate is no conflict" test "$(jq .summary.conflicts "$J")" = 0
check "monthly: text counts the duplicate once" grep -q '^account 111111111111 (aws): 6 reports and 1 duplicate, ' "$T/h.text"
check "monthly: text names the duplicate" grep -q "^      duplicate of $A/2024-03-01-copy.csv (same SHA-256): counted once\$" "$T/h.text"
check "monthly: text: active in 3 reports" grep -q 'active in 3 reports, 2024-01-01T06:00:00Z to 2024-03-01T06:00:00Z' "$T/h.text"
check "monthly: html counts the duplicate once" grep -q '<p>6 reports and 1 duplicate, as of' "$T/h.html"
check "monthly: html names the duplicate" grep -q "<td>$A/2024-03-01-copy.csv</td></tr>" "$T/h.html"
check "monthly: html is valid XML" xmllint --noout "$T/h.html"

# the three formats agree (test/crosshistory.py)
cp "$T/h.text" "$T/out.text"; cp "$T/h.json" "$T/out.json"; cp "$T/h.html" "$T/out.html"
PY=${PY:-python3}
if command -v "$PY" >/dev/null 2>&1; then
	check "monthly: text, json and html agree" "$PY" test/crosshistory.py "$T" 1
fi
finish histmonthly
