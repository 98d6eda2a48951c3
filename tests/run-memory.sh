#!/usr/bin/env bash
# run-memory.sh — a -j 8 batch that runs out of memory: each run must end
# (under timeout), with exit 0 or 70 and never a signal, and every input
# must either get the very output an unlimited run gives it or be named,
# on stderr and in --failures, with "out of memory".  Nothing may be
# silently missing or different.
#
#  1. ulimit -v just above what converting one report needs: no second
#     thread's stack fits (pthread_create fails), the calling thread
#     converts every input, the two large inputs cannot be read;
#  2. no worker thread can allocate (tests/failmalloc.c): each stops before
#     taking work, since libxml2 could not set up its per-thread state,
#     and the calling thread converts everything;
#  3. every allocation of 4 MiB or more fails, with 8 workers converting:
#     the large inputs fail among the small ones, in the ordered-output
#     window, without stopping or reordering the others.
#
# Plain build only: AddressSanitizer and ThreadSanitizer reserve terabytes
# of address space, so no ulimit -v leaves them room to start, and they
# replace malloc themselves.  The limit of (1) is found by bisection (the
# least under which one report converts right): it depends on the shared
# libraries mapped (ICU's data alone is 30 MB), not on this test.
#
# Usage: tests/run-memory.sh GKREPORT FAILMALLOC_SO
#        tests/run-memory.sh --sweep GKREPORT FAILMALLOC_SO [FROM_MB TO_MB STEP_MB ROUNDS]
#   --sweep runs the same judgement under every ulimit -v from FROM_MB to
#   TO_MB (default 50 to 200 by 10, 3 rounds each), all threads running:
#   it finds where the converter still misbehaves, and is not run by
#   `make check`.
set -u
sweep=false
if [ "${1:-}" = --sweep ]; then
    sweep=true
    shift
fi
bin=$(realpath "$1") failmalloc=$(realpath "$2")
samples=$(realpath samples)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
cd "$d"

if grep -aqE '__(asan|tsan|msan)_init' "$bin"; then
    echo "memory: a sanitizer build cannot run under ulimit -v; this test runs with the plain build"
    echo "memory: 0 passed, 0 failed, 1 skipped"
    exit 0
fi

# The batch: every sample, a 5 MB CMS page (a report, then a long list of
# links) and 5 MB of crawler text; the large ones twice, in the middle of
# the list (by name), so the inputs after them must still come out.
mkdir in
# (the PDF samples only when the binary reads PDF)
pdf=0
"$bin" --version | grep -q '^PDF: yes' && pdf=1
for f in "$samples"/*; do
    case $f in *.expected.json | */README.md) ;; *.pdf) [ "$pdf" -eq 0 ] || cp "$f" in/ ;; *) cp "$f" in/ ;; esac
done
{
    sed -n '1,/<\/body>/p' "$samples/label-variants_2021.html" | sed '$d'
    seq 40000 | sed 's|.*|<div class="nav"><a href="/xxgk/&.html">示例市人民政府关于印发第&号文件的通知</a><span>2021-03-01</span></div>|'
    echo '</body></html>'
} >in/large-page_2021.html
crawl=$(<"$samples/run-together_2021.txt")
for _ in $(seq 1200); do printf '%s\n' "$crawl"; done >in/large-crawl_2021.txt
cp in/large-page_2021.html in/large-page-copy_2021.html
cp in/large-crawl_2021.txt in/large-crawl-copy_2021.txt
inputs=(in/*)
small=()
for f in "${inputs[@]}"; do case $f in in/large-*) ;; *) small+=("$f") ;; esac; done

if ! timeout 60 "$bin" -q -j 8 -o ref "${inputs[@]}" 2>ref.err; then
    bad "unlimited run: $(head -3 ref.err)"
    echo "memory: $pass passed, $fail failed"
    exit 1
fi

# judge NAME RC: every input identical to ref/ or named as out of memory;
# sets $failed_names to the inputs that failed, in the order said.
judge() {
    local name=$1 rc=$2 same=0 failed=0 wrong=""
    for f in "${inputs[@]}"; do
        local o=out/${f#in/}.json
        if [ -f "$o" ] && cmp -s "$o" "ref/${f#in/}.json"; then
            same=$((same + 1))
        elif [ ! -e "$o" ] && grep -qF "$f: out of memory" err && grep -qF "{\"path\":\"$f\",\"reason\":\"out of memory" fail.jsonl; then
            failed=$((failed + 1))
        else
            local said
            said=$(grep -F "$f: " err | head -1 | cut -c1-120)
            wrong="$wrong ${f#in/}$([ -e "$o" ] && echo ' (differs)' || echo " (missing; said: ${said:-nothing})")"
        fi
    done
    failed_names=$(sed 's/^{"path":"\([^"]*\)".*/\1/' fail.jsonl 2>/dev/null | tr '\n' ' ')
    local what="$name: exit $rc, $same identical, $failed out of memory"
    if [ "$rc" -ge 124 ]; then
        bad "$what: $([ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && echo 'hung' || echo "killed by signal $((rc - 128))")"
    elif [ "$rc" -ne 0 ] && [ "$rc" -ne 70 ]; then
        bad "$what: want exit 0 or 70; $(grep -v '^gkreport: [0-9]* converted' err | head -3)"
    elif [ -n "$wrong" ]; then
        bad "$what; wrong:$wrong"
    elif [ $((rc == 70)) -ne $((failed > 0)) ]; then
        bad "$what: the exit status and the failures disagree"
    else
        ok "$what"
        return 0
    fi
    return 1
}

# limited LIMIT_KIB: one -j 8 run under ulimit -v (and an 8 MB stack for
# each thread, whatever the caller's ulimit -s) and timeout.
limited() {
    rm -rf out fail.jsonl
    (ulimit -s 8192 -v "$1" && exec timeout -k 5 10 "$bin" -j 8 -o out --failures fail.jsonl "${inputs[@]}") >/dev/null 2>err
}

if $sweep; then
    from=${3:-50} to=${4:-200} step=${5:-10} rounds=${6:-3}
    for mb in $(seq "$from" "$step" "$to"); do
        for _ in $(seq "$rounds"); do
            limited $((mb * 1024))
            judge "ulimit -v $mb MB" $?
        done
    done
    echo "memory: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi

# The least ulimit -v (KiB) under which a sample converts right: crawler
# text, which needs as much as any (within 1 MB of the most, which the
# 4 MB added below covers) and, unlike HTML, cannot hang in libxml2 when
# memory runs out.
heavy=in/run-together_2021.txt
lo=8192 hi=1048576
while [ $((hi - lo)) -gt 512 ]; do
    mid=$(((lo + hi) / 2))
    rm -f one.json
    if (ulimit -v "$mid" && exec timeout 10 "$bin" -q -j 1 -o one.json "$heavy") >/dev/null 2>&1 &&
        cmp -s one.json "ref/${heavy#in/}.json"; then
        hi=$mid
    else
        lo=$mid
    fi
done

# 1. Room for one report's conversion and no thread stack (8 MB).
limited $((hi + 4096))
if judge "1. ulimit -v $(((hi + 4096) / 1024)) MB, no room for a thread" $?; then
    grep -q '^gkreport: running 1 of 8 workers: ' err && [ "$failed_names" = "$(printf '%s ' in/large-*)" ] ||
        bad "1. the calling thread did not convert alone, or not the large inputs failed: $(head -2 err)"
fi

# 2. No worker thread can allocate: libxml2 cannot set up its state there.
# (The small inputs only: the calling thread converts them all, alone.)
all=("${inputs[@]}")
inputs=("${small[@]}")
rm -rf out fail.jsonl
timeout -k 5 20 env FAILMALLOC_THREADS=1 FAILMALLOC_AT=1 FAILMALLOC_ALL=1 LD_PRELOAD="$failmalloc" \
    "$bin" -j 8 -o out --failures fail.jsonl "${inputs[@]}" >/dev/null 2>err
if judge "2. no worker thread can allocate" $?; then
    grep -q "^gkreport: running 1 of 8 workers: out of memory for libxml2's per-thread state" err && [ -z "$failed_names" ] ||
        bad "2. the workers' stop is not said, or an input failed: $(head -2 err)"
fi
inputs=("${all[@]}")

# 3. Eight workers; the large inputs' buffers cannot be allocated.
rm -rf out fail.jsonl
timeout -k 5 20 env FAILMALLOC_MIN=$((4 << 20)) LD_PRELOAD="$failmalloc" \
    "$bin" -j 8 -o out --failures fail.jsonl "${inputs[@]}" >/dev/null 2>err
if judge "3. 8 workers, no allocation of 4 MiB or more" $?; then
    [ "$failed_names" = "$(printf '%s ' in/large-*)" ] && ! grep -q 'running .* workers' err ||
        bad "3. want exactly the large inputs failed, in input order, and every worker running: $failed_names"
fi

echo "memory: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
