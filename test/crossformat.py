"""Cross-format agreement (test/crossformat.sh): read the verdicts, rule
statuses and counts one run states in every format and compare them with the
JSON output and the exit status.

usage: crossformat.py DIR FAIL_ON EXIT
DIR holds out.text out.json out.sarif out.junit out.csv out.ocsf out.html
out.asff of
one run.  Prints one line per disagreement; exits 1 when there is one.
"""
import csv
import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ET

SEVS = ["info", "low", "medium", "high", "critical"]
d, fail_on, exit_status = sys.argv[1], sys.argv[2], int(sys.argv[3])
problems = []


def say(where, what, got, want):
    problems.append("%s: %s: %r, JSON says %r" % (where, what, got, want))


def read(fmt):
    with open("%s/out.%s" % (d, fmt), encoding="utf-8", newline="") as f:
        return f.read()


# ---- the reference: JSON ----
doc = json.loads(read("json"))
inputs = []          # [{file, verdict, rules{rule: status}, blocking{rule: n}, findings, waived}]
for i in doc["inputs"]:
    e = {"file": i["file"], "verdict": i["verdict"], "rules": {}, "blocking": {},
         "findings": 0, "waived": 0, "severity": {}}
    for r in i.get("results", []):
        e["rules"][r["rule"]] = r["status"]
        e["blocking"][r["rule"]] = r["blocking"]
        e["severity"][r["rule"]] = r["severity"]
        e["findings"] += r["findings"]
        e["waived"] += r["waived"]
    if i["verdict"] != "error":
        assert e["findings"] == len(i["findings"])
    # findings that do not count only because the baseline has them
    e["unchanged"] = sum(1 for f in i.get("findings", [])
                         if f.get("baseline") == "unchanged" and
                         (f["waiver"] is None or f["waiver"]["status"] != "applied"))
    inputs.append(e)
summ = doc["summary"]
run_verdict = summ["verdict"]
want_exit = {"pass": 0, "fail": 1, "error": 3}[run_verdict]
if exit_status != want_exit:
    say("exit status", "run", exit_status, run_verdict)
# the JSON agrees with itself: summary from the inputs, verdicts from statuses
for e in inputs:
    if e["verdict"] != "error":
        v = "fail" if any(n > 0 for n in e["blocking"].values()) else "pass"
        if v != e["verdict"]:
            say("json", "verdict of " + e["file"], e["verdict"], v)
derived = ("error" if any(e["verdict"] == "error" for e in inputs) else
           "fail" if any(e["verdict"] == "fail" for e in inputs) else "pass")
if derived != run_verdict:
    say("json", "summary verdict against the inputs", run_verdict, derived)
if summ["findings"] != sum(e["findings"] for e in inputs):
    say("json", "summary findings", summ["findings"], sum(e["findings"] for e in inputs))
if summ["waived"] != sum(e["waived"] for e in inputs):
    say("json", "summary waived", summ["waived"], sum(e["waived"] for e in inputs))
blocking = sum(sum(e["blocking"].values()) for e in inputs)
if summ["blocking"] != blocking:
    say("json", "summary blocking", summ["blocking"], blocking)
audited = [e for e in inputs if e["verdict"] != "error"]


def counts(e):
    """(findings, waived, below, unchanged) as the verdict wording states
    them: below --fail-on, and unchanged since the baseline (not waived),
    the two kinds of findings that do not count, told apart."""
    below = e["findings"] - e["waived"] - sum(e["blocking"].values()) - e["unchanged"]
    return (e["findings"], e["waived"], below, e["unchanged"])


def words_counts(s):
    """The same four numbers read from '(11 findings, 3 waived, 2 below
    --fail-on high, 4 unchanged since the baseline)'."""
    n = re.search(r"(\d+) findings?", s)
    w = re.search(r"(\d+) waived", s)
    b = re.search(r"(\d+) below --fail-on (\w+)", s)
    u = re.search(r"(\d+) unchanged since the baseline", s)
    if b and b.group(2) != fail_on:
        problems.append("threshold named %s, run with %s" % (b.group(2), fail_on))
    return tuple(int(m.group(1)) if m else 0 for m in (n, w, b, u))


# ---- text ----
text = read("text")
blocks = re.split(r"\n(?=\S)", text)
tin = []
for b in blocks:
    m = re.search(r"^  verdict: (\w+)(.*)$", b, re.M)
    if not m:
        continue
    rules = {}
    for h in re.finditer(r"^  (FAIL|WARN|WAIVED) \w+ +([a-z0-9-]+): control not met: ", b, re.M):
        rules[h.group(2)] = {"FAIL": "fail", "WARN": "fail", "WAIVED": "waived"}[h.group(1)]
    res = re.search(r"^  (passed: .*|not evaluated: .*)$", b, re.M)
    if res:
        line = res.group(1)
        k = line.find("not evaluated: ")
        passed, notev = (line[:k], line[k:]) if k >= 0 else (line, "")
        for part, st in ((passed, "pass"), (notev, "not_evaluated")):
            for rid in re.findall(r"(?:: |, )([a-z0-9-]+)(?=,|;| \(|$)", part):
                rules[rid] = st
    tin.append((m.group(1).lower(), words_counts(m.group(2)), rules, b))
if len(tin) != len(inputs):
    say("text", "inputs", len(tin), len(inputs))
for (v, c, rules, b), e in zip(tin, inputs):
    if v != e["verdict"]:
        say("text", "verdict of " + e["file"], v, e["verdict"])
    if e["verdict"] != "error":
        if c != counts(e):
            say("text", "counts of " + e["file"], c, counts(e))
        if rules != e["rules"]:
            say("text", "rule statuses of " + e["file"], rules, e["rules"])
        for rid, n in e["blocking"].items():
            word = re.search(r"^  (\w+) \w+ +%s: " % re.escape(rid), b, re.M)
            if n > 0 and (not word or word.group(1) != "FAIL"):
                say("text", rid + " counts but is not FAIL", word and word.group(1), n)
            if n == 0 and word and word.group(1) == "FAIL":
                say("text", rid + " does not count but reads FAIL", "FAIL", n)
# (the legend of the per-account table names the word to explain it)
if exit_status == 0 and re.search(r"\bFAIL\b", re.sub(
        r"(?m)^worst status per account \(.*$", "", text)):
    problems.append("text: exit 0 but FAIL is shown")

# ---- SARIF ----
sarif = json.loads(read("sarif"))
run = sarif["runs"][0]
arts = run["artifacts"]
if len(arts) != len(inputs):
    say("sarif", "artifacts", len(arts), len(inputs))
for a, e in zip(arts, inputs):
    p = a["properties"]
    v = p.get("verdict", "error" if p["status"] == "error" else None)
    if v != e["verdict"]:
        say("sarif", "verdict of " + e["file"], v, e["verdict"])
    st = {r["rule"]: r["status"] for r in p.get("results", [])}
    if st != e["rules"]:
        say("sarif", "rule statuses of " + e["file"], st, e["rules"])
props = run["invocations"][0]["properties"]
for k in ("inputs", "audited", "errors", "findings", "waived"):
    if props[k] != summ[k]:
        say("sarif", "invocation " + k, props[k], summ[k])
present = [r for r in run["results"] if r.get("baselineState") != "absent"]
if len(present) != summ["findings"]:
    say("sarif", "results", len(present), summ["findings"])

# ---- the baseline (--baseline): states per finding, resolved findings ----
base = doc.get("baseline")
if base is not None:
    states = [f.get("baseline") for i in doc["inputs"] for f in i.get("findings", [])]
    for st in ("new", "unchanged"):
        if states.count(st) != base[st]:
            say("json", "findings " + st, states.count(st), base[st])
        n = sum(1 for r in present if r.get("baselineState") == st)
        if n != base[st]:
            say("sarif", "baselineState " + st, n, base[st])
        n = len(re.findall(r"^    line \d+  .*  \[%s\]$" % st, text, re.M))
        if n != base[st]:
            say("text", "findings marked [%s]" % st, n, base[st])
    absent = len(run["results"]) - len(present)
    if absent != len(base["resolved"]):
        say("sarif", "baselineState absent", absent, len(base["resolved"]))
    m = re.search(r"^resolved since the baseline: (\d+) findings?$", text, re.M)
    if not m or int(m.group(1)) != len(base["resolved"]):
        say("text", "resolved", m and m.group(1), len(base["resolved"]))
    blocking_new = sum(1 for i in doc["inputs"] for f in i.get("findings", [])
                       if f.get("baseline") == "new" and
                       SEVS.index(f["severity"]) >= SEVS.index(fail_on) and
                       (f["waiver"] is None or f["waiver"]["status"] != "applied"))
    if blocking_new != summ["blocking"]:
        say("json", "blocking is the new findings that count", summ["blocking"], blocking_new)
elif any("baselineState" in r for r in run["results"]):
    problems.append("sarif: baselineState without a baseline")
supp = sum(1 for r in run["results"] if r.get("suppressions"))
if supp != summ["waived"]:
    say("sarif", "suppressed results", supp, summ["waived"])
if run["invocations"][0]["executionSuccessful"] != (summ["errors"] == 0):
    say("sarif", "executionSuccessful", run["invocations"][0]["executionSuccessful"],
        summ["errors"] == 0)

# ---- JUnit ----
root = ET.fromstring(read("junit"))
suites = root.findall("testsuite")
if len(suites) != len(inputs):
    say("junit", "testsuites", len(suites), len(inputs))
for s, e in zip(suites, inputs):
    pr = {p.get("name"): p.get("value") for p in s.find("properties")}
    if pr.get("verdict") != e["verdict"]:
        say("junit", "verdict of " + e["file"], pr.get("verdict"), e["verdict"])
    if e["verdict"] == "error":
        if s.get("errors") != "1" or s.find("testcase/error") is None:
            say("junit", "error of " + e["file"], s.get("errors"), "1")
        continue
    counting = sorted(r for r, n in e["blocking"].items() if n > 0)
    failing = sorted(t.get("name") for t in s.findall("testcase")
                     if t.find("failure") is not None)
    if failing != counting:
        say("junit", "failures of " + e["file"], failing, counting)
    if int(s.get("failures")) != len(counting):
        say("junit", "failures= of " + e["file"], s.get("failures"), len(counting))
    st = {}
    for t in s.findall("testcase"):
        out = t.find("system-out")
        if t.find("failure") is not None:
            st[t.get("name")] = "fail"
        elif t.find("skipped") is not None:
            st[t.get("name")] = "not_evaluated"
        elif out is not None and out.text.startswith("all findings waived"):
            st[t.get("name")] = "waived"
        elif out is not None and "below --fail-on" in out.text.split("\n")[0]:
            st[t.get("name")] = "fail"
        else:
            st[t.get("name")] = "pass"
    if st != e["rules"]:
        say("junit", "rule statuses of " + e["file"], st, e["rules"])
if exit_status == 0 and root.find(".//failure") is not None:
    problems.append("junit: exit 0 but a failure is shown")

# ---- CSV and OCSF: one row or line per finding; the verdict follows from
# the severity of the findings not waived against --fail-on ----
def from_findings(rows, where):
    """rows: (file, rule, severity, waived: bool) per finding, plus result
    rows (file, rule, status) and error files: compared per input."""
    per = {}
    for f, rule, sev, waived, unchanged in rows:
        x = per.setdefault(f, {"rules": {}, "findings": 0, "waived": 0, "blocking": 0})
        x["findings"] += 1
        x["waived"] += waived
        x["blocking"] += ((not waived) and not unchanged and
                          SEVS.index(sev) >= SEVS.index(fail_on))
        st = x["rules"].get(rule)
        x["rules"][rule] = "fail" if not waived or st == "fail" else "waived"
    return per


rows = list(csv.reader(read("csv").splitlines()))
head, rows = rows[0], rows[1:]
col = {h: i for i, h in enumerate(head)}
finds, other, errors = [], {}, set()
for r in rows:
    st = r[col["status"]]
    f = r[col["file"]]
    if st == "error":
        errors.add(f)
    elif st in ("fail", "waived", "unchanged"):
        finds.append((f, r[col["rule"]], r[col["severity"]], st == "waived",
                      st == "unchanged"))
    else:
        other.setdefault(f, {})[r[col["rule"]]] = st
per = from_findings(finds, "csv")
for e in inputs:
    f = e["file"]
    if e["verdict"] == "error":
        if f not in errors:
            say("csv", "error row of " + f, None, "error")
        continue
    x = per.get(f, {"rules": {}, "findings": 0, "waived": 0, "blocking": 0})
    st = dict(other.get(f, {}), **x["rules"])
    v = "fail" if x["blocking"] else "pass"
    if st != e["rules"]:
        say("csv", "rule statuses of " + f, st, e["rules"])
    if v != e["verdict"]:
        say("csv", "verdict of " + f, v, e["verdict"])
    if (x["findings"], x["waived"]) != (e["findings"], e["waived"]):
        say("csv", "counts of " + f, (x["findings"], x["waived"]), (e["findings"], e["waived"]))

finds, ocsf_rules, ocsf_errors = [], {}, set()
for line in read("ocsf").splitlines():
    o = json.loads(line)
    u = o["unmapped"]["credaudit"]
    if o["class_uid"] == 2003 and o["compliance"]["status_code"] == "error":
        ocsf_errors.add(u["file"])
    elif o["class_uid"] == 2003:
        ocsf_rules.setdefault(u["file"], {})[o["compliance"]["control"]] = u["status"]
    else:
        finds.append((u["file"], o["finding_info"]["analytic"]["uid"], u["severity"],
                      o["status"] == "Suppressed", u.get("baseline") == "unchanged"))
per = from_findings(finds, "ocsf")
for e in inputs:
    if e["verdict"] == "error" and e["file"] not in ocsf_errors:
        say("ocsf", "error event of " + e["file"], None, "error")
    if e["verdict"] != "error" and ocsf_rules.get(e["file"]) != e["rules"]:
        say("ocsf", "compliance statuses of " + e["file"], ocsf_rules.get(e["file"]), e["rules"])
for e in audited:
    x = per.get(e["file"], {"rules": {}, "findings": 0, "waived": 0, "blocking": 0})
    want = {r: s for r, s in e["rules"].items() if s in ("fail", "waived")}
    if x["rules"] != want:
        say("ocsf", "statuses of rules with findings of " + e["file"], x["rules"], want)
    if ("fail" if x["blocking"] else "pass") != e["verdict"]:
        say("ocsf", "verdict of " + e["file"], x["blocking"], e["verdict"])
    if (x["findings"], x["waived"]) != (e["findings"], e["waived"]):
        say("ocsf", "counts of " + e["file"], (x["findings"], x["waived"]),
            (e["findings"], e["waived"]))


# ---- ASFF: FAILED per finding (SUPPRESSED when waived), PASSED or
# NOT_AVAILABLE per rule without findings; inputs in error left out ----
asff_in = {}
for f in json.loads(read("asff")):
    p = f["ProductFields"]
    x = asff_in.setdefault(p["credaudit/file"], {"rules": {}, "findings": 0, "waived": 0})
    rule = p["credaudit/rule"]
    st = f["Compliance"]["Status"]
    if st == "FAILED":
        waived = f["Workflow"]["Status"] == "SUPPRESSED"
        x["findings"] += 1
        x["waived"] += waived
        x["rules"][rule] = "fail" if not waived or x["rules"].get(rule) == "fail" else "waived"
    else:
        x["rules"][rule] = {"PASSED": "pass", "NOT_AVAILABLE": "not_evaluated"}[st]
for e in inputs:
    x = asff_in.get(e["file"])
    if e["verdict"] == "error":
        if x is not None:
            say("asff", "findings of an input in error " + e["file"], x, None)
        continue
    if x is None:
        continue  # an account id ASFF cannot carry (not 12 digits)
    if x["rules"] != e["rules"]:
        say("asff", "rule statuses of " + e["file"], x["rules"], e["rules"])
    if (x["findings"], x["waived"]) != (e["findings"], e["waived"]):
        say("asff", "counts of " + e["file"], (x["findings"], x["waived"]),
            (e["findings"], e["waived"]))


# ---- HTML ----
class Cells(html.parser.HTMLParser):
    """The text of every <p> and table cell, and rows by table heading."""

    def __init__(self):
        super().__init__()
        self.stack, self.paras, self.rows, self.h3, self.cur = [], [], [], "", None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "td", "h3", "h2"):
            self.stack.append((tag, dict(attrs), len(self.text)))
        if tag == "tr":
            self.cur = []

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1][0] == tag:
            t, attrs, start = self.stack.pop()
            s = self.text[start:]
            if t == "p":
                self.paras.append((attrs, s))
            elif t == "h3":
                self.h3 = s
            elif t == "td" and self.cur is not None:
                self.cur.append(s)
        if tag == "tr" and self.cur:
            self.rows.append((self.h3, self.cur))
            self.cur = None

    def handle_data(self, data):
        self.text += data


page = Cells()
page.feed(read("html"))
head = [s for a, s in page.paras if a.get("id") == "verdict"]
m = re.match(r"Verdict: (\w+) \u2014 (.*)", head[0]) if head else None
if not m:
    problems.append("html: no headline verdict")
else:
    if m.group(1).lower() != run_verdict:
        say("html", "headline verdict", m.group(1), run_verdict)
    hc = words_counts(m.group(2))
    unchanged = sum(e["unchanged"] for e in inputs)
    want = (summ["findings"], summ["waived"],
            summ["findings"] - summ["waived"] - summ["blocking"] - unchanged, unchanged)
    if hc != want:
        say("html", "headline counts", hc, want)
rows_in = [c for h, c in page.rows if h == "Inputs"]
if len(rows_in) != len(inputs):
    say("html", "Inputs rows", len(rows_in), len(inputs))
for c, e in zip(rows_in, inputs):
    v = c[3].split(" ")[0].lower()
    if v != e["verdict"]:
        say("html", "Inputs verdict of " + e["file"], c[3], e["verdict"])
    if e["verdict"] != "error" and words_counts(c[3]) != counts(e):
        say("html", "Inputs counts of " + e["file"], c[3], counts(e))
sections = [s for a, s in page.paras if a.get("class") == "verdict"]
if len(sections) != len(audited):
    say("html", "per-input verdicts", len(sections), len(audited))
for s, e in zip(sections, audited):
    if s.split(" ")[0].lower() != e["verdict"] or words_counts(s) != counts(e):
        say("html", "section verdict of " + e["file"], s, (e["verdict"], counts(e)))
# the rule table: a rule's outcome over the run
for h, c in page.rows:
    if h != "Verdict per rule":
        continue
    rid, word = c[0], c[-6]
    sts = [(e["rules"].get(rid), e["blocking"].get(rid, 0)) for e in audited]
    want = ("FAIL" if any(n > 0 for s, n in sts) else
            "WARN" if any(s == "fail" for s, n in sts) else
            "WAIVED" if any(s == "waived" for s, n in sts) else
            "NOT EVALUATED" if any(s == "not_evaluated" for s, n in sts) else
            "PASS" if any(s == "pass" for s, n in sts) else
            "not selected")
    if word != want:
        say("html", "rule table verdict of " + rid, word, want)
    # the run's verdict of a rule is the worst of the accounts' worst
    rank = ["pass", "not_evaluated", "waived", "fail"]
    worst = [a["worst"][rid] for a in doc["summary"].get("accounts", [])
             if rid in a.get("worst", {})]
    if worst:
        w = max(worst, key=rank.index)
        as_html = {"fail": ("FAIL", "WARN"), "waived": ("WAIVED",),
                   "not_evaluated": ("NOT EVALUATED",), "pass": ("PASS",)}[w]
        if word not in as_html:
            say("html", "rule table verdict of %s against the accounts' worst" % rid,
                word, w)
    if want == "WAIVED" and "PASS" in c:
        problems.append("html: waived rule %s reads PASS" % rid)
if exit_status == 0 and re.search(r">FAIL<|Verdict: FAIL", read("html")):
    problems.append("html: exit 0 but FAIL is shown")

for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
