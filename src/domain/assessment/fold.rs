//! The assessment summed ticket by ticket from the histories.

use super::rates::{Rate, Ratio, Sums};
use super::response::ResponseTimes;
use crate::domain::calendar::Calendar;
use crate::domain::kinds::Satisfaction;
use crate::domain::reconcile::Standing;
use crate::domain::status::{Action, Event, Status};
use chrono::NaiveDate;
use std::collections::HashMap;

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
