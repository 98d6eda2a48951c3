#!/usr/bin/env python3
"""analyst.py — checks of the analyst formats that need a CSV and JSON
reader, one subcommand each; each prints "ok …" or "FAIL …" lines and
exits 1 on a failure.  Run by tests/run-analyst.sh."""
import csv
import io
import json
import re
import sys

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(path, bom=False):
    data = open(path, "rb").read()
    if bom != data.startswith(b"\xef\xbb\xbf"):
        raise SystemExit(f"FAIL {path}: BOM {'missing' if bom else 'unexpected'}")
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def json_leaves(doc):
    """(table, row, column) → value for every table cell of a report."""
    out = {}
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        for row, cols in (doc.get(table) or {}).items():
            for col, v in cols.items():
                if col != "label":
                    out[(table, row, col)] = v
    return out


def clean(s):
    """Text as CSV and XML carry it: controls as U+FFFD (parser/textout.c)."""
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7f <= ord(c) <= 0x9f
                   or c in "\ufffe\uffff" else c for c in s)


def number(s):
    return None if s == "" else float(s)


def long_vs_wide(wide_csv, long_csv, jsonl):
    """Every long line is a value of the report: equal to the wide CSV's
    column of that name (when it has one) and to the JSON; every JSON value
    has its line; per report and table, the sums agree."""
    wide = {r["source.path"]: r for r in read_csv(wide_csv)}
    docs = {}
    for line in open(jsonl, encoding="utf-8"):
        d = json.loads(line)
        docs[d["source"]["path"]] = d
    lines = {}
    for r in read_csv(long_csv):
        lines.setdefault(r["source.path"], []).append(r)
    bad = 0
    checked = extras = 0
    for path, doc in docs.items():
        leaves = json_leaves(doc)
        got = {(r["table"], r["row"], r["column"]): r for r in lines.get(path, [])}
        problems = []
        if len(got) != len(lines.get(path, [])):
            problems.append("a value twice")
        if set(got) != set(leaves):
            problems.append(f"cells {sorted(set(got) ^ set(leaves))[:3]} in one form only")
        sums_long, sums_wide = {}, {}
        for key, r in got.items():
            table, row, col = key
            v = number(r["value"])
            j = leaves.get(key)
            if (v is None) != (j is None) or (v is not None and v != j):
                problems.append(f"{'.'.join(key)}: long {r['value']!r}, JSON {j!r}")
            if (r["agency"], r["year"], r["template"]) != (clean(doc["agency"] or ""), str(doc["year"] or ""), doc["template"]):
                problems.append(f"{'.'.join(key)}: key columns differ from the JSON")
            name = ".".join(key)
            if row.startswith("extra_"):
                extras += 1
                if r["label"] != clean(doc[table][row]["label"]):
                    problems.append(f"{name}: label {r['label']!r}")
                continue
            w = wide[path].get(name)
            if w is None:
                problems.append(f"{name}: no wide column")
                continue
            if number(w) != v:
                problems.append(f"{name}: long {r['value']!r}, wide {w!r}")
            sums_long[table] = sums_long.get(table, 0) + (v or 0)
            checked += 1
        for name, w in wide[path].items():
            table = name.split(".")[0]
            if table in ("active_disclosure", "applications", "reviews_litigation") and w != "":
                sums_wide[table] = sums_wide.get(table, 0) + float(w)
        if sums_long != {k: v for k, v in sums_wide.items()} and \
                any(abs(sums_long.get(t, 0) - sums_wide.get(t, 0)) > 1e-6 for t in set(sums_long) | set(sums_wide)):
            problems.append(f"sums: long {sums_long}, wide {sums_wide}")
        prov = {p["field"]: p["raw"] for p in doc["provenance"]}
        for key, r in got.items():
            if r["raw"] != clean(prov.get(".".join(key), "")):
                problems.append(f"{'.'.join(key)}: raw {r['raw']!r}, provenance {prov.get('.'.join(key))!r}")
        if problems:
            bad += 1
            print(f"FAIL {path}: " + "; ".join(problems[:4]))
    if not bad:
        print(f"ok   long = wide = JSON for {len(docs)} reports: {checked} values, {extras} of extra rows, "
              "sums per table equal, raw = provenance")
    return bad


def excel(csv_path, long_path):
    """--excel: a BOM, and no text cell a spreadsheet would run; numbers as they are."""
    bad = 0
    for path, numeric in ((csv_path, None), (long_path, {"year", "value"})):
        rows = read_csv(path, bom=True)
        for r in rows:
            for name, cell in r.items():
                if not cell.startswith(FORMULA_START):
                    continue
                is_number = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell) is not None
                allowed = is_number and (numeric is None or name in numeric)
                if not allowed:
                    bad += 1
                    print(f"FAIL {path}: {name} = {cell!r} would run as a formula")
        if not bad:
            print(f"ok   {path}: BOM, {len(rows)} records, no cell starts a formula")
    return bad


def hostile(csv_path, long_path, csv_excel, long_excel, jsonl):
    """The hostile sample: its text neutralized under --excel only, control
    characters replaced, line counts right for csv and str.splitlines()."""
    bad = 0

    def expect(ok, what):
        nonlocal bad
        print(("ok   " if ok else "FAIL ") + what)
        bad += not ok

    plain = read_csv(csv_path)[0]
    xl = read_csv(csv_excel, bom=True)[0]
    expect(plain["agency"] == "=cmd|'/C calc'!A0示例县审计\ufffd局", f"csv agency as published, control as U+FFFD: {plain['agency']!r}")
    expect(xl["agency"] == "'" + plain["agency"] and xl["title"] == "'" + plain["title"],
           f"--excel: agency and title prefixed with ': {xl['agency']!r}")
    expect(xl["active_disclosure.regulations.issued"] == "3", "--excel: numbers unchanged")
    ln = {(r["row"], r["column"]): r for r in read_csv(long_excel, bom=True)}
    extra = ln[("extra_1", "repealed")]
    expect(extra["label"] == "'=其他主动公开文件" and extra["raw"] == "'-" and extra["value"] == "0",
           f"--excel long: label and raw prefixed, value a number: {extra['label']!r} {extra['raw']!r} {extra['value']!r}")
    lp = {(r["row"], r["column"]): r for r in read_csv(long_path)}
    expect(lp[("extra_1", "repealed")]["raw"] == "-", "long without --excel: raw as written")
    text = open(jsonl, encoding="utf-8").read()
    n = len(text.splitlines())
    docs = [json.loads(x) for x in text.split("\n") if x]
    expect(n == len(docs), f"jsonl: str.splitlines() counts {n} lines for {len(docs)} reports")
    sec = docs[-1]["sections"][0]["text"]
    expect(all(c in sec for c in "\u2028\u2029\u0085\x1b\x7f"),
           "jsonl: U+2028/2029/0085 and controls escaped, read back unchanged")
    for path in (csv_path, csv_excel):
        with open(path, encoding="utf-8-sig", newline="") as f:
            records = list(csv.reader(f))
        expect(len(records) == 2, f"{path}: Python's csv reads a header and 1 record ({len(records) - 1})")
    return bad


def flatten(doc):
    """The documented name of every field of a report: codes as ITEM, ROW…"""
    names = set()
    for k, v in doc.items():
        if k in ("active_disclosure", "applications", "reviews_litigation"):
            names.add(k)
            sub = {"active_disclosure": "ITEM.MEASURE", "applications": "ROW.COLUMN",
                   "reviews_litigation": "GROUP.RESULT"}[k]
            for row, cols in (v or {}).items():
                for col in cols:
                    names.add(f"{k}.extra_N.label" if col == "label" else f"{k}.{sub}")
        elif isinstance(v, list):
            names.add(k + "[]")
            for item in v:
                names.update(f"{k}[].{f}" for f in item)
        elif isinstance(v, dict):
            names.update(f"{k}.{f}" for f in v)
        else:
            names.add(k)
    return names


def codebook(codebook_md, jsonl, csv_path, long_path):
    """Every field of the outputs and every column is in the codebook."""
    md = open(codebook_md, encoding="utf-8").read()
    documented = set(re.findall(r"^\| `([^`]+)` \|", md, re.M))
    bad = 0
    fields = set()
    rules = set()
    for line in open(jsonl, encoding="utf-8"):
        d = json.loads(line)
        fields |= flatten(d)
        rules |= {c["rule"] for c in d["checks"]}
    for what, names in (("JSON field", fields), ("check rule", rules),
                        ("CSV column", next(csv.reader(open(csv_path, encoding="utf-8")))),
                        ("long column", next(csv.reader(open(long_path, encoding="utf-8"))))):
        missing = sorted(set(names) - documented)
        if missing:
            bad += 1
            print(f"FAIL {what}s not in the codebook: {missing[:5]}")
        else:
            print(f"ok   every {what} ({len(set(names))}) is in the codebook")
    return bad


def schema(schema_path, *outputs):
    """Every output validates; a document with a wrong code, a stray key or
    a string for a number does not."""
    import jsonschema
    validator = jsonschema.Draft202012Validator(json.load(open(schema_path, encoding="utf-8")))
    bad = n = 0
    first = None
    for path in outputs:
        text = open(path, encoding="utf-8").read()
        docs = [json.loads(x) for x in text.split("\n") if x.strip()] if path.endswith(".jsonl") else [json.loads(text)]
        for d in docs:
            n += 1
            if first is None and d["applications"] and d["reviews_litigation"]:
                first = d
            errors = list(validator.iter_errors(d))
            if errors:
                bad += 1
                print(f"FAIL {path}: {errors[0].message[:200]} at {list(errors[0].path)}")
    if not bad:
        print(f"ok   {n} reports valid against {schema_path}")
    broken = []
    for name, change in (("template 2020", lambda d: d.update(template="2020")),
                         ("a stray key", lambda d: d.update(stray=1)),
                         ("a string value", lambda d: d["reviews_litigation"]["review"].update(total="3")),
                         ("an unknown row", lambda d: d["applications"].update(granted_x=d["applications"]["granted"])),
                         ("a missing source", lambda d: d.pop("source"))):
        d = json.loads(json.dumps(first))
        change(d)
        if validator.is_valid(d):
            broken.append(name)
    if broken:
        bad += 1
        print(f"FAIL the schema accepts {broken}")
    else:
        print("ok   the schema refuses a wrong template, a stray key, a string value, an unknown row, no source")
    return bad


if __name__ == "__main__":
    cmd = sys.argv[1]
    sys.exit(1 if globals()[cmd.replace("-", "_")](*sys.argv[2:]) else 0)
