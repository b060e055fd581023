"""Validate OCSF events against the schema extract in test/ocsf-schema
(test/ocsf.sh).

usage: ocsf_check.py SCHEMA_DIR FILE...
Each FILE holds one JSON event per line (credaudit -f ocsf).  The schema's
inheritance is resolved (extends, $include of profiles, attribute-level
profile), then each event is checked: class_uid, category_uid and type_uid
agree (type_uid = class_uid * 100 + activity_id), every required attribute
is present (also of the profiles named in metadata.profiles), every
attribute is known to its class or object (profile attributes only when the
profile is named), values have their dictionary type (string, integer,
long, timestamp, boolean, object, array) and enum values are defined, with
their caption in the sibling name where one is given.  Prints one line per
problem; exits 1 when there is one.
"""
import json
import os
import sys

d = sys.argv[1]
problems = []


def load(rel):
    with open(os.path.join(d, rel), encoding="utf-8") as f:
        return json.load(f)


DICT = load("dictionary.json")["attributes"]
TYPES = {"string_t": str, "resource_uid_t": str}
PROFILES = {n[:-5] for n in os.listdir(os.path.join(d, "profiles"))}


def merge(base, spec):
    """spec over base; an enum given by a class replaces the class-level
    one above it but keeps the dictionary's (Unknown 0, Other 99)."""
    out = dict(base)
    for k, v in spec.items():
        if k == "enum":
            out["enum"] = dict(out.get("_dict_enum", {}), **v)
        else:
            out[k] = v
    return out


def attrs_of(spec, kind):
    """The resolved attributes of a class or object file (a dict name ->
    merged spec)."""
    parent = spec.get("extends")
    if parent:
        attrs = resolve(parent, kind)
    else:
        attrs = {}
    attrs = {k: dict(v) for k, v in attrs.items()}
    own = spec.get("attributes", {})
    for inc in own.get("$include", []):
        prof = load(inc)
        for k, v in prof["attributes"].items():
            attrs[k] = merge(attrs.get(k, base_of(k)), dict(v, profile=prof["name"]))
    for k, v in own.items():
        if k != "$include":
            attrs[k] = merge(attrs.get(k, base_of(k)), v)
    return attrs


def base_of(name):
    if name not in DICT:
        problems.append("schema: %s is not in the dictionary" % name)
        return {}
    b = dict(DICT[name])
    b["_dict_enum"] = b.get("enum", {})
    return b


cache = {}


def resolve(name, kind):
    key = (kind, name)
    if key not in cache:
        if kind == "object":
            spec = load("objects/%s.json" % name)
        elif name == "base_event":
            spec = load("events/base_event.json")
        else:
            spec = load("events/findings/%s.json" % name)
        cache[key] = attrs_of(spec, kind)
        cache[key + ("constraints",)] = spec.get("constraints", {})
    return cache[key]


CATEGORIES = {"findings": 2}
CLASSES = {}
for fn in ("detection_finding", "compliance_finding"):
    spec = load("events/findings/%s.json" % fn)
    cat = load("events/findings/finding.json")["category"]
    CLASSES[CATEGORIES[cat] * 1000 + spec["uid"]] = (fn, spec["caption"], CATEGORIES[cat])
OBJECTS = {n[:-5] for n in os.listdir(os.path.join(d, "objects"))}


def bad(path, what):
    problems.append("%s: %s" % (path, what))


def check_value(v, spec, path, profiles):
    t = spec.get("type")
    if t in ("string_t", "resource_uid_t"):
        ok = isinstance(v, str)
    elif t == "integer_t":
        ok = isinstance(v, int) and not isinstance(v, bool) and -2**31 <= v < 2**31
    elif t in ("long_t", "timestamp_t"):
        ok = isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63
        if ok and t == "timestamp_t" and v < 0:
            ok = False
    elif t == "boolean_t":
        ok = isinstance(v, bool)
    elif t == "json_t":
        ok = True
    elif t == "object":
        ok = isinstance(v, dict)
    elif t in OBJECTS:
        if not isinstance(v, dict):
            ok = False
        else:
            check_object(v, resolve(t, "object"), cache[("object", t, "constraints")],
                         path, profiles)
            return
    else:
        bad(path, "type %s is not in the schema extract" % t)
        return
    if not ok:
        bad(path, "%r is not of type %s" % (v, t))
    elif "enum" in spec and str(v) not in spec["enum"]:
        bad(path, "%r is not a value of its enum" % (v,))


def check_object(o, attrs, constraints, path, profiles):
    for k, spec in attrs.items():
        active = spec.get("profile") in (None, *profiles)
        if spec.get("requirement") == "required" and active and k not in o:
            bad(path, "required attribute %s missing" % k)
    for k, v in o.items():
        p = "%s.%s" % (path, k)
        spec = attrs.get(k)
        if spec is None:
            bad(p, "unknown attribute")
            continue
        if spec.get("profile") not in (None, *profiles):
            bad(p, "attribute of profile %s, not in metadata.profiles" % spec["profile"])
            continue
        if v is None:
            bad(p, "null (leave the attribute out instead)")
        elif spec.get("is_array"):
            if not isinstance(v, list):
                bad(p, "not an array")
            else:
                for i, x in enumerate(v):
                    check_value(x, spec, "%s[%d]" % (p, i), profiles)
        else:
            check_value(v, spec, p, profiles)
        sib = {"status_id": "status", "severity_id": "severity", "type_id": "type",
               "activity_id": "activity_name"}.get(k)
        if sib and sib in o and isinstance(v, int) and "enum" in spec and v != 99:
            cap = spec["enum"].get(str(v), {}).get("caption")
            if cap is not None and o[sib] != cap:
                bad(p, "%s %r is not the caption %r of %d" % (sib, o[sib], cap, v))
    for k in ("at_least_one",):
        if k in constraints and not any(a in o for a in constraints[k]):
            bad(path, "needs at least one of %s" % ", ".join(constraints[k]))


def check_event(ev, where):
    if not isinstance(ev, dict):
        bad(where, "not an object")
        return
    cu = ev.get("class_uid")
    if cu not in CLASSES:
        bad(where, "class_uid %r is not a class of the extract" % (cu,))
        return
    name, caption, cat = CLASSES[cu]
    if ev.get("category_uid") != cat:
        bad(where, "category_uid %r, class %d is in category %d" % (ev.get("category_uid"), cu, cat))
    if ev.get("class_name", caption) != caption:
        bad(where, "class_name %r is not %r" % (ev.get("class_name"), caption))
    act = ev.get("activity_id")
    if isinstance(act, int) and ev.get("type_uid") != cu * 100 + act:
        bad(where, "type_uid %r is not class_uid * 100 + activity_id" % (ev.get("type_uid"),))
    attrs = resolve(name, "class")
    acap = attrs["activity_id"].get("enum", {}).get(str(act), {}).get("caption")
    if "type_name" in ev and ev["type_name"] != "%s: %s" % (caption, acap):
        bad(where, "type_name %r" % ev["type_name"])
    profiles = ev.get("metadata", {}).get("profiles", []) if isinstance(ev.get("metadata"), dict) else []
    for p in profiles if isinstance(profiles, list) else []:
        if p not in PROFILES:
            bad(where, "profile %r is not in the extract" % p)
    check_object(ev, attrs, {}, where, tuple(p for p in profiles if isinstance(p, str)))


n = 0
for fn in sys.argv[2:]:
    with open(fn, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                ev = json.loads(line)
            except ValueError as e:
                bad("%s:%d" % (fn, i), "not JSON: %s" % e)
                continue
            check_event(ev, "%s:%d" % (fn, i))
            n += 1
for p in problems:
    print(p)
if not problems and n == 0:
    print("no event to check")
    sys.exit(1)
sys.exit(1 if problems else 0)
