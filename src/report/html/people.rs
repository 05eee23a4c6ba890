//! Sections 5 and 6: cadres and enterprises per tier with the gaps, and the
//! visits per month.

use super::parts::{figure, month_labels, more, open, para, series, table, Cell, RowKind};
use super::svg::{self, esc, Bar, Columns, HBars};
use super::{Figures, IDLE_DAYS, NAMED};
use crate::domain::kinds::Tier;
use crate::domain::Lang;
use crate::output::{Table, Value};

/// A tier's stored name, or `total`, as read in `lang`.
fn tier_label(v: &Value, lang: Lang) -> String {
    match v {
        Value::Text(s) if s == "total" => lang.pick("total", "合计").into(),
        Value::Text(s) => Tier::parse(s).map_or_else(|_| s.clone(), |t| t.label(lang).into()),
        _ => String::new(),
    }
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(n) => *n,
        _ => 0,
    }
}

/// The first `NAMED` rows of a list as an HTML table, and how many are left out.
fn list(t: &Table, caption: &str, lang: Lang) -> String {
    let head = t.headers(lang);
    let rows: Vec<(RowKind, Vec<Cell>)> = t
        .rows
        .iter()
        .take(NAMED)
        .map(|r| (RowKind::Plain, r.iter().map(Cell::from).collect()))
        .collect();
    if rows.is_empty() {
        return format!("<p class=\"empty\">{}</p>\n", esc(caption));
    }
    let mut s = table(caption, &head, &rows);
    s += &more(lang, t.rows.len() as i64, rows.len());
    s
}

/// 5. Cadres and enterprises per tier, and the gaps.
pub(crate) fn coverage(f: &Figures, lang: Lang) -> String {
    let mut s = open(5, lang.pick("Coverage", "结对覆盖"));
    let mut bars = Vec::new();
    for r in &f.coverage.rows {
        let tier = tier_label(&r[0], lang);
        bars.push(Bar {
            label: format!("{tier} · {}", lang.pick("cadres", "派出干部")),
            parts: vec![(int(&r[1]), "k-cadres")],
            note: int(&r[1]).to_string(),
        });
        bars.push(Bar {
            label: format!("{tier} · {}", lang.pick("enterprises", "服务企业")),
            parts: vec![(int(&r[2]), "k-enterprises")],
            note: int(&r[2]).to_string(),
        });
    }
    let unpaired_title = lang.pick("enterprises with no cadre in force", "无干部对口服务的企业");
    let idle_title = match lang {
        Lang::En => format!("cadres with no visit in {IDLE_DAYS} days"),
        Lang::Zh => format!("近{IDLE_DAYS}天未走访的干部"),
    };
    for (label, n) in [
        (unpaired_title.to_string(), f.unpaired.rows.len()),
        (idle_title.clone(), f.idle.rows.len()),
    ] {
        bars.push(Bar {
            label,
            parts: vec![(n as i64, "k-gap")],
            note: n.to_string(),
        });
    }
    let desc = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.note))
        .collect::<Vec<_>>()
        .join(lang.pick("; ", "；"));
    let legend = [
        series(lang, "cadres", "派出干部", "k-cadres"),
        series(lang, "enterprises", "服务企业", "k-enterprises"),
        series(lang, "gaps", "缺口", "k-gap"),
    ];
    s += &figure(svg::hbars(&HBars {
        id: "c-coverage",
        title: &format!(
            "{} ({})",
            lang.pick(
                "Cadres deployed and enterprises served per tier",
                "各层级派出干部与服务企业"
            ),
            crate::report::describe(&f.scope, lang, "pairings in force", "结对期间")
        ),
        desc: &desc,
        axis: lang.pick("cadres or enterprises", "人数或企业数"),
        legend: &legend,
        bars: &bars,
    }));
    let rows: Vec<(RowKind, Vec<Cell>)> = f
        .coverage
        .rows
        .iter()
        .map(|r| {
            let kind = if matches!(&r[0], Value::Text(t) if t == "total") {
                RowKind::Total
            } else {
                RowKind::Plain
            };
            (
                kind,
                vec![
                    tier_label(&r[0], lang).into(),
                    int(&r[1]).into(),
                    int(&r[2]).into(),
                ],
            )
        })
        .collect();
    s += &table(
        lang.pick("Per tier", "各层级"),
        &[
            lang.pick("tier", "层级"),
            lang.pick("cadres", "派出干部"),
            lang.pick("enterprises", "服务企业"),
        ],
        &rows,
    );
    s += &para(
        "check",
        lang.pick(
            "The total counts each cadre and each enterprise once, whatever the tiers of their pairings.",
            "合计中每名干部、每家企业只计一次，不论其结对层级。",
        ),
    );
    let cap = |t: &str, n: usize| match lang {
        Lang::En => format!("{}{}: {n}", t[..1].to_uppercase(), &t[1..]),
        Lang::Zh => format!("{t}：{n}"),
    };
    s += &list(
        &f.unpaired,
        &cap(unpaired_title, f.unpaired.rows.len()),
        lang,
    );
    s += &list(&f.idle, &cap(&idle_title, f.idle.rows.len()), lang);
    s + "</section>\n"
}

/// 6. Visits and person-visits per month.
pub(crate) fn visits(f: &Figures, lang: Lang) -> String {
    let mut s = open(6, lang.pick("Visits per month", "逐月走访"));
    let m = &f.visits;
    let (Some(first), Some(last)) = (m.first(), m.last()) else {
        return s + &para("check", lang.pick("No visits.", "没有走访记录。")) + "</section>\n";
    };
    let visits: i64 = m.iter().map(|r| r.visits).sum();
    let people: i64 = m.iter().map(|r| r.people).sum();
    let desc = match lang {
        Lang::En => format!(
            "Visit records and person-visits each month from {} to {}: {visits} visits, {people} person-visits in all.",
            first.month, last.month
        ),
        Lang::Zh => format!(
            "{}至{}每月走访次数与走访人次，合计走访{visits}次、{people}人次。",
            first.month, last.month
        ),
    };
    let categories = month_labels(m.iter().map(|r| r.month.as_str()), lang);
    s += &figure(svg::columns(&Columns {
        id: "c-visits",
        title: lang.pick("Visits and person-visits each month", "每月走访次数与人次"),
        desc: &desc,
        x_axis: lang.pick("month", "月份"),
        y_axis: lang.pick("visits / person-visits", "次数 / 人次"),
        categories: &categories,
        series: &[
            (
                series(lang, "visits", "走访次数", "k-visits"),
                m.iter().map(|r| r.visits).collect(),
            ),
            (
                series(lang, "person-visits", "走访人次", "k-people"),
                m.iter().map(|r| r.people).collect(),
            ),
        ],
        line: None,
        values: false,
    }));
    let mut rows: Vec<(RowKind, Vec<Cell>)> = m
        .iter()
        .map(|r| {
            (
                RowKind::Plain,
                vec![r.month.as_str().into(), r.visits.into(), r.people.into()],
            )
        })
        .collect();
    rows.push((
        RowKind::Total,
        vec![
            lang.pick("total", "合计").into(),
            visits.into(),
            people.into(),
        ],
    ));
    s += &table(
        lang.pick("Each month", "逐月数字"),
        &[
            lang.pick("month", "月份"),
            lang.pick("visits", "走访次数"),
            lang.pick("person-visits", "走访人次"),
        ],
        &rows,
    );
    s + "</section>\n"
}
