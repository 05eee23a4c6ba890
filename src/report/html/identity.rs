//! Sections 1 and 2: the reconciliation identity with its verdict and the
//! tickets behind the residue; then each month's collected, closed and open.

use super::parts::{figure, month_labels, more, open, para, series, table, term, Cell, RowKind};
use super::svg::{self, esc, Bar, Columns, HBars};
use super::Figures;
use crate::domain::Lang;
use crate::report::reconcile::{self, Listed};

/// 1. The identity, its verdict, and the tickets behind the residue.
pub(crate) fn headline(f: &Figures, lang: Lang) -> String {
    let c = &f.total;
    let mut s = open(
        1,
        lang.pick(
            "Collected = closed + in progress + awaiting",
            "收集 = 办结 + 正在办理 + 待受理",
        ),
    );
    s += &para("lead", &reconcile::bulletin(c, &f.scope, lang));
    let lines = reconcile::identity_lines(c, lang);
    s += &format!(
        "<p class=\"verdict{}\">{}<br>{}</p>\n",
        if c.adds_up() { "" } else { " bad" },
        esc(&lines[0]),
        esc(&lines[1])
    );
    let bars = [
        Bar {
            label: term(0, lang),
            parts: vec![(c.collected, "k-collected")],
            note: c.collected.to_string(),
        },
        Bar {
            label: format!("{} + {} + {}", term(1, lang), term(4, lang), term(5, lang)),
            parts: vec![
                (c.closed, "k-closed"),
                (c.in_progress, "k-progress"),
                (c.awaiting, "k-awaiting"),
            ],
            note: format!("{} + {} + {}", c.closed, c.in_progress, c.awaiting),
        },
        Bar {
            label: format!("{} = {} + {}", term(1, lang), term(2, lang), term(3, lang)),
            parts: vec![(c.resolved, "k-resolved"), (c.explained, "k-explained")],
            note: format!("{} + {}", c.resolved, c.explained),
        },
    ];
    let legend = [
        series(lang, "collected", "收集", "k-collected"),
        series(lang, "closed", "办结", "k-closed"),
        series(lang, "in progress", "正在办理", "k-progress"),
        series(lang, "awaiting", "待受理", "k-awaiting"),
        series(lang, "resolved", "已解决", "k-resolved"),
        series(lang, "explained", "政策解释", "k-explained"),
    ];
    s += &figure(svg::hbars(&HBars {
        id: "c-identity",
        title: lang.pick("The reconciliation identity", "对账恒等式"),
        desc: &format!("{} {}", lines[0], lines[1]),
        axis: lang.pick("tickets", "问题数（件）"),
        legend: &legend,
        bars: &bars,
    }));
    let rows: Vec<(RowKind, Vec<Cell>)> = c
        .values()
        .iter()
        .enumerate()
        .map(|(i, n)| (RowKind::Plain, vec![term(i, lang).into(), (*n).into()]))
        .collect();
    s += "<div class=\"pair\">\n";
    s += &table(
        lang.pick("The terms", "各项数字"),
        &[lang.pick("term", "项目"), lang.pick("tickets", "件数")],
        &rows,
    );
    let awaiting: Vec<&Listed> = f.listed.iter().filter(|l| l.awaiting).collect();
    let caption = match lang {
        Lang::En => format!("Awaiting acceptance by a department: {}", c.awaiting),
        Lang::Zh => format!("已收集未受理：{}件", c.awaiting),
    };
    if awaiting.is_empty() {
        s += &para("check", &caption);
    } else {
        let rows: Vec<(RowKind, Vec<Cell>)> = awaiting
            .iter()
            .map(|l| {
                (
                    RowKind::Plain,
                    vec![
                        l.code.as_str().into(),
                        l.uscc.as_str().into(),
                        l.enterprise.as_str().into(),
                        l.collected_on.as_str().into(),
                        l.age.into(),
                    ],
                )
            })
            .collect();
        s += "<div>\n";
        s += &table(
            &caption,
            &[
                lang.pick("code", "编号"),
                lang.pick("enterprise", "统一社会信用代码"),
                lang.pick("enterprise name", "企业名称"),
                lang.pick("collected on", "收集日期"),
                lang.pick("days waiting", "已收集天数"),
            ],
            &rows,
        );
        s += &more(lang, c.awaiting, awaiting.len());
        s += "</div>\n";
    }
    s + "</div>\n</section>\n"
}

/// 2. Each month: collected, closed, and the open backlog at its end.
pub(crate) fn months(f: &Figures, lang: Lang) -> String {
    let mut s = open(
        2,
        lang.pick(
            "Month by month: collected, closed and still open",
            "逐月收集、办结与月末未办结",
        ),
    );
    let m = &f.months;
    let (Some(first), Some(last)) = (m.first(), m.last()) else {
        return s + &para("check", lang.pick("No tickets.", "没有问题记录。")) + "</section>\n";
    };
    let categories = month_labels(m.iter().map(|r| r.month.as_str()), lang);
    let desc = match lang {
        Lang::En => format!(
            "Columns: tickets collected and tickets closed in each month from {} to {}; line: tickets open at each month's end, {} at the end of {} and {} on {}.",
            first.month, last.month, first.open_at_end, first.month, last.open_at_end, f.scope.day_iso()
        ),
        Lang::Zh => format!(
            "柱：{}至{}每月收集和办结的问题数；折线：每月末未办结的问题数，{}末{}件，{}为{}件。",
            first.month, last.month, first.month, first.open_at_end, f.scope.day_iso(), last.open_at_end
        ),
    };
    s += &figure(svg::columns(&Columns {
        id: "c-months",
        title: lang.pick(
            "Collected and closed each month; open at the month's end",
            "每月收集、办结及月末未办结",
        ),
        desc: &desc,
        x_axis: lang.pick("month", "月份"),
        y_axis: lang.pick("tickets", "问题数（件）"),
        categories: &categories,
        series: &[
            (
                series(lang, "collected", "收集", "k-collected"),
                m.iter().map(|r| r.collected).collect(),
            ),
            (
                series(lang, "closed", "办结", "k-closed"),
                m.iter().map(|r| r.closed).collect(),
            ),
        ],
        line: Some((
            series(lang, "open at month end", "月末未办结", "k-backlog"),
            m.iter().map(|r| r.open_at_end).collect(),
        )),
        values: false,
    }));
    let mut rows: Vec<(RowKind, Vec<Cell>)> = m
        .iter()
        .map(|r| {
            (
                RowKind::Plain,
                vec![
                    r.month.as_str().into(),
                    r.collected.into(),
                    r.closed.into(),
                    r.reopened.into(),
                    r.open_at_end.into(),
                ],
            )
        })
        .collect();
    let sum = |g: fn(&crate::db::html::MonthFlow) -> i64| m.iter().map(g).sum::<i64>();
    rows.push((
        RowKind::Total,
        vec![
            lang.pick("total", "合计").into(),
            sum(|r| r.collected).into(),
            sum(|r| r.closed).into(),
            sum(|r| r.reopened).into(),
            last.open_at_end.into(),
        ],
    ));
    s += &table(
        lang.pick("Each month", "逐月数字"),
        &[
            lang.pick("month", "月份"),
            lang.pick("collected", "收集"),
            lang.pick("closed", "办结"),
            lang.pick("reopened", "重办"),
            lang.pick("open at month end", "月末未办结"),
        ],
        &rows,
    );
    s += &para(
        "check",
        lang.pick(
            "Open at a month's end = open at the end of the month before + collected − closed + reopened. Nothing was collected, closed or reopened after the last month shown, up to the report's day.",
            "月末未办结 = 上月末未办结 + 本月收集 − 本月办结 + 本月重办；所列最后一个月之后至报告日，没有新收集、办结或重办的问题。",
        ),
    );
    let open_now = f.total.in_progress + f.total.awaiting;
    s += &para(
        if last.open_at_end == open_now { "check" } else { "verdict bad" },
        &match (last.open_at_end == open_now, lang) {
            (true, Lang::En) => format!(
                "Open on {}: {} = in progress {} + awaiting {}, as in section 1.",
                f.scope.day_iso(), last.open_at_end, f.total.in_progress, f.total.awaiting
            ),
            (true, Lang::Zh) => format!(
                "{}未办结{}件 = 正在办理{}件 + 待受理{}件，与第1部分一致。",
                f.scope.day_iso(), last.open_at_end, f.total.in_progress, f.total.awaiting
            ),
            (false, Lang::En) => format!(
                "Open on {} from the history: {}; in section 1: {}. The figures disagree; run `qianqi check`.",
                f.scope.day_iso(), last.open_at_end, open_now
            ),
            (false, Lang::Zh) => format!(
                "按历史记录{}未办结{}件，第1部分为{}件，两者不一致，请运行 qianqi check。",
                f.scope.day_iso(), last.open_at_end, open_now
            ),
        },
    );
    s + "</section>\n"
}
