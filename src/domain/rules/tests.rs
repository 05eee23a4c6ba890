use super::*;
use crate::domain::date;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    date::parse(s).unwrap()
}

#[test]
fn today_is_not_the_future_but_tomorrow_is() {
    let today = d("2022-12-31");
    assert!(not_in_future("on", "visit date", today, today).is_ok());
    let e = not_in_future("on", "visit date", d("2023-01-01"), today).unwrap_err();
    assert_eq!(e.field, "on");
    assert_eq!(
        e.msg,
        "visit date 2023-01-01 is in the future (today is 2022-12-31)"
    );
}

#[test]
fn text_is_bounded_and_shows_as_stored() {
    assert!(text("note", "走访\t记录\r\n第二行").is_ok());
    assert!(text("note", &"字".repeat(MAX_TEXT_CHARS)).is_ok());
    let e = text("note", &"字".repeat(MAX_TEXT_CHARS + 1)).unwrap_err();
    assert!(e.msg.starts_with("a text of 32768 characters"), "{}", e.msg);
    for hidden in [
        "\u{1b}[31m",
        "a\u{202E}b",
        "T01\u{200B}",
        "\u{FEFF}x",
        "\u{7f}",
    ] {
        assert!(text("name", hidden).is_err(), "{hidden:?}");
    }
    assert_eq!(code("code", " T01 ").unwrap(), "T01");
    assert!(code("code", "T 01").is_err());
    assert!(code("code", "T01\u{200B}").is_err());
    assert!(code("code", "T\u{3000}01").is_err());
    assert!(code("code", "T01\u{200D}").is_err());
    assert!(text("note", "👩\u{200D}🔧").is_ok());
}

#[test]
fn person_visits_run_from_one_to_ten_thousand() {
    assert_eq!(people("people", " 1 ").unwrap(), 1);
    assert_eq!(people("people", "10000").unwrap(), 10_000);
    for bad in ["0", "10001", "-5", "x", ""] {
        assert!(people("people", bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn due_may_be_the_collection_day_but_not_before() {
    let c = d("2022-03-01");
    assert!(due_not_before_collection("due_on", c, c).is_ok());
    assert!(due_not_before_collection("due_on", d("2022-02-28"), c).is_err());
}

#[test]
fn phones_hold_digits_spaces_plus_and_minus() {
    assert_eq!(
        phone("phone", " +86 138-0000-0000 ").unwrap(),
        "+86 138-0000-0000"
    );
    assert_eq!(phone("phone", "").unwrap(), "");
    assert!(phone("phone", "１３８").is_err());
    assert!(phone("phone", "138 x").is_err());
    assert!(phone("phone", &"1".repeat(21)).is_err());
}

#[test]
fn a_pairing_may_end_the_day_it_began_but_not_before() {
    let s = d("2022-03-01");
    assert!(pairing_end("ended_on", s, s).is_ok());
    let e = pairing_end("ended_on", s, d("2022-02-28")).unwrap_err();
    assert_eq!(
        e.msg,
        "the pairing began on 2022-03-01; it cannot end on 2022-02-28, before that"
    );
}

fn span(start: &str, end: Option<&str>) -> Span {
    Span {
        start: d(start),
        end: end.map(d),
    }
}

#[test]
fn a_pairing_is_in_force_from_its_start_until_the_day_it_ends() {
    let s = span("2022-03-01", Some("2022-06-30"));
    assert!(!s.in_force_on(d("2022-02-28")));
    assert!(s.in_force_on(d("2022-03-01")));
    assert!(s.in_force_on(d("2022-06-29")));
    assert!(!s.in_force_on(d("2022-06-30")));
    assert!(span("2022-03-01", None).in_force_on(d("2099-01-01")));
    let never = span("2022-03-01", Some("2022-03-01"));
    assert!(!never.ever_in_force());
    assert!(!never.in_force_on(d("2022-03-01")));
}

#[test]
fn pairings_overlap_when_one_day_has_both_in_force() {
    let closed = span("2022-01-10", Some("2022-06-30"));
    // A backdated pairing inside a closed one.
    assert!(closed.overlaps(span("2022-03-01", None)));
    assert!(span("2022-03-01", None).overlaps(closed));
    assert!(closed.overlaps(span("2021-12-01", Some("2022-01-11"))));
    // Handovers on the same day, either way round.
    assert!(!closed.overlaps(span("2022-06-30", None)));
    assert!(!closed.overlaps(span("2021-12-01", Some("2022-01-10"))));
    assert!(span("2022-01-01", None).overlaps(span("2022-05-01", None)));
    // A pairing never in force is in nobody's way.
    assert!(!closed.overlaps(span("2022-03-01", Some("2022-03-01"))));
    assert_eq!(
        in_the_way(span("2022-03-01", None), [(closed, "a")]).map(|(_, t)| t),
        Some("a")
    );
    assert_eq!(closed.describe(), "from 2022-01-10 to 2022-06-30");
    assert_eq!(span("2022-03-01", None).describe(), "from 2022-03-01 on");
}

#[test]
fn a_void_comes_on_or_after_the_record_and_says_why() {
    let on = d("2022-03-01");
    assert!(void_date("on", "visit", on, on).is_ok());
    let e = void_date("on", "visit", on, d("2022-02-28")).unwrap_err();
    assert_eq!(
        e.msg,
        "the visit is dated 2022-03-01; it cannot be voided on 2022-02-28, before that"
    );
    assert_eq!(void_reason("reason", " 重复录入 ").unwrap(), "重复录入");
    assert!(void_reason("reason", "  ").is_err());
}

#[test]
fn no_group_may_be_named_like_the_total_row() {
    assert!(group_name("category", "融资").is_ok());
    assert!(group_name("category", "subtotal").is_ok());
    for bad in ["total", " Total ", "TOTAL"] {
        assert!(group_name("category", bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_visit_falls_within_a_pairing_unless_recorded_unpaired() {
    let today = d("2022-12-31");
    let start = Some(d("2022-03-01"));
    assert!(visit_date("on", d("2022-03-01"), today, start, false, "hint").is_ok());
    assert!(visit_date("on", d("2022-02-28"), today, start, false, "hint").is_err());
    assert!(visit_date("on", d("2022-02-28"), today, start, true, "hint").is_ok());
    let e = visit_date("on", d("2022-05-01"), today, None, false, "pass --unpaired").unwrap_err();
    assert!(
        e.msg
            .ends_with("pass --unpaired to record the visit anyway"),
        "{}",
        e.msg
    );
    assert!(visit_date("on", d("2023-01-01"), today, start, true, "hint").is_err());
}
