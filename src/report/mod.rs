//! The supervision reports: each reads its figures through `db::report`
//! (one aggregate query, plus one per listed detail) and lays them out as
//! tables, headings and prose for any writer.

pub mod coverage;
pub mod meetings;
pub mod overdue;
pub mod reconcile;
pub mod visits;

pub use crate::db::report::Scope;
use crate::domain::Lang;

/// "as of 2022-12-31, collected 2022-01-01 – 2022-06-30", for headings.
pub fn describe(scope: &Scope, lang: Lang, what_en: &str, what_zh: &str) -> String {
    let day = scope.day_iso();
    let mut s = match lang {
        Lang::En => format!("as of {day}"),
        Lang::Zh => format!("截至{day}"),
    };
    if scope.from.is_some() || scope.to.is_some() {
        let f = scope.from_iso().unwrap_or_else(|| "…".into());
        let t = scope.to_iso().unwrap_or_else(|| "…".into());
        match lang {
            Lang::En => s.push_str(&format!(", {what_en} {f} – {t}")),
            Lang::Zh => s.push_str(&format!("，{what_zh}{f}至{t}")),
        }
    }
    s
}
