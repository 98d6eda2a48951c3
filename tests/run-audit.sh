#!/usr/bin/env bash
# run-audit.sh — gkaudit on the samples of tests/audit/ (findings against
# tests/audit/expected.tsv, with and without --aliases), its inputs in any
# form and order, its outputs and exit statuses; then the real Pingtan
# reports of 2019-2025 (HTML and crawler text of the same year must agree),
# skipped when the corpus is absent.
# Usage: tests/run-audit.sh GKREPORT GKAUDIT [WRAPPER...]
# (WRAPPER, e.g. valgrind and its options, runs every gkaudit call)
set -u
bin=$(realpath "$1")
audit=()
for a in "${@:3}"; do # the wrapper's files (valgrind's suppressions) stay found after the cd below
    case $a in --suppressions=*) a=--suppressions=$(realpath "${a#--suppressions=}") ;; esac
    audit+=("$a")
done
audit+=("$(realpath "$2")")
here=$(realpath tests/audit)
corpus=$(realpath -m "${CORPUS:-../shared/corpus/real}")
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0 skip=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
cd "$d"

# The samples, converted as a pipeline would: JSONL for the text forms,
# one JSON file per report for the HTML ones.
(cd "$here" && "$bin" -q -f jsonl ./*.txt) >reports.jsonl
mkdir -p json && (cd "$here" && "$bin" -q -o "$d/json" ./*.html)
n=$(wc -l <reports.jsonl)
[ "$n" -eq 11 ] && [ "$(ls json | wc -l)" -eq 2 ] && ok "samples converted: $n text, 2 HTML" || bad "samples converted: $n"

# expected ALIASES: the lines of expected.tsv that hold, as "fail" and
# "count" lines in the form summarize writes.
expected() {
    local with=$1
    grep -v '^#' "$here/expected.tsv" | awk -F'\t' -v with="$with" '
        $1 == "fail" { print; next }
        $1 == "count" && NF == 5 && with { over[$2 FS $3] = $4 }
        $1 == "count" && NF == 4 { count[$2 FS $3] = $4 }
        END { for (k in over) count[k] = over[k]; for (k in count) print "count" FS k FS count[k] }' | sort
}
# summarize CSV: the failing findings and the count of each rule and status.
summarize() {
    tail -n +2 "$1" | tr -d '\r' | awk -F, '
        $2 == "fail" { print "fail" FS $1 FS $3 FS $4 FS $5 FS $6 FS $7 }
        { count[$1 FS $2]++ }
        END { for (k in count) print "count" FS k FS count[k] }' OFS='\t' FS=',' |
        sed 's/,/\t/g' | sort
}

"${audit[@]}" -f csv -o findings.csv reports.jsonl json 2>err
rc=$?
if [ "$rc" -eq 0 ] && diff <(expected 0) <(summarize findings.csv) >diff.txt; then
    ok "findings as expected (tests/audit/expected.tsv)"
else
    bad "findings (exit $rc):"; cat diff.txt err
fi
"${audit[@]}" -f csv --aliases "$here/aliases.csv" -o aliased.csv json reports.jsonl 2>err
rc=$?
if [ "$rc" -eq 0 ] && diff <(expected 1) <(summarize aliased.csv) >diff.txt; then
    ok "with --aliases: the renamed agency's two years checked against each other"
else
    bad "with --aliases (exit $rc):"; cat diff.txt err
fi

# Any order, any form: stdin, files and a directory give the same findings.
"${audit[@]}" reports.jsonl json >a.jsonl 2>/dev/null
tac reports.jsonl | "${audit[@]}" json/*.json - >b.jsonl 2>/dev/null
cat json/*.json reports.jsonl | "${audit[@]}" - >c.jsonl 2>/dev/null
cmp -s a.jsonl b.jsonl && cmp -s a.jsonl c.jsonl && [ -s a.jsonl ] &&
    ok "the same findings from stdin, files or a directory, in any order" || bad "findings depend on input order or form"
lines=$(wc -l <a.jsonl)
[ "$lines" -eq "$(($(wc -l <findings.csv) - 1))" ] && head -1 a.jsonl | grep -q '^{"rule": "' &&
    grep -q '"differs": \[{"field": "active_disclosure.licensing.decisions", "values": \[86, 88\]}\]' a.jsonl &&
    ok "jsonl: $lines findings, one a line; duplicate.agree names the field that differs" || bad "jsonl findings"

"${audit[@]}" --strict reports.jsonl json >/dev/null 2>&1
rc=$?
[ "$rc" -eq 1 ] && ok "--strict: exit 1 with failing findings" || bad "--strict: exit $rc"
grep -v stats-bureau reports.jsonl | grep -v dev-zone | sed '/audit-bureau_2024/d' >consistent.jsonl
"${audit[@]}" --strict consistent.jsonl json/audit-bureau_2022.html.json >consistent.out 2>&1
rc=$?
[ "$rc" -eq 0 ] && ! grep -q '"status": "fail"' consistent.out && ok "--strict: exit 0 when every finding passes" ||
    bad "--strict on consistent years: exit $rc"

# Indicators: one line per agency-year (duplicates once), formulas of docs/audit.md.
"${audit[@]}" --indicators ind.csv reports.jsonl json >/dev/null 2>&1
# 示例县审计局 2021: handled = 105 new + 5 carried over; 6 carried forward
# → share carried forward 6 / 110; review 1 upheld → rate 0/1; litigation
# 1 corrected of 1 concluded (direct); overall 1/2.
row=$(grep '^示例县审计局/2021,' ind.csv | tr -d '\r')
[ "$(wc -l <ind.csv)" -eq 12 ] && head -1 ind.csv | grep -q '^key,agency,year,reports,requests_handled,' &&
    [ "$(cut -d, -f4,5,8,9,10,11 <<<"$row")" = "1,110,0.0545,0.0000,1.0000,0.5000" ] &&
    [ "$(grep -c '^示例县审计局/2022,示例县审计局,2022,2,' ind.csv)" -eq 1 ] &&
    ok "indicators: 11 agency-years, the duplicates once, values by the documented formulas" ||
    bad "indicators: $(wc -l <ind.csv) lines, row '$row'"

# A report whose agency could not be read joins the one agency-year with
# its fingerprint; one whose fingerprint names none is left out, named.
sed -e 's/"agency": "[^"]*"/"agency": null/' -e 's/"key": "[^"]*"/"key": null/' \
    -e 's/"path": "[^"]*"/"path": "no-agency.html"/' json/audit-bureau_2022.html.json >no-agency.json
sed -e 's/"fingerprint": "[0-9a-f]*"/"fingerprint": "0123456789abcdef"/' -e 's/no-agency.html/no-match.html/' \
    no-agency.json >no-match.json
"${audit[@]}" -f csv reports.jsonl no-agency.json no-match.json >joined.csv 2>err
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^no-agency.html: no agency or year: taken as 示例县审计局/2022, ' err &&
    grep -q '^duplicate.agree,pass,示例县审计局,2022,all,,,./audit-bureau_2022.txt;no-agency.html' joined.csv &&
    grep -q '^no-match.html: no agency or year: left out of every rule' err; then
    ok "a report without agency joins its twin by fingerprint; one without a twin is left out"
else
    bad "join by fingerprint (exit $rc):"; cat err; grep '^duplicate' joined.csv
fi

# The same numbers under two agencies (all-zero tables are common): no
# single twin, nothing guessed.
sed -e 's/示例县审计局/示例县档案局/g' -e 's/"path": "[^"]*"/"path": "archives.html"/' \
    json/audit-bureau_2022.html.json >archives.json
"${audit[@]}" -f csv reports.jsonl archives.json no-agency.json >/dev/null 2>err
grep -q '^no-agency.html: no agency or year: left out of every rule' err &&
    ok "a fingerprint two agencies share: the report without agency is left out" ||
    bad "ambiguous fingerprint: $(cat err)"

# A stream longer than gkaudit's 1 MiB read buffer: reports cut by the
# buffer's end (inside a string, a number or a UTF-8 sequence) are read whole.
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat reports.jsonl; done >long.jsonl
"${audit[@]}" --indicators long-ind.csv - <long.jsonl >/dev/null 2>err
rc=$?
read_n=$(tail -n +2 long-ind.csv | awk -F, '{ s += $4 } END { print s + 0 }')
[ "$rc" -eq 0 ] && [ "$read_n" -eq $((12 * n)) ] && [ "$(wc -c <long.jsonl)" -gt 1048576 ] &&
    ok "a $(($(wc -c <long.jsonl) / 1024)) KiB stream: all $read_n reports read across the buffer's ends" ||
    bad "long stream: exit $rc, $read_n reports read of $((12 * n))"

# Unreadable and unrecognized input: gkreport's exit statuses.
"${audit[@]}" missing.jsonl >/dev/null 2>err
rc=$?
[ "$rc" -eq 3 ] && grep -q '^missing.jsonl: cannot open' err && ok "a missing input: exit 3, named" || bad "missing input: exit $rc"
printf '{"agency": "x"} not json\n' >garbage.jsonl
"${audit[@]}" garbage.jsonl reports.jsonl >/dev/null 2>err
rc=$?
[ "$rc" -eq 4 ] && grep -q '^garbage.jsonl: ' err && ok "JSON that is not a gkreport report: exit 4, named" ||
    bad "garbage: exit $rc"
"${audit[@]}" --format yaml reports.jsonl >/dev/null 2>&1
[ $? -eq 2 ] && ok "usage error: exit 2" || bad "usage error"
head -c 3000 reports.jsonl >cut.jsonl
"${audit[@]}" cut.jsonl >/dev/null 2>err
rc=$?
[ "$rc" -eq 4 ] && grep -q 'not JSON' err && ok "a stream cut inside a report: exit 4" || bad "cut stream: exit $rc"

# The real Pingtan series: HTML and crawler text of one year are one report.
if [ ! -d "$corpus" ]; then
    echo "skipped: the Pingtan series ($corpus is absent)"
    skip=$((skip + 1))
else
    files=()
    for y in 2019 2020 2021 2022 2023 2024 2025; do
        for f in "$corpus"/pingtan_$y.html "$corpus"/pingtan_$y.txt "$corpus"/pingtan_${y}_article.html; do
            [ -e "$f" ] && files+=("$f")
        done
    done
    "$bin" -q -f jsonl "${files[@]}" 2>/dev/null | "${audit[@]}" -f csv - >pingtan.csv 2>pingtan.err
    rc=$?
    dup_pass=$(grep -c '^duplicate.agree,pass,' pingtan.csv)
    dup_fail=$(grep -c '^duplicate.agree,fail,' pingtan.csv)
    if [ "$rc" -eq 0 ] && [ "$dup_pass" -eq 4 ] && [ "$dup_fail" -eq 0 ]; then
        ok "Pingtan 2019-2025: ${#files[@]} files, the HTML and text of 2019-2022 agree where both are non-null"
    else
        bad "Pingtan: exit $rc, duplicate.agree $dup_pass pass, $dup_fail fail"
        grep '^duplicate.agree,fail' pingtan.csv
    fi
    echo "     Pingtan findings: $(tail -n +2 pingtan.csv | cut -d, -f1,2 | sort | uniq -c | tr '\n' ';' | tr -s ' ')"
    grep 'no agency or year' pingtan.err | sed 's/^/     /' 
fi

if [ "$skip" -gt 0 ]; then
    echo "audit: $pass passed, $fail failed, $skip skipped"
else
    echo "audit: $pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
