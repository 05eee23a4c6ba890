//! Bulk import and export: round trips, every rule on every row, one
//! transaction per file, and files a spreadsheet program has touched.

use crate::harness::*;

/// Every kind, in the order they must be imported.
const KINDS: [&str; 8] = [
    "units",
    "cadres",
    "enterprises",
    "pairings",
    "meetings",
    "visits",
    "tickets",
    "events",
];

/// Text that a spreadsheet would run as a formula, one per trigger.
const INJECTIONS: [&str; 6] = [
    "=HYPERLINK(\"http://x\")",
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
];

/// The file name alone: commands run in the test's directory, and messages name files as given.
fn name(path: &std::path::Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// The seed world plus everything else a database holds: an ended pairing,
/// visits (one unpaired), a meeting, tickets through their lifecycle, and
/// text cells starting with every formula trigger.
pub fn rich() -> Env {
    let env = Env::new();
    env.seed();
    let trap = INJECTIONS.join(" ");
    for args in [
        &[
            "enterprise",
            "add",
            "91500222000000000B",
            "=cmd|' /C calc'!A0 重庆",
            "--town",
            "T02",
            "--chain",
            "@链",
        ][..],
        // Short names travel with the enterprise, a formula-looking one too.
        &["enterprise", "set-short", "914403001922038216", "金美"],
        &["enterprise", "set-short", "91500222000000000B", "@短"],
        &["unpair", "C03", "91110000802100433B", "--on", "2022-06-30"],
        &[
            "pair",
            "C02",
            "91500222000000000B",
            "--tier",
            "district",
            "--on",
            "2022-03-01",
        ],
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--kind",
            "phone",
            "--people",
            "3",
            "--tasks",
            "file,problem",
            "--note",
            &trap,
        ],
        &[
            "visit",
            "重庆新视通智能科技有限公司",
            "--cadre",
            "C01",
            "--on",
            "2022-04-01",
            "--unpaired",
        ],
        &[
            "meeting",
            "add",
            "M01",
            "--title=-座谈会",
            "--on",
            "2022-05-10",
            "--cadres",
            "C01,C03",
        ],
        &[
            "ticket",
            "add",
            "914403001922038216",
            "+融资难",
            "--cadre",
            "C01",
            "--code",
            "Q1",
            "--category",
            "融资",
            "--department",
            "D01",
            "--due",
            "2022-09-30",
            "--on",
            "2022-03-01",
        ],
        &[
            "ticket",
            "add",
            "91350100M000100Y43",
            "用工难",
            "--cadre",
            "C03",
            "--code",
            "Q2",
            "--on",
            "2022-03-02",
        ],
        &[
            "ticket",
            "add",
            "91110000802100433B",
            "用地",
            "--cadre",
            "C03",
            "--code",
            "Q3",
            "--on",
            "2022-03-03",
        ],
        &[
            "ticket",
            "accept",
            "Q1",
            "--by",
            "C01",
            "--on",
            "2022-03-05",
        ],
        &[
            "ticket",
            "resolve",
            "Q1",
            "--by",
            "C01",
            "--meeting",
            "M01",
            "--note",
            "=会上解决",
        ],
        &[
            "ticket",
            "explain",
            "Q2",
            "--by",
            "C02",
            "--on",
            "2022-04-01",
        ],
        &[
            "ticket",
            "reopen",
            "Q2",
            "--by",
            "C02",
            "--on",
            "2022-05-01",
        ],
    ] {
        env.ok(args);
    }
    env
}

/// The database's content: the dump without the import log or the import
/// each row names (a round trip imports rows that were typed in), and with
/// the events listed by ticket rather than by their row ids, which only
/// record the order in which tickets were typed in.
pub fn content(env: &Env) -> String {
    let copy = env.copy();
    copy.execute("UPDATE visits SET import_id = NULL; UPDATE tickets SET import_id = NULL;");
    let mut out = String::new();
    let mut skip = false;
    for line in copy.dump().lines() {
        if line.starts_with('[') {
            skip = line == "[imports]" || line == "[ticket_events]";
        }
        if !skip {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str("[ticket_events by ticket]\n");
    for r in env.rows(
        "SELECT ticket_id, on_date, status, actor_id, note, meeting_id, superseded_on
         FROM ticket_events ORDER BY ticket_id, id",
    ) {
        out.push_str(&r.join("|"));
        out.push('\n');
    }
    out
}

fn export(env: &Env, kind: &str, extra: &[&str]) -> Vec<u8> {
    let path = env.path(&format!("{kind}.csv"));
    let mut args = vec!["export", kind, "-o", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.ok(&args);
    std::fs::read(path).unwrap()
}

#[test]
fn export_then_import_reproduces_the_database_in_every_encoding() {
    let source = rich();
    let expected = content(&source);
    for (label, extra) in [
        ("utf8 with bom", &[][..]),
        ("utf8", &["--no-bom"][..]),
        ("gbk", &["--encoding", "gbk"][..]),
    ] {
        let target = Env::new();
        for kind in KINDS {
            let bytes = export(&source, kind, extra);
            match label {
                "utf8 with bom" => assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{kind}"),
                "gbk" => {
                    let utf8 = export(&source, kind, &["--no-bom"]);
                    assert_eq!(bytes, gbk(std::str::from_utf8(&utf8).unwrap()), "{kind}");
                }
                _ => assert!(std::str::from_utf8(&bytes).is_ok() && !bytes.starts_with(b"\xEF")),
            }
            let file = target.write(&format!("{kind}.csv"), &bytes);
            target.ok(&["import", kind, name(&file)]);
        }
        assert_eq!(content(&target), expected, "round trip in {label}");
        // And the copy exports to the same bytes.
        for kind in KINDS {
            assert_eq!(
                export(&target, kind, extra),
                export(&source, kind, extra),
                "{kind} in {label}"
            );
        }
    }
}

#[test]
fn exported_text_cannot_run_as_a_formula_and_digit_codes_stay_text() {
    let env = rich();
    let visits = String::from_utf8(export(&env, "visits", &["--no-bom"])).unwrap();
    let mut rdr = csv::Reader::from_reader(visits.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let note = &rows[0][6];
    assert!(note.starts_with("'="), "{note:?}");
    assert_eq!(&rows[0][1], "=\"914403001922038216\"");
    assert_eq!(&rows[0][5], "file;problem");
    assert_eq!(&rows[1][7], "yes");
    for kind in KINDS {
        let text = String::from_utf8(export(&env, kind, &["--no-bom"])).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        for rec in rdr.records() {
            for cell in rec.unwrap().iter() {
                let safe = !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                    || (cell.starts_with("=\"") && cell.ends_with('"') && cell.len() > 3);
                assert!(safe, "{kind}: {cell:?}");
            }
        }
    }
    // The cell with every trigger comes back exactly (the round trip test compares it too).
    let copy = Env::new();
    for kind in ["units", "cadres", "enterprises", "pairings", "visits"] {
        let f = copy.write("x.csv", export(&env, kind, &[]));
        copy.ok(&["import", kind, name(&f)]);
    }
    let note = copy.rows("SELECT note FROM visits WHERE id = 1");
    assert_eq!(note, [[INJECTIONS.join(" ")]]);
}

/// A world with units, cadres, enterprises and pairings, imported from files.
fn registry() -> Env {
    let env = Env::new();
    env.seed();
    env
}

fn import_text(env: &Env, kind: &str, file: &str, text: &str) -> Out {
    env.write(file, text);
    env.run(&["import", kind, file])
}

/// Imports a file that must fail on one row; returns the one stderr line.
fn rejected(env: &Env, kind: &str, text: &str) -> String {
    let f = env.write("bad.csv", text);
    env.fails(2, &["import", kind, name(&f)])
}

#[test]
fn each_rule_rejects_its_row_by_line_and_column_and_writes_nothing() {
    let env = registry();
    let cases: [(&str, &str, &str); 14] = [
        (
            "enterprises",
            "uscc,name,town\n91500222000000001E,甲公司,T01\n91500222000000000C,乙公司,T01\n",
            "line 3, column uscc: unified social credit code \"91500222000000000C\" check character is C but should be B",
        ),
        (
            "enterprises",
            "uscc,name,town\n91500222000000000B,乙公司,D01\n",
            "line 2, column town: unit \"D01\" is a dept, not a town",
        ),
        (
            "enterprises",
            "uscc,name,town,key\n91500222000000000B,乙公司,T01,maybe\n",
            "line 2, column key: \"maybe\" is not yes or no",
        ),
        (
            "cadres",
            "code,name,unit,phone\nC09,赵六,D09,\n",
            "line 2, column unit: no unit with code \"D09\"; nearest: D01",
        ),
        (
            "cadres",
            "code,name,unit,phone\nC01,王芳,D01,\n",
            "line 2, column code: a cadre with code \"C01\" already exists with other values; pass --upsert",
        ),
        (
            "units",
            "code,name,kind\nT09,新街道,town\nT09,新街道,town\n",
            "line 3, column code: \"T09\" appears again in this file (first on line 2)",
        ),
        (
            "pairings",
            "cadre,enterprise,tier,started_on\nC02,91350100M000100Y43,district,2022-03-01\nC02,91110000802100433B,district,2022-03-01\n",
            "line 3, column cadre: the cadre already serves 重庆新视通智能科技有限公司 (91350100M000100Y43) one-to-one",
        ),
        (
            "pairings",
            "cadre,enterprise,tier,started_on,ended_on\nC02,91350100M000100Y43,town,2022-03-01,2022-02-01\n",
            "line 2, column ended_on: the pairing began on 2022-03-01; it cannot end on 2022-02-01",
        ),
        (
            "visits",
            "cadre,enterprise,visited_on\nC01,914403001922038216,2022-01-09\n",
            "line 2, column visited_on: visit date 2022-01-09 is before the cadre's pairing with this enterprise began (2022-01-10); set its unpaired column to yes",
        ),
        (
            "visits",
            "cadre,enterprise,visited_on\nC01,914403001922038216,2023-01-01\n",
            "line 2, column visited_on: visit date 2023-01-01 is in the future (today is 2022-12-31)",
        ),
        (
            "visits",
            "cadre,enterprise,visited_on,people\nC01,914403001922038216,2022-03-01,0\n",
            "line 2, column people: \"0\" is not a number of person-visits",
        ),
        (
            "visits",
            "cadre,enterprise,visited_on\nC01,重庆金美新材料科技有限责任公司,2022-03-01\n",
            "line 2, column enterprise: no enterprise named \"重庆金美新材料科技有限责任公司\"; nearest: 重庆金美新材料科技有限公司",
        ),
        (
            "tickets",
            "code,enterprise,cadre,collected_on,summary,due_on\nQ1,914403001922038216,C01,2022-03-01,融资,2022-02-01\n",
            "line 2, column due_on: ticket Q1: due date 2022-02-01 is before the collection date 2022-03-01",
        ),
        (
            "meetings",
            "code,held_on,cadres\nM1,2022-13-01,C01\n",
            "line 2, column held_on: \"2022-13-01\" is not a date",
        ),
    ];
    for (kind, text, expected) in cases {
        let line = rejected(&env, kind, text);
        assert!(
            line.starts_with("qianqi: importing bad.csv: ") && line.contains(expected),
            "{kind}: {line}\nexpected: {expected}"
        );
        assert!(line.ends_with("nothing was written"), "{line}");
    }
}

#[test]
fn ticket_lifecycle_and_date_order_hold_for_imported_events() {
    let env = registry();
    let tickets = "code,enterprise,cadre,collected_on,summary,department\n\
                   Q1,914403001922038216,C01,2022-03-01,融资难,D01\n\
                   Q2,914403001922038216,C01,2022-03-01,用工,\n";
    let o = import_text(&env, "tickets", "t.csv", tickets);
    assert_eq!(o.status, 0, "{}", o.transcript());
    for (text, expected) in [
        // A file written before assignments were recorded names an
        // acceptance by its status; it needs a department all the same.
        (
            "ticket,on,status,by\nQ2,2022-03-05,in_progress,C01\n",
            "line 2, column department: ticket Q2 has no handling department to accept it; fill in the department column (承办单位)",
        ),
        (
            "ticket,on,status,by\nQ1,2022-03-05,in_progress,C01\nQ1,2022-03-06,in_progress,C01\n",
            "line 3, column status: ticket Q1 cannot go from in_progress to in_progress",
        ),
        (
            "ticket,on,status,by\nQ1,2022-03-05,resolved,C01\nQ1,2022-03-04,in_progress,C01\n",
            "line 3, column on: ticket Q1: 2022-03-04 is before its last change on 2022-03-05",
        ),
        (
            "ticket,on,status,by\nQ1,2022-03-05,collected,C01\n",
            "line 2, column status: ticket Q1 cannot go from collected to collected",
        ),
        (
            "ticket,on,status,by\nQ9,2022-03-05,resolved,C01\n",
            "line 2, column ticket: no ticket with code \"Q9\"",
        ),
    ] {
        let line = rejected(&env, "events", text);
        assert!(line.contains(expected), "{line}\nexpected: {expected}");
    }
    let o = import_text(
        &env,
        "events",
        "e.csv",
        "ticket,on,status,by,note\nQ1,2022-03-05,in_progress,C02,\nQ1,2022-03-09,resolved,C02,已放款\n",
    );
    assert_eq!(o.status, 0, "{}", o.transcript());
    assert_eq!(
        env.count(
            "SELECT count(*) FROM tickets WHERE status = 'resolved' AND status_on = '2022-03-09'"
        ),
        1
    );
    // The old file with the department filled in: the acceptance records it.
    let o = import_text(
        &env,
        "events",
        "e2.csv",
        "ticket,on,status,by,department\nQ2,2022-03-05,in_progress,C01,D02\n",
    );
    assert_eq!(o.status, 0, "{}", o.transcript());
    assert_eq!(
        env.count(
            "SELECT count(*) FROM tickets t JOIN units u ON u.id = t.department_id
             WHERE t.code = 'Q2' AND u.code = 'D02' AND t.status = 'in_progress'"
        ),
        1
    );
    assert_eq!(
        env.count("SELECT count(*) FROM ticket_events WHERE superseded_on IS NULL"),
        2
    );
}

#[test]
fn a_ledger_with_current_statuses_gets_the_events_it_implies() {
    let env = registry();
    let o = import_text(
        &env,
        "tickets",
        "ledger.csv",
        "code,enterprise,cadre,collected_on,summary,status,status_on,department\n\
         Q1,914403001922038216,C01,2022-03-01,融资难,正在办理,2022-03-02,D01\n\
         Q2,914403001922038216,C01,2022-03-01,用工,resolved,2022-04-01,\n\
         Q3,914403001922038216,C01,2022-03-01,用地,collected,,\n",
    );
    assert_eq!(o.status, 0, "{}", o.transcript());
    // Each ticket's events in order: code:status@on/actor,…
    let mut statuses: Vec<String> = Vec::new();
    let mut last_code = String::new();
    for r in env.rows(
        "SELECT t.code, e.status, e.on_date, e.actor_id FROM tickets t
         JOIN ticket_events e ON e.ticket_id = t.id ORDER BY t.code, e.id",
    ) {
        let event = format!("{}@{}/{}", r[1], r[2], r[3]);
        if r[0] == last_code {
            let s = statuses.last_mut().unwrap();
            s.push(',');
            s.push_str(&event);
        } else {
            statuses.push(format!("{}:{event}", r[0]));
            last_code = r[0].clone();
        }
    }
    assert_eq!(
        statuses,
        [
            "Q1:collected@2022-03-01/1,in_progress@2022-03-02/1",
            "Q2:collected@2022-03-01/1,resolved@2022-04-01/1",
            "Q3:collected@2022-03-01/1",
        ]
    );
    let line = rejected(
        &env,
        "tickets",
        "code,enterprise,cadre,collected_on,summary,status,status_on\nQ4,914403001922038216,C01,2022-03-01,x,resolved,2022-02-01\n",
    );
    assert!(line.contains("line 2, column status_on: ticket Q4: 2022-02-01 is before its last change on 2022-03-01"), "{line}");
    // In progress means a department accepted it: the ledger must say which.
    // Closed on the spot needs none (Q2 above).
    let line = rejected(
        &env,
        "tickets",
        "code,enterprise,cadre,collected_on,summary,status,status_on\nQ5,914403001922038216,C01,2022-03-01,x,in_progress,2022-03-02\n",
    );
    assert!(line.contains("line 2, column department: ticket Q5 has no handling department to accept it; fill in the department column (承办单位)"), "{line}");
}

#[test]
fn every_bad_row_is_listed_and_nothing_is_written() {
    let env = registry();
    let before = env.dump();
    let mut text = String::from("cadre,enterprise,visited_on,kind\n");
    text.push_str("C01,914403001922038216,2022-03-01,onsite\n");
    text.push_str("C09,914403001922038216,2022-03-01,onsite\n");
    text.push_str("C01,914403001922038216,2022-03-01,walk\n");
    for _ in 0..60 {
        text.push_str("C01,914403001922038216,2022-02-30,onsite\n");
    }
    let o = import_text(&env, "visits", "v.csv", &text);
    assert_eq!(o.status, 2, "{}", o.transcript());
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "v.csv: line 3, column cadre: no cadre with code \"C09\"; nearest: C01, C02, C03"
    );
    assert!(
        lines[1].starts_with(
            "v.csv: line 4, column kind: \"walk\" is not a visit kind; use onsite, phone, online"
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("v.csv: line 5, column visited_on: \"2022-02-30\" is not a date"),
        "{}",
        lines[2]
    );
    assert_eq!(lines.len(), 51);
    assert_eq!(
        lines[50],
        "qianqi: importing v.csv: 62 bad rows (and 12 more not shown); nothing was written"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn headers_are_checked_before_any_row() {
    let env = registry();
    let line = rejected(&env, "units", "code,name,kind,colour\nT9,x,town,red\n");
    assert!(
        line.contains("unknown column \"colour\"; a units file has code (编号"),
        "{line}"
    );
    let line = rejected(&env, "visits", "cadre,visited_on\nC01,2022-03-01\n");
    assert!(line.contains("missing column enterprise (企业)"), "{line}");
    let line = rejected(&env, "visits", "cadre,企业名称,统一社会信用代码,日期\n");
    assert!(line.contains("both give enterprise"), "{line}");
}

#[test]
fn imported_rows_name_their_import_and_hand_entered_rows_none() {
    let env = registry();
    let visits = "cadre,enterprise,visited_on\nC01,914403001922038216,2022-03-01\n";
    assert_eq!(import_text(&env, "visits", "v.csv", visits).status, 0);
    let tickets = "code,enterprise,cadre,collected_on,summary,status,status_on,department\n\
                   Q1,914403001922038216,C01,2022-03-01,融资难,in_progress,2022-03-02,D01\n";
    assert_eq!(import_text(&env, "tickets", "t.csv", tickets).status, 0);
    let events = "ticket,on,status,by\nQ1,2022-03-05,resolved,C01\n";
    assert_eq!(import_text(&env, "events", "e.csv", events).status, 0);
    env.ok(&[
        "visit",
        "914403001922038216",
        "--cadre",
        "C01",
        "--on",
        "2022-03-03",
    ]);
    env.ok(&[
        "ticket",
        "add",
        "914403001922038216",
        "用工",
        "--cadre",
        "C01",
        "--code",
        "H1",
        "--on",
        "2022-03-03",
        "--department",
        "D01",
    ]);
    env.ok(&[
        "ticket",
        "accept",
        "H1",
        "--by",
        "C01",
        "--on",
        "2022-03-04",
    ]);

    let import_of = |file: &str| {
        env.count(&format!(
            "SELECT id FROM imports WHERE file_name = '{file}'"
        ))
    };
    let (v, t, e) = (import_of("v.csv"), import_of("t.csv"), import_of("e.csv"));
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM visits WHERE visited_on = '2022-03-01' AND import_id = {v}"
        )),
        1
    );
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM tickets WHERE code = 'Q1' AND import_id = {t}"
        )),
        1
    );
    // The ticket's collection and the current state its ledger row implies
    // come from the tickets file; the later change from the events file.
    let q1 = |status: &str| {
        env.count(&format!(
            "SELECT e.import_id FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
             WHERE t.code = 'Q1' AND e.status = '{status}'"
        ))
    };
    assert_eq!(
        (q1("collected"), q1("in_progress"), q1("resolved")),
        (t, t, e)
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM visits WHERE visited_on = '2022-03-03' AND import_id IS NULL"
        ),
        1
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id
             WHERE t.code = 'H1' AND t.import_id IS NULL AND e.import_id IS NULL"
        ),
        2
    );
    // The imports list counts what each file brought in.
    assert_eq!(
        env.rows("SELECT rows FROM imports ORDER BY id").concat(),
        ["1", "1", "1"]
    );
}

#[test]
fn the_same_file_is_not_imported_twice_unless_asked() {
    let env = registry();
    let text = "cadre,enterprise,visited_on,people\nC01,914403001922038216,2022-03-01,5\n";
    assert_eq!(import_text(&env, "visits", "v.csv", text).status, 0);
    // Under another name, the same content is still the same file.
    let f = env.write("copy.csv", text);
    let line = env.fails(2, &["import", "visits", name(&f)]);
    assert_eq!(
        line,
        "qianqi: copy.csv: the same visits file was already imported on 2022-12-31; nothing was written (pass --again to import it once more)"
    );
    // Read again, its rows are already present and add nothing.
    let out = env.ok(&["import", "visits", name(&f), "--again"]);
    assert_eq!(
        out,
        "imported 0 visits from copy.csv (1 rows: 0 imported, 1 already present)\n"
    );
    assert_eq!(env.count("SELECT sum(people) FROM visits"), 5);
    let list = env.ok(&["imports", "--format", "csv", "--no-bom"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines[0], "imported_at,kind,file,rows,by,sha256");
    assert_eq!(lines.len(), 3, "{list}");
    assert!(lines[1].contains(",visits,v.csv,1,,"), "{list}");
    assert!(lines[2].contains(",visits,copy.csv,1,,"), "{list}");
}

#[test]
fn dry_run_checks_everything_and_writes_nothing() {
    let env = registry();
    let before = env.dump();
    for (kind, text) in [
        ("units", "code,name,kind\nT09,新街道,town\n"),
        (
            "visits",
            "cadre,enterprise,visited_on\nC01,914403001922038216,2022-03-01\n",
        ),
    ] {
        let f = env.write("ok.csv", text);
        let out = env.ok(&["import", kind, name(&f), "--dry-run"]);
        assert!(
            out.contains("would be imported; nothing was written (--dry-run)"),
            "{out}"
        );
    }
    assert_eq!(env.dump(), before);
    let f = env.write(
        "bad.csv",
        "cadre,enterprise,visited_on\nC01,914403001922038216,2023-03-01\n",
    );
    let line = env.fails(2, &["import", "visits", name(&f), "--dry-run"]);
    assert!(line.ends_with("nothing would be written"), "{line}");
}

#[test]
fn upsert_updates_registry_records_in_place() {
    let env = registry();
    let o = import_text(
        &env,
        "cadres",
        "c.csv",
        "code,name,unit,rank,phone\nC01,王芳,D02,正科级,023-6123 4567\nC09,赵六,T01,,\n",
    );
    assert_eq!(o.status, 2);
    let f = env.write(
        "c.csv",
        "code,name,unit,rank,phone\nC01,王芳,D02,正科级,023-6123 4567\nC09,赵六,T01,,\n",
    );
    let out = env.ok(&["import", "cadres", name(&f), "--upsert"]);
    assert_eq!(out, "imported 2 cadres (1 new, 1 updated) from c.csv\n");
    assert_eq!(
        env.count("SELECT count(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.code = 'C01' AND u.code = 'D02' AND c.phone = '023-6123 4567' AND c.id = 1"),
        1
    );
    let line = env.fails(2, &["import", "visits", name(&f), "--upsert"]);
    assert!(
        line.contains("--upsert is for units, cadres and enterprises"),
        "{line}"
    );
}

#[test]
fn a_gbk_spreadsheet_with_chinese_headers_goes_in() {
    let env = Env::new();
    let files = [
        ("units", "编号,单位名称,类型\r\nT01,古南街道,街镇\r\nD01,区经济信息委,部门\r\n"),
        ("cadres", "干部编号,姓名,所在单位,职级,联系电话\r\nC01,王芳,D01,副科级,=\"02348612345\"\r\n"),
        (
            "enterprises",
            "统一社会信用代码,企业名称,所在街镇,产业链,重点企业\r\n914403001922038216,重庆金美新材料科技有限公司,T01,新材料,是\r\n",
        ),
        ("pairings", "干部,企业名称,层级,开始日期,结束日期\r\nC01,重庆金美新材料科技有限公司,区级,2022年1月10日,\r\n"),
        (
            "visits",
            "走访日期,干部,统一社会信用代码,走访方式,人次,工作任务,备注\r\n2022/3/1,C01,914403001922038216,实地,2,建档案、解难题,了解融资需求\r\n",
        ),
        ("meetings", "会议编号,召开日期,会议名称,参会干部\r\nM01,2022-05-10,助企座谈会,C01\r\n"),
        (
            "tickets",
            "问题编号,企业名称,收集干部,收集日期,类别,问题描述,承办单位,办理时限,状态,状态日期\r\nQ1,重庆金美新材料科技有限公司,C01,2022-03-01,融资,贷款难,D01,2022-06-30,正在办理,2022-03-02\r\n",
        ),
        ("events", "问题编号,办理日期,状态,办理人,办理情况,座谈会\r\nQ1,,已解决,C01,会上协调解决,M01\r\n"),
    ];
    for (kind, text) in files {
        let bytes = gbk(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let f = env.write(&format!("{kind}.csv"), bytes);
        env.ok(&["import", kind, name(&f)]);
    }
    assert_eq!(env.count("SELECT count(*) FROM visits WHERE tasks = 9 AND kind = 'onsite' AND people = 2 AND note = '了解融资需求'"), 1);
    assert_eq!(
        env.count("SELECT count(*) FROM cadres WHERE phone = '02348612345'"),
        1
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM tickets WHERE status = 'resolved' AND status_on = '2022-05-10'"
        ),
        1
    );
    assert_eq!(
        env.count("SELECT count(*) FROM enterprises WHERE key = '1'"),
        1
    );
    // Forcing the wrong encoding is an error, never mojibake in the database.
    let f = env.write("u8.csv", "编号,单位名称,类型\nT02,文龙街道,街镇\n");
    let line = env.fails(2, &["import", "units", name(&f), "--encoding", "gbk"]);
    assert!(line.contains("unknown column"), "{line}");
    // Standard input works too.
    let o = env.run_stdin(
        &["import", "units", "-"],
        &gbk("编号,单位名称,类型\nT02,文龙街道,街镇\n"),
    );
    assert_eq!(o.status, 0, "{}", o.transcript());
}

/// LibreOffice, when installed, reads an export with the Chinese text and the
/// 18-digit codes and phones intact.
#[test]
fn libreoffice_reads_exports_intact() {
    if skip_slow("import::libreoffice_reads_exports_intact") {
        return;
    }
    let Some(office) = program(
        "import::libreoffice_reads_exports_intact",
        &["libreoffice", "soffice"],
        "libreoffice-calc-nogui",
    ) else {
        return;
    };
    let env = rich();
    for kind in ["enterprises", "cadres"] {
        let csv_path = env.path(&format!("{kind}.csv"));
        export(&env, kind, &[]);
        let xlsx_dir = env.path(&format!("{kind}-xlsx"));
        let back_dir = env.path(&format!("{kind}-back"));
        let profile = format!(
            "-env:UserInstallation=file://{}",
            env.path("lo-profile").display()
        );
        let run = |args: &[&str]| {
            let o = std::process::Command::new(&office)
                .arg(&profile)
                .args(["--headless", "--norestore"])
                .args(args)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        };
        // CSV filter options: comma, double quote, UTF-8 (76), start at line 1.
        run(&[
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            xlsx_dir.to_str().unwrap(),
            csv_path.to_str().unwrap(),
        ]);
        let xlsx = xlsx_dir.join(format!("{kind}.xlsx"));
        run(&[
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            back_dir.to_str().unwrap(),
            xlsx.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(back_dir.join(format!("{kind}.csv"))).unwrap();
        // LibreOffice quotes every text cell; what matters is what is inside.
        let text = text.trim_start_matches('\u{feff}').replace('"', "");
        match kind {
            "enterprises" => {
                assert!(
                    text.contains("914403001922038216,重庆金美新材料科技有限公司"),
                    "{text}"
                );
                assert!(
                    text.contains("91350100M000100Y43,重庆新视通智能科技有限公司"),
                    "{text}"
                );
                assert!(text.contains("铝(再生铝)及铝精深加工"), "{text}");
                assert!(!text.contains("E+17"), "{text}");
            }
            _ => {
                assert!(text.contains("C01,王芳,D01,副科级,13800138000"), "{text}");
            }
        }
    }
}

#[test]
fn chinese_headers_from_export_go_back_in() {
    let source = rich();
    let target = Env::new();
    for kind in KINDS {
        let path = source.path(&format!("{kind}.csv"));
        source.ok(&[
            "--lang",
            "zh",
            "export",
            kind,
            "--encoding",
            "gbk",
            "-o",
            path.to_str().unwrap(),
        ]);
        let file = target.write(&format!("{kind}.csv"), std::fs::read(path).unwrap());
        target.ok(&["import", kind, name(&file)]);
    }
    assert_eq!(content(&target), content(&source));
    let header = gbk("干部,企业,走访日期,方式,人次,工作任务,备注,未结对走访,作废日期,作废原因\r\n");
    assert!(std::fs::read(target.path("visits.csv"))
        .unwrap()
        .starts_with(&header));
}

#[test]
fn short_names_are_a_column_of_the_enterprises_file() {
    let source = rich();
    let csv = String::from_utf8(export(&source, "enterprises", &["--no-bom"])).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("uscc,name,short_name,town,chain,key"));
    assert!(
        csv.contains(",重庆金美新材料科技有限公司,金美,T01,"),
        "{csv}"
    );
    // Guarded like any text a spreadsheet could run.
    assert!(csv.contains(",'@短,"), "{csv}");
    let zh = source.path("zh.csv");
    source.ok(&[
        "--lang",
        "zh",
        "export",
        "enterprises",
        "--no-bom",
        "-o",
        zh.to_str().unwrap(),
    ]);
    let zh = std::fs::read_to_string(zh).unwrap();
    assert!(
        zh.starts_with("统一社会信用代码,企业名称,简称,所在街镇,产业链,重点企业"),
        "{zh}"
    );

    // Into an empty database, under either header, the short names come back.
    for text in [&csv, &zh] {
        let target = Env::new();
        target.ok(&["unit", "add", "T01", "古南街道", "--kind", "town"]);
        target.ok(&["unit", "add", "T02", "文龙街道", "--kind", "town"]);
        assert_eq!(import_text(&target, "enterprises", "e.csv", text).status, 0);
        let shown = target.ok(&["enterprise", "show", "金美"]);
        assert!(
            shown.contains("914403001922038216") && shown.contains("short name: 金美"),
            "{shown}"
        );
        assert_eq!(
            target.count("SELECT count(*) FROM enterprises WHERE short_name = '@短'"),
            1
        );
        assert_eq!(
            target.count("SELECT count(*) FROM enterprises WHERE short_name IS NULL"),
            2
        );
        // Sent again: already present.
        let again = target.ok(&["import", "enterprises", "e.csv", "--again"]);
        assert!(again.contains("already present"), "{again}");
    }

    // A file from before the column still imports, and leaves short names alone.
    let env = registry();
    env.ok(&["enterprise", "set-short", "914403001922038216", "金美"]);
    let new = qianqi::domain::uscc::Uscc::complete("91500222MA5U0000X").unwrap();
    let old = format!(
        "uscc,name,town\n914403001922038216,重庆金美新材料科技有限公司,T01\n{},新企业,T01\n",
        new.as_str()
    );
    let o = import_text(&env, "enterprises", "old.csv", &old);
    assert_eq!(o.status, 0, "{}", o.transcript());
    assert_eq!(
        env.count("SELECT count(*) FROM enterprises WHERE short_name = '金美'"),
        1
    );

    // A short name is one enterprise's, and never a credit code.
    let other = qianqi::domain::uscc::Uscc::complete("91500222MA5U0000Y").unwrap();
    let line = rejected(
        &env,
        "enterprises",
        &format!(
            "uscc,name,short_name,town\n{},另一企业,金美,T01\n",
            other.as_str()
        ),
    );
    assert!(line.contains("line 2, column short_name: short name \"金美\" names another enterprise (914403001922038216 重庆金美新材料科技有限公司)"), "{line}");
    let line = rejected(
        &env,
        "enterprises",
        &format!(
            "uscc,name,short_name,town\n{},另一企业,914403001922038216,T01\n",
            other.as_str()
        ),
    );
    assert!(line.contains("line 2, column short_name: short name \"914403001922038216\" is a unified social credit code"), "{line}");

    // A different short name is another value: refused without --upsert, set with it.
    let changed =
        "uscc,name,short_name,town\n914403001922038216,重庆金美新材料科技有限公司,金美新材,T01\n";
    let line = rejected(&env, "enterprises", changed);
    assert!(line.contains("already exists with other values"), "{line}");
    env.write("up.csv", changed);
    env.ok(&["import", "enterprises", "up.csv", "--upsert"]);
    assert_eq!(
        env.count("SELECT count(*) FROM enterprises WHERE short_name = '金美新材'"),
        1
    );
    // An empty cell in the column takes it away.
    env.write(
        "up.csv",
        "uscc,name,short_name,town\n914403001922038216,重庆金美新材料科技有限公司,,T01\n",
    );
    env.ok(&["import", "enterprises", "up.csv", "--upsert"]);
    assert_eq!(
        env.count("SELECT count(*) FROM enterprises WHERE short_name IS NOT NULL"),
        0
    );
}

#[test]
fn exported_fixed_words_are_in_the_language_asked_and_go_back_in() {
    let source = rich();
    let zh = |kind: &str, extra: &[&str]| {
        let mut args = vec!["--lang", "zh", "export", kind, "--no-bom"];
        args.extend_from_slice(extra);
        source.ok(&args)
    };
    let en = |kind: &str, extra: &[&str]| {
        let mut args = vec!["export", kind, "--no-bom"];
        args.extend_from_slice(extra);
        source.ok(&args)
    };
    // A spreadsheet for people: kind, tasks, yes/no, tier, unit kind,
    // action and status in Chinese under --lang zh, as stored in English.
    for (kind, chinese, english) in [
        (
            "visits",
            ",电话,3,建档案、解难题,",
            ",phone,3,file;problem,",
        ),
        ("visits", ",否,", ",no,"),
        ("enterprises", ",新材料,是", ",新材料,yes"),
        ("pairings", ",区级,", ",district,"),
        ("units", ",部门", ",dept"),
        ("events", ",签收,正在办理,C01,", ",accept,in_progress,C01,"),
        (
            "events",
            ",政策解释,政策解释,C02,",
            ",explain,explained,C02,",
        ),
        ("events", ",重办,正在办理,C02,", ",reopen,in_progress,C02,"),
    ] {
        let (z, e) = (zh(kind, &[]), en(kind, &[]));
        assert!(
            z.contains(chinese) && !z.contains(english),
            "{kind} in zh:\n{z}"
        );
        assert!(e.contains(english), "{kind} in en:\n{e}");
    }
    // For scripts, --plain and JSON keep the stored names in either language.
    assert!(zh("visits", &["--plain"]).contains(",phone,3,file;problem,"));
    let json = source.ok(&["--lang", "zh", "export", "visits", "--format", "json"]);
    assert!(
        json.contains("\"kind\":\"phone\",\"people\":3,\"tasks\":\"file;problem\""),
        "{json}"
    );
    // The Chinese files rebuild the same database.
    let target = Env::new();
    for kind in KINDS {
        let file = target.write(&format!("{kind}.csv"), zh(kind, &[]));
        target.ok(&["import", kind, name(&file)]);
    }
    assert_eq!(content(&target), content(&source));
}

#[test]
fn an_upsert_changes_only_the_columns_the_file_has() {
    let env = Env::new();
    env.seed();
    env.write("c.csv", "code,name,unit\r\nC01,王芳芳,D02\r\n");
    let out = env.ok(&["import", "cadres", "c.csv", "--upsert"]);
    assert_eq!(out, "imported 1 cadre (0 new, 1 updated) from c.csv\n");
    assert_eq!(
        env.count("SELECT count(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.code = 'C01' AND c.name = '王芳芳' AND u.code = 'D02' AND c.rank = '副科级' AND c.phone = '13800138000'"),
        1
    );
    env.write(
        "e.csv",
        "uscc,name,town\r\n914403001922038216,重庆金美,T01\r\n",
    );
    env.ok(&["import", "enterprises", "e.csv", "--upsert"]);
    assert_eq!(
        env.count("SELECT count(*) FROM enterprises WHERE uscc = '914403001922038216' AND name = '重庆金美' AND chain = '新材料' AND key = '1'"),
        1
    );
    // A column the file has is changed, even to empty.
    env.write("c.csv", "code,name,unit,phone\r\nC01,王芳芳,D02,\r\n");
    env.ok(&["import", "cadres", "c.csv", "--upsert"]);
    assert_eq!(
        env.count(
            "SELECT count(*) FROM cadres WHERE code = 'C01' AND phone = '' AND rank = '副科级'"
        ),
        1
    );
}

#[test]
fn a_registry_row_equal_to_the_record_is_already_present() {
    let env = Env::new();
    env.seed();
    env.write(
        "u.csv",
        "code,name,kind\r\nT01,古南街道,town\r\nT09,新街道,town\r\n",
    );
    let before = env.count("SELECT count(*) FROM units");
    let out = env.ok(&["import", "units", "u.csv"]);
    assert_eq!(
        out,
        "imported 1 unit from u.csv (2 rows: 1 imported, 1 already present)\n"
    );
    assert_eq!(env.count("SELECT count(*) FROM units"), before + 1);
}

/// Three visits of last week, as a file.
const LAST_WEEK: &str = "cadre,enterprise,visited_on,kind,people,tasks,note\r\n\
C01,914403001922038216,2022-03-01,onsite,1,file,建档\r\n\
C01,914403001922038216,2022-03-02,phone,2,,\r\n\
C03,91350100M000100Y43,2022-03-02,onsite,1,policy;problem,送政策\r\n";

#[test]
fn a_resent_visits_file_adds_only_the_new_rows() {
    let env = Env::new();
    env.seed();
    env.write("week1.csv", LAST_WEEK);
    env.ok(&["import", "visits", "week1.csv"]);
    let resent = format!("{LAST_WEEK}C03,91350100M000100Y43,2022-03-09,onsite,1,,回访\r\n");
    env.write("week2.csv", &resent);
    let before = env.dump();
    let out = env.ok(&["import", "visits", "week2.csv", "--dry-run"]);
    assert!(
        out.contains("(4 rows: 1 imported, 3 already present)"),
        "{out}"
    );
    assert_eq!(before, env.dump());
    let out = env.ok(&["import", "visits", "week2.csv"]);
    assert_eq!(
        out,
        "imported 1 visit from week2.csv (4 rows: 1 imported, 3 already present)\n"
    );
    assert_eq!(env.count("SELECT count(*) FROM visits"), 4);
    // A row that differs in any value is a visit of its own.
    env.write(
        "week3.csv",
        "cadre,enterprise,visited_on,kind,people,tasks,note\r\nC01,914403001922038216,2022-03-02,phone,3,,\r\n",
    );
    env.ok(&["import", "visits", "week3.csv"]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 5);
    // Many rows present among many new ones: the batches are looked up as a whole.
    let mut big = String::from("cadre,enterprise,visited_on,note\r\n");
    for i in 0..9000 {
        big.push_str(&format!(
            "C01,914403001922038216,2022-04-{:02},n{i}\r\n",
            1 + i % 28
        ));
    }
    env.write("big.csv", &big);
    env.ok(&["import", "visits", "big.csv"]);
    big.push_str("C01,914403001922038216,2022-05-01,new\r\n");
    env.write("big2.csv", &big);
    let out = env.ok(&["import", "visits", "big2.csv"]);
    assert!(
        out.contains("(9001 rows: 1 imported, 9000 already present)"),
        "{out}"
    );
}

#[test]
fn the_same_visit_twice_in_one_file_is_told_of_and_kept() {
    let env = Env::new();
    env.seed();
    // Two phone calls on one day, with no note: two visits.
    let twice = "C01,914403001922038216,2022-03-02,phone,2,,\r\n";
    env.write("v.csv", format!("{LAST_WEEK}{twice}"));
    let out = env.ok(&["import", "visits", "v.csv"]);
    assert_eq!(
        out,
        "imported 4 visits from v.csv (1 row is the same as an earlier row of the file, kept as visits of their own: line 5 repeats line 3)\n"
    );
    assert_eq!(env.count("SELECT count(*) FROM visits"), 4);
    // Sent again with a third call: each recorded visit stands for one row.
    env.write("v2.csv", format!("{LAST_WEEK}{twice}{twice}"));
    let out = env.ok(&["import", "visits", "v2.csv"]);
    assert!(
        out.starts_with(
            "imported 1 visit from v2.csv (5 rows: 1 imported, 4 already present; 2 rows are"
        ),
        "{out}"
    );
    assert_eq!(env.count("SELECT count(*) FROM visits"), 5);
}

#[test]
fn a_ticket_code_twice_in_one_file_names_the_earlier_line() {
    let env = Env::new();
    env.seed();
    env.write(
        "t.csv",
        "code,enterprise,cadre,collected_on,summary\r\n\
         2022-0100,914403001922038216,C01,2022-03-01,融资难\r\n\
         2022-0100,914403001922038216,C01,2022-03-02,招工难\r\n",
    );
    let msg = env.fails(2, &["import", "tickets", "t.csv"]);
    assert!(
        msg.contains(
            "line 3, column code: \"2022-0100\" appears again in this file (first on line 2)"
        ),
        "{msg}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_imports() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let name = std::ffi::OsStr::from_bytes(b"\xb5\xa5\xce\xbb.csv");
    std::fs::write(
        env.dir.path().join(name),
        "code,name,kind\r\nT01,古南街道,town\r\n",
    )
    .unwrap();
    let mut c = env.command();
    c.args(["import", "units"]).arg(name);
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.count("SELECT count(*) FROM units"), 1);
}
