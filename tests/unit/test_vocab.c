/* test_vocab.c — the one vocabulary table (vocab.c) and what is derived
 * from it: the table walked (every code's own label matches back to it, in
 * each edition), which label means which code — every row code of table 三
 * from its SPEC.md label and common variants, applicant columns, section-二
 * measures and items, section-四 groups and results, misprinted labels
 * matched with one character off, ties left unmatched — the known section
 * titles, and the keyword search of run-together text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

/* ---- helpers: labels go through gk_label_core first, as in tables.c ---- */

/* The rightmost label's code, else the joined labels' (tables.c joins the
 * labels of a row nearest first). */
static int match_row(const char *core, const char *joined)
{
    int id = gk_vocab_id(GK_TERM_ROW, core);
    return id >= 0 ? id : gk_vocab_id(GK_TERM_ROW, joined);
}

static const char *code_or_null(gk_term_kind kind, int id) { return id >= 0 ? gk_code(kind, id) : NULL; }

static const char *keyword_code_at(gk_term_kind kind, const char *s, size_t *kl)
{
    const gk_term *t = gk_vocab_at(kind, s, kl);
    return t ? t->code : NULL;
}

static int row_of(const char *label)
{
    char *core = gk_label_core(label);
    assert_non_null(core);
    int row = match_row(core, core);
    free(core);
    return row;
}

/* A row whose labels sit in two cells ("（三）不予公开" | "1.属于国家秘密"):
 * core of the rightmost, `all` the cores joined. */
static int row_of_split(const char *left, const char *right)
{
    char *l = gk_label_core(left), *r = gk_label_core(right);
    assert_non_null(l);
    assert_non_null(r);
    size_t n = strlen(l) + strlen(r) + 1;
    char *all = malloc(n);
    assert_non_null(all);
    strcpy(all, l);
    strcat(all, r);
    int row = match_row(r, all);
    free(all);
    free(l);
    free(r);
    return row;
}

static void expect_row(const char *label, int want)
{
    int got = row_of(label);
    if (got != want)
        fail_msg("label \"%s\": row %d (%s), expected %d (%s)", label, got,
                 got >= 0 ? gk_code(GK_TERM_ROW, got) : "none", want,
                 want >= 0 ? gk_code(GK_TERM_ROW, want) : "none");
}

static int applicant_of(const char *label)
{
    char *core = gk_label_core(label);
    assert_non_null(core);
    int col = gk_vocab_id(GK_TERM_COLUMN, core);
    free(core);
    return col;
}

static const char *measure_of(const char *label)
{
    char *core = gk_label_core(label);
    assert_non_null(core);
    const char *m = code_or_null(GK_TERM_MEASURE, gk_vocab_id(GK_TERM_MEASURE, core));
    free(core);
    return m;
}

static const char *item_of(const char *label)
{
    char *core = gk_label_core(label);
    assert_non_null(core);
    const char *m = code_or_null(GK_TERM_ITEM, gk_vocab_id(GK_TERM_ITEM, core));
    free(core);
    return m;
}

static void expect_code(const char *got, const char *want, const char *label)
{
    if (!want) {
        if (got)
            fail_msg("label \"%s\": %s, expected none", label, got);
        return;
    }
    if (!got || strcmp(got, want) != 0)
        fail_msg("label \"%s\": %s, expected %s", label, got ? got : "none", want);
}

/* ---- table 三 rows: SPEC.md's labels, one row each ---- */

static void app_row_spec_labels_2021(void **state)
{
    (void)state;
    static const struct {
        const char *label;
        int row;
    } cases[] = {
        {"一、本年新收政府信息公开申请数量", GK_ROW_NEW_RECEIVED},
        {"二、上年结转政府信息公开申请数量", GK_ROW_CARRIED_OVER},
        {"（一）予以公开", GK_ROW_GRANTED},
        {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", GK_ROW_PARTIALLY_GRANTED},
        {"（三）不予公开 1.属于国家秘密", GK_ROW_DENIED_STATE_SECRET},
        {"2.其他法律行政法规禁止公开", GK_ROW_DENIED_PROHIBITED_BY_LAW},
        {"3.危及“三安全一稳定”", GK_ROW_DENIED_SECURITY_STABILITY},
        {"4.保护第三方合法权益", GK_ROW_DENIED_THIRD_PARTY},
        {"5.属于三类内部事务信息", GK_ROW_DENIED_INTERNAL_AFFAIRS},
        {"6.属于四类过程性信息", GK_ROW_DENIED_PROCESS_INFO},
        {"7.属于行政执法案卷", GK_ROW_DENIED_ENFORCEMENT_FILE},
        {"8.属于行政查询事项", GK_ROW_DENIED_ADMIN_INQUIRY},
        {"（四）无法提供 1.本机关不掌握相关政府信息", GK_ROW_UNAVAILABLE_NOT_HELD},
        {"2.没有现成信息需要另行制作", GK_ROW_UNAVAILABLE_NEEDS_CREATION},
        {"3.补正后申请内容仍不明确", GK_ROW_UNAVAILABLE_UNCLEAR},
        {"（五）不予处理 1.信访举报投诉类申请", GK_ROW_NOT_PROCESSED_COMPLAINT},
        {"2.重复申请", GK_ROW_NOT_PROCESSED_DUPLICATE},
        {"3.要求提供公开出版物", GK_ROW_NOT_PROCESSED_PUBLICATION},
        {"4.无正当理由大量反复申请", GK_ROW_NOT_PROCESSED_EXCESSIVE},
        {"5.要求行政机关确认或重新出具已获取信息", GK_ROW_NOT_PROCESSED_CONFIRMATION},
        {"（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         GK_ROW_OTHER_NO_CORRECTION},
        {"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", GK_ROW_OTHER_UNPAID_FEE},
        {"3.其他", GK_ROW_OTHER_OTHER},
        {"（七）总计", GK_ROW_RESULTS_TOTAL},
        {"四、结转下年度继续办理", GK_ROW_CARRIED_FORWARD},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_row(cases[i].label, cases[i].row);
}

static void app_row_other_processing_2019(void **state)
{
    (void)state;
    expect_row("（六）其他处理", GK_ROW_OTHER_PROCESSING);
}

static void app_row_every_code_is_reachable(void **state)
{
    (void)state;
    /* the template's own labels (flat.c writes them into its grids) */
    for (int row = 0; row < GK_APP_ROW_COUNT; row++)
        expect_row(gk_term_get(GK_TERM_ROW, row)->label, row);
}

static void app_row_labels_split_over_two_cells(void **state)
{
    (void)state;
    assert_int_equal(row_of_split("（三）不予公开", "1.属于国家秘密"), GK_ROW_DENIED_STATE_SECRET);
    assert_int_equal(row_of_split("（四）无法提供", "1.本机关不掌握相关政府信息"),
                     GK_ROW_UNAVAILABLE_NOT_HELD);
    assert_int_equal(row_of_split("（五）不予处理", "1.信访举报投诉类申请"), GK_ROW_NOT_PROCESSED_COMPLAINT);
    assert_int_equal(
        row_of_split("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        GK_ROW_OTHER_NO_CORRECTION);
    assert_int_equal(row_of_split("（六）其他处理", "3.其他"), GK_ROW_OTHER_OTHER);
    assert_int_equal(row_of_split("三、本年度办理结果", "（七）总计"), GK_ROW_RESULTS_TOTAL);
}

static void app_row_carried_forward_next_year_variant(void **state)
{
    (void)state;
    expect_row("四、结转下一年度继续办理", GK_ROW_CARRIED_FORWARD);
    expect_row("结转至下年度继续办理", GK_ROW_CARRIED_FORWARD);
}

static void app_row_total_with_dunhao_numbering(void **state)
{
    (void)state;
    char *core = gk_label_core("七、总计");
    assert_non_null(core);
    assert_string_equal(core, "总计");
    free(core);
    expect_row("七、总计", GK_ROW_RESULTS_TOTAL);
    expect_row("（七）合计", GK_ROW_RESULTS_TOTAL);
}

static void app_row_security_stability_with_ascii_quotes(void **state)
{
    (void)state;
    expect_row("3.危及\"三安全一稳定\"", GK_ROW_DENIED_SECURITY_STABILITY);
    expect_row("3.危及‘三安全一稳定’", GK_ROW_DENIED_SECURITY_STABILITY);
    expect_row("三安全一稳定", GK_ROW_DENIED_SECURITY_STABILITY);
}

static void app_row_other_only_as_whole_label(void **state)
{
    (void)state;
    expect_row("3.其他", GK_ROW_OTHER_OTHER);
    expect_row("其他", GK_ROW_OTHER_OTHER);
    /* "其他" inside a longer label is not the row 其他 */
    expect_row("其他法律行政法规禁止公开", GK_ROW_DENIED_PROHIBITED_BY_LAW);
    expect_row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", GK_ROW_PARTIALLY_GRANTED);
}

static void app_row_full_width_numbering(void **state)
{
    (void)state;
    /* "３．其他" and "（一）" in full-width forms */
    expect_row("\xEF\xBC\x93\xEF\xBC\x8E其他", GK_ROW_OTHER_OTHER);
    expect_row("\xEF\xBC\x88一\xEF\xBC\x89予以公开", GK_ROW_GRANTED);
}

static void app_row_unknown_and_group_labels(void **state)
{
    (void)state;
    expect_row("三、本年度办理结果", -1);
    expect_row("（三）不予公开", -1);
    expect_row("（四）无法提供", -1);
    expect_row("（五）不予处理", -1);
    expect_row("申请人情况", -1);
    expect_row("自然人", -1);
    expect_row("", -1);
}

static void app_row_all_labels_used_when_core_says_nothing(void **state)
{
    (void)state;
    /* a label cut over two cells: the rightmost half alone is unknown */
    assert_int_equal(match_row("属于", "属于国家秘密"), GK_ROW_DENIED_STATE_SECRET);
    assert_int_equal(match_row("信息", "本机关不掌握相关政府信息"), GK_ROW_UNAVAILABLE_NOT_HELD);
}

/* ---- table 三 columns ---- */

static void applicant_columns(void **state)
{
    (void)state;
    assert_int_equal(applicant_of("自然人"), 0);
    assert_int_equal(applicant_of("商业企业"), 1);
    assert_int_equal(applicant_of("科研机构"), 2);
    assert_int_equal(applicant_of("社会公益组织"), 3);
    assert_int_equal(applicant_of("法律服务机构"), 4);
    assert_int_equal(applicant_of("其他"), 5);
    assert_int_equal(applicant_of("总计"), 6);
    assert_int_equal(applicant_of("合计"), 6);
}

static void applicant_labels_with_spaces(void **state)
{
    (void)state;
    assert_int_equal(applicant_of("商业 企业"), 1);
    assert_int_equal(applicant_of("社会公益\n组织"), 3);
    assert_int_equal(applicant_of("法律服务 机构"), 4);
    assert_int_equal(applicant_of("自\xE3\x80\x80然\xE3\x80\x80人"), 0);
}

static void applicant_group_and_header_labels_are_not_columns(void **state)
{
    (void)state;
    assert_int_equal(applicant_of("法人或其他组织"), -1);
    assert_int_equal(applicant_of("申请人情况"), -1);
    assert_int_equal(applicant_of("本年新收政府信息公开申请数量"), -1);
}

/* ---- table 二 measures ---- */

static void measures_2021(void **state)
{
    (void)state;
    expect_code(measure_of("本年制发件数"), "issued", "本年制发件数");
    expect_code(measure_of("本年废止件数"), "repealed", "本年废止件数");
    expect_code(measure_of("现行有效件数"), "in_force", "现行有效件数");
    expect_code(measure_of("本年处理决定数量"), "decisions", "本年处理决定数量");
    expect_code(measure_of("本年收费金额（单位：万元）"), "amount", "本年收费金额（单位：万元）");
}

static void measures_2019(void **state)
{
    (void)state;
    expect_code(measure_of("本年新制作数量"), "new_made", "本年新制作数量");
    expect_code(measure_of("本年新公开数量"), "new_published", "本年新公开数量");
    expect_code(measure_of("对外公开总数量"), "total_published", "对外公开总数量");
    expect_code(measure_of("上一年项目数量"), "previous_items", "上一年项目数量");
    expect_code(measure_of("本年增/减"), "change", "本年增/减");
    expect_code(measure_of("处理决定数量"), "decisions", "处理决定数量");
    expect_code(measure_of("采购项目数量"), "items", "采购项目数量");
    expect_code(measure_of("采购总金额"), "amount", "采购总金额");
}

static void measures_with_notes_and_variants(void **state)
{
    (void)state;
    expect_code(measure_of("上一年项目数量(指2019年事项数)"), "previous_items", "上一年项目数量(指…)");
    expect_code(measure_of("上年项目数量"), "previous_items", "上年项目数量");
    expect_code(measure_of("本年增（减）"), "change", "本年增（减）");
    expect_code(measure_of("本年增减"), "change", "本年增减");
    expect_code(measure_of("本年 制发 件数"), "issued", "本年 制发 件数");
}

static void measure_unknown_labels(void **state)
{
    (void)state;
    expect_code(measure_of("信息内容"), NULL, "信息内容");
    expect_code(measure_of("第二十条第（一）项"), NULL, "第二十条第（一）项");
    expect_code(measure_of("行政许可"), NULL, "行政许可");
}

/* ---- table 二 items ---- */

static void items_of_both_templates(void **state)
{
    (void)state;
    expect_code(item_of("规章"), "regulations", "规章");
    expect_code(item_of("规范性文件"), "normative_documents", "规范性文件");
    expect_code(item_of("行政许可"), "licensing", "行政许可");
    expect_code(item_of("其他对外管理服务事项"), "other_services", "其他对外管理服务事项");
    expect_code(item_of("行政处罚"), "penalty", "行政处罚");
    expect_code(item_of("行政强制"), "enforcement", "行政强制");
    expect_code(item_of("行政事业性收费"), "fees", "行政事业性收费");
    expect_code(item_of("政府集中采购"), "procurement", "政府集中采购");
}

static void item_normative_documents_not_regulations(void **state)
{
    (void)state;
    expect_code(item_of("行政规范性文件"), "normative_documents", "行政规范性文件");
    expect_code(item_of("规章及行政规范性文件"), "normative_documents", "规章及行政规范性文件");
}

static void item_unknown_rows(void **state)
{
    (void)state;
    expect_code(item_of("其他主动公开文件"), NULL, "其他主动公开文件");
    expect_code(item_of("信息内容"), NULL, "信息内容");
    expect_code(item_of("本年制发件数"), NULL, "本年制发件数");
}

static void item_and_measure_at_exact_position(void **state)
{
    (void)state;
    size_t kl = 0;
    const char *s = "行政规范性文件249153";
    /* the keyword must start at s: "行政规范性文件" has 规范性文件 after 行政 */
    assert_null(keyword_code_at(GK_TERM_ITEM, s, &kl));
    const char *code = keyword_code_at(GK_TERM_ITEM, s + strlen("行政"), &kl);
    assert_non_null(code);
    assert_string_equal(code, "normative_documents");
    assert_int_equal(kl, strlen("规范性文件"));
    code = keyword_code_at(GK_TERM_ITEM, "行政许可1327", &kl);
    assert_non_null(code);
    assert_string_equal(code, "licensing");
    assert_int_equal(kl, strlen("行政许可"));
    code = keyword_code_at(GK_TERM_MEASURE, "现行有效件数规章", &kl);
    assert_non_null(code);
    assert_string_equal(code, "in_force");
    assert_int_equal(kl, strlen("现行有效"));
    assert_null(keyword_code_at(GK_TERM_MEASURE, "本年制发件数", &kl));
}

/* ---- table 四 groups and results ---- */

static void groups(void **state)
{
    (void)state;
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "行政复议"), 0);
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "未经复议直接起诉"), 1);
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "直接起诉"), 1);
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "复议后起诉"), 2);
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "行政诉讼"), -1);
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "结果维持"), -1);
}

static void group_review_typo(void **state)
{
    (void)state;
    assert_int_equal(gk_vocab_id(GK_TERM_GROUP, "行政法复议"), 0);
}

static void results(void **state)
{
    (void)state;
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "结果维持"), 0);
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "结果纠正"), 1);
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "其他结果"), 2);
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "尚未审结"), 3);
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "总计"), 4);
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "合计"), 4);
    assert_int_equal(gk_vocab_id(GK_TERM_RESULT, "行政复议"), -1);
}

/* ---- gk_known_section_title ---- */

static void known_section_titles(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况",
        "其他需要报告的事项",
        "概述",
    };
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        assert_int_equal(gk_known_section_title(titles[i]), strlen(titles[i]));
}

static void known_section_title_longest_wins(void **state)
{
    (void)state;
    const char *t = "政府信息公开工作存在的主要问题及改进情况";
    assert_int_equal(gk_known_section_title(t), strlen(t));
}

static void known_section_title_followed_by_prose(void **state)
{
    (void)state;
    assert_int_equal(gk_known_section_title("总体情况2024年，我区扎实推进"), strlen("总体情况"));
}

static void known_section_title_must_start_at_s(void **state)
{
    (void)state;
    assert_int_equal(gk_known_section_title("一、总体情况"), 0);
    assert_int_equal(gk_known_section_title("工作总体情况"), 0);
    assert_int_equal(gk_known_section_title("其他"), 0);
    assert_int_equal(gk_known_section_title(""), 0);
}

/* ---- gk_vocab_find: run-together text ---- */

static void app_row_find_first_keyword(void **state)
{
    (void)state;
    const char *s = "一、本年新收政府信息公开申请数量15130000154二、上年结转";
    size_t at = 99, kl = 0;
    assert_true(gk_vocab_find(GK_TERM_ROW, GK_ROW_NEW_RECEIVED, s, strlen(s), &at, &kl));
    assert_int_equal(at, strlen("一、"));
    assert_int_equal(kl, strlen("本年新收"));
    assert_true(gk_vocab_find(GK_TERM_ROW, GK_ROW_CARRIED_OVER, s, strlen(s), &at, &kl));
    assert_int_equal(at, strlen(s) - strlen("上年结转"));
}

static void app_row_find_earliest_of_several_keywords(void **state)
{
    (void)state;
    /* security_stability has two keywords, 三安全一稳定 and 危及: the
     * earlier occurrence in the text wins, whichever keyword it is */
    const char *s = "3.危及三安全一稳定1321411";
    size_t at = 99, kl = 0;
    assert_true(gk_vocab_find(GK_TERM_ROW, GK_ROW_DENIED_SECURITY_STABILITY, s, strlen(s), &at, &kl));
    assert_int_equal(at, 2);
    assert_int_equal(kl, strlen("危及"));
}

static void app_row_find_other_other(void **state)
{
    (void)state;
    const char *s = "3.其他143212527";
    size_t at = 99, kl = 0;
    assert_true(gk_vocab_find(GK_TERM_ROW, GK_ROW_OTHER_OTHER, s, strlen(s), &at, &kl));
    assert_int_equal(at, 2);
    assert_int_equal(kl, strlen("其他"));
}

static void app_row_find_honours_length(void **state)
{
    (void)state;
    const char *s = "2.重复申请8322221383.要求提供公开出版物";
    size_t at = 99, kl = 0;
    size_t cut = strlen("2.重复申请832222138");
    assert_false(gk_vocab_find(GK_TERM_ROW, GK_ROW_NOT_PROCESSED_PUBLICATION, s, cut, &at, &kl));
    assert_true(gk_vocab_find(GK_TERM_ROW, GK_ROW_NOT_PROCESSED_PUBLICATION, s, strlen(s), &at, &kl));
    /* the earliest keyword: 公开出版物 starts before 出版物 */
    assert_int_equal(at, strlen(s) - strlen("公开出版物"));
    assert_int_equal(kl, strlen("公开出版物"));
    assert_false(gk_vocab_find(GK_TERM_ROW, GK_ROW_GRANTED, s, strlen(s), &at, &kl));
}

/* ---- the table itself ---- */

static int match_label(gk_term_kind kind, const char *label, int how)
{
    char *core = gk_label_core(label);
    assert_non_null(core);
    int id = gk_vocab_match(kind, core, how).id;
    free(core);
    return id;
}

/* Every code's own label names it again, exactly and with misprints
 * tolerated, whichever edition it belongs to; ids are unique and in order
 * within their kind, so gk_term_get finds each entry. */
static void vocab_every_label_matches_its_code(void **state)
{
    (void)state;
    size_t n;
    const gk_term *t = gk_vocab(&n);
    assert_true(n > 60);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(gk_term_get(t[i].kind, t[i].id), &t[i]);
        if (i > 0 && t[i].kind == t[i - 1].kind)
            assert_true(t[i].id > t[i - 1].id);
        if (i > 0)
            assert_true(t[i].kind >= t[i - 1].kind);
        if (!t[i].code && t[i].kind != GK_TERM_HEADER && t[i].kind != GK_TERM_SECTION)
            continue; /* the measure list's 0 */
        assert_non_null(t[i].keywords[0]);
        assert_true(t[i].editions != 0);
        if (t[i].kind == GK_TERM_SECTION) {
            assert_int_equal(gk_known_section_title(t[i].label), strlen(t[i].label));
            continue;
        }
        if (t[i].kind == GK_TERM_HEADER) {
            char *norm = gk_label_normalize(t[i].label);
            assert_non_null(norm);
            if (!gk_vocab_has(GK_TERM_HEADER, t[i].id, norm))
                fail_msg("header word %d: its label \"%s\" does not name it", t[i].id, t[i].label);
            free(norm);
            continue;
        }
        if (t[i].label_2019 && match_label(t[i].kind, t[i].label_2019, GK_MATCH_EXACT) != t[i].id)
            fail_msg("%s: its 2019 label \"%s\" does not name it", t[i].code, t[i].label_2019);
        for (int how = GK_MATCH_EXACT; how <= GK_MATCH_FUZZY; how++) {
            int got = match_label(t[i].kind, t[i].label, how);
            if (got != t[i].id)
                fail_msg("%s: its label \"%s\" matches %s", t[i].code, t[i].label,
                         got >= 0 ? gk_code(t[i].kind, got) : "nothing");
        }
    }
}

/* The editions hold what SPEC.md lists: 23 and 25 rows, 8 and 6 items,
 * and each item's measures. */
static void vocab_editions_as_the_spec_lists(void **state)
{
    (void)state;
    int ids[GK_APP_ROW_COUNT];
    assert_int_equal(gk_edition_ids(GK_TERM_ROW, GK_ED_2019, ids, GK_APP_ROW_COUNT), 23);
    assert_int_equal(ids[20], GK_ROW_OTHER_PROCESSING);
    assert_int_equal(gk_edition_ids(GK_TERM_ROW, GK_ED_2021, ids, GK_APP_ROW_COUNT), 25);
    assert_int_equal(ids[20], GK_ROW_OTHER_NO_CORRECTION);
    assert_int_equal(ids[24], GK_ROW_CARRIED_FORWARD);
    assert_int_equal(gk_edition_ids(GK_TERM_ITEM, GK_ED_2019, ids, GK_APP_ROW_COUNT), 8);
    assert_int_equal(gk_edition_ids(GK_TERM_ITEM, GK_ED_2021, ids, GK_APP_ROW_COUNT), 6);
    assert_int_equal(gk_edition_ids(GK_TERM_COLUMN, GK_ED_BOTH, ids, GK_APP_ROW_COUNT), GK_COL_COUNT);
    const unsigned char *m = gk_item_measures(GK_ITEM_FEES, GK_ED_2019);
    assert_string_equal(gk_code(GK_TERM_MEASURE, m[0]), "previous_items");
    assert_string_equal(gk_code(GK_TERM_MEASURE, m[1]), "change");
    assert_int_equal(m[2], 0);
    m = gk_item_measures(GK_ITEM_FEES, GK_ED_2021);
    assert_string_equal(gk_code(GK_TERM_MEASURE, m[0]), "amount");
    assert_int_equal(m[1], 0);
    m = gk_item_measures(GK_ITEM_PROCUREMENT, GK_ED_2021);
    assert_int_equal(m[0], 0);
    assert_true(gk_row_is_result(GK_ED_2019, GK_ROW_OTHER_PROCESSING));
    assert_false(gk_row_is_result(GK_ED_2021, GK_ROW_OTHER_PROCESSING));
    assert_false(gk_row_is_result(GK_ED_BOTH, GK_ROW_RESULTS_TOTAL));
    assert_false(gk_row_is_result(GK_ED_BOTH, GK_ROW_CARRIED_OVER));
    assert_string_equal(gk_code(GK_TERM_ROW, 99), "");
    assert_null(gk_term_get(GK_TERM_ROW, 99));
}

/* ---- misprinted labels: one character wrong, missing or extra ---- */

static void fuzzy_one_character_off(void **state)
{
    (void)state;
    /* a dropped character, a homophone, a wrong one, an extra one */
    assert_int_equal(match_label(GK_TERM_ROW, "2.其他法律行政止公开", GK_MATCH_FUZZY), GK_ROW_DENIED_PROHIBITED_BY_LAW);
    assert_int_equal(match_label(GK_TERM_MEASURE, "先行有效件数", GK_MATCH_FUZZY), GK_MEASURE_IN_FORCE);
    assert_int_equal(match_label(GK_TERM_ITEM, "行政许克", GK_MATCH_FUZZY), GK_ITEM_LICENSING);
    assert_int_equal(match_label(GK_TERM_ROW, "4.无正当理由大量的反复申请", GK_MATCH_FUZZY),
                     GK_ROW_NOT_PROCESSED_EXCESSIVE);
    assert_int_equal(match_label(GK_TERM_ROW, "1.本机关不掌相关政府信息", GK_MATCH_FUZZY), GK_ROW_UNAVAILABLE_NOT_HELD);
    /* without tolerance none of them is found */
    assert_int_equal(match_label(GK_TERM_ROW, "2.其他法律行政止公开", GK_MATCH_EXACT), -1);
    assert_int_equal(match_label(GK_TERM_MEASURE, "先行有效件数", GK_MATCH_EXACT), -1);
}

static void fuzzy_never_on_short_keywords_or_two_errors(void **state)
{
    (void)state;
    /* 信访 has two characters: one off is another word */
    assert_int_equal(match_label(GK_TERM_ROW, "1.信坊举报类申请", GK_MATCH_FUZZY), -1);
    assert_int_equal(match_label(GK_TERM_ITEM, "行许克", GK_MATCH_FUZZY), -1);
    assert_int_equal(match_label(GK_TERM_ROW, "三、本年度办理结果", GK_MATCH_FUZZY), -1);
    assert_int_equal(match_label(GK_TERM_ROW, "申请人情况", GK_MATCH_FUZZY), -1);
    assert_int_equal(match_label(GK_TERM_ITEM, "其他主动公开文件", GK_MATCH_FUZZY), -1);
}

static void fuzzy_exact_keyword_wins(void **state)
{
    (void)state;
    char *core = gk_label_core("2.重复申请");
    gk_term_match m = gk_vocab_match(GK_TERM_ROW, core, GK_MATCH_FUZZY);
    assert_int_equal(m.id, GK_ROW_NOT_PROCESSED_DUPLICATE);
    assert_int_equal(m.errors, 0);
    free(core);
}

static void fuzzy_tie_names_both_codes(void **state)
{
    (void)state;
    /* 行政处制: one character from 行政处罚 and from 行政强制 */
    char *core = gk_label_core("行政处制");
    gk_term_match m = gk_vocab_match(GK_TERM_ITEM, core, GK_MATCH_FUZZY);
    assert_int_equal(m.id, -1);
    assert_int_equal(m.errors, 1);
    int a = m.first < m.tie ? m.first : m.tie, b = m.first < m.tie ? m.tie : m.first;
    assert_int_equal(a, GK_ITEM_PENALTY);
    assert_int_equal(b, GK_ITEM_ENFORCEMENT);
    free(core);
    /* two exact keywords of two codes, equally long: a tie as well */
    m = gk_vocab_match(GK_TERM_RESULT, "审结总计", GK_MATCH_EXACT);
    assert_int_equal(m.id, -1);
    assert_true(m.tie >= 0);
}

/* ---- Chinese numerals ---- */

static void cjk_numerals(void **state)
{
    (void)state;
    size_t n = 0;
    assert_int_equal(gk_cjk_numeral("三、", &n), 3);
    assert_int_equal(n, strlen("三"));
    assert_int_equal(gk_cjk_numeral("十", &n), 10);
    assert_int_equal(gk_cjk_numeral("〇", &n), 0);
    assert_int_equal(gk_cjk_numeral("○", &n), 0);
    assert_int_equal(gk_cjk_numeral("零", &n), 0);
    assert_int_equal(gk_cjk_numeral("3", &n), -1);
    assert_int_equal(gk_cjk_numeral("", &n), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vocab_every_label_matches_its_code),
        cmocka_unit_test(vocab_editions_as_the_spec_lists),
        cmocka_unit_test(fuzzy_one_character_off),
        cmocka_unit_test(fuzzy_never_on_short_keywords_or_two_errors),
        cmocka_unit_test(fuzzy_exact_keyword_wins),
        cmocka_unit_test(fuzzy_tie_names_both_codes),
        cmocka_unit_test(cjk_numerals),
        cmocka_unit_test(app_row_spec_labels_2021),
        cmocka_unit_test(app_row_other_processing_2019),
        cmocka_unit_test(app_row_every_code_is_reachable),
        cmocka_unit_test(app_row_labels_split_over_two_cells),
        cmocka_unit_test(app_row_carried_forward_next_year_variant),
        cmocka_unit_test(app_row_total_with_dunhao_numbering),
        cmocka_unit_test(app_row_security_stability_with_ascii_quotes),
        cmocka_unit_test(app_row_other_only_as_whole_label),
        cmocka_unit_test(app_row_full_width_numbering),
        cmocka_unit_test(app_row_unknown_and_group_labels),
        cmocka_unit_test(app_row_all_labels_used_when_core_says_nothing),
        cmocka_unit_test(applicant_columns),
        cmocka_unit_test(applicant_labels_with_spaces),
        cmocka_unit_test(applicant_group_and_header_labels_are_not_columns),
        cmocka_unit_test(measures_2021),
        cmocka_unit_test(measures_2019),
        cmocka_unit_test(measures_with_notes_and_variants),
        cmocka_unit_test(measure_unknown_labels),
        cmocka_unit_test(items_of_both_templates),
        cmocka_unit_test(item_normative_documents_not_regulations),
        cmocka_unit_test(item_unknown_rows),
        cmocka_unit_test(item_and_measure_at_exact_position),
        cmocka_unit_test(groups),
        cmocka_unit_test(group_review_typo),
        cmocka_unit_test(results),
        cmocka_unit_test(known_section_titles),
        cmocka_unit_test(known_section_title_longest_wins),
        cmocka_unit_test(known_section_title_followed_by_prose),
        cmocka_unit_test(known_section_title_must_start_at_s),
        cmocka_unit_test(app_row_find_first_keyword),
        cmocka_unit_test(app_row_find_earliest_of_several_keywords),
        cmocka_unit_test(app_row_find_other_other),
        cmocka_unit_test(app_row_find_honours_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
