#!/usr/bin/env bash
# run-install.sh — the library as a user of the installed package meets it:
# `make install` into a DESTDIR stage (default and custom directories), the
# files, symlinks, soname and exported names, the man pages' examples
# compiled from the installed gkreport(3) with pkg-config alone, as C and
# C++, linked shared and static, run on samples; the installed command's
# --version and --print-schema; `make uninstall` leaving nothing; and
# packagers' habits (CFLAGS on the command line, -Werror only in check
# builds, install-deps without root).
# Usage: tests/run-install.sh BUILD_DIR   (from the source tree's root)
set -u
b=$1
src=$(pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# make as the enclosing build (make check) runs, with its flags, so that
# install finds the build up to date; and as a packager runs it, with none
imake() { make --no-print-directory B="$b" PDF=$pdf "$@"; }
pmake() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u WERROR make --no-print-directory "$@"; }
# the enclosing build's PDF setting
pdf=yes
"$b/gkreport" --version | grep -q '^PDF: yes' || pdf=no
version=$(sed -n 's/^#define GK_VERSION "\(.*\)"/\1/p' parser/gkreport.h)
schema_version=$(sed -n 's/^#define GK_SCHEMA_VERSION "\(.*\)"/\1/p' parser/gkreport.h)

# ---- install into a stage, default directories ----
stage=$d/stage
if imake DESTDIR="$stage" install >"$d/install.log" 2>&1; then
    ok "make install DESTDIR=stage"
else
    bad "make install: $(tail -5 "$d/install.log")"
fi
p=$stage/usr/local
want=(bin/gkreport bin/gkaudit lib/libgkreport.a lib/libgkreport.so.$version include/gkreport.h lib/pkgconfig/gkreport.pc
    share/gkreport/gkreport.xsd share/man/man1/gkreport.1 share/man/man1/gkaudit.1 share/man/man3/gkreport.3)
missing=()
for f in "${want[@]}"; do [ -f "$p/$f" ] || missing+=("$f"); done
[ ${#missing[@]} -eq 0 ] && ok "installed under PREFIX=/usr/local: ${want[*]}" || bad "not installed: ${missing[*]}"
if [ "$(readlink "$p/lib/libgkreport.so")" = libgkreport.so.0 ] &&
    [ "$(readlink "$p/lib/libgkreport.so.0")" = "libgkreport.so.$version" ]; then
    ok "symlinks libgkreport.so -> libgkreport.so.0 -> libgkreport.so.$version"
else
    bad "symlinks: $(ls -l "$p/lib" | grep libgkreport.so)"
fi
soname=$(readelf -d "$p/lib/libgkreport.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libgkreport.so.0 ] && ok "soname libgkreport.so.0" || bad "soname '$soname'"

# Exported: exactly the functions gkreport.h declares (GK_EXPORT).
sed -n 's/^GK_EXPORT .*[ *]\(gk_[a-z_0-9]*\)(.*/\1/p' parser/gkreport.h | sort >"$d/declared"
# a function declared without GK_EXPORT would be missing from the shared library
hidden=$(grep -E '^[a-z][a-z_ ]*[ *]gk_[a-z_0-9]*\(' parser/gkreport.h | grep -v '^typedef' || true)
[ -z "$hidden" ] && ok "every function of gkreport.h is marked GK_EXPORT" || bad "declared without GK_EXPORT: $hidden"
nm -D --defined-only "$p/lib/libgkreport.so.$version" | awk '{ print $NF }' | sort >"$d/exported"
if [ -s "$d/declared" ] && cmp -s "$d/declared" "$d/exported"; then
    ok "the shared library exports the $(wc -l <"$d/declared") functions of gkreport.h and nothing else"
else
    bad "exported names differ from gkreport.h's: $(diff "$d/declared" "$d/exported" | grep '^[<>]' | head -5 | tr '\n' ' ')"
fi
cmp -s "$p/share/gkreport/gkreport.xsd" schemas/gkreport.xsd && cmp -s parser/gkreport.h "$p/include/gkreport.h" &&
    ok "header and XSD installed as in the tree" || bad "installed header or XSD differs"

# ---- pkg-config alone, pointed into the stage ----
export PKG_CONFIG_PATH=$p/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$stage
pc_version=$(pkg-config --modversion gkreport 2>&1)
requires=$(pkg-config --print-requires-private gkreport 2>&1 | tr '\n' ' ')
if [ "$pc_version" = "$version" ] && [[ $requires == *libxml-2.0*libzip*libpcre2-8*jansson* ]]; then
    ok "pkg-config gkreport: version $pc_version, Requires.private: $requires"
else
    bad "pkg-config: version '$pc_version', requires '$requires'"
fi
cflags=$(pkg-config --cflags gkreport) libs=$(pkg-config --libs gkreport) static_libs=$(pkg-config --static --libs gkreport)
# the static link takes libgkreport.a, and must then find every library it
# needs in the .pc's private fields
static_libs=${static_libs/-lgkreport/-l:libgkreport.a}

# ---- the man page's examples, as the installed page holds them ----
examples=()
for f in docs/examples/*.c; do
    name=${f##*/}
    examples+=("${name%.c}")
    if tools/man-examples.sh --extract "$p/share/man/man3/gkreport.3" "$name" >"$d/$name" && cmp -s "$d/$name" "$f"; then
        ok "gkreport(3) holds docs/examples/$name as written"
    else
        bad "gkreport(3)'s $name differs from docs/examples/$name"
    fi
done
for page in "$p/share/man/man1/gkreport.1" "$p/share/man/man1/gkaudit.1" "$p/share/man/man3/gkreport.3"; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warnings" ] && ok "${page##*/} formats without a warning" || bad "${page##*/}: $warnings"
done
# every function of gkreport.h is in gkreport(3)'s synopsis
unnamed=()
for f in $(cat "$d/declared"); do
    sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$p/share/man/man3/gkreport.3" | grep -q "$f(" || unnamed+=("$f")
done
[ ${#unnamed[@]} -eq 0 ] && ok "gkreport(3)'s synopsis names every function of gkreport.h" ||
    bad "gkreport(3) lacks: ${unnamed[*]}"
# every long option of a command's --help is in its man page
documents_options() { # COMMAND PAGE
    local undocumented=() o
    for o in $("$p/bin/$1" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$(sed 's/-/\\\\-/g' <<<"$o")" "$p/share/man/man1/$2" || undocumented+=("$o")
    done
    [ ${#undocumented[@]} -eq 0 ] && ok "${2%.1}(1) documents every option of $1 --help" ||
        bad "${2%.1}(1) lacks: ${undocumented[*]}"
}
documents_options gkreport gkreport.1
documents_options gkaudit gkaudit.1

# compile: C and C++, shared and static
built=0
for e in "${examples[@]}"; do
    for lang in c c++; do
        if [ $lang = c ]; then cc=(cc -std=c11); else cc=(g++ -x c++ -std=c++11); fi
        for link in shared static; do
            l=$libs
            [ $link = static ] && l=$static_libs
            out=$d/$e-$lang-$link
            # shellcheck disable=SC2086
            if "${cc[@]}" -Wall -Wextra -Werror $cflags "$d/$e.c" -x none $l -o "$out" 2>"$d/cc.log"; then
                built=$((built + 1))
            else
                bad "$e as $lang, $link: $(head -5 "$d/cc.log")"
            fi
        done
    done
done
[ $built -eq $((${#examples[@]} * 4)) ] &&
    ok "${#examples[@]} examples built as C and C++, shared and static, with pkg-config's flags alone"
export LD_LIBRARY_PATH=$p/lib
if ldd "$d/summary-c-shared" | grep -q "libgkreport.so.0 => $p/lib/libgkreport.so.0" &&
    ! readelf -d "$d/summary-c-static" | grep -q libgkreport; then
    ok "the shared build runs with the staged libgkreport.so.0; the static one needs none"
else
    bad "linking: $(ldd "$d/summary-c-shared" | grep gkreport)"
fi
inputs=("$src/samples/cms-page_2021.html" "$src/samples/run-together_2019.txt" "$src/samples/misprinted-labels_2023.html")
for v in c-shared c-static c++-shared c++-static; do
    if "$d/summary-$v" "${inputs[@]}" >"$d/out" 2>"$d/err" && cmp -s "$d/out" tests/install/summary.expected; then
        ok "summary ($v): the values of tests/install/summary.expected, null apart from 0"
    else
        bad "summary ($v): $(diff "$d/out" tests/install/summary.expected | head -5) $(head -3 "$d/err")"
    fi
    if "$d/to_json-$v" <samples/word_2021.docx >"$d/json" && "$p/bin/gkreport" - <samples/word_2021.docx >"$d/json.cli" &&
        cmp -s "$d/json" "$d/json.cli"; then
        ok "to_json ($v) writes what the installed gkreport writes"
    else
        bad "to_json ($v): $(diff "$d/json" "$d/json.cli" | head -3)"
    fi
done
printf "hello\n" >"$d/hello.txt"
if ! "$d/summary-c-shared" "$d/hello.txt" >/dev/null 2>"$d/err" && grep -q "hello.txt: no report found" "$d/err"; then
    ok "summary: a file that holds no report is named with the library's message"
else
    bad "summary on a text without a report: $(cat "$d/err")"
fi
unset LD_LIBRARY_PATH PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- the installed command ----
vout=$("$p/bin/gkreport" --version)
if grep -q "output schema $schema_version" <<<"$vout" && grep -Eq '^libxml2 [0-9]+\.[0-9]+\.[0-9]+, libzip [0-9.]+, PCRE2 [0-9.]+.*, jansson [0-9.]+$' <<<"$vout" &&
    grep -q "^PDF: $pdf" <<<"$vout" && grep -q "version=\"$schema_version\"" schemas/gkreport.xsd; then
    ok "--version: the libraries' versions, PDF: $pdf, output schema $schema_version (the XSD's version)"
else
    bad "--version: $vout"
fi
"$p/bin/gkreport" --print-schema | cmp -s - "$p/share/gkreport/gkreport.xsd" &&
    ok "--print-schema prints the installed XSD" || bad "--print-schema differs from gkreport.xsd"

# ---- uninstall leaves nothing ----
imake DESTDIR="$stage" uninstall >"$d/uninstall.log" 2>&1
left=$(find "$stage" ! -type d)
[ -z "$left" ] && ok "make uninstall removes every file it installed" || bad "left after uninstall: $left"

# ---- other directories ----
stage2=$d/stage2
dirs=(PREFIX=/opt/gk LIBDIR=/opt/gk/lib64 BINDIR=/opt/gk/sbin INCLUDEDIR=/opt/gk/inc DATADIR=/opt/gk/data
    MANDIR=/opt/gk/man PKGCONFIGDIR=/opt/gk/pc)
imake DESTDIR="$stage2" "${dirs[@]}" install >"$d/install2.log" 2>&1
q=$stage2/opt/gk
missing=()
for f in sbin/gkreport sbin/gkaudit lib64/libgkreport.a lib64/libgkreport.so.0 inc/gkreport.h pc/gkreport.pc \
    data/gkreport/gkreport.xsd man/man1/gkreport.1 man/man1/gkaudit.1 man/man3/gkreport.3; do
    [ -e "$q/$f" ] || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ] && grep -qx 'libdir=/opt/gk/lib64' "$q/pc/gkreport.pc" &&
    grep -qx 'includedir=/opt/gk/inc' "$q/pc/gkreport.pc" && [ "$(find "$stage2" ! -type d | wc -l)" -eq 12 ]; then
    ok "BINDIR, LIBDIR, INCLUDEDIR, DATADIR, MANDIR, PKGCONFIGDIR honoured, gkreport.pc names them"
else
    bad "custom directories: missing ${missing[*]}; $(grep dir= "$q/pc/gkreport.pc" 2>&1)"
fi
imake DESTDIR="$stage2" "${dirs[@]}" uninstall >/dev/null 2>&1
[ -z "$(find "$stage2" ! -type d)" ] && ok "and uninstall with them removes it all" || bad "left: $(find "$stage2" ! -type d)"
# the default gkreport.pc again, for the next install from this build
imake "$b/gkreport.pc" >/dev/null

# ---- packagers' habits ----
# CFLAGS on the command line adds to the required flags; -Werror only in
# check builds.  A real compile of one file with CFLAGS=-O0, then dry runs.
pb=$d/pkgbuild
if pmake B="$pb" PDF=$pdf CFLAGS=-O0 "$pb/obj/csv.o" >"$d/o0.log" 2>&1 && grep -q -- '-std=c11.*-Iparser.* -O0' "$d/o0.log" &&
    ! grep -q -- -Werror "$d/o0.log"; then
    ok "make CFLAGS=-O0 compiles with -std=c11 -D_POSIX_C_SOURCE -Iparser kept, without -Werror"
else
    bad "make CFLAGS=-O0: $(tail -3 "$d/o0.log")"
fi
pmake -n -B B="$pb" PDF=$pdf CFLAGS=-O1 all >"$d/n.log" 2>&1
pmake -n -B B="$pb" PDF=$pdf check >"$d/check.log" 2>&1
if grep -q -- '-std=c11 .*-O1.* -c parser/csv.c' "$d/n.log" && ! grep -q -- -Werror "$d/n.log" &&
    grep -q -- '-Werror.* -c parser/csv.c' "$d/check.log"; then
    ok "make -n CFLAGS=-O1: -std=c11 kept, no -Werror; make -n check: -Werror"
else
    bad "dry runs: $(grep -m1 'parser/csv.c' "$d/n.log") / $(grep -m1 'parser/csv.c' "$d/check.log")"
fi
# install-deps without root: exit 0 when nothing is missing; when something
# is (a dpkg-query that knows one package less), it names it and fails.
asuser=()
[ "$(id -u)" -eq 0 ] && asuser=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if "${asuser[@]}" tools/install-deps >"$d/deps.log" 2>&1; then
    ok "install-deps as a user with every package present: exit 0"
else
    bad "install-deps as a user: $(cat "$d/deps.log")"
fi
mkdir -p "$d/fakebin"
printf '#!/bin/sh\ncase "$*" in *valgrind*) exit 1;; esac\nexec /usr/bin/dpkg-query "$@"\n' >"$d/fakebin/dpkg-query"
chmod 755 "$d/fakebin/dpkg-query" "$d"
if ! PATH=$d/fakebin:$PATH "${asuser[@]}" tools/install-deps >"$d/deps.log" 2>&1 && grep -q 'missing.*valgrind' "$d/deps.log"; then
    ok "install-deps as a user with valgrind missing: fails naming it"
else
    bad "install-deps with valgrind missing: $(cat "$d/deps.log")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
