//! The response time (响应时限): working days from an assignment to its
//! acceptance, a setting the database holds with its history, and the
//! response rate that it times, counted by hand on a small history of March
//! 2022 (no holidays; weekends 5–6, 12–13, 19–20, 26–27).
//!
//! | ticket | history |
//! | --- | --- |
//! | 0001 | 03-07 (Mon) collected, assigned D01; 03-09 accepted: late under 1 working day (03-08), and the setting from 03-14 does not reach it |
//! | 0002 | 03-14 (Mon) collected, assigned D01; 03-16 accepted: within the 2 working days in force from 03-14 |
//! | 0003 | 03-01 collected, assigned D02, explained the same day, never accepted |
//! | 0004 | 03-01 collected, assigned D02; 03-02 returned, never accepted |
//! | 0005 | 03-01 collected, assigned D01, accepted; 03-02 returned; 03-03 assigned D02, not accepted since |
//! | 0006 | 03-01 collected and resolved on the spot, never assigned |

use crate::harness::*;

fn history(setting: bool) -> Env {
    let env = Env::new();
    env.seed();
    let add = |code: &str, on: &str, dept: Option<&str>| {
        let mut args = vec![
            "ticket",
            "add",
            "914403001922038216",
            "问题",
            "--cadre",
            "C01",
            "--code",
            code,
            "--on",
            on,
        ];
        if let Some(d) = dept {
            args.extend(["--department", d, "--due", "2022-03-31"]);
        }
        env.ok(&args);
    };
    let ev = |args: &[&str]| {
        let mut a = vec!["ticket"];
        a.extend_from_slice(args);
        a.extend(["--by", "C02"]);
        env.ok(&a);
    };
    add("0001", "2022-03-07", Some("D01"));
    add("0002", "2022-03-14", Some("D01"));
    add("0003", "2022-03-01", Some("D02"));
    add("0004", "2022-03-01", Some("D02"));
    add("0005", "2022-03-01", Some("D01"));
    add("0006", "2022-03-01", None);
    ev(&["accept", "0001", "--on", "2022-03-09"]);
    ev(&["accept", "0002", "--on", "2022-03-16"]);
    ev(&["explain", "0003", "--on", "2022-03-01"]);
    ev(&[
        "return",
        "0004",
        "--reason",
        "不属本单位职责",
        "--on",
        "2022-03-02",
    ]);
    ev(&["accept", "0005", "--on", "2022-03-01"]);
    ev(&[
        "return",
        "0005",
        "--reason",
        "不属本单位职责",
        "--on",
        "2022-03-02",
    ]);
    ev(&[
        "assign",
        "0005",
        "--department",
        "D02",
        "--due",
        "2022-03-31",
        "--on",
        "2022-03-03",
    ]);
    ev(&["resolve", "0006", "--on", "2022-03-01"]);
    if setting {
        env.ok(&["response-time", "set", "2", "--from", "2022-03-14"]);
    }
    env
}

/// `group:n/d` of the response rate for each row, as of a day.
fn response(env: &Env, as_of: &str) -> Vec<String> {
    let out = env.ok(&["report", "assessment", "--format", "json", "--as-of", as_of]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let group = r["department_name"]
                .as_str()
                .or(r["department"].as_str())
                .unwrap_or("-");
            format!(
                "{group}:{}/{}",
                r["response_rate_n"].as_i64().unwrap(),
                r["response_rate_d"].as_i64().unwrap()
            )
        })
        .collect()
}

/// As of 03-31, with 2 working days from 03-14: D01 holds 0001 (late) and
/// 0002 (on time); D02 holds 0003 (assigned, never accepted, its response
/// time run out: in the denominator only) and 0005 (its latest acceptance
/// came on time, and it was accepted: in both); 0004 has no department
/// after its return but was assigned and never accepted (denominator);
/// 0006 was never assigned and takes no part.
#[test]
fn the_response_rate_counts_every_assigned_ticket_as_counted_by_hand() {
    let env = history(true);
    assert_eq!(
        response(&env, "2022-03-31"),
        ["区经济信息委:1/2", "区人力社保局:1/2", "-:0/1", "total:2/5"]
    );
    // Without the setting, 0002's acceptance two working days after its
    // assignment is late too.
    let plain = history(false);
    assert_eq!(
        response(&plain, "2022-03-31"),
        ["区经济信息委:0/2", "区人力社保局:1/2", "-:0/1", "total:1/5"]
    );
}

#[test]
fn a_ticket_never_accepted_counts_once_its_response_time_has_run_out() {
    let env = history(true);
    // 03-02: 0003 and 0004 (assigned 03-01) may still be accepted; 0005
    // was, and D01 returned it (its row holds that return, no ticket).
    assert_eq!(
        response(&env, "2022-03-02"),
        ["区经济信息委:0/0", "区人力社保局:0/0", "-:1/1", "total:1/1"]
    );
    // 03-03: their response time has run out; 0005 is with D02 now.
    assert_eq!(
        response(&env, "2022-03-03"),
        ["区经济信息委:0/0", "区人力社保局:1/2", "-:0/1", "total:1/3"]
    );
}

#[test]
fn a_response_time_set_from_today_leaves_past_assessments_as_they_were() {
    let env = history(true);
    let before = env.ok(&["report", "assessment", "--as-of", "2022-03-31"]);
    let msg = env.ok(&["response-time", "set", "3"]);
    assert_eq!(
        msg,
        "response time from 2022-12-31: 3 working days (was 2)\n"
    );
    assert_eq!(
        env.ok(&["report", "assessment", "--as-of", "2022-03-31"]),
        before
    );
    // A setting from an earlier day reaches the assignments made from it on:
    // 0001 (assigned 03-07, accepted 03-09) is on time under 2 days from 03-07.
    env.ok(&["response-time", "set", "2", "--from", "2022-03-07"]);
    assert_eq!(response(&env, "2022-03-31").last().unwrap(), "total:3/5");
}

#[test]
fn the_settings_are_listed_with_their_history() {
    let env = history(true);
    env.ok(&["response-time", "set", "3", "--from", "2022-06-01"]);
    env.ok(&["response-time", "set", "4", "--from", "2022-06-01"]);
    let list = env.ok(&["response-time", "list", "--format", "csv", "--no-bom"]);
    assert_eq!(
        list.replace("\r\n", "\n"),
        "from,days,set_on,replaced\n\
         2022-03-14,2,2022-12-31,0\n\
         2022-06-01,3,2022-12-31,1\n\
         2022-06-01,4,2022-12-31,0\n"
    );
    let zh = env.ok(&[
        "response-time",
        "list",
        "--lang",
        "zh",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert!(
        zh.starts_with("起始日期,工作日数,设定日期,已被替换"),
        "{zh}"
    );
    // The latest setting from a day is the one in force: 4 working days
    // from 06-01 on, not 3.
    let set = env.run(&["response-time", "set", "5", "--from", "2022-06-01"]);
    assert_eq!(set.status, 0, "{}", set.transcript());
    assert!(
        set.stdout
            .contains("response time from 2022-06-01: 5 working days (was 4)"),
        "{}",
        set.transcript()
    );
    let empty = Env::new();
    let list = empty.ok(&["response-time", "list", "--format", "csv", "--no-bom"]);
    assert_eq!(list.replace("\r\n", "\n"), "from,days,set_on,replaced\n");
}

#[test]
fn bad_response_times_are_refused_in_both_languages_and_change_nothing() {
    let env = history(true);
    for (args, en, zh) in [
        (
            vec!["response-time", "set", "0"],
            "0 working days is not a response time; give 1 to 365",
            "0个工作日不是有效的响应时限；请给1到365个工作日",
        ),
        (
            vec!["response-time", "set", "-1"],
            "\"-1\" is not a number of working days; give 1 to 365",
            "\"-1\"不是工作日天数；请给1到365",
        ),
        (
            vec!["response-time", "set", "一天"],
            "\"一天\" is not a number of working days; give 1 to 365",
            "\"一天\"不是工作日天数；请给1到365",
        ),
        (
            vec!["response-time", "set", "2", "--from", "2023-01-01"],
            "response time start 2023-01-01 is in the future (today is 2022-12-31)",
            "响应时限起始日期2023-01-01晚于今天（今天是2022-12-31）",
        ),
    ] {
        let msg = env.fails(2, &args);
        assert!(msg.contains(en), "{args:?}: {msg}");
        let mut with_zh = args.clone();
        with_zh.extend(["--lang", "zh"]);
        let msg = env.fails(2, &with_zh);
        assert!(msg.contains(zh), "{args:?}: {msg}");
    }
}

#[test]
fn copy_backup_and_restore_carry_the_settings() {
    let env = history(true);
    env.ok(&["response-time", "set", "3", "--from", "2022-06-01"]);
    let listed = |db: &str| {
        env.ok(&[
            "--db",
            db,
            "response-time",
            "list",
            "--format",
            "csv",
            "--no-bom",
        ])
    };
    let assessed =
        |db: &str| env.ok(&["--db", db, "report", "assessment", "--as-of", "2022-03-31"]);
    let (want, report) = (listed(&env.db), assessed(&env.db));
    // A copy into a SQLite file (from either engine), and back into a new database.
    let copied = env.path("copied.db").to_str().unwrap().to_string();
    env.ok(&["copy", "--to", &copied]);
    let back = Env::bare();
    env.ok(&["--db", &copied, "copy", "--to", &back.db]);
    let backup = env.path("backup.db").to_str().unwrap().to_string();
    env.ok(&["backup", &backup]);
    for db in [&copied, &back.db, &backup] {
        assert_eq!(listed(db), want, "{db}");
        assert_eq!(assessed(db), report, "{db}");
    }
    if !on_postgres() {
        // The backup put back over a database set otherwise.
        env.ok(&["response-time", "set", "5"]);
        env.ok(&["restore", &backup]);
        assert_eq!(listed(&env.db), want);
        env.ok(&["check"]);
    }
}
