/* indicators.c — the ratios supervising offices compute from one report
 * (docs/audit.md gives each formula and denominator): empty when the
 * denominator is 0 or a part is null, never a guessed 0. */
#include <stdio.h>

#include "audit.h"
#include "indicators.h"

static bool get(const numbers *n, int field, double *sum)
{
    if (!n->present[field])
        return false;
    *sum += n->value[field];
    return true;
}

static bool total(const numbers *n, int row, double *sum) { return get(n, field_apps(row, GK_COL_TOTAL), sum); }

/* upheld + corrected + other of a group: the cases concluded. */
static bool concluded(const numbers *n, int g, double *sum)
{
    return get(n, field_rl(g, GK_RESULT_UPHELD), sum) && get(n, field_rl(g, GK_RESULT_CORRECTED), sum) &&
           get(n, field_rl(g, GK_RESULT_OTHER), sum);
}

static void ratio(FILE *f, bool known, double num, double den)
{
    if (known && den != 0)
        fprintf(f, ",%.4f", num / den);
    else
        fputs(",", f);
}

void indicators_header(FILE *f)
{
    fputs("key,agency,year,reports,requests_handled,disclosed_share,unavailable_share,carried_forward_share,"
          "review_correction_rate,litigation_correction_rate,overall_correction_rate\r\n",
          f);
}

void indicators_write(FILE *f, const char *agency, int year, size_t reports, const numbers *n)
{
    /* agency names are normalized: no comma, quote or line end to quote */
    fprintf(f, "%s/%d,%s,%d,%zu", agency, year, agency, year, reports);

    double handled = 0;
    bool handled_known = total(n, GK_ROW_NEW_RECEIVED, &handled) && total(n, GK_ROW_CARRIED_OVER, &handled);
    if (handled_known)
        fprintf(f, ",%.0f", handled);
    else
        fputs(",", f);

    double results = 0, disclosed = 0, unavailable = 0, forward = 0;
    bool results_known = total(n, GK_ROW_RESULTS_TOTAL, &results);
    bool disclosed_known = total(n, GK_ROW_GRANTED, &disclosed) && total(n, GK_ROW_PARTIALLY_GRANTED, &disclosed);
    bool unavailable_known = total(n, GK_ROW_UNAVAILABLE_NOT_HELD, &unavailable) &&
                             total(n, GK_ROW_UNAVAILABLE_NEEDS_CREATION, &unavailable) &&
                             total(n, GK_ROW_UNAVAILABLE_UNCLEAR, &unavailable);
    bool forward_known = total(n, GK_ROW_CARRIED_FORWARD, &forward);
    ratio(f, results_known && disclosed_known, disclosed, results);
    ratio(f, results_known && unavailable_known, unavailable, results);
    ratio(f, handled_known && forward_known, forward, handled);

    double rv_corr = 0, rv_done = 0, lit_corr = 0, lit_done = 0;
    bool rv = get(n, field_rl(GK_GROUP_REVIEW, GK_RESULT_CORRECTED), &rv_corr) &&
              concluded(n, GK_GROUP_REVIEW, &rv_done);
    bool lit = get(n, field_rl(GK_GROUP_LITIGATION_DIRECT, GK_RESULT_CORRECTED), &lit_corr) &&
               get(n, field_rl(GK_GROUP_LITIGATION_AFTER_REVIEW, GK_RESULT_CORRECTED), &lit_corr) &&
               concluded(n, GK_GROUP_LITIGATION_DIRECT, &lit_done) &&
               concluded(n, GK_GROUP_LITIGATION_AFTER_REVIEW, &lit_done);
    ratio(f, rv, rv_corr, rv_done);
    ratio(f, lit, lit_corr, lit_done);
    ratio(f, rv && lit, rv_corr + lit_corr, rv_done + lit_done);
    fputs("\r\n", f);
}
