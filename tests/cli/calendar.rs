//! The working-day calendar and the categories' deadlines: set by command
//! or by file, listed, exported and imported back, and used by assignments.

use crate::harness::*;

#[test]
fn the_calendar_lists_the_shipped_holidays_and_imported_days_over_them() {
    let env = Env::new();
    let list = env.ok(&[
        "calendar",
        "list",
        "--from",
        "2022-09-30",
        "--to",
        "2022-10-10",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(
        list.replace("\r\n", "\n"),
        "date,weekday,workday\n\
         2022-10-03,Mon,0\n2022-10-04,Tue,0\n2022-10-05,Wed,0\n2022-10-06,Thu,0\n2022-10-07,Fri,0\n\
         2022-10-08,Sat,1\n2022-10-09,Sun,1\n"
    );
    // A district's own day off, and the 调休 Saturday worked after all.
    let file = env.write(
        "calendar.csv",
        "日期,是否工作日\n2022-10-10,否\n2022-10-08,0\n",
    );
    env.ok(&["import", "calendar", file.to_str().unwrap()]);
    let list = env.ok(&[
        "--lang",
        "zh",
        "calendar",
        "list",
        "--from",
        "2022-10-08",
        "--to",
        "2022-10-10",
    ]);
    assert!(list.contains("| 2022-10-09 | 周日 |"), "{list}");
    assert!(!list.contains("2022-10-08"), "{list}");
    assert!(list.contains("| 2022-10-10 | 周一 |      0 |"), "{list}");
    // Only the imported days are exported, and they import back as they were.
    let out = env.ok(&["export", "calendar", "--no-bom"]);
    assert_eq!(
        out.replace("\r\n", "\n"),
        "date,workday\n2022-10-08,0\n2022-10-10,0\n"
    );
    let other = Env::new();
    let copy = other.write("copy.csv", &out);
    other.ok(&["import", "calendar", copy.to_str().unwrap()]);
    assert_eq!(other.ok(&["export", "calendar", "--no-bom"]), out);
}

#[test]
fn an_assignment_is_due_the_categorys_working_days_later() {
    let env = Env::new();
    env.seed();
    env.ok(&["category", "add", "用地", "--days", "3"]);
    let out = env.ok(&["category", "add", "用地", "--days", "20"]);
    assert!(out.contains("20 working days (was 3)"), "{out}");
    // A day off imported on Wednesday 03-09 moves the deadline by a day.
    let file = env.write("calendar.csv", "date,workday\n2022-03-09,0\n");
    env.ok(&["import", "calendar", file.to_str().unwrap()]);
    let file = env.write("categories.csv", "类别,办理时限\n用地,2\n用工招聘,10\n");
    env.ok(&["import", "categories", file.to_str().unwrap()]);
    env.ok(&[
        "ticket",
        "add",
        "914403001922038216",
        "用地指标",
        "--cadre",
        "C01",
        "--category",
        "用地",
        "--on",
        "2022-03-07",
        "--department",
        "D01",
    ]);
    let show = env.ok(&["ticket", "list", "--format", "csv", "--no-bom"]);
    assert!(
        show.contains("2022-03-10"),
        "two working days after Monday 03-07, 03-09 off: {show}"
    );
    // A ticket voided as a mistake counts nowhere, here neither.
    env.ok(&[
        "ticket",
        "add",
        "914403001922038216",
        "重复登记",
        "--cadre",
        "C01",
        "--category",
        "用地",
        "--on",
        "2022-03-08",
    ]);
    env.ok(&[
        "ticket",
        "void",
        "2022-0002",
        "--reason",
        "重复",
        "--by",
        "C01",
        "--on",
        "2022-03-08",
    ]);
    let list = env.ok(&["category", "list", "--format", "csv", "--no-bom"]);
    assert_eq!(
        list.replace("\r\n", "\n"),
        "name,days,set,tickets\n用地,2,1,1\n用工招聘,10,1,0\n"
    );
    let out = env.ok(&["export", "categories", "--no-bom"]);
    assert_eq!(
        out.replace("\r\n", "\n"),
        "name,days\n用地,2\n用工招聘,10\n"
    );
    let other = Env::new();
    let copy = other.write("copy.csv", &out);
    other.ok(&["import", "categories", copy.to_str().unwrap()]);
    assert_eq!(other.ok(&["export", "categories", "--no-bom"]), out);
}

#[test]
fn bad_deadlines_and_days_are_refused_and_change_nothing() {
    let env = Env::new();
    let msg = env.fails(2, &["category", "add", "用地", "--days", "0"]);
    assert!(
        msg.contains("0 working days is not a deadline; give 1 to 365"),
        "{msg}"
    );
    let msg = env.fails(2, &["category", "add", "total", "--days", "5"]);
    assert!(msg.contains("is the name of the total row"), "{msg}");
    let msg = env.fails(2, &["category", "add", " ", "--days", "5"]);
    assert!(msg.contains("a category needs a name"), "{msg}");
    let file = env.write(
        "bad.csv",
        "date,workday\n2022-02-30,1\n2022-03-01,maybe\n2022-03-02,1\n2022-03-02,0\n",
    );
    let before = env.dump();
    let out = env.run(&["import", "calendar", file.to_str().unwrap()]);
    assert_eq!(out.status, 2, "{}", out.transcript());
    for needle in [
        "line 2, column date",
        "line 3, column workday: \"maybe\" says neither",
        "line 5, column date",
    ] {
        assert!(out.stderr.contains(needle), "{needle}: {}", out.stderr);
    }
    assert_eq!(env.dump(), before);
    let file = env.write("bad2.csv", "name,days\n用地,七\n");
    let msg = env.fails(2, &["import", "categories", file.to_str().unwrap()]);
    assert!(
        msg.contains("\"七\" is not a number of working days"),
        "{msg}"
    );
    let msg = env.fails(
        2,
        &[
            "calendar",
            "list",
            "--from",
            "2022-06-30",
            "--to",
            "2022-06-01",
        ],
    );
    assert!(
        msg.contains("--from 2022-06-30 is after --to 2022-06-01"),
        "{msg}"
    );
}
