#!/usr/bin/env bash
# Rebuild the PDFs whose tables are drawn without rulings, the material on
# which the two readings of such tables are measured (docs/pdf.md): words
# placed into the columns of the header cells (parser/pdf_unruled_*.c), or
# the lines handed to the run-together solver (parser/flat.c).  Each is a
# DOCX sample with every table border removed and one layout changed, then
# exported by LibreOffice:
#   wide    A4 landscape, the tables 1.5 times as wide: columns far apart
#   tight   the tables 0.62 times as wide, in 9-point type: columns close,
#           labels wrapped over three or four lines, header words stacked
#   right   numbers right-aligned, every cell's text at its top (Word's
#           default): a wrapped label's later lines stand below its values
#   short   pages 7.5 cm high, table 三's header rows repeated on each: every
#           table runs over page breaks, rows cut mid-label
#   plain   A4 as the DOCX is
# for both templates (samples/word_2021.docx, samples/word_2019.docx).  Those
# gkreport reads exactly are golden samples, samples/pdf-unruled-LAYOUT_YEAR.pdf;
# the others are measured only, tests/pdf/unruled-LAYOUT_YEAR.pdf.  Their
# expected values are the DOCX's own (samples/word_YEAR.expected.json,
# written by hand from its source): the layout changes where the words
# stand, not what they say.
#
# Needs LibreOffice Writer and python3 (Debian: libreoffice-writer-nogui python3).
# Usage: tools/make-unruled-pdfs.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
samples="$root/samples"

command -v soffice >/dev/null 2>&1 ||
    { echo "make-unruled-pdfs: soffice not found (apt-get install -y libreoffice-writer-nogui)" >&2; exit 1; }

profile=$(mktemp -d)
tmp=$(mktemp -d)
trap 'rm -rf "$profile" "$tmp"' EXIT

# variant SRC.docx OUT.docx LAYOUT
variant() {
    python3 - "$@" <<'PY'
import re, sys, zipfile
src, out, layout = sys.argv[1:4]

def scale_widths(xml, factor):
    def one(m):
        return m.group(1) + str(int(int(m.group(2)) * factor)) + '"'
    for tag in ("w:tblW w:w=", "w:gridCol w:w=", "w:tcW w:w="):
        xml = re.sub(r'(<' + tag + r'")(\d+)"', one, xml)
    return xml

def cell_text(tc):
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", tc))

def right_align_numbers(xml):
    def one(m):
        tc = m.group(0)
        if re.fullmatch(r"\s*-?[0-9][0-9,.]*\s*", cell_text(tc)):
            tc = re.sub(r'<w:jc w:val="[a-z]+"/>', '<w:jc w:val="right"/>', tc)
        return tc
    return re.sub(r"<w:tc>.*?</w:tc>", one, xml, flags=re.S)

def repeat_header(xml, rows):
    start = [m.start() for m in re.finditer("<w:tbl>", xml)][1]  # table 三
    head, rest = xml[:start], xml[start:]
    return head + rest.replace("<w:trPr></w:trPr>", "<w:trPr><w:tblHeader/></w:trPr>", rows)

zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "word/document.xml":
        xml = data.decode("utf-8")
        xml = re.sub(r"<w:tcBorders>.*?</w:tcBorders>", "", xml)
        xml = re.sub(r"<w:tblBorders>.*?</w:tblBorders>", "", xml)
        if layout == "wide":
            xml = re.sub(r'<w:pgSz [^>]*/>', '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', xml)
            xml = scale_widths(xml, 1.5)
        elif layout == "tight":
            xml = scale_widths(xml, 0.62)
            # the tables' type at 9 points (sz is in half points)
            parts = re.split(r"(<w:tbl>.*?</w:tbl>)", xml, flags=re.S)
            for i in range(1, len(parts), 2):
                parts[i] = parts[i].replace("<w:rPr></w:rPr>", '<w:rPr><w:sz w:val="18"/></w:rPr>')
                parts[i] = re.sub(r'<w:sz w:val="\d+"/>', '<w:sz w:val="18"/>', parts[i])
            xml = "".join(parts)
        elif layout == "right":
            xml = right_align_numbers(xml)
            xml = re.sub(r'<w:vAlign w:val="[a-z]+"/>', '<w:vAlign w:val="top"/>', xml)
        elif layout == "short":
            xml = re.sub(r'(<w:pgSz [^>]*w:h=")\d+"', r'\g<1>4252"', xml)
            xml = repeat_header(xml, 3)
        data = xml.encode("utf-8")
    zout.writestr(item, data)
zout.close()
PY
}

# make LAYOUT YEAR DEST
make() {
    local name=unruled-$1_$2 dest=$3
    variant "$samples/word_$2.docx" "$tmp/$name.docx" "$1"
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
        --outdir "$tmp" "$tmp/$name.docx" >/dev/null 2>&1
    [ -s "$tmp/$name.pdf" ] || { echo "make-unruled-pdfs: $name: conversion failed" >&2; exit 1; }
    local out=$dest/$name.pdf
    [ "$dest" = "$samples" ] && out=$samples/pdf-$name.pdf
    mv "$tmp/$name.pdf" "$out"
    echo "$out"
}

for layout in plain wide tight right; do
    make "$layout" 2021 "$samples"
done
make short 2021 "$root/tests/pdf"
for layout in plain wide short; do
    make "$layout" 2019 "$samples"
done
for layout in tight right; do
    make "$layout" 2019 "$root/tests/pdf"
done
