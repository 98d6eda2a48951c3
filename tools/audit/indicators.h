/* indicators.h — one CSV line of indicators per report (indicators.c). */
#ifndef GK_AUDIT_INDICATORS_H
#define GK_AUDIT_INDICATORS_H

#include <stdio.h>

#include "audit.h"

void indicators_header(FILE *f);
/* The line of one report, or of one group of duplicates merged. */
void indicators_write(FILE *f, const char *agency, int year, size_t reports, const numbers *n);

#endif
