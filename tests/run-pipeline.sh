#!/usr/bin/env bash
# run-pipeline.sh — bulk conversion: a batch with bad files in it, a
# resumed run, jsonl through a pipe, one CSV for a batch, -j 2 identical
# to -j 1, directory walking, input lists and the progress bar.
# Usage: tests/run-pipeline.sh GKREPORT GOLDEN CSVCHECK
# (jsonlcheck and measure are taken beside GOLDEN)
set -u
bin=$(realpath "$1") golden=$(realpath "$2") csvcheck=$(realpath "$3")
jsonlcheck=$(dirname "$golden")/jsonlcheck measure=$(dirname "$golden")/measure
samples=$(realpath samples)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
cd "$d"

# A tree: the samples, a nested copy, bad files, and files -r must skip.
# The PDF samples (pdf-*) only when the binary reads PDF.
pdf=0
"$bin" --version | grep -q '^PDF: yes' && pdf=1
mkdir -p in/2021/dept in/.cache
for f in "$samples"/*; do
    case $f in *.expected.json|*/README.md) ;; *.pdf) [ "$pdf" -eq 0 ] || cp "$f" in/ ;; *) cp "$f" in/ ;; esac
done
cp "$samples/cms-page_2021.html" in/2021/dept/
cp "$samples/word_2021.docx" 'in/2021/~$word_2021.docx'
cp "$samples/tab-text_2021.txt" in/.cache/
: >in/2021/empty.txt
printf '%%PDF-1.4 not a report' >in/2021/scan.docx
good=$(find in -type f ! -path '*/.*' ! -name '~$*' ! -name empty.txt ! -name scan.docx | wc -l)

"$bin" -r -j 2 -o out --failures failures.jsonl in 2>err
rc=$?
n=$(find out -type f | wc -l)
"$jsonlcheck" failures.jsonl path reason exit >failures.tsv
if [ "$rc" -eq 4 ] && [ "$n" -eq "$good" ] && [ -f out/2021/dept/cms-page_2021.html.json ] &&
    [ "$(tail -1 failures.tsv)" -eq 2 ] && grep -Eq 'scan.docx	(not a report: looks like a PDF|damaged PDF).*	4$' failures.tsv &&
    grep -q 'empty.txt	empty file	4' failures.tsv && ! find out -name '*~$*' -o -name '*tmp*' | grep -q .; then
    ok "batch with bad files: $n outputs mirrored, 2 failures listed (JSON Lines), exit 4"
else
    bad "batch: exit $rc, $n outputs (want $good), failures: $(cat failures.jsonl)"
fi
# as many reports with failing checks as samples whose expected output lists some
expected_files() { ls "$samples"/*.expected.json | { [ "$pdf" -eq 1 ] && cat || grep -v '/pdf-'; }; }
failing=$(expected_files | xargs grep -l '"failing_checks": \[$' | wc -l)
# skipped: the hidden .cache folder and the ~$ temporary
if grep -q "gkreport: $good converted, 2 failed, 2 skipped, $failing with failing consistency checks" err; then
    ok "summary line"
else
    bad "summary line: $(tail -1 err)"
fi

# Resume: outputs deleted are redone, the others left untouched.
touch -d '2001-01-01' out/word_2021.docx.json
rm out/2021/dept/cms-page_2021.html.json out/tab-text_2021.txt.json
"$bin" -r -j 2 -o out --skip-existing in 2>err
if [ -f out/2021/dept/cms-page_2021.html.json ] && [ -f out/tab-text_2021.txt.json ] &&
    [ "$(date -r out/word_2021.docx.json +%Y)" = 2001 ] && grep -q "2 converted, 2 failed, $good skipped" err; then
    ok "resumed run redoes only what is missing"
else
    bad "resume: $(tail -1 err)"
fi

# -j 2 gives exactly what -j 1 gives, for a tree and for a stream.
"$bin" -r -j 1 -q -o out1 in 2>/dev/null
"$bin" -r -j 2 -q -o out2 in 2>/dev/null
diff -r out1 out2 >/dev/null && ok "-j 2 tree identical to -j 1" || bad "-j 2 tree differs from -j 1"
"$bin" -r -j 1 -q --format jsonl in >j1.jsonl 2>/dev/null
"$bin" -r -j 2 -q --format jsonl in >j2.jsonl 2>/dev/null
cmp -s j1.jsonl j2.jsonl && ok "-j 2 jsonl identical to -j 1" || bad "-j 2 jsonl differs from -j 1"
# A list far longer than the workers' window (8 inputs per job ahead of
# the next to write), with failures in it: workers wait for the window to
# free and hand the writing over between them.
for i in $(seq 12); do find in -type f | sort; done >long.list
listed=$(find in -type f | wc -l) # --files-from converts hidden and ~$ files too; 2 are bad
"$bin" -j 1 -q --format jsonl --files-from long.list --failures long1.jsonl >l1.jsonl 2>/dev/null
"$bin" -j 3 -q --format jsonl --files-from long.list --failures long3.jsonl >l3.jsonl 2>/dev/null
if cmp -s l1.jsonl l3.jsonl && cmp -s long1.jsonl long3.jsonl && [ "$(wc -l <l3.jsonl)" -eq $((12 * (listed - 2))) ] &&
    [ "$(wc -l <long3.jsonl)" -eq 24 ]; then
    ok "-j 3 over $(wc -l <long.list) inputs identical to -j 1, failures in the same order"
else
    bad "-j 3 long list: $(wc -l <l3.jsonl) lines (want $((12 * (listed - 2)))), failures $(wc -l <long3.jsonl)"
fi

# jsonl through a pipe: one object per line, each a full report.
find in -maxdepth 1 -type f | sort | "$bin" --files-from - --format jsonl -q 2>/dev/null | {
    lines=0 right=0
    while IFS= read -r line; do
        lines=$((lines + 1))
        printf '%s\n' "$line" >rec.json
        name=$(grep -o '"path": *"[^"]*"' rec.json | sed 's/.*"in\/\([^"]*\)\..*"/\1/')
        "$golden" --quiet rec.json "$samples/$name.expected.json" >/dev/null && right=$((right + 1))
    done
    echo "$lines $right" >pipe.result
}
read -r lines right <pipe.result
samples_n=$(expected_files | wc -l)
[ "$lines" -eq "$samples_n" ] && [ "$right" -eq "$samples_n" ] && ok "jsonl through a pipe: $lines lines, each matches its expected file" ||
    bad "jsonl pipe: $lines lines, $right right (want $samples_n)"

# One CSV for the whole batch, every line with the header's columns.
"$bin" -r -q --format csv -o all.csv in 2>/dev/null
if read -r records fields < <("$csvcheck" all.csv) && [ "$records" -eq "$good" ] &&
    head -1 all.csv | grep -q '^source.path,source.format,source.encoding,agency,year,template,table_templates.active_disclosure,table_templates.applications,title,' &&
    head -1 all.csv | grep -q 'applications.other_processing.total' && [ "$fields" -gt 200 ]; then
    ok "csv: header + $records lines of $fields columns"
else
    bad "csv: $("$csvcheck" all.csv 2>&1)"
fi

# Outputs that cannot be written: exit 6 with a message, and a run that
# cannot start leaves an existing -o FILE as it was.
cp all.csv kept.csv
"$bin" -q --format csv -o all.csv --failures missing-dir/f.tsv in/tab-text_2021.txt 2>err
if [ $? -eq 6 ] && cmp -s all.csv kept.csv && grep -q 'cannot write the failure list' err; then
    ok "unwritable failure list: exit 6, -o FILE untouched"
else
    bad "unwritable failure list: $(cat err)"
fi
if [ -w /dev/full ]; then
    "$bin" -q --format jsonl in/tab-text_2021.txt in/word_2021.docx >/dev/full 2>err
    [ $? -eq 6 ] && grep -q 'cannot write standard output: No space left' err &&
        ok "full standard output: exit 6, said" || bad "full standard output: $(cat err)"
fi

# Two files of one name given directly would share an output: refused
# before anything is written; the same file twice is fine.
"$bin" -q -o same in/tab-text_2021.txt in/2021/dept/../../tab-text_2021.txt 2>err
rc_same=$?
cp in/tab-text_2021.txt in/2021/tab-text_2021.txt
"$bin" -q -o clash in/tab-text_2021.txt in/2021/tab-text_2021.txt 2>err
if [ $? -eq 2 ] && [ ! -e clash/tab-text_2021.txt.json ] && grep -q 'would both be written to clash/tab-text_2021.txt.json' err &&
    [ "$rc_same" -eq 0 ]; then
    ok "two files with one output name refused, one file twice accepted"
else
    bad "output name clash: $(cat err) (same file twice: exit $rc_same)"
fi
rm in/2021/tab-text_2021.txt

# A directory without -r is a usage error; -j 0 too.
"$bin" in >/dev/null 2>err; [ $? -eq 2 ] && grep -q 'is a directory (use -r' err && ok "directory without -r" || bad "directory without -r"
"$bin" -j 0 in/tab-text_2021.txt >/dev/null 2>err; [ $? -eq 2 ] && ok "-j 0 refused" || bad "-j 0 accepted"

# Progress bar on a terminal (script gives one), silent with --quiet.
if command -v script >/dev/null; then
    script -qec "$bin -r -j 2 -o outp in" /dev/null >tty.log 2>&1
    grep -q 'reports/s' tty.log && grep -q 'ETA' tty.log && ok "progress bar on a terminal" || bad "no progress bar: $(head -c 200 tty.log)"
    script -qec "$bin -r -j 2 -q -o outq in" /dev/null >tty.log 2>&1
    ! grep -q 'reports/s' tty.log && ok "--quiet: no progress bar" || bad "--quiet still draws"
fi
echo "pipeline: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
