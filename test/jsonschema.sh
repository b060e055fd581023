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
# directory), unreadable inputs, an evidence folder (files skipped as
# hidden, by name, by --exclude, as no report and as duplicates; a zip
# archive; UTF-16 text), the evidence register (--manifest), the comparison
# with a baseline (--baseline) and the golden JSON outputs.  History
# documents (`credaudit history --format json`) against $defs/history,
# among them a monthly archive (test/genmonthly.sh) with a duplicate.
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
# an evidence folder: two months of one account, a copy of January (a
# duplicate), a hidden file, a file not named like a report, notes (no
# report), a directory left out by --exclude, a zip archive (a duplicate
# member and a report of another account), the register (--manifest) in
# it.  The baseline is an audit of January with one more user, who signs
# in without MFA (resolved: gone since); June has a new user without MFA
# (new).
EV=$T/ev
mkdir -p "$EV/2024" "$EV/old" "$EV/.git"
cp fixtures/demo.csv "$EV/2024/01.csv"
sed 's/^\(<root_account>,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)false/\1true/' \
	fixtures/demo.csv >"$EV/2024/06.csv"
echo 'mallory,arn:aws:iam::111122223333:user/mallory,2024-05-01T00:00:00+00:00,true,N/A,2024-05-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A' >>"$EV/2024/06.csv"
cp fixtures/demo.csv "$EV/2024/zz-copy.csv"
cp fixtures/demo.csv "$EV/old/01.csv"
echo x >"$EV/.git/HEAD"
echo 'scan' >"$EV/scan.pdf"
printf 'asked Bob about deploy-bot, see ticket 42\n' >"$EV/notes.txt"
sed 's/111122223333/444455556666/g' fixtures/demo.csv >"$T/other.csv"
"$PY" -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], "m/01.csv"); z.write(sys.argv[3], "m/other.csv"); z.writestr("m/readme.md", "x"); z.close()' \
	"$EV/more.zip" fixtures/demo.csv "$T/other.csv"
{
	echo "path,as_of,sha256"
	echo "2024/01.csv,2024-06-01T00:00:00Z,$(sha256sum "$EV/2024/01.csv" | cut -c1-64)"
	echo "2024/06.csv,2024-06-02T00:00:00Z,"
} >"$EV/manifest.csv"
{
	cat fixtures/demo.csv
	echo 'leaver,arn:aws:iam::111122223333:user/leaver,2024-01-01T00:00:00+00:00,true,N/A,2024-01-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
} >"$T/base.csv"
"$BIN" -q -f json $AS -o "$T/base.json" "$T/base.csv" 2>/dev/null
doc $AS --exclude old "$EV"
doc --manifest "$EV/manifest.csv" --exclude old "$EV"
doc --manifest "$EV/manifest.csv" --baseline "$T/base.json" --exclude old "$EV"
cp "$T/a/$n.json" "$T/m-evidence.json"
doc --jobs 2 --manifest "$EV/manifest.csv" --baseline "$T/base.json" --waivers $W --exclude old "$EV"
doc $AS --baseline "$T/base.json" "$EV/2024/06.csv" "$T/other.csv"
doc --manifest "$EV/manifest.csv" "$EV/2024/01.csv"
doc $AS --baseline "$T/base.json" "$EV/more.zip"
doc $AS --redact --baseline "$T/base.json" --rules root-mfa,two-active-keys "$EV/2024/06.csv"
check "evidence: skipped files of every kind named" test \
	"$(jq -r '[.summary.skipped.files[].kind] | unique | join(",")' "$T/m-evidence.json")" = \
	"duplicate,excluded,hidden,name,not_report"
check "evidence: manifest, baseline, a resolved finding, new and unchanged findings" test \
	"$(jq -r '[.manifest.entries, (.baseline.resolved | length > 0),
	  ([.inputs[].findings[]?.baseline] | unique | join("+")),
	  ([.inputs[].as_of.source] | unique | join("+"))] | join(" ")' "$T/m-evidence.json")" = \
	"2 true new+unchanged manifest+report_latest_timestamp"
check "evidence: an archive member's chain" test \
	"$(jq -r '[.inputs[].evidence.container | select(contains("more.zip > m/"))] | length' "$T/m-evidence.json")" = 1
# UTF-16 text, and an archive inside an archive: inputs in error
mkdir -p "$T/u"
iconv -f UTF-8 -t UTF-16LE fixtures/demo.csv >"$T/u/le.csv"
iconv -f UTF-8 -t UTF-16BE fixtures/demo.csv | gzip -n >"$T/u/be.csv.gz"
"$PY" -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], "in/more.zip"); z.writestr("e/empty.csv", ""); z.close()' \
	"$T/u/nested.zip" "$EV/more.zip"
doc $AS "$T/u"
doc $AS "$T/u/le.csv" "$T/u/nested.zip"
# a monthly archive with a duplicate
sh test/genmonthly.sh "$T/mon"
doc "$T/mon"
doc $AS --jobs 2 "$T/mon" "$T/mon/111111111111"
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
hist "$T/mon"
check "monthly history: a duplicate, derived gaps, every root rule" test \
	"$(jq -r '[.summary.duplicates, .history.gap_days == null,
	  ([.accounts[].gap.source] | unique | join("+")),
	  ([.accounts[].root_rules[].rule] | unique | length)] | join(" ")' "$T/h/$n.json")" = \
	"1 true median_interval 5"
hist --gap-days 45 "$T/mon" "$T/u" "$T/no-such-file.csv"
hist --jobs 2 "$EV" "$T/mon/222222222222"
[ -f test/golden/history.json.out ] && cp test/golden/history.json.out "$T/h/golden.json"
out=$("$PY" test/schemacheck.py "$S" history "$T"/h/*.json 2>&1)
check "every history document valid against \$defs/history" test $? = 0
printf '%s\n' "$out" | grep -v '^validated' | head -20

# the schema can fail
"$BIN" -q -f json $AS -o "$T/m.json" fixtures/demo.csv fixtures/cases/err-no-root.csv 2>/dev/null
out=$("$PY" test/schemacheck.py "$S" mutants "$T/m.json" 2>&1)
check "every altered audit document rejected" test $? = 0
printf '%s\n' "$out" | grep FAIL
out=$("$PY" test/schemacheck.py "$S" mutants "$T/m-evidence.json" 2>&1)
check "every altered document of the archive additions rejected" test $? = 0
printf '%s\n' "$out" | grep FAIL
cp fixtures/history/111122223333/2024-01-08.csv "$T/copy-2024-01-08.csv"
"$BIN" history -q -f json -o "$T/m-history.json" fixtures/history "$T/copy-2024-01-08.csv" \
	fixtures/cases/err-no-root.csv 2>/dev/null
out=$("$PY" test/schemacheck.py "$S" mutants "$T/m-history.json" 2>&1)
check "every altered history document rejected" test $? = 0
printf '%s\n' "$out" | grep FAIL
check "the output names the schema by its \$id" test "$(jq -r '."$schema"' "$T/m.json")" = "$(jq -r '."$id"' "$S")"

finish jsonschema
