#!/bin/sh
# OCSF output (-f ocsf) validated against the OCSF schema extract in
# test/ocsf-schema by test/ocsf_check.py, over a set of scenarios: the demo
# fixture, every fixture, waivers, unreadable inputs, a directory batch, two
# accounts, hostile text.  Also: a Compliance Finding per selected rule and
# per unreadable input, time always set, and mutated events are rejected.
# Prints one line per failed check and "ocsf: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
S=test/ocsf-schema
W=fixtures/waivers/demo.json

# valid NAME ARGS...: every event of the run is valid OCSF.
valid() {
	name=$1
	shift
	"$BIN" -q -f ocsf "$@" >"$T/$name.ocsf" 2>/dev/null
	if out=$("$PY" test/ocsf_check.py "$S" "$T/$name.ocsf" 2>&1); then
		ok
	else
		bad "$name: OCSF not valid"
		printf '%s\n' "$out" | head -5
	fi
}

# shellcheck disable=SC2046
{
valid demo fixtures/demo.csv
valid demo-as-of --as-of 2024-06-01 fixtures/demo.csv
valid all-fixtures fixtures/cases fixtures/containers fixtures/realworld fixtures/demo.csv
valid waived --as-of 2024-06-01 --benchmark cis-1.4 --waivers $W fixtures/demo.csv
valid unreadable fixtures/demo.csv "$T/no-such-file.csv" fixtures/cases/err-bad-bool.csv
valid unreadable-only "$T/no-such-file.csv"
valid directory fixtures/cases
valid two-accounts fixtures/demo.csv fixtures/cases/govcloud.csv fixtures/cases/pass.csv
valid hostile fixtures/cases/hostile-text.csv test/data/hostile-users.csv
valid redact --redact fixtures/demo.csv
}

o=$T/demo-as-of.ocsf
n=$("$BIN" -q -f json --as-of 2024-06-01 fixtures/demo.csv | jq '.inputs[0].results | length')
check "a Compliance Finding per selected rule" \
	test "$(jq -s '[.[] | select(.class_uid == 2003)] | length' "$o")" = "$n"
check "rule statuses as JSON states them" test \
	"$(jq -s -c '[.[] | select(.class_uid == 2003) | [.compliance.control, .compliance.status_code]]' "$o")" = \
	"$("$BIN" -q -f json --as-of 2024-06-01 fixtures/demo.csv | jq -c '[.inputs[0].results[] | [.rule, .status]]')"
check "passed rules: compliance Pass" \
	test "$(jq -s '[.[] | select(.compliance.status_code == "pass" and .compliance.status_id == 1 and .compliance.status == "Pass")] | length >= 1' "$o")" = true
check "a Detection Finding per finding" \
	test "$(jq -s '[.[] | select(.class_uid == 2004)] | length' "$o")" = \
	"$("$BIN" -q -f json --as-of 2024-06-01 fixtures/demo.csv | jq '.inputs[0].findings | length')"
check "metadata: version 1.5.0, profile cloud" \
	test "$(jq -s -r '[.[] | .metadata.version + " " + (.metadata.profiles | join(","))] | unique | join("|")' "$o")" = "1.5.0 cloud"
check "time is the as-of moment" \
	test "$(jq -s '[.[] | .time] | unique' -c "$o")" = "[1717200000000]"
u=$T/unreadable-only.ocsf
check "unreadable input: one Compliance Finding, status Error" \
	test "$(jq -r '"\(.class_uid) \(.compliance.status_id) \(.compliance.status) \(.severity)"' "$u")" = "2003 99 Error High"
check "unreadable input: the reason stated" \
	grep -q 'cannot open' "$u"
check "unreadable input: time set even with no as-of moment" \
	test "$(jq 'has("time") and (.time | type == "number")' "$u")" = true
"$BIN" -q -f ocsf --as-of 2024-06-01T12:00:00Z "$T/no-such-file.csv" >"$T/u2.ocsf" 2>/dev/null
check "unreadable input: time is the stated --as-of" \
	test "$(jq .time "$T/u2.ocsf")" = 1717243200000
check "unreadable input in a batch: the run's latest as-of moment" \
	test "$(jq -s -c '[.[] | select(.compliance.status == "Error") | .time, .unmapped.credaudit.time_source]' "$T/unreadable.ocsf")" = \
	"[1717199940000,\"run_latest_as_of\",1717199940000,\"run_latest_as_of\"]"
check "waived: Suppressed" \
	test "$(jq -s '[.[] | select(.status == "Suppressed")] | length > 0' "$T/waived.ocsf")" = true
check "deterministic" sh -c '"$1" -q -f ocsf fixtures/demo.csv | cmp -s - "$2"' _ "$BIN" "$T/demo.ocsf"

# mutate NAME JQ: the first event of the demo, changed by JQ, is rejected.
mutate() {
	head -n 1 "$o" | jq -c "$2" >"$T/m.ocsf"
	if "$PY" test/ocsf_check.py "$S" "$T/m.ocsf" >/dev/null 2>&1; then
		bad "mutated event accepted: $1"
	else
		ok
	fi
}
mutate "time removed" 'del(.time)'
mutate "metadata.version removed" 'del(.metadata.version)'
mutate "finding_info.uid removed" 'del(.finding_info.uid)'
mutate "compliance removed" 'del(.compliance)'
mutate "type_uid of another class" '.type_uid = 200401'
mutate "category_uid wrong" '.category_uid = 3'
mutate "unknown class" '.class_uid = 2099'
mutate "severity_id not in enum" '.severity_id = 7'
mutate "severity caption wrong" '.severity = "Low"'
mutate "compliance.status_id not in enum" '.compliance.status_id = 4'
mutate "time a string" '.time = "2024-06-01"'
mutate "unknown attribute" '.finding_info.score = 1'
mutate "cloud without its profile" '.metadata.profiles = []'
mutate "cloud.provider removed" 'del(.cloud.provider)'
mutate "standards not an array" '.compliance.standards = "CIS"'
mutate "analytic.type_id removed" 'del(.finding_info.analytic.type_id)'
head -n 1 "$o" >"$T/m.ocsf"
check "the unmutated event is accepted" "$PY" test/ocsf_check.py "$S" "$T/m.ocsf"
finish ocsf
