//! The assessment of the handling departments (考核): each rate is a
//! numerator over a denominator, named and defined here once; a rate whose
//! denominator is 0 is empty, never 0 % or 100 %. The red and black lists
//! (红黑榜) rank only groups with enough tickets in the rate's denominator.

use super::calendar::Calendar;
use super::kinds::Satisfaction;
use super::reconcile::Standing;
use super::status::{Action, Event, Status};
use super::Lang;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The rates, in the order reports print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rate {
    Response,
    OnTime,
    Resolution,
    FollowUp,
    Satisfaction,
    Return,
    Redo,
}

/// What a rate is called and what it divides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Definition {
    pub(crate) rate: Rate,
    /// The column of the rate; `{name}_n` and `{name}_d` hold its terms.
    pub(crate) name: &'static str,
    pub(crate) name_n: &'static str,
    pub(crate) name_d: &'static str,
    pub(crate) zh: &'static str,
    pub(crate) numerator: (&'static str, &'static str),
    pub(crate) denominator: (&'static str, &'static str),
    /// Whether a higher rate is better (false for returns and redos).
    pub(crate) higher_is_better: bool,
}

const fn def(
    rate: Rate,
    names: [&'static str; 3],
    zh: &'static str,
    numerator: (&'static str, &'static str),
    denominator: (&'static str, &'static str),
    higher_is_better: bool,
) -> Definition {
    Definition {
        rate,
        name: names[0],
        name_n: names[1],
        name_d: names[2],
        zh,
        numerator,
        denominator,
        higher_is_better,
    }
}

/// Every rate, in the order of `Rate`.
pub(crate) const RATES: [Definition; 7] = [
    def(
        Rate::Response,
        ["response_rate", "response_rate_n", "response_rate_d"],
        "响应率",
        (
            "tickets whose latest acceptance came within the response time (1 working day unless set otherwise) of the assignment before it",
            "最近一次签收在其前一次交办后响应时限（未另行设定的为1个工作日）内的问题数",
        ),
        (
            "tickets accepted after an assignment, plus tickets assigned, never accepted and past their response time (returned or closed without acceptance included)",
            "交办后签收的问题数 + 已交办、超过响应时限仍未签收过的问题数（含未签收即退回或办结的）",
        ),
        true,
    ),
    def(
        Rate::OnTime,
        ["on_time_rate", "on_time_rate_n", "on_time_rate_d"],
        "按时办结率",
        (
            "closed tickets closed on or before the due date in force when they closed",
            "在办结时有效的办理时限内办结的问题数",
        ),
        (
            "closed tickets that had a due date",
            "有办理时限的办结问题数",
        ),
        true,
    ),
    def(
        Rate::Resolution,
        ["resolution_rate", "resolution_rate_n", "resolution_rate_d"],
        "解决率",
        ("tickets resolved", "已解决问题数"),
        (
            "tickets closed (resolved + explained)",
            "办结问题数（已解决 + 政策解释）",
        ),
        true,
    ),
    def(
        Rate::FollowUp,
        ["follow_up_rate", "follow_up_rate_n", "follow_up_rate_d"],
        "回访率",
        (
            "closed tickets with at least one follow-up",
            "已回访的办结问题数",
        ),
        ("tickets closed", "办结问题数"),
        true,
    ),
    def(
        Rate::Satisfaction,
        ["satisfaction_rate", "satisfaction_rate_n", "satisfaction_rate_d"],
        "满意率",
        (
            "tickets whose latest rated follow-up says satisfied or basic",
            "最近一次评价为满意或基本满意的问题数",
        ),
        (
            "tickets with at least one rated follow-up",
            "有满意度评价的问题数",
        ),
        true,
    ),
    def(
        Rate::Return,
        ["return_rate", "return_rate_n", "return_rate_d"],
        "退单率",
        (
            "tickets the department returned at least once",
            "被该单位退回过的问题数",
        ),
        (
            "tickets ever assigned to the department",
            "曾交办该单位的问题数",
        ),
        false,
    ),
    def(
        Rate::Redo,
        ["redo_rate", "redo_rate_n", "redo_rate_d"],
        "重办率",
        ("tickets reopened at least once", "重办过的问题数"),
        ("tickets closed at least once", "办结过的问题数"),
        false,
    ),
];

/// A group needs this many tickets in a rate's denominator to be ranked on it,
/// so that one lucky case does not top the list.
pub(crate) const RANKED_MIN: i64 = 10;

/// How many groups each of the red and black lists holds at most.
pub(crate) const LISTED: usize = 5;

/// The response time (响应时限) where the database sets none: working days
/// from an assignment to its acceptance.
pub(crate) const DEFAULT_RESPONSE_DAYS: u32 = 1;

/// The response times set, each from a day on. An assignment made on a day
/// has the one set from the latest day on or before it (of several set from
/// the same day, the last set), or DEFAULT_RESPONSE_DAYS before the first:
/// a response time set from a day never reaches an assignment made before
/// it, so an assessment as of a past day stays what it was.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResponseTimes {
    /// `(from, days)`, by day, in the order set within a day.
    from: Vec<(NaiveDate, u32)>,
}

impl ResponseTimes {
    /// The settings, in the order they were set.
    pub(crate) fn new(settings: impl IntoIterator<Item = (NaiveDate, u32)>) -> ResponseTimes {
        let mut from: Vec<(NaiveDate, u32)> = settings.into_iter().collect();
        // Stable: of settings from one day, the last set stays last.
        from.sort_by_key(|s| s.0);
        ResponseTimes { from }
    }

    /// The response time of an assignment made on `assigned_on`, in working days.
    pub(crate) fn days(&self, assigned_on: NaiveDate) -> u32 {
        match self.from.partition_point(|s| s.0 <= assigned_on) {
            0 => DEFAULT_RESPONSE_DAYS,
            i => self.from[i - 1].1,
        }
    }
}

impl Rate {
    pub(crate) const ALL: [Rate; 7] = [
        Rate::Response,
        Rate::OnTime,
        Rate::Resolution,
        Rate::FollowUp,
        Rate::Satisfaction,
        Rate::Return,
        Rate::Redo,
    ];

    pub(crate) fn def(self) -> &'static Definition {
        &RATES[self as usize]
    }

    /// Accepts the rate's name (`resolution_rate`, or `resolution`) or its Chinese name.
    pub(crate) fn parse(s: &str) -> Result<Rate, String> {
        let t = s.trim();
        RATES
            .iter()
            .find(|d| {
                t.eq_ignore_ascii_case(d.name)
                    || d.name
                        .strip_suffix("_rate")
                        .is_some_and(|short| t.eq_ignore_ascii_case(short))
                    || t == d.zh
            })
            .map(|d| d.rate)
            .ok_or_else(|| {
                let en = RATES.map(|d| d.name).join(", ");
                let zh = RATES.map(|d| d.zh).join("、");
                crate::tr!(
                    "{s:?} is not a rate; use {en}",
                    "{s:?}不是考核比率；可用：{zh}"
                )
            })
    }

    pub(crate) fn label(self, lang: Lang) -> &'static str {
        let d = self.def();
        lang.pick(d.name, d.zh)
    }

    /// The rate's red line, as a fraction (see `RED_LINES`).
    pub(crate) fn red_line(self) -> f64 {
        RED_LINES[self as usize]
    }

    /// Whether `ratio` is on the right side of the red line (on it counts
    /// as meeting it); None when the denominator is 0.
    pub(crate) fn meets(self, ratio: Ratio) -> Option<bool> {
        let line = self.red_line();
        (ratio.d != 0).then(|| {
            // Compare n/d with the line in thousandths, exactly.
            let (n, d) = (ratio.n * 1000, ratio.d * (line * 1000.0).round() as i64);
            if self.def().higher_is_better {
                n >= d
            } else {
                n <= d
            }
        })
    }

    /// `resolution_rate = tickets resolved / tickets closed (resolved + explained)`.
    pub(crate) fn formula(self, lang: Lang) -> String {
        let d = self.def();
        let (n, dn) = match lang {
            Lang::En => (d.numerator.0, d.denominator.0),
            Lang::Zh => (d.numerator.1, d.denominator.1),
        };
        format!("{} = {n} / {dn}", self.label(lang))
    }
}

/// The red line (红线) of each rate, in the order of `Rate::ALL`: the floor a
/// department's rate must reach (the ceiling, for the rates where lower is
/// better), as district assessment schemes of government hotlines set them
/// — response 95 %, on time 90 %, resolved 80 %, followed up 90 %, satisfied
/// 90 %, returned at most 10 %, redone at most 5 %. The HTML report draws
/// them into the chart of the departments' rates and marks every rate on
/// the wrong side. A fixed line is what a supervisor is judged against, and
/// unlike the district's own total it does not move with the departments it
/// measures, so a district where every department lags is shown lagging. A
/// district that sets other lines changes them here.
pub(crate) const RED_LINES: [f64; 7] = [0.95, 0.90, 0.80, 0.90, 0.90, 0.10, 0.05];

/// A rate's numerator and denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ratio {
    pub(crate) n: i64,
    pub(crate) d: i64,
}

impl Ratio {
    pub(crate) fn new(n: i64, d: i64) -> Ratio {
        Ratio { n, d }
    }

    /// The fraction rounded to 4 decimals; None when the denominator is 0.
    pub(crate) fn value(self) -> Option<f64> {
        (self.d != 0).then(|| (self.n as f64 / self.d as f64 * 10_000.0).round() / 10_000.0)
    }

    /// `76.4%`, one decimal; None when the denominator is 0.
    pub(crate) fn percent(self) -> Option<String> {
        (self.d != 0).then(|| format!("{:.1}%", self.n as f64 * 100.0 / self.d as f64))
    }
}

/// The red list (best first) and the black list (worst first) of `groups`
/// on `rate`: indexes into `groups`, only groups with a name and at least
/// RANKED_MIN in the denominator. Each list holds LISTED groups, or half of
/// the ranked groups when there are fewer than twice as many, so that no
/// group is on both. Of equal rates the larger denominator ranks higher,
/// then the group given first; the black list is the red list's order reversed.
pub(crate) fn rank(rate: Rate, groups: &[(bool, Ratio)]) -> (Vec<usize>, Vec<usize>) {
    let mut ranked: Vec<usize> = (0..groups.len())
        .filter(|i| groups[*i].0 && groups[*i].1.d >= RANKED_MIN)
        .collect();
    // Compare n1/d1 with n2/d2 exactly, as n1·d2 against n2·d1.
    let better = |a: &Ratio, b: &Ratio| {
        let (x, y) = (a.n * b.d, b.n * a.d);
        if rate.def().higher_is_better {
            y.cmp(&x)
        } else {
            x.cmp(&y)
        }
    };
    ranked.sort_by(|a, b| {
        let (ra, rb) = (&groups[*a].1, &groups[*b].1);
        better(ra, rb).then(rb.d.cmp(&ra.d)).then(a.cmp(b))
    });
    let len = LISTED.min(ranked.len() / 2);
    let red = ranked[..len].to_vec();
    let black = ranked.iter().rev().take(len).copied().collect();
    (red, black)
}

/// A group's ticket count and the terms of each rate, in the order of `Rate::ALL`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub(crate) tickets: i64,
    pub(crate) rates: [Ratio; 7],
}

impl Sums {
    fn add(&mut self, rate: Rate, n: bool, d: bool) {
        let r = &mut self.rates[rate as usize];
        r.n += i64::from(n);
        r.d += i64::from(d);
    }

    fn add_all(&mut self, other: &Sums) {
        self.tickets += other.tickets;
        for (sum, one) in self.rates.iter_mut().zip(other.rates) {
            sum.n += one.n;
            sum.d += one.d;
        }
    }
}

/// The few small keys of the sums (ids, days) are hashed with rustc-hash's
/// multiply-and-rotate, not SipHash: they are looked up once or twice per
/// ticket, a million times at city scale, and come from the database, not
/// from an adversary.
type Fast = rustc_hash::FxBuildHasher;

/// The assessment as of a day, summed ticket by ticket: each ticket's rates
/// go to its group and to the total. The group is the caller's, or with
/// `by_department` the handling department in force on the day, and then
/// the return rate goes instead to every department the ticket was ever
/// assigned to, its numerator to those that returned it. The total counts
/// every ticket once.
pub(crate) struct Assessment {
    day: NaiveDate,
    calendar: Calendar,
    response_times: ResponseTimes,
    by_department: bool,
    /// The last day to accept an assignment made on a day, as computed so far.
    response_due: HashMap<NaiveDate, NaiveDate, Fast>,
    groups: HashMap<Option<i64>, Sums, Fast>,
    total: Sums,
    /// Each department the current ticket was assigned to, and whether it returned it.
    handled: Vec<(i64, bool)>,
}

/// What the assessment needs of a ticket's history, gathered event by event in order.
#[derive(Debug, Default)]
struct Facts {
    status: Option<Status>,
    /// The latest event that set or cleared the department: the department
    /// (None after a return) and its day.
    handling: Option<(Option<i64>, NaiveDate)>,
    /// The latest department set, and the day.
    assigned: Option<(i64, NaiveDate)>,
    /// The due date set last.
    due: Option<NaiveDate>,
    /// The latest acceptance's day and the day of the assignment before it (or by it).
    accepted: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The latest closure's day and the due date in force before it.
    closed: Option<(NaiveDate, Option<NaiveDate>)>,
    satisfaction: Option<Satisfaction>,
    followed: bool,
    reopened: bool,
    returned: bool,
}

impl Assessment {
    pub(crate) fn new(
        day: NaiveDate,
        calendar: Calendar,
        response_times: ResponseTimes,
        by_department: bool,
    ) -> Assessment {
        Assessment {
            day,
            calendar,
            response_times,
            by_department,
            response_due: HashMap::default(),
            groups: HashMap::default(),
            total: Sums::default(),
            handled: Vec::new(),
        }
    }

    /// The last day an assignment made on `on` may be accepted on time:
    /// the response time in force for it, in working days, later.
    fn response_due(&mut self, on: NaiveDate) -> NaiveDate {
        let (cal, times) = (&self.calendar, &self.response_times);
        *self
            .response_due
            .entry(on)
            .or_insert_with(|| cal.add_workdays(on, times.days(on)))
    }

    /// Adds one ticket of `group` (ignored by department): its events on or
    /// before the day, in order. A ticket with none takes no part. Returns
    /// where the ticket stands at the end of the day, as its history says.
    pub(crate) fn add(&mut self, group: Option<i64>, events: &[Event]) -> Option<Standing> {
        self.handled.clear();
        let mut f = Facts::default();
        for e in events.iter() {
            f.status = Some(e.status);
            if e.action == Some(Action::Return) {
                f.returned = true;
                // The department that returned it: the one assigned before.
                if let Some((d, _)) = f.assigned {
                    if let Some(h) = self.handled.iter_mut().find(|(h, _)| *h == d) {
                        h.1 = true;
                    }
                }
            }
            if let Some(d) = e.department {
                f.assigned = Some((d, e.on));
                if !self.handled.iter().any(|(h, _)| *h == d) {
                    self.handled.push((d, false));
                }
            }
            if e.department.is_some() || e.action == Some(Action::Return) {
                f.handling = Some((e.department, e.on));
            }
            match e.action {
                // The assignment before it may be made by the acceptance itself.
                Some(Action::Accept) => f.accepted = Some((e.on, f.assigned.map(|a| a.1))),
                // The due date in force is the one set before the closure.
                Some(Action::Resolve | Action::Explain) => f.closed = Some((e.on, f.due)),
                Some(Action::FollowUp) => f.followed = true,
                Some(Action::Reopen) => f.reopened = true,
                _ => {}
            }
            if e.due.is_some() {
                f.due = e.due;
            }
            if e.satisfaction.is_some() {
                f.satisfaction = e.satisfaction;
            }
        }
        let status = f.status?;
        let closed = status.is_closed();
        // Accepted: on time or not, by its latest acceptance. Assigned and
        // never accepted (awaiting, returned, or closed without it): late
        // once the response time of its latest assignment has run out.
        let (response_n, response_d) = match f.accepted {
            Some((accepted, Some(assigned))) => (accepted <= self.response_due(assigned), true),
            _ => match f.assigned {
                Some((_, on)) => (false, self.response_due(on) < self.day),
                None => (false, false),
            },
        };
        let (close_on, close_due) = match f.closed {
            Some((on, due)) if closed => (Some(on), due),
            _ => (None, None),
        };
        let mut t = Sums {
            tickets: 1,
            ..Sums::default()
        };
        t.add(Rate::Response, response_n, response_d);
        t.add(
            Rate::OnTime,
            matches!((close_on, close_due), (Some(on), Some(due)) if on <= due),
            close_due.is_some(),
        );
        t.add(Rate::Resolution, status == Status::Resolved, closed);
        t.add(Rate::FollowUp, closed && f.followed, closed);
        t.add(
            Rate::Satisfaction,
            matches!(
                f.satisfaction,
                Some(Satisfaction::Satisfied | Satisfaction::Basic)
            ),
            f.satisfaction.is_some(),
        );
        t.add(Rate::Return, f.returned, !self.handled.is_empty());
        t.add(Rate::Redo, f.reopened, f.closed.is_some());
        self.total.add_all(&t);
        let standing = Standing {
            status,
            department: f.handling.and_then(|h| h.0),
            due: f.due,
        };
        let group = if self.by_department {
            t.rates[Rate::Return as usize] = Ratio::default();
            for &(d, returned) in &self.handled {
                let g = self.groups.entry(Some(d)).or_default();
                g.add(Rate::Return, returned, true);
            }
            standing.department
        } else {
            group
        };
        self.groups.entry(group).or_default().add_all(&t);
        Some(standing)
    }

    /// Adds the sums of another share of the tickets, counted as of the same day.
    pub(crate) fn merge(&mut self, other: Assessment) {
        for (group, s) in other.groups {
            self.groups.entry(group).or_default().add_all(&s);
        }
        self.total.add_all(&other.total);
    }

    /// The sums per group (None: the tickets without one) and in total.
    pub(crate) fn finish(self) -> (Vec<(Option<i64>, Sums)>, Sums) {
        (self.groups.into_iter().collect(), self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reconcile::Flows;

    fn day(s: &str) -> NaiveDate {
        crate::domain::date::parse(s).unwrap()
    }

    fn event(id: i64, on: &str, action: Action, status: Status) -> Event {
        Event {
            id,
            on: day(on),
            action: Some(action),
            status,
            department: None,
            due: None,
            satisfaction: None,
        }
    }

    #[test]
    fn the_uncounted_actions_change_no_figure_of_the_pass() {
        let mut assign = event(2, "2022-03-02", Action::Assign, Status::Collected);
        assign.department = Some(7);
        assign.due = Some(day("2022-03-11"));
        let mut follow = event(8, "2022-04-20", Action::FollowUp, Status::Resolved);
        follow.satisfaction = Some(Satisfaction::Basic);
        let history = [
            event(1, "2022-03-01", Action::Collect, Status::Collected),
            assign,
            event(3, "2022-03-04", Action::Urge, Status::Collected),
            event(4, "2022-03-09", Action::Accept, Status::InProgress),
            event(5, "2022-03-20", Action::Urge, Status::InProgress),
            event(6, "2022-04-02", Action::Urge, Status::InProgress),
            event(7, "2022-04-12", Action::Resolve, Status::Resolved),
            follow,
        ];
        let counted: Vec<Event> = history
            .iter()
            .filter(|e| e.action.is_none_or(|a| !Action::UNCOUNTED.contains(&a)))
            .cloned()
            .collect();
        assert!(counted.len() < history.len());
        for upto in 1..=history.len() {
            let all = &history[..upto];
            let on = all[upto - 1].on;
            let some: Vec<Event> = counted.iter().filter(|e| e.on <= on).cloned().collect();
            let pass = |events: &[Event]| {
                let mut a =
                    Assessment::new(on, Calendar::shipped(), ResponseTimes::default(), true);
                let standing = a.add(None, events);
                let mut flows = Flows::default();
                flows.add(day("2022-03-01"), events);
                (standing, a.finish(), flows.finish())
            };
            assert_eq!(pass(all), pass(&some), "up to event {upto}");
        }
    }

    #[test]
    fn a_response_time_holds_from_its_day_and_the_last_set_of_a_day_counts() {
        let times = ResponseTimes::new([
            (day("2022-06-01"), 3),
            (day("2022-03-14"), 2),
            (day("2022-06-01"), 4),
        ]);
        assert_eq!(times.days(day("2022-03-13")), DEFAULT_RESPONSE_DAYS);
        assert_eq!(times.days(day("2022-03-14")), 2);
        assert_eq!(times.days(day("2022-05-31")), 2);
        assert_eq!(times.days(day("2022-06-01")), 4);
        assert_eq!(ResponseTimes::default().days(day("2022-06-01")), 1);
    }

    #[test]
    fn an_empty_denominator_is_no_rate() {
        assert_eq!(Ratio::new(0, 0).value(), None);
        assert_eq!(Ratio::new(0, 0).percent(), None);
        assert_eq!(Ratio::new(531, 695).value(), Some(0.764));
        assert_eq!(Ratio::new(531, 695).percent().unwrap(), "76.4%");
        assert_eq!(Ratio::new(2, 3).value(), Some(0.6667));
    }

    #[test]
    fn rates_are_named_in_order_and_parsed_by_any_name() {
        for (i, r) in Rate::ALL.iter().enumerate() {
            assert_eq!(RATES[i].rate, *r);
            assert_eq!(RATES[i].name_n, format!("{}_n", RATES[i].name));
            assert_eq!(RATES[i].name_d, format!("{}_d", RATES[i].name));
        }
        assert_eq!(Rate::parse("resolution_rate"), Ok(Rate::Resolution));
        assert_eq!(Rate::parse("On_Time"), Ok(Rate::OnTime));
        assert_eq!(Rate::parse("满意率"), Ok(Rate::Satisfaction));
        assert!(Rate::parse("speed").unwrap_err().contains("redo_rate"));
    }

    #[test]
    fn the_red_lines_are_met_on_the_line_and_from_the_better_side() {
        assert_eq!(Rate::Resolution.meets(Ratio::new(531, 695)), Some(false));
        assert_eq!(Rate::Resolution.meets(Ratio::new(4, 5)), Some(true));
        assert_eq!(Rate::Resolution.meets(Ratio::new(0, 0)), None);
        assert_eq!(Rate::Redo.meets(Ratio::new(1, 20)), Some(true));
        assert_eq!(Rate::Redo.meets(Ratio::new(2, 20)), Some(false));
        assert!(RED_LINES.iter().all(|l| (0.0..=1.0).contains(l)));
    }

    #[test]
    fn the_lists_leave_out_small_and_unnamed_groups_and_never_overlap() {
        let g = |n, d| (true, Ratio::new(n, d));
        let groups = [
            g(9, 10),
            g(1, 1),
            (false, Ratio::new(0, 50)),
            g(5, 10),
            g(8, 10),
            g(16, 20),
        ];
        let (red, black) = rank(Rate::Resolution, &groups);
        // Four ranked groups: two on each list; 8/10 and 16/20 tie, the larger first.
        assert_eq!(red, vec![0, 5]);
        assert_eq!(black, vec![3, 4]);
        // Fewer returns rank higher.
        let (red, black) = rank(Rate::Return, &groups);
        assert_eq!(red, vec![3, 5]);
        assert_eq!(black, vec![0, 4]);
    }
}
