//! The one-paragraph press bulletin of `report reconcile --format text`.

use crate::db::report::Scope;
use crate::domain::reconcile::Counts;
use crate::domain::{date, Lang};

/// The press bulletin in the source article's wording.
pub fn bulletin(c: &Counts, scope: &Scope, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let mut s = String::new();
            if scope.as_of {
                s.push_str(&format!("截至{}，", date::zh(scope.day)));
            }
            s.push_str(&format!(
                "累计收集问题{}个，办结{}件（含已作出政策解释但暂时无法办理问题{}件），正在办理{}件",
                c.collected, c.closed, c.explained, c.in_progress
            ));
            if c.awaiting != 0 {
                s.push_str(&format!("，尚有{}件已收集未受理", c.awaiting));
            }
            s.push('。');
            s
        }
        Lang::En => {
            let mut s = String::new();
            if scope.as_of {
                s.push_str(&format!("As of {}, ", date::iso(scope.day)));
            }
            s.push_str(&format!(
                "{} problems have been collected; {} are closed (including {} on which the policy has been explained but which cannot be handled for now) and {} are being handled",
                c.collected, c.closed, c.explained, c.in_progress
            ));
            if c.awaiting != 0 {
                s.push_str(&format!(
                    "; {} {} been collected but not yet accepted",
                    c.awaiting,
                    if c.awaiting == 1 { "has" } else { "have" }
                ));
            }
            s.push('.');
            if !scope.as_of {
                let first = s.remove(0).to_ascii_uppercase();
                s.insert(0, first);
            }
            s
        }
    }
}
