#!/bin/sh
# End-to-end tests of batch runs (directories, --jobs, progress, summary per
# account), of `credaudit history`, and a quick sanity run of the benchmark
# generator and harness.  Ends with "batch: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
GEN=${B:-build}/bench-gen

# ---- a directory tree: patterns, hidden and other files, sorted order ----
D=$T/tree
mkdir -p "$D/b/sub" "$D/a" "$D/.git"
cp fixtures/cases/pass.csv "$D/b/sub/z.csv"
cp fixtures/cases/fail-key1.csv "$D/a/REPORT.CSV"
{ cat fixtures/cases/pass.csv; echo; } >"$D/a/r.txt"   # other bytes: not a duplicate
cp fixtures/cases/pass.csv "$D/.git/x.csv"       # in a hidden directory
cp fixtures/cases/pass.csv "$D/.hidden.csv"      # hidden file
echo notes >"$D/README.md"                       # other
cp fixtures/cases/pass.csv "$D/a/r.csv.bak"       # other
gzip -c fixtures/cases/pass.csv >"$D/b/y.csv.GZ"  # wanted (container decoding is another stage)
run -q --format json "$D"
check "walk: files found in byte order" test "$(jq -r '[.inputs[].file] | join(" ")' "$T/out")" = \
	"$D/a/REPORT.CSV $D/a/r.txt $D/b/sub/z.csv $D/b/y.csv.GZ"
check "walk: hidden and other files counted" test "$(jq -c '.summary.skipped | [.hidden, .other]' "$T/out")" = '[2,2]'
check "walk: hidden and other files named" test "$(jq -r '[.summary.skipped.files[] | .kind + ":" + .path] | join(" ")' "$T/out")" = \
	"hidden:$D/.git hidden:$D/.hidden.csv name:$D/README.md name:$D/a/r.csv.bak"
run "$D/README.md"
check "a file named on the command line is read whatever its name" sh -c \
	"test $rc = 3 && grep -q '^$D/README.md:[0-9:]* error: ' '$T/out'"
run -q "$D/a"
check "directory: findings exit 1" test "$rc" = 1
run -q "$D"
check "text summary names skipped files" grep -q 'skipped in directories: 2 hidden, 2 other' "$T/out"

# ---- auditing nothing does not pass ----
mkdir -p "$T/none/.git" "$T/nothing"
cp fixtures/cases/pass.csv "$T/none/.git/x.csv"
echo notes >"$T/none/README.md"
run -q "$T/nothing"
check "empty directory: exit 3" test "$rc" = 3
check "empty directory: says nothing was audited" grep -q "no report found under $T/nothing: nothing was audited" "$T/out"
run -q --format json "$T/none"
check "all files skipped: exit 3, JSON error" sh -c "[ $rc = 3 ] && jq -e '.summary.errors == 1 and (.inputs[0].error.message | test(\"nothing was audited.*1 hidden, 1 other\"))' '$T/out' >/dev/null"
run history -q "$T/nothing"
check "history of an empty directory: exit 3" sh -c "[ $rc = 3 ] && grep -q 'nothing was audited' '$T/out'"

# ---- one broken input does not stop the others ----
mkdir -p "$T/mixed"
cp fixtures/cases/pass.csv "$T/mixed/1.csv"
cp fixtures/cases/err-no-root.csv "$T/mixed/2.csv"
cp fixtures/cases/fail-key1.csv "$T/mixed/3.csv"
run -q --format json "$T/mixed"
check "broken input: exit 3" test "$rc" = 3
check "broken input: reported in its place, others audited" test \
	"$(jq -r '[.inputs[].status] | join(",")' "$T/out")" = "audited,error,audited"

# ---- symlink loops are refused, the rest is read ----
mkdir -p "$T/loop/d"
cp fixtures/cases/pass.csv "$T/loop/d/r.csv"
ln -s .. "$T/loop/d/up"
run -q --format json "$T/loop"
check "symlink loop: exit 3" test "$rc" = 3
check "symlink loop: refused with a reason" sh -c "jq -r '.inputs[].error.message // empty' '$T/out' | grep -q 'symlink loop'"
check "symlink loop: the report is still audited" test "$(jq '[.inputs[] | select(.status == "audited")] | length' "$T/out")" = 1

# ---- entries named like a report that are not regular files: exit 3 ----
# (a FIFO must never block the walk: each run is under timeout)
S=$T/special
for k in fifo null fifolink dangling socket; do
	mkdir -p "$S/$k"
	cp fixtures/cases/pass.csv "$S/$k/a.csv"
done
mkfifo "$S/fifo/r.csv"
ln -s /dev/null "$S/null/r.csv"
mkfifo "$S/fifolink/target"
ln -s target "$S/fifolink/r.csv"
ln -s nowhere.csv "$S/dangling/r.csv"
python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$S/socket/r.csv"
for k in fifo null fifolink dangling socket; do
	timeout 10 "$BIN" -q --format json "$S/$k" >"$T/out" 2>"$T/err"
	rc=$?
	check "walk: $k named like a report is an input error (exit 3, got $rc)" test "$rc" = 3
	check "walk: $k named like a report is named in the error" \
		test "$(jq -r '[.inputs[] | select(.status == "error") | .file] | join(" ")' "$T/out")" = "$S/$k/r.csv"
	check "walk: $k beside a report: the report is still audited" \
		test "$(jq -r '[.inputs[] | select(.status == "audited") | .file] | join(" ")' "$T/out")" = "$S/$k/a.csv"
done
timeout 10 "$BIN" -q "$S/fifo" >"$T/out" 2>&1
check "walk: the FIFO's error says what it is" grep -q "$S/fifo/r.csv.*not a regular file" "$T/out"
run -q "$S/dangling"
check "walk: a dangling link's error says why" grep -q "$S/dangling/r.csv.*No such file" "$T/out"
timeout 10 "$BIN" history -q "$S/fifo" >"$T/out" 2>&1
check "history walk: a FIFO named like a report is exit 3" test $? = 3

# ---- each directory is visited once, however many links reach it ----
# 31 directories, each holding two links to the next: 2^30 paths, 31 visits.
L=$T/links
i=0
while [ $i -le 30 ]; do mkdir -p "$L/d$i"; i=$((i + 1)); done
i=0
while [ $i -lt 30 ]; do
	ln -s "../d$((i + 1))" "$L/d$i/a"
	ln -s "../d$((i + 1))" "$L/d$i/b"
	i=$((i + 1))
done
cp fixtures/cases/fail-key1.csv "$L/d30/r.csv"
timeout 20 "$BIN" -q --format json "$L/d0" >"$T/out" 2>"$T/err"
rc=$?
check "walk: 2^30 paths to one directory end at once (exit 1, got $rc)" test "$rc" = 1
check "walk: the directory reached by many links is read once" \
	test "$(jq -r '[.inputs[].file] | join(" ")' "$T/out")" = "$L/d0/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/r.csv"
mkdir -p "$T/twice/x"
cp fixtures/cases/pass.csv "$T/twice/x/r.csv"
ln -s x "$T/twice/y"
run -q --format json "$T/twice"
check "walk: a directory and a link to it: its report audited once" \
	test "$(jq -r '[.inputs[].file] | join(" ")' "$T/out")" = "$T/twice/x/r.csv"
run -q --format json "$T/twice/x" "$T/twice/y"
check "walk: each command-line directory is walked on its own: the same file again is a duplicate" \
	test "$(jq -r '([.inputs[].file] | join(" ")), (.summary.skipped.files[] | .kind + ":" + .path + ":" + .duplicate_of)' "$T/out")" = \
	"$T/twice/x/r.csv
duplicate:$T/twice/y/r.csv:$T/twice/x/r.csv"

# ---- --jobs: same bytes for any N ----
$GEN -C 24 15 5 "$T/corpus"
cp fixtures/cases/err-bad-bool.csv "$T/corpus/bad.csv"
for j in 1 2 3 7; do
	"$BIN" -q --jobs $j --format json "$T/corpus" >"$T/j$j.json" 2>&1
	echo $? >"$T/j$j.rc"
	"$BIN" -q --jobs $j "$T/corpus" >"$T/j$j.txt" 2>&1
done
for j in 2 3 7; do
	check "--jobs $j: same JSON as --jobs 1" cmp -s "$T/j1.json" "$T/j$j.json"
	check "--jobs $j: same text as --jobs 1" cmp -s "$T/j1.txt" "$T/j$j.txt"
	check "--jobs $j: same exit status" cmp -s "$T/j1.rc" "$T/j$j.rc"
done
check "corpus: 25 inputs, one error" test "$(jq -c '[.summary.inputs, .summary.errors]' "$T/j1.json")" = '[25,1]'
check "corpus: one summary per account" test "$(jq '.summary.accounts | length' "$T/j1.json")" = 5
check "summary: reports per account add up" test "$(jq '[.summary.accounts[].reports] | add' "$T/j1.json")" = 24
check "summary: worst verdict per rule" test \
	"$(jq -r '.summary.accounts[0] | "\(.account) \(.reports) \(.worst["root-access-key"])"' "$T/j1.json")" = "100000000000 5 fail"
check "summary: period covered" test \
	"$(jq -r '.summary.accounts[1].period | "\(.from) \(.to)"' "$T/j1.json")" = "2024-01-01T12:00:00Z 2024-01-29T12:00:00Z"
check "text: per-account summary" sh -c "grep -A1 '^  100000000000 (aws): 5 reports, as of 2024-01-01T12:00:00Z to 2024-01-29T12:00:00Z (latest timestamp in the report, a lower bound of when it was generated)\$' '$T/j1.txt' | grep -q '^    worst: failed root-access-key, root-recent-use; not evaluated access-key-not-rotated, credentials-unused; passed root-access-key-inactive, '"
# --summary: the same account lines, with one input too (the as-of moment
# and its source are said in every output)
run --summary fixtures/demo.csv
check "--summary of one input: the account, as of when and from what" grep -qx \
	'  111122223333 (aws): 1 report, as of 2024-05-31T23:59:00Z to 2024-05-31T23:59:00Z (latest timestamp in the report, a lower bound of when it was generated)' "$T/out"
run --summary --as-of 2024-06-01 fixtures/demo.csv fixtures/containers/demo.json
check "--summary: each source of the as-of times said" grep -q \
	'^  111122223333 (aws): 2 reports, as of 2024-06-01T00:00:00Z to 2024-06-01T00:00:00Z (given with --as-of)$' "$T/out"
check "text: per-account summary of a passing account" sh -c "grep -A1 '^  100000007919 (aws): 5 reports' '$T/j1.txt' | grep -q '^    worst: not evaluated access-key-not-rotated, credentials-unused; passed root-access-key, '"
run --jobs 0 "$T/corpus"
check "--jobs 0 is a usage error" test "$rc" = 2
run --jobs x "$T/corpus"
check "--jobs x is a usage error" test "$rc" = 2

# ---- progress: never when stderr is not a terminal, never with -q ----
run --jobs 2 "$T/corpus"
check "no progress line when stderr is not a terminal" test ! -s "$T/err"
# Under valgrind (RUNNER set by test/sanitize.sh) the timing this check
# relies on does not hold; the plain and ASan runs make it.
if [ -z "${RUNNER:-}" ] && command -v script >/dev/null 2>&1; then
	# a slow first input makes the run long (over a second)
	script -qec "(sleep 1.3; cat fixtures/demo.csv) | $BIN --jobs 1 - $T/corpus >/dev/null" /dev/null >"$T/tty" 2>&1
	check "progress line on a terminal when the run is long" grep -q 'credaudit: [0-9]*/26 files, [0-9]* files/s' "$T/tty"
	script -qec "(sleep 1.3; cat fixtures/demo.csv) | $BIN -q --jobs 1 - $T/corpus >/dev/null" /dev/null >"$T/tty" 2>&1
	check "-q: no progress line" sh -c "! grep -q 'files/s' '$T/tty'"
	script -qec "$BIN --jobs 1 fixtures/demo.csv >/dev/null" /dev/null >"$T/tty" 2>&1
	check "short run: no progress line" sh -c "! grep -q 'files/s' '$T/tty'"
fi

# ---- history ----
H=fixtures/history
run history --format json $H
check "history: exit 1 (a root key was active)" test "$rc" = 1
check "history: accounts in order" test "$(jq -r '[.accounts[].account] | join(" ")' "$T/out")" = "111122223333 444455556666"
check "history: reports ordered by as-of time" test \
	"$(jq -r '[.accounts[0].reports[].as_of[0:10]] | join(" ")' "$T/out")" = \
	"2024-01-01 2024-01-08 2024-01-15 2024-01-15 2024-02-05 2024-02-12 2024-02-19"
check "history: intervals per slot, rotated key told apart" test \
	"$(jq -r '[.accounts[0].intervals[] | "\(.credential):\(.key_created[0:10]):\(.from[0:10]):\(.to[0:10]):\(.end)"] | join(" ")' "$T/out")" = \
	"access_key_1:2024-01-05:2024-01-08:2024-01-15:deactivated access_key_2:2024-02-01:2024-02-05:2024-02-05:replaced access_key_2:2024-02-10:2024-02-12:2024-02-12:deactivated"
check "history: events" test \
	"$(jq -r '[.accounts[0].events[] | "\(.time[0:10]):\(.credential):\(.event)"] | join(" ")' "$T/out")" = \
	"2024-01-08:access_key_1:appeared 2024-02-05:access_key_1:deactivated 2024-02-05:access_key_2:appeared 2024-02-12:access_key_1:deleted 2024-02-12:access_key_2:replaced 2024-02-19:access_key_2:deactivated"
check "history: gap longer than 7 days" test \
	"$(jq -c '[.accounts[0].gaps[] | [.from[0:10], .to[0:10], .seconds]]' "$T/out")" = '[["2024-01-15","2024-02-05",1814400]]'
check "history: conflicting same-time reports flagged" test \
	"$(jq -r '.accounts[0].conflicts[0].files | map(split("/")[-1]) | join(" ")' "$T/out")" = "2024-01-15.csv 2024-01-15b.csv"
check "history: an account without root keys" test \
	"$(jq -c '.accounts[1] | [.intervals, .events, .gaps, .conflicts]' "$T/out")" = '[[],[],[],[]]'
run history --gap-days 30 --format json $H
check "history: --gap-days" test "$(jq '.accounts[0].gaps | length' "$T/out")" = 0
run history $H/444455556666
check "history: no root key ever, exit 0" test "$rc" = 0
check "history: text says never" grep -q 'root key active: never' "$T/out"
run history $H fixtures/cases/err-no-root.csv
check "history: an unreadable input, exit 3" test "$rc" = 3
check "history: the error is shown with file:line" grep -q '^  fixtures/cases/err-no-root.csv:3: error: no <root_account> row' "$T/out"
"$BIN" history --jobs 1 $H >"$T/h1" 2>"$T/h1.err"
"$BIN" history --jobs 3 $H >"$T/h3" 2>"$T/h3.err"
check "history: same output for any --jobs" sh -c "cmp -s '$T/h1' '$T/h3' && cmp -s '$T/h1.err' '$T/h3.err'"
check "history: the README beside the reports named as skipped" \
	test "$(cat "$T/h1.err")" = "credaudit: history: skipped (name) $H/README.md: not named like a report (*.csv, *.json, *.b64, *.txt, also .gz) nor like an archive (*.zip, *.tar, *.tar.gz, *.tgz, *.tar.bz2, *.tar.xz)"
check "history: text matches docs/history.md" sh -c \
	"sed -n '/^\`\`\`text\$/,/^\`\`\`\$/p' docs/history.md | sed '1,2d;\$d' | cmp -s - '$T/h1'"
# activated (same key inactive, then active), deleted, identical same-time
# reports (no conflict), a key without a creation date
mkdir -p "$T/hx"
cp $H/111122223333/2024-02-05.csv "$T/hx/a.csv"
sed 's/2024-01-15T0/2024-02-10T0/' $H/111122223333/2024-01-15.csv >"$T/hx/b.csv"
cp "$T/hx/b.csv" "$T/hx/c.csv"
sed 's/2024-01-15T0/2024-02-17T0/; s/true,2024-01-05T09:00:00+00:00/true,N\/A/' \
	$H/111122223333/2024-01-15.csv >"$T/hx/d.csv"
run history --format json "$T/hx"
check "history: activated and deleted events" test \
	"$(jq -r '[.accounts[0].events[] | "\(.time[0:10]):\(.credential):\(.event)"] | join(" ")' "$T/out")" = \
	"2024-02-10:access_key_1:activated 2024-02-10:access_key_2:deleted"
check "history: identical same-time reports are no conflict" test "$(jq '.accounts[0].conflicts | length' "$T/out")" = 0
check "history: a key without a date is the same key as before" test \
	"$(jq -r '[.accounts[0].intervals[] | "\(.credential):\(.from[0:10]):\(.to[0:10]):\(.reports):\(.end)"] | join(" ")' "$T/out")" = \
	"access_key_2:2024-02-05:2024-02-05:1:deleted access_key_1:2024-02-10:2024-02-17:2:null"
run history --as-of now $H
check "history: --as-of is a usage error" test "$rc" = 2
run history --format sarif $H
check "history: unknown format is a usage error" test "$rc" = 2
mkdir -p "$T/hh"
cp fixtures/demo.csv "$T/hh/history"
ABS=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
( cd "$T/hh" && "$ABS" ./history >/dev/null 2>&1 )
check "a file named history is audited as ./history" test $? = 1

$GEN -r 50 "$T/g1.csv"
$GEN -r 50 "$T/g2.csv"
check "generator is deterministic" cmp -s "$T/g1.csv" "$T/g2.csv"
$GEN -c -b -q -r 50 "$T/g3.csv"
check "generator: CRLF, BOM, quoted names" sh -c "head -c 3 '$T/g3.csv' | od -An -tx1 | grep -q 'ef bb bf' && grep -q '^\"user-00001\",' '$T/g3.csv' && grep -q \"\$(printf '\\r')\$\" '$T/g3.csv'"
"$BIN" -q --rules root-access-key "$T/g1.csv" "$T/g3.csv" >/dev/null 2>&1
check "generated reports are audited (root has no active key)" test $? = 0

# ---- history beside files that are no report ----
# files that are no report, and hidden or other names, beside the reports:
# skipped and named (on standard error) as the audit skips them, the exit
# status unchanged; history's own JSON output among them too
mkdir "$T/hn"
cp -R $H/111122223333 "$T/hn/"
echo notes >"$T/hn/notes.txt"
echo '{"Error": "AccessDenied"}' >"$T/hn/err.json"
cp $H/111122223333/2024-01-01.csv "$T/hn/.hidden.csv"
echo x >"$T/hn/README"
"$BIN" history -q -f json -o "$T/hn/history.json" "$T/hn" 2>/dev/null
run history -q "$T/hn"
check "history beside other files: the exit status of the reports ($rc)" test "$rc" = 1
check "history beside other files: none is an input in error" grep -q ' 0 not read,' "$T/out"
for f in notes.txt err.json history.json; do
	check "history beside other files: $f named as not a report" grep -q "^credaudit: history: skipped (not_report) $T/hn/$f: " "$T/err"
done
check "history beside other files: the hidden file and README named" sh -c \
	"grep -q '^credaudit: history: skipped (hidden) $T/hn/.hidden.csv: ' '$T/err' && grep -q '^credaudit: history: skipped (name) $T/hn/README: ' '$T/err'"
run history -q "$T/hn/notes.txt"
check "history: a file that is no report named on the command line: exit 3" test "$rc" = 3

finish batch
