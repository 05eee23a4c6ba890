//! The reconciliation identity and declared figures.
//!
//! ```text
//! collected = closed + in_progress + awaiting
//! closed    = resolved + explained
//! ```

use std::fmt;

/// The terms of the identity, in report order.
pub(crate) const TERMS: [&str; 7] = [
    "collected",
    "closed",
    "resolved",
    "explained",
    "in_progress",
    "awaiting",
    "overdue",
];

/// Chinese labels of the terms, in the same order.
pub(crate) const TERMS_ZH: [&str; 7] = [
    "收集",
    "办结",
    "已解决",
    "政策解释",
    "正在办理",
    "待受理",
    "超期",
];

/// Counts for one group of tickets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Counts {
    pub(crate) collected: i64,
    pub(crate) closed: i64,
    pub(crate) resolved: i64,
    pub(crate) explained: i64,
    pub(crate) in_progress: i64,
    pub(crate) awaiting: i64,
    pub(crate) overdue: i64,
}

impl Counts {
    pub(crate) fn values(&self) -> [i64; 7] {
        [
            self.collected,
            self.closed,
            self.resolved,
            self.explained,
            self.in_progress,
            self.awaiting,
            self.overdue,
        ]
    }

    pub(crate) fn get(&self, term: &str) -> Option<i64> {
        TERMS
            .iter()
            .position(|t| *t == term)
            .map(|i| self.values()[i])
    }

    /// Whether both equations hold.
    pub(crate) fn adds_up(&self) -> bool {
        self.collected == self.closed + self.in_progress + self.awaiting
            && self.closed == self.resolved + self.explained
    }

    pub(crate) fn add(&mut self, o: &Counts) {
        self.collected += o.collected;
        self.closed += o.closed;
        self.resolved += o.resolved;
        self.explained += o.explained;
        self.in_progress += o.in_progress;
        self.awaiting += o.awaiting;
        self.overdue += o.overdue;
    }
}

/// Where an open ticket stands against its due date on the report's day: no
/// due date, not yet due (due on the day or later), or overdue by a number of
/// days that falls in one of the bands supervisors chase (1–3, 4–7, 8–30, over 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lateness {
    NoDueDate,
    NotYetDue,
    /// Overdue, in the band of that index in `Lateness::BANDS`.
    Late(usize),
}

impl Lateness {
    /// The last day of each band of lateness but the last, which is open-ended.
    pub(crate) const BANDS: [i64; 3] = [3, 7, 30];

    /// Every place, in report order: no due date, not yet due, then the bands.
    pub(crate) const ALL: [Lateness; 6] = [
        Lateness::NoDueDate,
        Lateness::NotYetDue,
        Lateness::Late(0),
        Lateness::Late(1),
        Lateness::Late(2),
        Lateness::Late(3),
    ];

    /// The place of a ticket overdue by `days` (0 or fewer: not yet due).
    pub(crate) fn of_days_late(days: Option<i64>) -> Lateness {
        match days {
            None => Lateness::NoDueDate,
            Some(d) if d <= 0 => Lateness::NotYetDue,
            Some(d) => Lateness::Late(
                Lateness::BANDS
                    .iter()
                    .position(|last| d <= *last)
                    .unwrap_or(Lateness::BANDS.len()),
            ),
        }
    }

    /// Its position in `ALL`.
    pub(crate) fn index(self) -> usize {
        match self {
            Lateness::NoDueDate => 0,
            Lateness::NotYetDue => 1,
            Lateness::Late(b) => 2 + b,
        }
    }

    pub(crate) fn is_overdue(self) -> bool {
        matches!(self, Lateness::Late(_))
    }

    /// `overdue 4–7 days`, `超期4–7天`.
    pub(crate) fn label(self, lang: super::Lang) -> String {
        use super::Lang::{En, Zh};
        let bands = Lateness::BANDS;
        match (self, lang) {
            (Lateness::NoDueDate, En) => "no due date".into(),
            (Lateness::NoDueDate, Zh) => "无办理时限".into(),
            (Lateness::NotYetDue, En) => "not yet due".into(),
            (Lateness::NotYetDue, Zh) => "未到期".into(),
            (Lateness::Late(b), _) => {
                let first = if b == 0 { 1 } else { bands[b - 1] + 1 };
                match (bands.get(b), lang) {
                    (Some(last), En) => format!("overdue {first}–{last} days"),
                    (Some(last), Zh) => format!("超期{first}–{last}天"),
                    (None, En) => format!("overdue over {} days", first - 1),
                    (None, Zh) => format!("超期{}天以上", first - 1),
                }
            }
        }
    }
}

/// Figures declared by someone else (a town's report, a published article).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Declared(pub Vec<(&'static str, i64)>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeclaredError(String);

impl fmt::Display for DeclaredError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeclaredError {}

impl Declared {
    /// Parses `collected=777,closed=695` (terms from TERMS or their Chinese labels, each at most once).
    pub(crate) fn parse(s: &str) -> Result<Declared, DeclaredError> {
        let mut out: Vec<(&'static str, i64)> = Vec::new();
        let accepted = || {
            let (en, zh) = (TERMS.join(", "), TERMS_ZH.join("、"));
            crate::tr!(
                "use TERM=N,… with TERM one of {en}",
                "请写成“项目=数字”，用逗号分隔，项目为{zh}之一（如 收集=777,办结=695）"
            )
        };
        let term = |i: usize| super::message_lang().pick(TERMS[i], TERMS_ZH[i]);
        for part in super::list_items(s) {
            let (k, v) = part.split_once('=').ok_or_else(|| {
                let accepted = accepted();
                DeclaredError(crate::tr!(
                    "{part:?} is not a figure; {accepted}",
                    "{part:?}不是申报数；{accepted}"
                ))
            })?;
            let k = k.trim();
            let idx = TERMS
                .iter()
                .position(|t| *t == k)
                .or_else(|| TERMS_ZH.iter().position(|t| *t == k))
                .ok_or_else(|| {
                    let accepted = accepted();
                    DeclaredError(crate::tr!(
                        "{k:?} is not a term; {accepted}",
                        "{k:?}不是对账项目；{accepted}"
                    ))
                })?;
            let v: i64 = v.trim().parse().ok().filter(|n| *n >= 0).ok_or_else(|| {
                let (v, t) = (v.trim(), term(idx));
                DeclaredError(crate::tr!(
                    "{v:?} is not a count for {t}; use a whole number ≥ 0",
                    "{v:?}不是{t}的件数；请填不小于0的整数"
                ))
            })?;
            if out.iter().any(|(t, _)| *t == TERMS[idx]) {
                let t = term(idx);
                return Err(DeclaredError(crate::tr!(
                    "{t} is declared twice",
                    "{t}申报了两次"
                )));
            }
            out.push((TERMS[idx], v));
        }
        if out.is_empty() {
            let accepted = accepted();
            return Err(DeclaredError(crate::tr!(
                "no figures declared; {accepted}",
                "没有申报数；{accepted}"
            )));
        }
        Ok(Declared(out))
    }

    pub(crate) fn get(&self, term: &str) -> Option<i64> {
        self.0.iter().find(|(t, _)| *t == term).map(|(_, v)| *v)
    }

    /// A declared figure widened so that sums of declared figures cannot
    /// overflow: any i64 counts may be declared, and a sum that wrapped
    /// round to 0 would "add up".
    fn wide(&self, term: &str) -> Option<i128> {
        self.get(term).map(i128::from)
    }

    /// How many tickets the declared figures leave unaccounted:
    /// `collected - closed - in_progress - awaiting`, with an undeclared awaiting
    /// taken as zero. None unless collected, closed and in_progress are all declared.
    pub(crate) fn residue(&self) -> Option<i128> {
        let c = self.wide("collected")?;
        let cl = self.wide("closed")?;
        let ip = self.wide("in_progress")?;
        Some(c - cl - ip - self.wide("awaiting").unwrap_or(0))
    }

    /// `closed - resolved - explained`, when all three are declared.
    pub(crate) fn closed_residue(&self) -> Option<i128> {
        Some(self.wide("closed")? - self.wide("resolved")? - self.wide("explained")?)
    }

    /// Declared terms whose figure differs from the database: (term, declared, actual).
    pub(crate) fn differences(&self, actual: &Counts) -> Vec<(&'static str, i64, i64)> {
        self.0
            .iter()
            .filter_map(|(t, v)| {
                let a = actual.get(t).expect("declared terms are terms");
                (a != *v).then_some((*t, *v, a))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qijiang() -> Counts {
        Counts {
            collected: 777,
            closed: 695,
            resolved: 531,
            explained: 164,
            in_progress: 81,
            awaiting: 1,
            overdue: 0,
        }
    }

    #[test]
    fn lateness_bands_are_1_to_3_4_to_7_8_to_30_and_over_30_days() {
        let place = |d| Lateness::of_days_late(Some(d));
        assert_eq!(Lateness::of_days_late(None), Lateness::NoDueDate);
        assert_eq!(place(0), Lateness::NotYetDue);
        assert_eq!(place(-5), Lateness::NotYetDue);
        assert_eq!(place(1), Lateness::Late(0));
        assert_eq!(place(3), Lateness::Late(0));
        assert_eq!(place(4), Lateness::Late(1));
        assert_eq!(place(8), Lateness::Late(2));
        assert_eq!(place(30), Lateness::Late(2));
        assert_eq!(place(31), Lateness::Late(3));
        for (i, l) in Lateness::ALL.iter().enumerate() {
            assert_eq!(l.index(), i);
        }
        assert_eq!(
            Lateness::Late(1).label(crate::domain::Lang::En),
            "overdue 4–7 days"
        );
        assert_eq!(
            Lateness::Late(3).label(crate::domain::Lang::Zh),
            "超期30天以上"
        );
    }

    #[test]
    fn the_identity() {
        assert!(qijiang().adds_up());
        let mut c = qijiang();
        c.awaiting = 0;
        assert!(!c.adds_up());
        let mut c = qijiang();
        c.explained = 163;
        assert!(!c.adds_up());
    }

    #[test]
    fn the_article_leaves_one_ticket_unaccounted() {
        let d = Declared::parse("collected=777,closed=695,explained=164,in_progress=81").unwrap();
        assert_eq!(d.residue(), Some(1));
        assert_eq!(d.closed_residue(), None);
        assert!(d.differences(&qijiang()).is_empty());
    }

    #[test]
    fn a_declared_awaiting_closes_the_gap() {
        let d = Declared::parse("collected=777, closed=695, in_progress=81, awaiting=1").unwrap();
        assert_eq!(d.residue(), Some(0));
    }

    #[test]
    fn differences_name_term_declared_and_actual() {
        let d = Declared::parse("collected=780,收集=1").unwrap_err();
        assert_eq!(d.to_string(), "collected is declared twice");
        let d = Declared::parse("collected=780,explained=164").unwrap();
        assert_eq!(d.differences(&qijiang()), vec![("collected", 780, 777)]);
        assert_eq!(d.residue(), None);
    }

    #[test]
    fn rejects_bad_declarations() {
        for bad in [
            "",
            "collected",
            "collected=-1",
            "closed=x",
            "total=5",
            "collected=1.5",
        ] {
            assert!(Declared::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
