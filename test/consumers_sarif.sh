#!/bin/sh
# test/consumers_sarif.sh - SARIF as its consumers read it.  Several runs
# (the demo report, many findings, waivers, unreadable inputs, two
# accounts, hostile text, a container, --redact, a rule selection) are
# checked against the SARIF 2.1.0 schema, against Microsoft's SARIF
# multitool (`validate --rule-kind "Sarif;Ghas;Ado" --level
# "Error;Warning"`: GitHub code scanning's and GHAzDO's ingestion rules,
# no error and no warning allowed), and for what code scanning shows:
# every alert title names its principal, rules carry Markdown help, and
# partialFingerprints and the category stay the same when the same report
# comes under another file name.
#
# The multitool is the npm package @microsoft/sarif-multitool, installed by
# scripts/deps.sh into test/node/node_modules (test/node/package.json pins
# it); without npm or the package, its checks print a SKIP line.  It ships
# a native .NET program: run here directly (its bin.js goes through a
# shell, which splits "Sarif;Ghas;Ado"), with
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 so that it needs no libicu.
cd "$(dirname "$0")/.." && . test/lib.sh
PY=${PY:-python3}
AS="--as-of 2024-06-01"
mkdir -p "$T/s"

# sarif NAME ARG...: credaudit -f sarif into $T/s/NAME.sarif; exit in $rc.
sarif() {
	name=$1
	shift
	"$BIN" --format sarif -o "$T/s/$name.sarif" "$@" 2>"$T/err"
	rc=$?
}

sarif demo $AS fixtures/demo.csv
check "demo: exit 1" test $rc = 1
R=fixtures/realworld
sarif many $AS $R/cartography-pr1150-2022.csv $R/cloudcustodian-account-credential-report-2017-02.csv \
    $R/cloudcustodian-unused-keys-2016-11.csv $R/cloudmapper-demo-2019-05-07.csv \
    $R/cloudmapper-demo-head-edited.csv $R/lstatro-cloud-search-root-both-keys-active.csv \
    test/data/hostile-users.csv
check "many: written" test -s "$T/s/many.sarif"
check "many: more than 100 results" test "$(jq '.runs[0].results | length' "$T/s/many.sarif")" -gt 100
sarif waived $AS --benchmark cis-1.4 --waivers fixtures/waivers/demo.json fixtures/demo.csv
check "waived: suppressions present" test "$(jq '[.runs[0].results[] | select(.suppressions)] | length' "$T/s/waived.sarif")" -gt 0
sarif unreadable $AS fixtures/cases/err-no-root.csv fixtures/cases/err-binary.png "$T/missing.csv" \
    $R/lstatro-cloud-search-noroot.csv
check "unreadable: exit 3" test $rc = 3
check "unreadable: a notification per input" test "$(jq '.runs[0].invocations[0].toolExecutionNotifications | length' "$T/s/unreadable.sarif")" = 4
sarif mixed $AS fixtures/demo.csv fixtures/cases/err-no-root.csv
sarif twoacct $AS fixtures/history/111122223333/2024-01-01.csv fixtures/history/444455556666/2024-01-01.csv
sarif hostile $AS test/data/hostile-users.csv
sarif container $AS fixtures/containers/demo.json.gz fixtures/containers/err-json-bad-base64.json
sarif redact $AS --redact fixtures/demo.csv
sarif subset $AS --rules root-mfa,user-console-without-mfa fixtures/cases/user-named-root.csv
sarif pass --as-of 2024-06-01T00:00:00Z --rules root-mfa,root-access-key fixtures/cases/pass.csv
check "pass: exit 0" test $rc = 0

# ---- the SARIF 2.1.0 schema ----
"$PY" - test/data/sarif-schema-2.1.0.json "$T"/s/*.sarif >"$T/schema.log" 2>&1 <<'PYEOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
v = jsonschema.Draft4Validator(schema)
bad = 0
for f in sys.argv[2:]:
    errs = list(v.iter_errors(json.load(open(f, encoding="utf-8"))))
    for e in errs[:3]:
        print(f, "/".join(map(str, e.path)), e.message[:200])
    bad += bool(errs)
sys.exit(1 if bad else 0)
PYEOF
check "every output valid against the SARIF 2.1.0 schema" test $? = 0 || cat "$T/schema.log"

# ---- what code scanning shows ----
s=$T/s/demo.sarif
check "driver: fullName and informationUri" test "$(jq -r '.runs[0].tool.driver | "\(.fullName != null) \(.informationUri)"' "$s")" = "true https://credaudit.invalid/"
check "rules: name PascalCase, not the id" test "$(jq -r '.runs[0].tool.driver.rules[] | select(.id == "user-console-without-mfa") | .name' "$s")" = UserConsoleWithoutMfa
check "rules: no name equal to its id" test "$(jq '[.runs[0].tool.driver.rules[] | select(.name == .id)] | length' "$s")" = 0
check "rules: every rule has help.markdown" test "$(jq '[.runs[0].tool.driver.rules[] | select((.help.markdown // "") | test("\\*\\*Remediation\\*\\*\n\n1\\. "))] | length' "$s")" = 10
check "rules: markdown escapes <root_account> (no HTML tag)" test "$(jq '[.runs[0].tool.driver.rules[].help.markdown | select(test("(^|[^\\\\])<"))] | length' "$s")" = 0
check "rules: markdown keeps <root_account> as text" sh -c "jq -r '.runs[0].tool.driver.rules[].help.markdown' '$s' | grep -qF '\\<root\\_account\\>'"
check "results: root alerts name the root user and account" test "$(jq '[.runs[0].results[] | select(.properties.user == "<root_account>") | select(.message.text | startswith("Root user of account 111122223333: "))] | length' "$s")" = 3
check "results: user alerts name the IAM user" test "$(jq '[.runs[0].results[] | select(.properties.user != "<root_account>") | select(.properties.user as $u | .message.text | startswith("IAM user '\''\($u)'\'' in account 111122223333: "))] | length' "$s")" = 8
for f in many twoacct hostile redact subset; do
	# alike only when they are the same alert (a report may list a user twice)
	check "$f: no two alerts of a rule read alike" test "$(jq '[.runs[0].results[] | [.ruleId, .message.text, .partialFingerprints]] | group_by(.[0:2]) | map(map(.[2]) | unique | length) | max // 1' "$T/s/$f.sarif")" = 1
	check "$f: every alert title names its principal" test "$(jq '[.runs[0].results[] | select(.message.text | test("^(Root user of account [^ ]+|IAM user '.*' in account [^ ]+): ") | not)] | length' "$T/s/$f.sarif")" = 0
done
check "many: 'user can sign in ... no MFA' alerts all differ" test "$(jq '[.runs[0].results[] | select(.ruleId == "user-console-without-mfa") | .message.text] | unique | length' "$T/s/many.sarif")" -ge 20
check "an IAM user named root is not the root user" test "$(jq -r '[.runs[0].results[] | select(.properties.arn | endswith(":user/root")) | .message.text][0]' "$T/s/subset.sarif" | cut -c1-40)" = "IAM user 'root' in account 111122223333:"
check "redact: the title carries the pseudonym, not the name" test "$(jq '[.runs[0].results[] | .message.text | select(test("deploy-bot|alice"))] | length' "$T/s/redact.sarif")" = 0
check "hostile: output is printable ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$T/s/hostile.sarif'"
sed 's|^alice,|[click](https://evil.example/) \\[x\\,|' fixtures/demo.csv >"$T/brackets.csv"
sarif brackets $AS "$T/brackets.csv"
check "hostile: square brackets escaped in the title (no embedded link)" test "$(jq -r '[.runs[0].results[] | select(.properties.user | startswith("[")) | .message.text][0]' "$T/s/brackets.sarif" | cut -c1-53)" = "IAM user '\\[click\\](https://evil.example/) \\\\\\[x\\' in"
check "hostile: a hostile user name kept as data in the title" test "$(jq -r '[.runs[0].results[] | select(.properties.user | startswith("<script>")) | .message.text][0]' "$T/s/hostile.sarif" | cut -c1-19)" = "IAM user '<script>a"

# ---- the category and fingerprints across file names and runs ----
mkdir -p "$T/a" "$T/b"
cp fixtures/demo.csv "$T/a/credential-report-2024-05.csv"
cp fixtures/demo.csv "$T/b/next-month.csv"
"$BIN" -f sarif $AS -o "$T/a.sarif" "$T/a/credential-report-2024-05.csv" 2>/dev/null
"$BIN" -f sarif $AS -o "$T/b.sarif" "$T/b/next-month.csv" 2>/dev/null
fps() { jq -c '[.runs[0].results[] | [.ruleId, .properties.arn, .properties.credential, .partialFingerprints]] | sort' "$1"; }
check "fingerprints: the same across differently named files" test "$(fps "$T/a.sarif")" = "$(fps "$T/b.sarif")"
check "fingerprints: the same as the demo run's" test "$(fps "$T/a.sarif")" = "$(fps "$s")"
check "fingerprints: one per account, rule, principal and credential" test "$(jq '[.runs[0].results[] | [.properties.account, .ruleId, .properties.arn, .properties.credential, .partialFingerprints["credauditFinding/v1"]]] | unique | [length, (map(.[0:4]) | unique | length), (map(.[4]) | unique | length)] | unique | length' "$T/s/many.sarif")" = 1
check "category: the same across file names" test "$(jq -c .runs[0].automationDetails "$T/a.sarif")" = "$(jq -c .runs[0].automationDetails "$s")"
check "category: names the account" test "$(jq -r .runs[0].automationDetails.id "$s")" = "azuredevops/pipeline/build/credaudit/111122223333/"
check "category: two accounts" test "$(jq -r .runs[0].automationDetails.id "$T/s/twoacct.sarif")" = "azuredevops/pipeline/build/credaudit/111122223333+444455556666/"
check "category: no audited account" test "$(jq -r .runs[0].automationDetails.id "$T/s/unreadable.sarif")" = "azuredevops/pipeline/build/credaudit/no-account/"
check "category: a rule selection" test "$(jq -r .runs[0].automationDetails.id "$T/s/subset.sarif")" = "azuredevops/pipeline/build/credaudit/111122223333/root-mfa+user-console-without-mfa/"
check "category: more than 3 accounts by count and hash" sh -c "jq -r .runs[0].automationDetails.id '$T/s/many.sarif' | grep -Eq '^azuredevops/pipeline/build/credaudit/[0-9]+-accounts-[0-9a-f]{16}/\$'"
check "category: phase id a GUID" sh -c "jq -r '.runs[0].automationDetails.properties[\"azuredevops/pipeline/build/phaseId\"]' '$s' | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\$'"
check "category: phase ids differ by category" test "$(jq -r '.runs[0].automationDetails.properties["azuredevops/pipeline/build/phaseId"]' "$s")" != "$(jq -r '.runs[0].automationDetails.properties["azuredevops/pipeline/build/phaseId"]' "$T/s/twoacct.sarif")"
"$BIN" -f sarif $AS -o "$T/again.sarif" fixtures/demo.csv 2>/dev/null
check "the same run gives the same bytes" cmp -s "$T/again.sarif" "$s"

# ---- Microsoft's SARIF multitool ----
MT=""
if command -v node >/dev/null 2>&1; then
	MT=$(cd test/node 2>/dev/null && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null)
fi
if [ -z "$MT" ] || [ ! -x "$MT" ]; then
	echo "SKIP: SARIF multitool not installed (scripts/deps.sh installs it with npm into test/node)"
else
	# The multitool looks up the URIs it finds (its note SARIF2006 asks
	# whether they answer an HTTP GET): as root, it runs in a network
	# namespace of its own, with no network at all.
	NONET=""
	unshare -n true 2>/dev/null && NONET="unshare -n"
	# mt FILE...: validate; the error and warning lines in $T/mt.log
	mt() {
		DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 $NONET "$MT" validate --rule-kind "Sarif;Ghas;Ado" \
		    --level "Error;Warning" "$@" >"$T/mt.out" 2>&1
		grep -E ': (error|warning) ' "$T/mt.out" >"$T/mt.log"
		grep -q 'Analysis completed successfully' "$T/mt.out"
	}
	mt "$T"/s/*.sarif "$T/a.sarif"
	check "multitool: ran to its end" test $? = 0 || tail -5 "$T/mt.out"
	check "multitool: scanned every output" grep -q "Done. $(ls "$T"/s/*.sarif "$T/a.sarif" | wc -l) files scanned" "$T/mt.out"
	check "multitool: no error and no warning" test ! -s "$T/mt.log" || head -20 "$T/mt.log"
	# the control: what the issue found before is found again
	jq 'del(.runs[0].automationDetails, .runs[0].tool.driver.fullName, .runs[0].tool.driver.informationUri) | .runs[0].tool.driver.rules[0].name = .runs[0].tool.driver.rules[0].id' "$s" >"$T/broken.sarif"
	mt "$T/broken.sarif"
	for id in GHAzDO1014 GHAzDO1018 SARIF1001 SARIF2005; do
		check "multitool: reports $id on a broken document" grep -q "$id" "$T/mt.log"
	done
fi

finish consumers_sarif
