//! The supervision reports: each reads its figures through `db::report`
//! (one aggregate query, plus one per listed detail) and lays them out as
//! tables, headings and prose for any writer.

pub(crate) mod assessment;
pub(crate) mod coverage;
pub(crate) mod html;
pub(crate) mod meetings;
pub(crate) mod overdue;
pub(crate) mod reconcile;
pub(crate) mod visits;

pub(crate) use crate::db::report::Scope;
use crate::domain::{rules, Lang};
use crate::error::input;
use crate::output::{Table, Value};

/// Refuses a table, with its total row last, in which a group's key reads
/// like the total row's. Such names are refused on input; this catches
/// one entered before, so that no report ever shows two total rows.
pub(crate) fn one_total(t: &Table) -> anyhow::Result<()> {
    let groups = &t.rows[..t.rows.len().saturating_sub(1)];
    for row in groups {
        if let Some(Value::Text(key)) = row.first() {
            if key.trim().eq_ignore_ascii_case(rules::TOTAL) {
                let (what, what_zh) = (t.columns[0].key, t.columns[0].zh);
                return Err(input(crate::tr!(
                    "a {what} is named {key:?}, like the total row; rename it so that the report can tell them apart",
                    "有一个{what_zh}名为{key:?}，与合计行同名；请改名，以便报表区分"
                )));
            }
        }
    }
    Ok(())
}

/// "as of 2022-12-31, collected 2022-01-01 – 2022-06-30", for headings.
pub(crate) fn describe(scope: &Scope, lang: Lang, what_en: &str, what_zh: &str) -> String {
    let day = scope.day_iso();
    let mut s = match lang {
        Lang::En => format!("as of {day}"),
        Lang::Zh => format!("截至{day}"),
    };
    if scope.from.is_some() || scope.to.is_some() {
        let f = scope.first_day_iso().unwrap_or_else(|| "…".into());
        let t = scope.last_day_iso().unwrap_or_else(|| "…".into());
        match lang {
            Lang::En => s.push_str(&format!(", {what_en} {f} – {t}")),
            Lang::Zh => s.push_str(&format!("，{what_zh}{f}至{t}")),
        }
    }
    s
}
