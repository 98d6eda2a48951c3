#!/usr/bin/env bash
# run-browser.sh — the HTML review pages loaded in a real browser (headless
# Chromium, --dump-dom) and checked on the DOM the browser built, read with
# xmllint, against the report's own JSON (read with jq):
#   every page: lang zh-CN, nothing loaded or run (no script, img, iframe,
#     object, embed, link, src, on* attribute, javascript: link, comment), a
#     cell per value, class "null" on exactly the null values, the original
#     text in the cells provenance names, sections folded;
#   every failing check listed with links, each to a cell marked "fail"
#     whose data-rules names the rule, and every "fail" cell read by a
#     failing check of each rule it names (samples/inconsistent_*: the
#     failing_checks of the expected file);
#   the hostile sample's markup shown as text; the template editions
#     (2019, 2021, mixed) drawn with their rows;
#   DIR/index.html: every input in input order, failing ones marked, links
#     that lead to the pages.
# The command line first (no browser needed): several inputs without -o
# refused, -o FILE, a bad input in a batch, --skip-existing.  The browser
# part is skipped, with the reason, when no headless Chromium can run.
# Usage: tests/run-browser.sh GKREPORT
set -u
bin=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
# expect NAME GOT WANT
expect() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }

# The browser: Debian's chromium-headless-shell, or chromium --headless.
browser=()
if command -v chromium-headless-shell >/dev/null; then
    browser=(chromium-headless-shell)
elif command -v chromium >/dev/null; then
    browser=(chromium --headless)
fi
found=${#browser[@]}
# root has no user namespace sandbox in a container; the pages run no script
browser+=(--no-sandbox --disable-gpu --no-first-run --disable-extensions --single-process --no-zygote)

inputs=(samples/*.html samples/*.txt samples/*.docx)
"$bin" --version | grep -q '^PDF: yes' && inputs+=(samples/*.pdf)

# The command line, without a browser: where pages go, and what is refused.
cli="$out/cli"
mkdir -p "$cli"
"$bin" --format html samples/tab-text_2021.txt samples/inconsistent_2021.html >"$cli/stdout" 2>"$cli/stderr"
expect "several inputs without -o: exit" "$?" 2
expect "several inputs without -o: nothing written" "$(wc -c <"$cli/stdout")" 0
grep -q 'needs -o DIR' "$cli/stderr" && ok || bad "several inputs without -o: $(cat "$cli/stderr")"
"$bin" --format html samples/tab-text_2021.txt >"$cli/one.html"
expect "one input: a page on standard output" "$(head -c 15 "$cli/one.html")" '<!DOCTYPE html>'
"$bin" --format html -o "$cli/named.html" samples/tab-text_2021.txt
cmp -s "$cli/one.html" "$cli/named.html" && ok || bad "one input, -o FILE: not the page"
printf 'not a report\0\1\2' >"$cli/broken.docx"
cp samples/tab-text_2021.txt "$cli/index"
"$bin" -q --format html -o "$cli/refused" samples/tab-text_2021.txt "$cli/index" 2>/dev/null
expect "an input named index: exit" "$?" 2
"$bin" -q --format html -o "$cli/batch" samples/tab-text_2021.txt "$cli/broken.docx" samples/inconsistent_2021.html \
    2>/dev/null
expect "a batch with a bad file: exit" "$?" 4
expect "a batch with a bad file: pages" "$(ls "$cli/batch" | sort | tr '\n' ' ')" \
    "inconsistent_2021.html.html index.html tab-text_2021.txt.html "
grep -c '<tr id="report-[0-9]*" class="\(ok\|error\|fail\)"' "$cli/batch/index.html" >"$cli/rows"
expect "a batch with a bad file: index rows" "$(cat "$cli/rows")" 3
expect "a batch with a bad file: its row" "$(grep -o '<tr id="report-2" class="[a-z]*"' "$cli/batch/index.html")" \
    '<tr id="report-2" class="error"'
"$bin" -q --format html --skip-existing -o "$cli/batch" samples/tab-text_2021.txt samples/inconsistent_2021.html
expect "--skip-existing: exit" "$?" 0
grep -q 'href="tab-text_2021.txt.html"' "$cli/batch/index.html" && ok || bad "--skip-existing: the index lost a page"

skip_all() {
    echo "skip: $1"
    echo "browser: $pass passed, $fail failed, ${#inputs[@]} skipped"
    exit "$((fail > 0))"
}
[ "$found" -gt 0 ] || skip_all "no headless Chromium (tools/install-deps installs chromium-headless-shell)"
command -v jq >/dev/null || skip_all "jq is missing (tools/install-deps installs it)"
printf '<!DOCTYPE html><html><body><p id="x">ok</p></body></html>' >"$out/probe.html"
timeout 60 "${browser[@]}" --user-data-dir="$out/profile" --dump-dom "file://$out/probe.html" 2>/dev/null | grep -q '<p id="x">ok</p>' ||
    skip_all "${browser[0]} cannot run here"

# dump_all DIR NAME...: DIR/NAME.html → $out/NAME.dom, two browsers at a
# time (each with a profile of its own)
dump_all() {
    local dir=$1
    shift
    # bash -c SCRIPT bash OUT DIR BROWSER... NAME (xargs appends NAME)
    printf '%s\0' "$@" | xargs -0 -P 2 -n 1 bash -c 'o=$1 d=$2 n=${!#}; shift 2; set -- "${@:1:$#-1}"
        timeout 120 "$@" --user-data-dir="$o/profile-$$" --dump-dom "file://$d/$n.html" >"$o/$n.dom" 2>/dev/null' \
        bash "$out" "$dir" "${browser[@]}"
}
# xpath FILE EXPR: its value (count(), string()), empty when it selects nothing
xpath() { xmllint --html --xpath "$2" "$1" 2>/dev/null; }
cls() { echo "contains(concat(' ', @class, ' '), ' $1 ')"; }

# Nothing from the report became an element, nothing is loaded or run.
check_inert() {
    local name=$1 dom=$2
    expect "$name lang" "$(xpath "$dom" 'string(/html/@lang)')" zh-CN
    expect "$name active elements" \
        "$(xpath "$dom" 'count(//script|//img|//iframe|//object|//embed|//link|//svg|//math|//form|//*[@src])')" 0
    expect "$name on* attributes" "$(xpath "$dom" "count(//@*[starts-with(name(), 'on')])")" 0
    expect "$name javascript: links" "$(xpath "$dom" "count(//a[contains(@href, 'javascript:')])")" 0
    expect "$name comments" "$(xpath "$dom" 'count(//comment())')" 0
}

# Value cells and nulls, as many as the JSON has; the original text where
# provenance has one.
check_cells() {
    local name=$1 dom=$2 json=$3 want got
    local tables='[.active_disclosure, .applications, .reviews_litigation] | map(select(. != null) | to_entries[]
                  | .value | to_entries[] | select(.key != "label") | .value)'
    want=$(jq "$tables | length" "$json")
    expect "$name value cells" "$(xpath "$dom" "count(//td[@id][$(cls v)])")" "$want"
    want=$(jq "$tables | map(select(. == null)) | length" "$json")
    expect "$name null cells" "$(xpath "$dom" "count(//td[@id][$(cls null)])")" "$want"
    got=$(xpath "$dom" "count(//td[$(cls null)][@data-value])")
    expect "$name null cells hold no value" "$got" 0
    while IFS=$'\t' read -r field raw; do
        [ -n "$field" ] || continue
        expect "$name raw text of $field" \
            "$(xpath "$dom" "string(//td[@id='$field'][$(cls raw)]/span[@class='orig'])")" "$raw"
    done < <(jq -r '.provenance[] | [.field, .raw] | @tsv' "$json")
}

# Failing checks: listed, linked to cells marked with their rule; and each
# marked cell explained by a failing check of each rule it names.
check_failures() {
    local name=$1 dom=$2 json=$3 rule scope href rules r
    expect "$name failing checks listed" "$(xpath "$dom" "count(//tr[@class='fail'][@data-rule])")" \
        "$(jq '[.checks[] | select(.status == "fail")] | length' "$json")"
    while IFS=$'\t' read -r rule scope; do
        local row="//tr[@class='fail'][@data-rule='$rule'][@data-scope='$scope']"
        expect "$name $rule/$scope listed" "$(xpath "$dom" "count($row)")" 1
        local links
        links=$(xpath "$dom" "$row//a/@href" | sed -E 's/^ *href="#?([^"]*)"$/\1/')
        [ -n "$links" ] || bad "$name $rule/$scope: no link to its cells"
        for href in $links; do
            rules=$(xpath "$dom" "string(//td[@id='$href'][$(cls fail)]/@data-rules)")
            case " $rules " in
            *" $rule "*) ok ;;
            *) bad "$name $rule/$scope: cell $href is not marked fail with $rule (data-rules '$rules')" ;;
            esac
        done
    done < <(jq -r '.checks[] | select(.status == "fail") | [.rule, .scope] | @tsv' "$json")
    while IFS= read -r href; do
        [ -n "$href" ] || continue
        rules=$(xpath "$dom" "string(//td[@id='$href']/@data-rules)")
        [ -n "$rules" ] || bad "$name cell $href: class fail without data-rules"
        for r in $rules; do
            expect "$name cell $href explained by a failing $r" \
                "$(xpath "$dom" "count(//tr[@class='fail'][@data-rule='$r']//a[@href='#$href']) > 0")" true
        done
    done < <(xpath "$dom" "//td[$(cls fail)]/@id" | sed -E 's/^ *id="([^"]*)"$/\1/')
}

check_page() {
    local name=$1 dom=$2 json=$3
    check_inert "$name" "$dom"
    check_cells "$name" "$dom" "$json"
    check_failures "$name" "$dom" "$json"
    expect "$name sections folded" "$(xpath "$dom" "count(//details[starts-with(@id, 'section-')][not(@open)])")" \
        "$(jq '.sections | length' "$json")"
    expect "$name template" "$(xpath "$dom" 'string(//*[@id="template"]/@data-template)')" "$(jq -r .template "$json")"
}

mkdir -p "$out/pages"
"$bin" -q --format html -o "$out/pages" "${inputs[@]}" 2>"$out/batch.err" || bad "batch: $(cat "$out/batch.err")"
names=()
for src in "${inputs[@]}"; do names+=("${src##*/}"); done
dump_all "$out/pages" "${names[@]}" index
for src in "${inputs[@]}"; do
    name=${src##*/}
    "$bin" "$src" >"$out/$name.json" 2>/dev/null || { bad "$name: no JSON"; continue; }
    if ! grep -q '</html>' "$out/$name.dom"; then
        bad "$name: the browser returned no DOM"
        continue
    fi
    check_page "$name" "$out/$name.dom" "$out/$name.json"
done

# The expected failing checks of the inconsistent samples, and their cells.
for exp in samples/inconsistent_*.expected.json; do
    name=$(basename "${exp%.expected.json}").html
    dom=$out/$name.dom
    while IFS=/ read -r rule scope; do
        expect "$name expected failure $rule/$scope" \
            "$(xpath "$dom" "count(//tr[@class='fail'][@data-rule='$rule'][@data-scope='$scope'])")" 1
    done < <(jq -r '.failing_checks[]' "$exp")
done
dom=$out/inconsistent_2021.html.dom
expect "（七）总计 natural_person rules" \
    "$(xpath "$dom" 'string(//td[@id="applications.results_total.natural_person"]/@data-rules)')" \
    "applications.balance applications.results_sum"
expect "6.属于四类过程性信息 total rules" \
    "$(xpath "$dom" 'string(//td[@id="applications.denied_process_info.total"]/@data-rules)')" \
    "applications.results_sum applications.row_total"
expect "未经复议直接起诉 total rules" \
    "$(xpath "$dom" 'string(//td[@id="reviews_litigation.litigation_direct.total"]/@data-rules)')" \
    "reviews_litigation.group_total"
expect "a cell of no failing check" \
    "$(xpath "$dom" "count(//td[@id='applications.granted.commercial'][$(cls fail)])")" 0

# The hostile sample: its markup is text.
dom=$out/hostile-markup_2021.txt.dom
expect "hostile title as text" "$(xpath "$dom" 'string(//h1)')" \
    '</table><script>alert(1)</script>2021年<img src=x onerror=alert(1)>政府信息公开工作年度报告'
expect "hostile <title> as text" "$(xpath "$dom" 'string(//head/title)')" "$(jq -r .title "$out/hostile-markup_2021.txt.json")"
expect "hostile agency as text" "$(xpath "$dom" 'string(//*[@id="agency"])')" '</table><script>alert(1)</script>'
expect "hostile row label as text" "$(xpath "$dom" 'string(//tr[@data-item="extra_1"]/th)')" \
    '<script>alert(2)</script>其他文件'
expect "hostile section keeps <!-- and ]]>" \
    "$(xpath "$dom" "count(//details[@id='section-1']/p[contains(., '<!-- 未闭合的注释') and contains(., ']]>')])")" 1
expect "hostile link as text" "$(xpath "$dom" "count(//details[@id='section-5']/p[contains(., '<a href=\"javascript:alert(3)\">')])")" 1

# Editions: the rows each draws, and the nested heads of table 三.
dom=$out/word-export_2019.html.dom
expect "2019: （六）其他处理 one row" "$(xpath "$dom" "count(//tr[@data-row='other_processing'])")" 1
expect "2019: no 2021 （六） rows" "$(xpath "$dom" "count(//tr[@data-row='other_other'])")" 0
expect "2019: table 三 rows" "$(xpath "$dom" 'count(//table[@class="applications"]/tbody/tr)')" 23
expect "2019: 第二十条第（九）项" "$(xpath "$dom" "count(//tr[@class='article']/th[.='第二十条第（九）项'])")" 1
expect "2019: its own wording" "$(xpath "$dom" "count(//th[.='规范性文件' or .='采购总金额'])")" 2
dom=$out/tab-text_2021.txt.dom
expect "2021: table 三 rows" "$(xpath "$dom" 'count(//table[@class="applications"]/tbody/tr)')" 25
expect "2021: （六）其他处理 spans its three rows" \
    "$(xpath "$dom" "string(//th[$(cls group)][starts-with(., '（六）')]/@rowspan)")" 3
expect "2021: 三、本年度办理结果 spans the results" \
    "$(xpath "$dom" "string(//th[$(cls results)]/@rowspan)")" 22
expect "2021: 法人或其他组织 over five columns" "$(xpath "$dom" "string(//thead//th[.='法人或其他组织']/@colspan)")" 5
expect "2021: column code on hover" "$(xpath "$dom" "string(//thead//th[.='科研机构']/@title)")" research
expect "2021: row code on hover" "$(xpath "$dom" "string(//tr[@data-row='granted']/th[last()]/@title)")" granted
dom=$out/mixed-2021-active_2020.html.dom
expect "mixed: table 二 edition" "$(xpath "$dom" 'string(//*[@id="active_edition"])')" 2021
expect "mixed: table 三 edition" "$(xpath "$dom" 'string(//*[@id="apps_edition"])')" 2019
expect "mixed: 2021 measures" "$(xpath "$dom" "count(//th[@data-code='in_force'])")" 1
expect "mixed: 2019 rows" "$(xpath "$dom" "count(//tr[@data-row='other_processing'])")" 1

# The index: every input in order, the failing ones marked, links that work.
dom=$out/index.dom
check_inert index "$dom"
expect "index rows" "$(xpath "$dom" 'count(//table[@class="index"]/tbody/tr)')" "${#inputs[@]}"
k=0
for src in "${inputs[@]}"; do
    k=$((k + 1))
    row="//table[@class='index']/tbody/tr[$k]"
    expect "index row $k source" "$(xpath "$dom" "string($row/td[last()])")" "$src"
    want=ok
    [ "$(jq '[.checks[] | select(.status == "fail")] | length' "$out/${src##*/}.json")" -gt 0 ] && want=fail
    expect "index row $k marked" "$(xpath "$dom" "string($row/@class)")" "$want"
    href=$(xpath "$dom" "string($row//a/@href)")
    [ -f "$out/pages/$(printf '%b' "${href//%/\\x}")" ] && ok || bad "index row $k: link '$href' leads nowhere"
done
expect "index failing list" "$(xpath "$dom" 'count(//ol[@id="failing"]/li)')" \
    "$(xpath "$dom" "count(//table[@class='index']/tbody/tr[@class='fail'])")"

echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
