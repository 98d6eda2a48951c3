#!/usr/bin/env bash
# run-analyst.sh — the tables for analysts: the long format against the wide
# CSV and the JSON for every sample, --excel (BOM, no formulas), control
# characters and line separators in every text format (the hostile sample
# formula-and-controls_2021.txt), the codebook (docs/codebook.md is the
# program's output and documents every field), the XML namespace with the
# xmllint example of docs/output.md, and the JSON Schema (every sample
# valid, in step with the XSD).
# Usage: tests/run-analyst.sh GKREPORT
set -u
bin=$(realpath "$1")
here=$(pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# py NAME ARGS: a check of tests/analyst.py, counted by its ok/FAIL lines
py() {
    local out
    out=$("$python" tests/analyst.py "$@" 2>&1)
    echo "$out"
    pass=$((pass + $(grep -c '^ok ' <<<"$out"))) fail=$((fail + $(grep -c '^FAIL ' <<<"$out")))
    if ! grep -q '^ok \|^FAIL ' <<<"$out"; then fail=$((fail + 1)); fi
}

# Debian's python3 has python3-jsonschema (tools/install-deps); another
# python3 first on PATH may lack it.
python=/usr/bin/python3
"$python" -c 'import jsonschema' 2>/dev/null || python=python3
if ! "$python" -c 'import jsonschema' 2>/dev/null; then
    echo "FAIL no python3 with jsonschema: run tools/install-deps (python3-jsonschema)"
    echo "analyst: 0 passed, 1 failed"
    exit 1
fi

inputs=()
for f in samples/*; do
    case $f in *.expected.json | */README.md) ;; *.pdf) "$bin" --version | grep -q '^PDF: yes' && inputs+=("$f") ;; *) inputs+=("$f") ;; esac
done
n=${#inputs[@]}

# ---- the long format, against the wide CSV and the JSON ----
"$bin" -q --format csv -o "$d/wide.csv" "${inputs[@]}" &&
    "$bin" -q --format long -o "$d/long.csv" "${inputs[@]}" &&
    "$bin" -q --format jsonl -o "$d/all.jsonl" "${inputs[@]}" || bad "converting the $n samples"
if [ "$(head -1 "$d/long.csv")" = $'source.path,agency,year,template,table,row,label,column,value,raw\r' ] &&
    [ "$(grep -c '^source.path,' "$d/long.csv")" -eq 1 ]; then
    ok "long: one header, $(($(wc -l <"$d/long.csv") - 1)) lines for $n reports"
else
    bad "long header: $(head -1 "$d/long.csv")"
fi
py long-vs-wide "$d/wide.csv" "$d/long.csv" "$d/all.jsonl"
mkdir -p "$d/outdir"
"$bin" -q --format long -o "$d/outdir" samples/label-variants_2021.html samples/tab-text_2021.txt
[ -f "$d/outdir/reports.long.csv" ] && ok "long -o DIR writes DIR/reports.long.csv" || bad "long -o DIR"

# ---- --excel ----
"$bin" -q --format csv --excel -o "$d/excel.csv" "${inputs[@]}" &&
    "$bin" -q --format long --excel -o "$d/excel.long.csv" "${inputs[@]}" || bad "--excel runs"
py excel "$d/excel.csv" "$d/excel.long.csv"
"$bin" -q --format json --excel samples/tab-text_2021.txt >/dev/null 2>&1
[ $? -eq 2 ] && ok "--excel with json is a usage error" || bad "--excel with json accepted"

# ---- the hostile sample in every format ----
h=samples/formula-and-controls_2021.txt
"$bin" -q --format csv "$h" >"$d/h.csv"
"$bin" -q --format long "$h" >"$d/h.long.csv"
"$bin" -q --format csv --excel "$h" >"$d/hx.csv"
"$bin" -q --format long --excel "$h" >"$d/hx.long.csv"
"$bin" -q --format jsonl "$h" samples/tab-text_2021.txt "$h" >"$d/h.jsonl"
"$bin" -q --format json "$h" >"$d/h.json"
"$bin" -q --format xml "$h" >"$d/h.xml"
py hostile "$d/h.csv" "$d/h.long.csv" "$d/hx.csv" "$d/hx.long.csv" "$d/h.jsonl"
for f in h.csv h.long.csv hx.csv hx.long.csv h.jsonl h.json h.xml; do
    # C0 but TAB LF CR, DEL, C1 as UTF-8, and in the JSON forms raw U+2028/2029
    if LC_ALL=C grep -qaP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]' "$d/$f" ||
        { case $f in *json*) true ;; *) false ;; esac && LC_ALL=C grep -qaP '\xe2\x80[\xa8\xa9]' "$d/$f"; }; then
        bad "$f: a control character or line separator written raw"
    else
        ok "$f: no control character raw"
    fi
done
[ "$(wc -l <"$d/h.jsonl")" -eq 3 ] && ok "jsonl: wc -l = 3 for 3 reports" || bad "jsonl: wc -l = $(wc -l <"$d/h.jsonl")"
[ "$(wc -l <"$d/all.jsonl")" -eq "$n" ] && ok "jsonl of every sample: wc -l = $n" || bad "jsonl: $(wc -l <"$d/all.jsonl") lines for $n"
if grep -q '审计�局' "$d/h.xml" && xmllint --noout --schema schemas/gkreport.xsd "$d/h.xml" 2>/dev/null; then
    ok "xml: controls as U+FFFD, valid"
else
    bad "xml of the hostile sample"
fi

# ---- the codebook ----
if "$bin" --codebook | cmp -s - docs/codebook.md; then
    ok "docs/codebook.md is gkreport --codebook's output"
else
    bad "docs/codebook.md differs from gkreport --codebook (run make codebook)"
fi
"$bin" --codebook >"$d/codebook.md"
py codebook "$d/codebook.md" "$d/all.jsonl" "$d/wide.csv" "$d/long.csv"

# ---- XML: the namespace and the xmllint example of docs/output.md ----
x=samples/tab-text_2021.txt
"$bin" -q --format xml "$x" >"$d/r.xml"
agency_xpath="string(/*[local-name()='report']/*[local-name()='agency'])"
value_xpath="string(//*[local-name()='row'][@code='new_received']/*[local-name()='value'][@column='total'])"
ns=$(xmllint --xpath "namespace-uri(/*)" "$d/r.xml")
a=$(xmllint --xpath "$agency_xpath" "$d/r.xml")
v=$(xmllint --xpath "$value_xpath" "$d/r.xml")
if [ "$ns" = urn:gkreport:report:1 ] && [ "$a" = 示例县市场监督管理局 ] && [ "$v" = 635 ] &&
    grep -qF "xmllint --xpath \"$agency_xpath\"" docs/output.md &&
    grep -qF "xmllint --xpath \"$value_xpath\"" docs/output.md && grep -qF urn:gkreport:report:1 docs/output.md; then
    ok "xml: namespace $ns; docs/output.md's xmllint examples give $a and $v"
else
    bad "xml xpath: namespace '$ns', agency '$a', value '$v' (or the examples are not in docs/output.md)"
fi

# ---- the JSON Schema ----
py schema schemas/gkreport.schema.json "$d/all.jsonl" "$d/h.json"
out=$("$python" tests/schema-sync.py schemas/gkreport.xsd schemas/gkreport.schema.json)
tail -1 <<<"$out" | grep -q ' 0 failed' && ok "JSON Schema in step with the XSD ($(tail -1 <<<"$out"))" || { echo "$out"; bad "schema sync"; }
sed -e 's/"other_processing", //' -e 's/"raw": {"type": "string"}/"raw": {"type": "string"}, "cell_text": {"type": "string"}/' \
    schemas/gkreport.schema.json >"$d/drift.json"
if ! "$python" tests/schema-sync.py schemas/gkreport.xsd "$d/drift.json" >"$d/drift.out" &&
    grep -q 'FAIL type RowCode' "$d/drift.out" && grep -q 'FAIL every JSON property is in the XSD' "$d/drift.out"; then
    ok "schema sync catches a code and a property in one schema only"
else
    bad "schema sync misses drift: $(cat "$d/drift.out")"
fi

echo "analyst: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
