//! A past overdue list is what it was on that day: the department and the
//! due date in force then (assignments, returns and extensions included),
//! the escalation step reached by then in working days, and the last urge
//! recorded by then.

use crate::harness::*;

/// T0001: collected 2022-03-01, assigned to D01 due Friday 03-04; extended on
/// 03-08 to 03-20; urged (remind) on 03-07.
/// T0002: collected 03-01, assigned to D01 due 03-04; returned on 03-08;
/// assigned to D02 on 03-09 due 03-20.
/// T0003: collected 2022-09-01, assigned to D02 due Friday 09-30, the eve of
/// the National Day week (10-01 – 10-07 off, Saturday 10-08 worked).
fn history() -> Env {
    let env = Env::new();
    env.seed();
    for (code, on, due) in [
        ("T0001", "2022-03-01", "2022-03-04"),
        ("T0002", "2022-03-01", "2022-03-04"),
        ("T0003", "2022-09-01", "2022-09-30"),
    ] {
        let dept = if code == "T0003" { "D02" } else { "D01" };
        env.ok(&[
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
            "--department",
            dept,
            "--due",
            due,
        ]);
    }
    for args in [
        &["urge", "T0001", "--level", "remind", "--on", "2022-03-07"][..],
        &[
            "extend",
            "T0001",
            "--until",
            "2022-03-20",
            "--reason",
            "等待材料",
            "--on",
            "2022-03-08",
        ],
        &[
            "return",
            "T0002",
            "--reason",
            "不属本单位职责",
            "--on",
            "2022-03-08",
        ],
        &[
            "assign",
            "T0002",
            "--department",
            "D02",
            "--due",
            "2022-03-20",
            "--on",
            "2022-03-09",
        ],
    ] {
        let mut a = vec!["ticket"];
        a.extend_from_slice(args);
        a.extend(["--by", "C02"]);
        env.ok(&a);
    }
    env
}

/// The overdue list as of a day: code, department's name, due_on,
/// days_overdue, escalation, last_urge, last_urge_on.
fn overdue(env: &Env, as_of: &str) -> Vec<String> {
    let out = env.ok(&[
        "report", "overdue", "--format", "csv", "--no-bom", "--as-of", as_of,
    ]);
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let wanted = [
        "code",
        "department_name",
        "due_on",
        "days_overdue",
        "escalation",
        "last_urge",
        "last_urge_on",
    ]
    .map(at);
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            wanted.map(|i| f[i]).join(",")
        })
        .collect()
}

#[test]
fn a_past_overdue_list_has_the_due_dates_and_departments_of_that_day() {
    let env = history();
    assert_eq!(
        overdue(&env, "2022-03-07"),
        [
            "T0001,区经济信息委,2022-03-04,3,remind,remind,2022-03-07",
            "T0002,区经济信息委,2022-03-04,3,remind,,",
        ]
    );
    // 03-08: T0001 extended; T0002 returned, with no department and its due date still in force.
    assert_eq!(
        overdue(&env, "2022-03-08"),
        ["T0002,,2022-03-04,4,remind,,"]
    );
    // 03-09: T0002 assigned to D02, due 03-20.
    assert!(overdue(&env, "2022-03-09").is_empty());
    // Today: nothing is overdue but T0001 and T0002, due 03-20, and T0003.
    let today = overdue(&env, "2022-12-31");
    assert_eq!(
        today[0],
        "T0001,区经济信息委,2022-03-20,286,notify,remind,2022-03-07"
    );
    assert_eq!(today[1], "T0002,区人力社保局,2022-03-20,286,notify,,");
}

#[test]
fn the_ladder_counts_working_days_past_due() {
    let env = history();
    let step = |day: &str| {
        let list = overdue(&env, day);
        let row = list
            .iter()
            .find(|r| r.starts_with("T0003,"))
            .unwrap()
            .clone();
        row.split(',').nth(4).unwrap().to_string()
    };
    // Due Friday 09-30; 10-01 – 10-07 are the National Day holiday.
    assert_eq!(step("2022-10-07"), "");
    assert_eq!(step("2022-10-08"), "remind");
    assert_eq!(step("2022-10-09"), "remind");
    assert_eq!(step("2022-10-10"), "supervise");
    assert_eq!(step("2022-10-11"), "supervise");
    assert_eq!(step("2022-10-12"), "notify");
    let zh = env.ok(&["--lang", "zh", "report", "overdue", "--as-of", "2022-10-10"]);
    assert!(zh.contains("应督办级别") && zh.contains("督办"), "{zh}");
}

/// The reconciliation by department as of a day: (department code, collected, overdue).
fn by_department(env: &Env, as_of: &str) -> Vec<(String, i64, i64)> {
    let out = env.ok(&[
        "report",
        "reconcile",
        "--by",
        "department",
        "--format",
        "json",
        "--as-of",
        as_of,
    ]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["department"].as_str().unwrap_or("-").to_string(),
                r["collected"].as_i64().unwrap(),
                r["overdue"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_reconciliation_by_department_follows_assignments_and_returns() {
    let env = history();
    let row = |d: &str, c, o| (d.to_string(), c, o);
    assert_eq!(
        by_department(&env, "2022-03-07"),
        [row("D01", 2, 2), row("total", 2, 2)]
    );
    assert_eq!(
        by_department(&env, "2022-03-08"),
        [row("D01", 1, 0), row("-", 1, 1), row("total", 2, 1)]
    );
    assert_eq!(
        by_department(&env, "2022-03-09"),
        [row("D01", 1, 0), row("D02", 1, 0), row("total", 2, 0)]
    );
    // The listed overdue tickets carry that day's department and due date.
    let table = env.ok(&["report", "reconcile", "--as-of", "2022-03-07"]);
    assert!(table.contains("| 2022-03-04 |"), "{table}");
    let table = env.ok(&["report", "reconcile", "--as-of", "2022-03-09"]);
    assert!(table.contains("Overdue (open and past due) (0)"), "{table}");
}
