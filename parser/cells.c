/* cells.c — a value cell named by its position (gk_cell_ref): its value
 * and the dotted field name every output uses for it, so checks can list
 * their operands and writers can find them again. */
#include <stdio.h>

#include "internal.h"

const gk_num *gk_cell_value(const gk_report *r, gk_cell_ref ref)
{
    switch (ref.part) {
    case GK_VALUES_ACTIVE:
        if (ref.row < r->item_count && ref.col < r->items[ref.row].count)
            return &r->items[ref.row].values[ref.col];
        return NULL;
    case GK_VALUES_APPLICATIONS:
        return ref.row < GK_APP_ROW_COUNT && ref.col < GK_COL_COUNT ? &r->apps[ref.row][ref.col] : NULL;
    case GK_VALUES_REVIEWS:
        return ref.row < GK_RL_GROUPS && ref.col < GK_RL_RESULTS ? &r->rl[ref.row][ref.col] : NULL;
    }
    return NULL;
}

void gk_cell_field(const gk_report *r, gk_cell_ref ref, char *buf, size_t cap)
{
    if (cap)
        buf[0] = '\0';
    if (!gk_cell_value(r, ref))
        return;
    switch (ref.part) {
    case GK_VALUES_ACTIVE:
        snprintf(buf, cap, "active_disclosure.%s.%s", r->items[ref.row].code, r->items[ref.row].measures[ref.col]);
        break;
    case GK_VALUES_APPLICATIONS:
        snprintf(buf, cap, "applications.%s.%s", gk_code(GK_TERM_ROW, ref.row), gk_code(GK_TERM_COLUMN, ref.col));
        break;
    case GK_VALUES_REVIEWS:
        snprintf(buf, cap, "reviews_litigation.%s.%s", gk_code(GK_TERM_GROUP, ref.row),
                 gk_code(GK_TERM_RESULT, ref.col));
        break;
    }
}
