//! The core records and the ticket lifecycle, command by command.

use crate::harness::*;

#[test]
fn init_creates_a_database_that_records_its_schema_version() {
    let env = Env::bare();
    let out = env.ok(&["init"]);
    let version = env.recorded_version();
    let engine = if on_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    assert!(
        out.contains(&format!("({engine} schema version {version})")),
        "{out}"
    );
    if !on_postgres() {
        assert_eq!(version, schema_version());
        assert_eq!(env.count("PRAGMA application_id"), 0x5151_4b31);
    }
    // Running it again is harmless.
    env.ok(&["init"]);
}

#[test]
fn db_flag_overrides_the_environment() {
    let env = Env::new();
    let other = env.path("other.db");
    env.ok(&["--db", other.to_str().unwrap(), "init"]);
    env.ok(&[
        "--db",
        other.to_str().unwrap(),
        "unit",
        "add",
        "T01",
        "古南街道",
        "--kind",
        "town",
    ]);
    assert_eq!(env.count("SELECT count(*) FROM units"), 0);
    assert_eq!(
        rusqlite::Connection::open(&other)
            .unwrap()
            .query_row("SELECT count(*) FROM units", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        1
    );
}

#[test]
fn a_missing_database_is_not_created_by_ordinary_commands() {
    if sqlite_only("a database file that must not appear") {
        return;
    }
    let env = Env::bare();
    let o = env.run(&["unit", "list"]);
    assert_eq!(o.status, 2);
    assert!(o.stderr.contains("qianqi init"), "{}", o.stderr);
    assert!(!env.file().exists());
}

#[test]
fn a_file_that_is_not_a_qianqi_database_is_refused() {
    if sqlite_only("the database file holding something else") {
        return;
    }
    let env = Env::bare();
    std::fs::write(env.file(), "code,name\nT01,古南街道\n").unwrap();
    let msg = env.run(&["unit", "list"]).stderr;
    assert!(msg.contains("is not a qianqi database"), "{msg}");
    let other = rusqlite::Connection::open(env.path("other.db")).unwrap();
    other.execute_batch("CREATE TABLE t (x)").unwrap();
    drop(other);
    let o = env.run(&["--db", "other.db", "unit", "list"]);
    assert_eq!(o.status, 2);
    assert!(
        o.stderr.contains("is not a qianqi database"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_directory_is_not_a_database() {
    if sqlite_only("a directory where the database file should be") {
        return;
    }
    let env = Env::bare();
    std::fs::create_dir(env.file()).unwrap();
    let o = env.run(&["init"]);
    assert_eq!(o.status, 2);
    assert!(o.stderr.contains("is a directory"), "{}", o.stderr);
}

#[test]
fn a_newer_schema_version_is_refused_naming_both_versions() {
    let env = Env::new();
    let current = env.recorded_version();
    env.set_recorded_version(99);
    let msg = env.fails(2, &["unit", "list"]);
    assert!(
        msg.contains("schema version 99") && msg.contains(&format!("version {current}")),
        "{msg}"
    );
}

#[test]
fn units_are_added_listed_and_never_duplicated() {
    let env = Env::new();
    env.ok(&["unit", "add", "T01", "古南街道", "--kind", "town"]);
    env.ok(&["unit", "add", "D01", "区经济信息委", "--kind", "dept"]);
    let msg = env.fails(2, &["unit", "add", "T01", "文龙街道", "--kind", "town"]);
    assert_eq!(msg, "qianqi: a unit with code \"T01\" already exists");
    let msg = env.fails(2, &["unit", "add", "T02", "文龙街道", "--kind", "county"]);
    assert!(msg.contains("use dept, town"), "{msg}");
    let out = env.ok(&["unit", "list", "--kind", "town", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "古南街道");
}

#[test]
fn cadres_need_a_known_unit_and_a_plausible_phone() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(2, &["cadre", "add", "C09", "赵六", "--unit", "D1"]);
    assert!(
        msg.contains("no unit with code \"D1\"") && msg.contains("nearest: D01"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "cadre",
            "add",
            "C09",
            "赵六",
            "--unit",
            "D01",
            "--phone",
            "１３８",
        ],
    );
    assert!(msg.contains("is not a phone number"), "{msg}");
    env.fails(2, &["cadre", "add", "C01", "赵六", "--unit", "D01"]);
}

#[test]
fn enterprise_codes_are_checked_with_the_gb32100_check_character() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(
        2,
        &[
            "enterprise",
            "add",
            "914403001922038217",
            "某公司",
            "--town",
            "T01",
        ],
    );
    assert!(
        msg.contains("check character is 7 but should be 6"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "enterprise",
            "add",
            "9144030019220382",
            "某公司",
            "--town",
            "T01",
        ],
    );
    assert!(msg.contains("has 16 characters"), "{msg}");
    let msg = env.fails(
        2,
        &[
            "enterprise",
            "add",
            "９１4403001922038216",
            "某公司",
            "--town",
            "T01",
        ],
    );
    assert!(msg.contains("full-width"), "{msg}");
    let msg = env.fails(
        2,
        &[
            "enterprise",
            "add",
            "91500222MA5U000003",
            "某公司",
            "--town",
            "D01",
        ],
    );
    assert!(msg.contains("is a dept, not a town"), "{msg}");
    env.fails(
        2,
        &[
            "enterprise",
            "add",
            "914403001922038216",
            "重复",
            "--town",
            "T01",
        ],
    );
    env.ok(&[
        "enterprise",
        "add",
        "91500222ma5u000003",
        "重庆綦江某某科技有限公司",
        "--town",
        "T02",
    ]);
    assert_eq!(
        env.count("SELECT count(*) FROM enterprises WHERE uscc = '91500222MA5U000003'"),
        1
    );
}

#[test]
fn enterprises_are_found_by_code_or_name_and_ambiguity_is_an_error() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "enterprise",
        "add",
        "91500222MA5U000003",
        "重庆旗能电铝有限公司",
        "--town",
        "T01",
    ]);
    let msg = env.fails(2, &["enterprise", "show", "重庆旗能电铝有限公司"]);
    assert!(
        msg.contains("2 enterprises are named")
            && msg.contains("91110000802100433B")
            && msg.contains("91500222MA5U000003"),
        "{msg}"
    );
    let msg = env.fails(2, &["enterprise", "show", "重庆金美新材料科技有限责任公司"]);
    assert!(msg.contains("nearest: 重庆金美新材料科技有限公司"), "{msg}");
    let msg = env.fails(2, &["enterprise", "show", "914403001922038210"]);
    assert!(msg.contains("check character"), "{msg}");
    env.ok(&["enterprise", "show", "重庆金美新材料科技有限公司"]);
}

#[test]
fn district_pairings_are_one_to_one() {
    let env = Env::new();
    env.seed();
    // C01 already serves 金美 at district tier.
    let msg = env.fails(
        2,
        &[
            "pair",
            "C01",
            "91350100M000100Y43",
            "--tier",
            "district",
            "--on",
            "2022-03-01",
        ],
    );
    assert!(
        msg.contains("already serves 重庆金美新材料科技有限公司"),
        "{msg}"
    );
    // 金美 already has a district cadre.
    let msg = env.fails(
        2,
        &[
            "pair",
            "C02",
            "914403001922038216",
            "--tier",
            "district",
            "--on",
            "2022-03-01",
        ],
    );
    assert!(
        msg.contains("already has an open district-tier pairing with C01"),
        "{msg}"
    );
    // After the pairing ends, another cadre may take it over.
    env.ok(&["unpair", "C01", "914403001922038216", "--on", "2022-06-30"]);
    env.ok(&[
        "pair",
        "C02",
        "914403001922038216",
        "--tier",
        "district",
        "--on",
        "2022-07-01",
    ]);
    assert_eq!(
        env.count("SELECT count(*) FROM pairings WHERE ended_on IS NULL AND tier = 'district'"),
        1
    );
}

#[test]
fn the_database_itself_refuses_a_second_open_district_pairing() {
    let env = Env::new();
    env.seed();
    let err = env
        .try_execute(
            "INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on)
             SELECT c.id, e.id, 'district', '2022-01-01' FROM cadres c, enterprises e
             WHERE c.code = 'C02' AND e.uscc = '914403001922038216'",
        )
        .unwrap_err();
    assert!(err.to_lowercase().contains("unique"), "{err}");
}

#[test]
fn town_cadres_serve_several_enterprises_but_an_enterprise_has_one_town_cadre() {
    let env = Env::new();
    env.seed();
    assert_eq!(env.count("SELECT count(*) FROM pairings p JOIN cadres c ON c.id = p.cadre_id WHERE c.code = 'C03'"), 2);
    env.ok(&["cadre", "add", "C04", "刘洋", "--unit", "T02"]);
    let msg = env.fails(
        2,
        &[
            "pair",
            "C04",
            "91110000802100433B",
            "--tier",
            "town",
            "--on",
            "2022-03-01",
        ],
    );
    assert!(
        msg.contains("already has an open town-tier pairing with C03 张伟"),
        "{msg}"
    );
}

#[test]
fn unpairing_needs_an_open_pairing_and_a_date_after_its_start() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(2, &["unpair", "C02", "914403001922038216"]);
    assert!(msg.contains("has no open pairing"), "{msg}");
    let msg = env.fails(
        2,
        &["unpair", "C01", "914403001922038216", "--on", "2021-12-31"],
    );
    assert!(msg.contains("began on 2022-01-10"), "{msg}");
}

#[test]
fn visits_cannot_predate_the_pairing_unless_recorded_as_unpaired() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(
        2,
        &[
            "visit",
            "重庆金美新材料科技有限公司",
            "--cadre",
            "C01",
            "--on",
            "2022-01-09",
        ],
    );
    assert!(
        msg.contains("before the cadre's pairing with this enterprise began (2022-01-10)"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "visit",
            "重庆金美新材料科技有限公司",
            "--cadre",
            "C02",
            "--on",
            "2022-02-01",
        ],
    );
    assert!(msg.contains("not paired"), "{msg}");
    env.ok(&[
        "visit",
        "重庆金美新材料科技有限公司",
        "--cadre",
        "C02",
        "--on",
        "2022-02-01",
        "--unpaired",
    ]);
    env.ok(&[
        "visit",
        "重庆金美新材料科技有限公司",
        "--cadre",
        "C01",
        "--on",
        "2022-01-10",
        "--tasks",
        "file,解难题",
        "--people",
        "3",
    ]);
    assert_eq!(env.count("SELECT sum(people) FROM visits"), 4);
    assert_eq!(
        env.count("SELECT tasks FROM visits WHERE people = 3"),
        1 | 8
    );
    assert_eq!(env.count("SELECT unpaired FROM visits WHERE people = 1"), 1);
}

#[test]
fn visits_are_never_in_the_future_and_count_at_least_one_person() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(
        2,
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            "2023-01-01",
        ],
    );
    assert!(
        msg.contains("is in the future (today is 2022-12-31)"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--people",
            "0",
        ],
    );
    assert!(msg.contains("0 is not in 1..=10000"), "{msg}");
    let msg = env.fails(
        2,
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--tasks",
            "lunch",
        ],
    );
    assert!(msg.contains("\"lunch\" is not a work item"), "{msg}");
    let msg = env.fails(2, &["visit", "914403001922038216"]);
    assert!(msg.contains("QIANQI_USER"), "{msg}");
}

#[test]
fn a_visit_without_a_date_is_today_and_the_cadre_defaults_to_the_user() {
    let mut env = Env::new();
    env.seed();
    env.user = Some("C03".into());
    env.ok(&["visit", "重庆新视通智能科技有限公司", "--kind", "phone"]);
    let out = env.ok(&["visit", "list", "--format", "csv"]);
    assert!(out.contains("2022-12-31,C03,张伟"), "{out}");
    assert!(out.contains(",phone,1,"), "{out}");
}

#[test]
fn dates_are_accepted_in_three_forms_and_impossible_dates_are_refused() {
    let env = Env::new();
    env.seed();
    for (i, d) in ["2022-03-01", "2022/3/2", "2022年3月3日"]
        .iter()
        .enumerate()
    {
        env.ok(&[
            "meeting",
            "add",
            &format!("M{i}"),
            "--title",
            "座谈会",
            "--on",
            d,
            "--cadres",
            "C01",
        ]);
    }
    assert_eq!(
        env.count("SELECT count(*) FROM meetings WHERE held_on IN ('2022-03-01', '2022-03-02', '2022-03-03')"),
        3
    );
    for bad in ["2022-02-30", "2022-13-01", "next tuesday"] {
        let msg = env.fails(2, &["meeting", "add", "M9", "--title", "x", "--on", bad]);
        assert!(
            msg.contains("is not a date; use YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日, M月D日 (this year), D号 (this month), 今天/today, 昨天/yesterday or 前天"),
            "{msg}"
        );
    }
}

#[test]
fn meetings_record_attendance_and_refuse_unknown_cadres() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(
        2,
        &[
            "meeting",
            "add",
            "M001",
            "--title",
            "座谈会",
            "--on",
            "2022-05-01",
            "--cadres",
            "C01,C99",
        ],
    );
    assert!(msg.contains("no cadre with code \"C99\""), "{msg}");
    env.ok(&[
        "meeting",
        "add",
        "M001",
        "--title",
        "古南街道助企干部座谈会",
        "--on",
        "2022-05-01",
        "--cadres",
        "C01、C03",
    ]);
    assert_eq!(env.count("SELECT count(*) FROM meeting_cadres"), 2);
    let out = env.ok(&["meeting", "list", "--cadre", "C03", "--format", "json"]);
    assert!(out.contains("\"cadres\": 2"), "{out}");
}

/// A ticket collected on 3 March by C01 for 金美.
pub(crate) fn ticket_env() -> Env {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "ticket",
        "add",
        "914403001922038216",
        "需要引进高层次人才",
        "--cadre",
        "C01",
        "--on",
        "2022-03-03",
        "--category",
        "用工招聘",
        "--department",
        "D02",
        "--due",
        "2022-04-30",
    ]);
    env
}

#[test]
fn a_new_ticket_gets_the_next_code_of_its_year_and_a_collected_event() {
    let env = ticket_env();
    let out = env.ok(&[
        "ticket",
        "add",
        "重庆新视通智能科技有限公司",
        "融资难",
        "--cadre",
        "C03",
        "--on",
        "2022-04-01",
    ]);
    assert_eq!(out.trim(), "collected ticket 2022-0002");
    assert_eq!(
        env.count("SELECT count(*) FROM ticket_events ev JOIN tickets t ON t.id = ev.ticket_id
                   WHERE t.code = '2022-0002' AND ev.status = 'collected' AND ev.on_date = '2022-04-01'"),
        1
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "add",
            "重庆新视通智能科技有限公司",
            "x",
            "--cadre",
            "C03",
            "--code",
            "2022-0001",
        ],
    );
    assert_eq!(
        msg,
        "qianqi: a ticket with code \"2022-0001\" already exists"
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "add",
            "重庆新视通智能科技有限公司",
            "x",
            "--cadre",
            "C03",
            "--on",
            "2022-04-01",
            "--due",
            "2022-03-01",
        ],
    );
    assert!(msg.contains("is before the collection date"), "{msg}");
}

#[test]
fn the_lifecycle_runs_accept_resolve_reopen_explain() {
    let env = ticket_env();
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-05",
    ]);
    env.ok(&[
        "ticket",
        "resolve",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-04-01",
        "--note",
        "已对接高校招聘",
    ]);
    env.ok(&[
        "ticket",
        "reopen",
        "2022-0001",
        "--by",
        "C01",
        "--on",
        "2022-05-01",
    ]);
    env.ok(&[
        "ticket",
        "explain",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-06-01",
    ]);
    let statuses: Vec<String> = env
        .rows("SELECT status FROM ticket_events ORDER BY id")
        .concat();
    assert_eq!(
        statuses,
        [
            "collected",
            "in_progress",
            "resolved",
            "in_progress",
            "explained"
        ]
    );
    // The cached status is the latest event's, and each event links to its successor's date.
    assert_eq!(
        env.count(
            "SELECT count(*) FROM tickets WHERE status = 'explained' AND status_on = '2022-06-01'"
        ),
        1
    );
    assert_eq!(
        env.count("SELECT count(*) FROM ticket_events WHERE superseded_on IS NULL AND status = 'explained'"),
        1
    );
    let out = env.ok(&["ticket", "show", "2022-0001", "--lang", "zh"]);
    insta::assert_snapshot!(out);
}

#[test]
fn forbidden_transitions_are_refused_with_what_is_allowed() {
    let env = ticket_env();
    let msg = env.fails(
        2,
        &[
            "ticket",
            "reopen",
            "2022-0001",
            "--by",
            "C01",
            "--on",
            "2022-03-04",
        ],
    );
    assert_eq!(
        msg,
        "qianqi: cannot reopen ticket 2022-0001: it is collected; only a resolved or explained ticket can be reopened"
    );
    env.ok(&[
        "ticket",
        "resolve",
        "2022-0001",
        "--by",
        "C01",
        "--on",
        "2022-03-04",
    ]);
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C01",
            "--on",
            "2022-03-05",
        ],
    );
    assert!(
        msg.contains("cannot accept ticket 2022-0001: it is resolved"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "explain",
            "2022-0001",
            "--by",
            "C01",
            "--on",
            "2022-03-05",
        ],
    );
    assert!(
        msg.contains("only a collected or in_progress ticket can be explained"),
        "{msg}"
    );
}

#[test]
fn events_cannot_predate_the_collection_or_the_previous_event_or_today() {
    let env = ticket_env();
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-02",
        ],
    );
    assert!(
        msg.contains("2022-03-02 is before its last change on 2022-03-03"),
        "{msg}"
    );
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-10",
    ]);
    let msg = env.fails(
        2,
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-09",
        ],
    );
    assert!(
        msg.contains("before its last change on 2022-03-10"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2023-01-01",
        ],
    );
    assert!(msg.contains("in the future"), "{msg}");
}

#[test]
fn a_transition_needs_a_known_actor() {
    let mut env = ticket_env();
    let msg = env.fails(2, &["ticket", "accept", "2022-0001", "--on", "2022-03-05"]);
    assert!(
        msg.contains("--by CODE") && msg.contains("QIANQI_USER"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--on",
            "2022-03-05",
            "--by",
            "C9",
        ],
    );
    assert!(msg.contains("no cadre with code \"C9\""), "{msg}");
    env.user = Some("C02".into());
    env.ok(&["ticket", "accept", "2022-0001", "--on", "2022-03-05"]);
    assert_eq!(
        env.count(
            "SELECT count(*) FROM ticket_events ev JOIN cadres c ON c.id = ev.actor_id
                   WHERE c.code = 'C02' AND ev.status = 'in_progress'"
        ),
        1
    );
}

#[test]
fn accepting_can_set_the_department_and_due_date_in_the_same_transaction() {
    let env = ticket_env();
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-05",
            "--department",
            "D09",
        ],
    );
    assert!(msg.contains("no unit with code \"D09\""), "{msg}");
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-05",
        "--department",
        "D01",
        "--due",
        "2022-05-31",
    ]);
    assert_eq!(
        env.count(
            "SELECT count(*) FROM tickets t JOIN units u ON u.id = t.department_id
                   WHERE u.code = 'D01' AND t.due_on = '2022-05-31' AND t.status = 'in_progress'"
        ),
        1
    );
}

#[test]
fn a_ticket_resolved_at_a_meeting_takes_the_meeting_date() {
    let env = ticket_env();
    env.ok(&[
        "meeting",
        "add",
        "M001",
        "--title",
        "座谈会",
        "--on",
        "2022-03-20",
        "--cadres",
        "C01,C02",
    ]);
    env.ok(&[
        "ticket",
        "resolve",
        "2022-0001",
        "--by",
        "C02",
        "--meeting",
        "M001",
    ]);
    assert_eq!(
        env.count("SELECT count(*) FROM ticket_events WHERE status = 'resolved' AND on_date = '2022-03-20' AND meeting_id IS NOT NULL"),
        1
    );
    let env = ticket_env();
    env.ok(&[
        "meeting",
        "add",
        "M001",
        "--title",
        "座谈会",
        "--on",
        "2022-03-20",
        "--cadres",
        "C01",
    ]);
    let msg = env.fails(
        2,
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--meeting",
            "M001",
            "--on",
            "2022-03-21",
        ],
    );
    assert!(msg.contains("the meeting was held on 2022-03-20"), "{msg}");
}

#[test]
fn events_are_append_only_in_the_database() {
    let env = ticket_env();
    let err = env
        .try_execute("UPDATE ticket_events SET status = 'resolved'")
        .unwrap_err();
    assert!(err.contains("append-only"), "{err}");
    let err = env.try_execute("DELETE FROM ticket_events").unwrap_err();
    assert!(err.contains("append-only"), "{err}");
}

#[test]
fn ticket_lists_filter_by_status_town_department_and_overdue() {
    let env = ticket_env();
    env.ok(&[
        "ticket",
        "add",
        "重庆旗能电铝有限公司",
        "用地指标",
        "--cadre",
        "C03",
        "--on",
        "2022-05-01",
        "--department",
        "D01",
    ]);
    env.ok(&[
        "ticket",
        "accept",
        "2022-0002",
        "--by",
        "C02",
        "--on",
        "2022-05-02",
    ]);
    let json = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["ticket", "list", "--format", "json"];
        a.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&env.ok(&a)).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(json(&[]), ["2022-0001", "2022-0002"]);
    assert_eq!(json(&["--status", "in_progress"]), ["2022-0002"]);
    assert_eq!(json(&["--status", "收集"]), ["2022-0001"]);
    assert_eq!(json(&["--town", "T02"]), ["2022-0002"]);
    assert_eq!(json(&["--department", "D02"]), ["2022-0001"]);
    assert_eq!(json(&["--from", "2022-04-01"]), ["2022-0002"]);
    // 0001 is due on 2022-04-30; 0002, assigned on Sunday 2022-05-01 with no
    // due date, has 7 working days: the May Day holidays to 05-04 are off and
    // Saturday 05-07 is worked, so it is due on 2022-05-12.
    let out = env.ok(&["ticket", "show", "2022-0002"]);
    assert!(out.contains("due: 2022-05-12"), "{out}");
    assert_eq!(json(&["--overdue"]), ["2022-0001", "2022-0002"]);
    let out = env.ok(&["ticket", "list", "--overdue", "--format", "json"]);
    assert!(out.contains("\"days_overdue\": 245"), "{out}");
    let msg = env.fails(2, &["ticket", "list", "--status", "done"]);
    assert!(msg.contains("is not a ticket status"), "{msg}");
}

#[test]
fn chinese_tables_keep_their_columns_aligned() {
    let env = ticket_env();
    let out = env.ok(&["enterprise", "list", "--lang", "zh"]);
    insta::assert_snapshot!(out);
    // Every line of the table has the same display width.
    let widths: Vec<usize> = out
        .lines()
        .map(|l| l.chars().map(|c| if c > '\u{2E7F}' { 2 } else { 1 }).sum())
        .collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}\n{out}");
}

#[test]
fn the_enterprise_file_shows_pairings_visits_and_tickets() {
    let env = ticket_env();
    env.ok(&[
        "visit",
        "914403001922038216",
        "--cadre",
        "C01",
        "--on",
        "2022-01-15",
        "--tasks",
        "file,policy",
    ]);
    let out = env.ok(&["enterprise", "show", "914403001922038216"]);
    insta::assert_snapshot!(out);
    let out = env.ok(&["cadre", "show", "C01", "--lang", "zh"]);
    assert!(
        out.contains("干部 C01 王芳") && out.contains("需要引进高层次人才"),
        "{out}"
    );
}

#[test]
fn csv_lists_are_excel_safe() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "cadre",
        "add",
        "C09",
        "=HYPERLINK(\"x\")",
        "--unit",
        "D01",
        "--phone",
        "02348612345",
    ]);
    let out = env.ok(&["cadre", "list", "--format", "csv"]);
    assert!(out.starts_with('\u{feff}'), "BOM missing");
    assert!(out.contains("'=HYPERLINK(\"\"x\"\")"), "{out}");
    assert!(out.contains("\"=\"\"02348612345\"\"\""), "{out}");
    let out = env.ok(&["cadre", "list", "--format", "csv", "--no-bom"]);
    assert!(out.starts_with("code,"), "{out}");
}

#[test]
fn usage_errors_are_one_line_with_status_2() {
    let env = Env::new();
    let msg = env.fails(2, &["unit", "add", "T01"]);
    assert!(msg.contains("required") && msg.contains("<NAME>"), "{msg}");
    let msg = env.fails(2, &["ticket", "frobnicate"]);
    assert!(msg.contains("unrecognized subcommand"), "{msg}");
}
