/* vocab.h — the templates' words as data: one entry per code (its kind, the
 * template's own label, the keywords that name it, the editions that have
 * it).  Every matcher, every "label of a code" and every edition test is
 * derived from the one table in vocab.c, so a label variant or a template
 * revision is one row there. */
#ifndef GK_VOCAB_H
#define GK_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    GK_TERM_ITEM,    /* section 二 row: regulations … procurement */
    GK_TERM_MEASURE, /* section 二 column: issued … items */
    GK_TERM_ROW,     /* section 三 row: new_received … carried_forward */
    GK_TERM_COLUMN,  /* section 三 applicant column */
    GK_TERM_GROUP,   /* section 四 group */
    GK_TERM_RESULT,  /* section 四 result */
    GK_TERM_HEADER,  /* words that tell a table or a header apart; no output code */
    GK_TERM_SECTION, /* a numbered section's title; the id is its number */
    GK_TERM_KINDS
} gk_term_kind;

/* Template editions as bits: a code belongs to one or both. */
enum { GK_ED_2019 = 1u, GK_ED_2021 = 2u, GK_ED_BOTH = 3u };

/* Section 二 items, in the templates' order. */
enum {
    GK_ITEM_REGULATIONS, GK_ITEM_NORMATIVE_DOCUMENTS, GK_ITEM_LICENSING, GK_ITEM_OTHER_SERVICES,
    GK_ITEM_PENALTY, GK_ITEM_ENFORCEMENT, GK_ITEM_FEES, GK_ITEM_PROCUREMENT, GK_ITEM_COUNT
};

/* Section 二 measures; 0 ends an item's list of them. */
enum {
    GK_MEASURE_NONE, GK_MEASURE_ISSUED, GK_MEASURE_REPEALED, GK_MEASURE_IN_FORCE, GK_MEASURE_DECISIONS,
    GK_MEASURE_AMOUNT, GK_MEASURE_NEW_MADE, GK_MEASURE_NEW_PUBLISHED, GK_MEASURE_TOTAL_PUBLISHED,
    GK_MEASURE_PREVIOUS_ITEMS, GK_MEASURE_CHANGE, GK_MEASURE_ITEMS, GK_MEASURE_END
};

/* Section 三 rows: every row of both templates. */
enum {
    GK_ROW_NEW_RECEIVED, GK_ROW_CARRIED_OVER, GK_ROW_GRANTED, GK_ROW_PARTIALLY_GRANTED,
    GK_ROW_DENIED_STATE_SECRET, GK_ROW_DENIED_PROHIBITED_BY_LAW, GK_ROW_DENIED_SECURITY_STABILITY,
    GK_ROW_DENIED_THIRD_PARTY, GK_ROW_DENIED_INTERNAL_AFFAIRS, GK_ROW_DENIED_PROCESS_INFO,
    GK_ROW_DENIED_ENFORCEMENT_FILE, GK_ROW_DENIED_ADMIN_INQUIRY, GK_ROW_UNAVAILABLE_NOT_HELD,
    GK_ROW_UNAVAILABLE_NEEDS_CREATION, GK_ROW_UNAVAILABLE_UNCLEAR, GK_ROW_NOT_PROCESSED_COMPLAINT,
    GK_ROW_NOT_PROCESSED_DUPLICATE, GK_ROW_NOT_PROCESSED_PUBLICATION, GK_ROW_NOT_PROCESSED_EXCESSIVE,
    GK_ROW_NOT_PROCESSED_CONFIRMATION, GK_ROW_OTHER_NO_CORRECTION, GK_ROW_OTHER_UNPAID_FEE,
    GK_ROW_OTHER_OTHER, GK_ROW_OTHER_PROCESSING, GK_ROW_RESULTS_TOTAL, GK_ROW_CARRIED_FORWARD,
    GK_APP_ROW_COUNT
};

/* Section 三 columns; section 四 groups and results. */
enum {
    GK_COL_NATURAL_PERSON, GK_COL_COMMERCIAL, GK_COL_RESEARCH, GK_COL_SOCIAL_WELFARE, GK_COL_LEGAL_SERVICE,
    GK_COL_OTHER_ORG, GK_COL_TOTAL, GK_COL_COUNT
};
enum { GK_GROUP_REVIEW, GK_GROUP_LITIGATION_DIRECT, GK_GROUP_LITIGATION_AFTER_REVIEW, GK_RL_GROUPS };
enum { GK_RESULT_UPHELD, GK_RESULT_CORRECTED, GK_RESULT_OTHER, GK_RESULT_PENDING, GK_RESULT_TOTAL, GK_RL_RESULTS };

/* Words that tell a table or header apart (GK_TERM_HEADER ids). */
enum {
    GK_HDR_APPLICANT,     /* 申请人情况: the head of table 三 */
    GK_HDR_COLUMN_NOTE,   /* 本列数据…: table 三's corner note */
    GK_HDR_ARTICLE,       /* 第二十条: table 二's article rows */
    GK_HDR_CONTENT,       /* 信息内容: table 二's header */
    GK_HDR_ACTIVE_TITLE,  /* 主动公开政府信息: section 二's title inside its table */
    GK_HDR_LITIGATION,    /* 行政诉讼: table 四's litigation head */
    GK_HDR_REVIEW,        /* 行政复议: table 四's review head, as run-together text writes it */
    GK_HDR_ORGANIZATIONS, /* 法人或其他组织: table 三's head over five applicant columns */
    GK_HDR_RESULTS,       /* 三、本年度办理结果: table 三's head over the result rows */
    GK_HDR_COUNT
};

enum { GK_TERM_KEYWORDS = 6, GK_ITEM_MEASURES = 4 };

/* Flags of a term. */
enum {
    GK_TERM_RESULT_ROW = 1u, /* a row summed into （七）总计 */
    GK_TERM_DECIMAL = 2u,    /* a measure that may have a fraction (an amount) */
    GK_TERM_SIGNED = 4u      /* a measure that may be negative (本年增/减) */
};

typedef struct {
    gk_term_kind kind;
    int id;             /* the code's index in its kind (GK_ROW_…, GK_ITEM_…, …) */
    const char *code;   /* the output's name; NULL for header words */
    unsigned editions;  /* GK_ED_… */
    unsigned flags;     /* GK_TERM_… */
    const char *label;  /* the template's own wording */
    /* Any of these in a label names the code; "=X" names it only when the
     * whole label is X.  Keywords of four characters or more also match
     * with one character wrong, missing or extra. */
    const char *keywords[GK_TERM_KEYWORDS];
    /* Items: their measures in the 2019 and the 2021 edition, 0-ended. */
    unsigned char measures[2][GK_ITEM_MEASURES + 1];
    /* Items: the article of the regulations (条例) that lists them, which
     * the template writes above their rows; NULL for other kinds. */
    const char *article;
    /* The 2019 edition's wording where it differs from `label` (the 2021
     * one): 规范性文件, 处理决定数量, 采购总金额; NULL elsewhere. */
    const char *label_2019;
} gk_term;

/* The entry of (kind, id), or NULL when there is none. */
const gk_term *gk_term_get(gk_term_kind kind, int id);
/* Its output code ("" for an id out of range: never NULL). */
const char *gk_code(gk_term_kind kind, int id);
/* Every entry: the table itself, for tests and generated documentation. */
const gk_term *gk_vocab(size_t *count);

/* The ids of `kind` that edition `ed` has, in the template's order; returns
 * how many (at most cap). */
size_t gk_edition_ids(gk_term_kind kind, unsigned ed, int *ids, size_t cap);
/* The measures item `item` has in edition `ed` (GK_ED_2019 or _2021),
 * 0-ended. */
const unsigned char *gk_item_measures(int item, unsigned ed);
/* A row summed into results_total under edition ed. */
bool gk_row_is_result(unsigned ed, int row);
/* The measure code's term, by code ("issued"…), or NULL. */
const gk_term *gk_measure_by_code(const char *code);

/* How a label was matched. */
typedef struct {
    int id;      /* the code's id, or -1 */
    int errors;  /* 0: a keyword as written; 1: with one character off */
    int tie;     /* id == -1 and tie >= 0: two codes, `first` and `tie`, fit equally */
    int first;
} gk_term_match;

enum { GK_MATCH_EXACT = 0, GK_MATCH_FUZZY = 1 };

/* The code of `kind` that a label names.  `core` is the label through
 * gk_label_core().  The most specific keyword wins (an exact one over one
 * with a character off, then the longest); two different codes that fit
 * equally well are a tie, and neither is taken.  GK_MATCH_FUZZY allows one
 * wrong, missing or extra character in keywords of four characters or
 * more, tried only when no keyword is found as written. */
gk_term_match gk_vocab_match(gk_term_kind kind, const char *core, int how);
/* The same, as just the id (-1 for none or a tie), exact keywords only. */
int gk_vocab_id(gk_term_kind kind, const char *core);

/* Whether the label contains a keyword of code (kind, id) as written. */
bool gk_vocab_has(gk_term_kind kind, int id, const char *core);

/* Run-together text: the code of `kind` whose keyword starts exactly at s
 * (the longest), with the keyword's byte length; NULL when none. */
const gk_term *gk_vocab_at(gk_term_kind kind, const char *s, size_t *kwlen);
/* The first keyword of code (kind, id) in s[0, len): where and how long. */
bool gk_vocab_find(gk_term_kind kind, int id, const char *s, size_t len, size_t *at, size_t *kwlen);

/* Byte length of a template section title starting at s (the longest of
 * the known titles), or 0. */
size_t gk_known_section_title(const char *s);
/* The words a section title ends with (情况, 事项 …), NULL-ended. */
extern const char *const gk_title_end_words[];

/* A Chinese numeral character at s (〇○零 = 0, 一…九, 十 = 10) with its
 * byte length; -1 when s starts with none. */
int gk_cjk_numeral(const char *s, size_t *len);

#endif
