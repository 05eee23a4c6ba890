use super::rates::RED_LINES;
use super::response::DEFAULT_RESPONSE_DAYS;
use super::*;
use crate::domain::calendar::Calendar;
use crate::domain::kinds::Satisfaction;
use crate::domain::reconcile::Flows;
use crate::domain::status::{Action, Event, Status};
use chrono::NaiveDate;

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
            let mut a = Assessment::new(on, Calendar::shipped(), ResponseTimes::default(), true);
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
