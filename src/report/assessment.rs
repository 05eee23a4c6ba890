//! `report assessment`: the handling departments' rates (考核), each with
//! its numerator and denominator, per group and in total; the formulas under
//! the table; the red and black lists of one rate with `--rank`.

use super::{describe, reconcile, Scope};
pub(crate) use crate::db::report::assessment::{assessment, By, Row};
use crate::domain::assessment::{rank, Rate, Ratio, LISTED, RANKED_MIN, RATES};
use crate::domain::Lang;
use crate::output::{col, Column, Kind, Table, Value};
use anyhow::Result;
use std::io::Write;

/// The dimension of `report reconcile` that `by` is.
fn reconciled(by: By) -> reconcile::By {
    match by {
        By::Department => reconcile::By::Department,
        By::Unit => reconcile::By::Unit,
        By::Town => reconcile::By::Town,
        By::Category => reconcile::By::Category,
    }
}

/// The columns of the grouping key, named after `--by`: a unit's code, then
/// its name (`town`, `town_name`); a category alone.
pub(crate) fn key_columns(by: By) -> Vec<Column> {
    let by = Some(reconciled(by));
    let mut columns = vec![reconcile::key_column(by)];
    columns.extend(reconcile::name_column(by));
    columns
}

/// The cells of a row's key columns.
fn key_cells(by: By, r: &Row) -> Vec<Value> {
    let mut cells = vec![r.group.clone().into()];
    if by != By::Category {
        cells.push(r.name.clone().into());
    }
    cells
}

fn ratio_cells(r: Ratio) -> [Value; 3] {
    [
        r.value().map_or(Value::Null, Value::Real),
        r.n.into(),
        r.d.into(),
    ]
}

/// The data form (CSV, JSON): the key (a unit's code and name), `tickets`,
/// then `R`, `R_n`, `R_d` for each rate R; the total row last.
pub(crate) fn table(by: By, rows: &[Row], total: &Row) -> Table {
    let mut columns = key_columns(by);
    columns.push(col("tickets", "问题数", Kind::Plain));
    for d in &RATES {
        columns.push(col(d.name, d.zh, Kind::Plain));
        columns.push(col(d.name_n, zh_term(d.rate, true), Kind::Plain));
        columns.push(col(d.name_d, zh_term(d.rate, false), Kind::Plain));
    }
    let mut t = Table::new(&columns);
    for r in rows.iter().chain([total]) {
        let mut line = key_cells(by, r);
        line.push(r.tickets.into());
        for ratio in r.rates {
            line.extend(ratio_cells(ratio));
        }
        t.push(line);
    }
    t
}

/// The Chinese header of a rate's numerator or denominator column.
fn zh_term(rate: Rate, numerator: bool) -> &'static str {
    const N: [&str; 7] = [
        "响应率分子",
        "按时办结率分子",
        "解决率分子",
        "回访率分子",
        "满意率分子",
        "退单率分子",
        "重办率分子",
    ];
    const D: [&str; 7] = [
        "响应率分母",
        "按时办结率分母",
        "解决率分母",
        "回访率分母",
        "满意率分母",
        "退单率分母",
        "重办率分母",
    ];
    if numerator {
        N[rate as usize]
    } else {
        D[rate as usize]
    }
}

/// `76.4% (531/695)`, or `- (0/0)` when the rate is empty.
fn shown(r: Ratio) -> String {
    format!(
        "{} ({}/{})",
        r.percent().unwrap_or_else(|| "-".into()),
        r.n,
        r.d
    )
}

/// The terminal form: one column per rate, in percent with its terms.
fn display_table(by: By, rows: &[Row], total: &Row) -> Table {
    let mut columns = key_columns(by);
    columns.push(col("tickets", "问题数", Kind::Plain));
    columns.extend(RATES.iter().map(|d| col(d.name, d.zh, Kind::Plain)));
    let mut t = Table::new(&columns);
    for r in rows.iter().chain([total]) {
        let mut line = key_cells(by, r);
        line.push(r.tickets.into());
        line.extend(r.rates.iter().map(|x| Value::from(shown(*x))));
        t.push(line);
    }
    t
}

/// The red and black lists of `rate` as a table: list, rank, the key (a
/// unit's code and name), and the rate's terms.
pub(crate) fn lists_table(by: By, rows: &[Row], rate: Rate) -> Table {
    let d = rate.def();
    let mut t_columns = vec![
        col("list", "榜单", Kind::Plain),
        col("rank", "名次", Kind::Plain),
    ];
    t_columns.extend(key_columns(by));
    t_columns.extend([
        col(d.name, d.zh, Kind::Plain),
        col(d.name_n, zh_term(rate, true), Kind::Plain),
        col(d.name_d, zh_term(rate, false), Kind::Plain),
    ]);
    let mut t = Table::new(&t_columns);
    let groups: Vec<(bool, Ratio)> = rows
        .iter()
        .map(|r| (r.group.is_some(), r.rates[rate as usize]))
        .collect();
    let (red, black) = rank(rate, &groups);
    for (list, members) in [("red", red), ("black", black)] {
        for (place, i) in members.into_iter().enumerate() {
            let mut line = vec![list.into(), (place as i64 + 1).into()];
            line.extend(key_cells(by, &rows[i]));
            line.extend(ratio_cells(rows[i].rates[rate as usize]));
            t.push(line);
        }
    }
    t
}

/// The whole report for a terminal: heading, table, formulas and, with a
/// rate to rank, the red and black lists.
pub(crate) fn write_full(
    w: &mut dyn Write,
    lang: Lang,
    scope: &Scope,
    by: By,
    rows: &[Row],
    total: &Row,
    rank_by: Option<Rate>,
) -> Result<()> {
    let heading = describe(scope, lang, "collected", "收集日期");
    match lang {
        Lang::En => writeln!(w, "Assessment of the handling departments ({heading})")?,
        Lang::Zh => writeln!(w, "承办单位考核（{heading}）")?,
    }
    display_table(by, rows, total).write_table(w, lang)?;
    for rate in Rate::ALL {
        writeln!(w, "{}", rate.formula(lang))?;
    }
    let grouping = match by {
        By::Department => lang.pick(
            "Tickets count for the department in force on the day, return_rate for the department that returned them; the total row counts each ticket once.",
            "问题按当日的承办单位统计，退单率按退回问题的单位统计；合计行每个问题只计一次。",
        ),
        _ => lang.pick(
            "The total row counts each ticket once.",
            "合计行每个问题只计一次。",
        ),
    };
    writeln!(w, "{grouping}")?;
    writeln!(
        w,
        "{}",
        lang.pick(
            "A rate with no tickets in its denominator is empty (-), neither 0% nor 100%.",
            "分母为0的比率为空（-），不计为0%或100%。",
        )
    )?;
    if let Some(rate) = rank_by {
        let lists = lists_table(by, rows, rate);
        for (list, en, zh) in [
            ("red", "Red list (best)", "红榜"),
            ("black", "Black list (worst)", "黑榜"),
        ] {
            // Rank, the key columns and the rate shown with its terms.
            let rate_at = 2 + key_columns(by).len();
            let mut t = Table::new(&lists.columns[1..=rate_at]);
            for row in lists.rows.iter().filter(|r| r[0] == Value::from(list)) {
                let mut line = row[1..rate_at].to_vec();
                line.push(shown(Ratio::new(int(&row[rate_at + 1]), int(&row[rate_at + 2]))).into());
                t.rows.push(line);
            }
            writeln!(w, "\n{}: {}", lang.pick(en, zh), rate.label(lang))?;
            if t.rows.is_empty() {
                writeln!(w, "{}", lang.pick("(none)", "（无）"))?;
            } else {
                t.write_table(w, lang)?;
            }
        }
        match lang {
            Lang::En => writeln!(
                w,
                "Ranked: groups with at least {RANKED_MIN} tickets in the denominator, at most {LISTED} on each list and never one on both."
            )?,
            Lang::Zh => writeln!(
                w,
                "参与排名：分母不少于{RANKED_MIN}件的单位，每榜最多{LISTED}个，同一单位不同时上两榜。"
            )?,
        }
    }
    Ok(())
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(n) => *n,
        _ => 0,
    }
}
