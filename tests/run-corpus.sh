#!/usr/bin/env bash
# run-corpus.sh — converts every real report (HTML, text and PDF) under
# ../shared/corpus/real/ and the DOCX form under ../shared/corpus/templates/, compares it with the values transcribed by hand in
# tests/corpus/<name>.expected.json, and prints per-file and per-section
# accuracy.  With --check it fails when a file converts worse than its floor
# in tests/corpus/floor.tsv (the accuracy last measured), so a regression
# cannot pass unnoticed, and when any value is wrong: a cell the input
# cannot determine must be null (with its candidates), never a guess.  Skips cleanly when the corpus is absent.
# Usage: tests/run-corpus.sh [--check] GKREPORT GOLDEN
set -u
check=0
[ "${1:-}" = --check ] && { check=1; shift; }
bin=$1 golden=$2
corpus=${CORPUS:-../shared/corpus/real}
if [ ! -d "$corpus" ]; then
    echo "corpus: skipped ($corpus is absent)"
    echo "corpus: 0 passed, 0 failed, 1 skipped"
    exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0 total_right=0 total_fields=0
declare -A part_right part_all
printf '%-40s %-6s %s\n' file exit "fields right"
# PDFs only when the binary reads them (built without PDF=no)
pdf_files=() skipped=0
if "$bin" --version | grep -q '^PDF: yes'; then
    pdf_files=("$corpus"/*.pdf)
else
    skipped=$(ls "$corpus"/*.pdf 2>/dev/null | wc -l)
    echo "corpus: $skipped PDF reports skipped (gkreport built with PDF=no)"
fi
for f in "$corpus"/*.html "$corpus"/*.txt "$corpus"/../templates/*.docx "${pdf_files[@]}"; do
    [ -e "$f" ] || continue
    name=${f##*/} stem=${name%.*}
    exp=tests/corpus/$stem.expected.json
    if [ ! -f "$exp" ]; then
        printf '%-40s %s\n' "$name" "no expected values"; continue
    fi
    "$bin" "$f" >"$out/a.json" 2>"$out/err"
    rc=$?
    "$golden" --quiet "$out/a.json" "$exp" >"$out/g" 2>&1
    res=$(tail -1 "$out/g")
    right=${res%%/*} all=${res#*/}; all=${all%% *}
    wrong=$(sed -nE 's/.* ([0-9]+) wrong.*/\1/p' <<<"$res")
    [ "$rc" -eq 0 ] || { right=0 wrong=$all; res="conversion failed: $(cat "$out/err")"; }
    printf '%-40s %-6s %s\n' "$name" "$rc" "$res"
    total_right=$((total_right + right)) total_fields=$((total_fields + all))
    while read -r _ key frac; do
        part_right[$key]=$(( ${part_right[$key]:-0} + ${frac%/*} ))
        part_all[$key]=$(( ${part_all[$key]:-0} + ${frac#*/} ))
    done < <(grep '^part ' "$out/g")
    if [ "$check" -eq 1 ]; then
        floor=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' tests/corpus/floor.tsv)
        if [ -z "$floor" ]; then
            echo "  FAIL: $name has no floor in tests/corpus/floor.tsv"; fail=$((fail + 1))
        elif [ "${wrong:-1}" -gt 0 ]; then
            echo "  FAIL: $name has $wrong wrong values (a null for an ambiguous cell is fine; a wrong number is not)"
            fail=$((fail + 1))
        elif [ "$right" -lt "$floor" ]; then
            echo "  FAIL: $name regressed: $right fields right, floor $floor"; fail=$((fail + 1))
        else
            pass=$((pass + 1))
        fi
    fi
done
echo
echo "per section (all files):"
for key in "${!part_all[@]}"; do
    printf '  %-20s %s/%s\n' "$key" "${part_right[$key]}" "${part_all[$key]}"
done | sort
echo "corpus accuracy: $total_right/$total_fields fields right (the rest left null as ambiguous, or wrong as listed above)"
if [ "$check" -eq 1 ]; then
    [ "$skipped" -gt 0 ] && echo "corpus: $pass passed, $fail failed, $skipped skipped" ||
        echo "corpus: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
fi
