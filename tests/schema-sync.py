#!/usr/bin/env python3
"""schema-sync.py — the JSON Schema and the XSD describe one report: every
named type of the XSD is a $defs entry of the JSON Schema with the same
codes (enumerations, patterns), and every element or attribute name of the
XSD is a property of the JSON Schema, and the reverse, but for the names
that only one form has (listed below with why).
Usage: schema-sync.py XSD JSON_SCHEMA; prints "N passed, N failed"."""
import json
import sys
import xml.etree.ElementTree as ET

XS = "{http://www.w3.org/2001/XMLSchema}"

# Names only the XML form has: the root, list elements (JSON arrays hold
# objects without a name), the elements and attributes that carry a code
# JSON uses as a key, and the root's version attribute.
XML_ONLY = {"report", "section", "item", "row", "group", "value", "check", "diagnostic", "cell",
            "code", "measure", "column", "result", "version"}
# Names only the JSON form has: text content in XML (a diagnostic's
# message, a provenance cell's raw text).
JSON_ONLY = {"message", "raw"}


def xsd_parts(path):
    root = ET.parse(path).getroot()
    types, names = {}, set()
    for st in root.iter(XS + "simpleType"):
        name = st.get("name")
        if not name:
            continue
        enums = {e.get("value") for e in st.iter(XS + "enumeration")}
        patterns = {p.get("value") for p in st.iter(XS + "pattern")}
        union = st.find(XS + "union")
        members = set(union.get("memberTypes").replace("g:", "").split()) if union is not None else set()
        types[name] = (enums, patterns, members)
    for tag in ("element", "attribute"):
        for e in root.iter(XS + tag):
            if e.get("name"):
                names.add(e.get("name"))
    return types, names


def json_parts(path):
    schema = json.load(open(path, encoding="utf-8"))
    types = {}
    for name, d in schema.get("$defs", {}).items():
        enums = set(d.get("enum", []))
        patterns = {d["pattern"].strip("^$")} if "pattern" in d else set()
        members = {a["$ref"].split("/")[-1] for a in d.get("anyOf", []) if "$ref" in a}
        types[name] = (enums, patterns, members)
    names = set()

    def walk(node):
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                names.add(key)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk({k: v for k, v in schema.items() if k != "$defs"})
    return types, names


def main():
    xt, xn = xsd_parts(sys.argv[1])
    jt, jn = json_parts(sys.argv[2])
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what)
        passed, failed = passed + ok, failed + (not ok)

    for name in sorted(set(xt) | set(jt)):
        if name not in jt or name not in xt:
            check(False, f"type {name}: only in the {'XSD' if name in xt else 'JSON Schema'}")
            continue
        same = xt[name] == jt[name]
        diff = "" if same else f": XSD {sorted(map(sorted, xt[name]))} JSON {sorted(map(sorted, jt[name]))}"
        check(same, f"type {name}: same codes{diff}")
    only_xml = xn - jn - XML_ONLY
    only_json = jn - xn - JSON_ONLY
    check(not only_xml, f"every XSD element and attribute is a JSON property{': missing ' + str(sorted(only_xml)) if only_xml else ''}")
    check(not only_json, f"every JSON property is in the XSD{': missing ' + str(sorted(only_json)) if only_json else ''}")
    stale = (XML_ONLY - xn) | (JSON_ONLY - jn)
    check(not stale, f"the exceptions are all in use{': not found ' + str(sorted(stale)) if stale else ''}")
    print(f"schema sync: {passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
