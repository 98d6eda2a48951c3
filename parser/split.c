/* split.c — the digit-run solver of run-together text, pure arithmetic:
 * the ways a run of digits splits into a row's cells (each group's last cell
 * the sum of the others), and the splits of table 三's rows that the column
 * rules (一+二 = 七+四, （七）总计 = sum of results) leave standing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "split.h"

enum { PART_KINDS = 3, MAX_PART_LEN = 15 /* part_value's limit */ };

/* The searches read the same substrings again and again (every choice of a
 * group's total re-reads the parts before it), so each value is parsed once.
 * Indexed [start][kind][length]; known: 0 not yet parsed, 1 a value, 2 not. */
typedef struct {
    unsigned char known[GK_SPLIT_MAX_RUN][PART_KINDS][MAX_PART_LEN + 1];
    double value[GK_SPLIT_MAX_RUN][PART_KINDS][MAX_PART_LEN + 1];
} part_memo;

typedef struct {
    char digits[GK_SPLIT_MAX_RUN + 1]; /* the run without spaces */
    bool boundary[GK_SPLIT_MAX_RUN + 1]; /* a space stood before digits[i] */
    /* next_boundary[i]: the first j > i with boundary[j], or n; a part
     * [a, b) spans a space iff next_boundary[a] < b */
    size_t next_boundary[GK_SPLIT_MAX_RUN + 1];
    part_memo *memo;
    size_t n;
    int k;
    const gk_part_kind *kinds;
    int group_size; /* each group's last part is the sum of the others; 0: none */
    gk_split cur;
    gk_split *out;
    size_t count, cap;
    bool overflow;
    bool use_boundaries;
} splitter;

static bool part_value(const char *s, size_t len, gk_part_kind kind, double *v)
{
    if (len == 0 || len > MAX_PART_LEN)
        return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        if (kind != GK_PART_SIGNED)
            return false;
        neg = s[0] == '-';
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
    if (dots > (kind == GK_PART_DECIMAL ? 1u : 0u))
        return false;
    size_t int_end = dots ? dot_at : len;
    if (int_end == digits_start || (dots && dot_at + 1 == len))
        return false;
    /* No leading zero: "05" is two cells, 0 and 5. */
    if (s[digits_start] == '0' && int_end - digits_start > 1)
        return false;
    if (neg && int_end - digits_start == 1 && s[digits_start] == '0' && !dots)
        return false;
    if (kind == GK_PART_COUNT && int_end - digits_start > 9)
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

/* A part [a, b) may not span a space when spaces count as boundaries. */
static bool spans_boundary(const splitter *sp, size_t a, size_t b)
{
    return sp->use_boundaries && sp->next_boundary[a] < b;
}

static void split_rec(splitter *sp, size_t pos, int part)
{
    if (sp->overflow)
        return;
    int remaining = sp->k - part;
    for (size_t end = pos + 1; end + (size_t)(remaining - 1) <= sp->n; end++) {
        if (spans_boundary(sp, pos, end))
            break; /* a separator inside this part: it must end before it */
        if (remaining == 1 && end != sp->n)
            continue;
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


/* part_value of digits [pos, end), parsed on first use. */
static inline bool digits_value(splitter *sp, size_t pos, size_t end, gk_part_kind kind, double *v)
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
size_t gk_split_run(const char *run, size_t len, int k, const gk_part_kind *kinds, int group_size, gk_split *out,
                        size_t cap)
{
    part_memo memo; /* only `known` needs clearing: a value is read after it is set */
    splitter sp = {.k = k, .kinds = kinds, .group_size = group_size, .out = out, .cap = cap, .memo = &memo};
    bool space = false;
    size_t cuts = 0, atoms = 0;
    for (size_t i = 0; i < len; i++) {
        if (run[i] == ' ') {
            space = sp.n > 0;
            continue;
        }
        if (sp.n >= GK_SPLIT_MAX_RUN)
            return 0;
        /* a separator, or a sign, starts a cell */
        bool sign = run[i] == '-' || run[i] == '+';
        sp.boundary[sp.n] = space || (sign && sp.n > 0);
        cuts += sp.boundary[sp.n];
        /* the fewest characters a cell can hold: a digit, joined to the
         * next by a decimal point */
        atoms += run[i] >= '0' && run[i] <= '9';
        atoms -= run[i] == '.' && atoms > 0;
        sp.digits[sp.n++] = run[i];
        space = false;
    }
    if ((int)sp.n < k)
        return 0;
    sp.next_boundary[sp.n] = sp.n;
    for (size_t i = sp.n; i-- > 0;)
        sp.next_boundary[i] = i + 1 < sp.n && sp.boundary[i + 1] ? i + 1 : sp.next_boundary[i + 1];
    memset(memo.known, 0, sp.n * sizeof memo.known[0]);
    /* Separators are cell boundaries, always.  Where they, or the number
     * of digits, leave one way to make k cells, those are the published
     * values whether or not they add up (a failing check says so); the
     * sums choose only among splits the text leaves open. */
    bool certain = (int)(cuts + 1) == k || (int)atoms == k;
    sp.use_boundaries = true;
    if (group_size && !certain)
        group_rec(&sp, 0, 0);
    else
        split_rec(&sp, 0, 0);
    return sp.overflow ? SIZE_MAX : sp.count;
}

/* A value as "%.15g" writes it.  Whole numbers below 1e15 (every count)
 * come out as their digits, so they are written without printf, which
 * dominated the cost of the grids and diagnostics. */
void gk_split_format(char *buf, size_t size, double v)
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

void gk_split_describe(gk_buf *b, const gk_split *c, size_t nc, int k)
{
    for (size_t i = 0; i < nc && i < 8; i++) {
        gk_buf_adds(b, i ? "; " : "");
        for (int p = 0; p < k; p++) {
            char num[48];
            gk_split_format(num, sizeof num, c[i].v[p]);
            gk_buf_adds(b, p ? "|" : "");
            gk_buf_adds(b, num);
        }
    }
    if (nc > 8)
        gk_buf_printf(b, "; … (%zu in all)", nc);
}


/* Values every candidate agrees on are known; the others stay blank. */
void gk_split_agree(const gk_split *c, size_t nc, int k, gk_split *value, bool *known)
{
    for (int p = 0; p < k; p++) {
        known[p] = nc > 0;
        value->v[p] = nc ? c[0].v[p] : 0;
        for (size_t i = 1; i < nc && known[p]; i++)
            known[p] = c[i].v[p] == c[0].v[p];
    }
}


/* What the column rules read of the rows with a single split, worked out
 * once: their values, and the sum of those that are result rows. */
typedef struct {
    double results[GK_COL_COUNT];      /* sum of the result rows that are fixed */
    double row[GK_APP_ROW_COUNT][GK_COL_COUNT];
    bool have[GK_APP_ROW_COUNT];
    bool results_complete;             /* every result row has some gk_split */
} column_base;

static void column_base_init(column_base *b, const gk_split_row *rows, size_t nrows, unsigned ed)
{
    memset(b, 0, sizeof *b);
    b->results_complete = true;
    for (size_t i = 0; i < nrows; i++) {
        bool usable = rows[i].found && rows[i].ncand && rows[i].ncand != SIZE_MAX;
        if (gk_row_is_result(ed, rows[i].row) && !usable)
            b->results_complete = false;
        if (!usable)
            continue;
        b->have[rows[i].row] = true;
        if (rows[i].ncand == 1) {
            memcpy(b->row[rows[i].row], rows[i].cand[0].v, sizeof b->row[0]);
            if (gk_row_is_result(ed, rows[i].row))
                for (int col = 0; col < GK_COL_COUNT; col++)
                    b->results[col] += rows[i].cand[0].v[col];
        }
    }
}

static bool is_ambiguous(const gk_split_row *r) { return r->found && r->ncand > 1 && r->ncand != SIZE_MAX; }

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
    const gk_split_row *rows;
    bool balance, results;             /* the rules that apply */
    size_t order[GK_APP_ROW_COUNT];    /* indices into rows, in search order */
    size_t norder, nbalance;           /* order[0, nbalance): balance rows; the rest: result rows */
    bool reads[GK_APP_ROW_COUNT];      /* by rows index: in order */
    size_t pick[GK_APP_ROW_COUNT];     /* by rows index: the split chosen */
    double v[GK_APP_ROW_COUNT][GK_COL_COUNT];         /* by row code: balance rows' values */
    double res[GK_APP_ROW_COUNT + 1][GK_COL_COUNT];    /* res[d]: fixed results + order[nbalance, d) */
    double rest_max[GK_APP_ROW_COUNT + 1][GK_COL_COUNT]; /* rest_max[d]: the most order[d, norder) add */
    bool keep[GK_APP_ROW_COUNT][GK_SPLIT_MAX_CANDIDATES];      /* by rows index: split is in a combination that holds */
    bool consistent;                                  /* some combination holds */
} column_search;

static void column_search_init(column_search *cs, const column_base *b, const gk_split_row *rows, size_t nrows,
                               unsigned ed, bool balance, bool results)
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
        if (is_ambiguous(&rows[i]) && cs->results && gk_row_is_result(ed, rows[i].row))
            cs->order[cs->norder++] = i;
    for (size_t d = 0; d < cs->norder; d++)
        cs->reads[cs->order[d]] = true;
    memcpy(cs->res[cs->nbalance], b->results, sizeof cs->res[0]);
    for (size_t d = cs->norder; d-- > cs->nbalance;) {
        const gk_split_row *r = &rows[cs->order[d]];
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
    const gk_split_row *r = &cs->rows[i];
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
int gk_split_columns(gk_split_row *rows, size_t nrows, unsigned ed)
{
    size_t namb = 0, product = 1;
    for (size_t i = 0; i < nrows; i++)
        if (is_ambiguous(&rows[i])) {
            namb++;
            product = product > GK_SPLIT_MAX_COMBINATIONS / rows[i].ncand ? GK_SPLIT_MAX_COMBINATIONS + 1 : product * rows[i].ncand;
        }
    if (namb == 0 || product > GK_SPLIT_MAX_COMBINATIONS)
        return -1;
    column_base base;
    column_base_init(&base, rows, nrows, ed);
    /* Rule sets from strict to loose: a report may break one rule itself. */
    const bool sets[3][2] = {{true, true}, {true, false}, {false, true}};
    column_search cs;
    for (int s = 0; s < 3; s++) {
        column_search_init(&cs, &base, rows, nrows, ed, sets[s][0], sets[s][1]);
        column_search_run(&cs, 0);
        if (!cs.consistent)
            continue;
        for (size_t i = 0; i < nrows; i++) {
            gk_split_row *r = &rows[i];
            if (!cs.reads[i])
                continue; /* every split of it holds with the others */
            size_t n = 0;
            for (size_t c = 0; c < r->ncand; c++)
                if (cs.keep[i][c])
                    r->cand[n++] = r->cand[c];
            r->ncand = n;
        }
        return s;
    }
    return -1;
}
