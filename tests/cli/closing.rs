//! Closing the loop: assignment, returns, extensions, escalation and
//! follow-up as events of a ticket's history, and corrections (void,
//! amend) that keep what was published reproducible.

use crate::harness::*;

/// The seeded world with two tickets: 2022-0001, collected on 2022-03-03
/// and assigned at collection to D02, due 2022-04-30 (core's `ticket_env`),
/// and 2022-0002, collected on 2022-03-04 with no department.
fn loop_env() -> Env {
    let env = crate::core::ticket_env();
    env.ok(&[
        "ticket",
        "add",
        "重庆旗能电铝有限公司",
        "用地指标",
        "--cadre",
        "C03",
        "--on",
        "2022-03-04",
    ]);
    env
}

/// The reconciliation's collected, closed, in_progress and awaiting as of a day.
fn terms(env: &Env, as_of: Option<&str>) -> (i64, i64, i64, i64) {
    let mut args = vec!["report", "reconcile", "--format", "json"];
    if let Some(d) = as_of {
        args.extend(["--as-of", d]);
    }
    let v: serde_json::Value = serde_json::from_str(&env.ok(&args)).unwrap();
    let total = v
        .as_array()
        .and_then(|rows| rows.last().cloned())
        .unwrap_or_else(|| v.clone());
    let n = |k: &str| {
        total[k]
            .as_i64()
            .unwrap_or_else(|| panic!("no {k} in {total}"))
    };
    (n("collected"), n("closed"), n("in_progress"), n("awaiting"))
}

#[test]
fn a_voided_ticket_leaves_every_count_from_its_void_date_and_none_before() {
    let env = loop_env();
    env.ok(&[
        "ticket",
        "void",
        "2022-0002",
        "--reason",
        "重复登记",
        "--by",
        "C01",
        "--on",
        "2022-06-01",
    ]);
    assert_eq!(terms(&env, Some("2022-05-31")), (2, 0, 0, 2));
    assert_eq!(terms(&env, Some("2022-06-01")), (1, 0, 0, 1));
    assert_eq!(terms(&env, None), (1, 0, 0, 1));
    let list = env.ok(&["ticket", "list", "--format", "csv"]);
    assert!(!list.contains("2022-0002"), "{list}");
    let voided = env.ok(&["ticket", "list", "--voided", "--format", "csv"]);
    assert!(
        voided.contains("2022-0002") && !voided.contains("2022-0001"),
        "{voided}"
    );
    let show = env.ok(&["ticket", "show", "2022-0002"]);
    assert!(show.contains("voided on: 2022-06-01"), "{show}");
    assert!(show.contains("reason: 重复登记"), "{show}");
    let zh = env.ok(&["--lang", "zh", "ticket", "show", "2022-0002"]);
    assert!(zh.contains("作废") && zh.contains("原因: 重复登记"), "{zh}");
    // Nothing more happens to a voided ticket.
    let msg = env.fails(2, &["ticket", "accept", "2022-0002", "--by", "C02"]);
    assert!(msg.contains("was voided on 2022-06-01"), "{msg}");
}

#[test]
fn a_void_needs_a_reason() {
    let env = loop_env();
    let msg = env.fails(
        2,
        &[
            "ticket",
            "void",
            "2022-0002",
            "--reason",
            " ",
            "--by",
            "C01",
        ],
    );
    assert!(msg.contains("--reason"), "{msg}");
}

#[test]
fn an_amendment_keeps_the_old_and_the_new_value() {
    let env = loop_env();
    env.ok(&[
        "ticket",
        "amend",
        "2022-0001",
        "--summary",
        "需要引进高层次技术人才",
        "--enterprise",
        "重庆新视通智能科技有限公司",
        "--by",
        "C01",
        "--on",
        "2022-03-10",
    ]);
    let show = env.ok(&["ticket", "show", "2022-0001"]);
    assert!(show.contains("summary: 需要引进高层次技术人才\n"), "{show}");
    assert!(
        show.contains("summary: 需要引进高层次人才 → 需要引进高层次技术人才"),
        "{show}"
    );
    assert!(show.contains("重庆新视通智能科技有限公司"), "{show}");
    assert!(show.contains("enterprise: 914403001922038216 → "), "{show}");
    let msg = env.fails(
        2,
        &[
            "ticket",
            "amend",
            "2022-0001",
            "--category",
            "用工招聘",
            "--by",
            "C01",
        ],
    );
    assert!(msg.contains("already \"用工招聘\""), "{msg}");
    let msg = env.fails(2, &["ticket", "amend", "2022-0001", "--by", "C01"]);
    assert!(msg.contains("--summary"), "{msg}");
    let msg = env.fails(
        2,
        &[
            "ticket",
            "amend",
            "2022-0001",
            "--cadre",
            "C99",
            "--by",
            "C01",
        ],
    );
    assert!(msg.contains("C99"), "{msg}");
}

/// Every event of the loop on 2022-0001, and a returned and reassigned 2022-0002.
fn whole_loop(env: &Env) {
    let by = |code: &'static str, on: &'static str, rest: &[&'static str]| -> Vec<&'static str> {
        let mut a = vec!["ticket"];
        a.extend_from_slice(rest);
        a.extend(["--by", code, "--on", on]);
        let _ = code;
        a
    };
    for args in [
        by("C02", "2022-03-04", &["accept", "2022-0001"]),
        by(
            "C02",
            "2022-04-20",
            &[
                "extend",
                "2022-0001",
                "--until",
                "2022-05-31",
                "--reason",
                "等待高校回复",
            ],
        ),
        by(
            "C01",
            "2022-06-02",
            &["urge", "2022-0001", "--level", "supervise"],
        ),
        by("C02", "2022-06-10", &["resolve", "2022-0001"]),
        by(
            "C01",
            "2022-06-20",
            &[
                "follow-up",
                "2022-0001",
                "--outcome",
                "partly",
                "--satisfaction",
                "basic",
            ],
        ),
        by(
            "C01",
            "2022-03-05",
            &[
                "assign",
                "2022-0002",
                "--department",
                "D01",
                "--with",
                "D02,T01",
                "--due",
                "2022-03-31",
            ],
        ),
        by("C01", "2022-03-07", &["accept", "2022-0002"]),
        by(
            "C01",
            "2022-03-08",
            &["return", "2022-0002", "--reason", "不属于本部门职责"],
        ),
        by(
            "C01",
            "2022-03-09",
            &["assign", "2022-0002", "--department", "D02"],
        ),
        by(
            "C01",
            "2022-03-10",
            &["amend", "2022-0002", "--category", "用地规划"],
        ),
    ] {
        env.ok(&args);
    }
}

#[test]
fn every_event_of_the_loop_is_shown_in_order_in_both_languages() {
    let env = loop_env();
    whole_loop(&env);
    let show = env.ok(&["ticket", "show", "2022-0001"]);
    for needle in [
        "| 2022-03-03 | collect   | collected   | C01 王芳 | D02 区人力社保局; due 2022-04-30",
        "| 2022-04-20 | extend    | in_progress | C02 李明 | due 2022-05-31; reason: 等待高校回复",
        "| 2022-06-02 | urge      | in_progress | C01 王芳 | supervise",
        "| 2022-06-20 | follow_up | resolved    | C01 王芳 | partly; basic",
        "due: 2022-05-31",
    ] {
        assert!(show.contains(needle), "{needle}\n{show}");
    }
    let zh = env.ok(&["--lang", "zh", "ticket", "show", "2022-0002"]);
    for needle in [
        "交办",
        "协办 D02",
        "签收",
        "退单",
        "原因: 不属于本部门职责",
        "更正",
        "类别:  → 用地规划",
    ] {
        assert!(zh.contains(needle), "{needle}\n{zh}");
    }
    // Reassigned to D02 on Wednesday 2022-03-09 with no due date: 7 working days.
    let show = env.ok(&["ticket", "show", "2022-0002"]);
    assert!(
        show.contains("department: D02 区人力社保局") && show.contains("due: 2022-03-18"),
        "{show}"
    );
    assert!(show.contains("status: collected"), "{show}");
}

#[test]
fn each_event_out_of_turn_is_refused_and_changes_nothing() {
    let env = loop_env();
    for (args, says) in [
        (
            &[
                "ticket",
                "return",
                "2022-0002",
                "--reason",
                "x",
                "--by",
                "C01",
            ][..],
            "no handling department",
        ),
        (
            &[
                "ticket",
                "extend",
                "2022-0001",
                "--until",
                "2022-04-01",
                "--reason",
                "x",
                "--by",
                "C01",
            ],
            "must give a later date",
        ),
        (
            &[
                "ticket",
                "extend",
                "2022-0002",
                "--until",
                "2022-04-01",
                "--reason",
                "x",
                "--by",
                "C01",
            ],
            "no due date to extend",
        ),
        (
            &[
                "ticket",
                "extend",
                "2022-0001",
                "--until",
                "2022-05-01",
                "--reason",
                "",
                "--by",
                "C01",
            ],
            "--reason",
        ),
        (
            &[
                "ticket",
                "follow-up",
                "2022-0001",
                "--outcome",
                "solved",
                "--by",
                "C01",
            ],
            "only a resolved or explained ticket",
        ),
        (
            &[
                "ticket",
                "urge",
                "2022-0001",
                "--level",
                "shout",
                "--by",
                "C01",
            ],
            "remind",
        ),
        (
            &[
                "ticket",
                "assign",
                "2022-0001",
                "--department",
                "D09",
                "--by",
                "C01",
            ],
            "D09",
        ),
        (
            &[
                "ticket",
                "assign",
                "2022-0001",
                "--department",
                "D01",
                "--with",
                "D09",
                "--by",
                "C01",
            ],
            "D09",
        ),
        (
            &[
                "ticket",
                "assign",
                "2022-0001",
                "--department",
                "D01",
                "--due",
                "2022-03-01",
                "--by",
                "C01",
            ],
            "before the collection date",
        ),
        (
            &[
                "ticket",
                "urge",
                "2022-0001",
                "--level",
                "remind",
                "--by",
                "C01",
                "--on",
                "2022-03-01",
            ],
            "before its last change",
        ),
    ] {
        let msg = env.fails(2, args);
        assert!(msg.contains(says), "{args:?}: {msg}");
    }
    env.ok(&[
        "ticket",
        "resolve",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-04-01",
    ]);
    for (args, says) in [
        (
            &[
                "ticket",
                "urge",
                "2022-0001",
                "--level",
                "remind",
                "--by",
                "C01",
            ][..],
            "only a collected or in_progress ticket can be urged",
        ),
        (
            &[
                "ticket",
                "assign",
                "2022-0001",
                "--department",
                "D01",
                "--by",
                "C01",
            ],
            "only a collected ticket can be assigned",
        ),
        (
            &[
                "ticket",
                "return",
                "2022-0001",
                "--reason",
                "x",
                "--by",
                "C01",
            ],
            "cannot return",
        ),
    ] {
        let msg = env.fails(2, args);
        assert!(msg.contains(says), "{args:?}: {msg}");
    }
}

#[test]
fn every_event_voids_and_amendments_round_trip_through_export_and_import() {
    let env = loop_env();
    whole_loop(&env);
    env.ok(&[
        "ticket",
        "add",
        "重庆旗能电铝有限公司",
        "重复",
        "--cadre",
        "C03",
        "--on",
        "2022-03-04",
    ]);
    env.ok(&[
        "ticket",
        "void",
        "2022-0003",
        "--reason",
        "重复登记",
        "--by",
        "C01",
        "--on",
        "2022-03-05",
    ]);
    let tickets = env.path("tickets.csv");
    let events = env.path("events.csv");
    env.ok(&["export", "tickets", "-o", tickets.to_str().unwrap()]);
    env.ok(&["export", "events", "-o", events.to_str().unwrap()]);

    let copy = Env::new();
    copy.seed();
    copy.ok(&["import", "tickets", tickets.to_str().unwrap()]);
    copy.ok(&["import", "events", events.to_str().unwrap()]);
    for code in ["2022-0001", "2022-0002", "2022-0003"] {
        assert_eq!(
            env.ok(&["ticket", "show", code]),
            copy.ok(&["ticket", "show", code]),
            "{code}"
        );
    }
    for kind in ["tickets", "events"] {
        assert_eq!(
            env.ok(&["export", kind]),
            copy.ok(&["export", kind]),
            "{kind}"
        );
    }
    for day in ["2022-03-04", "2022-03-05", "2022-06-30"] {
        assert_eq!(terms(&env, Some(day)), terms(&copy, Some(day)), "{day}");
    }
}

#[test]
fn an_events_file_written_before_the_loop_still_imports() {
    let env = loop_env();
    let file = env.write(
        "old.csv",
        "ticket,on,status,by,note,meeting\n2022-0001,2022-03-05,in_progress,C02,已受理,\n2022-0001,2022-04-01,resolved,C02,,\n",
    );
    env.ok(&["import", "events", file.to_str().unwrap()]);
    let show = env.ok(&["ticket", "show", "2022-0001"]);
    assert!(
        show.contains("| accept ") && show.contains("| resolve "),
        "{show}"
    );
}

#[test]
fn a_returned_ticket_is_assigned_again_before_it_is_accepted() {
    let env = loop_env();
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-04",
    ]);
    env.ok(&[
        "ticket",
        "return",
        "2022-0001",
        "--reason",
        "不属于本部门",
        "--by",
        "C02",
        "--on",
        "2022-03-05",
    ]);
    let show = env.ok(&["ticket", "show", "2022-0001"]);
    assert!(
        show.contains("status: collected") && show.contains("department: \n"),
        "{show}"
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-06",
        ],
    );
    assert!(msg.contains("assign it again"), "{msg}");
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--department",
        "D01",
        "--by",
        "C01",
        "--on",
        "2022-03-07",
    ]);
    let show = env.ok(&["ticket", "show", "2022-0001"]);
    assert!(show.contains("department: D01 区经济信息委"), "{show}");
    assert!(
        show.contains("| 2022-03-07 | assign ") && show.contains("| 2022-03-07 | accept "),
        "{show}"
    );
    let out = env.ok(&["check"]);
    assert!(
        out.contains("consistent") || !out.contains("accept-unassigned"),
        "{out}"
    );
}

/// Appends a planted event of the loop to ticket 1, linked as the commands link them.
fn plant_event(env: &Env, on: &str, status: &str, action: &str, due: Option<&str>) {
    plant_event_of(env, 1, on, status, action, due);
}

/// Appends a planted event of the loop to ticket `id`, linked as the commands link them.
fn plant_event_of(env: &Env, id: i64, on: &str, status: &str, action: &str, due: Option<&str>) {
    let due = due.map_or("NULL".to_string(), |d| format!("'{d}'"));
    env.execute(&format!(
        "UPDATE ticket_events SET superseded_on = '{on}' WHERE ticket_id = {id} AND superseded_on IS NULL;
         INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, action, due_on)
             VALUES ({id}, '{on}', '{status}', 1, '{action}', {due});
         UPDATE tickets SET status = '{status}', status_on = '{on}' WHERE id = {id};"
    ));
}

#[test]
fn a_ticket_is_accepted_only_by_a_department() {
    let env = loop_env();
    // 2022-0002 was collected with no department.
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0002",
            "--by",
            "C02",
            "--on",
            "2022-03-05",
        ],
    );
    assert_eq!(
        msg,
        "qianqi: ticket 2022-0002 has no handling department to accept it; name the department: ticket accept 2022-0002 --department UNIT"
    );
    let msg = env.fails(
        2,
        &[
            "--lang",
            "zh",
            "ticket",
            "accept",
            "2022-0002",
            "--by",
            "C02",
            "--on",
            "2022-03-05",
        ],
    );
    assert!(msg.contains("问题2022-0002尚无承办单位，不能签收"), "{msg}");
    // A due date alone names no department.
    env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0002",
            "--due",
            "2022-04-01",
            "--by",
            "C02",
            "--on",
            "2022-03-05",
        ],
    );
    // Assigned first, or named with the acceptance: taken.
    env.ok(&[
        "ticket",
        "accept",
        "2022-0002",
        "--department",
        "D01",
        "--by",
        "C01",
        "--on",
        "2022-03-05",
    ]);
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-05",
    ]);
    let depts = env.count(
        "SELECT count(*) FROM tickets t JOIN units u ON u.id = t.department_id
          WHERE t.status = 'in_progress' AND u.code IN ('D01', 'D02')",
    );
    assert_eq!(depts, 2);
    assert!(env.ok(&["check"]).contains("consistent"));
}

#[test]
fn check_finds_each_broken_rule_of_the_loop_when_planted() {
    let env = loop_env();
    assert!(env.ok(&["check"]).contains("consistent"));
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-04",
    ]);
    env.ok(&[
        "ticket",
        "return",
        "2022-0001",
        "--reason",
        "x",
        "--by",
        "C02",
        "--on",
        "2022-03-05",
    ]);
    plant_event(&env, "2022-03-06", "in_progress", "accept", None);
    // 2022-0002 was never assigned.
    plant_event_of(&env, 2, "2022-03-06", "in_progress", "accept", None);
    plant_event(&env, "2022-03-07", "in_progress", "follow_up", None);
    plant_event(
        &env,
        "2022-03-08",
        "in_progress",
        "extend",
        Some("2022-04-01"),
    );
    let o = env.run(&["check"]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    for line in [
        "accept-unassigned: ticket 2022-0001: accepted on 2022-03-06 after it was returned, with no assignment between",
        "accept-unassigned: ticket 2022-0002: accepted on 2022-03-06 with no handling department: never assigned, none named",
        "follow-up-open: ticket 2022-0001: followed up on 2022-03-07 while in_progress; only a closed ticket is followed up",
        "extension-shortened: ticket 2022-0001: extended on 2022-03-08 to a due date no later than before (2022-04-30 → 2022-04-01)",
    ] {
        assert!(o.stdout.lines().any(|l| l.starts_with(line)), "{line}\n{}", o.stdout);
    }
}

/// Co-handlers (协办) recorded before the rule held, or written past it:
/// `check` names an assignment whose co-handler is its own department and
/// one that names a co-handler twice.
#[test]
fn check_finds_co_handlers_that_break_the_rule_when_planted() {
    let env = loop_env();
    env.ok(&[
        "ticket",
        "assign",
        "2022-0002",
        "--department",
        "D01",
        "--with",
        "D02",
        "--by",
        "C01",
        "--on",
        "2022-03-05",
    ]);
    assert!(env.ok(&["check"]).contains("consistent"));
    let plant = |id: i64, on: &str, with: &str| {
        env.execute(&format!(
            "UPDATE ticket_events SET superseded_on = '{on}' WHERE ticket_id = {id} AND superseded_on IS NULL;
             INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, action, department_id, with_units)
                 VALUES ({id}, '{on}', 'collected', 1, 'assign',
                         (SELECT id FROM units WHERE code = 'D01'), '{with}');
             UPDATE tickets SET status = 'collected', status_on = '{on}',
                                department_id = (SELECT id FROM units WHERE code = 'D01')
              WHERE id = {id};"
        ));
    };
    plant(1, "2022-03-06", "D02,D01");
    plant(2, "2022-03-07", "D02,D02");
    let o = env.run(&["check"]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    for line in [
        "co-handlers: ticket 2022-0001: assigned on 2022-03-06 with the co-handling unit D01, its handling department; co-handlers (协办) are other units",
        "co-handlers: ticket 2022-0002: assigned on 2022-03-07 with the co-handling unit D02 named twice",
    ] {
        assert!(o.stdout.lines().any(|l| l.starts_with(line)), "{line}\n{}", o.stdout);
    }
    assert_eq!(o.stdout.matches("co-handlers:").count(), 2, "{}", o.stdout);
    let zh = env.run(&["--lang", "zh", "check"]);
    assert!(
        zh.stdout
            .contains("于2022-03-06交办时，协办单位D01就是承办单位；协办单位须是其他单位"),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout
            .contains("于2022-03-07交办时，协办单位D02列了两次"),
        "{}",
        zh.stdout
    );
}

/// 协办 units are other units than the handling department, each named once,
/// and kept by their code however they were typed.
#[test]
fn co_handling_units_are_kept_by_code_and_are_other_units_named_once() {
    let env = loop_env();
    let assign = |with: &str| {
        vec![
            "ticket",
            "assign",
            "2022-0002",
            "--department",
            "D01",
            "--with",
            with,
            "--by",
            "C01",
            "--on",
            "2022-03-05",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    for (with, says) in [
        (
            "d01",
            "qianqi: ticket 2022-0002: the co-handling unit D01 is its handling department; co-handlers (协办) are other units",
        ),
        (
            "D02,区人力社保局",
            "qianqi: ticket 2022-0002: the co-handling unit D02 is named twice",
        ),
    ] {
        let args = assign(with);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(env.fails(2, &args), says, "{with}");
    }
    let args = assign("区人力社保局");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok(&args);
    let show = env.ok(&["ticket", "show", "2022-0002"]);
    assert!(show.contains("D01 区经济信息委; with D02;"), "{show}");
    let events = env.ok(&["export", "events", "--no-bom"]);
    assert!(
        events.contains(",assign,collected,C01,,,D01,D02,"),
        "{events}"
    );
    // The same rule holds for a file.
    let file = env.write(
        "assign.csv",
        "ticket,on,action,status,by,department,with,reason\n\
         2022-0001,2022-03-05,return,collected,C02,,,不属本单位\n\
         2022-0001,2022-03-06,assign,collected,C02,D01,\"D02,d01\",\n",
    );
    let msg = env.fails(2, &["import", "events", file.to_str().unwrap()]);
    assert!(
        msg.contains("line 3")
            && msg.contains("the co-handling unit D01 is its handling department"),
        "{msg}"
    );
}

/// Each event of the loop is recorded only from the statuses it applies to
/// and leaves the status it leads to, and a voided ticket takes nothing more:
/// `check` names each such event planted in a history.
#[test]
fn check_finds_events_out_of_turn_and_after_a_void_when_planted() {
    let env = loop_env();
    env.ok(&[
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
        "--on",
        "2022-03-04",
    ]);
    plant_event(
        &env,
        "2022-03-05",
        "in_progress",
        "assign",
        Some("2022-05-31"),
    );
    plant_event(&env, "2022-03-06", "resolved", "resolve", None);
    plant_event(&env, "2022-03-07", "resolved", "urge", None);
    plant_event(&env, "2022-03-08", "resolved", "extend", Some("2022-06-30"));
    // Accepted, but left collected.
    plant_event_of(&env, 2, "2022-03-05", "collected", "accept", None);
    plant_event_of(&env, 2, "2022-03-06", "collected", "void", None);
    plant_event_of(&env, 2, "2022-03-07", "collected", "urge", None);
    let o = env.run(&["check"]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    for line in [
        "action-out-of-turn: ticket 2022-0001: assigned on 2022-03-05 while in_progress; only a collected ticket can be assigned",
        "action-out-of-turn: ticket 2022-0001: urged on 2022-03-07 while resolved; only a collected or in_progress ticket can be urged",
        "action-out-of-turn: ticket 2022-0001: extended on 2022-03-08 while resolved; only a collected or in_progress ticket can be extended",
        "action-out-of-turn: ticket 2022-0002: accepted on 2022-03-05 but left collected; it leads to in_progress",
        "after-void: ticket 2022-0002: urged on 2022-03-07 after it was voided on 2022-03-06",
    ] {
        assert!(o.stdout.lines().any(|l| l.starts_with(line)), "{line}\n{}", o.stdout);
    }
    // The resolution itself was in turn, and each event is named once.
    assert!(
        !o.stdout.contains(": resolved on 2022-03-06"),
        "{}",
        o.stdout
    );
    assert_eq!(
        o.stdout.matches("urged on 2022-03-07").count(),
        2,
        "{}",
        o.stdout
    );
    let zh = env.run(&["--lang", "zh", "check"]);
    assert!(
        zh.stdout
            .contains("于2022-03-05交办时状态为正在办理；只有收集状态的问题才能交办"),
        "{}",
        zh.stdout
    );
}

/// A due date an assignment or an extension sets lies ahead of the day it
/// is set, or on it: one already past would make the ticket overdue, and
/// escalated, on the day it is given.
#[test]
fn a_due_date_set_by_an_assignment_or_an_extension_is_not_already_past() {
    let env = loop_env();
    let msg = env.fails(
        2,
        &[
            "ticket",
            "assign",
            "2022-0002",
            "--department",
            "D01",
            "--due",
            "2022-03-09",
            "--by",
            "C01",
            "--on",
            "2022-03-10",
        ],
    );
    assert_eq!(
        msg,
        "qianqi: ticket 2022-0002: due date 2022-03-09 is before the day it is set, 2022-03-10"
    );
    let msg = env.fails(
        2,
        &[
            "ticket",
            "accept",
            "2022-0002",
            "--department",
            "D01",
            "--due",
            "2022-03-09",
            "--by",
            "C01",
            "--on",
            "2022-03-10",
        ],
    );
    assert!(msg.contains("before the day it is set"), "{msg}");
    // 2022-0001 is due 04-30; extended on 05-10, it must be given a day from 05-10 on.
    let msg = env.fails(
        2,
        &[
            "ticket",
            "extend",
            "2022-0001",
            "--until",
            "2022-05-09",
            "--reason",
            "等待材料",
            "--by",
            "C02",
            "--on",
            "2022-05-10",
        ],
    );
    assert!(
        msg.contains("due date 2022-05-09 is before the day it is set, 2022-05-10"),
        "{msg}"
    );
    let zh = env.fails(
        2,
        &[
            "--lang",
            "zh",
            "ticket",
            "extend",
            "2022-0001",
            "--until",
            "2022-05-09",
            "--reason",
            "等待材料",
            "--by",
            "C02",
            "--on",
            "2022-05-10",
        ],
    );
    assert!(
        zh.contains("办理时限2022-05-09早于设定之日2022-05-10"),
        "{zh}"
    );
    // check names one planted.
    plant_event_of(
        &env,
        2,
        "2022-03-10",
        "collected",
        "assign",
        Some("2022-03-09"),
    );
    let o = env.run(&["check"]);
    assert!(
        o.stdout.lines().any(|l| l.starts_with(
            "due-before-set: ticket 2022-0002: assigned on 2022-03-10 with a due date already past, 2022-03-09"
        )),
        "{}",
        o.stdout
    );
    // Due on the day itself is allowed.
    env.ok(&[
        "ticket",
        "extend",
        "2022-0001",
        "--until",
        "2022-05-10",
        "--reason",
        "等待材料",
        "--by",
        "C02",
        "--on",
        "2022-05-10",
    ]);
}

/// A row of an events file that lacks what its event needs is told which
/// column to fill, not which option to type.
#[test]
fn an_events_file_row_missing_what_its_event_needs_names_the_column() {
    let env = loop_env();
    let header = "ticket,on,action,status,by,department,due_on,level,outcome,reason\n";
    for (row, says) in [
        (
            "2022-0001,2022-03-05,extend,,C02,,2022-05-31,,,",
            "line 2, column reason: to extend ticket 2022-0001, fill in the reason column (原因)",
        ),
        (
            "2022-0002,2022-03-05,assign,,C02,,,,,",
            "line 2, column department: to assign ticket 2022-0002, fill in the department column (承办单位)",
        ),
        (
            "2022-0001,2022-03-05,extend,,C02,,,,,等待材料",
            "line 2, column due_on: to extend ticket 2022-0001, fill in the due_on column (办理时限)",
        ),
        (
            "2022-0001,2022-03-05,urge,,C02,,,,,",
            "line 2, column level: to urge ticket 2022-0001, fill in the level column (督办级别)",
        ),
    ] {
        let file = env.write("events.csv", format!("{header}{row}\n"));
        let msg = env.fails(2, &["import", "events", file.to_str().unwrap()]);
        assert!(msg.contains(says), "{row}: {msg}");
    }
    let file = env.write(
        "events.csv",
        format!("{header}2022-0001,2022-03-05,urge,,C02,,,,,\n"),
    );
    let zh = env.fails(
        2,
        &["--lang", "zh", "import", "events", file.to_str().unwrap()],
    );
    assert!(zh.contains("催办问题2022-0001须填写督办级别列"), "{zh}");
}
