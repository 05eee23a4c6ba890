//! The events after collection that lead a ticket to its planned fate.

use super::draw::*;
use super::meetings::Meeting;
use super::problems::*;
use super::tickets::{Fate, Ticket};
use crate::domain::kinds::{Level, Outcome, Satisfaction};
use crate::domain::status::{Action, Status};

/// One event of a ticket: the status it leaves the ticket in, and for the
/// events of the loop around the changes of status, its action and details.
pub(super) struct Ev {
    pub(super) day: i32,
    pub(super) status: Status,
    pub(super) by: u32,
    pub(super) note: &'static str,
    pub(super) meeting: Option<u32>,
    pub(super) action: Option<Action>,
    pub(super) loop_: Detail,
}

/// What an event of the loop carries besides its status.
#[derive(Default, Clone, Copy)]
pub(super) struct Detail {
    pub(super) dept: Option<u8>,
    pub(super) due: Option<i32>,
    pub(super) level: Option<Level>,
    pub(super) outcome: Option<Outcome>,
    pub(super) satisfaction: Option<Satisfaction>,
    pub(super) reason: &'static str,
}

/// The transitions after collection that lead a ticket to its planned fate.
pub(super) fn history(
    rng: &mut Rand,
    t: &Ticket,
    collector: u32,
    cat: &Category,
    end: i32,
    meetings: &[Meeting],
    evs: &mut Vec<Ev>,
) {
    evs.clear();
    let by = t.handler;
    let mut ev = |day: i32, status: Status, by: u32, note: &'static str, meeting: Option<u32>| {
        evs.push(Ev {
            day,
            status,
            by,
            note,
            meeting,
            action: None,
            loop_: Detail::default(),
        });
    };
    let fix = if chance(rng, 0.8) {
        cat.problems[t.problem as usize].fix
    } else {
        pick_str(
            rng,
            &["问题已解决，企业满意", "已协调解决", "已办结，企业认可"],
        )
    };
    let accept_note = *pick(rng, &ACCEPT_NOTES);
    let explain_note = *pick(rng, &EXPLAIN_NOTES);
    let a = t.accept;
    // Mostly closed within the deadline, sometimes late.
    let close = |rng: &mut Rand| -> i32 {
        let d = if chance(rng, 0.85) {
            between(rng, a, a.max(t.due))
        } else {
            between(rng, t.due + 1, t.due + 45)
        };
        d.clamp(a, end)
    };
    // Closed, reopened and closed again, all before the campaign's end.
    let mut reopen = |rng: &mut Rand, first: Status, then: Option<Status>| {
        let r1 = (a + between(rng, 3, 30)).min(end);
        let r2 = (r1 + between(rng, 5, 20)).min(end);
        let r3 = (r2 + between(rng, 3, 25)).min(end);
        ev(a, Status::InProgress, by, accept_note, None);
        ev(
            r1,
            first,
            by,
            if first == Status::Resolved {
                fix
            } else {
                explain_note
            },
            None,
        );
        ev(
            r2,
            Status::InProgress,
            collector,
            pick_str(rng, &REOPEN_NOTES),
            None,
        );
        if let Some(s) = then {
            ev(
                r3,
                s,
                by,
                if s == Status::Resolved {
                    fix
                } else {
                    explain_note
                },
                None,
            );
        }
    };
    match t.fate {
        Fate::Awaiting => {}
        Fate::Progress => ev(a, Status::InProgress, by, accept_note, None),
        Fate::Resolved => {
            let r = close(rng);
            ev(a, Status::InProgress, by, accept_note, None);
            ev(r, Status::Resolved, by, fix, None);
        }
        Fate::Explained => {
            let r = close(rng);
            ev(a, Status::InProgress, by, accept_note, None);
            ev(r, Status::Explained, by, explain_note, None);
        }
        Fate::SpotResolved => ev(
            t.collected,
            Status::Resolved,
            by,
            pick_str(rng, &SPOT_NOTES),
            None,
        ),
        Fate::SpotExplained => ev(t.collected, Status::Explained, by, "现场作出政策解释", None),
        Fate::AtMeeting => {
            let m = t.meeting.expect("meeting chosen");
            ev(a, Status::InProgress, by, accept_note, None);
            ev(
                meetings[m as usize].day,
                Status::Resolved,
                by,
                MEETING_NOTE,
                Some(m),
            );
        }
        Fate::ReopenRR => reopen(rng, Status::Resolved, Some(Status::Resolved)),
        Fate::ReopenER => reopen(rng, Status::Explained, Some(Status::Resolved)),
        Fate::ReopenEE => reopen(rng, Status::Explained, Some(Status::Explained)),
        Fate::ReopenRP => reopen(rng, Status::Resolved, None),
    }
}
