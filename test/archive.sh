#!/bin/sh
# End-to-end tests of an auditor's evidence: a tree of reports mixed with
# other files, --exclude, files that are no credential report skipped and
# named, duplicates, zip and tar archives (docs/containers.md), UTF-16
# text.  Trees and archives are generated here (python3 zipfile/tarfile).
# Ends with "archive: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
AS="--as-of 2024-06-01"

# report ACCOUNT MONTH: demo.csv for another account, different bytes per month
report() {
	sed -e "s/111122223333/$1/g" -e "s/^alice,/alice$2,/" \
	    -e "s/user\\/alice,/user\\/alice$2,/" fixtures/demo.csv
}
json_of() { # the AWS CLI's JSON of a report on stdin
	python3 -c 'import base64,json,sys; print(json.dumps({"Content": base64.b64encode(sys.stdin.buffer.read()).decode(), "ReportFormat": "text/csv", "GeneratedTime": "2024-06-01T00:00:00Z"}))'
}

# ---- the evidence tree of the issue: 3 accounts x 6 months ----
E=$T/evidence
for acct in 111111111111 222222222222 333333333333; do
	for m in 01 02 03 04 05 06; do
		d="$E/$acct/2024-$m"
		mkdir -p "$d"
		case $m in
		01|04) report $acct $m >"$d/credential-report.csv" ;;
		02|05) report $acct $m | json_of >"$d/credential-report.json" ;;
		*) report $acct $m | gzip -n >"$d/credential-report.csv.gz" ;;
		esac
	done
done
printf '# Evidence for the 2024 audit\nOne folder per account and month.\n' >"$E/README.txt"
printf 'asked Bob about deploy-bot, see ticket 42\n' >"$E/111111111111/notes.txt"
printf '\nAn error occurred (ReportNotPresent) when calling the GetCredentialReport operation: Report not present\n' \
	>"$E/222222222222/2024-03/error.txt"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("xl/workbook.xml", "<workbook/>"); z.close()' \
	"$E/333333333333/findings.xlsx"
cp "$E/111111111111/2024-01/credential-report.csv" "$E/111111111111/2024-01/credential-report (1).csv"
mkdir "$E/.git" && echo x >"$E/.git/HEAD"
report 333333333333 07 | gzip -n | head -c 400 >"$E/333333333333/2024-06/partial.csv.gz"

run -q $AS --format json "$E"
check "evidence: a truncated gzip that starts like a report: exit 3 (got $rc)" test "$rc" = 3
check "evidence: the truncated gzip is the one input in error" \
	test "$(jq -r '[.inputs[] | select(.status == "error") | .file] | join(" ")' "$T/out")" = "$E/333333333333/2024-06/partial.csv.gz"
check "evidence: 18 reports audited" test "$(jq '.summary.audited' "$T/out")" = 18
rm "$E/333333333333/2024-06/partial.csv.gz"
run -q $AS --format json "$E"
check "evidence: without it, exit by the findings (1, got $rc)" test "$rc" = 1
check "evidence: 18 inputs, no error" test "$(jq -c '[.summary.inputs, .summary.errors]' "$T/out")" = '[18,0]'
check "evidence: 3 accounts" test "$(jq '.summary.accounts | length' "$T/out")" = 3
check "evidence: skipped files counted by kind" \
	test "$(jq -c '.summary.skipped | [.hidden, .other, .excluded, .not_report, .duplicate]' "$T/out")" = '[1,1,0,3,1]'
check "evidence: each skipped file named with its kind" \
	test "$(jq -r '[.summary.skipped.files[] | .kind + ":" + (.path | ltrimstr("'"$E"'/"))] | sort | join(" ")' "$T/out")" = \
	"duplicate:111111111111/2024-01/credential-report.csv hidden:.git name:333333333333/findings.xlsx not_report:111111111111/notes.txt not_report:222222222222/2024-03/error.txt not_report:README.txt"
check "evidence: the duplicate names the input audited, and the hash" \
	test "$(jq -r '.summary.skipped.files[] | select(.kind == "duplicate") | (.duplicate_of | ltrimstr("'"$E"'/")) + " " + (.sha256 | length | tostring)' "$T/out")" = \
	"111111111111/2024-01/credential-report (1).csv 64"
check "evidence: the spreadsheet's reason says to save it as CSV" \
	grep -q 'a spreadsheet, not read: save the report as CSV' "$T/out"
check "evidence: findings counted once (18 reports x 11)" test "$(jq '.summary.findings' "$T/out")" = 198
run -q $AS "$E"
check "evidence, text: every skipped file named" test "$(grep -c '^  skipped (' "$T/out")" = 6
check "evidence, text: the README's reason" \
	grep -q "^  skipped (not_report) $E/README.txt: not a credential report: the first line is not a report header" "$T/out"
check "evidence, text: the counts" \
	grep -qx 'skipped in directories: 1 hidden, 1 other, 3 not a credential report, 1 duplicate' "$T/out"
run -q $AS --format sarif "$E"
check "evidence, sarif: a note per skipped file" \
	test "$(jq '[.runs[0].invocations[0].toolExecutionNotifications[] | select(.level == "note")] | length' "$T/out")" = 6
check "evidence, sarif: the duplicate's note says of what" \
	test "$(jq -r '.runs[0].invocations[0].toolExecutionNotifications[] | select(.properties.skipped == "duplicate") | .properties.duplicateOf | ltrimstr("'"$E"'/")' "$T/out")" = \
	"111111111111/2024-01/credential-report (1).csv"
run -q $AS --format html "$E"
check "evidence, html: the skipped files' table" grep -q '<h3 id="skipped">Skipped files (6)</h3>' "$T/out"
check "evidence, html: names the error text" grep -q '222222222222/2024-03/error.txt</td><td>not_report' "$T/out"
run -q $AS --jobs 3 --format json "$E"
cp "$T/out" "$T/j3"
run -q $AS --jobs 1 --format json "$E"
check "evidence: the same output for any --jobs" cmp -s "$T/out" "$T/j3"

# ---- a file named on the command line stays an error whatever it is ----
run -q $AS "$E/README.txt"
check "a README named on the command line: exit 3 (got $rc)" test "$rc" = 3
check "... named as not a report" grep -q 'not a credential report' "$T/out"

# ---- a damaged report in a walked directory stays an error ----
D=$T/damaged
mkdir "$D"
{ head -3 fixtures/demo.csv; echo 'bob,arn:aws:iam::111122223333:user/bob,"unterminated'; } >"$D/bad-row.csv"
printf 'user,arn,oops\n' >"$D/bad-header.csv"
printf '{"Content": "dXNlcixhcm4K", "ReportFormat": "text/html"}\n' >"$D/wrapper.json"
run -q $AS --format json "$D"
check "damaged: exit 3 (got $rc)" test "$rc" = 3
check "damaged: a bad row, a bad header and a bad wrapper are errors, not skipped" \
	test "$(jq -c '[.summary.errors, .summary.skipped.not_report]' "$T/out")" = '[3,0]'
printf '{"status": "ok"}\n' >"$D/wrapper.json"
rm "$D/bad-row.csv" "$D/bad-header.csv"
cp fixtures/demo.csv "$D/r.csv"
run -q $AS --format json "$D"
check "other JSON (no Content) is skipped, exit by the findings (1, got $rc)" test "$rc" = 1
check "... named" test "$(jq -r '.summary.skipped.files[0].kind' "$T/out")" = not_report
# credaudit's own outputs saved beside the report (the csv one has a user
# and an arn column) are no reports; a header beginning "user," that lacks
# a report's columns stays a damaged report
rm "$D/wrapper.json"
for f in csv json txt; do
	"$BIN" -q $AS -o "$D/findings.$f" "$D/r.csv"
done
run -q $AS --format json "$D"
check "own outputs in the directory: exit by the findings (1, got $rc)" test "$rc" = 1
check "... each skipped as no report" test \
	"$(jq -r '[.summary.skipped.files[] | .kind + ":" + (.path | ltrimstr("'"$D"'/"))] | sort | join(" ")' "$T/out")" = \
	"not_report:findings.csv not_report:findings.json not_report:findings.txt"
printf 'user,arn,message\nx,y,z\n' >"$D/user-first.csv"
run -q $AS --format json "$D"
check "a header beginning user, without a report's columns: exit 3 (got $rc)" test "$rc" = 3
check "... as the one error" test "$(jq -r '[.inputs[] | select(.status == "error") | .file | ltrimstr("'"$D"'/")] | join(" ")' "$T/out")" = user-first.csv
# a report re-saved with every field quoted (PowerShell's Export-Csv) or
# its columns reordered, that lost a column: damaged, never skipped
rm "$D/user-first.csv"
awk -F, 'BEGIN { OFS = "," } { NF = NF - 1; for (i = 1; i <= NF; i++) $i = "\"" $i "\""; print }' \
	fixtures/demo.csv >"$D/quoted-short.csv"
run -q $AS --format json "$D"
check "a quoted report without its last column: exit 3 (got $rc), not skipped" sh -c \
	"[ $rc = 3 ] && [ \"\$(jq -r '[.inputs[] | select(.status == \"error\") | .file | ltrimstr(\"$D/\")] | join(\" \")' '$T/out')\" = quoted-short.csv ]"
rm "$D/quoted-short.csv"
awk -F, 'BEGIN { OFS = "," } { t = $1; $1 = $2; $2 = t; NF = NF - 1; print }' \
	fixtures/demo.csv >"$D/reordered-short.csv"
run -q $AS --format json "$D"
check "a reordered report without its last column: exit 3 (got $rc), not skipped" sh -c \
	"[ $rc = 3 ] && [ \"\$(jq -r '[.inputs[] | select(.status == \"error\") | .file | ltrimstr(\"$D/\")] | join(\" \")' '$T/out')\" = reordered-short.csv ]"
rm "$D/reordered-short.csv"
# a report with its columns reordered (arn first) and a bad row: damaged
awk -F, 'BEGIN { OFS = "," } NR == 3 { print "x,y"; next } { t = $1; $1 = $2; $2 = t; print }' \
	fixtures/demo.csv >"$D/reordered.csv"
run -q $AS --format json "$D"
check "a reordered report with a bad row: exit 3 (got $rc), not skipped" sh -c \
	"[ $rc = 3 ] && [ \"\$(jq -c '[.summary.errors, .summary.skipped.not_report]' '$T/out')\" = '[1,3]' ]"

# ---- --exclude ----
run -q $AS --format json --exclude '*.txt' --exclude '2224*' --exclude '222222222222/2024-0[12]' "$E"
check "--exclude: by name at any depth, by path below the directory" \
	test "$(jq -r '[.summary.skipped.files[] | select(.kind == "excluded") | .path | ltrimstr("'"$E"'/")] | join(" ")' "$T/out")" = \
	"111111111111/notes.txt 222222222222/2024-01 222222222222/2024-02 222222222222/2024-03/error.txt README.txt"
check "--exclude: an excluded directory is not entered" test "$(jq '.summary.inputs' "$T/out")" = 16
run -q $AS --format json --exclude '2024-*' "$E"
check "--exclude: '*' does not cross '/' (2024-* matches directory names, by name)" \
	test "$(jq '.summary.skipped.excluded' "$T/out")" = 18
run -q $AS --format json --exclude '111111111111*' "$E"
check "--exclude: a path glob without a '/' does not reach below ('*' stops at '/')" \
	test "$(jq '.summary.skipped.excluded' "$T/out")" = 1
run -q --exclude '' "$E"
check "--exclude '': usage error (got $rc)" test "$rc" = 2

# ---- archives ----
A=$T/arch
mkdir "$A"
python3 - "$E" "$A" <<'EOF'
import os, sys, tarfile, zipfile
src, out = sys.argv[1], sys.argv[2]
files = []
for root, dirs, names in os.walk(src):
    dirs.sort()
    for n in sorted(names):
        p = os.path.join(root, n)
        files.append((p, os.path.relpath(p, src)))
with zipfile.ZipFile(os.path.join(out, "ev.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for p, rel in files:
        z.write(p, rel)
for mode, ext in (("w", "tar"), ("w:gz", "tar.gz"), ("w:bz2", "tar.bz2"), ("w:xz", "tar.xz")):
    with tarfile.open(os.path.join(out, "ev." + ext), mode) as t:
        for p, rel in files:
            t.add(p, rel)
EOF
for f in ev.zip ev.tar ev.tar.gz ev.tar.bz2 ev.tar.xz; do
	run -q $AS --format json "$A/$f"
	check "$f: exit by the findings (1, got $rc)" test "$rc" = 1
	check "$f: 18 reports audited, none in error" test "$(jq -c '[.summary.audited, .summary.errors]' "$T/out")" = '[18,0]'
	check "$f: the same files skipped as in the tree" \
		test "$(jq -c '.summary.skipped | [.hidden, .other, .not_report, .duplicate]' "$T/out")" = '[1,1,3,1]'
done
run -q $AS --format json "$A/ev.zip"
check "zip: a member is named ARCHIVE > MEMBER" \
	test "$(jq -r '.inputs[0].file' "$T/out")" = "$A/ev.zip > 111111111111/2024-01/credential-report (1).csv"
check "zip: the chain names the member, then its layers" \
	test "$(jq -r '.inputs[] | select(.file | endswith("2024-03/credential-report.csv.gz")) | .evidence.container' "$T/out" | head -1)" = \
	"$A/ev.zip > 111111111111/2024-03/credential-report.csv.gz > gzip > csv"
check "zip: JSON members decode" \
	test "$(jq -r '[.inputs[] | select(.file | endswith(".json")) | .evidence.container | sub(".* > "; "")] | unique | join(" ")' "$T/out")" = "csv"
run -q $AS --exclude '*.json' --exclude '.git' --format json "$A/ev.tar.xz"
check "tar: --exclude applies to members, a directory's to all below it" \
	test "$(jq -c '[.summary.audited, .summary.skipped.excluded, .summary.skipped.hidden]' "$T/out")" = '[12,7,0]'
mkdir "$T/withzip"
cp "$A/ev.zip" "$T/withzip/"
run -q $AS --format json "$T/withzip"
check "an archive in a walked directory is read as a container (exit 1, got $rc)" test "$rc" = 1
check "... its 18 reports" test "$(jq '.summary.audited' "$T/out")" = 18
cp "$A/ev.tar.gz" "$T/withzip/"
run -q $AS --format json "$T/withzip"
check "the same reports in two archives: audited once, the rest duplicates" \
	test "$(jq -c '[.summary.audited, .summary.skipped.duplicate]' "$T/out")" = '[18,20]'

# a damaged archive is an input error
head -c 3000 "$A/ev.zip" >"$T/withzip/cut.zip"
run -q $AS --format json "$T/withzip/cut.zip"
check "a cut zip: exit 3 (got $rc)" test "$rc" = 3
check "... said to be damaged" grep -q 'damaged\|not a zip or tar archive' "$T/out"
head -c $(($(wc -c <"$A/ev.tar.gz") / 2)) "$A/ev.tar.gz" >"$T/withzip/cut.tar.gz"
run -q $AS "$T/withzip"
check "a cut tar.gz in a directory: exit 3 (got $rc)" test "$rc" = 3
check "... named" grep -q "cut.tar.gz: error: " "$T/out"
rm "$T/withzip/cut.tar.gz" "$T/withzip/cut.zip"

# caps: one member above --max-input-bytes, the whole archive above --max-decompressed
run -q $AS --max-input-bytes 1500 --format json "$A/ev.tar"
check "--max-input-bytes bounds each member (exit 3, got $rc)" test "$rc" = 3
check "... the members larger are errors" \
	test "$(jq '[.inputs[] | select(.status == "error") | .error.message | test("larger than 1500 bytes")] | all' "$T/out")" = true
run -q $AS --max-decompressed 20000 --format json "$A/ev.tar.gz"
check "--max-decompressed bounds the whole archive (exit 3, got $rc)" test "$rc" = 3
check "... said" grep -q 'decompress to more than 20000 bytes' "$T/out"
python3 - "$T/nested.zip" "$A/ev.zip" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.write(sys.argv[2], "inner/ev.zip")
EOF
run -q $AS "$T/nested.zip"
check "an archive inside an archive is refused (exit 3, got $rc)" test "$rc" = 3
check "... and says so" grep -q 'an archive inside an archive is not opened' "$T/out"
python3 - "$T/link.tar" <<'EOF'
import sys, tarfile
with tarfile.open(sys.argv[1], "w") as t:
    i = tarfile.TarInfo("r.csv"); i.type = tarfile.SYMTYPE; i.linkname = "/etc/passwd"; t.addfile(i)
EOF
run -q $AS "$T/link.tar"
check "a symbolic link named like a report in a tar is refused (exit 3, got $rc)" test "$rc" = 3
check "... as not a regular file" grep -q 'not a regular file: a symbolic link' "$T/out"
python3 - "$T/empty.zip" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("notes.md", "nothing")
EOF
run -q $AS "$T/empty.zip"
check "an archive with no report: exit 3, nothing audited (got $rc)" test "$rc" = 3
check "... said" grep -q 'no report found in the archive' "$T/out"
run -q $AS --format json "$A/ev.zip"
cp "$T/out" "$T/sandboxed"
run -q $AS --no-sandbox --format json "$A/ev.zip"
check "archives: the sandbox does not change the output" cmp -s "$T/out" "$T/sandboxed"

# ---- hostile names of skipped files and members never reach the output raw ----
H=$T/hostile
mkdir "$H"
cp fixtures/demo.csv "$H/r.csv"
touch "$H/$(printf 'evil\033[31mred\nx.md')"
python3 - "$H/m.zip" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("a\x1b[2Jb.md", "x")
    z.writestr("r\x1b]0;t\x07.csv", open("fixtures/demo.csv").read() + "\n")
EOF
ESC=$(printf '\033')
run -q $AS "$H"
check "hostile names: no escape byte in the text output" sh -c "! grep -q '$ESC' '$T/out'"
check "hostile names: shown escaped" grep -qF 'evil\x1B[31mred\x0Ax.md' "$T/out"
check "hostile member names: shown escaped" grep -qF 'm.zip > a\x1B[2Jb.md' "$T/out"
for f in json sarif html; do
	run -q $AS --format $f "$H"
	check "hostile names, $f: no escape byte raw" sh -c "! grep -q '$ESC' '$T/out'"
done

# ---- UTF-16 ----
U=$T/utf16
mkdir "$U"
iconv -f UTF-8 -t UTF-16 fixtures/demo.csv >"$U/bom.csv"
iconv -f UTF-8 -t UTF-16LE fixtures/demo.csv >"$U/le.csv"
iconv -f UTF-8 -t UTF-16BE fixtures/demo.csv | gzip -n >"$U/be.csv.gz"
for f in bom.csv le.csv be.csv.gz; do
	run -q "$U/$f"
	check "UTF-16 $f: exit 3 (got $rc)" test "$rc" = 3
	check "UTF-16 $f: named, with the command that converts it" \
		grep -qF 'UTF-16 text; convert it with `iconv -f UTF-16 -t UTF-8`' "$T/out"
done
run -q "$U"
check "UTF-16 in a walked directory stays an error (exit 3, got $rc)" test "$rc" = 3
check "... never skipped" test "$(grep -c 'skipped (' "$T/out")" = 0

# ---- archives found by their bytes, libarchive loaded only for them ----
# A file named on the command line is an archive by its bytes, whatever
# its name; the probe that spares plain reports libarchive must not miss
# one (src/cli/archive.c: looks_archived).
N=$T/byname
mkdir "$N"
cp "$A/ev.zip" "$N/zip.dat"
cp "$A/ev.tar.gz" "$N/tgz.bin"
cp "$A/ev.tar.bz2" "$N/tbz"
cp "$A/ev.tar.xz" "$N/txz"
python3 - "$N/v7.dat" "$E" <<'EOF2'
import os, sys, tarfile
with tarfile.open(sys.argv[1], "w", format=tarfile.GNU_FORMAT) as t:
    for root, dirs, names in os.walk(sys.argv[2]):
        for n in sorted(names):
            if n.endswith(".csv") and not root.endswith(".git"):
                p = os.path.join(root, n)
                t.add(p, os.path.relpath(p, sys.argv[2]))
EOF2
# a zip after a shell script, as self-extracting archives are
{ printf '#!/bin/sh\necho unpack me\nexit 0\n'; cat "$A/ev.zip"; } >"$N/sfx.sh"
for f in zip.dat tgz.bin tbz txz v7.dat sfx.sh; do
	run -q $AS --format json "$N/$f"
	check "$f: an archive by its bytes (exit 1, got $rc)" test "$rc" = 1
	check "$f: its members audited" test "$(jq '.summary.audited > 0 and .summary.errors == 0' "$T/out")" = true
done
gzip -n <fixtures/demo.csv >"$N/report.gz"
run -q $AS --format json "$N/report.gz"
check "a gzip'd report named on the command line is a report (exit 1, got $rc)" test "$rc" = 1
check "... audited through gzip" test "$(jq -r ".inputs[0].evidence.container" "$T/out")" = "gzip > csv"
LD_DEBUG=files "$BIN" -q $AS -o "$T/ld.txt" fixtures/demo.csv 2>"$T/ld.plain" >/dev/null
LD_DEBUG=files "$BIN" -q $AS -o "$T/ld.txt" "$N/zip.dat" 2>"$T/ld.zip" >/dev/null
if grep -q 'file=libc\.so' "$T/ld.plain"; then
	check "a plain report is read without loading libarchive" sh -c "! grep -q 'file=libarchive' '$T/ld.plain'"
	check "an archive loads libarchive" grep -q 'file=libarchive' "$T/ld.zip"
	# a libarchive that cannot be loaded (a file that is no library, found
	# first): an archive is an input error naming it, a gzipped report or
	# UTF-16 text named on the command line is still read as a report
	mkdir "$T/nolib"
	echo 'not a library' >"$T/nolib/libarchive.so.13"
	LD_LIBRARY_PATH="$T/nolib" "$BIN" -q $AS -o "$T/nolib.txt" "$N/zip.dat" >/dev/null 2>&1
	rc=$?
	check "libarchive missing: a zip is an input error (exit 3, got $rc)" test "$rc" = 3
	check "... naming the library" grep -q 'cannot load libarchive.so.13' "$T/nolib.txt"
	LD_LIBRARY_PATH="$T/nolib" "$BIN" -q $AS -o "$T/nolib.txt" "$T/withzip" >/dev/null 2>&1
	rc=$?
	check "libarchive missing: a zip in a walked directory is an input error (exit 3, got $rc)" test "$rc" = 3
	LD_LIBRARY_PATH="$T/nolib" "$BIN" -q $AS -o "$T/nolib.txt" "$N/report.gz" >/dev/null 2>&1
	rc=$?
	check "libarchive missing: a gzipped report is still audited (exit 1, got $rc)" test "$rc" = 1
	LD_LIBRARY_PATH="$T/nolib" "$BIN" -q -o "$T/nolib.txt" "$U/le.csv" >/dev/null 2>&1
	check "libarchive missing: UTF-16 text still gets its hint" grep -q 'UTF-16 text; convert it' "$T/nolib.txt"
else
	echo "SKIP: libarchive loading (a static binary, or the loader's LD_DEBUG is off)"
fi

finish archive
