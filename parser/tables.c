/* tables.c — the three template tables recognized in the model: which
 * table is which (by its labels), each handed to its recognizer (active.c,
 * apps.c, reviews.c), and each table's edition (2019 / 2021) told from its
 * own labels, the report's template from the two. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables.h"

/* ---- table kinds ---- */

typedef enum { KIND_NONE, KIND_ACTIVE, KIND_APPS, KIND_RL } table_kind;

static bool has_header(const gk_cell_info *ci, int id)
{
    return ci->term ? ci->term->kind == GK_TERM_HEADER && ci->term->id == id : gk_vocab_has(GK_TERM_HEADER, id, ci->core);
}

static table_kind classify(const gk_table *t, const gk_cell_info *info)
{
    bool apps = false, active = false, review = false, lawsuit = false;
    int app_rows = 0;
    for (size_t i = 0; i < t->ncells; i++) {
        const char *n = info[i].core;
        const gk_term *term = info[i].term;
        if (!*n && !term)
            continue;
        if (gk_cell_id(term, n, GK_TERM_ROW) == GK_ROW_NEW_RECEIVED || has_header(&info[i], GK_HDR_APPLICANT) ||
            gk_cell_id(term, n, GK_TERM_COLUMN) == GK_COL_COMMERCIAL)
            apps = true;
        if (has_header(&info[i], GK_HDR_ARTICLE) || has_header(&info[i], GK_HDR_CONTENT) ||
            gk_cell_id(term, n, GK_TERM_MEASURE) > 0)
            active = true;
        int group = gk_cell_id(term, n, GK_TERM_GROUP);
        if (group == GK_GROUP_REVIEW)
            review = true;
        if (has_header(&info[i], GK_HDR_LITIGATION) || group > GK_GROUP_REVIEW)
            lawsuit = true;
    }
    /* a continuation of table 三 after a page break has no header: its
     * rows' labels tell it (counted only when nothing else did) */
    for (size_t i = 0; !apps && !active && !(review && lawsuit) && i < t->ncells; i++)
        if (gk_cell_id(info[i].term, info[i].core, GK_TERM_ROW) >= 0)
            app_rows++;
    if (apps || app_rows >= 4)
        return KIND_APPS;
    if (review && lawsuit)
        return KIND_RL;
    if (active)
        return KIND_ACTIVE;
    return KIND_NONE;
}


/* ---- the whole ---- */

/* Each table's edition from its own labels; a table whose labels do not
 * tell takes the other table's, else the year's (the 2019 template served
 * the 2019 and 2020 reports). */
static void decide_editions(gk_report *r, const int *active_told, const int *apps_told)
{
    unsigned active = r->has_active ? gk_edition_told(active_told) : 0;
    unsigned apps = r->has_applications ? gk_edition_told(apps_told) : 0;
    unsigned fallback = active ? active : apps;
    if (!fallback) {
        fallback = r->year && r->year <= 2020 ? GK_ED_2019 : GK_ED_2021;
        gk_diag_add(&r->diags, GK_SEV_WARNING, "template", "no label tells the template apart; %s assumed from the year",
                    gk_edition_name(fallback));
    }
    r->active_edition = r->has_active ? (active ? active : fallback) : 0;
    r->apps_edition = r->has_applications ? (apps ? apps : fallback) : 0;
    if (active_told[0] && active_told[1])
        gk_diag_add(&r->diags, GK_SEV_WARNING, "table 二",
                    "labels of both templates (%d of 2019, %d of 2021); read as %s, every value kept under its own code",
                    active_told[0], active_told[1], gk_edition_name(r->active_edition));
    if (apps_told[0] && apps_told[1])
        gk_diag_add(&r->diags, GK_SEV_WARNING, "table 三",
                    "rows of both templates (%d of 2019, %d of 2021); read as %s, every row kept",
                    apps_told[0], apps_told[1], gk_edition_name(r->apps_edition));
    if (r->active_edition && r->apps_edition && r->active_edition != r->apps_edition) {
        r->template_kind = GK_TEMPLATE_MIXED;
        gk_diag_add(&r->diags, GK_SEV_INFO, "template", "table 二 follows the %s template, table 三 the %s template",
                    gk_edition_name(r->active_edition), gk_edition_name(r->apps_edition));
    } else {
        unsigned ed = r->active_edition ? r->active_edition : r->apps_edition ? r->apps_edition : fallback;
        r->template_kind = ed == GK_ED_2019 ? GK_TEMPLATE_2019 : GK_TEMPLATE_2021;
    }
}

/* Each table of the model to its recognizer; table 三 may come in pieces
 * (a page break), so its pieces are read together at the end. */
static void recognize_all(gk_rctx *c, const gk_document *doc, gk_active_found *af, bool *have_active)
{
    const gk_table *apps[64] = {NULL};
    gk_cell_info *apps_info[64] = {NULL};
    int apps_no[64] = {0}, napps = 0, table_no = 0;
    for (size_t i = 0; i < doc->count && c->st == GK_OK; i++) {
        const gk_block *b = &doc->blocks[i];
        if (b->kind != GK_BLOCK_TABLE)
            continue;
        table_no++;
        gk_cell_info *info = NULL;
        if (!gk_rec_ok(c, gk_cells_analyze(b->table, &info)))
            break;
        bool keep = false;
        switch (classify(b->table, info)) {
        case KIND_APPS:
            if (napps < 64) {
                apps_no[napps] = table_no;
                apps_info[napps] = info;
                apps[napps++] = b->table;
                keep = true;
            }
            break;
        case KIND_ACTIVE:
            gk_recognize_active(c, b->table, info, table_no, af);
            *have_active = true;
            break;
        case KIND_RL:
            if (!c->r->has_reviews)
                gk_recognize_reviews(c, b->table, info, table_no);
            break;
        case KIND_NONE:
            break;
        }
        if (!keep)
            gk_cells_free(info, b->table->ncells);
    }
    if (c->st == GK_OK)
        gk_recognize_apps(c, apps, apps_info, apps_no, napps);
    for (int i = 0; i < napps; i++)
        gk_cells_free(apps_info[i], apps[i]->ncells);
}

gk_status gk_recognize_tables(const gk_document *doc, gk_report *r)
{
    gk_rctx c = {.r = r, .st = GK_OK};
    gk_active_found *af = calloc(1, sizeof *af);
    if (!af)
        return GK_ERR_NOMEM;
    bool have_active = false;
    recognize_all(&c, doc, af, &have_active);
    r->has_active = have_active && af->count > 0;
    if (c.st == GK_OK && (r->has_applications || r->has_active || r->has_reviews)) {
        int apps_told[2] = {0, 0};
        for (int row = 0; row < GK_APP_ROW_COUNT; row++)
            if (r->app_row_found[row])
                gk_edition_tell(apps_told, GK_TERM_ROW, row);
        decide_editions(r, af->told, apps_told);
        if (r->has_active)
            gk_build_items(&c, af, r->active_edition);
        if (r->has_applications)
            gk_list_app_rows(r);
    } else if (c.st == GK_OK) {
        r->template_kind = GK_TEMPLATE_FREE;
        /* Since the 2019 reports every report has the template's tables. */
        if (r->year >= 2019)
            gk_diag_add(&r->diags, GK_SEV_WARNING, "template",
                        "a %d report without any table of the national template: converted as free-form, "
                        "with no numbers", r->year);
    }
    for (int i = 0; i < af->count; i++) {
        free(af->items[i].code);
        free(af->items[i].label);
    }
    free(af);
    return c.st;
}
