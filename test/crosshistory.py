"""Cross-format agreement of `credaudit history` (test/crossformat.sh):
the accounts, accounts with an active root key, conflicts, inputs and inputs
not read that text and html state are the ones the JSON output states, and
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

for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
