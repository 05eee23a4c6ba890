//! The closed loop around a ticket's changes of status: a few tickets sent
//! to the wrong department and returned (退单) before the right one is
//! assigned (改派), extensions asked before the deadline (延期), urges on
//! late tickets at the escalation ladder's working days (催办, 督办, 通报),
//! and follow-ups with the enterprise's satisfaction (回访) on most closed
//! tickets, the unsatisfied ones before a reopening.
//!
//! These draws come from a stream of their own, so the tickets, their fates
//! and the days of their changes of status are the same with or without the
//! loop, and so are every published figure.

use super::calendar::Calendar;
use super::draw::*;
use super::history::{Detail, Ev};
use super::tickets::{Fate, Ticket};
use crate::domain::calendar::Calendar as Workdays;
use crate::domain::handling::escalation;
use crate::domain::kinds::{Level, Outcome, Satisfaction};
use crate::domain::status::{Action, Status};

/// What is decided of a ticket before its row is written.
#[derive(Default, Clone, Copy)]
pub(super) struct Plan {
    /// The department first (and wrongly) assigned, which returns the ticket.
    pub(super) wrong: Option<u8>,
}

/// Whether the ticket goes first to a wrong department: about one in 25 of
/// those a department accepts after the day of collection or later.
pub(super) fn plan(rng: &mut Rand, t: &Ticket, depts: usize) -> Plan {
    let handled = matches!(
        t.fate,
        Fate::Progress
            | Fate::Resolved
            | Fate::Explained
            | Fate::AtMeeting
            | Fate::ReopenRR
            | Fate::ReopenER
            | Fate::ReopenEE
            | Fate::ReopenRP
    );
    let wrong = match t.dept {
        Some(d) if handled && depts > 1 && chance(rng, 0.04) => {
            let w = below(rng, depts as u32 - 1) as u8;
            Some(if w >= d { w + 1 } else { w })
        }
        _ => None,
    };
    Plan { wrong }
}

/// Who acts in the loop: the ticket's collector, its handler, and the
/// staff of the department that returns it.
pub(super) struct People<'a> {
    pub(super) collector: u32,
    pub(super) wrong_staff: &'a [u32],
}

/// Adds the loop's events to `evs`, the changes of status of `t`, keeping
/// them in date order; nothing after `end`.
#[allow(clippy::too_many_arguments)]
pub(super) fn close_loop(
    rng: &mut Rand,
    t: &Ticket,
    plan: Plan,
    who: &People,
    cal: &Calendar,
    work: &Workdays,
    end: i32,
    evs: &mut Vec<Ev>,
) {
    if evs.is_empty() {
        return;
    }
    let changes = std::mem::take(evs);
    let ev = |day, status, by, note, action, loop_| Ev {
        day,
        status,
        by,
        note,
        meeting: None,
        action: Some(action),
        loop_,
    };
    // The working day `n` after `day`.
    let workday_after = |day: i32, n: u32| cal.day_of(work.add_workdays(cal.date(day), n));
    let closed = |s: Status| matches!(s, Status::Resolved | Status::Explained);
    let final_close = changes
        .iter()
        .rposition(|e| closed(e.status))
        .filter(|&i| i == changes.len() - 1);
    let mut extended = None;
    let mut status = Status::Collected;
    for (i, e) in changes.into_iter().enumerate() {
        let last = evs.last().map_or(t.collected, |x| x.day);
        // Before the first acceptance: the wrong department returns the
        // ticket and the right one is assigned, with the same due date, so
        // before that date (a due date is never set already past).
        if plan.wrong.is_some() && i == 0 && e.status == Status::InProgress {
            let by = *pick(rng, who.wrong_staff);
            let on = between(rng, t.collected, e.day.min(t.due));
            let reason = pick_str(rng, &RETURN_REASONS);
            let note = "不属于本单位职责，退回重新交办";
            evs.push(ev(
                on,
                Status::Collected,
                by,
                note,
                Action::Return,
                Detail {
                    reason,
                    ..Detail::default()
                },
            ));
            evs.push(ev(
                on,
                Status::Collected,
                who.collector,
                "改派至职能部门办理",
                Action::Assign,
                Detail {
                    dept: t.dept,
                    due: Some(t.due),
                    ..Detail::default()
                },
            ));
        }
        // An open ticket: an extension asked before the deadline when the
        // closure will come after it, or urges along the ladder.
        if status == Status::InProgress && closed(e.status) && Some(i) == final_close {
            let due = extended.unwrap_or(t.due);
            if e.day > due && due >= last && chance(rng, 0.3) {
                let on = between(rng, last.max(due - 10), due);
                let until = if due + 30 >= e.day {
                    due + 30
                } else {
                    e.day + between(rng, 0, 10)
                };
                extended = Some(until);
                evs.push(ev(
                    on,
                    Status::InProgress,
                    t.handler,
                    "申请延期办理",
                    Action::Extend,
                    Detail {
                        due: Some(until),
                        reason: pick_str(rng, &EXTEND_REASONS),
                        ..Detail::default()
                    },
                ));
            } else if e.day > due {
                urge(evs, who.collector, due, last, e.day - 1, &workday_after);
            }
        }
        // A follow-up finds the first closure wanting, and the ticket is reopened.
        if e.status == Status::InProgress && closed(status) && chance(rng, 0.7) {
            let on = between(rng, last, e.day);
            evs.push(ev(
                on,
                status,
                who.collector,
                "回访企业反映问题仍未解决",
                Action::FollowUp,
                Detail {
                    outcome: Some(Outcome::Unsolved),
                    satisfaction: Some(Satisfaction::Dissatisfied),
                    ..Detail::default()
                },
            ));
        }
        status = e.status;
        evs.push(e);
    }
    let last = evs.last().map_or(t.collected, |x| x.day);
    match final_close {
        // Most closed tickets are followed up within ten days.
        Some(_) if chance(rng, 0.85) => {
            let on = last + between(rng, 1, 10);
            if on <= end {
                let d = follow_up(rng, status);
                let note = pick_str(rng, &FOLLOW_UP_NOTES);
                evs.push(ev(on, status, who.collector, note, Action::FollowUp, d));
            }
        }
        Some(_) => {}
        // Open at the end: chased along the ladder once past due, or given
        // more time before it now and then (never one already late, which
        // would then no longer be overdue).
        None if status == Status::InProgress => {
            if t.due < end {
                urge(evs, who.collector, t.due, last, end, &workday_after);
            } else if t.due > last && chance(rng, 0.1) {
                let on = between(rng, last, t.due.min(end));
                evs.push(ev(
                    on,
                    Status::InProgress,
                    t.handler,
                    "申请延期办理",
                    Action::Extend,
                    Detail {
                        due: Some(t.due + 30),
                        reason: pick_str(rng, &EXTEND_REASONS),
                        ..Detail::default()
                    },
                ));
            }
        }
        None => {}
    }
}

/// The urges of an open ticket due on `due`, on the ladder's working days
/// that fall within `from..=to`: 催办 on the 1st after it, 督办 on the 3rd,
/// 通报 on the 5th.
fn urge(
    evs: &mut Vec<Ev>,
    by: u32,
    due: i32,
    from: i32,
    to: i32,
    workday_after: &dyn Fn(i32, u32) -> i32,
) {
    for n in [1, 3, 5] {
        let on = workday_after(due, n);
        if on < from || on > to {
            continue;
        }
        let level =
            escalation(i64::from(n)).expect("a working day past due is a step of the ladder");
        let note = match level {
            Level::Remind => "已超期，电话催办",
            Level::Supervise => "超期未办结，发督办单",
            Level::Notify => "超期仍未办结，予以通报",
        };
        evs.push(Ev {
            day: on,
            status: Status::InProgress,
            by,
            note,
            meeting: None,
            action: Some(Action::Urge),
            loop_: Detail {
                level: Some(level),
                ..Detail::default()
            },
        });
    }
}

/// What the enterprise answers at the follow-up of a ticket closed as `status`.
fn follow_up(rng: &mut Rand, status: Status) -> Detail {
    let (outcome, weights) = if status == Status::Resolved {
        (
            if chance(rng, 0.93) {
                Outcome::Solved
            } else {
                Outcome::Partly
            },
            [80, 17, 3],
        )
    } else {
        (
            if chance(rng, 0.6) {
                Outcome::Partly
            } else {
                Outcome::Unsolved
            },
            [40, 48, 12],
        )
    };
    let satisfaction = chance(rng, 0.9).then(|| {
        [
            Satisfaction::Satisfied,
            Satisfaction::Basic,
            Satisfaction::Dissatisfied,
        ][weighted(rng, &weights)]
    });
    Detail {
        outcome: Some(outcome),
        satisfaction,
        ..Detail::default()
    }
}

const RETURN_REASONS: [&str; 3] = [
    "不属于本单位职责范围",
    "涉及事项由其他部门主管",
    "交办单位有误，请重新交办",
];

const EXTEND_REASONS: [&str; 3] = [
    "涉及多部门协调，需延长办理时限",
    "需待上级部门审批",
    "企业补充材料后方可办理",
];

const FOLLOW_UP_NOTES: [&str; 3] = [
    "电话回访，企业反馈办理情况",
    "上门回访，听取企业意见",
    "回访企业，确认办理结果",
];
