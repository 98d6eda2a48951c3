#!/usr/bin/env bash
# Rebuild the PDF samples from the DOCX samples, with LibreOffice:
#   samples/word_2021.docx -> samples/pdf-word_2021.pdf            (A4, as is)
#   samples/word_2019.docx -> samples/pdf-word_2019.pdf            (A4: a row cut by a page break)
#   samples/word_2021.docx -> samples/pdf-short-pages_2021.pdf     (pages 7.5 cm high: every table
#                              runs over several pages, table 三's three header rows repeated on each)
#   samples/word_2019.docx -> samples/pdf-short-pages_2019.pdf     (the same for the 2019 template)
# (The PDFs of tables drawn without rulings are made by tools/make-unruled-pdfs.sh.)
# A page size is set in word/document.xml (w:pgSz, twips) before the
# conversion; "repeated header" marks table 三's first rows w:tblHeader.
# The expected output of each is the DOCX's own (samples/word_*.expected.json),
# with source.format "pdf": a PDF sample says what the document it was made from says.
#
# Needs LibreOffice Writer and python3 (Debian: libreoffice-writer-nogui python3).
# Usage: tools/make-pdf-samples.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
samples="$root/samples"

command -v soffice >/dev/null 2>&1 ||
    { echo "make-pdf-samples: soffice not found (apt-get install -y libreoffice-writer-nogui)" >&2; exit 1; }

profile=$(mktemp -d)
tmp=$(mktemp -d)
trap 'rm -rf "$profile" "$tmp"' EXIT

# variant SRC.docx OUT.docx PAGE_HEIGHT_TWIPS|- HEADER_ROWS
variant() {
    python3 - "$@" <<'PY'
import re, sys, zipfile
src, out, height, header_rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "word/document.xml":
        xml = data.decode("utf-8")
        if height != "-":
            xml = re.sub(r'(<w:pgSz [^>]*w:h=")\d+"', r'\g<1>' + height + '"', xml)
        if header_rows:
            # table 三 is the document's second table
            start = [m.start() for m in re.finditer("<w:tbl>", xml)][1]
            head, rest = xml[:start], xml[start:]
            rest = rest.replace("<w:trPr></w:trPr>", "<w:trPr><w:tblHeader/></w:trPr>", header_rows)
            xml = head + rest
        data = xml.encode("utf-8")
    zout.writestr(item, data)
zout.close()
PY
}

# make NAME SOURCE PAGE_HEIGHT HEADER_ROWS
make() {
    local name=$1 src=$2 dest=$samples
    variant "$samples/$src.docx" "$tmp/$name.docx" "$3" "$4"
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
        --outdir "$tmp" "$tmp/$name.docx" >/dev/null 2>&1
    [ -s "$tmp/$name.pdf" ] || { echo "make-pdf-samples: $name: conversion failed" >&2; exit 1; }
    mv "$tmp/$name.pdf" "$dest/$name.pdf"
    echo "$dest/$name.pdf"
}

make pdf-word_2021 word_2021 - 0
make pdf-word_2019 word_2019 - 0
make pdf-short-pages_2021 word_2021 4252 3
make pdf-short-pages_2019 word_2019 4252 3
