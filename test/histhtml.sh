#!/bin/sh
# Tests of `credaudit history --format html`: the page parses (xmllint, as
# HTML and as XML), holds one timeline per account with its intervals,
# events, gaps and conflicts, is deterministic, makes no external
# reference, and shows hostile file names and report text escaped.
# Prints one line per failed check and "histhtml: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

# xmllint --html knows HTML 4 only: HTML5 and SVG element names are
# reported as unknown tags; any other complaint is a failure.  The page
# must also be well-formed XML.
html_valid() {
	xmllint --html --noout "$1" 2>"$T/lint"
	! grep 'parser error :' "$T/lint" |
		grep -Ev 'Tag (header|main|section|footer|svg|defs|pattern|g|line|circle|text|rect|title) invalid' |
		grep -q . && xmllint --noout "$1" 2>/dev/null
}
count() { grep -o "$1" "$2" | wc -l | tr -d ' '; }

H=fixtures/history
"$BIN" history --format html $H >"$T/h.html" 2>"$T/err"
check "history html: exit 1 (a root key was active)" test $? = 1
check "history html: nothing on stderr but the README it skips" test \
	"$(cut -d: -f1-3 "$T/err")" = "credaudit: history: skipped (name) $H/README.md"
check "history html: valid" html_valid "$T/h.html"
check "history html: strict CSP" grep -q "Content-Security-Policy\" content=\"default-src 'none';" "$T/h.html"
check "history html: no external reference" sh -c "! grep -Eiq '(src|href)=\"[a-z]+:|url\\([^#]|@import|<script|<link|<img' '$T/h.html'"
check "history html: one timeline per account" test "$(count '<svg ' "$T/h.html")" = 2
check "history html: ids unique" sh -c "test -z \"\$(grep -o ' id=\"[^\"]*\"' '$T/h.html' | sort | uniq -d)\""
check "history html: three active bars" test "$(count '<g class="active">' "$T/h.html")" = 3
check "history html: six event markers" test "$(count '<g class="event">' "$T/h.html")" = 6
check "history html: one hatched gap" test "$(count 'fill="url(#hatch-0)"' "$T/h.html")" = 1
check "history html: one conflict mark" test "$(count '<g class="conflict">' "$T/h.html")" = 1
check "history html: the replaced key in the table" grep -q '<td>replaced</td><td><span class="nowrap">2024-02-10T09:00:00Z</span></td><td><span class="nowrap">2024-02-01T09:00:00Z</span>' "$T/h.html"
check "history html: gap in the table" grep -q '<td class="nowrap">2024-01-15T06:00:00Z</td><td class="nowrap">2024-02-05T06:00:00Z</td><td>21.0</td>' "$T/h.html"
check "history html: account without root key" grep -q 'No report shows an active root access key' "$T/h.html"
# one page frame for the audit's page and history's: the same head but
# for the title (and history's own style lines after the common style)
"$BIN" --format html fixtures/demo.csv >"$T/a.html" 2>/dev/null
style_of() { sed -n '/^<style>$/,/^<\/style>$/p' "$1" | sed '1d;$d'; }
n=$(style_of "$T/a.html" | wc -l)
frame_of() { sed -n '1,/^<title>/p' "$1" | sed '$d'; style_of "$1" | head -n "$n"; }
check "history html: the audit's page head and style" sh -c "test $n -gt 5 && test \"\$1\" = \"\$2\"" - "$(frame_of "$T/a.html")" "$(frame_of "$T/h.html")"
"$BIN" history --format html --jobs 3 $H >"$T/h3.html" 2>/dev/null
check "history html: same bytes for any --jobs" cmp -s "$T/h.html" "$T/h3.html"
"$BIN" history --format html --gap-days 30 $H >"$T/g30.html" 2>/dev/null
check "history html: --gap-days" test "$(count '<g class="gap">' "$T/g30.html")" = 0
"$BIN" history --format html $H/444455556666 >/dev/null 2>&1
check "history html: no root key ever, exit 0" test $? = 0

# ---- hostile file names and report text ----
ctl=$(printf '\001\033[2J\177\377\342\200\256')
d="$T/<script>alert('d')<\\script>"
mkdir -p "$d"
cp $H/111122223333/2024-01-15.csv "$d/<script>alert(1)<img src=x onerror=alert(2)>$ctl.csv"
cp $H/111122223333/2024-01-15b.csv "$d/b<script>alert(3)<\\script>.csv"
cp fixtures/cases/err-no-root.csv "$d/e<script>alert(4)<\\script>.csv"
sed 's/arn:aws:iam::111122223333:root/arn:aws:iam::<script>alert(5)<\/script>:root/' \
    $H/111122223333/2024-01-08.csv >"$d/f<b>.csv"
"$BIN" history --format html "$d" >"$T/x.html" 2>"$T/err"
check "hostile history html: exit 3 (an input not read)" test $? = 3
check "hostile history html: valid" html_valid "$T/x.html"
check "hostile history html: no markup from the inputs" sh -c "! grep -q '<script\|<img\|<b>\|<\\\\script' '$T/x.html'"
check "hostile history html: names shown escaped" test "$(count '&lt;script&gt;alert(' "$T/x.html")" -ge 4
check "hostile history html: controls shown marked" grep -q '<span class="ctl">' "$T/x.html"
check "hostile history html: ASCII only, no control byte" sh -c "! LC_ALL=C tr -d '\\n' <'$T/x.html' | LC_ALL=C grep -q '[^ -~]'"

# history's JSON: a DEL (0x7F) in a file name is written \u007f, as -f json
# writes it; no raw control byte at all
"$BIN" history --format json "$d" >"$T/x.json" 2>"$T/err"
check "hostile history json: exit 3 (an input not read)" test $? = 3
check "hostile history json: valid JSON" sh -c "jq -e . '$T/x.json' >/dev/null"
check "hostile history json: no raw control byte (DEL included)" sh -c "! LC_ALL=C tr -d '\\n' <'$T/x.json' | LC_ALL=C grep -q '[[:cntrl:]]'"
check "hostile history json: DEL written \\u007f" grep -qF '\u007f' "$T/x.json"
check "hostile history json: the DEL kept in the decoded file name" sh -c "jq -r '.accounts[].reports[].file' '$T/x.json' | LC_ALL=C grep -qF \"\$(printf 'alert(2)>\\001\\033[2J\\177')\""
"$BIN" --format json "$d"/'<script>alert(1)<img'* >"$T/a.json" 2>/dev/null
check "hostile history json: DEL as -f json writes it" sh -c "grep -qF '\u007f' '$T/a.json' && ! LC_ALL=C tr -d '\\n' <'$T/a.json' | LC_ALL=C grep -q '[[:cntrl:]]'"

finish histhtml
