//! The table form of `report reconcile`: the main table, the identity
//! checked on the totals and on each group that does not add up, and the
//! tickets awaiting acceptance and overdue.

use super::{Listed, Row};
use crate::db::report::Scope;
use crate::domain::reconcile::{Counts, TERMS, TERMS_ZH};
use crate::domain::Lang;
use crate::output::{col, Kind, Table};
use crate::report::describe;
use anyhow::Result;
use std::io::Write;

fn awaiting_table(list: &[Listed]) -> Table {
    let mut t = Table::new(&[
        col("code", "编号", Kind::Code),
        col("enterprise", "统一社会信用代码", Kind::Id),
        col("enterprise_name", "企业名称", Kind::Text),
        col("collected_on", "收集日期", Kind::Plain),
        col("age_days", "已收集天数", Kind::Plain),
    ]);
    for l in list.iter().filter(|l| l.awaiting) {
        t.push(vec![
            l.code.as_str().into(),
            l.uscc.as_str().into(),
            l.enterprise.as_str().into(),
            l.collected_on.as_str().into(),
            l.age.into(),
        ]);
    }
    t
}

fn overdue_table(list: &[Listed]) -> Table {
    let mut t = Table::new(&[
        col("code", "编号", Kind::Code),
        col("enterprise", "统一社会信用代码", Kind::Id),
        col("enterprise_name", "企业名称", Kind::Text),
        col("department", "承办单位", Kind::Code),
        col("department_name", "承办单位名称", Kind::Text),
        col("due_on", "办理时限", Kind::Plain),
        col("days_overdue", "超期天数", Kind::Plain),
    ]);
    for l in list.iter().filter(|l| l.late.is_some()) {
        t.push(vec![
            l.code.as_str().into(),
            l.uscc.as_str().into(),
            l.enterprise.as_str().into(),
            l.department_code.clone().into(),
            l.department.clone().into(),
            l.due_on.clone().into(),
            l.late.into(),
        ]);
    }
    t
}

/// `collected 777 = closed 695 + in_progress 81 + awaiting 1: adds up`, and the closed line.
pub(crate) fn identity_lines(c: &Counts, lang: Lang) -> [String; 2] {
    let verdict = |lhs: i64, rhs: i64| match (lhs - rhs, lang) {
        (0, _) => lang.pick("adds up", "相符").to_string(),
        (off, Lang::En) => format!("DOES NOT ADD UP (off by {off})"),
        (off, Lang::Zh) => format!("不相符（相差{off}）"),
    };
    let (eq, sep) = (" = ", lang.pick(": ", "："));
    let term = |i: usize, n: i64| format!("{} {n}", lang.pick(TERMS[i], TERMS_ZH[i]));
    [
        format!(
            "{}{eq}{} + {} + {}{sep}{}",
            term(0, c.collected),
            term(1, c.closed),
            term(4, c.in_progress),
            term(5, c.awaiting),
            verdict(c.collected, c.closed + c.in_progress + c.awaiting)
        ),
        format!(
            "{}{eq}{} + {}{sep}{}",
            term(1, c.closed),
            term(2, c.resolved),
            term(3, c.explained),
            verdict(c.closed, c.resolved + c.explained)
        ),
    ]
}

/// The whole report as a table with its identity check and lists.
pub(crate) fn write_full(
    w: &mut dyn Write,
    lang: Lang,
    scope: &Scope,
    main: &Table,
    rows: &[Row],
    total: &Counts,
    list: &[Listed],
) -> Result<()> {
    let scope = describe(scope, lang, "collected", "收集日期");
    match lang {
        Lang::En => writeln!(w, "Reconciliation of problem tickets ({scope})")?,
        Lang::Zh => writeln!(w, "问题办理对账（{scope}）")?,
    }
    main.write_table(w, lang)?;
    for line in identity_lines(total, lang) {
        writeln!(w, "{line}")?;
    }
    for r in rows.iter().filter(|r| !r.counts.adds_up()) {
        let name = match (&r.group, &r.name) {
            (Some(code), Some(name)) => format!("{code} {name}"),
            (Some(group), None) => group.clone(),
            (None, _) => "-".to_string(),
        };
        for line in identity_lines(&r.counts, lang) {
            writeln!(w, "  {name}: {line}")?;
        }
    }
    let awaiting = awaiting_table(list);
    writeln!(
        w,
        "\n{} ({})",
        lang.pick(
            "Awaiting acceptance (collected, not yet accepted by a department)",
            "已收集未受理"
        ),
        total.awaiting
    )?;
    if !awaiting.rows.is_empty() {
        awaiting.write_table(w, lang)?;
    }
    more(w, lang, total.awaiting, awaiting.rows.len())?;
    let overdue = overdue_table(list);
    writeln!(
        w,
        "\n{} ({})",
        lang.pick("Overdue (open and past due)", "超期未办结"),
        total.overdue
    )?;
    if !overdue.rows.is_empty() {
        overdue.write_table(w, lang)?;
    }
    more(w, lang, total.overdue, overdue.rows.len())?;
    Ok(())
}

/// Says how many tickets a shortened list left out.
pub(super) fn more(w: &mut dyn Write, lang: Lang, count: i64, shown: usize) -> Result<()> {
    let rest = count - shown as i64;
    if rest > 0 {
        match lang {
            Lang::En => writeln!(w, "… and {rest} more (--list-limit 0 lists them all)")?,
            Lang::Zh => writeln!(w, "……另有{rest}件（--list-limit 0 列出全部）")?,
        }
    }
    Ok(())
}
