//! Sections 3 and 4: towns and departments, most open first; and the open
//! tickets against their deadlines, the longest overdue named.

use super::parts::{figure, more, open, para, series, table, term, Cell, RowKind};
use super::svg::{self, Bar, HBars};
use super::{Figures, BARS};
use crate::domain::reconcile::{Counts, Lateness};
use crate::domain::Lang;
use crate::report::reconcile::{By, Listed, Row};

/// 3. By town and by department.
pub(crate) fn groups(f: &Figures, lang: Lang) -> String {
    let mut s = open(
        3,
        lang.pick("By town and by department", "按街镇、按承办单位"),
    );
    s += &group(&f.towns, By::Town, lang);
    s += &group(&f.departments, By::Department, lang);
    s + "</section>\n"
}

fn group(rows: &[Row], by: By, lang: Lang) -> String {
    let open = |c: &Counts| c.in_progress + c.awaiting;
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        open(&b.counts)
            .cmp(&open(&a.counts))
            .then(b.counts.collected.cmp(&a.counts.collected))
            .then(a.group.cmp(&b.group))
    });
    let shown = &sorted[..sorted.len().min(BARS)];
    let none = || {
        let none = crate::report::reconcile::key_column(Some(by)).group;
        none.map_or_else(String::new, |g| lang.pick(g.none_en, g.none_zh).to_string())
    };
    let name = |r: &Row| r.name.clone().unwrap_or_else(none);
    // The table gives the code, then the name, as `report reconcile` does.
    let code = |r: &Row| r.group.clone().unwrap_or_else(none);
    let (what_en, what_zh, whats_en, unit_zh) = match by {
        By::Town => ("town", "街镇", "towns", "个街镇"),
        _ => ("department", "承办单位", "departments", "个承办单位"),
    };
    let (name_en, name_zh) = match by {
        By::Town => ("town name", "街镇名称"),
        _ => ("department name", "承办单位名称"),
    };
    let title = match (sorted.len() > shown.len(), lang) {
        (false, Lang::En) => format!("By {what_en}: closed and open tickets, most open first"),
        (false, Lang::Zh) => format!("按{what_zh}：办结与未办结，未办结多者在前"),
        (true, Lang::En) => format!(
            "By {what_en}: the {} {whats_en} with the most open tickets (of {})",
            shown.len(),
            sorted.len()
        ),
        (true, Lang::Zh) => format!(
            "按{what_zh}：未办结最多的{}{unit_zh}（共{}{unit_zh}）",
            shown.len(),
            sorted.len()
        ),
    };
    let bars: Vec<Bar> = shown
        .iter()
        .map(|r| {
            let c = &r.counts;
            Bar {
                label: name(r),
                parts: vec![
                    (c.closed, "k-closed"),
                    (c.in_progress, "k-progress"),
                    (c.awaiting, "k-awaiting"),
                ],
                note: match lang {
                    Lang::En => {
                        format!("{} open of {}, {} overdue", open(c), c.collected, c.overdue)
                    }
                    Lang::Zh => format!("未办结{}/{}，超期{}", open(c), c.collected, c.overdue),
                },
            }
        })
        .collect();
    let desc = shown
        .iter()
        .take(5)
        .map(|r| match lang {
            Lang::En => format!(
                "{}: {} open of {}",
                name(r),
                open(&r.counts),
                r.counts.collected
            ),
            Lang::Zh => format!(
                "{}未办结{}件/收集{}件",
                name(r),
                open(&r.counts),
                r.counts.collected
            ),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("; ", "；"));
    let legend = [
        series(lang, "closed", "办结", "k-closed"),
        series(lang, "in progress", "正在办理", "k-progress"),
        series(lang, "awaiting", "待受理", "k-awaiting"),
    ];
    let mut s = figure(svg::hbars(&HBars {
        id: &format!("c-{what_en}"),
        title: &title,
        desc: &format!(
            "{}{}",
            lang.pick("Most open first. ", "未办结多者在前。"),
            desc
        ),
        axis: lang.pick("tickets collected", "收集问题数（件）"),
        legend: &legend,
        bars: &bars,
    }));
    let line = |kind, label: String, name: String, c: &Counts| {
        (
            kind,
            vec![
                label.into(),
                name.into(),
                c.collected.into(),
                c.closed.into(),
                c.in_progress.into(),
                c.awaiting.into(),
                c.overdue.into(),
            ],
        )
    };
    let mut table_rows: Vec<(RowKind, Vec<Cell>)> = shown
        .iter()
        .map(|r| {
            line(
                RowKind::Plain,
                code(r),
                r.name.clone().unwrap_or_default(),
                &r.counts,
            )
        })
        .collect();
    let rest = &sorted[shown.len()..];
    if !rest.is_empty() {
        let mut c = Counts::default();
        rest.iter().for_each(|r| c.add(&r.counts));
        let label = match lang {
            Lang::En => format!("the other {} {whats_en}", rest.len()),
            Lang::Zh => format!("其余{}{unit_zh}", rest.len()),
        };
        table_rows.push(line(RowKind::Rest, label, String::new(), &c));
    }
    let mut total = Counts::default();
    rows.iter().for_each(|r| total.add(&r.counts));
    table_rows.push(line(
        RowKind::Total,
        lang.pick("total", "合计").into(),
        String::new(),
        &total,
    ));
    s += &table(
        &title,
        &[
            lang.pick(what_en, what_zh),
            lang.pick(name_en, name_zh),
            &term(0, lang),
            &term(1, lang),
            &term(4, lang),
            &term(5, lang),
            &term(6, lang),
        ],
        &table_rows,
    );
    s
}

/// 4. Open tickets against their due dates, and the most overdue named.
pub(crate) fn lateness(f: &Figures, lang: Lang) -> String {
    let mut s = open(
        4,
        lang.pick(
            "Open tickets against their deadlines",
            "未办结问题距办理时限情况",
        ),
    );
    let bars: Vec<Bar> = f
        .lateness
        .iter()
        .map(|l| Bar {
            label: l.place.label(lang),
            parts: vec![(l.open, LATE_CLASSES[l.place.index()])],
            note: match lang {
                Lang::En => format!("{} ({} awaiting)", l.open, l.awaiting),
                Lang::Zh => format!("{}（待受理{}）", l.open, l.awaiting),
            },
        })
        .collect();
    let desc = f
        .lateness
        .iter()
        .map(|l| format!("{} {}", l.place.label(lang), l.open))
        .collect::<Vec<_>>()
        .join(lang.pick("; ", "；"));
    s += &figure(svg::hbars(&HBars {
        id: "c-lateness",
        title: &match lang {
            Lang::En => format!(
                "Open tickets on {} by days past their due date",
                f.scope.day_iso()
            ),
            Lang::Zh => format!("{}未办结问题按超期天数分布", f.scope.day_iso()),
        },
        desc: &desc,
        axis: lang.pick("open tickets", "未办结问题数（件）"),
        legend: &[],
        bars: &bars,
    }));
    let mut rows: Vec<(RowKind, Vec<Cell>)> = f
        .lateness
        .iter()
        .map(|l| {
            (
                RowKind::Plain,
                vec![l.place.label(lang).into(), l.open.into(), l.awaiting.into()],
            )
        })
        .collect();
    let open: i64 = f.lateness.iter().map(|l| l.open).sum();
    let awaiting: i64 = f.lateness.iter().map(|l| l.awaiting).sum();
    rows.push((
        RowKind::Total,
        vec![
            lang.pick("total", "合计").into(),
            open.into(),
            awaiting.into(),
        ],
    ));
    s += &table(
        lang.pick("Open tickets by days past due", "未办结问题按超期天数"),
        &[
            lang.pick("against the due date", "距办理时限"),
            lang.pick("open", "未办结"),
            lang.pick("of which awaiting", "其中待受理"),
        ],
        &rows,
    );
    let overdue: i64 = f
        .lateness
        .iter()
        .filter(|l| l.place.is_overdue())
        .map(|l| l.open)
        .sum();
    let agrees = overdue == f.total.overdue;
    s += &para(
        if agrees { "check" } else { "verdict bad" },
        &match (agrees, lang) {
            (true, Lang::En) => format!("Overdue in all: {overdue}, as in the reconciliation."),
            (true, Lang::Zh) => format!("超期合计{overdue}件，与对账结果一致。"),
            (false, Lang::En) => format!(
                "Overdue in all: {overdue}; the reconciliation counts {}. Run `qianqi check`.",
                f.total.overdue
            ),
            (false, Lang::Zh) => format!(
                "超期合计{overdue}件，对账结果为{}件，两者不一致，请运行 qianqi check。",
                f.total.overdue
            ),
        },
    );
    let late: Vec<&Listed> = f.listed.iter().filter(|l| l.late.is_some()).collect();
    if !late.is_empty() {
        let rows: Vec<(RowKind, Vec<Cell>)> = late
            .iter()
            .map(|l| {
                (
                    RowKind::Plain,
                    vec![
                        l.code.as_str().into(),
                        l.uscc.as_str().into(),
                        l.enterprise.as_str().into(),
                        l.department_code.clone().map_or(Cell::Empty, Cell::from),
                        l.department.clone().map_or(Cell::Empty, Cell::from),
                        l.due_on.clone().map_or(Cell::Empty, Cell::from),
                        l.late.unwrap_or(0).into(),
                    ],
                )
            })
            .collect();
        s += &table(
            lang.pick("The tickets longest overdue", "超期最久的问题"),
            &[
                lang.pick("code", "编号"),
                lang.pick("enterprise", "统一社会信用代码"),
                lang.pick("enterprise name", "企业名称"),
                lang.pick("department", "承办单位"),
                lang.pick("department name", "承办单位名称"),
                lang.pick("due", "办理时限"),
                lang.pick("days overdue", "超期天数"),
            ],
            &rows,
        );
    }
    s += &more(lang, f.total.overdue, late.len());
    s + "</section>\n"
}

/// The fill of each place of `Lateness::ALL`: darker as tickets get later.
const LATE_CLASSES: [&str; 6] = [
    "k-late0", "k-late1", "k-late2", "k-late3", "k-late4", "k-late5",
];
const _: () = assert!(LATE_CLASSES.len() == Lateness::ALL.len());
