#!/usr/bin/env bash
# Screenshots of the HTML review page for the README and docs/html.md, one
# per template, taken by headless Chromium from the samples' pages:
#   samples/word-export_2019.html          -> docs/html-2019.png   (2019 template, two blank cells)
#   samples/inconsistent_2021.html         -> docs/html-2021.png   (2021 template, six failing checks)
#   samples/mixed-2021-active_2020.html    -> docs/html-mixed.png  (table 二 2021, table 三 2019)
#   the index of all three                 -> docs/html-index.png
# Needs chromium-headless-shell (tools/install-deps) and a CJK font
# (Debian: fonts-noto-cjk).
# Usage: tools/make-html-screenshots.sh [GKREPORT]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/gkreport}
command -v chromium-headless-shell >/dev/null ||
    { echo "make-html-screenshots: chromium-headless-shell not found (tools/install-deps)" >&2; exit 1; }
fc-list :lang=zh | grep -q . ||
    { echo "make-html-screenshots: no CJK font (apt-get install -y fonts-noto-cjk)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
"$bin" -q --format html -o "$tmp/pages" samples/word-export_2019.html samples/inconsistent_2021.html \
    samples/mixed-2021-active_2020.html

# shot PAGE OUT WIDTHxHEIGHT
shot() {
    chromium-headless-shell --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
        --window-size="$3" --screenshot="$root/docs/$2" "file://$tmp/pages/$1" >/dev/null 2>&1
    echo "docs/$2"
}
shot word-export_2019.html.html html-2019.png 1000,1500
shot inconsistent_2021.html.html html-2021.png 1000,2300
shot mixed-2021-active_2020.html.html html-mixed.png 1000,1500
shot index.html html-index.png 1000,300
