"""Check credaudit -f asff output against the AWS Security Finding Format
(ASFF, SchemaVersion 2018-10-08) as documented for BatchImportFindings
(test/asff.sh): required fields, types, length limits, enums.

usage: asff_check.py [--unique] FILE
--unique: Ids are unique within each input (not so when a report holds two
rows of one user: their findings share the Id).
Prints one line per problem; exits 1 when there is one.
"""
import json
import re
import sys

problems = []
REQUIRED = ["SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId",
            "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description",
            "Resources"]
TOP = set(REQUIRED) | {"ProductName", "CompanyName", "Compliance", "Remediation",
                       "Workflow", "RecordState", "ProductFields", "Note"}
SEV = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
COMPLIANCE = {"PASSED", "WARNING", "FAILED", "NOT_AVAILABLE"}
WORKFLOW = {"NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
TYPE = re.compile(r"^[^/]+(/[^/]+){0,2}$")


def bad(where, what):
    problems.append("%s: %s" % (where, what))


def text(where, v, maxlen, minlen=1):
    if not isinstance(v, str):
        bad(where, "not a string")
    elif not minlen <= len(v) <= maxlen:
        bad(where, "length %d outside %d..%d" % (len(v), minlen, maxlen))
    elif any(ord(c) < 0x20 or ord(c) == 0x7f for c in v):
        bad(where, "control character")


def check(f, w):
    if not isinstance(f, dict):
        return bad(w, "not an object")
    for k in REQUIRED:
        if k not in f:
            bad(w, "required field %s missing" % k)
    for k in f:
        if k not in TOP:
            bad(w, "field %s not expected" % k)
    if f.get("SchemaVersion") != "2018-10-08":
        bad(w, "SchemaVersion %r" % f.get("SchemaVersion"))
    text(w + ".Id", f.get("Id"), 512)
    text(w + ".GeneratorId", f.get("GeneratorId"), 512)
    acct = f.get("AwsAccountId")
    if not (isinstance(acct, str) and re.fullmatch(r"\d{12}", acct)):
        bad(w + ".AwsAccountId", "not 12 digits: %r" % (acct,))
    pa = f.get("ProductArn")
    m = isinstance(pa, str) and re.fullmatch(
        r"arn:(aws|aws-us-gov|aws-cn):securityhub:([a-z0-9-]+):(\d{12}):product/(\d{12})/default", pa)
    if not m or m.group(3) != acct or m.group(4) != acct:
        bad(w + ".ProductArn", "%r is not arn:PARTITION:securityhub:REGION:ACCOUNT:product/ACCOUNT/default" % (pa,))
    types = f.get("Types")
    if not isinstance(types, list) or not 1 <= len(types) <= 50:
        bad(w + ".Types", "not a list of 1..50")
    else:
        for t in types:
            if not isinstance(t, str) or not TYPE.match(t):
                bad(w + ".Types", "%r is not namespace/category/classifier" % (t,))
    for k in ("CreatedAt", "UpdatedAt"):
        if not (isinstance(f.get(k), str) and ISO.match(f[k])):
            bad(w + "." + k, "not an ISO 8601 UTC time: %r" % (f.get(k),))
    sev = f.get("Severity")
    if not isinstance(sev, dict) or sev.get("Label") not in SEV:
        bad(w + ".Severity", "Label %r" % (sev,))
    text(w + ".Title", f.get("Title"), 256)
    text(w + ".Description", f.get("Description"), 1024)
    res = f.get("Resources")
    if not isinstance(res, list) or not 1 <= len(res) <= 32:
        bad(w + ".Resources", "not a list of 1..32")
    else:
        for i, r in enumerate(res):
            rw = "%s.Resources[%d]" % (w, i)
            if not isinstance(r, dict):
                bad(rw, "not an object")
                continue
            if r.get("Type") not in ("AwsIamUser", "AwsAccount"):
                bad(rw, "Type %r" % r.get("Type"))
            text(rw + ".Id", r.get("Id"), 512)
            if r.get("Partition") not in ("aws", "aws-cn", "aws-us-gov"):
                bad(rw, "Partition %r" % r.get("Partition"))
            text(rw + ".Region", r.get("Region"), 16)
    c = f.get("Compliance")
    if c is not None:
        if c.get("Status") not in COMPLIANCE:
            bad(w + ".Compliance", "Status %r" % c.get("Status"))
        rr = c.get("RelatedRequirements", [])
        if not isinstance(rr, list) or len(rr) > 32:
            bad(w + ".Compliance", "RelatedRequirements not a list of at most 32")
        for x in rr if isinstance(rr, list) else []:
            text(w + ".Compliance.RelatedRequirements", x, 128)
    rem = f.get("Remediation")
    if rem is not None:
        text(w + ".Remediation.Recommendation.Text",
             rem.get("Recommendation", {}).get("Text"), 512)
    if "Workflow" in f and f["Workflow"].get("Status") not in WORKFLOW:
        bad(w + ".Workflow", "Status %r" % f["Workflow"])
    if f.get("RecordState", "ACTIVE") not in ("ACTIVE", "ARCHIVED"):
        bad(w + ".RecordState", repr(f.get("RecordState")))
    pf = f.get("ProductFields", {})
    if not isinstance(pf, dict) or len(pf) > 50:
        bad(w + ".ProductFields", "not a map of at most 50")
    else:
        for k, v in pf.items():
            text(w + ".ProductFields key", k, 128)
            text(w + ".ProductFields." + k, v, 2048, 0)
    if "Note" in f:
        n = f["Note"]
        text(w + ".Note.Text", n.get("Text"), 512)
        text(w + ".Note.UpdatedBy", n.get("UpdatedBy"), 512)
        if not ISO.match(str(n.get("UpdatedAt"))):
            bad(w + ".Note.UpdatedAt", "not ISO 8601")


unique = sys.argv[1] == "--unique"
if unique:
    del sys.argv[1]
with open(sys.argv[1], encoding="utf-8") as fh:
    raw = fh.read()
try:
    doc = json.loads(raw)
except ValueError as e:
    print("%s: not JSON: %s" % (sys.argv[1], e))
    sys.exit(1)
if not isinstance(doc, list):
    bad(sys.argv[1], "not a JSON array")
    doc = []
# Ids are stable per account, rule, principal and credential: two inputs of
# one account repeat them (Security Hub updates the finding); within the
# findings of one input they are unique.
seen = set()
for f in doc:
    if isinstance(f, dict):
        k = (f.get("ProductFields", {}).get("credaudit/file"), f.get("Id"))
        if k in seen and unique:
            bad(sys.argv[1], "Id %r twice for one input" % (k,))
        seen.add(k)
for i, f in enumerate(doc):
    check(f, "%s[%d]" % (sys.argv[1], i))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
