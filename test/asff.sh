#!/bin/sh
# ASFF output (-f asff) checked by test/asff_check.py against the documented
# required fields, types, length limits and enums of the AWS Security Finding
# Format, over the scenarios of test/ocsf.sh; plus its mapping: a PASSED
# finding per rule without findings, FAILED per finding, SUPPRESSED when
# waived, stable Ids, timestamps the as-of moment, text cut to the limits.
# Prints one line per failed check and "asff: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
W=fixtures/waivers/demo.json

valid() {
	name=$1
	shift
	"$BIN" -q -f asff "$@" >"$T/$name.asff" 2>/dev/null
	if out=$("$PY" test/asff_check.py "$T/$name.asff" 2>&1); then
		ok
	else
		bad "$name: ASFF not valid"
		printf '%s\n' "$out" | head -5
	fi
}

# shellcheck disable=SC2046
{
valid demo --as-of 2024-06-01 fixtures/demo.csv
valid all-fixtures fixtures/cases fixtures/containers fixtures/realworld fixtures/demo.csv
valid waived --as-of 2024-06-01 --benchmark cis-1.4 --waivers $W fixtures/demo.csv
valid unreadable fixtures/demo.csv "$T/no-such-file.csv"
valid unreadable-only "$T/no-such-file.csv"
valid two-accounts fixtures/demo.csv fixtures/cases/govcloud.csv fixtures/cases/pass.csv
valid hostile fixtures/cases/hostile-text.csv test/data/hostile-users.csv
valid redact --redact fixtures/demo.csv
}

a=$T/demo.asff
json=$("$BIN" -q -f json --as-of 2024-06-01 fixtures/demo.csv)
check "a FAILED finding per finding" test \
	"$(jq '[.[] | select(.Compliance.Status == "FAILED")] | length' "$a")" = \
	"$(printf '%s' "$json" | jq '.inputs[0].findings | length')"
check "a PASSED finding per passing rule" test \
	"$(jq '[.[] | select(.Compliance.Status == "PASSED" and .Workflow.Status == "RESOLVED")] | length' "$a")" = \
	"$(printf '%s' "$json" | jq '[.inputs[0].results[] | select(.status == "pass")] | length')"
check "timestamps: the as-of moment" test \
	"$(jq -c '[.[] | .CreatedAt, .UpdatedAt] | unique' "$a")" = '["2024-06-01T00:00:00Z"]'
check "ProductArn of the account, region us-east-1" test \
	"$(jq -r '.[0].ProductArn' "$a")" = "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default"
check "GovCloud: its partition and region" test \
	"$(jq -r '[.[] | .ProductArn | split(":")[1:4] | join(":")] | unique | join(" ")' "$T/two-accounts.asff")" \
	= "aws-us-gov:securityhub:us-gov-west-1 aws:securityhub:us-east-1"
check "waived: Workflow SUPPRESSED with a Note" test \
	"$(jq '[.[] | select(.Workflow.Status == "SUPPRESSED" and .Note.Text != null)] | length > 0' "$T/waived.asff")" = true
check "CIS rules: the CIS type" test \
	"$(jq '[.[] | select(any(.Compliance.RelatedRequirements[]; startswith("CIS"))) | .Types | index("Industry and Regulatory Standards/CIS AWS Foundations Benchmark")] | all(. != null)' "$a")" = true
check "unreadable input only: an empty array, exit 3" sh -c \
	'"$1" -q -f asff "$2/none.csv" >"$2/e.asff" 2>/dev/null; [ $? = 3 ] && [ "$(jq -c . "$2/e.asff")" = "[]" ]' _ "$BIN" "$T"
check "Ids stable across runs" sh -c '"$1" -q -f asff --as-of 2024-06-01 fixtures/demo.csv | cmp -s - "$2"' _ "$BIN" "$a"
check "Ids unique within an input" "$PY" test/asff_check.py --unique "$a"
check "hostile: no control or non-ASCII character in any text" sh -c \
	'! LC_ALL=C grep -q "[^ -~]" "$1" && ! grep -q "\\\\u00" "$1"' _ "$T/hostile.asff"
# A path of 3000 characters: ProductFields values are cut to 2048, ending
# with "...".
p=$T
for i in $(seq 15); do p="$p/$(printf 'd%.0s' $(seq 200))"; done
mkdir -p "$p" && cp fixtures/demo.csv "$p/r.csv"
valid long-path --as-of 2024-06-01 "$p/r.csv"
check "long text cut to 2048, ending with ..." test \
	"$(jq -c '[.[] | .ProductFields["credaudit/file"] | [length, endswith("...")]] | unique' "$T/long-path.asff")" = '[[2048,true]]'
# The checker rejects what Security Hub would.
mutate() {
	jq "$2" "$a" >"$T/m.asff"
	if "$PY" test/asff_check.py "$T/m.asff" >/dev/null 2>&1; then
		bad "mutated finding accepted: $1"
	else
		ok
	fi
}
mutate "SchemaVersion" '.[0].SchemaVersion = "2019-01-01"'
mutate "Title missing" 'del(.[0].Title)'
mutate "Title too long" '.[0].Title = ("x" * 257)'
mutate "Severity label" '.[0].Severity.Label = "SEVERE"'
mutate "Compliance status" '.[0].Compliance.Status = "PASS"'
mutate "AwsAccountId" '.[0].AwsAccountId = "1234"'
mutate "CreatedAt not ISO" '.[0].CreatedAt = "June 1"'
mutate "Resources empty" '.[0].Resources = []'
mutate "not an array" '.[0]'
finish asff
