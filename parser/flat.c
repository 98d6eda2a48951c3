/* flat.c — crawler text whose table cells ran together ("…申请数量15130000154"
 * is 151|3|0|0|0|0|154): the tables are found by their labels, each digit
 * run is split by the template's arithmetic (row 总计 = sum of six columns,
 * （七）总计 = sum of results, 一+二 = 七+四, each 四 group's 总计), and the
 * result is written back into the model as ordinary grids, so the usual
 * recognizers read it.  A cell the constraints leave open stays blank, with
 * its candidates in a diagnostic: recovered exactly, or not at all. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "split.h"

/* ---- text with a map back to the original bytes ---- */

typedef struct {
    char *s;     /* full-width ASCII → ASCII; spaces kept only between digits */
    size_t *off; /* off[i]: byte offset in the original of s[i]; off[len] = end */
    size_t len;
} flat_text;

static bool is_digitish(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+'; }

static bool is_sign(char c) { return c == '-' || c == '+'; }

/* A unit written after a count or an amount ("2个13500元", "3件"): it ends
 * the cell, as a separator would. */
static bool is_unit(uint32_t cp)
{
    static const uint32_t units[] = {0x4E2A /* 个 */, 0x4EF6 /* 件 */, 0x9879 /* 项 */, 0x6B21 /* 次 */,
                                     0x6761 /* 条 */, 0x5143 /* 元 */, 0x4E07 /* 万 */, 0x4EBA /* 人 */,
                                     0x6237 /* 户 */};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (cp == units[i])
            return true;
    return false;
}

static bool flat_build(const char *orig, flat_text *ft)
{
    size_t n = strlen(orig);
    ft->s = malloc(n + 1);
    ft->off = malloc((n + 1) * sizeof *ft->off);
    ft->len = 0;
    if (!ft->s || !ft->off)
        return false;
    size_t i = 0, k;
    bool pending_space = false;
    size_t space_at = 0;
    while (i < n) {
        uint32_t cp;
        if ((unsigned char)orig[i] < 0x80) {
            cp = (unsigned char)orig[i];
            k = 1;
        } else {
            size_t at = i;
            cp = gk_utf8_next(orig, n, &i, &k);
            i = at; /* advanced below, once the character is placed */
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        bool space = cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x3000 || cp == 0x200B;
        bool unit = is_unit(cp) && ft->len && ft->s[ft->len - 1] >= '0' && ft->s[ft->len - 1] <= '9';
        if (space || unit || cp == '\n') {
            if (!pending_space)
                space_at = i;
            pending_space = true;
            i += k;
            continue;
        }
        /* A space survives only between two digits: there it may separate
         * cells; inside labels ("社会公益 组织") it is noise. */
        if (pending_space && ft->len && is_digitish(ft->s[ft->len - 1]) && cp < 0x80 && is_digitish((char)cp)) {
            ft->off[ft->len] = space_at;
            ft->s[ft->len++] = ' ';
        }
        pending_space = false;
        /* Any other character keeps its bytes: they are its UTF-8, as the
         * decoder accepts no overlong form.  An invalid byte (k == 1 yet
         * not ASCII) becomes U+FFFD. */
        char ascii = (char)cp;
        const char *enc = orig + i;
        size_t el = k;
        if (cp < 0x80) {
            enc = &ascii;
            el = 1;
        } else if (k == 1) {
            enc = "\xEF\xBF\xBD";
            el = 3;
        }
        for (size_t e = 0; e < el; e++) {
            ft->off[ft->len] = i;
            ft->s[ft->len++] = enc[e];
        }
        i += k;
    }
    ft->s[ft->len] = '\0';
    ft->off[ft->len] = n;
    return true;
}

static void flat_free(flat_text *ft)
{
    free(ft->s);
    free(ft->off);
}

/* The first kw inside s[from, to).  s is one NUL-terminated string, so
 * strstr finds the first occurrence from `from` on; if even that one ends
 * past `to`, none lies inside. */
static size_t find_from(const flat_text *ft, size_t from, size_t to, const char *kw)
{
    size_t n = strlen(kw);
    if (to < n || from > to - n)
        return SIZE_MAX;
    const char *hit = strstr(ft->s + from, kw);
    if (!hit || (size_t)(hit - ft->s) + n > to)
        return SIZE_MAX;
    return (size_t)(hit - ft->s);
}


/* The run of digits starting at the first digit of s[from, to). */
static bool take_run(const flat_text *ft, size_t from, size_t to, size_t *start, size_t *end)
{
    size_t i = from;
    while (i < to && !(ft->s[i] >= '0' && ft->s[i] <= '9'))
        i++;
    if (i >= to)
        return false;
    size_t j = i;
    while (j < to && (is_digitish(ft->s[j]) || ft->s[j] == ' '))
        j++;
    while (j > i && (ft->s[j - 1] == ' ' || ft->s[j - 1] == '.' || is_sign(ft->s[j - 1])))
        j--;
    *start = i;
    *end = j;
    return j > i;
}

/* ---- synthesized grids: cells that carry their code ---- */

/* A label cell that names (kind, id): its text is the template's label, for
 * diagnostics and readers of the model; its term spares the recognizers
 * matching that text again. */
static gk_status add_term_cell(gk_table *t, gk_term_kind kind, int id, const char *text, int colspan)
{
    const gk_term *term = gk_term_get(kind, id);
    if (!gk_table_add_cell(t, text ? text : term ? term->label : "", colspan, 1))
        return GK_ERR_NOMEM;
    t->cells[t->ncells - 1].term = term;
    return GK_OK;
}

static gk_status add_value_cell(gk_table *t, const gk_split *s, const bool *known, int p)
{
    char buf[48] = "";
    if (known[p])
        gk_split_format(buf, sizeof buf, s->v[p]);
    return gk_table_add_cell(t, buf, 1, 1) ? GK_OK : GK_ERR_NOMEM;
}

/* A keyword of (kind, id) as run-together text holds it: the first one. */
static const char *term_word(gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    const char *kw = t && t->keywords[0] ? t->keywords[0] : "";
    return kw[0] == '=' ? kw + 1 : kw;
}

static const char *term_label(gk_term_kind kind, int id)
{
    const gk_term *t = gk_term_get(kind, id);
    return t ? t->label : "";
}

/* A warning built in a buffer; its own allocation failing is an error. */
static gk_status add_built_diag(gk_diag_list *diags, const char *where, gk_buf *msg)
{
    gk_status st = msg->failed || !msg->data ? GK_ERR_NOMEM : GK_OK;
    if (st == GK_OK)
        gk_diag_add(diags, GK_SEV_WARNING, where, "%s", msg->data);
    gk_buf_free(msg);
    return st;
}

/* ---- table 三 ---- */

typedef struct {
    gk_split_row rows[GK_APP_ROW_COUNT];
    char runs[GK_APP_ROW_COUNT][GK_SPLIT_MAX_RUN * 2];
    size_t kw_at[GK_APP_ROW_COUNT], kw_end[GK_APP_ROW_COUNT];
    size_t nrows;
} apps_runs;

static size_t label_number(const char *label)
{
    /* "6.属于…" → 6; labels starting otherwise have no trailing digits to cut */
    size_t n = 0;
    while (label[n] >= '0' && label[n] <= '9')
        n++;
    return label[n] == '.' ? n : 0;
}

/* Each row's label in template order, then the digits between it and the
 * next label found, split under the row rule. */
static gk_status split_app_rows(const flat_text *ft, size_t from, size_t limit, apps_runs *ar, size_t *last_end)
{
    size_t pos = from;
    for (size_t i = 0; i < ar->nrows; i++) {
        size_t at, kl;
        if (gk_vocab_find(GK_TERM_ROW, ar->rows[i].row, ft->s + pos, limit - pos, &at, &kl)) {
            ar->rows[i].found = true;
            ar->kw_at[i] = pos + at;
            ar->kw_end[i] = pos + at + kl;
            pos = ar->kw_end[i];
        }
    }
    static const gk_part_kind counts[GK_SPLIT_MAX_PARTS] = {GK_PART_COUNT};
    for (size_t i = 0; i < ar->nrows; i++) {
        if (!ar->rows[i].found)
            continue;
        size_t next = limit;
        for (size_t j = i + 1; j < ar->nrows; j++)
            if (ar->rows[j].found) {
                next = ar->kw_at[j];
                break;
            }
        size_t s, e;
        if (!take_run(ft, ar->kw_end[i], next, &s, &e))
            continue;
        /* "…信息30000036.属于…" (or "6、属于"): the next label's number ran
         * into the digits. */
        if (i + 1 < ar->nrows && e < ft->len &&
            (ft->s[e] == '.' || ft->s[e] == ',' || strncmp(ft->s + e, "、", strlen("、")) == 0)) {
            const char *next_label = term_label(GK_TERM_ROW, ar->rows[i + 1].row);
            size_t nl = label_number(next_label);
            if (nl && e - s > nl && memcmp(ft->s + e - nl, next_label, nl) == 0)
                e -= nl;
        }
        size_t rl = e - s < sizeof ar->runs[i] - 1 ? e - s : sizeof ar->runs[i] - 1;
        memcpy(ar->runs[i], ft->s + s, rl);
        ar->runs[i][rl] = '\0';
        ar->rows[i].cand = malloc(GK_SPLIT_MAX_CANDIDATES * sizeof(gk_split));
        if (!ar->rows[i].cand)
            return GK_ERR_NOMEM;
        ar->rows[i].ncand = gk_split_run(ft->s + s, e - s, GK_COL_COUNT, counts, GK_COL_COUNT, ar->rows[i].cand,
                                         GK_SPLIT_MAX_CANDIDATES);
        if (e > *last_end)
            *last_end = e;
    }
    return GK_OK;
}

/* Why a row's cells are not all known, as a diagnostic. */
static gk_status explain_app_row(const gk_split_row *row, const char *run, gk_diag_list *diags)
{
    const char *code = gk_code(GK_TERM_ROW, row->row);
    size_t nc = row->ncand;
    gk_buf msg;
    gk_buf_init(&msg);
    if (!run[0])
        gk_buf_printf(&msg, "row %s: no digits after its label", code);
    else if (nc == 0)
        gk_buf_printf(&msg, "row %s: digits \"%s\" cannot be split into 7 values whose last is the sum of the "
                            "other six; left null", code, run);
    else if (nc == SIZE_MAX)
        gk_buf_printf(&msg, "row %s: digits \"%s\" split too many ways; left null", code, run);
    else {
        gk_buf_printf(&msg, "row %s: digits \"%s\" split %zu ways even with the column rules; cells they "
                            "disagree on are null; candidates: ", code, run, nc);
        gk_split_describe(&msg, row->cand, nc, GK_COL_COUNT);
    }
    return add_built_diag(diags, "table 三", &msg);
}

static gk_status apps_grid(const apps_runs *ar, gk_table *tab, gk_diag_list *diags)
{
    gk_status st = GK_OK;
    gk_table_begin_row(tab);
    if (!gk_table_add_cell(tab, "", 1, 1))
        return GK_ERR_NOMEM;
    for (int col = 0; col < GK_COL_COUNT && st == GK_OK; col++)
        st = add_term_cell(tab, GK_TERM_COLUMN, col, NULL, 1);
    for (size_t i = 0; i < ar->nrows && st == GK_OK; i++) {
        const gk_split_row *row = &ar->rows[i];
        if (!row->found) {
            gk_diag_add(diags, GK_SEV_WARNING, "table 三", "run-together text: no label of row %s found",
                        gk_code(GK_TERM_ROW, row->row));
            continue;
        }
        gk_table_begin_row(tab);
        st = add_term_cell(tab, GK_TERM_ROW, row->row, NULL, 1);
        gk_split value = {{0}};
        bool known[GK_SPLIT_MAX_PARTS] = {false};
        size_t nc = row->ncand;
        if (nc && nc != SIZE_MAX)
            gk_split_agree(row->cand, nc, GK_COL_COUNT, &value, known);
        for (int p = 0; p < GK_COL_COUNT && st == GK_OK; p++)
            st = add_value_cell(tab, &value, known, p);
        if (st == GK_OK && nc != 1)
            st = explain_app_row(row, ar->runs[i], diags);
    }
    return st;
}

static gk_status recover_apps(const flat_text *ft, size_t from, size_t limit, size_t *region_end, gk_diag_list *diags,
                              gk_table **out)
{
    size_t at, kl;
    unsigned ed = gk_vocab_find(GK_TERM_ROW, GK_ROW_OTHER_NO_CORRECTION, ft->s + from, limit - from, &at, &kl)
                      ? GK_ED_2021
                      : GK_ED_2019;
    apps_runs *ar = calloc(1, sizeof *ar);
    if (!ar)
        return GK_ERR_NOMEM;
    int order[GK_APP_ROW_COUNT];
    ar->nrows = gk_edition_ids(GK_TERM_ROW, ed, order, GK_APP_ROW_COUNT);
    for (size_t i = 0; i < ar->nrows; i++)
        ar->rows[i].row = order[i];
    size_t last_end = from;
    gk_status st = split_app_rows(ft, from, limit, ar, &last_end);
    if (st == GK_OK) {
        int rules = gk_split_columns(ar->rows, ar->nrows, ed);
        if (rules > 0)
            gk_diag_add(diags, GK_SEV_INFO, "table 三",
                        "run-together digits: no split satisfies every column rule; split by %s alone",
                        rules == 1 ? "一+二 = 七+四" : "（七）总计 = sum of results");
    }
    gk_table *tab = NULL;
    if (st == GK_OK && !(tab = gk_table_new()))
        st = GK_ERR_NOMEM;
    if (st == GK_OK)
        st = apps_grid(ar, tab, diags);
    for (size_t i = 0; i < ar->nrows; i++)
        free(ar->rows[i].cand);
    free(ar);
    if (st != GK_OK) {
        gk_table_free(tab);
        return st;
    }
    *region_end = last_end;
    *out = tab;
    return GK_OK;
}

/* ---- table 四 ---- */

static gk_status rl_grid(gk_table *t, const gk_split *value, const bool *known)
{
    gk_status st = GK_OK;
    gk_table_begin_row(t);
    for (int g = 0; g < GK_RL_GROUPS && st == GK_OK; g++)
        st = add_term_cell(t, GK_TERM_GROUP, g, NULL, GK_RL_RESULTS);
    gk_table_begin_row(t);
    for (int p = 0; p < GK_RL_GROUPS * GK_RL_RESULTS && st == GK_OK; p++)
        st = add_term_cell(t, GK_TERM_RESULT, p % GK_RL_RESULTS, NULL, 1);
    gk_table_begin_row(t);
    for (int p = 0; p < GK_RL_GROUPS * GK_RL_RESULTS && st == GK_OK; p++)
        st = add_value_cell(t, value, known, p);
    return st;
}

static gk_status recover_rl(const flat_text *ft, size_t from, size_t to, size_t *run_end, gk_diag_list *diags,
                            gk_table **out)
{
    size_t s, e;
    if (!take_run(ft, from, to, &s, &e))
        return GK_OK;
    *run_end = e;
    enum { N = GK_RL_GROUPS * GK_RL_RESULTS };
    static const gk_part_kind counts[GK_SPLIT_MAX_PARTS] = {GK_PART_COUNT};
    gk_split *cand = malloc(GK_SPLIT_MAX_CANDIDATES * sizeof *cand);
    if (!cand)
        return GK_ERR_NOMEM;
    size_t nc = gk_split_run(ft->s + s, e - s, N, counts, GK_RL_RESULTS, cand, GK_SPLIT_MAX_CANDIDATES);
    gk_split value = {{0}};
    bool known[GK_SPLIT_MAX_PARTS] = {false};
    if (nc && nc != SIZE_MAX)
        gk_split_agree(cand, nc, N, &value, known);
    gk_status st = GK_OK;
    if (nc != 1) {
        gk_buf msg;
        gk_buf_init(&msg);
        gk_buf_printf(&msg, "digits \"%.*s\" of table 四 split %s; cells the candidates disagree on are null",
                      (int)(e - s), ft->s + s, nc == 0 ? "no way that makes each 总计 the sum of its group"
                                                : nc == SIZE_MAX ? "too many ways" : "several ways");
        if (nc && nc != SIZE_MAX) {
            gk_buf_adds(&msg, "; candidates: ");
            gk_split_describe(&msg, cand, nc, N);
        }
        st = add_built_diag(diags, "table 四", &msg);
    }
    free(cand);
    gk_table *t = NULL;
    if (st == GK_OK && !(t = gk_table_new()))
        st = GK_ERR_NOMEM;
    if (st == GK_OK)
        st = rl_grid(t, &value, known);
    if (st != GK_OK) {
        gk_table_free(t);
        return st;
    }
    *out = t;
    return GK_OK;
}

/* ---- table 二 ---- */

/* The scans below look for a label at every byte.  Labels are UTF-8 text,
 * so none starts at a continuation byte (10xxxxxx): those are passed over
 * without trying every keyword. */
static bool char_start(const char *s) { return ((unsigned char)*s & 0xC0) != 0x80; }

static const gk_term *item_at(const char *s, size_t *kl)
{
    return char_start(s) ? gk_vocab_at(GK_TERM_ITEM, s, kl) : NULL;
}

static const gk_term *measure_at(const char *s, size_t *kl)
{
    return char_start(s) ? gk_vocab_at(GK_TERM_MEASURE, s, kl) : NULL;
}

static bool word_at(const flat_text *ft, size_t i, const char *w) { return strncmp(ft->s + i, w, strlen(w)) == 0; }

/* A header "信息内容 本年制发件数 …": the measures up to the first item. */
static gk_status active_header(const flat_text *ft, size_t *i, size_t to, gk_table *t, int *measures, int *nm)
{
    const char *article = term_word(GK_TERM_HEADER, GK_HDR_ARTICLE);
    size_t kl;
    *nm = 0;
    while (*i < to && !item_at(ft->s + *i, &kl) && !word_at(ft, *i, article)) {
        const gk_term *m = measure_at(ft->s + *i, &kl);
        if (m && *nm < GK_MAX_MEASURES) {
            measures[(*nm)++] = m->id;
            *i += kl;
        } else {
            (*i)++;
        }
    }
    gk_table_begin_row(t);
    gk_status st = add_term_cell(t, GK_TERM_HEADER, GK_HDR_CONTENT, NULL, 1);
    for (int k = 0; k < *nm && st == GK_OK; k++)
        st = add_term_cell(t, GK_TERM_MEASURE, measures[k], NULL, 1);
    return st;
}

static gk_part_kind measure_part(int measure)
{
    const gk_term *t = gk_term_get(GK_TERM_MEASURE, measure);
    unsigned flags = t ? t->flags : 0;
    return flags & GK_TERM_SIGNED ? GK_PART_SIGNED : flags & GK_TERM_DECIMAL ? GK_PART_DECIMAL : GK_PART_COUNT;
}

/* One item row: its label, then the digits up to the next label split into
 * its measures.  *i moves past what was read. */
static gk_status active_row(const flat_text *ft, size_t *i, size_t to, const gk_term *item, size_t label_len,
                            const int *measures, int nm, gk_table *t, gk_split *cand, size_t *last,
                            gk_diag_list *diags)
{
    const char *article = term_word(GK_TERM_HEADER, GK_HDR_ARTICLE);
    size_t label_at = *i, next_kl;
    *i += label_len;
    /* values run from the first digit up to the next label */
    size_t stop = *i;
    while (stop < to && !item_at(ft->s + stop, &next_kl) && !word_at(ft, stop, article) &&
           !(ft->s[stop] >= '0' && ft->s[stop] <= '9') && !is_sign(ft->s[stop]))
        stop++;
    size_t s = stop, e = stop;
    while (e < to && (is_digitish(ft->s[e]) || ft->s[e] == ' '))
        e++;
    while (e > s && (ft->s[e - 1] == ' ' || ft->s[e - 1] == '.'))
        e--;
    gk_part_kind kinds[GK_SPLIT_MAX_PARTS];
    for (int k = 0; k < nm; k++)
        kinds[k] = measure_part(measures[k]);
    size_t nc = e > s ? gk_split_run(ft->s + s, e - s, nm, kinds, 0, cand, GK_SPLIT_MAX_CANDIDATES) : 0;
    gk_split value = {{0}};
    bool known[GK_SPLIT_MAX_PARTS] = {false};
    if (nc && nc != SIZE_MAX)
        gk_split_agree(cand, nc, nm, &value, known);
    gk_table_begin_row(t);
    char label[64];
    size_t ll = label_len < sizeof label - 1 ? label_len : sizeof label - 1;
    memcpy(label, ft->s + label_at, ll); /* the item's keyword, as the grid's label */
    label[ll] = '\0';
    gk_status st = add_term_cell(t, GK_TERM_ITEM, item->id, label, 1);
    for (int k = 0; k < nm && st == GK_OK; k++)
        st = add_value_cell(t, &value, known, k);
    if (st == GK_OK && nc != 1 && e > s) {
        gk_buf msg;
        gk_buf_init(&msg);
        gk_buf_printf(&msg, "item %s: digits \"%.*s\" %s", item->code, (int)(e - s), ft->s + s,
                      nc == 0 ? "cannot be read as its measures; left null"
                      : nc == SIZE_MAX ? "split too many ways; left null"
                                       : "split several ways, and no rule decides; cells they disagree on are null; candidates: ");
        if (nc && nc != SIZE_MAX)
            gk_split_describe(&msg, cand, nc, nm);
        st = add_built_diag(diags, "table 二", &msg);
    }
    *last = e > *last ? e : *last;
    *i = e > *i ? e : *i;
    return st;
}

static gk_status recover_active(const flat_text *ft, size_t from, size_t to, size_t *region_end, gk_diag_list *diags,
                                gk_table **out)
{
    gk_table *t = gk_table_new();
    gk_split *cand = malloc(GK_SPLIT_MAX_CANDIDATES * sizeof *cand);
    gk_status st = t && cand ? GK_OK : GK_ERR_NOMEM;
    const char *content = term_word(GK_TERM_HEADER, GK_HDR_CONTENT);
    int measures[GK_MAX_MEASURES], nm = 0;
    size_t i = from, last = from;
    while (i < to && st == GK_OK) {
        size_t kl;
        if (word_at(ft, i, content)) {
            i += strlen(content);
            st = active_header(ft, &i, to, t, measures, &nm);
            continue;
        }
        const gk_term *item = nm ? item_at(ft->s + i, &kl) : NULL;
        if (!item) {
            i++;
            continue;
        }
        st = active_row(ft, &i, to, item, kl, measures, nm, t, cand, &last, diags);
    }
    free(cand);
    if (st != GK_OK) {
        gk_table_free(t);
        return st;
    }
    *region_end = last;
    *out = t;
    return GK_OK;
}

/* ---- prose: inline section headings become paragraph breaks ---- */

static gk_status emit(gk_document *doc, const char *orig, size_t from, size_t to)
{
    if (to <= from)
        return GK_OK;
    char *p = gk_strndup(orig + from, to - from);
    bool ok = p && gk_doc_add_paragraph(doc, p, 0);
    free(p);
    return ok ? GK_OK : GK_ERR_NOMEM;
}

/* Prose between tables: lines become paragraphs, and a heading run into
 * the text ("…日。一、总体情况2024年，…") becomes a paragraph of its own. */
static gk_status add_prose(gk_document *doc, const char *orig, size_t from, size_t to, int *expected)
{
    size_t i = from, start = from;
    gk_status st = GK_OK;
    while (i < to && st == GK_OK) {
        if (orig[i] == '\n') {
            st = emit(doc, orig, start, i);
            start = ++i;
        } else if (gk_heading_at(orig + i, *expected)) {
            st = emit(doc, orig, start, i);
            size_t end = i + gk_heading_end(orig + i, to - i);
            if (st == GK_OK)
                st = emit(doc, orig, i, end);
            (*expected)++;
            start = i = end;
        } else {
            i++;
        }
    }
    return st == GK_OK ? emit(doc, orig, start, to) : st;
}

/* ---- the whole ---- */

typedef struct {
    size_t from, to; /* in flat_text */
    gk_table *table;
} region;

typedef struct {
    region r[3];
    size_t n;
} regions;

static size_t find_term(const flat_text *ft, size_t from, size_t to, gk_term_kind kind, int id)
{
    return find_from(ft, from, to, term_word(kind, id));
}

static void keep_region(regions *rg, size_t from, size_t to, gk_table *t)
{
    if (t)
        rg->r[rg->n++] = (region){from, to, t};
}

/* Table 四: its values follow the last 总计 of its header. */
static gk_status find_rl(const flat_text *ft, size_t after_apps, regions *rg, gk_diag_list *diags)
{
    const char *upheld_label = term_label(GK_TERM_RESULT, GK_RESULT_UPHELD);
    const char *total = term_label(GK_TERM_RESULT, GK_RESULT_TOTAL);
    size_t upheld = find_from(ft, after_apps, ft->len, upheld_label);
    if (upheld == SIZE_MAX)
        return GK_OK;
    size_t start = upheld;
    static const int lead[] = {GK_HDR_LITIGATION, GK_HDR_REVIEW};
    for (size_t k = 0; k < 2; k++) {
        const char *w = term_label(GK_TERM_HEADER, lead[k]);
        size_t n = strlen(w);
        if (start >= after_apps + n && memcmp(ft->s + start - n, w, n) == 0)
            start -= n;
    }
    size_t last_label = upheld;
    for (size_t p = upheld; p < ft->len;) {
        size_t q = find_from(ft, p, ft->len < p + 200 ? ft->len : p + 200, total);
        if (q == SIZE_MAX)
            break;
        last_label = q + strlen(total);
        p = last_label;
        if (p < ft->len && ft->s[p] >= '0' && ft->s[p] <= '9')
            break;
    }
    size_t end = last_label;
    gk_table *t = NULL;
    gk_status st = recover_rl(ft, last_label, ft->len, &end, diags, &t);
    keep_region(rg, start, end, t);
    return st;
}

/* The three tables, by the labels that start them. */
static gk_status find_regions(const flat_text *ft, regions *rg, gk_diag_list *diags)
{
    size_t new_at = find_term(ft, 0, ft->len, GK_TERM_ROW, GK_ROW_NEW_RECEIVED);
    size_t active_at = find_term(ft, 0, new_at == SIZE_MAX ? ft->len : new_at, GK_TERM_HEADER, GK_HDR_ARTICLE);
    size_t apps_at = SIZE_MAX;
    if (new_at != SIZE_MAX) {
        size_t head = active_at == SIZE_MAX ? 0 : active_at;
        size_t note = find_term(ft, head, new_at, GK_TERM_HEADER, GK_HDR_COLUMN_NOTE);
        size_t who = find_term(ft, head, new_at, GK_TERM_HEADER, GK_HDR_APPLICANT);
        apps_at = note < who ? note : who;
        if (apps_at == SIZE_MAX)
            apps_at = new_at;
    }
    gk_status st = GK_OK;
    if (active_at != SIZE_MAX) {
        size_t to = apps_at == SIZE_MAX ? ft->len : apps_at, end = active_at;
        gk_table *t = NULL;
        st = recover_active(ft, active_at, to, &end, diags, &t);
        keep_region(rg, active_at, end, t);
    }
    /* table 四 is looked for after table 三, or after table 二 when 三 is
     * missing, or anywhere */
    size_t after_apps = rg->n ? rg->r[rg->n - 1].to : 0;
    if (st == GK_OK && apps_at != SIZE_MAX) {
        size_t limit = find_from(ft, new_at, ft->len, term_label(GK_TERM_RESULT, GK_RESULT_UPHELD));
        if (limit == SIZE_MAX)
            limit = ft->len;
        size_t end = apps_at;
        gk_table *t = NULL;
        st = recover_apps(ft, new_at, limit, &end, diags, &t);
        keep_region(rg, apps_at, end, t);
        after_apps = end;
    }
    return st == GK_OK ? find_rl(ft, after_apps, rg, diags) : st;
}

/* The model again: prose between regions, the grids in their place.  The
 * grids go to `out` (or are freed) whatever happens. */
static gk_status rebuild(gk_document *out, const char *orig, const flat_text *ft, regions *rg)
{
    int expected = 1;
    size_t at = 0;
    gk_status st = GK_OK;
    for (size_t r = 0; r < rg->n; r++) {
        gk_table *t = rg->r[r].table;
        rg->r[r].table = NULL;
        if (st == GK_OK && rg->r[r].from >= at) /* overlapping regions: keep the grid, skip its text */
            st = add_prose(out, orig, ft->off[at], ft->off[rg->r[r].from], &expected);
        if (st != GK_OK) {
            gk_table_free(t);
            continue;
        }
        if (!gk_doc_add_table(out, t))
            st = GK_ERR_NOMEM;
        if (rg->r[r].from >= at)
            at = rg->r[r].to;
    }
    return st == GK_OK ? add_prose(out, orig, ft->off[at], ft->off[ft->len], &expected) : st;
}

gk_status gk_unflatten(gk_document *doc)
{
    for (size_t i = 0; i < doc->count; i++)
        if (doc->blocks[i].kind == GK_BLOCK_TABLE)
            return GK_OK; /* the text had real table rows: nothing ran together */
    gk_buf joined;
    gk_buf_init(&joined);
    for (size_t i = 0; i < doc->count; i++) {
        gk_buf_adds(&joined, doc->blocks[i].text);
        gk_buf_addc(&joined, '\n');
    }
    if (joined.failed || !joined.data) {
        gk_status st = joined.failed ? GK_ERR_NOMEM : GK_OK;
        gk_buf_free(&joined);
        return st;
    }
    flat_text ft;
    regions rg = {.n = 0};
    gk_status st = flat_build(joined.data, &ft) ? GK_OK : GK_ERR_NOMEM;
    if (st == GK_OK)
        st = find_regions(&ft, &rg, doc->diags);
    gk_document rebuilt;
    gk_doc_init(&rebuilt, doc->diags);
    if (st == GK_OK)
        st = rebuild(&rebuilt, joined.data, &ft, &rg);
    for (size_t r = 0; r < rg.n; r++)
        gk_table_free(rg.r[r].table);
    if (st == GK_OK) {
        gk_doc_free(doc);
        *doc = rebuilt;
    } else {
        gk_doc_free(&rebuilt);
    }
    flat_free(&ft);
    gk_buf_free(&joined);
    return st;
}
