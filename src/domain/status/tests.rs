//! The tests of the ticket lifecycle: statuses, actions and their transitions.

use super::Status::*;
use super::*;

#[test]
fn only_the_lifecycle_transitions_are_allowed() {
    let allowed = [
        (Collected, InProgress),
        (Collected, Resolved),
        (Collected, Explained),
        (InProgress, Collected),
        (InProgress, Resolved),
        (InProgress, Explained),
        (Resolved, InProgress),
        (Explained, InProgress),
    ];
    for from in Status::ALL {
        for to in Status::ALL {
            assert_eq!(
                from.can_become(to),
                allowed.contains(&(from, to)),
                "{from} -> {to}"
            );
        }
    }
}

#[test]
fn actions_name_their_sources() {
    assert!(Action::Accept.allowed_from(Collected));
    assert!(!Action::Accept.allowed_from(Resolved));
    assert!(Action::Reopen.allowed_from(Explained));
    assert!(!Action::Reopen.allowed_from(InProgress));
    assert!(Action::Resolve.allowed_from(Collected));
    assert!(!Action::Explain.allowed_from(Explained));
}

#[test]
fn the_allowed_message_lists_the_lifecycle() {
    assert_eq!(
        transitions_summary(),
        "collected→in_progress|resolved|explained, in_progress→collected|resolved|explained, resolved|explained→in_progress"
    );
    assert_eq!(Action::Accept.sources(), "collected");
    assert_eq!(Action::Resolve.sources(), "collected or in_progress");
    assert_eq!(Action::Reopen.sources(), "resolved or explained");
}

#[test]
fn every_action_is_a_transition_of_the_lifecycle() {
    for a in Action::ALL.into_iter().filter(|a| a.changes_status()) {
        for from in Status::ALL.into_iter().filter(|s| a.allowed_from(*s)) {
            let to = a.result(from);
            assert!(
                to == from || from.can_become(to),
                "{} from {from}",
                a.verb()
            );
        }
    }
    for a in Action::ALL {
        assert_eq!(Action::parse(a.as_str()), Ok(a));
        assert_eq!(Action::parse(a.label(Lang::Zh)), Ok(a));
    }
    assert_eq!(Action::parse("follow-up"), Ok(Action::FollowUp));
}

#[test]
fn a_command_names_what_it_needs() {
    let e = check_change("2022-0001", Resolved, InProgress, Some(Action::Accept)).unwrap_err();
    assert_eq!(e.field, "status");
    assert_eq!(
        e.msg,
        "cannot accept ticket 2022-0001: it is resolved; only a collected ticket can be accepted"
    );
    assert!(check_change("2022-0001", Resolved, InProgress, None).is_ok());
    let e = check_change("2022-0001", Resolved, Explained, None).unwrap_err();
    assert!(e
        .msg
        .starts_with("ticket 2022-0001 cannot go from resolved to explained; allowed: collected→"));
}

#[test]
fn events_come_in_date_order_and_not_after_today() {
    let d = |s| date::parse(s).unwrap();
    let today = d("2022-12-31");
    assert!(check_event_day("T", d("2022-03-01"), d("2022-03-01"), today).is_ok());
    assert_eq!(
        check_event_day("T", d("2022-02-28"), d("2022-03-01"), today)
            .unwrap_err()
            .field,
        "on"
    );
    let e = check_event_day("T", d("2023-01-01"), d("2022-03-01"), today).unwrap_err();
    assert_eq!(
        e.msg,
        "ticket T: 2023-01-01 is in the future (today is 2022-12-31)"
    );
}

#[test]
fn a_change_at_a_meeting_happens_on_its_day() {
    let d = |s| date::parse(s).unwrap();
    let held = d("2022-06-01");
    assert_eq!(meeting_day(None, held, Resolved).unwrap(), held);
    assert_eq!(meeting_day(Some(held), held, Resolved).unwrap(), held);
    let e = meeting_day(Some(d("2022-06-02")), held, Explained).unwrap_err();
    assert_eq!(
        e.msg,
        "the meeting was held on 2022-06-01; a ticket explained at it changes on that day, not 2022-06-02"
    );
}

#[test]
fn parses_chinese_labels() {
    assert_eq!(Status::parse("正在办理"), Ok(InProgress));
    assert_eq!(Status::parse("Resolved"), Ok(Resolved));
    assert_eq!(
        Status::parse("closed").unwrap_err(),
        "\"closed\" is not a ticket status; use collected, in_progress, resolved, explained"
    );
}
