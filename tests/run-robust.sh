#!/usr/bin/env bash
# run-robust.sh — damaged and hostile inputs: each must end with its exit
# code and a message naming the file and the problem, within a time limit,
# never a crash, hang or silent empty output.
# Usage: tests/run-robust.sh GKREPORT [WRAPPER...]
set -u
bin=$1
shift
wrap=("$@")
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0

# expect NAME EXIT-CODE MESSAGE-PATTERN FILE...
expect() {
    local name=$1 want=$2 pattern=$3
    shift 3
    timeout 60 "${wrap[@]}" "$bin" -o "$d/out" "$@" >"$d/stdout" 2>"$d/stderr"
    local rc=$?
    local said=0
    if [ "$pattern" = NOTHING ]; then [ -s "$d/stderr" ] || said=1; else grep -Eq -- "$pattern" "$d/stderr" && said=1; fi
    if [ "$rc" -eq "$want" ] && [ "$said" -eq 1 ]; then
        echo "ok   $name (exit $rc)"; pass=$((pass + 1))
    else
        echo "FAIL $name: exit $rc (want $want), stderr: $(head -c 400 "$d/stderr")"; fail=$((fail + 1))
    fi
}

# Deterministic noise: a linear congruential generator, 4096 bytes.
noise() {
    local x=12345 i
    for ((i = 0; i < 4096; i++)); do
        x=$(((x * 1103515245 + 12345) % 2147483648))
        printf "\\x$(printf %02x $(((x >> 16) % 256)))"
    done
}

: >"$d/empty.txt"
expect "empty file" 4 'empty\.txt: empty file' "$d/empty.txt"

printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >"$d/report.docx"
if "$bin" --version | grep -q '^PDF: yes'; then
    # PDFs gkreport must refuse, each with its own reason (tools/make-error-pdfs.sh)
    expect "truncated PDF renamed .docx" 4 'report\.docx: damaged PDF' "$d/report.docx"
    expect "encrypted PDF" 4 'encrypted\.pdf: encrypted PDF: it needs a password' tests/pdf/encrypted.pdf
    expect "scanned PDF" 4 'scanned\.pdf: PDF without a text layer: .* a scan; OCR it first' tests/pdf/scanned.pdf
    expect "PDF fonts without a Unicode map" 4 'no-unicode\.pdf: PDF fonts without a Unicode map' tests/pdf/no-unicode.pdf
    expect "PDF with text but no report" 4 'plain\.pdf: no report found' tests/pdf/plain.pdf
    head -c 20000 samples/pdf-word_2021.pdf >"$d/cut.pdf"
    timeout 60 "${wrap[@]}" "$bin" "$d/cut.pdf" >/dev/null 2>"$d/stderr"
    rc=$?
    if { [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; } && ! grep -Eq 'Sanitizer|runtime error' "$d/stderr"; then
        echo "ok   truncated PDF: exit $rc, no crash"; pass=$((pass + 1))
    else
        echo "FAIL truncated PDF: exit $rc: $(head -c 300 "$d/stderr")"; fail=$((fail + 1))
    fi
    # Tables drawn without rulings, over page breaks (a header carried to
    # the next page, a label cut by the break glued back): no value wrong,
    # and the fields right last measured.
    golden=$(dirname "$bin")/golden
    [ -x "$golden" ] || golden=build/golden
    timeout 60 "${wrap[@]}" "$bin" tests/pdf/unruled-short_2021.pdf >"$d/unruled.json" 2>"$d/stderr"
    res=$("$golden" --quiet "$d/unruled.json" tests/pdf/unruled-short_2021.expected.json | tail -1)
    if [[ $res =~ ^([0-9]+)/[0-9]+\ fields\ right,\ [0-9]+\ left\ null,\ 0\ wrong ]] && [ "${BASH_REMATCH[1]}" -ge 201 ]; then
        echo "ok   PDF tables without rulings: $res"; pass=$((pass + 1))
    else
        echo "FAIL PDF tables without rulings: $res $(head -c 300 "$d/stderr")"; fail=$((fail + 1))
    fi
else
    echo "skip PDF errors: gkreport built without PDF support (PDF=no)"
    expect "PDF without PDF support" 4 'report\.docx: not a report: looks like a PDF, and this gkreport was built without PDF support' "$d/report.docx"
fi

printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$d/scan.docx"
expect "PNG renamed .docx" 4 'scan\.docx: .*PNG' "$d/scan.docx"

printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0' >"$d/old.doc"
expect "legacy .doc" 4 'old\.doc: .*legacy Word' "$d/old.doc"

noise >"$d/noise.html"
expect "binary noise" 4 'noise\.html: not a report: binary data' "$d/noise.html"

head -c 3000 samples/word_2021.docx >"$d/truncated.docx"
expect "truncated DOCX" 4 'truncated\.docx: damaged DOCX' "$d/truncated.docx"

printf 'PK\x03\x04garbage that is no zip at all' >"$d/fake.docx"
expect "fake ZIP" 4 'fake\.docx: damaged DOCX' "$d/fake.docx"

(cd "$d" && mkdir -p z/xl && echo '<workbook/>' >z/xl/workbook.xml && cd z && zip -q -r ../sheet.docx xl)
expect "XLSX renamed .docx" 4 'sheet\.docx: not a DOCX: looks like an Excel' "$d/sheet.docx"

(cd "$d" && mkdir -p y/word && printf '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>' >y/word/document.xml && cd y && zip -q -r ../broken.docx word)
expect "malformed document.xml" 4 'broken\.docx: damaged DOCX: word/document\.xml is not well-formed' "$d/broken.docx"

# Billion laughs inside a DOCX: must not expand.
(cd "$d" && mkdir -p b/word && {
    echo '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    prev=a
    for n in b c e f g h i j k; do
        echo "<!ENTITY $n \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
        prev=$n
    done
    echo ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&k;</w:t></w:r></w:p></w:body></w:document>'
} >b/word/document.xml && cd b && zip -q -r ../laughs.docx word)
expect "billion laughs DOCX" 4 'laughs\.docx: damaged DOCX: word/document\.xml declares a DTD' "$d/laughs.docx"

expect "missing file" 3 'nonexistent\.html: cannot open: No such file' "$d/nonexistent.html"

printf 'hello\tworld\nnothing here\n' >"$d/nothing.txt"
expect "no report" 4 'nothing\.txt: no report found' "$d/nothing.txt"

# Invalid bytes in an otherwise good report: converted, with U+FFFD and the offset.
{ head -c 200 samples/tab-text_2021.txt; printf '\xff\xfe\xff'; tail -c +201 samples/tab-text_2021.txt; } >"$d/badbytes.txt"
if timeout 60 "${wrap[@]}" "$bin" "$d/badbytes.txt" >"$d/bad.json" 2>"$d/stderr" && grep -q 'byte offset 20[0-9]' "$d/bad.json" &&
    grep -q '"template": "2021"' "$d/bad.json"; then
    echo "ok   invalid bytes become U+FFFD with a diagnostic"; pass=$((pass + 1))
else
    echo "FAIL invalid bytes: $(head -c 300 "$d/stderr")"; fail=$((fail + 1))
fi

# rowspan=65000 and deep nesting: clamped or skipped, not a crash or a hang.
{ echo '<html><body><p>示例县2020年政府信息公开工作年度报告</p><table><tr><td rowspan="65000" colspan="65000">x</td><td>1</td></tr></table>'
  for ((i = 0; i < 5000; i++)); do printf '<div>'; done; echo '深</body></html>'; } >"$d/hostile.html"
expect "rowspan=65000 and 5000 nested divs" 0 NOTHING "$d/hostile.html"

# One bad file in a batch never stops the others.
rm -rf "$d/out"
expect "batch with a bad file" 4 'empty\.txt: empty file' samples/tab-text_2021.txt "$d/empty.txt" samples/cms-page_2021.html
if [ -s "$d/out/tab-text_2021.txt.json" ] && [ -s "$d/out/cms-page_2021.html.json" ] && ! ls "$d/out" | grep -q tmp; then
    echo "ok   batch: both good files written, no temporary left"; pass=$((pass + 1))
else
    echo "FAIL batch outputs: $(ls "$d/out")"; fail=$((fail + 1))
fi

# Standard input.
if "${wrap[@]}" "$bin" - <samples/tab-text_2021.txt | grep -q '"path": "-"'; then
    echo "ok   standard input"; pass=$((pass + 1))
else
    echo "FAIL standard input"; fail=$((fail + 1))
fi

expect "usage error" 2 'unknown format' --format yaml samples/tab-text_2021.txt

# Inputs the fuzzers found crashing, once fixed: each must convert or be
# refused with a message, in every format, without a sanitizer report.
for f in tests/fuzz/regressions/*; do
    [ -f "$f" ] || continue
    bad_run=0
    for fmt in json xml csv; do
        timeout 20 "${wrap[@]}" "$bin" --format "$fmt" "$f" >/dev/null 2>"$d/stderr" # an amplification regression is a hang
        rc=$?
        { [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; } && ! grep -Eq 'Sanitizer|runtime error|ERROR SUMMARY: [1-9]' "$d/stderr" || bad_run=1
    done
    [ "$bad_run" -eq 0 ] && { echo "ok   fuzz regression ${f##*/}"; pass=$((pass + 1)); } ||
        { echo "FAIL fuzz regression ${f##*/}: exit $rc: $(head -c 300 "$d/stderr")"; fail=$((fail + 1)); }
done
echo "robust: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
