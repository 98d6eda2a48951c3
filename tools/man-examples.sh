#!/bin/sh
# man-examples.sh — the examples of the library's man page, kept as files.
#
#   man-examples.sh PAGE.in DIR        PAGE.in with its line "@EXAMPLES@"
#                                      replaced by each DIR/*.c, escaped for roff
#   man-examples.sh --extract PAGE NAME   the text of example NAME (e.g.
#                                      summary.c) as PAGE holds it, unescaped:
#                                      what the tests compile and run
#
# An example is written between ".\" example: NAME" and ".\" end example"
# lines, inside .EX/.EE, with '\' as '\e' and a leading '.' or "'" behind
# '\&': the only escapes roff needs for C source.
set -eu
if [ "$1" = --extract ]; then
    awk -v name="$3" '
        $0 == ".\\\" end example" { inside = 0 }
        inside && $0 != ".EX" && $0 != ".EE" {
            line = $0
            sub(/^\\&/, "", line)
            gsub(/\\e/, "\\", line)
            print line
        }
        $0 == ".\\\" example: " name { inside = 1; found = 1 }
        END { if (!found) { print "man-examples.sh: no example " name > "/dev/stderr"; exit 1 } }
    ' "$2"
    exit
fi
page=$1 dir=$2
while IFS= read -r line; do
    if [ "$line" != "@EXAMPLES@" ]; then
        printf '%s\n' "$line"
        continue
    fi
    for f in "$dir"/*.c; do
        name=${f##*/}
        printf '.SS %s\n' "$name"
        # the file's first comment, as the example's description
        sed -n '1,/\*\//p' "$f" | sed -e 's|^/\* *||' -e 's|^ \* *||' -e 's| *\*/$||' \
            -e "s|^$name -- ||" -e 's/\\/\\e/g' -e "s/^[.']/\\\\\\&&/"
        printf '.PP\n.\\" example: %s\n.EX\n' "$name"
        sed -e 's/\\/\\e/g' -e "s/^[.']/\\\\\\&&/" "$f"
        printf '.EE\n.\\" end example\n'
    done
done <"$page"
