/* csvcheck.c — reads an RFC 4180 CSV file and checks that every record
 * has as many fields as the header; prints "RECORDS COLUMNS" (records
 * after the header) on success.
 * Usage: csvcheck FILE; exit 1 on a ragged or malformed file. */
#include <stdio.h>

int main(int argc, char **argv)
{
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f) {
        fprintf(stderr, "usage: csvcheck FILE\n");
        return 2;
    }
    long records = 0, fields = 1, header = -1;
    int c, quoted = 0, at_start = 1;
    while ((c = getc(f)) != EOF) {
        if (quoted) {
            if (c == '"') {
                int d = getc(f);
                if (d != '"') {
                    quoted = 0;
                    if (d != EOF)
                        ungetc(d, f);
                }
            }
            continue;
        }
        at_start = 0;
        if (c == '"')
            quoted = 1;
        else if (c == ',')
            fields++;
        else if (c == '\n') {
            if (header < 0)
                header = fields;
            else if (fields != header) {
                fprintf(stderr, "record %ld has %ld fields, the header %ld\n", records + 1, fields, header);
                return 1;
            }
            records++;
            fields = 1;
            at_start = 1;
        }
    }
    fclose(f);
    if (quoted || !at_start) {
        fprintf(stderr, "unterminated record or quote at the end\n");
        return 1;
    }
    printf("%ld %ld\n", records - 1, header); /* data records, columns */
    return 0;
}
