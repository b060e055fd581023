"""Validate JSON documents against docs/credaudit.schema.json (JSON Schema
draft 2020-12): python3 test/schemacheck.py SCHEMA MODE FILE...

MODE "audit": each FILE is a `credaudit --format json` document, checked
against the schema's root; "history": a `credaudit history --format json`
document, checked against $defs/history; "mutants": FILE is one audit
document (history when its name holds "history"), altered in many ways,
each of which the schema must reject.  Prints one line per failure and
exits 1 on any; the schema itself is first checked against its metaschema.
"""
import copy
import json
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


def mutants_history(doc):
    a0 = ("accounts", 0)
    return [
        ("unknown top-level member", lambda d: d.update(extra=1)),
        ("schema_version 2", lambda d: d.update(schema_version=2)),
        ("event 'moved'", lambda d: first(d, *a0, "events", 0).update(event="moved")),
        ("interval end 'lost'", lambda d: first(d, *a0, "intervals", 0).update(end="lost")),
        ("credential access_key_3", lambda d: first(d, *a0, "intervals", 0).update(credential="access_key_3")),
        ("conflict of one file", lambda d: first(d, *a0, "conflicts", 0, "files").pop()),
        ("summary without conflicts", lambda d: first(d, "summary").pop("conflicts")),
        ("report without as_of", lambda d: first(d, *a0, "reports", 0).pop("as_of")),
    ]


doc = load(files[0])
is_history = "history" in files[0]
v = history if is_history else audit
errs = list(v.iter_errors(doc))
if errs:
    fail(files[0], "the unaltered document is not valid:", errs[0].message[:200])
muts = mutants_history(doc) if is_history else mutants_audit(doc)
for name, alter in muts:
    d = copy.deepcopy(doc)
    try:
        alter(d)
    except (KeyError, IndexError, TypeError) as e:
        fail("mutant", name, "does not apply to", files[0], repr(e))
        continue
    if v.is_valid(d):
        fail("the schema accepts a document with", name)
print("%d mutants of %s, each rejected unless named above" % (len(muts), files[0]))
sys.exit(1 if failed else 0)
