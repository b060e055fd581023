#!/bin/sh
# Accessibility and print of the HTML pages (the audit's and history's):
# WCAG contrast computed from each page's own style sheet and SVG fills
# (test/contrast.py: text 4.5:1, chart shapes 3:1), one <main> landmark,
# axe-core (test/node_modules, pinned in test/package.json) run inside
# headless Chromium with 0 violations, and the audit printed to A4 by
# Chromium and read back with pdftotext: user names and ARNs readable,
# an input that could not be audited sharing its page, compliance
# references shown without --benchmark.  Each check can fail: a control
# page (the old chart colour, no <main>) is caught.
# Prints "a11y: N passed, N failed" (SKIP lines without chromium, axe-core
# or pdftotext).
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
PY=${PY:-python3}
AXE=test/node_modules/axe-core/axe.min.js

"$BIN" --format html fixtures/demo.csv fixtures/cases/pass.csv \
    fixtures/cases/err-no-root.csv test/data/hostile-users.csv >"$T/report.html"
check "html written (exit 3: one input not audited)" test $? = 3
"$BIN" history --format html fixtures/history >"$T/history.html"
check "history html written" test -s "$T/history.html"

# ---- contrast, from the pages' style sheets and chart fills ----
for p in report history; do
	"$PY" test/contrast.py "$T/$p.html" >"$T/$p.contrast" 2>&1
	check "$p: every colour meets WCAG contrast on white ($(tr '\n' ' ' <"$T/$p.contrast"))" test $? = 0
done
sed 's/#9a7b00/#b7950b/' "$T/report.html" >"$T/oldlow.html"
check "contrast: the old low bar #b7950b (2.87:1) is caught" sh -c "! '$PY' test/contrast.py '$T/oldlow.html' >/dev/null"

# ---- landmarks ----
for p in report history; do
	check "$p: one <main> landmark, after the header, before the footer" sh -c \
	    "test \"\$(grep -c '<main>' '$T/$p.html')\" = 1 && tr -d '\n' <'$T/$p.html' | grep -q '</header><main>.*</main><footer>'"
done

CHROME=""
for c in chromium chromium-browser; do
	command -v "$c" >/dev/null 2>&1 && CHROME=$(command -v "$c") && break
done
if [ -z "$CHROME" ]; then
	echo "SKIP: a11y: no chromium (scripts/deps.sh installs the Debian package chromium)"
	finish a11y
	exit
fi
chrome() {
	prof=$1
	shift
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/profile.$prof" --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-default-apps --proxy-server=127.0.0.1:9 \
	    --host-resolver-rules='MAP * ~NOTFOUND' "$@" 2>/dev/null
}

# ---- axe-core in headless Chromium: the page without its CSP (which
# forbids any script), axe and test/axe-run.js appended; the violations
# come back in the dumped DOM ----
inject() {
	sed 's|<meta http-equiv="Content-Security-Policy"[^>]*>||; s|</body>||; s|</html>||' "$1"
	printf '<script>\n'
	cat "$AXE"
	printf '\n</script>\n<script>\n'
	cat test/axe-run.js
	printf '</script>\n</body>\n</html>\n'
}
axe_check() {
	inject "$1" >"$1.axe.html"
	chrome "$(basename "$1")" --virtual-time-budget=30000 --dump-dom "file://$1.axe.html" |
		sed -n 's|.*<pre id="axe-result">\(.*\) END</pre>.*|\1|p' >"$1.axe"
}
if [ -f "$AXE" ]; then
	sed 's|<main>||; s|</main>||' "$T/report.html" >"$T/nomain.html"
	for p in report history nomain; do
		axe_check "$T/$p.html" &
	done
	wait
	for p in report history; do
		check "$p: axe-core ran ($(head -c 200 "$T/$p.html.axe"))" grep -q '^AXE \[' "$T/$p.html.axe"
		check "$p: axe-core finds 0 violations ($(head -c 600 "$T/$p.html.axe"))" test "$(cat "$T/$p.html.axe")" = 'AXE []'
	done
	check "axe-core: the control without <main> is caught" grep -q '"landmark-one-main"' "$T/nomain.html.axe"
else
	echo "SKIP: a11y: no $AXE (scripts/deps.sh installs it with npm)"
fi

# ---- printed to A4 ----
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "SKIP: a11y: no pdftotext (scripts/deps.sh installs poppler-utils)"
	finish a11y
	exit
fi
chrome print --print-to-pdf="$T/report.pdf" --no-pdf-header-footer "file://$T/report.html" >/dev/null
check "printed: A4 pages" sh -c "pdfinfo '$T/report.pdf' | grep -q '^Page size:.*(A4)'"
pdftotext -layout "$T/report.pdf" "$T/report.txt"
mkdir -p build/browser
cp "$T/report.pdf" build/browser/report-a4.pdf 2>/dev/null
# the ARN of each of the demo's 11 findings shows its first 20 characters
# on one line, and the users' names are whole: columns are not squeezed
# to a few letters (before, 3 or 4 characters a line)
arns=$(grep -c 'arn:aws:iam::1111222' "$T/report.txt")
check "printed: ARNs readable (20 characters or more a line: $arns lines for the demo's 11 findings)" test "$arns" -ge 11
for u in alice deploy-bot; do
	check "printed: user $u whole" grep -q "[[:space:]]${u}[[:space:]]" "$T/report.txt"
done
"$PY" - "$T/report.txt" <<'PYEOF' >"$T/alone" 2>&1
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
p = [x for x in pages if "Input 3: fixtures/cases/err-no-root.csv" in x]
print(len(p), bool(p) and "fixtures/cases/pass.csv" in p[0].split("Input 3:")[0])
PYEOF
check "printed: the input not audited shares its page with the input before ($(cat "$T/alone"))" test "$(cat "$T/alone")" = "1 True"
check "printed: compliance references without --benchmark" grep -q 'References: CIS AWS Foundations Benchmark' "$T/report.txt"
finish a11y
