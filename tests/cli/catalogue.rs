//! The bad-input catalogue: every entry gets a clear one-line error naming
//! the problem, its exit status, no panic and an unchanged database
//! (`Env::fails` checks all four). Entries for CSV imports join this table
//! when the importer lands.

use crate::harness::*;

const E1: &str = "914403001922038216";
const E2: &str = "91350100M000100Y43";

/// The seeded world, one ticket in progress (2022-0001), one awaiting
/// (2022-0002), a meeting, and two enterprises sharing a name.
fn world() -> Env {
    let env = Env::new();
    env.seed();
    for args in [
        &[
            "ticket",
            "add",
            E1,
            "融资难",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
        ][..],
        &[
            "ticket",
            "add",
            E2,
            "招工难",
            "--cadre",
            "C03",
            "--on",
            "2022-03-02",
        ],
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-05",
        ],
        &[
            "meeting",
            "add",
            "M001",
            "--title",
            "座谈会",
            "--on",
            "2022-04-15",
            "--cadres",
            "C01",
        ],
    ] {
        env.ok(args);
    }
    for first17 in ["91500222MA5U00001", "91500222MA5U00002"] {
        let code = qianqi::domain::uscc::Uscc::complete(first17).unwrap();
        env.ok(&[
            "enterprise",
            "add",
            code.as_str(),
            "同名企业",
            "--town",
            "T02",
        ]);
    }
    env
}

#[rustfmt::skip]
const CATALOGUE: &[(&[&str], i32, &str)] = &[
    // Dates that do not exist, or are not dates.
    (&["visit", E1, "--cadre", "C01", "--on", "2022-02-30"], 2, "\"2022-02-30\" is not a date"),
    (&["visit", E1, "--cadre", "C01", "--on", "2022-13-01"], 2, "\"2022-13-01\" is not a date"),
    (&["ticket", "add", E1, "问题", "--cadre", "C01", "--on", "yesterday"], 2, "\"yesterday\" is not a date"),
    (&["pair", "C02", E2, "--tier", "town", "--on", "2022/2/30"], 2, "\"2022/2/30\" is not a date"),
    (&["ticket", "list", "--from", "2022年13月1日"], 2, "is not a date"),
    (&["meeting", "add", "M009", "--title", "t", "--on", "２０２２-03-01"], 2, "is not a date"),
    (&["visit", E1, "--cadre", "C01", "--on", "2023-01-01"], 2, "2023-01-01 is in the future"),
    // Numbers out of range.
    (&["visit", E1, "--cadre", "C01", "--people", "0"], 2, "--people"),
    (&["visit", E1, "--cadre", "C01", "--people", "-3"], 2, "--people"),
    (&["visit", E1, "--cadre", "C01", "--people", "99999999999999999999"], 2, "--people"),
    (&["visit", E1, "--cadre", "C01", "--people", "十"], 2, "--people"),
    (&["--busy-timeout", "-1", "unit", "list"], 2, "--busy-timeout"),
    (&["--busy-timeout", "99999999999999999999999", "unit", "list"], 2, "--busy-timeout"),
    (&["--busy-timeout", "5s", "unit", "list"], 2, "--busy-timeout"),
    (&["--busy-timeout", "99999999999", "unit", "list"], 2, "99999999999 is not in 0..=86400000"),
    // Unknown and ambiguous references.
    (&["visit", "不存在的企业", "--cadre", "C01"], 2, "no enterprise named \"不存在的企业\""),
    (&["visit", E1, "--cadre", "C99"], 2, "no cadre with code \"C99\""),
    (&["ticket", "accept", "2022-9999", "--by", "C01"], 2, "no ticket with code \"2022-9999\""),
    (&["ticket", "resolve", "2022-0001", "--by", "C09"], 2, "no cadre with code \"C09\""),
    (&["ticket", "resolve", "2022-0001", "--by", "C01", "--meeting", "M404"], 2, "no meeting with code \"M404\""),
    (&["cadre", "add", "C04", "赵六", "--unit", "X99"], 2, "no unit with code \"X99\""),
    (&["enterprise", "add", "91110000600037341L", "某公司", "--town", "D01"], 2, "is a dept, not a town"),
    (&["visit", "同名企业", "--cadre", "C01", "--unpaired"], 2, "2 enterprises are named \"同名企业\""),
    // Duplicate codes.
    (&["unit", "add", "T01", "另一个街道", "--kind", "town"], 2, "a unit with code \"T01\" already exists"),
    (&["cadre", "add", "C01", "重名", "--unit", "D01"], 2, "a cadre with code \"C01\" already exists"),
    (&["enterprise", "add", E1, "另一家", "--town", "T01"], 2, "already exists"),
    (&["ticket", "add", E1, "重复", "--cadre", "C01", "--code", "2022-0001"], 2, "a ticket with code \"2022-0001\" already exists"),
    (&["meeting", "add", "M001", "--title", "again", "--on", "2022-05-01"], 2, "a meeting with code \"M001\" already exists"),
    (&["pair", "C01", E2, "--tier", "district", "--on", "2022-03-01"], 2, "already serves"),
    // Forbidden transitions.
    (&["ticket", "accept", "2022-0001", "--by", "C02"], 2, "cannot accept ticket 2022-0001: it is in_progress"),
    (&["ticket", "reopen", "2022-0002", "--by", "C03"], 2, "cannot reopen ticket 2022-0002: it is collected"),
    (&["ticket", "resolve", "2022-0001", "--by", "C02", "--on", "2022-03-04"], 2, "is before its last change on 2022-03-05"),
    // Unified social credit codes.
    (&["enterprise", "add", "914403001922038217", "校验位错", "--town", "T01"], 2, "914403001922038217"),
    (&["enterprise", "add", "91440300192203821", "十七位", "--town", "T01"], 2, "91440300192203821"),
    (&["enterprise", "add", "9144030019220382166", "十九位", "--town", "T01"], 2, "9144030019220382166"),
    (&["enterprise", "add", "９１４４０３００１９２２０３８２１６", "全角数字", "--town", "T01"], 2, "unified social credit code"),
    (&["enterprise", "add", "91440300192203821I", "字母I", "--town", "T01"], 2, "91440300192203821I"),
    (&["visit", "914403001922038217", "--cadre", "C01"], 2, "unified social credit code"),
    // Database paths.
    (&["--db", ".", "unit", "list"], 2, "is a directory"),
    (&["--db", "missing.db", "visit", E1, "--cadre", "C01"], 2, "no database at"),
    (&["--db", "notes.txt", "unit", "list"], 2, "is not a qianqi database"),
    (&["--db", "random.bin", "check"], 2, "is not a qianqi database"),
    // Usage.
    (&["ticket", "close", "2022-0001"], 2, "unrecognized subcommand"),
    (&["visit", E1, "--cadre", "C01", "--kind", "carrier-pigeon"], 2, "carrier-pigeon"),
    (&["ticket", "accept", "2022-0002"], 2, "--by"),
];

#[test]
fn every_bad_input_gets_one_clear_line_and_changes_nothing() {
    assert!(CATALOGUE.len() >= 25);
    let env = world();
    env.write("notes.txt", "code,name\nT01,古南街道\n");
    env.write(
        "random.bin",
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    );
    let mut wrong = Vec::new();
    for (args, status, needle) in CATALOGUE {
        let line = env.fails(*status, args);
        if !line.contains(needle) {
            wrong.push(format!("{args:?}\n  wanted {needle:?}\n  got    {line}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(!env.path("missing.db").exists());
}

/// Makes a file unwritable even for root (tests run as root in CI, where
/// permission bits do not stop writes): the immutable attribute. Without
/// chattr or its capability, plain permission bits do, unless we are root.
struct ReadOnly(std::path::PathBuf, bool);

impl ReadOnly {
    fn new(path: &std::path::Path) -> Option<ReadOnly> {
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success());
        if chattr {
            return Some(ReadOnly(path.to_owned(), true));
        }
        let mut perms = std::fs::metadata(path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(path, perms).unwrap();
        // Root writes through permission bits; then there is nothing to test.
        let writable = std::fs::OpenOptions::new().write(true).open(path).is_ok();
        Some(ReadOnly(path.to_owned(), false)).filter(|_| !writable)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        } else if let Ok(m) = std::fs::metadata(&self.0) {
            let mut perms = m.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&self.0, perms);
        }
    }
}

#[test]
fn a_read_only_database_is_read_but_never_written() {
    let env = world();
    // Nothing left in a log: the file alone is the database.
    env.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let bytes = std::fs::read(&env.db).unwrap();
    let Some(_guard) = ReadOnly::new(&env.db) else {
        eprintln!("skipped: cannot make a file read-only here (root without chattr)");
        return;
    };
    let msg = env.fails(2, &["visit", E1, "--cadre", "C01", "--on", "2022-03-01"]);
    assert!(
        msg.contains("is read-only") && msg.contains("nothing was written"),
        "{msg}"
    );
    let msg = env.fails(2, &["ticket", "resolve", "2022-0001", "--by", "C02"]);
    assert!(msg.contains("is read-only"), "{msg}");
    // Reading still works.
    assert!(env.ok(&["ticket", "list"]).contains("2022-0001"));
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn text_is_stored_and_printed_exactly_as_given() {
    let env = Env::new();
    env.seed();
    let texts = [
        "重庆旗能电铝有限公司（二期）",
        "emoji 🏭🚚✅ and ZWJ 👩‍🔧",
        "quotes \"double\" 'single' “中文引号” ‘单引号’",
        "two\nlines\r\nand a\ttab",
        "'); DROP TABLE tickets;--",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+1",
        "@SUM(A1:A9)",
        "inner  spaces   kept",
        "\\N NULL null",
    ];
    for (i, text) in texts.iter().enumerate() {
        let code = format!("RT-{i}");
        env.ok(&[
            "ticket",
            "add",
            E1,
            text,
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--code",
            &code,
            "--category",
            text,
        ]);
        env.ok(&[
            "visit",
            E1,
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--note",
            text,
        ]);
        env.ok(&[
            "ticket",
            "accept",
            &code,
            "--by",
            "C02",
            "--on",
            "2022-03-02",
            "--note",
            text,
        ]);
    }
    let tickets: serde_json::Value =
        serde_json::from_str(&env.ok(&["ticket", "list", "--format", "json"])).unwrap();
    let visits: serde_json::Value =
        serde_json::from_str(&env.ok(&["visit", "list", "--format", "json"])).unwrap();
    for (i, text) in texts.iter().enumerate() {
        let t = &tickets.as_array().unwrap()[i];
        assert_eq!(t["code"], format!("RT-{i}"));
        assert_eq!(t["summary"].as_str(), Some(*text), "summary {i}");
        assert_eq!(t["category"].as_str(), Some(*text), "category {i}");
        assert_eq!(visits[i]["note"].as_str(), Some(*text), "note {i}");
        let shown = env.ok(&["ticket", "show", &format!("RT-{i}")]);
        assert!(shown.contains(text), "ticket show {i}:\n{shown}");
        let stored: String = env
            .sql()
            .query_row(
                "SELECT note FROM ticket_events WHERE status = 'in_progress' AND ticket_id = ?1",
                [i as i64 + 1],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stored, *text);
    }
    // The SQL-looking text stayed text.
    assert_eq!(
        env.count("SELECT count(*) FROM tickets"),
        texts.len() as i64
    );
    // A name is stored as given too (names are trimmed of surrounding spaces only).
    let name = "王😀'); DROP TABLE cadres;--";
    env.ok(&["cadre", "add", "C77", name, "--unit", "D01"]);
    let cadres: serde_json::Value =
        serde_json::from_str(&env.ok(&["cadre", "list", "--format", "json"])).unwrap();
    assert!(
        cadres.as_array().unwrap().iter().any(|c| c["name"] == name),
        "{cadres}"
    );
    env.ok(&["check"]);
}
