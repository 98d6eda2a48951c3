#!/usr/bin/env bash
# Rebuild the DOCX samples from their HTML sources:
#   tools/docx-src/NAME.html  ->  samples/NAME.docx
#
# Needs LibreOffice Writer (Debian: apt-get install -y libreoffice-writer-nogui).
# The HTML is imported with the "HTML (StarWriter)" filter so that Writer, not
# Writer/Web, opens it; table rowspan/colspan become w:vMerge/w:gridSpan in the
# DOCX. The expected output of each sample is samples/NAME.expected.json,
# written by hand from the HTML source, not from the DOCX.
#
# Usage: tools/make-docx-samples.sh [NAME.html ...]   (default: every source)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
src="$here/docx-src"
out="$root/samples"

if ! command -v soffice >/dev/null 2>&1; then
    echo "make-docx-samples: soffice not found (apt-get install -y libreoffice-writer-nogui)" >&2
    exit 1
fi

if [ "$#" -gt 0 ]; then
    files=("$@")
else
    files=("$src"/*.html)
fi

# A private LibreOffice profile: no interference with a running instance or
# with the user's settings, and no first-start dialogs.
profile=$(mktemp -d)
tmp=$(mktemp -d)
trap 'rm -rf "$profile" "$tmp"' EXIT

status=0
for f in "${files[@]}"; do
    [ -e "$f" ] || { echo "make-docx-samples: $f: no such file" >&2; status=1; continue; }
    name=$(basename "$f" .html)
    if ! soffice -env:UserInstallation="file://$profile" --headless \
            --infilter="HTML (StarWriter)" \
            --convert-to docx:"MS Word 2007 XML" --outdir "$tmp" "$f" >/dev/null 2>&1 \
       || [ ! -s "$tmp/$name.docx" ]; then
        echo "make-docx-samples: $f: conversion failed" >&2
        status=1
        continue
    fi
    mv "$tmp/$name.docx" "$out/$name.docx"
    echo "$out/$name.docx"
done
exit "$status"
