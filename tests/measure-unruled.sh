#!/usr/bin/env bash
# measure-unruled.sh — the two readings of tables drawn without rulings,
# measured on the same PDFs (samples/pdf-unruled-*.pdf, the golden ones,
# and tests/pdf/unruled-*.pdf, made by tools/make-unruled-pdfs.sh): "columns"
# (words placed into the columns of the header cells, parser/pdf_unruled_*.c)
# and "text" (the lines handed to the run-together solver, parser/flat.c).
# For each file and reading: the values of tables 二, 三 and 四 found right,
# left null (or missing) and wrong, out of those expected.  Prints a
# Markdown table (docs/pdf.md keeps the last one).  With --check, fails
# unless the library's reading (columns) has no wrong value in any file and
# finds at least the values last measured ("_columns_floor" of its expected
# file, when it has one).
# Usage: tests/measure-unruled.sh BUILD_DIR [--check]
set -u
b=$1 check=${2:-}
tool=$b/unruled_json golden=$b/golden
if ! "$b/gkreport" --version | grep -q '^PDF: yes'; then
    echo "skip unruled PDF tables: gkreport built without PDF support (PDF=no)"
    echo "unruled: 0 passed, 0 failed, 1 skipped"
    exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
values='^  (active_disclosure|applications|reviews_litigation)\.'
# count READING PDF -> "right null wrong total"
count() {
    local json=$out/$1.json
    "$tool" "$1" "$2" >"$json" 2>"$out/err" || { echo "0 0 0 0"; return; }
    "$golden" "$json" "${2%.pdf}.expected.json" >"$out/diff"
    local total right null wrong
    total=$(grep -E '^part (active_disclosure|applications|reviews_litigation) ' "$out/diff" |
        awk '{split($3, a, "/"); n += a[2]} END {print n + 0}')
    null=$(grep -E "$values" "$out/diff" | grep -cE 'left null|got missing|got null')
    wrong=$(grep -E "$values" "$out/diff" | grep -vcE 'left null|got missing|got null')
    right=$((total - null - wrong))
    echo "$right $null $wrong $total"
}
pass=0 fail=0
sum_c=(0 0 0 0) sum_t=(0 0 0 0)
echo "| file | values | columns: right | null | wrong | text: right | null | wrong |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for pdf in samples/pdf-unruled-*.pdf tests/pdf/unruled-*.pdf; do
    read -r cr cn cw ct <<<"$(count columns "$pdf")"
    read -r tr tn tw _ <<<"$(count text "$pdf")"
    echo "| ${pdf##*/} | $ct | $cr | $cn | $cw | $tr | $tn | $tw |"
    sum_c=($((sum_c[0] + cr)) $((sum_c[1] + cn)) $((sum_c[2] + cw)) $((sum_c[3] + ct)))
    sum_t=($((sum_t[0] + tr)) $((sum_t[1] + tn)) $((sum_t[2] + tw)))
    if [ "$check" = --check ]; then
        floor=$(grep -Eo '"_columns_floor": *[0-9]+' "${pdf%.pdf}.expected.json" | grep -Eo '[0-9]+$' || echo 0)
        if [ "$cw" -eq 0 ] && [ "$cr" -ge "$floor" ]; then
            pass=$((pass + 1))
        else
            echo "FAIL ${pdf##*/}: columns $cr right (floor $floor), $cw wrong" >&2; fail=$((fail + 1))
        fi
    fi
done
echo "| all | ${sum_c[3]} | ${sum_c[0]} | ${sum_c[1]} | ${sum_c[2]} | ${sum_t[0]} | ${sum_t[1]} | ${sum_t[2]} |"
if [ "$check" = --check ]; then
    echo "unruled: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
fi
