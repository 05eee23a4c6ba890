//! The one-paragraph press bulletin of `report reconcile --format text`.

use crate::db::report::Scope;
use crate::domain::reconcile::Counts;
use crate::domain::{date, Lang};

/// The collection period of a scope in Chinese prose, when it has one:
/// 2022年4月1日至2022年6月30日, 2022年10月1日以来, 2022年6月30日以前.
fn period_zh(scope: &Scope) -> Option<String> {
    match (scope.from, scope.to) {
        (None, None) => None,
        (Some(f), Some(t)) => Some(format!("{}至{}", date::zh(f), date::zh(t))),
        (Some(f), None) => Some(format!("{}以来", date::zh(f))),
        (None, Some(t)) => Some(format!("{}以前", date::zh(t))),
    }
}

/// The same in English: "from 2022-04-01 to 2022-06-30", "since …", "up to …".
fn period_en(scope: &Scope) -> Option<String> {
    match (scope.from, scope.to) {
        (None, None) => None,
        (Some(f), Some(t)) => Some(format!("from {} to {}", date::iso(f), date::iso(t))),
        (Some(f), None) => Some(format!("since {}", date::iso(f))),
        (None, Some(t)) => Some(format!("up to {}", date::iso(t))),
    }
}

/// The press bulletin in the source article's wording. 累计 ("in all") is
/// said only of the whole history; a bulletin of a period names the period
/// the problems were collected in, and the day their status is given for.
pub(crate) fn bulletin(c: &Counts, scope: &Scope, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let mut s = String::new();
            match period_zh(scope) {
                Some(period) => s.push_str(&format!(
                    "{period}收集问题{}个；截至{}，办结{}件（含已作出政策解释但暂时无法办理问题{}件），正在办理{}件",
                    c.collected,
                    date::zh(scope.day),
                    c.closed,
                    c.explained,
                    c.in_progress
                )),
                None => {
                    if scope.as_of {
                        s.push_str(&format!("截至{}，", date::zh(scope.day)));
                    }
                    s.push_str(&format!(
                        "累计收集问题{}个，办结{}件（含已作出政策解释但暂时无法办理问题{}件），正在办理{}件",
                        c.collected, c.closed, c.explained, c.in_progress
                    ));
                }
            }
            if c.awaiting != 0 {
                s.push_str(&format!("，尚有{}件已收集未受理", c.awaiting));
            }
            s.push('。');
            s
        }
        Lang::En => {
            let mut s = String::new();
            let closed = format!(
                "{} {} closed (including {} on which the policy has been explained but which cannot be handled for now) and {} {} being handled",
                c.closed,
                are(c.closed),
                c.explained,
                c.in_progress,
                are(c.in_progress)
            );
            match period_en(scope) {
                Some(period) => s.push_str(&format!(
                    "of the {} problems collected {period}, as of {} {closed}",
                    c.collected,
                    date::iso(scope.day)
                )),
                None => {
                    if scope.as_of {
                        s.push_str(&format!("As of {}, ", date::iso(scope.day)));
                    }
                    s.push_str(&format!(
                        "{} {} been collected; {closed}",
                        problems(c.collected),
                        if c.collected == 1 { "has" } else { "have" }
                    ));
                }
            }
            if c.awaiting != 0 {
                s.push_str(&format!(
                    "; {} {} been collected but not yet accepted",
                    c.awaiting,
                    if c.awaiting == 1 { "has" } else { "have" }
                ));
            }
            s.push('.');
            if !s.starts_with("As of") {
                let first = s.remove(0).to_ascii_uppercase();
                s.insert(0, first);
            }
            s
        }
    }
}

fn are(n: i64) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

fn problems(n: i64) -> String {
    if n == 1 {
        "1 problem".into()
    } else {
        format!("{n} problems")
    }
}
