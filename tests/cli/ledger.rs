//! Tickets and events are imported a batch of rows at a time, each row
//! checked against its ticket as the rows before it left it. The same files
//! imported in batches of one row (each ticket read afresh before each row,
//! as the commands read it), of a few rows (on PostgreSQL, COPY with many
//! batch boundaries) and of the default size must give the same database,
//! export for export, and the same report of bad rows; and that database is
//! the one the import gave when it went row by row, whose exports are
//! recorded here by their SHA-256.

use crate::harness::*;
use sha2::{Digest, Sha256};

/// Days off and on, and categories with their own deadlines, which
/// assignments without a due date take.
const CALENDAR: &str = "date,workday\n2022-11-04,0\n2022-11-05,1\n";
const CATEGORIES: &str = "name,days\n融资,3\n用地,12\n";

/// Tickets named by USCC, name and a cadre's code in another case, created
/// collected, in progress, resolved and explained (the change that led there
/// made at collection).
const TICKETS: &str = "\
code,enterprise,cadre,collected_on,category,summary,department,due_on,status,status_on
X-001,91500222MA0000237J,C0001,2022-11-01,用地,用地指标不足,D01,,in_progress,2022-11-02
X-002,重庆綦江晨润信息技术有限公司,c0002,2022-11-01,,电力增容,,,resolved,2022-11-03
X-003,91500222MA2Q7K04J4,C0003,2022-11-02,融资,贷款难,,,,
X-004,91500222MA0000237J,C0004,2022-11-02,,招工难,D02,2022-11-20,explained,2022-11-05
X-005,91500222MA0000237J,C0005,2022-11-02,其他,重复登记的问题,,,collected,
";

/// Every event of the loop on the tickets above, several per ticket and
/// interleaved: assignments with and without a due date (the category's
/// deadline over the calendar), co-handlers, a return and a new assignment,
/// an extension, a change at a meeting (its day), a ticket named in another
/// case, amendments of every field, a void, a reopening, follow-ups.
const EVENTS: &str = "\
ticket,on,action,status,by,note,meeting,department,with,due_on,level,outcome,satisfaction,reason,field,new
X-003,2022-11-03,assign,,C0003,交办,,D03,D05;D06,,,,,,,
X-003,2022-11-04,accept,,C0010,,,,,,,,,,,
x-003,2022-11-07,urge,,C0003,,,,,,remind,,,,,
X-001,2022-11-08,return,,C0001,,,,,,,,,不属本单位职责,,
X-001,2022-11-09,assign,,C0001,,,D04,,,,,,,,
X-001,2022-11-10,accept,,C0001,,,,,,,,,,,
X-001,2022-11-20,extend,,C0001,,,,,2022-12-20,,,,等待审批,,
X-005,2022-11-10,amend,,C0005,,,,,,,,,,summary,新的摘要
X-005,2022-11-10,amend,,C0005,,,,,,,,,,category,用地
X-005,2022-11-11,amend,,C0005,,,,,,,,,,enterprise,重庆綦江鼎光铝材有限公司
X-005,2022-11-11,amend,,C0005,,,,,,,,,,cadre,C0100
X-005,2022-11-12,void,,C0005,,,,,,,,,重复登记,,
X-002,2022-11-15,reopen,,C0002,,,,,,,,,企业反映未解决,,
X-002,2022-11-16,explain,,C0002,政策不支持,,,,,,,,,,
X-001,2022-12-01,resolve,,C0001,办结,,,,,,,,,,
X-003,,,resolved,C0003,座谈会上解决,M104,,,,,,,,,
X-001,2022-12-05,follow_up,,C0001,,,,,,,solved,satisfied,,,
X-003,2022-12-30,follow_up,,C0003,,,,,,,partly,basic,,,
";

/// Rows whose faults show only against the rows before them: a second
/// reopening, a day before the change just made, a void of a voided ticket;
/// and a row with two faults.
const BAD_EVENTS: &str = "\
ticket,on,action,by,reason,level
X-004,2022-12-01,reopen,C0004,重新办理,
X-004,2022-12-02,reopen,C0004,再次,
X-404,2022-12-02,urge,C9999,,remind
X-004,2022-11-30,urge,C0004,,remind
X-005,2022-12-03,void,C0005,又一次,
";

/// What the bad rows are told, as the import said it row by row.
const BAD_REPORT: &str = "\
bad-events.csv: line 3, column status: cannot reopen ticket X-004: it is in_progress; only a resolved or explained ticket can be reopened
bad-events.csv: line 4, column ticket: no ticket with code \"X-404\"; nearest: X-004, X-001, X-002
bad-events.csv: line 4, column by: no cadre with code \"C9999\"; nearest: C0099, C0199, C0299
bad-events.csv: line 5, column on: ticket X-004: 2022-11-30 is before its last change on 2022-12-01; events are recorded in date order
bad-events.csv: line 6, column action: ticket X-005 was voided on 2022-11-12; a voided ticket takes no further events
qianqi: importing bad-events.csv: 4 bad rows with 5 problems; nothing was written
";

/// The SHA-256 of `export tickets` and `export events` after `load`, as
/// the import gave them when it checked and wrote one row at a time.
const ROW_BY_ROW: [(&str, &str); 2] = [
    (
        "tickets",
        "e1b9016391975fbaee3f681990aa20ca7924fcb3225bf9f17dc8ec31d1043302",
    ),
    (
        "events",
        "0a9bbaef57c7bedbc302c9ec55f9cf1e6285d88af5c7eefecb7860acb8abe705",
    ),
];

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs qianqi with the import's batches of `batch` rows.
fn run(env: &Env, batch: &str, args: &[&str]) -> Out {
    let mut c = env.command();
    c.env("QIANQI_IMPORT_BATCH", batch);
    env.run_with(c, args, None)
}

fn ok(env: &Env, batch: &str, args: &[&str]) -> String {
    let out = run(env, batch, args);
    assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

/// A generated ledger of 1,500 tickets and its events, then the files
/// above, imported in batches of `batch` rows; what the database then
/// exports and reports, by name, and what the bad rows were told.
fn load(batch: &str) -> (Vec<(&'static str, String)>, String) {
    let env = Env::new();
    env.ok(&[
        "generate",
        "--out",
        "g",
        "--scale",
        "1",
        "--tickets",
        "1500",
    ]);
    for kind in ["units", "cadres", "enterprises", "pairings", "meetings"] {
        env.ok(&["import", kind, &format!("g/{kind}.csv")]);
    }
    env.write("calendar.csv", CALENDAR);
    env.write("categories.csv", CATEGORIES);
    env.write("x-tickets.csv", TICKETS);
    env.write("x-events.csv", EVENTS);
    env.write("bad-events.csv", BAD_EVENTS);
    env.ok(&["import", "calendar", "calendar.csv"]);
    env.ok(&["import", "categories", "categories.csv"]);
    ok(&env, batch, &["import", "tickets", "g/tickets.csv"]);
    ok(&env, batch, &["import", "tickets", "x-tickets.csv"]);
    ok(&env, batch, &["import", "events", "g/events.csv"]);
    ok(&env, batch, &["import", "events", "x-events.csv"]);
    let before = env.dump();
    let bad = run(&env, batch, &["import", "events", "bad-events.csv"]);
    assert_eq!(bad.status, 2, "{}", bad.stderr);
    assert_eq!(env.dump(), before, "a refused import wrote nothing");
    let check = env.ok(&["check"]);
    assert!(check.contains("database consistent"), "{check}");
    let mut got = vec![
        ("tickets", env.ok(&["export", "tickets"])),
        ("events", env.ok(&["export", "events"])),
        ("check", check),
        (
            "reconcile",
            env.ok(&["report", "reconcile", "--format", "csv"]),
        ),
    ];
    for code in ["X-001", "X-002", "X-003", "X-004", "X-005", "2022-0001"] {
        got.push((
            "show",
            env.ok(&["ticket", "show", code, "--format", "json"]),
        ));
    }
    (got, bad.stderr)
}

#[test]
fn tickets_and_events_import_alike_in_batches_of_any_size_and_as_row_by_row() {
    if skip_slow("tickets_and_events_import_alike_in_batches_of_any_size_and_as_row_by_row") {
        return;
    }
    let (whole, told) = load("4096");
    for (name, text) in &whole[..2] {
        assert!(text.lines().count() > 1500, "{name}: {text}");
    }
    assert_eq!(told, BAD_REPORT);
    for (name, hash) in ROW_BY_ROW {
        let (_, text) = whole.iter().find(|(n, _)| *n == name).unwrap();
        assert_eq!(
            sha256(text),
            hash,
            "export {name} differs from the row-by-row import's"
        );
    }
    for batch in ["1", "7", "50"] {
        let (got, told_here) = load(batch);
        assert_eq!(told_here, told, "batches of {batch}");
        for ((name, a), (_, b)) in whole.iter().zip(&got) {
            assert!(a == b, "batches of {batch}: {name} differs:\n{a}\n---\n{b}");
        }
    }
}
