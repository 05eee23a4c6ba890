//! Replaying a generated events.csv through the lifecycle and the loop.

use super::{date, Files};
use crate::domain::status::{self, Action, Status};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What replaying events.csv says about each ticket.
#[derive(Default)]
pub(super) struct Replay {
    pub(super) final_status: BTreeMap<String, Status>,
    pub(super) reopened: HashSet<String>,
    /// Tickets with a resolved event at a meeting, not reopened later.
    pub(super) meeting_resolved: HashSet<String>,
}

/// Replays events.csv through the allowed transitions, checking dates
/// and actors, and returns each ticket's history summary.
pub(super) fn replay(f: &Files, last: NaiveDate) -> Replay {
    let t = &f.tickets;
    let (code, coll, cadre, dept) = (
        t.col("code"),
        t.col("collected_on"),
        t.col("cadre"),
        t.col("department"),
    );
    let tickets: HashMap<&str, (NaiveDate, &str, &str)> = t
        .rows
        .iter()
        .map(|r| (&r[code], (date(&r[coll]), &r[cadre], &r[dept])))
        .collect();
    assert_eq!(tickets.len(), t.rows.len(), "ticket codes unique");
    let unit_of: HashMap<&str, &str> = f.cadres.rows.iter().map(|r| (&r[0], &r[2])).collect();
    let meetings: HashMap<&str, (NaiveDate, HashSet<&str>)> = f
        .meetings
        .rows
        .iter()
        .map(|r| (&r[0], (date(&r[1]), r[3].split(';').collect())))
        .collect();

    let mut state: HashMap<&str, (Status, NaiveDate)> = tickets
        .iter()
        .map(|(k, v)| (*k, (Status::Collected, v.0)))
        .collect();
    let mut out = Replay::default();
    let mut done: HashSet<&str> = HashSet::new();
    let mut current = "";
    let e = &f.events;
    let (action_col, dept_col, due_col) = (e.col("action"), e.col("department"), e.col("due_on"));
    let mut in_force: HashMap<&str, &str> = HashMap::new();
    for r in &f.events.rows {
        let (tk, on, by, meeting) = (&r[0], date(&r[1]), &r[4], &r[6]);
        let status = Status::parse(&r[3]).unwrap();
        if tk != current {
            assert!(done.insert(tk), "events of {tk} are not contiguous");
            current = tk;
        }
        let &(collected, collector, first_department) =
            tickets.get(tk).expect("event for unknown ticket");
        let department = *in_force.entry(tk).or_insert(first_department);
        let (prev, prev_on) = state[tk];
        assert!(
            on >= collected && on >= prev_on,
            "{tk}: event on {on} out of order"
        );
        assert!(on <= last, "{tk}: event after {last}");
        let action = Some(&r[action_col])
            .filter(|a| !a.is_empty())
            .map(|a| Action::parse(a).unwrap());
        match action {
            Some(a) => {
                assert_eq!(a.result(prev), status, "{tk}: {a:?} from {prev}");
                assert!(
                    status::check_change(tk, prev, status, Some(a)).is_ok(),
                    "{tk}: {a:?} from {prev} not allowed"
                );
            }
            None => assert!(
                prev.can_become(status),
                "{tk}: {prev} -> {status} not allowed"
            ),
        }
        let reopen = status == Status::InProgress && Status::CLOSED.contains(&prev);
        match action {
            // The loop's own events: assignments, urges and follow-ups by
            // the collecting cadre, returns by the department in force.
            Some(Action::Assign | Action::Urge | Action::FollowUp) => {
                assert_eq!(
                    by, collector,
                    "{tk}: {action:?} by another than the collector"
                );
                if action == Some(Action::Assign) {
                    in_force.insert(tk, &r[dept_col]);
                }
            }
            Some(Action::Return) => {
                assert_eq!(unit_of[by], department, "{tk}: returned by another unit")
            }
            _ if reopen => {
                out.reopened.insert(tk.to_string());
                out.meeting_resolved.remove(tk);
            }
            _ if department.is_empty() => {
                assert_eq!(by, collector, "{tk}: actor without department")
            }
            _ => assert_eq!(
                unit_of[by], department,
                "{tk}: actor not of the handling department"
            ),
        }
        // A due date set after the collection is not already past on its day.
        if matches!(action, Some(Action::Assign | Action::Extend)) && !r[due_col].is_empty() {
            assert!(
                crate::domain::rules::due_not_before_setting("due_on", date(&r[due_col]), on)
                    .is_ok(),
                "{tk}: {action:?} on {on} sets the due date {} already past",
                &r[due_col]
            );
        }
        // A ticket is accepted only by a department: one in force, or named by the row.
        if status == Status::InProgress && prev == Status::Collected {
            assert!(
                !department.is_empty() || !r[dept_col].is_empty(),
                "{tk}: accepted on {on} with no department in force"
            );
        }
        if action == Some(Action::Return) {
            in_force.insert(tk, "");
        }
        if !meeting.is_empty() {
            let (held, attendees) = &meetings[meeting];
            assert_eq!(status, Status::Resolved);
            assert_eq!(*held, on, "{tk}: resolved at {meeting} on another day");
            assert!(
                attendees.contains(by),
                "{tk}: resolver did not attend {meeting}"
            );
            out.meeting_resolved.insert(tk.to_string());
        }
        state.insert(tk, (status, on));
    }
    out.final_status = state
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.0))
        .collect();
    out
}

pub(super) fn count(rp: &Replay, status: Status) -> usize {
    rp.final_status.values().filter(|s| **s == status).count()
}
