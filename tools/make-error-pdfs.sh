#!/usr/bin/env bash
# Rebuild the PDFs that gkreport must refuse, each with its own message
# (tests/run-robust.sh checks them):
#   tests/pdf/encrypted.pdf   a text PDF encrypted with a user password (qpdf)
#   tests/pdf/scanned.pdf     a page image and no text layer (img2pdf of a
#                             low-resolution rendering of samples/pdf-word_2021.pdf)
#   tests/pdf/no-unicode.pdf  text drawn with a Type 3 font whose glyph names
#                             mean nothing and which has no ToUnicode map
#   tests/pdf/plain.pdf       the unencrypted text PDF (the control: it converts
#                             as far as text goes, and is refused as no report)
# Needs python3, qpdf, img2pdf, poppler-utils (Debian packages of these names).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$(dirname "$here")/tests/pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# pdf FILE OBJECT... : a PDF with a correct cross-reference table.
pdf() {
    python3 - "$@" <<'PY'
import sys
path, objs = sys.argv[1], sys.argv[2:]
body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(body))
    body += b"%d 0 obj\n" % i + o.encode("latin-1") + b"\nendobj\n"
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    body += b"%010d 00000 n \n" % off
body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(path, "wb").write(body)
PY
}

stream() { printf '<< /Length %d >>\nstream\n%s\nendstream' "${#1}" "$1"; }

# A page of text in Helvetica (standard encoding: every glyph has its character).
text='BT /F1 14 Tf 72 760 Td (Sample County 2021 annual report on open government information) Tj ET'
pdf "$out/plain.pdf" \
    '<< /Type /Catalog /Pages 2 0 R >>' \
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' \
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>' \
    "$(stream "$text")" \
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'

qpdf --encrypt secret owner 256 -- "$out/plain.pdf" "$out/encrypted.pdf"

# Type 3 glyphs named g1, g2 (no standard names, no ToUnicode): boxes that
# a reader sees but cannot turn into characters.
glyph='0 0 0 0 500 700 d1 50 0 400 700 re f'
text3='BT /F1 24 Tf 72 760 Td <0102010201020102> Tj ET'
pdf "$out/no-unicode.pdf" \
    '<< /Type /Catalog /Pages 2 0 R >>' \
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' \
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>' \
    "$(stream "$text3")" \
    '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 6 0 R /g2 7 0 R >> /Encoding << /Type /Encoding /Differences [1 /g1 /g2] >> /FirstChar 1 /LastChar 2 /Widths [500 500] /Resources << >> >>' \
    "$(stream "$glyph")" \
    "$(stream "$glyph")"

pdftoppm -png -gray -r 25 -f 1 -l 1 "$(dirname "$here")/samples/pdf-word_2021.pdf" "$tmp/page"
img2pdf -o "$out/scanned.pdf" "$tmp"/page*.png
ls -l "$out"
