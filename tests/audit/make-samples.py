#!/usr/bin/env python3
"""make-samples.py — writes the gkaudit samples of tests/audit/ (see its
README.md) from the figures below.  The figures are the samples' design:
which years follow on from which, where a rule is broken on purpose; the
generator only lays them out as reports (text with tab-delimited tables,
or HTML) whose own consistency rules all hold.  Run from the repository
root: python3 tests/audit/make-samples.py"""
import os

COLS = 6
RESULT_ROWS_2021 = [
    "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
    "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
    "8.属于行政查询事项", "（四）无法提供 1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确", "（五）不予处理 1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
    "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
]
RESULT_ROWS_2019 = RESULT_ROWS_2021[:18] + ["（六）其他处理"]


def applications(new, over, forward, edition, seed):
    """Table 三 as rows of (label, 6 values): results spread over the
    result rows so that every rule of the template holds."""
    labels = RESULT_ROWS_2021 if edition == 2021 else RESULT_ROWS_2019
    def small(i, c):  # a few requests in most result rows, more for natural persons
        if c == 0:
            return (i * 3 + seed) % 3
        return (i + c + seed) % 2 if c == 1 and i < 12 else 0
    results = [[small(i, c) for c in range(COLS)] for i in range(len(labels))]
    for c in range(COLS):
        total = new[c] + over[c] - forward[c]
        results[0][c] = total - sum(results[i][c] for i in range(1, len(labels)))
        assert results[0][c] >= 0, (seed, c)
    rows = [("一、本年新收政府信息公开申请数量", new), ("二、上年结转政府信息公开申请数量", over)]
    rows += list(zip(labels, results))
    rows.append(("（七）总计", [sum(r[c] for r in results) for c in range(COLS)]))
    rows.append(("四、结转下年度继续办理", forward))
    return [[label] + [str(v) for v in vals] + [str(sum(vals))] for label, vals in rows]


def active(edition, a):
    if edition == 2021:
        return [
            ["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章"] + [str(v) for v in a["regulations"]],
            ["行政规范性文件"] + [str(v) for v in a["normative_documents"]],
            ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", str(a["licensing"])],
            ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", str(a["penalty"])],
            ["行政强制", str(a["enforcement"])],
            ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", a["fees"]],
        ]
    return [
        ["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章"] + [str(v) for v in a["regulations"]],
        ["规范性文件"] + [str(v) for v in a["normative_documents"]],
        ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可"] + [str(v) for v in a["licensing"]],
        ["其他对外管理服务事项"] + [str(v) for v in a["other_services"]],
        ["第二十条第（六）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚"] + [str(v) for v in a["penalty"]],
        ["行政强制"] + [str(v) for v in a["enforcement"]],
        ["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"],
        ["行政事业性收费"] + [str(v) for v in a["fees"]],
        ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"],
        ["政府集中采购"] + [str(v) for v in a["procurement"]],
    ]


APPS_HEAD = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
RL_HEAD = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"],
    ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
     "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
]


def report(r):
    apps = applications(r["new"], r["over"], r["forward"], r["edition"], r["year"] % 7)
    new_total = sum(r["new"])
    rl = r.get("rl", [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0])
    title = f"{r['agency']}{r['year']}年政府信息公开工作年度报告"
    intro = (f"{r['year']}年，本单位认真贯彻《中华人民共和国政府信息公开条例》，"
             f"全年共收到政府信息公开申请{new_total}件，均在法定期限内答复。")
    sections = [
        ("一、总体情况", [intro], None),
        ("二、主动公开政府信息情况", [], active(r["edition"], r["active"])),
        ("三、收到和处理政府信息公开申请情况", [], [APPS_HEAD] + apps),
        ("四、政府信息公开行政复议、行政诉讼情况", [], RL_HEAD + [[str(v) for v in rl]]),
        ("五、存在的主要问题及改进情况", ["信息公开的及时性有待提高。"], None),
        ("六、其他需要报告的事项", ["本年度未收取信息处理费。"], None),
    ]
    return title, sections


def as_text(title, sections):
    out = [title, ""]
    for head, paras, table in sections:
        out.append(head)
        out += paras
        if table:
            out += ["\t".join(row) for row in table]
        out.append("")
    return "\n".join(out)


def as_html(title, sections):
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8">', f"<title>{title}</title></head><body>",
           f"<h1>{title}</h1>"]
    for head, paras, table in sections:
        out.append(f"<h2>{head}</h2>")
        out += [f"<p>{p}</p>" for p in paras]
        if table:
            out.append("<table border=1>")
            for row in table:
                out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def active2019(lic, oth, pen, enf, fees):
    return {"regulations": [1, 1, 4], "normative_documents": [5, 5, 30], "licensing": lic,
            "other_services": oth, "penalty": pen, "enforcement": enf, "fees": fees,
            "procurement": [3, "126.5"]}


def active2021(reg, norm, lic=120):
    return {"regulations": reg, "normative_documents": norm, "licensing": lic, "penalty": 35,
            "enforcement": 4, "fees": "2.5"}


AUDIT = "示例县审计局"   # consistent years, a duplicate that agrees, a gap in 2023
STATS = "示例县统计局"   # a break in each cross-year rule, a duplicate that disagrees
ZONE_OLD, ZONE_NEW = "示例开发区管委会", "示例开发区管理委员会"  # one agency renamed (--aliases)

REPORTS = [
    # name, forms, figures
    ("audit-bureau_2019", ["txt"], dict(agency=AUDIT, year=2019, edition=2019,
        new=[61, 22, 3, 2, 4, 5], over=[2, 1, 0, 0, 1, 0], forward=[3, 1, 0, 1, 0, 2],
        active=active2019([40, 3, 210], [12, -1, 35], [25, 4, 66], [6, 0, 9], [8, -2]))),
    ("audit-bureau_2020", ["txt"], dict(agency=AUDIT, year=2020, edition=2019,
        new=[58, 19, 2, 3, 5, 4], over=[3, 1, 0, 1, 0, 2], forward=[1, 2, 0, 0, 1, 1],
        active=active2019([43, -2, 198], [11, 2, 41], [29, 1, 70], [6, 1, 12], [6, 0]))),
    ("audit-bureau_2021", ["txt"], dict(agency=AUDIT, year=2021, edition=2021,
        new=[66, 24, 4, 2, 3, 6], over=[1, 2, 0, 0, 1, 1], forward=[4, 0, 1, 0, 0, 1],
        active=active2021([1, 0, 5], [6, 2, 31]))),
    ("audit-bureau_2022", ["txt", "html"], dict(agency=AUDIT, year=2022, edition=2021,
        new=[70, 25, 3, 3, 4, 5], over=[4, 0, 1, 0, 0, 1], forward=[2, 1, 0, 0, 0, 0],
        active=active2021([0, 1, 4], [4, 3, 32]))),
    ("audit-bureau_2024", ["txt"], dict(agency=AUDIT, year=2024, edition=2021,
        new=[75, 20, 2, 2, 6, 3], over=[1, 0, 0, 0, 0, 0], forward=[0, 0, 0, 0, 0, 0],
        active=active2021([0, 0, 4], [5, 1, 38]))),
    ("stats-bureau_2019", ["txt"], dict(agency=STATS, year=2019, edition=2019,
        new=[64, 18, 2, 4, 3, 3], over=[1, 0, 0, 0, 0, 1], forward=[2, 3, 0, 0, 0, 1],
        active=active2019([30, 2, 150], [9, 0, 22], [15, 2, 48], [4, -1, 7], [5, 1]))),
    # 上年结转 商业企业 2 where 2019 carried 3 forward; 行政处罚 上一年项目数量 16, not 15 + 2
    ("stats-bureau_2020", ["txt"], dict(agency=STATS, year=2020, edition=2019,
        new=[60, 20, 3, 3, 2, 4], over=[2, 2, 0, 0, 0, 1], forward=[1, 1, 0, 0, 1, 0],
        active=active2019([32, 1, 160], [9, 1, 25], [16, 0, 51], [3, 0, 6], [6, 0]))),
    ("stats-bureau_2021", ["txt"], dict(agency=STATS, year=2021, edition=2021,
        new=[63, 21, 2, 2, 4, 4], over=[1, 1, 0, 0, 1, 0], forward=[0, 2, 0, 1, 0, 0],
        active=active2021([0, 0, 3], [4, 1, 20]))),
    # 现行有效 21 where 20 + 3 − 1 = 22; the HTML form says 行政许可 86, the text 88
    ("stats-bureau_2022", ["txt"], dict(agency=STATS, year=2022, edition=2021,
        new=[67, 23, 3, 2, 3, 5], over=[0, 2, 0, 1, 0, 0], forward=[1, 0, 0, 0, 0, 0],
        active=active2021([0, 0, 3], [3, 1, 21], lic=88))),
    ("stats-bureau_2022", ["html"], dict(agency=STATS, year=2022, edition=2021,
        new=[67, 23, 3, 2, 3, 5], over=[0, 2, 0, 1, 0, 0], forward=[1, 0, 0, 0, 0, 0],
        active=active2021([0, 0, 3], [3, 1, 21], lic=86))),
    ("dev-zone_2021", ["txt"], dict(agency=ZONE_OLD, year=2021, edition=2021,
        new=[59, 17, 2, 3, 2, 2], over=[0, 0, 0, 0, 0, 0], forward=[1, 1, 0, 0, 0, 0],
        active=active2021([1, 0, 2], [3, 0, 10]))),
    ("dev-zone_2022", ["txt"], dict(agency=ZONE_NEW, year=2022, edition=2021,
        new=[62, 19, 3, 2, 3, 3], over=[1, 1, 0, 0, 0, 0], forward=[0, 0, 0, 0, 0, 0],
        active=active2021([0, 0, 2], [2, 1, 11]))),
]

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name, forms, figures in REPORTS:
        title, sections = report(figures)
        for form in forms:
            text = as_text(title, sections) if form == "txt" else as_html(title, sections)
            with open(os.path.join(here, f"{name}.{form}"), "w", encoding="utf-8") as f:
                f.write(text)
