#!/bin/sh
# The HTML report opened in headless Chromium: the rendered DOM shows the
# verdict and the findings, the page makes no network request (Chromium's
# own net log is read; a control page with a remote image proves the check
# can fail), and a screenshot and a printed PDF are kept in build/browser/
# as test artefacts; the same for history's HTML timeline (build/browser/
# history.html, history.pdf).
# Prints "browser: N passed, N failed" (a SKIP line when no Chromium).
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh
OUT=build/browser

CHROME=""
for c in chromium chromium-browser; do
	command -v "$c" >/dev/null 2>&1 && CHROME=$(command -v "$c") && break
done
if [ -z "$CHROME" ]; then
	echo "SKIP: browser: no chromium (scripts/deps.sh installs the Debian package chromium)"
	echo "browser: 0 passed, 0 failed"
	exit 0
fi
mkdir -p "$OUT"

# chrome FILE ARGS...: headless, isolated profile, no route to any network:
# a proxy that refuses and a resolver that finds nothing.  Net log in FILE.net.
chrome() {
	f=$1
	shift
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/profile.$(basename "$f")" --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-default-apps --proxy-server=127.0.0.1:9 \
	    --host-resolver-rules='MAP * ~NOTFOUND' --log-net-log="$f.net" \
	    --window-size=1280,2200 "$@" "file://$f" 2>/dev/null
}

# URLs the page asked for: everything in the net log but Chromium's own
# background services (update checks, time, accounts), which it contacts
# whatever the page is.
page_urls() {
	grep -o '"url":"[^"]*"' "$1" | sed 's/^"url":"//; s/"$//' |
		grep -Ev '^https?://([a-z0-9.-]*\.)?(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)/' |
		grep -v '^file://' | sort -u
}

"$BIN" --format html fixtures/demo.csv fixtures/cases/pass.csv \
    fixtures/cases/err-no-root.csv fixtures/cases/hostile-text.csv >"$T/report.html"
check "html written (exit 3: one input not audited)" test $? = 3
cp "$T/report.html" "$OUT/report.html"

chrome "$T/report.html" --dump-dom >"$T/dom.html"
check "chromium rendered the page" grep -q '</html>' "$T/dom.html"
check "DOM shows the verdict" grep -q 'Verdict: ERROR' "$T/dom.html"
check "DOM shows the per-input verdicts" sh -c "grep -q 'FAIL</span> (11 findings)' '$T/dom.html' && grep -q 'ERROR (not audited)' '$T/dom.html'"
check "DOM shows the finding" grep -q 'root user has an active access key (access_key_1), created 2021-06-01' "$T/dom.html"
check "DOM shows the evidence" grep -q 'access_key_1_last_used_date' "$T/dom.html"
check "DOM shows the as-of time" grep -q '2024-05-31T23:59:00Z' "$T/dom.html"
check "DOM has the chart" grep -q '<svg' "$T/dom.html"
check "no script in the DOM" sh -c "! grep -qi '<script' '$T/dom.html'"
check "net log written" test -s "$T/report.html.net"
page_urls "$T/report.html.net" >"$T/urls"
check "the page made no network request ($(tr '\n' ' ' <"$T/urls"))" test ! -s "$T/urls"

# hostile user names (markup, formulas, controls): shown as text, nothing
# becomes an element of the page
"$BIN" --format html test/data/hostile-users.csv >"$T/hostile.html"
chrome "$T/hostile.html" --dump-dom >"$T/hdom.html"
check "hostile: chromium rendered the page" grep -q '</html>' "$T/hdom.html"
check "hostile: no script or img element in the DOM" sh -c "! grep -Eqi '<(script|img)[ >]' '$T/hdom.html'"
check "hostile: the names are shown as text" grep -qF '&lt;script&gt;alert(origin)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' "$T/hdom.html"
check "hostile: findings shown" test "$(grep -c 'user can sign in to the console with a password but has no MFA device' "$T/hdom.html")" -ge 10
page_urls "$T/hostile.html.net" >"$T/hurls"
check "hostile: no network request ($(tr '\n' ' ' <"$T/hurls"))" test ! -s "$T/hurls"

# the check can fail: a page with a remote image and no CSP is caught
sed 's|<title>|<img src="http://example.invalid/pixel.png"/><title>|; s|<meta http-equiv="Content-Security-Policy"[^>]*>||' \
    "$T/report.html" >"$T/control.html"
chrome "$T/control.html" --dump-dom >/dev/null
check "control page's request is seen" grep -qx 'http://example.invalid/pixel.png' "$(page_urls "$T/control.html.net" >"$T/curls"; echo "$T/curls")"

rm -f "$OUT/report.png"
(cd "$T" && chrome "$T/report.html" --screenshot="$T/report.png" >/dev/null)
cp "$T/report.png" "$OUT/report.png" 2>/dev/null
check "screenshot kept in $OUT/report.png" sh -c "test -s '$OUT/report.png' && head -c 8 '$OUT/report.png' | od -An -c | grep -q 'P   N   G'"

# printable: Chromium prints it to PDF (kept as an artefact too)
rm -f "$OUT/report.pdf"
chrome "$T/report.html" --print-to-pdf="$OUT/report.pdf" --no-pdf-header-footer >/dev/null
pages=$(LC_ALL=C grep -ao '/Type */Pages*' "$OUT/report.pdf" 2>/dev/null | grep -c 'Page$')
check "printed to $OUT/report.pdf ($pages pages: one per input and the summary)" sh -c "head -c 5 '$OUT/report.pdf' | grep -q '%PDF-' && test '$pages' -ge 5"

# history's HTML timeline: rendered, no request, printed one account a page
"$BIN" history --format html fixtures/history >"$T/history.html"
cp "$T/history.html" "$OUT/history.html"
chrome "$T/history.html" --dump-dom >"$T/hist.html"
check "history: chromium rendered the page" grep -q '</html>' "$T/hist.html"
check "history: a timeline per account" test "$(grep -c '<svg' "$T/hist.html")" = 2
check "history: the gap and the conflict are marked" sh -c "grep -q 'no evidence, 21.0 days' '$T/hist.html' && grep -q '>conflict</text>' '$T/hist.html'"
page_urls "$T/history.html.net" >"$T/hiurls"
check "history: no network request ($(tr '\n' ' ' <"$T/hiurls"))" test ! -s "$T/hiurls"
rm -f "$OUT/history.pdf"
chrome "$T/history.html" --print-to-pdf="$OUT/history.pdf" --no-pdf-header-footer >/dev/null
pages=$(LC_ALL=C grep -ao '/Type */Pages*' "$OUT/history.pdf" 2>/dev/null | grep -c 'Page$')
check "history: printed to $OUT/history.pdf ($pages pages)" sh -c "head -c 5 '$OUT/history.pdf' | grep -q '%PDF-' && test '$pages' -ge 2"

finish browser
