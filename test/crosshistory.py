"""Cross-format agreement of `credaudit history` (test/crossformat.sh):
the accounts, accounts with an active root key, conflicts, accounts with a
failing root rule, duplicates, inputs and inputs not read that text and html
state are the ones the JSON output states; so are each report's SHA-256 and
duplicate, each account's gap threshold and each root rule's failing report
times; and
the exit status follows from them (3 when an input was not read, else 1 when
a root key was active or reports conflict, else 0).

usage: crosshistory.py DIR EXIT
DIR holds out.text, out.json and out.html of one history run.
"""
import html
import json
import re
import sys

d, exit_status = sys.argv[1], int(sys.argv[2])
problems = []


def read(fmt):
    with open("%s/out.%s" % (d, fmt), encoding="utf-8") as f:
        return f.read()


def summary_numbers(text):
    """accounts, with a root key, conflicts from the closing summary line."""
    m = re.search(r"(\d+) accounts?, (\d+) with an active root key at some "
                  r"time, (\d+) conflicts?", text)
    return tuple(int(x) for x in m.groups()) if m else None


s = json.loads(read("json"))["summary"]
want = (s["accounts"], s["accounts_with_root_key"], s["conflicts"])
want_exit = 3 if s["errors"] else (1 if s["accounts_with_root_key"] + s["conflicts"] else 0)
if exit_status != want_exit:
    problems.append("exit status %d, JSON summary %r says %d" % (exit_status, s, want_exit))

text = read("text")
if summary_numbers(text) != want:
    problems.append("text: summary %r, JSON says %r" % (summary_numbers(text), want))
errors = len(re.findall(r"^  \S.*: error: ", text, re.M))
if errors != s["errors"]:
    problems.append("text: %d inputs not read, JSON says %d" % (errors, s["errors"]))

page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", read("html"))))
if summary_numbers(page) != want:
    problems.append("html: summary %r, JSON says %r" % (summary_numbers(page), want))
m = re.search(r"(\d+) inputs?, (\d+) not read", page)
if not m or (int(m.group(1)), int(m.group(2))) != (s["inputs"], s["errors"]):
    problems.append("html: inputs %r, JSON says %r" % (m and m.groups(), (s["inputs"], s["errors"])))

def extra_numbers(text):
    """accounts with a failing root rule, duplicates from the summary."""
    m = re.search(r"(\d+) with a failing root rule at some time[,;] .*?(\d+) "
                  r"duplicates?", text)
    return tuple(int(x) for x in m.groups()) if m else None


doc = json.loads(read("json"))
want = (s["accounts_with_root_failure"], s["duplicates"])
if extra_numbers(text) != want:
    problems.append("text: root failures, duplicates %r, JSON says %r" % (extra_numbers(text), want))
if extra_numbers(page) != want:
    problems.append("html: root failures, duplicates %r, JSON says %r" % (extra_numbers(page), want))

raw_html = read("html")
for a in doc["accounts"]:
    for r in a["reports"]:
        f = r["file"]
        if r["sha256"] is not None:
            # text: the report's line, then "sha256 HEX, container"
            pat = r"^    \S+  %s \(.*\)\n      sha256 %s, " % (re.escape(f), r["sha256"])
            if not re.search(pat, text, re.M):
                problems.append("text: no sha256 %s for %s" % (r["sha256"], f))
            if not re.search(r"<td>%s</td><td class=\"src\">[a-z_]+</td><td><code>%s</code>"
                             % (re.escape(html.escape(f, quote=False)), r["sha256"]), raw_html):
                problems.append("html: no sha256 %s for %s" % (r["sha256"], f))
        if r["duplicate_of"] is not None:
            if ("duplicate of %s (same SHA-256)" % r["duplicate_of"]) not in text:
                problems.append("text: %s not named a duplicate" % f)
    head = "account %s (%s): %d report" % (a["account"], a["partition"], a["report_count"])
    if head not in text:
        problems.append("text: no %r" % head)
    g = a["gap"]["threshold_seconds"] / 86400.0
    if ("gap threshold: %.1f days" % g) not in text and a["gap"]["median_interval_seconds"] is not None:
        problems.append("text: gap threshold of %s is not %.1f days" % (a["account"], g))
    if ("Gap threshold: %.1f days" % g) not in page and a["gap"]["median_interval_seconds"] is not None:
        problems.append("html: gap threshold of %s is not %.1f days" % (a["account"], g))
    for rule in a["root_rules"]:
        line = "    %s (%s): failing at %d of %d report times" % (
            rule["rule"], rule["severity"], rule["failing_report_times"], a["report_times"])
        if line not in text:
            problems.append("text: no %r" % line)

for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
