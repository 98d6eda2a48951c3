#!/usr/bin/env bash
# run-golden.sh — every sample in samples/ converted to JSON and compared
# field by field with its hand-written NAME.expected.json, and converted to
# XML and validated with xmllint against schemas/gkreport.xsd (an check
# independent of the validator built into gkreport).
# Usage: tests/run-golden.sh GKREPORT GOLDEN [WRAPPER...]
set -u
bin=$1 golden=$2
shift 2
wrap=("$@")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0 skip=0
pdf=0
"$bin" --version | grep -q '^PDF: yes' && pdf=1
for exp in samples/*.expected.json; do
    stem=${exp%.expected.json}
    src=""
    for f in "$stem".*; do
        case $f in *.expected.json) ;; *) src=$f ;; esac
    done
    name=${stem##*/}
    if [ -z "$src" ]; then
        echo "FAIL $name: no input beside $exp"; fail=$((fail + 1)); continue
    fi
    if [ "${src##*.}" = pdf ] && [ "$pdf" -eq 0 ]; then
        echo "skip $name: gkreport built without PDF support (PDF=no)"; skip=$((skip + 1)); continue
    fi
    if ! "${wrap[@]}" "$bin" "$src" >"$out/$name.json" 2>"$out/$name.err"; then
        echo "FAIL $name: gkreport exited non-zero: $(cat "$out/$name.err")"; fail=$((fail + 1)); continue
    fi
    if "$golden" "$out/$name.json" "$exp" >"$out/$name.diff"; then
        echo "ok   $name json ($(tail -1 "$out/$name.diff"))"; pass=$((pass + 1))
    else
        echo "FAIL $name json:"; cat "$out/$name.diff"; fail=$((fail + 1))
    fi
    if "${wrap[@]}" "$bin" --format xml "$src" >"$out/$name.xml" 2>"$out/$name.err" &&
        xmllint --noout --schema schemas/gkreport.xsd "$out/$name.xml" 2>"$out/$name.xerr"; then
        echo "ok   $name xml valid"; pass=$((pass + 1))
    else
        echo "FAIL $name xml:"; cat "$out/$name.err" "$out/$name.xerr"; fail=$((fail + 1))
    fi
done
# CSV: one header and one line per report, every line with the header's column count.
"$bin" --format csv samples/*.html samples/*.txt samples/*.docx >"$out/all.csv" 2>"$out/csv.err"
lines=$(wc -l <"$out/all.csv")
inputs=$(ls samples/*.html samples/*.txt samples/*.docx | wc -l)
if [ "$lines" -eq $((inputs + 1)) ] && head -1 "$out/all.csv" | grep -q '^source.path,.*applications.granted.natural_person'; then
    echo "ok   csv: header + $inputs lines"; pass=$((pass + 1))
else
    echo "FAIL csv: $lines lines for $inputs inputs"; cat "$out/csv.err"; fail=$((fail + 1))
fi
[ "$skip" -gt 0 ] && echo "golden: $pass passed, $fail failed, $skip skipped" || echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
