/* codes.c — the templates' fixed vocabulary: row, column, item and measure
 * codes of SPEC.md §1, and which template has which. */
#include <string.h>

#include "internal.h"

const char *const gk_col_codes[GK_COL_COUNT] = {
    "natural_person", "commercial", "research", "social_welfare",
    "legal_service", "other_org", "total",
};

const char *const gk_app_row_codes[GK_APP_ROW_COUNT] = {
    "new_received", "carried_over", "granted", "partially_granted",
    "denied_state_secret", "denied_prohibited_by_law", "denied_security_stability",
    "denied_third_party", "denied_internal_affairs", "denied_process_info",
    "denied_enforcement_file", "denied_admin_inquiry", "unavailable_not_held",
    "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
    "not_processed_duplicate", "not_processed_publication", "not_processed_excessive",
    "not_processed_confirmation", "other_no_correction", "other_unpaid_fee",
    "other_other", "other_processing", "results_total", "carried_forward",
};

const char *const gk_rl_group_codes[GK_RL_GROUPS] = {
    "review", "litigation_direct", "litigation_after_review",
};

const char *const gk_rl_result_codes[GK_RL_RESULTS] = {
    "upheld", "corrected", "other", "pending", "total",
};

/* The rows both templates share, up to （五）5; they differ only in （六）. */
#define GK_COMMON_ROWS                                                                                     \
    GK_ROW_NEW_RECEIVED, GK_ROW_CARRIED_OVER, GK_ROW_GRANTED, GK_ROW_PARTIALLY_GRANTED,                      \
        GK_ROW_DENIED_STATE_SECRET, GK_ROW_DENIED_PROHIBITED_BY_LAW, GK_ROW_DENIED_SECURITY_STABILITY,       \
        GK_ROW_DENIED_THIRD_PARTY, GK_ROW_DENIED_INTERNAL_AFFAIRS, GK_ROW_DENIED_PROCESS_INFO,               \
        GK_ROW_DENIED_ENFORCEMENT_FILE, GK_ROW_DENIED_ADMIN_INQUIRY, GK_ROW_UNAVAILABLE_NOT_HELD,             \
        GK_ROW_UNAVAILABLE_NEEDS_CREATION, GK_ROW_UNAVAILABLE_UNCLEAR, GK_ROW_NOT_PROCESSED_COMPLAINT,       \
        GK_ROW_NOT_PROCESSED_DUPLICATE, GK_ROW_NOT_PROCESSED_PUBLICATION, GK_ROW_NOT_PROCESSED_EXCESSIVE,    \
        GK_ROW_NOT_PROCESSED_CONFIRMATION

static const int rows_2021[] = {
    GK_COMMON_ROWS,       GK_ROW_OTHER_NO_CORRECTION, GK_ROW_OTHER_UNPAID_FEE,
    GK_ROW_OTHER_OTHER,   GK_ROW_RESULTS_TOTAL,       GK_ROW_CARRIED_FORWARD,
};

static const int rows_2019[] = {
    GK_COMMON_ROWS, GK_ROW_OTHER_PROCESSING, GK_ROW_RESULTS_TOTAL, GK_ROW_CARRIED_FORWARD,
};

size_t gk_template_rows(gk_template t, const int **rows)
{
    if (t == GK_TEMPLATE_2019) {
        *rows = rows_2019;
        return sizeof rows_2019 / sizeof rows_2019[0];
    }
    *rows = rows_2021;
    return sizeof rows_2021 / sizeof rows_2021[0];
}

bool gk_row_is_result(gk_template t, int row)
{
    if (row < GK_ROW_GRANTED || row > GK_ROW_OTHER_PROCESSING)
        return false;
    if (t == GK_TEMPLATE_2019)
        return row != GK_ROW_OTHER_NO_CORRECTION && row != GK_ROW_OTHER_UNPAID_FEE &&
               row != GK_ROW_OTHER_OTHER;
    return row != GK_ROW_OTHER_PROCESSING;
}

const char *gk_template_name(gk_template t)
{
    switch (t) {
    case GK_TEMPLATE_2019: return "2019";
    case GK_TEMPLATE_2021: return "2021";
    default: return "free";
    }
}

static const char *const m2021_docs[] = {"issued", "repealed", "in_force", NULL};
static const char *const m_decisions[] = {"decisions", NULL};
static const char *const m_amount[] = {"amount", NULL};
static const char *const m2019_docs[] = {"new_made", "new_published", "total_published", NULL};
static const char *const m2019_items[] = {"previous_items", "change", "decisions", NULL};
static const char *const m2019_fees[] = {"previous_items", "change", NULL};
static const char *const m2019_procurement[] = {"items", "amount", NULL};

static const gk_item_def items_2021[] = {
    {"regulations", m2021_docs}, {"normative_documents", m2021_docs},
    {"licensing", m_decisions},  {"penalty", m_decisions},
    {"enforcement", m_decisions}, {"fees", m_amount},
};

static const gk_item_def items_2019[] = {
    {"regulations", m2019_docs},    {"normative_documents", m2019_docs},
    {"licensing", m2019_items},     {"other_services", m2019_items},
    {"penalty", m2019_items},       {"enforcement", m2019_items},
    {"fees", m2019_fees},           {"procurement", m2019_procurement},
};

size_t gk_template_items(gk_template t, const gk_item_def **items)
{
    if (t == GK_TEMPLATE_2019) {
        *items = items_2019;
        return sizeof items_2019 / sizeof items_2019[0];
    }
    *items = items_2021;
    return sizeof items_2021 / sizeof items_2021[0];
}

bool gk_measure_is_decimal(const char *measure) { return strcmp(measure, "amount") == 0; }
