#!/usr/bin/env bash
# run-all.sh — runs every test stage, prints each stage's result and, last,
# the total as "N passed, N failed".
# Usage: tests/run-all.sh BUILD_DIR UNIT_TEST_BINARIES...
set -u
b=$1
shift
total_pass=0 total_fail=0 total_skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# stage NAME COMMAND...: runs it, adds the "N passed, N failed[, N skipped]"
# of its last such line (or 0/1 by exit status when it prints none).
stage() {
    local name=$1
    shift
    echo "=== $name"
    "$@" 2>&1 | tee "$log" | grep -Ev '^(ok  |\[ +(RUN|OK) +\])' 
    local rc=${PIPESTATUS[0]}
    local line p f s
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    if [ -n "$line" ]; then
        p=$(sed -E 's/^(.*[^0-9])?([0-9]+) passed.*/\2/' <<<"$line")
        f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
        s=$(grep -Eo '[0-9]+ skipped' <<<"$line" | grep -Eo '[0-9]+' || echo 0)
    else
        p=$(grep -c '^\[       OK \]' "$log" || true)
        f=$(grep -c '^\[  FAILED  \] [a-z_]' "$log" || true)
        s=$(grep -c '^\[  SKIPPED \] [a-z_]' "$log" || true)
        [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && { [ "$rc" -eq 0 ] && p=1 || f=1; }
    fi
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    total_pass=$((total_pass + p)) total_fail=$((total_fail + f)) total_skip=$((total_skip + s))
}

for t in "$@"; do
    stage "unit ${t##*/}" "$t"
done
stage "golden samples" tests/run-golden.sh "$b/gkreport" "$b/golden"
stage "HTML pages in a browser" tests/run-browser.sh "$b/gkreport"
stage "corpus accuracy floor" tests/run-corpus.sh --check "$b/gkreport" "$b/golden"
stage "damaged and hostile input" tests/run-robust.sh "$b/gkreport"
stage "PDF tables without rulings: placed by columns, measured beside the text path" tests/measure-unruled.sh "$b" --check
stage "bulk pipeline" tests/run-pipeline.sh "$b/gkreport" "$b/golden" "$b/csvcheck"
stage "make install, pkg-config, the man page's examples (C, C++)" tests/run-install.sh "$b"
stage "tables for analysts: long, --excel, codebook, JSON Schema" tests/run-analyst.sh "$b/gkreport"
stage "gkaudit: findings across reports" tests/run-audit.sh "$b/gkreport" "$b/gkaudit"
# A sample of `make alloc-sweep` in each build: all told about a minute.
stage "allocation failures (every 17th, and the first and last 250)" tests/run-alloc.sh 17 250 "$b/alloc_fail"
# ulimit -v and an LD_PRELOAD allocator: the plain build only (see the script)
stage "a -j 8 batch out of memory" tests/run-memory.sh "$b/gkreport" "$b/failmalloc.so"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
stage "golden samples under ASan+UBSan" tests/run-golden.sh build/asan/gkreport "$b/golden"
stage "damaged input under ASan+UBSan" tests/run-robust.sh build/asan/gkreport
stage "corpus under ASan+UBSan" tests/run-corpus.sh --check build/asan/gkreport "$b/golden"
stage "bulk pipeline under ASan+UBSan" tests/run-pipeline.sh build/asan/gkreport "$b/golden" "$b/csvcheck"
stage "tables for analysts under ASan+UBSan" tests/run-analyst.sh build/asan/gkreport
stage "gkaudit under ASan+UBSan" tests/run-audit.sh build/asan/gkreport build/asan/gkaudit
stage "allocation failures under ASan+UBSan (every 97th)" tests/run-alloc.sh 97 40 build/asan/alloc_fail
htmlout=$(mktemp -d)
stage "an HTML batch of every sample under ASan+UBSan" build/asan/gkreport -q -j 2 --format html -o "$htmlout" \
    samples/*.html samples/*.txt samples/*.docx
rm -rf "$htmlout"
unset ASAN_OPTIONS UBSAN_OPTIONS
export TSAN_OPTIONS=halt_on_error=1:exitcode=66
stage "bulk pipeline under ThreadSanitizer" tests/run-pipeline.sh build/tsan/gkreport "$b/golden" "$b/csvcheck"
unset TSAN_OPTIONS

vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --suppressions=tests/valgrind.supp)
for t in "$@"; do
    stage "unit ${t##*/} under valgrind" "${vg[@]}" "$t"
done
stage "golden samples under valgrind" tests/run-golden.sh "$b/gkreport" "$b/golden" "${vg[@]}"
stage "damaged input under valgrind" tests/run-robust.sh "$b/gkreport" "${vg[@]}"
stage "gkaudit under valgrind" tests/run-audit.sh "$b/gkreport" "$b/gkaudit" "${vg[@]}"
stage "allocation failures under valgrind (every 1499th)" tests/run-alloc.sh 1499 2 "$b/alloc_fail" "${vg[@]}"
vgout=$(mktemp -d)
pdfs=() # the PDF samples too, when built with PDF support: a MuPDF context per worker
"$b/gkreport" --version | grep -q '^PDF: yes' && pdfs=(samples/*.pdf)
stage "a -j 2 batch of every sample under valgrind" "${vg[@]}" "$b/gkreport" -q -j 2 -o "$vgout" \
    samples/*.html samples/*.txt samples/*.docx "${pdfs[@]}"
rm -rf "$vgout"

echo
if [ "$total_skip" -gt 0 ]; then
    echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
    echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" -eq 0 ]
