//! The reconciliation identity and declared figures.
//!
//! ```text
//! collected = closed + in_progress + awaiting
//! closed    = resolved + explained
//! ```

use super::status::{Action, Event, Status};
use chrono::{Datelike, NaiveDate};
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

    /// Counts one ticket in the terms it stands in at the end of `day`:
    /// collected; closed as resolved or explained, in progress, or awaiting
    /// acceptance, by its status then; and overdue when open with a due date
    /// before the day (DOMAIN.md's definitions). `report reconcile` counts
    /// the same terms in SQL over a table of millions (`db::report::reconcile`,
    /// from the same status lists); the HTML report counts them here, in the
    /// pass over the histories it reads anyway, and a test holds the two equal.
    pub(crate) fn count(&mut self, s: &Standing, day: NaiveDate) {
        self.collected += 1;
        match s.status {
            Status::Resolved => self.resolved += 1,
            Status::Explained => self.explained += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Collected => self.awaiting += 1,
        }
        if s.status.is_closed() {
            self.closed += 1;
        } else if s.due.is_some_and(|due| due < day) {
            self.overdue += 1;
        }
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

/// Where a ticket stands at the end of a day, from its history up to then:
/// the status of its latest event, the handling department in force (set by
/// the latest assignment, none after a return) and the due date in force
/// (set by the latest event that set one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    pub(crate) status: Status,
    pub(crate) department: Option<i64>,
    pub(crate) due: Option<NaiveDate>,
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

/// One month of the tickets' history, as it stood at the end of the report's day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MonthFlow {
    /// `2022-03`.
    pub(crate) month: String,
    /// Tickets collected in the month.
    pub(crate) collected: i64,
    /// Closings in the month: tickets resolved or explained.
    pub(crate) closed: i64,
    /// Closed tickets reopened in the month.
    pub(crate) reopened: i64,
    /// Tickets open at the end of the month (at the end of the report's day
    /// for its own month, and for the last month listed).
    pub(crate) open_at_end: i64,
}

/// The month flows, summed ticket by ticket: each month from the first
/// collection to the last change, with `open_at_end = previous open_at_end
/// + collected − closed + reopened`.
///
/// The backlog is counted from the events, not from that equation: an event
/// with an open status counts in it from its day until the ticket's next
/// event. A closure is an event whose action made the ticket resolved or
/// explained, a reopening one whose action is `reopen`: the follow-ups of a
/// closed ticket and the urges of an open one change neither.
#[derive(Debug, Default)]
pub(crate) struct Flows {
    /// The first month counted (see `month_index`), and from it on, month
    /// by month: collected, closed, reopened, and the change of the backlog.
    first: i32,
    months: Vec<[i64; 4]>,
}

/// A month as a number: year × 12 + month − 1.
fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

impl Flows {
    /// The flows of month `m` (see `month_index`), the months between
    /// added as they come.
    fn at(&mut self, m: i32) -> &mut [i64; 4] {
        if self.months.is_empty() {
            self.first = m;
        } else if m < self.first {
            let before = (self.first - m) as usize;
            self.months
                .splice(0..0, std::iter::repeat_n([0; 4], before));
            self.first = m;
        }
        let i = (m - self.first) as usize;
        if i >= self.months.len() {
            self.months.resize(i + 1, [0; 4]);
        }
        &mut self.months[i]
    }

    /// Adds one ticket collected on `collected_on`: its events on or before
    /// the report's day, in order.
    pub(crate) fn add(&mut self, collected_on: NaiveDate, events: &[Event]) {
        self.at(month_index(collected_on))[0] += 1;
        let mut events = events
            .iter()
            .filter(|e| e.action.is_none_or(|a| !Action::UNCOUNTED.contains(&a)))
            .peekable();
        while let Some(e) = events.next() {
            let open = !e.status.is_closed();
            let m = self.at(month_index(e.on));
            m[1] += i64::from(!open && e.action.is_none_or(|a| a.changes_status()));
            m[2] += i64::from(e.action == Some(Action::Reopen));
            m[3] += i64::from(open);
            if let Some(next) = events.peek() {
                self.at(month_index(next.on))[3] -= i64::from(open);
            }
        }
    }

    /// Adds the flows of another share of the tickets.
    pub(crate) fn merge(&mut self, other: Flows) {
        for (i, flows) in other.months.into_iter().enumerate() {
            let m = self.at(other.first + i as i32);
            for (sum, one) in m.iter_mut().zip(flows) {
                *sum += one;
            }
        }
    }

    /// Every month from the first to the last with a collection or an
    /// event (but those of `Action::UNCOUNTED`, which change nothing here),
    /// quiet ones included with no flow and the backlog carried over.
    pub(crate) fn finish(self) -> Vec<MonthFlow> {
        let mut open = 0;
        let first = self.first;
        self.months
            .into_iter()
            .enumerate()
            .map(|(i, [collected, closed, reopened, delta])| {
                let m = first + i as i32;
                open += delta;
                MonthFlow {
                    month: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
                    collected,
                    closed,
                    reopened,
                    open_at_end: open,
                }
            })
            .collect()
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
    use crate::domain::status::{Action, Status};

    fn event(id: i64, on: &str, action: Action, status: Status) -> Event {
        Event {
            id,
            on: crate::domain::date::parse(on).unwrap(),
            action: Some(action),
            status,
            department: None,
            due: None,
            satisfaction: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        crate::domain::date::parse(s).unwrap()
    }

    /// (month, collected, closed, reopened, open at its end)
    fn months(f: Flows) -> Vec<(String, i64, i64, i64, i64)> {
        f.finish()
            .into_iter()
            .map(|m| (m.month, m.collected, m.closed, m.reopened, m.open_at_end))
            .collect()
    }

    #[test]
    fn quiet_months_are_listed_with_the_backlog_carried_over() {
        use Status::*;
        let mut f = Flows::default();
        // Collected in November, accepted and urged (no change of the backlog),
        // resolved in February, followed up (no closure), reopened in March.
        f.add(
            day("2022-11-20"),
            &[
                event(1, "2022-11-20", Action::Collect, Collected),
                event(2, "2022-11-21", Action::Accept, InProgress),
                event(3, "2022-12-30", Action::Urge, InProgress),
                event(4, "2023-02-01", Action::Resolve, Resolved),
                event(5, "2023-02-02", Action::FollowUp, Resolved),
                event(6, "2023-03-05", Action::Reopen, InProgress),
            ],
        );
        let mut other = Flows::default();
        // Collected and resolved on the spot in December.
        other.add(
            day("2022-12-01"),
            &[
                event(7, "2022-12-01", Action::Collect, Collected),
                event(8, "2022-12-01", Action::Resolve, Resolved),
            ],
        );
        // The share that begins later takes in the one that begins earlier.
        other.merge(f);
        assert_eq!(
            months(other),
            [
                ("2022-11".into(), 1, 0, 0, 1),
                ("2022-12".into(), 1, 1, 0, 1),
                ("2023-01".into(), 0, 0, 0, 1),
                ("2023-02".into(), 0, 1, 0, 0),
                ("2023-03".into(), 0, 0, 1, 1),
            ]
        );
        assert!(Flows::default().finish().is_empty());
    }

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
