#!/bin/sh
# Cross-format agreement: over a set of scenarios (fail-on levels, waivers
# with a rule whose every finding is waived, unreadable inputs, a
# directory), run credaudit in every format (text json sarif junit csv ocsf
# html asff) and check with test/crossformat.py that each states the verdicts,
# rule statuses and counts the JSON output states, and that the exit status
# is the run's verdict; the same for `credaudit history` (text json html,
# test/crosshistory.py).
# Prints one line per failed check and "crossformat: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
W=fixtures/waivers/demo.json


# scenario NAME FAIL_ON WANT_EXIT ARGS...: every format of one run agrees
# with its JSON and the exit status, which is WANT_EXIT.
scenario() {
	name=$1 failon=$2 want=$3
	shift 3
	d=$T/$name
	mkdir -p "$d"
	for f in text json sarif junit csv ocsf html asff; do
		"$BIN" -q --fail-on "$failon" -f "$f" "$@" >"$d/out.$f" 2>"$d/err.$f"
		echo $? >"$d/rc.$f"
	done
	rc=$(cat "$d/rc.json")
	for f in text sarif junit csv ocsf html asff; do
		if [ "$(cat "$d/rc.$f")" != "$rc" ]; then
			bad "$name: exit status of $f $(cat "$d/rc.$f"), of json $rc"
			return
		fi
	done
	if [ "$rc" != "$want" ]; then
		bad "$name: exit status $rc, expected $want"
		return
	fi
	if out=$("$PY" test/crossformat.py "$d" "$failon" "$rc" 2>&1); then
		ok
	else
		bad "$name: the formats disagree"
		printf '%s\n' "$out"
	fi
}

AS_OF="--as-of 2024-06-01"
# shellcheck disable=SC2086
{
scenario demo-low low 1 fixtures/demo.csv
scenario demo-info info 1 fixtures/demo.csv
scenario demo-critical critical 1 fixtures/demo.csv
scenario below-high high 0 --rules two-active-keys,access-key-not-rotated fixtures/demo.csv
scenario below-critical critical 0 --rules two-active-keys,access-key-not-rotated,root-recent-use fixtures/demo.csv
scenario clean-pass low 0 --rules root-access-key,root-mfa,root-access-key-inactive fixtures/cases/pass.csv
scenario waivers low 1 $AS_OF --benchmark cis-1.4 --waivers $W fixtures/demo.csv
scenario waivers-critical critical 1 $AS_OF --waivers $W fixtures/demo.csv
scenario all-waived low 0 $AS_OF --rules two-active-keys --waivers $W fixtures/demo.csv
scenario waived-and-below high 0 $AS_OF --rules two-active-keys,access-key-not-rotated,credentials-unused --waivers $W fixtures/demo.csv
scenario unreadable low 3 fixtures/demo.csv "$T/no-such-file.csv" fixtures/cases/err-bad-bool.csv
scenario unreadable-pass high 3 --rules two-active-keys fixtures/cases/pass.csv "$T/no-such-file.csv"
scenario directory low 3 fixtures/cases
scenario directory-critical critical 3 fixtures/cases fixtures/containers
scenario two-accounts medium 1 fixtures/demo.csv fixtures/cases/govcloud.csv fixtures/cases/pass.csv
# one account, the same clean report twice: as a CSV (the age rules not
# evaluated: no generation time) and as the AWS CLI JSON (evaluated, pass)
head -n 1 fixtures/demo.csv >"$T/clean.csv"
echo '<root_account>,arn:aws:iam::111122223333:root,2019-03-04T10:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A' >>"$T/clean.csv"
printf '{"Content":"%s","GeneratedTime":"2024-01-02T00:00:00Z"}\n' \
	"$(base64 <"$T/clean.csv" | tr -d '\n')" >"$T/clean.json"
scenario passed-and-not-evaluated low 0 "$T/clean.csv" "$T/clean.json"
# --baseline: last month's JSON; this month root has MFA (resolved) and a
# new user has a console password without MFA (new)
"$BIN" -q -f json $AS_OF -o "$T/base.json" fixtures/demo.csv
sed 's/^\(<root_account>,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)false/\1true/' \
	fixtures/demo.csv >"$T/june.csv"
echo 'mallory,arn:aws:iam::111122223333:user/mallory,2024-05-01T00:00:00+00:00,true,N/A,2024-05-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A' >>"$T/june.csv"
scenario baseline low 1 $AS_OF --baseline "$T/base.json" "$T/june.csv"
scenario baseline-unchanged low 0 $AS_OF --baseline "$T/base.json" fixtures/demo.csv
scenario baseline-waivers low 1 $AS_OF --waivers $W --baseline "$T/base.json" "$T/june.csv" fixtures/cases/govcloud.csv
scenario baseline-critical critical 0 $AS_OF --baseline "$T/base.json" "$T/june.csv"
}

# history_scenario NAME WANT_EXIT ARGS...: history's text and html state the
# counts its JSON states, and the exit status follows from them.
history_scenario() {
	name=$1 want=$2
	shift 2
	d=$T/$name
	mkdir -p "$d"
	for f in text json html; do
		"$BIN" history -q -f "$f" "$@" >"$d/out.$f" 2>"$d/err.$f"
		echo $? >"$d/rc.$f"
	done
	rc=$(cat "$d/rc.json")
	if [ "$(cat "$d/rc.text")" != "$rc" ] || [ "$(cat "$d/rc.html")" != "$rc" ]; then
		bad "$name: exit status of text/html/json differ"
	elif [ "$rc" != "$want" ]; then
		bad "$name: exit status $rc, expected $want"
	elif out=$("$PY" test/crosshistory.py "$d" "$rc" 2>&1); then
		ok
	else
		bad "$name: history's formats disagree"
		printf '%s\n' "$out"
	fi
}

history_scenario history 1 fixtures/history
history_scenario history-unreadable 3 fixtures/history fixtures/cases/err-bad-bool.csv
history_scenario history-clean 0 fixtures/history/444455556666
sh test/genmonthly.sh "$T/monthly"
history_scenario history-monthly 1 "$T/monthly"

finish crossformat
