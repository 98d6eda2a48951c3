#!/usr/bin/env bash
# run-alloc.sh — the allocation-failure sweep (tests/alloc/alloc_fail.c) on
# one sample of each input form: DOCX, a Word "save as HTML" export, a GBK
# CMS page, tab text in UTF-8 and UTF-16, and crawler text whose tables ran
# together.  Failures explained by tests/alloc/known.tsv are counted apart
# (ALLOC_STRICT=1: none are).
# Usage: tests/run-alloc.sh STRIDE EDGE ALLOC_FAIL [WRAPPER...]
#   STRIDE 1 fails every allocation; otherwise every STRIDE-th, and all of
#   the first and last EDGE of each input (reading, and writing the HTML page).
set -u
stride=$1 edge=$2 bin=$3
shift 3
opts=(--known tests/alloc/known.tsv --stride "$stride" --edge "$edge")
[ "$stride" -gt 1 ] && opts+=(--brief)
[ -n "${ALLOC_STRICT:-}" ] && opts+=(--strict)
exec "$@" "$bin" "${opts[@]}" \
    samples/word_2021.docx samples/word-export_2019.html samples/cms-page_2021.html \
    samples/tab-text_2021.txt samples/utf16-bom_2021.txt samples/run-together_2021.txt
