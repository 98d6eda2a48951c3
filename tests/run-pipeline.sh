#!/usr/bin/env bash
# run-pipeline.sh — bulk conversion: a batch with bad files in it, a
# resumed run, jsonl through a pipe, one CSV for a batch, -j 2 identical
# to -j 1, directory walking, input lists and the progress bar; then
# issue 10 §1, nothing lost or mangled in a pipeline: whole records, lists
# streamed and NUL-separated, every file below -r accounted for, input
# trees and special files, output targets, signals, --sync,
# --skip-existing, odd names in --failures, XML on standard output.
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
# ---- Issue 10 §1: nothing lost or mangled in a pipeline ----

# Whole records: eight processes appending to one file (O_APPEND, as `>>`
# opens it) never interleave, though each record is larger than a pipe's
# atomic 4096 bytes and stdio's buffer: one write(2) per record.
for i in $(seq 6); do find in -maxdepth 1 -type f ! -name 'scan*' ! -name 'empty*' ! -name '*.pdf' | sort; done >append.list
: >shared.jsonl
xargs -P 8 -n 3 -d '\n' "$bin" -q -j 1 -f jsonl <append.list >>shared.jsonl 2>/dev/null
records=$("$jsonlcheck" shared.jsonl 2>&1)
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' shared.jsonl)
if [ "$records" = "$(wc -l <append.list)" ] && [ "$longest" -gt 4096 ]; then
    ok "xargs -P 8 appending to one file: $records whole records (the longest $longest bytes)"
else
    bad "xargs -P 8 appending: $records (want $(wc -l <append.list) whole records), longest $longest"
fi
if command -v strace >/dev/null; then
    strace -f -qq -y -e trace=write -o writes.trace "$bin" -q -j 2 -f jsonl -o one.jsonl in/tab-text_2021.txt in/word_2021.docx in/cms-page_2021.html 2>/dev/null
    nw=$(grep -c 'write([0-9]*<[^>]*\.one\.jsonl\.tmp-[^>]*>, ' writes.trace)
    [ "$nw" -eq 3 ] && ok "one write(2) per JSONL record ($nw for 3)" || bad "JSONL records in $nw writes (want 3)"
    strace -f -qq -y -e trace=write -o writes.trace "$bin" -q -f csv -o one.csv in/tab-text_2021.txt in/word_2021.docx 2>/dev/null
    nw=$(grep -c 'write([0-9]*<[^>]*\.one\.csv\.tmp-[^>]*>, ' writes.trace)
    [ "$nw" -eq 3 ] && ok "one write(2) per CSV line, the header included" || bad "CSV: $nw writes (want 3)"
else
    echo "skip one write per record: strace is not installed"
fi

# --files-from streams: the first output is out while the list is still
# being written (a slow producer), and memory does not grow with the list.
(echo in/tab-text_2021.txt; sleep 4; echo in/word_2021.docx) | "$bin" -q -j 2 -f jsonl --files-from - >slow.jsonl 2>/dev/null &
slow=$!
sleep 2
early=$(wc -l <slow.jsonl)
wait "$slow"
if [ "$early" -eq 1 ] && [ "$(wc -l <slow.jsonl)" -eq 2 ]; then
    ok "--files-from converts while the list is read: 1 record out before the list ended"
else
    bad "--files-from: $early records before the list ended (want 1), $(wc -l <slow.jsonl) in all"
fi
peak() { # peak RSS (KiB) converting a list of N missing files and, every 1000th line, a sample
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print (i % 1000 ? "missing/" i ".txt" : "in/tab-text_2021.txt") }' >rss.list
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1 "$measure" "$bin" -q -j 2 -f jsonl --files-from rss.list >rss.jsonl 2>rss.err
    tail -1 rss.err | cut -d' ' -f2
}
small=$(peak 20000) large=$(peak 200000)
if [ "$(wc -l <rss.jsonl)" -eq 200 ] && [ "$large" -lt $((small + 4096)) ]; then
    ok "--files-from memory flat: peak RSS $small KiB for 20k paths, $large KiB for 200k"
else
    bad "--files-from memory: $small KiB for 20k paths, $large KiB for 200k ($(wc -l <rss.jsonl) records)"
fi
# NUL-separated lists (find -print0), names with a newline in them
mkdir -p nul/a
cp in/tab-text_2021.txt "nul/a/two
lines.txt"
cp in/word_2021.docx nul/a/plain.docx
find nul -type f -print0 | "$bin" -q -0 -o nulout --files-from - 2>err
rc=$?
if [ "$rc" -eq 0 ] && [ -f "nulout/nul/a/two
lines.txt.json" ] && [ -f nulout/nul/a/plain.docx.json ] && [ "$(find nulout -type f -printf x | wc -c)" -eq 2 ]; then
    ok "-0: a NUL-separated list, a name with a newline converted"
else
    bad "-0: exit $rc, $(find nulout -type f -printf x | wc -c) outputs: $(cat err)"
fi
find nul -type f -print0 | sort -z | "$bin" -q -o nulout2 --files-from - 2>err
[ $? -eq 2 ] && grep -q 'holds NUL bytes.*needs -0' err && [ -z "$(find nulout2 -type f)" ] && ok "a NUL list without -0: exit 2, said" ||
    bad "a NUL list without -0: $(cat err)"

# -r never skips silently: what is not converted is a failure with its
# reason, or counted as skipped.
mkdir -p kinds/sub kinds/.git
cp in/tab-text_2021.txt kinds/sub/
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy word' >kinds/old.doc
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy wps' >kinds/old.wps
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 legacy xls' >kinds/table.xls
printf '\x89PNG\r\n\x1a\n scanned page' >kinds/scan.png
printf '\xFF\xD8\xFF\xE0 scanned page' >kinds/scan.jpg
printf 'PK\x03\x04 a spreadsheet' >kinds/table.xlsx
printf 'PK\x03\x04 an archive' >kinds/reports.zip
printf '\x00\x01\x02\x03 binary \x00\xff\xfe' >kinds/unknown.bin
: >'kinds/~$draft.docx'
: >'kinds/.~lock.report.docx#'
cp in/tab-text_2021.txt kinds/.git/
echo '{}' >kinds/earlier-output.json
"$bin" -r -o kindsout --failures kinds.jsonl kinds 2>err
rc=$?
"$jsonlcheck" kinds.jsonl path reason >kinds.tsv
if [ "$rc" -eq 4 ] && [ "$(tail -1 kinds.tsv)" -eq 8 ] && grep -q 'old.doc	.*legacy Word .doc' kinds.tsv &&
    grep -q 'old.wps	.*legacy WPS' kinds.tsv && grep -q 'table.xls	.*spreadsheet' kinds.tsv &&
    grep -q 'table.xlsx	.*spreadsheet' kinds.tsv && grep -q 'scan.png	.*image' kinds.tsv && grep -q 'scan.jpg	.*image' kinds.tsv &&
    grep -q 'reports.zip	.*archive' kinds.tsv && grep -Eq 'unknown.bin	(not a report|no report found)' kinds.tsv &&
    grep -q '1 converted, 8 failed, 4 skipped' err; then
    ok "-r: 8 files it cannot read listed with their reasons, 4 hidden/temporary/data entries counted as skipped"
else
    bad "-r kinds: exit $rc, $(tail -1 err); failures: $(cat kinds.tsv)"
fi
# two roots with the same relative path: both converted, each under its root
mkdir -p rootA/2021 rootB/2021
cp in/tab-text_2021.txt rootA/2021/r.txt
cp in/utf16-bom_2021.txt rootB/2021/r.txt
"$bin" -r -q -o roots rootA/2021 rootB/2021 2>err
if [ $? -eq 0 ] && grep -q '"UTF-16' roots/rootB/2021/r.txt.json && ! grep -q '"UTF-16' roots/rootA/2021/r.txt.json &&
    [ "$(find roots -type f | wc -l)" -eq 2 ]; then
    ok "two -r roots holding one relative path: ROOT/… outputs, both kept"
else
    bad "two -r roots: $(find roots -type f) $(cat err)"
fi

# Input trees: each directory walked once, symlink loops included.
mkdir -p loops/sub
cp in/tab-text_2021.txt loops/sub/
ln -s . loops/here
ln -s .. loops/sub/up
ln -s ../sub loops/sub/again
timeout 20 "$bin" -r -q -f jsonl loops >loops.jsonl 2>err
rc=$?
[ "$rc" -eq 0 ] && [ "$(wc -l <loops.jsonl)" -eq 1 ] && ok "-r with symlink loops: each directory once, 1 report" ||
    bad "-r symlink loops: exit $rc, $(wc -l <loops.jsonl) records: $(head -3 err)"
# An unreadable folder or file fails alone; the rest converts.
mkdir -p locked/closed locked/open
cp in/tab-text_2021.txt locked/open/
cp in/tab-text_2021.txt locked/closed/
cp in/word_2021.docx locked/secret.docx
chmod 000 locked/closed locked/secret.docx
chmod 755 "$d" . # for an unprivileged user below
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod -R a+rX "$d/in" "$d/locked/open"
    chmod 1777 "$d"
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
    "${as_user[@]}" "$bin" -r -o lockedout --failures "$d/locked.jsonl" locked 2>err
    rc=$?
    if [ "$rc" -eq 3 ] && [ -f lockedout/open/tab-text_2021.txt.json ] && grep -q '"locked/closed","reason":"cannot open directory: Permission denied"' locked.jsonl &&
        grep -q '"locked/secret.docx","reason":"cannot open' locked.jsonl && [ "$(wc -l <locked.jsonl)" -eq 2 ]; then
        ok "unreadable folder and file: a failure each (exit 3), the rest converted"
    else
        bad "unreadable folder and file: exit $rc, $(cat locked.jsonl) $(head -3 err)"
    fi
else
    echo "skip unreadable folders: running as root without setpriv"
fi
chmod 755 locked/closed locked/secret.docx
# A FIFO or a device, named or met under -r, is a failure; never a read that blocks.
mkdir -p special
mkfifo special/pipe
cp in/tab-text_2021.txt special/
timeout 20 "$bin" -r -q -f jsonl --failures special.jsonl special >special.out 2>err
rc1=$?
printf 'special/pipe\n/dev/null\nspecial/tab-text_2021.txt\n' | timeout 20 "$bin" -q -f jsonl --files-from - --failures special2.jsonl >special2.out 2>err
rc2=$?
timeout 20 "$bin" -q special/pipe >/dev/null 2>err
rc3=$?
if [ "$rc1" -eq 3 ] && [ "$rc2" -eq 3 ] && [ "$rc3" -eq 3 ] && grep -q '"special/pipe","reason":"not a regular file (a FIFO)"' special.jsonl &&
    grep -q '"/dev/null","reason":"not a regular file (a character device)"' special2.jsonl && [ "$(wc -l <special2.out)" -eq 1 ] &&
    grep -q 'special/pipe: not a regular file' err; then
    ok "a FIFO or a device in a list, under -r or named: 'not a regular file', exit 3, no hang"
else
    bad "FIFO/device inputs: exits $rc1 $rc2 $rc3: $(cat special.jsonl special2.jsonl err)"
fi
# '-' stays standard input
"$bin" -q -f jsonl - <in/tab-text_2021.txt | grep -q '"path":"-"' && ok "'-' reads standard input" || bad "'-' is not standard input"
# Two inputs that would share an output, after path normalization: the
# same file by two spellings is one output; two files are refused.
mkdir -p norm/deep/er norm/other
cp in/tab-text_2021.txt norm/x.txt
cp in/utf16-bom_2021.txt norm/deep/x.txt
ln -s deep/er norm/link # norm/link/../x.txt is norm/deep/x.txt, spelled like norm/x.txt
printf 'norm//x.txt\nnorm/./other/../x.txt\n./norm/x.txt\n' | "$bin" -q -o normout --files-from - 2>err
rc1=$?
printf 'norm/x.txt\nnorm/link/../x.txt\n' | "$bin" -q -o normout2 --files-from - --failures norm.jsonl 2>err
rc2=$?
"$bin" -q -o normout3 norm/x.txt norm/link/../x.txt 2>err3
rc3=$?
if [ "$rc1" -eq 0 ] && [ "$(find normout -type f)" = normout/norm/x.txt.json ] && [ "$rc2" -eq 2 ] &&
    grep -q '"norm/link/../x.txt","reason":"would overwrite the output of an earlier input (normout2/norm/x.txt.json)"' norm.jsonl &&
    ! grep -q 'UTF-16' normout2/norm/x.txt.json && [ "$rc3" -eq 2 ] && grep -q 'would both be written' err3; then
    ok "normalized paths: one file by three spellings is one output; two files behind one name refused (exit 2)"
else
    bad "normalized paths: exits $rc1 $rc2 $rc3, $(find normout -type f) $(cat norm.jsonl err3)"
fi

# Output targets.  -o - is standard output.
"$bin" -q -f jsonl -o - in/tab-text_2021.txt | "$jsonlcheck" - | grep -qx 1 && [ ! -e ./- ] &&
    ok "-o - writes standard output" || bad "-o - does not write standard output"
# -o /dev/stdout (or /dev/fd/1) writes to the descriptor held: `>>` appends.
echo '{"kept":true}' >appended.jsonl
"$bin" -q -f jsonl -o /dev/stdout in/tab-text_2021.txt >>appended.jsonl
"$bin" -q -f jsonl -o /dev/fd/1 in/word_2021.docx >>appended.jsonl
[ "$("$jsonlcheck" appended.jsonl)" = 3 ] && head -1 appended.jsonl | grep -q kept &&
    ok "-o /dev/stdout and /dev/fd/1 append where >> points" || bad "-o /dev/stdout: $(cut -c1-40 appended.jsonl)"
# A FIFO as -o is written through, and stays a FIFO.
mkfifo outfifo
"$jsonlcheck" - <outfifo >fifo.count &
reader=$!
timeout 20 "$bin" -q -f jsonl -o outfifo in/tab-text_2021.txt in/word_2021.docx 2>err
rc=$?
wait "$reader"
[ "$rc" -eq 0 ] && [ -p outfifo ] && [ "$(cat fifo.count)" -eq 2 ] && ok "-o FIFO written through, still a FIFO" ||
    bad "-o FIFO: exit $rc, $(cat fifo.count), $(ls -l outfifo)"
# /dev/full as -o: exit 6, said, and still a device
if [ -w /dev/full ]; then
    "$bin" -q -o /dev/full in/tab-text_2021.txt 2>err
    [ $? -eq 6 ] && [ -c /dev/full ] && grep -q '/dev/full: cannot write: No space left on device' err &&
        ok "-o /dev/full: exit 6, 'No space left on device', still a device" || bad "-o /dev/full: $(cat err)"
fi
# A symlink as -o stays a symlink; the file it points to gets the output.
echo old >linked.json
ln -s linked.json link.json
"$bin" -q -o link.json in/tab-text_2021.txt 2>err
[ $? -eq 0 ] && [ -L link.json ] && grep -q '"agency"' linked.json && ok "-o symlink: written through, the link kept" ||
    bad "-o symlink: $(ls -l link.json linked.json) $(cat err)"
# SIGTERM or SIGINT while the output is open: the temporary is removed,
# the earlier output untouched.  (env --default-signal: a background job of
# a script starts with SIGINT ignored, which gkreport leaves ignored.)
mkfifo list.fifo
for sig in TERM INT; do
    echo previous >interrupted.jsonl
    env --default-signal=INT "$bin" -q -f jsonl -o interrupted.jsonl --files-from list.fifo 2>/dev/null &
    victim=$!
    exec 3>list.fifo
    echo in/tab-text_2021.txt >&3
    for _ in $(seq 50); do ls -a | grep -q '^\.interrupted\.jsonl\.tmp' && break; sleep 0.1; done
    had_tmp=$(ls -a | grep -c '^\.interrupted\.jsonl\.tmp')
    kill -"$sig" "$victim"
    wait "$victim" 2>/dev/null
    rc=$?
    exec 3>&-
    if [ "$had_tmp" -eq 1 ] && [ "$rc" -eq $((128 + $(kill -l "$sig"))) ] && ! ls -a | grep -q '\.tmp-' &&
        [ "$(cat interrupted.jsonl)" = previous ]; then
        ok "SIG$sig: temporary removed, the earlier output untouched"
    else
        bad "SIG$sig: temporary seen $had_tmp, exit $rc, left: $(ls -a | grep tmp)"
    fi
done
# --sync: each output flushed to disk before its rename
if command -v strace >/dev/null; then
    strace -f -qq -e trace=fsync,rename -o sync.trace "$bin" -q -j 1 --sync -o syncout in/tab-text_2021.txt in/word_2021.docx 2>/dev/null
    order=$(grep -oE '^[0-9]+ +(fsync|rename)' sync.trace | awk '{ print $2 }' | tr '\n' ' ')
    strace -f -qq -e trace=fsync -o nosync.trace "$bin" -q -o nosyncout in/tab-text_2021.txt 2>/dev/null
    [ "$order" = "fsync rename fsync fsync rename fsync " ] && ! grep -q fsync nosync.trace &&
        ok "--sync: fsync, rename, fsync of the directory, per output; none without it" || bad "--sync: $order"
fi
# --skip-existing redoes an empty or cut output, keeps a whole one.
"$bin" -q -o resume in/tab-text_2021.txt in/word_2021.docx in/cms-page_2021.html
: >resume/tab-text_2021.txt.json
head -c 100 resume/word_2021.docx.json >cut && mv cut resume/word_2021.docx.json
touch -d 2001-01-01 resume/cms-page_2021.html.json
"$bin" -o resume --skip-existing in/tab-text_2021.txt in/word_2021.docx in/cms-page_2021.html 2>err
"$bin" -q -f xml -o resumex in/tab-text_2021.txt in/word_2021.docx
head -c 300 resumex/tab-text_2021.txt.xml >cut && mv cut resumex/tab-text_2021.txt.xml
"$bin" -f xml -o resumex --skip-existing in/tab-text_2021.txt in/word_2021.docx 2>errx
if grep -q '2 converted, 0 failed, 1 skipped' err && [ "$(date -r resume/cms-page_2021.html.json +%Y)" = 2001 ] &&
    "$golden" --quiet resume/word_2021.docx.json "$samples/word_2021.expected.json" >/dev/null &&
    grep -q '1 converted, 0 failed, 1 skipped' errx && xmllint --noout resumex/tab-text_2021.txt.xml 2>/dev/null; then
    ok "--skip-existing: empty and cut outputs (JSON, XML) redone, a whole one kept"
else
    bad "--skip-existing: $(tail -1 err) / $(tail -1 errx)"
fi

# The failure list for any file name: tab, newline, bytes that are not UTF-8.
mkdir -p names
printf 'x' >"names/tab	and
newline.txt"
printf 'x' >"$(printf 'names/gbk-\xc4\xea\xb1\xa8.txt')"
"$bin" -q -r -o namesout --failures names.jsonl names 2>/dev/null
"$jsonlcheck" names.jsonl path path_base64 exit >names.tsv
want_b64=$(printf 'names/gbk-\xc4\xea\xb1\xa8.txt' | base64 -w0)
if [ "$(tail -1 names.tsv)" -eq 2 ] && grep -q '"path":"names/tab\\tand\\nnewline.txt"' names.jsonl &&
    grep -q "	$want_b64	4\$" names.tsv && [ "$(grep -o '"path_base64":"[^"]*"' names.jsonl | cut -d'"' -f4 | base64 -d | od -An -tx1 | tr -d ' \n')" = \
    "$(printf 'names/gbk-\xc4\xea\xb1\xa8.txt' | od -An -tx1 | tr -d ' \n')" ]; then
    ok "--failures JSON Lines: a tab, a newline, a GBK name (path_base64) all read back exactly"
else
    bad "--failures names: $(cat names.jsonl)"
fi
# Several XML documents never go to standard output as one stream.
"$bin" -q -f xml in/tab-text_2021.txt in/word_2021.docx >several.xml 2>err
rc=$?
"$bin" -q -f xml in/tab-text_2021.txt >one.xml 2>/dev/null
if [ "$rc" -eq 2 ] && [ ! -s several.xml ] && grep -q 'give -o DIR' err && xmllint --noout one.xml 2>/dev/null; then
    ok "several XML documents to standard output refused (exit 2); one is a well-formed document"
else
    bad "several XML to stdout: exit $rc, $(head -c 100 several.xml) $(cat err)"
fi

echo "pipeline: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
