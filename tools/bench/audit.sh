#!/usr/bin/env bash
# audit.sh — the reduce step's speed and memory: gkaudit on a JSONL stream
# of BENCH_AUDIT_REPORTS reports (default 100,000), made by repeating the
# samples converted once, each copy under another agency and year (seven
# consecutive years an agency, so that every cross-year rule runs), and the
# same at a tenth of the size, to show memory growing with the number of
# reports and not their text.  Part of `make bench` (tools/bench/run.sh).
# Usage: tools/bench/audit.sh BUILD_DIR
set -eu
b=$1
n=${BENCH_AUDIT_REPORTS:-100000}
dir=$b/bench-audit
rm -rf "$dir" && mkdir -p "$dir"
inputs=()
for f in samples/*; do
    case $f in *.expected.json | */README.md | *.pdf) ;; *) inputs+=("$f") ;; esac
done
"$b/gkreport" -q -f jsonl "${inputs[@]}" >"$dir/samples.jsonl"
# stream N: line i is sample i mod |samples|, agency 基准机关(i div 7), year 2019 + i mod 7
stream() {
    awk -v n="$1" '
    { i = index($0, ",\"fingerprint\":"); tail[k++] = substr($0, i) } # after agency, year and key
    END {
        for (i = 0; i < n; i++) {
            a = "基准机关" int(i / 7); y = 2019 + i % 7
            print "{\"agency\":\"" a "\",\"year\":" y ",\"key\":\"" a "/" y "\"" tail[i % k]
        }
    }' "$dir/samples.jsonl"
}
stream "$n" >"$dir/big.jsonl"
stream "$((n / 10))" >"$dir/small.jsonl"
mb=$(du -b "$dir/big.jsonl" | awk '{ printf "%.0f", $1 / 1048576 }')
cat "$dir/big.jsonl" >/dev/null # the page cache, warm
run() { # FILE: "seconds peak-RSS-KiB" of gkaudit reading FILE from stdin
    "$b/measure" sh -c "'$b/gkaudit' -o /dev/null --indicators /dev/null - <'$1'" 2>&1 >/dev/null | tail -1
}
# the floor: decoding every line with jansson, nothing else (json_floor.c),
# measured just before and after, so that it sees the machine as gkaudit did
read -r t_floor1 _ <<<"$("$b/measure" sh -c "'$b/json_floor' <'$dir/big.jsonl' >/dev/null" 2>&1 | tail -1)"
read -r t_big rss_big <<<"$(run "$dir/big.jsonl")"
read -r t_floor2 _ <<<"$("$b/measure" sh -c "'$b/json_floor' <'$dir/big.jsonl' >/dev/null" 2>&1 | tail -1)"
read -r t_small rss_small <<<"$(run "$dir/small.jsonl")"
read -r t_cat _ <<<"$("$b/measure" sh -c "cat '$dir/big.jsonl' >/dev/null" 2>&1 | tail -1)"
findings=$("$b/gkaudit" - <"$dir/small.jsonl" 2>/dev/null | wc -l)
awk -v n="$n" -v mb="$mb" -v tb="$t_big" -v rb="$rss_big" -v ts="$t_small" -v rs="$rss_small" -v tc="$t_cat" -v f="$findings" -v fl="$t_floor1" -v fl2="$t_floor2" 'BEGIN {
    printf "\ngkaudit: a JSONL stream of %d reports (%d MB; %d agencies of 7 years)\n", n, mb, (n + 6) / 7
    printf "%-44s %10.1f s  (%.0f reports/s, %.0f MB/s; reading it alone: %.1f s)\n", "time, findings and indicators", tb, n / tb, mb / tb, tc
    printf "%-44s %10.1f s  (gkaudit / floor: %.2fx)\n", "floor: decoding the lines with jansson alone", (fl + fl2) / 2, 2 * tb / (fl + fl2)
    printf "%-44s %10.0f MiB (%.0f bytes a report)\n", "peak RSS", rb / 1024, (rb - rs) * 1024 / (n - n / 10)
    printf "%-44s %10.1f s, %.0f MiB, %d findings\n", sprintf("the same, %d reports", n / 10), ts, rs / 1024, f
}'
rm -rf "$dir"
