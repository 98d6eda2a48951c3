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

enum {
    MAX_PARTS = 16,      /* 15 values in table 四 */
    MAX_CANDIDATES = 256, /* splits kept per run; more means "ambiguous" */
    MAX_RUN = 64,        /* digits in one run: 7 counts of 9 digits */
    MAX_COMBINATIONS = 200000 /* rows × candidates tried against the column rules */
};

/* ---- text with a map back to the original bytes ---- */

typedef struct {
    char *s;     /* full-width ASCII → ASCII; spaces kept only between digits */
    size_t *off; /* off[i]: byte offset in the original of s[i]; off[len] = end */
    size_t len;
} flat_text;

static bool is_digitish(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; }

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
        if (space || cp == '\n') {
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

/* ---- splitting one run into values ---- */

typedef enum { PART_COUNT, PART_SIGNED, PART_DECIMAL } part_kind;

typedef struct {
    double v[MAX_PARTS];
} split;

enum { PART_KINDS = 3, MAX_PART_LEN = 15 /* part_value's limit */ };

/* The searches read the same substrings again and again (every choice of a
 * group's total re-reads the parts before it), so each value is parsed once.
 * Indexed [start][kind][length]; known: 0 not yet parsed, 1 a value, 2 not. */
typedef struct {
    unsigned char known[MAX_RUN][PART_KINDS][MAX_PART_LEN + 1];
    double value[MAX_RUN][PART_KINDS][MAX_PART_LEN + 1];
} part_memo;

typedef struct {
    char digits[MAX_RUN + 1]; /* the run without spaces */
    bool boundary[MAX_RUN + 1]; /* a space stood before digits[i] */
    /* next_boundary[i]: the first j > i with boundary[j], or n; a part
     * [a, b) spans a space iff next_boundary[a] < b */
    size_t next_boundary[MAX_RUN + 1];
    part_memo *memo;
    size_t n;
    int k;
    const part_kind *kinds;
    int group_size; /* each group's last part is the sum of the others; 0: none */
    split cur;
    split *out;
    size_t count, cap;
    bool overflow;
    bool use_boundaries;
} splitter;

static bool part_value(const char *s, size_t len, part_kind kind, double *v)
{
    if (len == 0 || len > MAX_PART_LEN)
        return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-') {
        if (kind != PART_SIGNED)
            return false;
        neg = true;
        i = 1;
    }
    size_t digits_start = i, dots = 0, dot_at = 0;
    for (; i < len; i++) {
        if (s[i] == '.') {
            dots++;
            dot_at = i;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    if (dots > (kind == PART_DECIMAL ? 1u : 0u))
        return false;
    size_t int_end = dots ? dot_at : len;
    if (int_end == digits_start || (dots && dot_at + 1 == len))
        return false;
    /* No leading zero: "05" is two cells, 0 and 5. */
    if (s[digits_start] == '0' && int_end - digits_start > 1)
        return false;
    if (neg && int_end - digits_start == 1 && s[digits_start] == '0' && !dots)
        return false;
    if (kind == PART_COUNT && int_end - digits_start > 9)
        return false;
    if (!dots) { /* integers: exact and cheap */
        double x = 0;
        for (size_t k = digits_start; k < len; k++)
            x = x * 10 + (s[k] - '0');
        *v = neg ? -x : x;
        return true;
    }
    char buf[32];
    memcpy(buf, s, len);
    buf[len] = '\0';
    *v = strtod(buf, NULL);
    return true;
}

static void split_rec(splitter *sp, size_t pos, int part)
{
    if (sp->overflow)
        return;
    int remaining = sp->k - part;
    for (size_t end = pos + 1; end + (size_t)(remaining - 1) <= sp->n; end++) {
        if (remaining == 1 && end != sp->n)
            continue;
        if (sp->use_boundaries && end - 1 > pos && sp->boundary[end - 1])
            break; /* a space inside this part: it must end before it */
        double v;
        if (!part_value(sp->digits + pos, end - pos, sp->kinds[part], &v))
            continue;
        sp->cur.v[part] = v;
        if (remaining == 1) {
            if (sp->count == sp->cap) {
                sp->overflow = true;
                return;
            }
            sp->out[sp->count++] = sp->cur;
        } else {
            split_rec(sp, end, part + 1);
        }
    }
}

/* A part [a, b) may not span a space when spaces count as boundaries. */
static bool spans_boundary(const splitter *sp, size_t a, size_t b)
{
    return sp->use_boundaries && sp->next_boundary[a] < b;
}

/* part_value of digits [pos, end), parsed on first use. */
static inline bool digits_value(splitter *sp, size_t pos, size_t end, part_kind kind, double *v)
{
    size_t len = end - pos;
    if (len == 0 || len > MAX_PART_LEN)
        return false;
    unsigned char *known = &sp->memo->known[pos][kind][len];
    double *value = &sp->memo->value[pos][kind][len];
    if (!*known)
        *known = part_value(sp->digits + pos, len, kind, value) ? 1 : 2;
    *v = *value;
    return *known == 1;
}

static void group_rec(splitter *sp, size_t pos, int part);

/* A group being filled: its parts before `last` take the digits up to
 * `limit` and must add up to `total`, which takes [limit, end). */
typedef struct {
    int last;       /* the total's part */
    size_t limit, end;
    double total;
    size_t max_len; /* the total's digits: a longer count (no leading 0) exceeds it */
} group;

/* Fills parts [part, g->last) over digits [pos, g->limit) summing to the
 * total; counts are non-negative and grow with their length, so a part
 * that already overshoots ends the loop. */
static void sum_rec(splitter *sp, const group *g, size_t pos, int part, double sum)
{
    if (part == g->last) {
        if (pos == g->limit && sum == g->total)
            group_rec(sp, g->end, g->last + 1);
        return;
    }
    size_t after = (size_t)(g->last - part - 1); /* parts still to place after this one */
    if (after == 0) {
        /* The last part takes all that is left: a shorter one would leave
         * digits over, and a longer one cannot be smaller. */
        double v;
        if (pos < g->limit && !spans_boundary(sp, pos, g->limit) &&
            digits_value(sp, pos, g->limit, sp->kinds[part], &v) && sum + v == g->total) {
            sp->cur.v[part] = v;
            group_rec(sp, g->end, g->last + 1);
        }
        return;
    }
    /* No part is longer than the total, so the parts after this one hold at
     * most after × max_len digits: a shorter part here leaves too many. */
    size_t end = pos + 1;
    if (g->limit > after * g->max_len && g->limit - after * g->max_len > end)
        end = g->limit - after * g->max_len;
    for (; end + after <= g->limit && end - pos <= g->max_len; end++) {
        if (spans_boundary(sp, pos, end))
            break;
        double v;
        if (!digits_value(sp, pos, end, sp->kinds[part], &v))
            continue;
        if (sum + v > g->total)
            break;
        sp->cur.v[part] = v;
        sum_rec(sp, g, end, part + 1, sum + v);
        if (sp->overflow)
            return;
    }
}

/* Groups whose last part is the sum of the others (table 三's rows, table
 * 四's three groups): choose where the group and its total start, then only
 * the splits of the rest that add up — far fewer than all splits. */
static void group_rec(splitter *sp, size_t pos, int part)
{
    if (part == sp->k) {
        if (pos != sp->n)
            return;
        if (sp->count == sp->cap) {
            sp->overflow = true;
            return;
        }
        sp->out[sp->count++] = sp->cur;
        return;
    }
    int g = sp->group_size, groups_left = (sp->k - part) / g;
    size_t min_end = pos + (size_t)g, max_end = sp->n - (size_t)(groups_left - 1) * (size_t)g;
    for (size_t ge = groups_left == 1 ? sp->n : min_end; ge <= max_end && ge <= sp->n; ge++) {
        for (size_t ts = pos + (size_t)g - 1; ts < ge; ts++) {
            if (spans_boundary(sp, ts, ge))
                continue;
            double total;
            if (!digits_value(sp, ts, ge, sp->kinds[part + g - 1], &total))
                continue;
            sp->cur.v[part + g - 1] = total;
            group grp = {.last = part + g - 1, .limit = ts, .end = ge, .total = total, .max_len = ge - ts};
            sum_rec(sp, &grp, pos, part, 0);
            if (sp->overflow)
                return;
        }
    }
}

/* Splits `run` (digits, '.', '-', spaces) into k parts.  Spaces are taken as
 * cell boundaries first; if no split honours them all, they are ignored.
 * group_size: every group_size-th part must be the sum of the ones before
 * it in its group (0: no such rule).  Returns the number of candidates, or
 * SIZE_MAX when there are more than `cap`. */
static size_t split_run(const char *run, size_t len, int k, const part_kind *kinds, int group_size, split *out,
                        size_t cap)
{
    part_memo memo; /* only `known` needs clearing: a value is read after it is set */
    splitter sp = {.k = k, .kinds = kinds, .group_size = group_size, .out = out, .cap = cap, .memo = &memo};
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        if (run[i] == ' ') {
            space = sp.n > 0;
            continue;
        }
        if (sp.n >= MAX_RUN)
            return 0;
        sp.boundary[sp.n] = space;
        sp.digits[sp.n++] = run[i];
        space = false;
    }
    if ((int)sp.n < k)
        return 0;
    sp.next_boundary[sp.n] = sp.n;
    for (size_t i = sp.n; i-- > 0;)
        sp.next_boundary[i] = i + 1 < sp.n && sp.boundary[i + 1] ? i + 1 : sp.next_boundary[i + 1];
    memset(memo.known, 0, sp.n * sizeof memo.known[0]);
    /* without a space inside the run the second pass would repeat the first */
    int passes = sp.next_boundary[0] < sp.n ? 2 : 1;
    for (int pass = 0; pass < passes; pass++) {
        sp.use_boundaries = pass == 0;
        sp.count = 0;
        sp.overflow = false;
        if (group_size)
            group_rec(&sp, 0, 0);
        else
            split_rec(&sp, 0, 0);
        if (sp.overflow)
            return SIZE_MAX;
        if (sp.count)
            return sp.count;
    }
    return 0;
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
    while (j > i && (ft->s[j - 1] == ' ' || ft->s[j - 1] == '.' || ft->s[j - 1] == '-'))
        j--;
    *start = i;
    *end = j;
    return j > i;
}

/* A value as "%.15g" writes it.  Whole numbers below 1e15 (every count)
 * come out as their digits, so they are written without printf, which
 * dominated the cost of the grids and diagnostics. */
static void format_value(char *buf, size_t size, double v)
{
    if (v >= 0 && v < 1e15 && !signbit(v) && v == (double)(uint64_t)v && size > 15 /* digits */) {
        char rev[16];
        size_t n = 0;
        for (uint64_t x = (uint64_t)v; n == 0 || x; x /= 10)
            rev[n++] = (char)('0' + x % 10);
        for (size_t i = 0; i < n; i++)
            buf[i] = rev[n - 1 - i];
        buf[n] = '\0';
        return;
    }
    snprintf(buf, size, "%.15g", v);
}

static void describe_candidates(gk_buf *b, const split *c, size_t nc, int k)
{
    for (size_t i = 0; i < nc && i < 8; i++) {
        gk_buf_adds(b, i ? "; " : "");
        for (int p = 0; p < k; p++) {
            char num[48];
            format_value(num, sizeof num, c[i].v[p]);
            gk_buf_adds(b, p ? "|" : "");
            gk_buf_adds(b, num);
        }
    }
    if (nc > 8)
        gk_buf_printf(b, "; … (%zu in all)", nc);
}

/* ---- synthesized grids ---- */

static void cell_num(gk_table *t, const split *s, const bool *known, int p)
{
    char buf[48] = "";
    if (known[p])
        format_value(buf, sizeof buf, s->v[p]);
    gk_table_add_cell(t, buf, 1, 1);
}

/* Values every candidate agrees on are known; the others stay blank. */
static void agree(const split *c, size_t nc, int k, split *value, bool *known)
{
    for (int p = 0; p < k; p++) {
        known[p] = nc > 0;
        value->v[p] = nc ? c[0].v[p] : 0;
        for (size_t i = 1; i < nc && known[p]; i++)
            known[p] = c[i].v[p] == c[0].v[p];
    }
}

/* ---- table 三 ---- */

typedef struct {
    int row;
    bool found;
    split *cand;
    size_t ncand; /* SIZE_MAX: too many */
    char run[MAX_RUN * 2];
} app_row;

/* What the column rules read of the rows with a single split, worked out
 * once: their values, and the sum of those that are result rows. */
typedef struct {
    double results[GK_COL_COUNT];      /* sum of the result rows that are fixed */
    double row[GK_APP_ROW_COUNT][GK_COL_COUNT];
    bool have[GK_APP_ROW_COUNT];
    bool results_complete;             /* every result row has some split */
} column_base;

static void column_base_init(column_base *b, const app_row *rows, size_t nrows, gk_template t)
{
    memset(b, 0, sizeof *b);
    b->results_complete = true;
    for (size_t i = 0; i < nrows; i++) {
        bool usable = rows[i].found && rows[i].ncand && rows[i].ncand != SIZE_MAX;
        if (gk_row_is_result(t, rows[i].row) && !usable)
            b->results_complete = false;
        if (!usable)
            continue;
        b->have[rows[i].row] = true;
        if (rows[i].ncand == 1) {
            memcpy(b->row[rows[i].row], rows[i].cand[0].v, sizeof b->row[0]);
            if (gk_row_is_result(t, rows[i].row))
                for (int col = 0; col < GK_COL_COUNT; col++)
                    b->results[col] += rows[i].cand[0].v[col];
        }
    }
}

static bool is_ambiguous(const app_row *r) { return r->found && r->ncand > 1 && r->ncand != SIZE_MAX; }

static bool is_balance_row(int row)
{
    return row == GK_ROW_NEW_RECEIVED || row == GK_ROW_CARRIED_OVER || row == GK_ROW_RESULTS_TOTAL ||
           row == GK_ROW_CARRIED_FORWARD;
}

/* One rule set tried on the ambiguous rows.  A combination of splits holds
 * when 一+二 = 七+四 ("balance") and the result rows add up to （七）总计
 * ("results") in every column.  Rather than try every combination, a
 * depth-first search picks the splits of the rows the rules read: the
 * balance rows first, so the balance rule is checked once per choice of
 * them and the total is known, then the result rows, dropping a branch as
 * soon as a column's sum of results overshoots its total or can no longer
 * reach it.  Counts are non-negative integers far below 2^53, so every sum
 * is exact in any order and the cuts drop only combinations that fail.  A
 * row no applicable rule reads holds under every combination, so all its
 * splits stay. */
typedef struct {
    const app_row *rows;
    bool balance, results;             /* the rules that apply */
    size_t order[GK_APP_ROW_COUNT];    /* indices into rows, in search order */
    size_t norder, nbalance;           /* order[0, nbalance): balance rows; the rest: result rows */
    bool reads[GK_APP_ROW_COUNT];      /* by rows index: in order */
    size_t pick[GK_APP_ROW_COUNT];     /* by rows index: the split chosen */
    double v[GK_APP_ROW_COUNT][GK_COL_COUNT];         /* by row code: balance rows' values */
    double res[GK_APP_ROW_COUNT + 1][GK_COL_COUNT];    /* res[d]: fixed results + order[nbalance, d) */
    double rest_max[GK_APP_ROW_COUNT + 1][GK_COL_COUNT]; /* rest_max[d]: the most order[d, norder) add */
    bool keep[GK_APP_ROW_COUNT][MAX_CANDIDATES];      /* by rows index: split is in a combination that holds */
    bool consistent;                                  /* some combination holds */
} column_search;

static void column_search_init(column_search *cs, const column_base *b, const app_row *rows, size_t nrows,
                               gk_template t, bool balance, bool results)
{
    memset(cs, 0, sizeof *cs);
    cs->rows = rows;
    cs->balance = balance && b->have[GK_ROW_NEW_RECEIVED] && b->have[GK_ROW_CARRIED_OVER] &&
                  b->have[GK_ROW_RESULTS_TOTAL] && b->have[GK_ROW_CARRIED_FORWARD];
    cs->results = results && b->results_complete && b->have[GK_ROW_RESULTS_TOTAL];
    memcpy(cs->v, b->row, sizeof cs->v);
    /* the total is a balance row, and the results rule needs it too */
    for (size_t i = 0; i < nrows; i++)
        if (is_ambiguous(&rows[i]) && ((cs->balance && is_balance_row(rows[i].row)) ||
                                       (cs->results && rows[i].row == GK_ROW_RESULTS_TOTAL)))
            cs->order[cs->norder++] = i;
    cs->nbalance = cs->norder;
    for (size_t i = 0; i < nrows; i++)
        if (is_ambiguous(&rows[i]) && cs->results && gk_row_is_result(t, rows[i].row))
            cs->order[cs->norder++] = i;
    for (size_t d = 0; d < cs->norder; d++)
        cs->reads[cs->order[d]] = true;
    memcpy(cs->res[cs->nbalance], b->results, sizeof cs->res[0]);
    for (size_t d = cs->norder; d-- > cs->nbalance;) {
        const app_row *r = &rows[cs->order[d]];
        for (int col = 0; col < GK_COL_COUNT; col++) {
            double most = 0;
            for (size_t c = 0; c < r->ncand; c++)
                most = r->cand[c].v[col] > most ? r->cand[c].v[col] : most;
            cs->rest_max[d][col] = cs->rest_max[d + 1][col] + most;
        }
    }
}

static bool balance_holds(const column_search *cs)
{
    for (int col = 0; col < GK_COL_COUNT; col++)
        if (cs->v[GK_ROW_NEW_RECEIVED][col] + cs->v[GK_ROW_CARRIED_OVER][col] !=
            cs->v[GK_ROW_RESULTS_TOTAL][col] + cs->v[GK_ROW_CARRIED_FORWARD][col])
            return false;
    return true;
}

static void column_search_run(column_search *cs, size_t d)
{
    if (d == cs->nbalance && cs->balance && !balance_holds(cs))
        return;
    const double *total = cs->v[GK_ROW_RESULTS_TOTAL];
    if (d == cs->norder) {
        if (cs->results)
            for (int col = 0; col < GK_COL_COUNT; col++)
                if (cs->res[d][col] != total[col])
                    return;
        cs->consistent = true;
        for (size_t k = 0; k < cs->norder; k++)
            cs->keep[cs->order[k]][cs->pick[cs->order[k]]] = true;
        return;
    }
    size_t i = cs->order[d];
    const app_row *r = &cs->rows[i];
    for (size_t c = 0; c < r->ncand; c++) {
        const double *x = r->cand[c].v;
        cs->pick[i] = c;
        if (d < cs->nbalance) {
            memcpy(cs->v[r->row], x, sizeof cs->v[0]);
        } else {
            bool reachable = true;
            for (int col = 0; col < GK_COL_COUNT; col++) {
                double sum = cs->res[d][col] + x[col];
                cs->res[d + 1][col] = sum;
                if (sum > total[col] || sum + cs->rest_max[d + 1][col] < total[col])
                    reachable = false;
            }
            if (!reachable)
                continue;
        }
        column_search_run(cs, d + 1);
    }
}

/* Rows whose run splits several ways: only the splits that some
 * combination satisfying the column rules uses are kept, and the values
 * they all share become known. */
static void resolve_columns(app_row *rows, size_t nrows, gk_template t, gk_diag_list *diags)
{
    size_t namb = 0, product = 1;
    for (size_t i = 0; i < nrows; i++)
        if (is_ambiguous(&rows[i])) {
            namb++;
            product = product > MAX_COMBINATIONS / rows[i].ncand ? MAX_COMBINATIONS + 1 : product * rows[i].ncand;
        }
    if (namb == 0 || product > MAX_COMBINATIONS)
        return;
    column_base base;
    column_base_init(&base, rows, nrows, t);
    /* Rule sets from strict to loose: a report may break one rule itself. */
    const bool sets[3][2] = {{true, true}, {true, false}, {false, true}};
    column_search cs;
    for (int s = 0; s < 3; s++) {
        column_search_init(&cs, &base, rows, nrows, t, sets[s][0], sets[s][1]);
        column_search_run(&cs, 0);
        if (!cs.consistent)
            continue;
        for (size_t i = 0; i < nrows; i++) {
            app_row *r = &rows[i];
            if (!cs.reads[i])
                continue; /* every split of it holds with the others */
            size_t n = 0;
            for (size_t c = 0; c < r->ncand; c++)
                if (cs.keep[i][c])
                    r->cand[n++] = r->cand[c];
            r->ncand = n;
        }
        if (s > 0)
            gk_diag_add(diags, GK_SEV_INFO, "table 三",
                        "run-together digits: no split satisfies every column rule; split by %s alone",
                        sets[s][0] ? "一+二 = 七+四" : "（七）总计 = sum of results");
        return;
    }
}

static size_t label_number(const char *label)
{
    /* "6.属于…" → 6; labels starting otherwise have no trailing digits to cut */
    size_t n = 0;
    while (label[n] >= '0' && label[n] <= '9')
        n++;
    return label[n] == '.' ? n : 0;
}

static gk_table *recover_apps(const flat_text *ft, size_t from, size_t limit, size_t *region_end, gk_diag_list *diags)
{
    gk_template t = find_from(ft, from, limit, "不补正") != SIZE_MAX ? GK_TEMPLATE_2021 : GK_TEMPLATE_2019;
    const int *order;
    size_t nrows = gk_template_rows(t, &order);
    app_row rows[GK_APP_ROW_COUNT];
    size_t kw_at[GK_APP_ROW_COUNT], kw_end[GK_APP_ROW_COUNT];
    size_t pos = from;
    memset(rows, 0, sizeof rows);
    for (size_t i = 0; i < nrows; i++) {
        rows[i].row = order[i];
        size_t at, kl;
        if (gk_app_row_find(order[i], ft->s + pos, limit - pos, &at, &kl)) {
            rows[i].found = true;
            kw_at[i] = pos + at;
            kw_end[i] = pos + at + kl;
            pos = kw_end[i];
        }
    }
    size_t last_end = from;
    static const part_kind counts[MAX_PARTS] = {PART_COUNT};
    for (size_t i = 0; i < nrows; i++) {
        if (!rows[i].found)
            continue;
        size_t next = limit;
        for (size_t j = i + 1; j < nrows; j++)
            if (rows[j].found) {
                next = kw_at[j];
                break;
            }
        size_t s, e;
        if (!take_run(ft, kw_end[i], next, &s, &e)) {
            rows[i].ncand = 0;
            continue;
        }
        /* "…信息30000036.属于…" (or "6、属于"): the next label's number ran
         * into the digits. */
        if (i + 1 < nrows && e < ft->len &&
            (ft->s[e] == '.' || ft->s[e] == ',' || strncmp(ft->s + e, "、", strlen("、")) == 0)) {
            const char *next_label = gk_app_row_labels[order[i + 1]];
            size_t nl = label_number(next_label);
            if (nl && e - s > nl && memcmp(ft->s + e - nl, next_label, nl) == 0)
                e -= nl;
        }
        size_t rl = e - s < sizeof rows[i].run - 1 ? e - s : sizeof rows[i].run - 1;
        memcpy(rows[i].run, ft->s + s, rl);
        rows[i].run[rl] = '\0';
        rows[i].cand = malloc(MAX_CANDIDATES * sizeof(split));
        if (!rows[i].cand)
            continue;
        rows[i].ncand = split_run(ft->s + s, e - s, GK_COL_COUNT, counts, GK_COL_COUNT, rows[i].cand, MAX_CANDIDATES);
        if (e > last_end)
            last_end = e;
    }
    resolve_columns(rows, nrows, t, diags);

    gk_table *tab = gk_table_new();
    if (!tab)
        goto done;
    static const char *const header[] = {"", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
    gk_table_begin_row(tab);
    for (size_t h = 0; h < 8; h++)
        gk_table_add_cell(tab, header[h], 1, 1);
    for (size_t i = 0; i < nrows; i++) {
        const char *code = gk_app_row_codes[rows[i].row];
        if (!rows[i].found) {
            gk_diag_add(diags, GK_SEV_WARNING, "table 三", "run-together text: no label of row %s found", code);
            continue;
        }
        gk_table_begin_row(tab);
        gk_table_add_cell(tab, gk_app_row_labels[rows[i].row], 1, 1);
        split value = {{0}};
        bool known[MAX_PARTS] = {false};
        size_t nc = rows[i].ncand;
        if (nc && nc != SIZE_MAX)
            agree(rows[i].cand, nc, GK_COL_COUNT, &value, known);
        for (int p = 0; p < GK_COL_COUNT; p++)
            cell_num(tab, &value, known, p);
        if (nc == 1)
            continue;
        gk_buf msg;
        gk_buf_init(&msg);
        if (!rows[i].run[0])
            gk_buf_printf(&msg, "row %s: no digits after its label", code);
        else if (nc == 0)
            gk_buf_printf(&msg, "row %s: digits \"%s\" cannot be split into 7 values whose last is the sum of the "
                                "other six; left null", code, rows[i].run);
        else if (nc == SIZE_MAX)
            gk_buf_printf(&msg, "row %s: digits \"%s\" split too many ways; left null", code, rows[i].run);
        else {
            gk_buf_printf(&msg, "row %s: digits \"%s\" split %zu ways even with the column rules; cells they "
                                "disagree on are null; candidates: ", code, rows[i].run, nc);
            describe_candidates(&msg, rows[i].cand, nc, GK_COL_COUNT);
        }
        gk_diag_add(diags, GK_SEV_WARNING, "table 三", "%s", msg.data ? msg.data : "");
        gk_buf_free(&msg);
    }
done:
    for (size_t i = 0; i < nrows; i++)
        free(rows[i].cand);
    *region_end = last_end;
    return tab;
}

/* ---- table 四 ---- */

static gk_table *recover_rl(const flat_text *ft, size_t from, size_t to, size_t *run_end, gk_diag_list *diags)
{
    size_t s, e;
    if (!take_run(ft, from, to, &s, &e))
        return NULL;
    *run_end = e;
    static const part_kind counts[MAX_PARTS] = {PART_COUNT};
    split *cand = malloc(MAX_CANDIDATES * sizeof *cand);
    if (!cand)
        return NULL;
    size_t nc = split_run(ft->s + s, e - s, 15, counts, 5, cand, MAX_CANDIDATES);
    split value = {{0}};
    bool known[MAX_PARTS] = {false};
    if (nc && nc != SIZE_MAX)
        agree(cand, nc, 15, &value, known);
    if (nc != 1) {
        gk_buf msg;
        gk_buf_init(&msg);
        gk_buf_printf(&msg, "digits \"%.*s\" of table 四 split %s; cells the candidates disagree on are null",
                      (int)(e - s), ft->s + s, nc == 0 ? "no way that makes each 总计 the sum of its group"
                                                : nc == SIZE_MAX ? "too many ways" : "several ways");
        if (nc && nc != SIZE_MAX) {
            gk_buf_adds(&msg, "; candidates: ");
            describe_candidates(&msg, cand, nc, 15);
        }
        gk_diag_add(diags, GK_SEV_WARNING, "table 四", "%s", msg.data ? msg.data : "");
        gk_buf_free(&msg);
    }
    free(cand);
    gk_table *t = gk_table_new();
    if (!t)
        return NULL;
    static const char *const groups[] = {"行政复议", "未经复议直接起诉", "复议后起诉"};
    static const char *const results[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    gk_table_begin_row(t);
    for (int g = 0; g < 3; g++)
        gk_table_add_cell(t, groups[g], 5, 1);
    gk_table_begin_row(t);
    for (int p = 0; p < 15; p++)
        gk_table_add_cell(t, results[p % 5], 1, 1);
    gk_table_begin_row(t);
    for (int p = 0; p < 15; p++)
        cell_num(t, &value, known, p);
    return t;
}

/* ---- table 二 ---- */

/* The scans below look for a label at every byte.  Labels are UTF-8 text,
 * so none starts at a continuation byte (10xxxxxx): those are passed over
 * without trying every keyword. */
static bool char_start(const char *s) { return ((unsigned char)*s & 0xC0) != 0x80; }

static const char *item_at(const char *s, size_t *kl) { return char_start(s) ? gk_item_at(s, kl) : NULL; }

static const char *measure_at(const char *s, size_t *kl) { return char_start(s) ? gk_measure_at(s, kl) : NULL; }

static gk_table *recover_active(const flat_text *ft, size_t from, size_t to, size_t *region_end, gk_diag_list *diags)
{
    gk_table *t = gk_table_new();
    if (!t)
        return NULL;
    const char *measures[GK_MAX_MEASURES];
    int nm = 0;
    size_t i = from, last = from;
    split *cand = malloc(MAX_CANDIDATES * sizeof *cand);
    if (!cand) {
        gk_table_free(t);
        return NULL;
    }
    while (i < to) {
        size_t kl;
        if (strncmp(ft->s + i, "信息内容", strlen("信息内容")) == 0) {
            i += strlen("信息内容");
            nm = 0;
            while (i < to && !item_at(ft->s + i, &kl) && strncmp(ft->s + i, "第二十条", strlen("第二十条")) != 0) {
                const char *m = measure_at(ft->s + i, &kl);
                if (m && nm < GK_MAX_MEASURES) {
                    measures[nm++] = m;
                    i += kl;
                } else {
                    i++;
                }
            }
            gk_table_begin_row(t);
            gk_table_add_cell(t, "信息内容", 1, 1);
            for (int k = 0; k < nm; k++) {
                /* the grid recognizer maps these codes' keywords back */
                static const struct {
                    const char *code, *label;
                } names[] = {{"issued", "本年制发件数"},        {"repealed", "本年废止件数"},
                             {"in_force", "现行有效件数"},      {"decisions", "处理决定数量"},
                             {"amount", "总金额"},              {"new_made", "本年新制作数量"},
                             {"new_published", "本年新公开数量"}, {"total_published", "对外公开总数量"},
                             {"previous_items", "上一年项目数量"}, {"change", "本年增/减"},
                             {"items", "采购项目数量"}};
                const char *label = measures[k];
                for (size_t x = 0; x < sizeof names / sizeof names[0]; x++)
                    if (!strcmp(names[x].code, measures[k]))
                        label = names[x].label;
                gk_table_add_cell(t, label, 1, 1);
            }
            continue;
        }
        const char *item = nm ? item_at(ft->s + i, &kl) : NULL;
        if (!item) {
            i++;
            continue;
        }
        size_t label_at = i, label_len = kl;
        i += kl;
        /* values run from the first digit up to the next label */
        size_t stop = i, next_kl;
        while (stop < to && !item_at(ft->s + stop, &next_kl) && strncmp(ft->s + stop, "第二十条", strlen("第二十条")) != 0 &&
               !(ft->s[stop] >= '0' && ft->s[stop] <= '9') && ft->s[stop] != '-')
            stop++;
        size_t s = stop, e = stop;
        while (e < to && (is_digitish(ft->s[e]) || ft->s[e] == ' '))
            e++;
        while (e > s && (ft->s[e - 1] == ' ' || ft->s[e - 1] == '.'))
            e--;
        part_kind kinds[MAX_PARTS];
        for (int k = 0; k < nm; k++)
            kinds[k] = !strcmp(measures[k], "change") ? PART_SIGNED
                       : gk_measure_is_decimal(measures[k]) ? PART_DECIMAL
                                                            : PART_COUNT;
        size_t nc = e > s ? split_run(ft->s + s, e - s, nm, kinds, 0, cand, MAX_CANDIDATES) : 0;
        split value = {{0}};
        bool known[MAX_PARTS] = {false};
        if (nc && nc != SIZE_MAX)
            agree(cand, nc, nm, &value, known);
        gk_table_begin_row(t);
        char label[64];
        size_t ll = label_len < sizeof label - 1 ? label_len : sizeof label - 1;
        memcpy(label, ft->s + label_at, ll); /* the item's keyword, as the grid's label */
        label[ll] = '\0';
        gk_table_add_cell(t, label, 1, 1);
        for (int k = 0; k < nm; k++)
            cell_num(t, &value, known, k);
        if (nc != 1 && e > s) {
            gk_buf msg;
            gk_buf_init(&msg);
            gk_buf_printf(&msg, "item %s: digits \"%.*s\" %s", item, (int)(e - s), ft->s + s,
                          nc == 0 ? "cannot be read as its measures; left null"
                          : nc == SIZE_MAX ? "split too many ways; left null"
                                           : "split several ways, and no rule decides; cells they disagree on are null; candidates: ");
            if (nc && nc != SIZE_MAX)
                describe_candidates(&msg, cand, nc, nm);
            gk_diag_add(diags, GK_SEV_WARNING, "table 二", "%s", msg.data ? msg.data : "");
            gk_buf_free(&msg);
        }
        last = e > last ? e : last;
        i = e > i ? e : i;
    }
    free(cand);
    *region_end = last;
    return t;
}

/* ---- prose: inline section headings become paragraph breaks ---- */

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

static int numeral_at(const char *s, size_t *len)
{
    for (int i = 0; i < 10; i++) {
        size_t n = strlen(numerals[i]);
        if (strncmp(s, numerals[i], n) == 0) {
            *len = n;
            return i + 1;
        }
    }
    return 0;
}

/* A heading "三、…情况" starts at s: the numeral, 、, and a title ending in
 * 情况/事项/措施/概述/问题 within a few words, before any 。. */
static bool heading_at(const char *s, int expected)
{
    /* Tried at every byte of the prose: only the expected numeral can
     * start a heading, so it is the first thing compared. */
    if (expected < 1 || expected > 10 || s[0] != numerals[expected - 1][0])
        return false;
    size_t nl = 0;
    if (numeral_at(s, &nl) != expected || strncmp(s + nl, "、", strlen("、")) != 0)
        return false;
    const char *t = s + nl + strlen("、");
    static const char *const ends[] = {"情况", "事项", "措施", "概述", "问题"};
    const char *stop = strstr(t, "。");
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        const char *e = strstr(t, ends[i]);
        if (e && (!stop || e < stop) && e - t <= 60)
            return true;
    }
    return false;
}

/* Where the heading's title ends: the last 情况/事项/… before the first
 * space, digit, bracket or punctuation that starts the prose after it. */
static size_t heading_end(const char *s, size_t to)
{
    size_t nl = 0;
    numeral_at(s, &nl);
    size_t i = nl + strlen("、");
    while (i < to && s[i] == ' ')
        i++;
    size_t known = gk_known_section_title(s + i);
    if (known)
        return i + known;
    size_t title = i, best = 0;
    static const char *const ends[] = {"情况", "事项", "措施", "概述", "问题"};
    static const char *const stops[] = {"。", "，", "（", "：", "(", " ", "\n"};
    while (i < to && i - title < 120) {
        bool stop = s[i] >= '0' && s[i] <= '9';
        for (size_t k = 0; k < sizeof stops / sizeof stops[0] && !stop; k++)
            stop = strncmp(s + i, stops[k], strlen(stops[k])) == 0;
        if (stop && best)
            break;
        for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++)
            if (strncmp(s + i, ends[k], strlen(ends[k])) == 0)
                best = i + strlen(ends[k]);
        i++;
    }
    return best ? best : i;
}

static void emit(gk_document *doc, const char *orig, size_t from, size_t to)
{
    if (to <= from)
        return;
    char *p = gk_strndup(orig + from, to - from);
    if (p)
        gk_doc_add_paragraph(doc, p, 0);
    free(p);
}

/* Prose between tables: lines become paragraphs, and a heading run into
 * the text ("…日。一、总体情况2024年，…") becomes a paragraph of its own. */
static void add_prose(gk_document *doc, const char *orig, size_t from, size_t to, int *expected)
{
    size_t i = from, start = from;
    while (i < to) {
        if (orig[i] == '\n') {
            emit(doc, orig, start, i);
            start = ++i;
        } else if (heading_at(orig + i, *expected)) {
            emit(doc, orig, start, i);
            size_t end = i + heading_end(orig + i, to - i);
            emit(doc, orig, i, end);
            (*expected)++;
            start = i = end;
        } else {
            i++;
        }
    }
    emit(doc, orig, start, to);
}

/* ---- the whole ---- */

typedef struct {
    size_t from, to; /* in flat_text */
    gk_table *table;
} region;

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
        gk_buf_free(&joined);
        return joined.failed ? GK_ERR_NOMEM : GK_OK;
    }
    flat_text ft;
    if (!flat_build(joined.data, &ft)) {
        flat_free(&ft);
        gk_buf_free(&joined);
        return GK_ERR_NOMEM;
    }
    region regions[3];
    size_t nreg = 0;
    size_t new_at = find_from(&ft, 0, ft.len, "本年新收");
    size_t active_at = find_from(&ft, 0, new_at == SIZE_MAX ? ft.len : new_at, "第二十条");
    size_t apps_at = SIZE_MAX;
    if (new_at != SIZE_MAX) {
        size_t note = find_from(&ft, active_at == SIZE_MAX ? 0 : active_at, new_at, "(本列数据");
        size_t who = find_from(&ft, active_at == SIZE_MAX ? 0 : active_at, new_at, "申请人情况");
        apps_at = note < who ? note : who;
        if (apps_at == SIZE_MAX)
            apps_at = new_at;
    }
    if (active_at != SIZE_MAX) {
        size_t to = apps_at == SIZE_MAX ? ft.len : apps_at, end = active_at;
        gk_table *t = recover_active(&ft, active_at, to, &end, doc->diags);
        if (t)
            regions[nreg++] = (region){active_at, end, t};
    }
    /* table 四 is looked for after table 三, or after table 二 when 三 is
     * missing, or anywhere */
    size_t after_apps = nreg ? regions[nreg - 1].to : 0;
    if (apps_at != SIZE_MAX) {
        size_t limit = find_from(&ft, new_at, ft.len, "结果维持");
        if (limit == SIZE_MAX)
            limit = ft.len;
        size_t end = apps_at;
        gk_table *t = recover_apps(&ft, new_at, limit, &end, doc->diags);
        if (t)
            regions[nreg++] = (region){apps_at, end, t};
        after_apps = end;
    }
    {
        size_t upheld = find_from(&ft, after_apps, ft.len, "结果维持");
        if (upheld != SIZE_MAX) {
            size_t start = upheld;
            static const char *const lead[] = {"行政诉讼", "行政复议"};
            for (size_t k = 0; k < 2; k++) {
                size_t n = strlen(lead[k]);
                if (start >= after_apps + n && memcmp(ft.s + start - n, lead[k], n) == 0)
                    start -= n;
            }
            size_t last_label = upheld;
            for (size_t p = upheld; p < ft.len;) {
                size_t q = find_from(&ft, p, ft.len < p + 200 ? ft.len : p + 200, "总计");
                if (q == SIZE_MAX)
                    break;
                last_label = q + strlen("总计");
                p = last_label;
                if (p < ft.len && ft.s[p] >= '0' && ft.s[p] <= '9')
                    break;
            }
            size_t end = last_label;
            gk_table *t = recover_rl(&ft, last_label, ft.len, &end, doc->diags);
            if (t)
                regions[nreg++] = (region){start, end, t};
        }
    }

    /* Rebuild the model: prose between regions, the grids in their place. */
    gk_document rebuilt;
    gk_doc_init(&rebuilt, doc->diags);
    int expected = 1;
    size_t at = 0;
    for (size_t r = 0; r < nreg; r++) {
        if (regions[r].from < at) { /* overlapping regions: keep the grid, skip its text */
            gk_doc_add_table(&rebuilt, regions[r].table);
            continue;
        }
        add_prose(&rebuilt, joined.data, ft.off[at], ft.off[regions[r].from], &expected);
        gk_doc_add_table(&rebuilt, regions[r].table);
        at = regions[r].to;
    }
    add_prose(&rebuilt, joined.data, ft.off[at], ft.off[ft.len], &expected);
    gk_doc_free(doc);
    *doc = rebuilt;
    flat_free(&ft);
    gk_buf_free(&joined);
    return GK_OK;
}
