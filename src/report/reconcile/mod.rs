//! `report reconcile`: every term of the identity, per group and in total,
//! the tickets behind awaiting and overdue, and declared figures checked
//! against the database and against the identity itself.
//!
//! The figures come from `db::report::reconcile`; `render` lays out the
//! table form, `expect` the check of declared figures, `bulletin` the press
//! bulletin.

mod bulletin;
mod expect;
mod render;

pub(crate) use self::bulletin::bulletin;
pub(crate) use self::expect::{expect_table, verdict, write_expect};
pub(crate) use self::render::{identity_lines, write_full};
pub(crate) use crate::db::report::reconcile::{counts, listed, By, Listed, Row};
use crate::domain::reconcile::{Counts, TERMS, TERMS_ZH};
use crate::domain::rules;
use crate::output::{col, Column, Kind, Table, Value, Vocab};

/// The column of the grouping key: named after `--by`, else `group`; a
/// unit's or cadre's code, with its name in [`name_column`].
pub(crate) fn key_column(by: Option<By>) -> Column {
    let Some(by) = by else {
        return col("group", "分组", Kind::Text).group_key("", "");
    };
    let (none_en, none_zh) = match by {
        By::Department => ("(no department)", "（未指定承办单位）"),
        By::Tier => ("(not paired)", "（未结对）"),
        By::Category => ("(no category)", "（未分类）"),
        _ => ("(none)", "（无）"),
    };
    let column = match by {
        By::Town => col("town", "街镇", Kind::Code),
        By::Department => col("department", "承办单位", Kind::Code),
        By::Unit => col("unit", "单位", Kind::Code),
        By::Cadre => col("cadre", "干部", Kind::Code),
        By::Category => col("category", "类别", Kind::Text),
        By::Tier => col("tier", "层级", Kind::Vocab(Vocab::Tier)),
        By::Month => col("month", "月份", Kind::Text),
        By::Quarter => col("quarter", "季度", Kind::Text),
    };
    column.group_key(none_en, none_zh)
}

/// The column beside the grouping key that names a unit or a cadre given
/// by its code there, as the lists do (`town`, `town_name`).
pub(crate) fn name_column(by: Option<By>) -> Option<Column> {
    Some(match by? {
        By::Town => col("town_name", "街镇名称", Kind::Text),
        By::Department => col("department_name", "承办单位名称", Kind::Text),
        By::Unit => col("unit_name", "单位名称", Kind::Text),
        By::Cadre => col("cadre_name", "干部姓名", Kind::Text),
        _ => return None,
    })
}

/// The report's main table: the grouping key (or `group` = `total`), the
/// name of a unit or cadre, and every term; the total row last.
pub(crate) fn table(by: Option<By>, rows: &[Row], total: &Counts) -> Table {
    let mut columns = vec![key_column(by)];
    let named = name_column(by);
    columns.extend(named);
    columns.extend(
        TERMS
            .iter()
            .zip(TERMS_ZH)
            .map(|(k, zh)| col(k, zh, Kind::Plain)),
    );
    let mut t = Table::new(&columns);
    let line = |group: Value, name: Value, c: &Counts| {
        let mut row = vec![group];
        if named.is_some() {
            row.push(name);
        }
        row.extend(c.values().iter().map(|n| Value::Int(*n)));
        row
    };
    for r in rows {
        t.push(line(
            r.group.clone().into(),
            r.name.clone().into(),
            &r.counts,
        ));
    }
    t.push(line(rules::TOTAL.into(), Value::Null, total));
    t
}
