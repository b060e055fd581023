"""Validate JSON documents against docs/credaudit.schema.json (JSON Schema
draft 2020-12): python3 test/schemacheck.py SCHEMA MODE FILE...

MODE "audit": each FILE is a `credaudit --format json` document, checked
against the schema's root; "history": a `credaudit history --format json`
document, checked against $defs/history; "mutants": FILE is one audit
document (history when its name holds "history"; an audit with
--manifest, --baseline and skipped files of every kind when it holds
"evidence"), altered in many ways, each of which the schema must reject.  Prints one line per failure and
exits 1 on any; the schema itself is first checked against its metaschema.
"""
import copy
import json
import os
import sys

import jsonschema

schema_path, mode, files = sys.argv[1], sys.argv[2], sys.argv[3:]
schema = json.load(open(schema_path, encoding="utf-8"))
V = jsonschema.Draft202012Validator
V.check_schema(schema)
audit = V(schema)
history = V({"$ref": "#/$defs/history", "$defs": schema["$defs"]})
failed = 0


def fail(*what):
    global failed
    failed += 1
    print("FAIL:", *what)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


if mode in ("audit", "history"):
    v = audit if mode == "audit" else history
    for path in files:
        doc = load(path)
        errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        for e in errs[:3]:
            fail(path, "/".join(map(str, e.path)), e.message[:300])
        if mode == "audit" and doc.get("$schema") != schema["$id"]:
            fail(path, "$schema is not the schema's $id")
    print("validated %d %s documents" % (len(files), mode))
    sys.exit(1 if failed else 0)


def first(doc, *path):
    for p in path:
        doc = doc[p]
    return doc


def mutants_audit(doc):
    """(name, function altering a copy) pairs: each makes a document the
    format does not allow."""
    f0 = ("inputs", 0, "findings", 0)
    r0 = ("inputs", 0, "results", 0)
    return [
        ("unknown top-level member", lambda d: d.update(extra=1)),
        ("$schema of another document", lambda d: d.update({"$schema": "https://example.invalid/x"})),
        ("schema_version 3", lambda d: d.update(schema_version=3)),
        ("summary without verdict", lambda d: first(d, "summary").pop("verdict")),
        ("summary verdict 'ok'", lambda d: first(d, "summary").update(verdict="ok")),
        ("severity 'severe'", lambda d: first(d, *f0).update(severity="severe")),
        ("unknown rule id", lambda d: first(d, *f0).update(rule="root-everything")),
        ("unknown member in a finding", lambda d: first(d, *f0).update(score=9)),
        ("finding without message", lambda d: first(d, *f0).pop("message")),
        ("line 0", lambda d: first(d, *f0).update(line=0)),
        ("line as a string", lambda d: first(d, *f0).update(line="2")),
        ("credential 'token'", lambda d: first(d, *f0).update(credential="token")),
        ("evidence value a number", lambda d: first(d, *f0, "evidence").update(x=1)),
        ("waiver status 'ignored'", lambda d: first(d, *f0).update(
            waiver={"status": "ignored", "entry": 1, "justification": "j", "owner": None, "expires": None})),
        ("result status 'ok'", lambda d: first(d, *r0).update(status="ok")),
        ("negative count", lambda d: first(d, *r0).update(findings=-1)),
        ("audited input verdict 'error'", lambda d: first(d, "inputs", 0).update(verdict="error")),
        ("audited input without results", lambda d: first(d, "inputs", 0).pop("results")),
        ("as_of source 'guess'", lambda d: first(d, "inputs", 0, "as_of").update(source="guess")),
        ("as_of time not UTC", lambda d: first(d, "inputs", 0, "as_of").update(time="2024-06-01T00:00:00+02:00")),
        ("sha256 in upper case", lambda d: first(d, "inputs", 0, "evidence").update(
            sha256=first(d, "inputs", 0, "evidence", "sha256").upper())),
        ("container 'zip'", lambda d: first(d, "inputs", 0, "evidence").update(container="zip > csv")),
        ("error input verdict 'fail'", lambda d: first(d, "inputs", 1).update(verdict="fail")),
        ("error without message", lambda d: first(d, "inputs", 1, "error").pop("message")),
        ("fail_on 'severe'", lambda d: first(d, "options").update(fail_on="severe")),
        ("benchmark 'cis-9.9'", lambda d: d.update(benchmark="cis-9.9")),
        ("param not an integer", lambda d: first(d, "options", "params").update({"root-recent-use.days": "90"})),
        ("worst status 'bad'", lambda d: first(d, "summary", "accounts", 0, "worst").update({"root-mfa": "bad"})),
        ("by_severity without critical", lambda d: first(d, "summary", "by_severity").pop("critical")),
        ("tool named otherwise", lambda d: first(d, "tool").update(name="other")),
    ]


def skipped(doc, kind):
    """The first file of summary.skipped of that kind."""
    return next(f for f in doc["summary"]["skipped"]["files"] if f["kind"] == kind)


def finding_of(doc, state):
    """The first finding whose baseline state is state."""
    return next(f for i in doc["inputs"] for f in i.get("findings", [])
                if f.get("baseline") == state)


def mutants_evidence(doc):
    """The members added within version 2: summary.skipped's kinds and
    files, manifest, baseline, a finding's baseline state."""
    sk = ("summary", "skipped")
    r0 = ("baseline", "resolved", 0)

    def drop_all_baseline_states(d):
        for i in d["inputs"]:
            for f in i.get("findings", []):
                f.pop("baseline", None)

    def manifest_source(d):
        return next(i for i in d["inputs"] if i["as_of"]["source"] == "manifest")

    return [
        ("skipped without files", lambda d: first(d, *sk).pop("files")),
        ("skipped without not_report", lambda d: first(d, *sk).pop("not_report")),
        ("skipped count negative", lambda d: first(d, *sk).update(duplicate=-1)),
        ("skipped kind 'other'", lambda d: skipped(d, "name").update(kind="other")),
        ("skipped file with an unknown member", lambda d: skipped(d, "hidden").update(size=1)),
        ("skipped file without reason", lambda d: skipped(d, "not_report").pop("reason")),
        ("a duplicate without duplicate_of", lambda d: skipped(d, "duplicate").pop("duplicate_of")),
        ("a duplicate without sha256", lambda d: skipped(d, "duplicate").pop("sha256")),
        ("a file not read with a sha256", lambda d: skipped(d, "hidden").update(sha256="0" * 64)),
        ("duplicate_of on a file not a duplicate", lambda d: skipped(d, "not_report").update(
            duplicate_of="x.csv")),
        ("skipped sha256 too short", lambda d: skipped(d, "not_report").update(sha256="ab")),
        ("finding baseline 'old'", lambda d: finding_of(d, "new").update(baseline="old")),
        ("finding baseline 'absent'", lambda d: finding_of(d, "unchanged").update(baseline="absent")),
        ("a finding without its baseline state", lambda d: finding_of(d, "unchanged").pop("baseline")),
        ("baseline states without a baseline", lambda d: d.pop("baseline")),
        ("a baseline without baseline states", drop_all_baseline_states),
        ("baseline without resolved", lambda d: first(d, "baseline").pop("resolved")),
        ("baseline with an unknown member", lambda d: first(d, "baseline").update(waived=0)),
        ("baseline sha256 in upper case", lambda d: first(d, "baseline").update(
            sha256=first(d, "baseline", "sha256").upper())),
        ("baseline new negative", lambda d: first(d, "baseline").update(new=-1)),
        ("resolved rule unknown", lambda d: first(d, *r0).update(rule="root-everything")),
        ("resolved severity 'severe'", lambda d: first(d, *r0).update(severity="severe")),
        ("resolved without file", lambda d: first(d, *r0).pop("file")),
        ("resolved with line", lambda d: first(d, *r0).update(line=2)),
        ("resolved credential 'token'", lambda d: first(d, *r0).update(credential="token")),
        ("manifest without entries", lambda d: first(d, "manifest").pop("entries")),
        ("manifest entries a string", lambda d: first(d, "manifest").update(entries="2")),
        ("manifest with an unknown member", lambda d: first(d, "manifest").update(sha256="0" * 64)),
        ("as-of source manifest without a manifest", lambda d: d.pop("manifest")),
        ("as-of source 'register'", lambda d: manifest_source(d)["as_of"].update(source="register")),
        ("a member's chain with layer 'zip'", lambda d: next(
            i for i in d["inputs"] if " > m/" in (i["evidence"] or {}).get("container", ""))
            ["evidence"].update(container="ev.zip > m/01.csv > zip > csv")),
        ("a chain of member not named like a report", lambda d: first(d, "inputs", 0, "evidence").update(
            container="ev.zip > m/01.pdf > csv")),
    ]


def mutants_history(doc):
    a0 = ("accounts", 0)
    g0 = ("accounts", 0, "gap")
    rr0 = ("accounts", 0, "root_rules", 0)
    p0 = ("accounts", 0, "reports", 0)
    return [
        ("unknown top-level member", lambda d: d.update(extra=1)),
        ("schema_version 1", lambda d: d.update(schema_version=1)),
        ("gap_days 0", lambda d: first(d, "history").update(gap_days=0, gap_rule="gap_days")),
        ("gap_rule of other words", lambda d: first(d, "history").update(gap_rule="twice the median")),
        ("gap_days given, gap_rule derived", lambda d: first(d, "history").update(gap_days=7)),
        ("history without gap_rule", lambda d: first(d, "history").pop("gap_rule")),
        ("gap source 'guess'", lambda d: first(d, *g0).update(source="guess")),
        ("gap source gap_days without --gap-days", lambda d: first(d, *g0).update(source="gap_days")),
        ("median interval 0", lambda d: first(d, *g0).update(median_interval_seconds=0)),
        ("gap without threshold", lambda d: first(d, *g0).pop("threshold_seconds")),
        ("account without root_rules", lambda d: first(d, *a0).pop("root_rules")),
        ("account without duplicates", lambda d: first(d, *a0).pop("duplicates")),
        ("report_count 0", lambda d: first(d, *a0).update(report_count=0)),
        ("report_times a string", lambda d: first(d, *a0).update(report_times="6")),
        ("root rule of users", lambda d: first(d, *rr0).update(rule="user-console-without-mfa")),
        ("root rule severity 'severe'", lambda d: first(d, *rr0).update(severity="severe")),
        ("root rule without runs", lambda d: first(d, *rr0).pop("runs")),
        ("run status 'ok'", lambda d: first(d, *rr0, "runs", 0).update(status="ok")),
        ("run of 0 report times", lambda d: first(d, *rr0, "runs", 0).update(reports=0)),
        ("run time not UTC", lambda d: first(d, *rr0, "runs", 0).update(to="2024-01-01")),
        ("report without sha256", lambda d: first(d, *p0).pop("sha256")),
        ("report sha256 in upper case", lambda d: first(d, *p0).update(sha256=first(d, *p0, "sha256").upper())),
        ("report container 'zip'", lambda d: first(d, *p0).update(container="zip > csv")),
        ("report without duplicate_of", lambda d: first(d, *p0).pop("duplicate_of")),
        ("report duplicate_of a number", lambda d: first(d, *p0).update(duplicate_of=1)),
        ("report root rule status 'bad'", lambda d: first(d, *p0, "root_rules").update({"root-mfa": "bad"})),
        ("report status of a users rule", lambda d: first(d, *p0, "root_rules").update(
            {"two-active-keys": "pass"})),
        ("error without container", lambda d: first(d, "errors", 0).pop("container")),
        ("error sha256 not hex", lambda d: first(d, "errors", 0).update(sha256="z" * 64)),
        ("summary without duplicates", lambda d: first(d, "summary").pop("duplicates")),
        ("summary without accounts_with_root_failure", lambda d: first(d, "summary").pop(
            "accounts_with_root_failure")),
        ("event 'moved'", lambda d: first(d, *a0, "events", 0).update(event="moved")),
        ("interval end 'lost'", lambda d: first(d, *a0, "intervals", 0).update(end="lost")),
        ("credential access_key_3", lambda d: first(d, *a0, "intervals", 0).update(credential="access_key_3")),
        ("conflict of one file", lambda d: first(d, *a0, "conflicts", 0, "files").pop()),
        ("summary without conflicts", lambda d: first(d, "summary").pop("conflicts")),
        ("report without as_of", lambda d: first(d, *a0, "reports", 0).pop("as_of")),
    ]


doc = load(files[0])
name = os.path.basename(files[0])
is_history = "history" in name
v = history if is_history else audit
errs = list(v.iter_errors(doc))
if errs:
    fail(files[0], "the unaltered document is not valid:", errs[0].message[:200])
if is_history:
    muts = mutants_history(doc)
elif "evidence" in name:
    muts = mutants_evidence(doc)
else:
    muts = mutants_audit(doc)
for name, alter in muts:
    d = copy.deepcopy(doc)
    try:
        alter(d)
    except (KeyError, IndexError, TypeError, StopIteration) as e:
        fail("mutant", name, "does not apply to", files[0], repr(e))
        continue
    if v.is_valid(d):
        fail("the schema accepts a document with", name)
print("%d mutants of %s, each rejected unless named above" % (len(muts), files[0]))
sys.exit(1 if failed else 0)
