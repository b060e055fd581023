#!/bin/sh
# test/jsonschema.sh - every JSON document the suite's scenarios make is
# valid against docs/credaudit.schema.json (JSON Schema draft 2020-12,
# python3-jsonschema), and the schema is strict enough to fail: documents
# altered in many ways (an unknown member, a status or severity outside its
# enum, a missing member, a bad time or hash) are all rejected.
#
# Audit documents (`credaudit --format json`): each file of fixtures/ and
# test/data alone (with and without --as-of), the fail-on levels, waivers,
# every benchmark, --redact, rule selections and parameters, batches
# (directories, several inputs, --jobs 1 and 2, standard input, an empty
# directory), unreadable inputs and the golden JSON outputs.  History
# documents (`credaudit history --format json`) against $defs/history.
# Prints "jsonschema: N passed, N failed".
cd "$(dirname "$0")/.." && . test/lib.sh
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
S=docs/credaudit.schema.json
AS="--as-of 2024-06-01"
W=fixtures/waivers/demo.json
mkdir -p "$T/a" "$T/h"
n=0

# doc ARG...: credaudit -f json ARG... into the next $T/a/N.json; the run
# must write a document (exit 0, 1 or 3).
doc() {
	n=$((n + 1))
	"$BIN" -q -f json -o "$T/a/$n.json" "$@" 2>"$T/err"
	rc=$?
	case $rc in
	0 | 1 | 3) ;;
	*) bad "credaudit -f json $* exited $rc: $(head -c 200 "$T/err")" ;;
	esac
}
hist() {
	n=$((n + 1))
	"$BIN" history -q -f json -o "$T/h/$n.json" "$@" 2>"$T/err"
	rc=$?
	case $rc in
	0 | 1 | 3) ;;
	*) bad "credaudit history -f json $* exited $rc: $(head -c 200 "$T/err")" ;;
	esac
}

# every fixture alone, as of a fixed moment and as of its own timestamps
# (under a sanitizer, test/sanitize.sh, which looks for memory errors, not
# schema ones: the directory runs below read every fixture all the same)
find fixtures test/data -type f | LC_ALL=C sort >"$T/files"
MIN=250
if [ -n "${CREDAUDIT_SANITIZER:-}" ]; then
	MIN=30
else
	while IFS= read -r f; do
		doc $AS "$f"
		doc "$f"
	done <"$T/files"
	check "every fixture gave a document" test "$(ls "$T/a" | wc -l)" = "$((2 * $(wc -l <"$T/files")))"
fi

# options
for sev in info low medium high critical; do
	doc $AS --fail-on "$sev" fixtures/demo.csv
	doc $AS --fail-on "$sev" --waivers $W fixtures/demo.csv fixtures/cases/fail-both.csv
done
for b in cis-1.2 cis-1.4 cis-1.5 cis-2.0 cis-3.0 cis-4.0 cis-5.0; do
	doc $AS --benchmark "$b" --waivers $W fixtures/demo.csv
done
doc $AS --rules two-active-keys --waivers $W fixtures/demo.csv
doc $AS --rules root-mfa,root-access-key fixtures/cases/pass.csv
doc $AS --param credentials-unused.days=365 --param root-recent-use.days=1 fixtures/demo.csv
doc $AS --redact fixtures/demo.csv test/data/hostile-users.csv fixtures/cases/hostile-text.csv
doc --as-of now fixtures/demo.csv
doc --as-of 2024-06-01T12:00:00+02:00 fixtures/containers/demo.json.gz
# batches and unreadable inputs
doc $AS fixtures
doc $AS --jobs 1 fixtures/realworld fixtures/containers
doc $AS --jobs 2 fixtures/realworld fixtures/containers
doc $AS fixtures/history
doc $AS fixtures/demo.csv "$T/no-such-file.csv" fixtures/cases/err-bad-bool.csv
doc $AS --max-rows 2 --max-field-bytes 64 fixtures/demo.csv fixtures/realworld
doc $AS --max-decompressed 1K fixtures/containers
mkdir -p "$T/empty"
doc $AS "$T/empty"
check "an empty directory: an input in error (fail closed)" test "$(jq -r '.inputs[0].status' "$T/a/$n.json")" = error
n=$((n + 1))
"$BIN" -q -f json $AS - <fixtures/demo.csv >"$T/a/$n.json" 2>/dev/null
# the golden outputs
for g in test/golden/*.json.out; do
	n=$((n + 1))
	cp "$g" "$T/a/$n.json"
done

out=$("$PY" test/schemacheck.py "$S" audit "$T"/a/*.json 2>&1)
check "every audit document valid against the schema" test $? = 0
printf '%s\n' "$out" | grep -v '^validated' | head -20
printf '%s\n' "$out" | grep '^validated'
check "the suite validated more than $MIN documents" test "$(ls "$T/a" | wc -l)" -gt $MIN

# history
hist fixtures/history
hist --gap-days 30 fixtures/history/111122223333
hist fixtures/history "$T/no-such-file.csv" fixtures/cases/err-no-root.csv
hist "$T/empty"
hist fixtures/realworld fixtures/containers
[ -f test/golden/history.json.out ] && cp test/golden/history.json.out "$T/h/golden.json"
out=$("$PY" test/schemacheck.py "$S" history "$T"/h/*.json 2>&1)
check "every history document valid against \$defs/history" test $? = 0
printf '%s\n' "$out" | grep -v '^validated' | head -20

# the schema can fail
"$BIN" -q -f json $AS -o "$T/m.json" fixtures/demo.csv fixtures/cases/err-no-root.csv 2>/dev/null
out=$("$PY" test/schemacheck.py "$S" mutants "$T/m.json" 2>&1)
check "every altered audit document rejected" test $? = 0
printf '%s\n' "$out" | grep FAIL
"$BIN" history -q -f json -o "$T/m-history.json" fixtures/history 2>/dev/null
out=$("$PY" test/schemacheck.py "$S" mutants "$T/m-history.json" 2>&1)
check "every altered history document rejected" test $? = 0
printf '%s\n' "$out" | grep FAIL
check "the output names the schema by its \$id" test "$(jq -r '."$schema"' "$T/m.json")" = "$(jq -r '."$id"' "$S")"

finish jsonschema
