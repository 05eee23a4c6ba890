//! The bad-input catalogue: every entry gets a clear one-line error naming
//! the problem, its exit status, no panic and an unchanged database
//! (`Env::fails` checks all four). The command-line half comes first, then
//! the files given to `qianqi import`, where the message also names the line
//! and column when the problem has one.

use crate::harness::*;

const E1: &str = "914403001922038216";
const E2: &str = "91350100M000100Y43";

/// The seeded world, one ticket in progress (2022-0001), one awaiting
/// (2022-0002), a meeting, and two enterprises sharing a name.
pub(crate) fn world() -> Env {
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
            "--department",
            "D02",
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
pub(crate) const CATALOGUE: &[(&[&str], i32, &str)] = &[
    // Dates that do not exist, or are not dates.
    (&["visit", E1, "--cadre", "C01", "--on", "2022-02-30"], 2, "\"2022-02-30\" is not a date"),
    (&["visit", E1, "--cadre", "C01", "--on", "2022-13-01"], 2, "\"2022-13-01\" is not a date"),
    (&["ticket", "add", E1, "问题", "--cadre", "C01", "--on", "last week"], 2, "\"last week\" is not a date"),
    (&["ticket", "add", E1, "问题", "--cadre", "C01", "--on", "32号"], 2, "\"32号\" is not a date"),
    (&["visit", E1, "--cadre", "C01", "--on", "2月30日"], 2, "\"2月30日\" is not a date"),
    (&["pair", "C02", E2, "--tier", "town", "--on", "2022/2/30"], 2, "\"2022/2/30\" is not a date"),
    (&["ticket", "list", "--from", "2022年13月1日"], 2, "is not a date"),
    (&["meeting", "add", "M009", "--title", "t", "--on", "２０２２-03-32"], 2, "is not a date"),
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
    (&["visit", "重庆", "--cadre", "C01", "--unpaired"], 2, "\"重庆\" matches several enterprises ("),
    (&["cadre", "list", "--unit", "街道"], 2, "\"街道\" matches several units (T01 古南街道, T02 文龙街道)"),
    (&["enterprise", "add", "91110000600037341L", "某公司", "--town", "古南街道", "--short", "重庆新视通智能科技有限公司"], 2, "short name \"重庆新视通智能科技有限公司\" names another enterprise (91350100M000100Y43 重庆新视通智能科技有限公司)"),
    (&["enterprise", "set-short", E1, E2], 2, "short name \"91350100M000100Y43\" is a unified social credit code"),
    // Duplicate codes.
    (&["unit", "add", "T01", "另一个街道", "--kind", "town"], 2, "a unit with code \"T01\" already exists"),
    (&["cadre", "add", "C01", "重名", "--unit", "D01"], 2, "a cadre with code \"C01\" already exists"),
    (&["enterprise", "add", E1, "另一家", "--town", "T01"], 2, "already exists"),
    (&["ticket", "add", E1, "重复", "--cadre", "C01", "--code", "2022-0001"], 2, "a ticket with code \"2022-0001\" already exists"),
    (&["meeting", "add", "M001", "--title", "again", "--on", "2022-05-01"], 2, "a meeting with code \"M001\" already exists"),
    (&["pair", "C01", E2, "--tier", "district", "--on", "2022-03-01"], 2, "already serves"),
    // Forbidden transitions.
    (&["ticket", "accept", "2022-0001", "--by", "C02"], 2, "cannot accept ticket 2022-0001: it is in_progress"),
    (&["ticket", "accept", "2022-0002", "--by", "C02"], 2, "ticket 2022-0002 has no handling department to accept it; name the department: ticket accept 2022-0002 --department UNIT"),
    (&["ticket", "accept", "2022-0002", "--by", "C02", "--due", "2022-05-01"], 2, "ticket 2022-0002 has no handling department to accept it"),
    (&["ticket", "reopen", "2022-0002", "--by", "C03"], 2, "cannot reopen ticket 2022-0002: it is collected"),
    (&["ticket", "resolve", "2022-0001", "--by", "C02", "--on", "2022-03-04"], 2, "is before its last change on 2022-03-05"),
    // The closed loop and corrections.
    (&["ticket", "follow-up", "2022-0001", "--outcome", "solved", "--by", "C01"], 2, "only a resolved or explained ticket can be followed up"),
    (&["ticket", "assign", "2022-0001", "--department", "D01", "--by", "C01"], 2, "only a collected ticket can be assigned"),
    (&["ticket", "return", "2022-0002", "--reason", "错派", "--by", "C01"], 2, "only an assigned ticket can be returned"),
    (&["ticket", "extend", "2022-0001", "--until", "2022-12-01", "--reason", "", "--by", "C01"], 2, "say why with --reason"),
    (&["ticket", "extend", "2022-0002", "--until", "2022-12-01", "--reason", "等材料", "--by", "C01"], 2, "has no due date to extend"),
    (&["ticket", "urge", "2022-0001", "--level", "shout", "--by", "C01"], 2, "remind, supervise, notify"),
    (&["ticket", "follow-up", "2022-0001", "--outcome", "maybe", "--by", "C01"], 2, "solved, partly, unsolved"),
    (&["ticket", "void", "2022-0002", "--reason", " ", "--by", "C01"], 2, "say why with --reason"),
    (&["ticket", "amend", "2022-0002", "--by", "C01"], 2, "give at least one of --summary"),
    (&["ticket", "amend", "2022-0002", "--summary", "招工难", "--by", "C01"], 2, "is already \"招工难\""),
    (&["ticket", "amend", "2022-0002", "--summary", " ", "--by", "C01"], 2, "a ticket needs a summary"),
    // Categories and the calendar.
    (&["category", "add", "用地", "--days", "0"], 2, "0 working days is not a deadline; give 1 to 365"),
    (&["category", "add", "用地", "--days", "366"], 2, "366 working days is not a deadline"),
    (&["category", "add", "Total", "--days", "5"], 2, "is the name of the total row"),
    (&["category", "add", " ", "--days", "5"], 2, "a category needs a name"),
    (&["calendar", "list", "--from", "2022-06-30", "--to", "2022-06-01"], 2, "--from 2022-06-30 is after --to 2022-06-01"),
    // The assessment.
    (&["report", "assessment", "--rank", "speed"], 2, "\"speed\" is not a rate; use response_rate"),
    (&["report", "assessment", "--by", "cadre"], 2, "department, unit, town, category"),
    (&["report", "assessment", "--as-of", "2023-01-01"], 2, "--as-of 2023-01-01 is in the future"),
    (&["report", "assessment", "--from", "2022-06-30", "--to", "2022-06-01"], 2, "--from 2022-06-30 is after --to 2022-06-01"),
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
    // Files written nowhere.
    (&["export", "units", "-o", "no-such-dir/units.csv"], 2, "the directory no-such-dir does not exist"),
    (&["backup", "no-such-dir/b.db"], 2, "the directory no-such-dir does not exist"),
    // Pairings on every day, corrections, periods and the total row.
    (&["pair", "C02", E1, "--tier", "district", "--on", "2021-06-01"], 2, "already has an open district-tier pairing with C01"),
    (&["visit", "void", "99", "--reason", "重复"], 2, "no visit with id 99"),
    (&["visit", "void", "1", "--reason", " "], 2, "a void needs a reason"),
    (&["visit", "list", "--from", "2022-06-30", "--to", "2022-06-01"], 2, "--from 2022-06-30 is after --to 2022-06-01"),
    (&["ticket", "list", "--from", "2022-06-30", "--to", "2022-06-01"], 2, "--from 2022-06-30 is after --to 2022-06-01"),
    (&["meeting", "list", "--from", "2022-06-30", "--to", "2022-06-01"], 2, "--from 2022-06-30 is after --to 2022-06-01"),
    (&["ticket", "add", E1, "重复", "--cadre", "C01", "--category", "total"], 2, "\"total\" is the name of the total row"),
    (&["unit", "add", "T09", "total", "--kind", "town"], 2, "\"total\" is the name of the total row"),
    // Usage.
    (&["ticket", "close", "2022-0001"], 2, "unrecognized subcommand"),
    (&["visit", E1, "--cadre", "C01", "--kind", "carrier-pigeon"], 2, "carrier-pigeon"),
    (&["ticket", "accept", "2022-0002"], 2, "--by"),
    // Text: one limit and no hidden characters on every path; codes visible only.
    (&["unit", "add", "T01\u{200b}", "古南", "--kind", "town"], 2, "invisible character U+200B"),
    (&["unit", "add", "T 03", "古南", "--kind", "town"], 2, "a code is visible characters only"),
    (&["cadre", "add", "C09", "王\u{1b}[31m芳", "--unit", "D01"], 2, "invisible character U+001B"),
    (&["visit", E1, "--cadre", "C01", "--note=a\u{202e}b"], 2, "--note: the text holds the invisible character U+202E"),
];

/// Files written onto the database file or its companions: SQLite's.
#[rustfmt::skip]
const ONTO_THE_DATABASE_FILE: &[(&[&str], i32, &str)] = &[
    (&["export", "units", "-o", "qianqi.db"], 2, "qianqi.db is the database itself"),
    (&["export", "visits", "-o", "./qianqi.db-wal"], 2, "is the write-ahead log of the database"),
    (&["unit", "list", "--format", "csv", "--output", "qianqi.db-journal"], 2, "is the rollback journal of the database"),
    (&["report", "reconcile", "--output", "qianqi.db"], 2, "qianqi.db is the database itself"),
    (&["backup", "qianqi.db-shm"], 2, "is the shared-memory index of the database"),
];

/// The files the catalogue's command lines name, written into `env`.
pub(crate) fn write_props(env: &Env) {
    env.write("notes.txt", "code,name\nT01,古南街道\n");
    env.write(
        "random.bin",
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    );
    std::fs::create_dir(env.path("a-directory")).unwrap();
}

#[test]
fn every_bad_input_gets_one_clear_line_and_changes_nothing() {
    assert!(CATALOGUE.len() >= 25);
    assert!(CATALOGUE.len() + csv_catalogue().len() >= 40);
    // On PostgreSQL, qianqi.db and its companions are ordinary file names.
    let catalogue = if on_postgres() {
        CATALOGUE.to_vec()
    } else {
        [CATALOGUE, ONTO_THE_DATABASE_FILE].concat()
    };
    let env = world();
    write_props(&env);
    let mut wrong = Vec::new();
    for (args, status, needle) in catalogue {
        let line = env.fails(status, args);
        if !line.contains(needle) {
            wrong.push(format!("{args:?}\n  wanted {needle:?}\n  got    {line}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(!env.path("missing.db").exists());
}

/// What `qianqi import` is given.
pub(crate) enum File {
    Bytes(Vec<u8>),
    /// A path given as is: one that does not exist, a directory.
    Path(&'static str),
}

pub(crate) struct CsvCase {
    pub(crate) kind: &'static str,
    pub(crate) file: File,
    /// Options after the file.
    pub(crate) args: &'static [&'static str],
    /// Where the message says the problem is, when it is in one place.
    pub(crate) at: Option<&'static str>,
    pub(crate) needle: &'static str,
}

impl CsvCase {
    /// The command line that imports case `i`'s file into `env` (written
    /// there as `bad-{i}.csv`), and the file's name.
    pub(crate) fn command(&self, env: &Env, i: usize) -> (String, Vec<String>) {
        let name = match &self.file {
            File::Bytes(bytes) => {
                let name = format!("bad-{i}.csv");
                env.write(&name, bytes);
                name
            }
            File::Path(p) => p.to_string(),
        };
        let mut args = vec!["import".to_string(), self.kind.to_string(), name.clone()];
        args.extend(self.args.iter().map(|a| a.to_string()));
        (name, args)
    }
}

fn case(kind: &'static str, text: &str, at: &'static str, needle: &'static str) -> CsvCase {
    CsvCase {
        kind,
        file: File::Bytes(text.as_bytes().to_vec()),
        args: &[],
        at: (!at.is_empty()).then_some(at),
        needle,
    }
}

const VISITS: &str = "cadre,enterprise,visited_on,kind,people,tasks,note\n";
const EVENTS: &str = "ticket,on,status,by,note,meeting\n";
const TICKETS: &str = "code,enterprise,cadre,collected_on,category,summary,department,due_on\n";

/// Bad files for every import kind, against `world()`.
pub(crate) fn csv_catalogue() -> Vec<CsvCase> {
    let v = |row: &str| format!("{VISITS}{row}\n");
    let mut cases = vec![
        // Malformed CSV.
        case("units", "code,name,kind\nT09,\"新街道,town\nT10,文龙,town\n", "line 2", "a quote (\") opens a cell that is never closed"),
        case("visits", &format!("{VISITS}C01,{E1},2022-03-01,onsite,1,,\"备注没有结束\nC01,{E1},2022-03-02,onsite,1,,第二行\n"), "line 2", "never closed"),
        case("cadres", "code,name,unit\nC09,赵六\n", "line 2", "2 cells where the header has 3"),
        case("cadres", "code,name,unit\r\nC08,赵五,D01\r\nC09,赵六\r\n", "line 3", "2 cells where the header has 3"),
        case("units", "code,name,kind\rT08,新街道,town\rT09,新街道,city\r", "line 3, column kind", "city"),
        case("units", "code,name,kind\r\n\"T09\u{200b}\",新街道,town\r\n", "line 2, column code", "invisible character U+200B"),
        case("units", "code,name,kind\r\n\"T 09\",新街道,town\r\n", "line 2, column code", "a code is visible characters only"),
        case("units", &format!("code,name,kind\r\nT09,{},town\r\n", "字".repeat(32_768)), "line 2, column name", "a text of 32768 characters; at most 32767"),
        case("tickets", &format!("{TICKETS}2022-0100,{E1},C01,2022-03-01,,融资难,,\n2022-0100,{E1},C01,2022-03-02,,融资难,,\n"), "line 3, column code", "appears again in this file (first on line 2)"),
        case("enterprises", "uscc,name,town\n91500222000000000B,有\0零字节,T01\n", "line 2", "a NUL byte"),
        case("units", "", "", "the file is empty; a units file starts with a header line: code,name,kind"),
        case("pairings", "cadre,enterprise,tier,started_on,ended_on\r\n", "", "has a header but no rows"),
        case("events", EVENTS, "", "has a header but no rows"),
        case("units", "code,name,kind,colour\nT09,新街道,town,红\n", "", "unknown column \"colour\""),
        case("visits", "cadre,enterprise,kind\nC01,914403001922038216,onsite\n", "", "missing column visited_on (走访日期)"),
        // Dates.
        case("visits", &v(&format!("C01,{E1},2022-02-30,onsite,1,,")), "line 2, column visited_on", "\"2022-02-30\" is not a date"),
        case("pairings", &format!("cadre,enterprise,tier,started_on\nC02,{E2},town,2022-13-01\n"), "line 2, column started_on", "\"2022-13-01\" is not a date"),
        case("tickets", &format!("{TICKETS}Q1,{E1},C01,上周三,融资,融资难,,\n"), "line 2, column collected_on", "\"上周三\" is not a date"),
        case("meetings", "code,held_on,title,cadres\nM002,2022-04-31,座谈会,C01\n", "line 2, column held_on", "\"2022-04-31\" is not a date"),
        // Numbers.
        case("visits", &v(&format!("C01,{E1},2022-03-01,onsite,-5,,")), "line 2, column people", "\"-5\" is not a number of person-visits"),
        case("visits", &v(&format!("C01,{E1},2022-03-01,onsite,99999999999999999999,,")), "line 2, column people", "use a whole number from 1 to 10000"),
        case("visits", &v(&format!("C01,{E1},2022-03-01,onsite,1.5,,")), "line 2, column people", "\"1.5\""),
        // Unknown and ambiguous references.
        case("tickets", &format!("{TICKETS}Q1,不存在的企业,C01,2022-03-01,融资,融资难,,\n"), "line 2, column enterprise", "no enterprise named \"不存在的企业\""),
        case("visits", &v("C01,同名企业,2022-03-01,onsite,1,,"), "line 2, column enterprise", "2 enterprises are named \"同名企业\""),
        case("visits", &v(&format!("C99,{E1},2022-03-01,onsite,1,,")), "line 2, column cadre", "no cadre with code \"C99\""),
        case("events", &format!("{EVENTS}2022-9999,2022-04-01,resolved,C01,,\n"), "line 2, column ticket", "no ticket with code \"2022-9999\""),
        case("meetings", "code,held_on,title,cadres\nM002,2022-04-01,座谈会,C01；C98\n", "line 2, column cadres", "no cadre with code \"C98\""),
        case("cadres", "code,name,unit\nC09,赵六,X99\n", "line 2, column unit", "no unit with code \"X99\""),
        case("pairings", &format!("cadre,enterprise,tier,started_on\nC02,{E2},province,2022-03-01\n"), "line 2, column tier", "province"),
        // Duplicate codes, in the file and against the database.
        case("units", "code,name,kind\nT09,新街道,town\nT09,新街道,town\n", "line 3, column code", "\"T09\" appears again in this file (first on line 2)"),
        case("cadres", "code,name,unit\nC01,重名,D01\n", "line 2, column code", "a cadre with code \"C01\" already exists"),
        case("tickets", &format!("{TICKETS}2022-0001,{E1},C01,2022-03-01,融资,重复,,\n"), "line 2, column code", "2022-0001"),
        case("meetings", "code,held_on,title,cadres\nM001,2022-05-01,again,C01\n", "line 2, column code", "a meeting with code \"M001\" already exists"),
        case("enterprises", &format!("uscc,name,town\n{E2},重复,T01\n"), "line 2, column uscc", "already exists"),
        // Forbidden transitions.
        case("events", &format!("{EVENTS}2022-0001,2022-04-01,in_progress,C02,,\n"), "line 2, column status", "cannot go from in_progress to in_progress"),
        case("events", &format!("{EVENTS}2022-0001,2022-04-01,resolved,C02,,\n2022-0001,2022-03-20,in_progress,C02,,\n"), "line 3, column on", "2022-04-01"),
        case("events", &format!("{EVENTS}2022-0002,2022-04-01,in_progress,C03,,\n"), "line 2, column department", "ticket 2022-0002 has no handling department to accept it; fill in the department column"),
        case("events", "ticket,on,action,by\n2022-0002,2022-04-01,accept,C03\n", "line 2, column department", "ticket 2022-0002 has no handling department to accept it; fill in the department column"),
        case("tickets", &format!("{}2022-0101,{E1},C01,2022-03-01,,融资难,,,in_progress,2022-03-02\n", TICKETS.replace('\n', ",status,status_on\n")), "line 2, column department", "ticket 2022-0101 has no handling department to accept it; fill in the department column"),
        case("events", &format!("{EVENTS}2022-0001,2022-04-01,closed,C02,,\n"), "line 2, column status", "\"closed\""),
        // Unified social credit codes.
        case("enterprises", "uscc,name,town\n914403001922038217,校验位错,T01\n", "line 2, column uscc", "\"914403001922038217\" check character is 7 but should be 6"),
        case("enterprises", "uscc,name,town\n91440300192203821,十七位,T01\n", "line 2, column uscc", "\"91440300192203821\""),
        case("enterprises", "uscc,name,town\n9144030019220382166,十九位,T01\n", "line 2, column uscc", "\"9144030019220382166\""),
        case("enterprises", "uscc,name,town\n９１４４０３００１９２２０３８２１６,全角数字,T01\n", "line 2, column uscc", "unified social credit code"),
        case("visits", &v("C01,914403001922038217,2022-03-01,onsite,1,,"), "line 2, column enterprise", "914403001922038217"),
        // Pairings on every day, voids and the total row.
        case("pairings", &format!("cadre,enterprise,tier,started_on,ended_on\nC02,{E1},district,2021-06-01,2022-02-01\n"), "line 2, column enterprise", "already has an open district-tier pairing with C01 王芳"),
        case("visits", &format!("cadre,enterprise,visited_on,voided_on,void_reason\nC01,{E1},2022-03-01,2022-03-02,\n"), "line 2, column void_reason", "a void needs a reason"),
        case("visits", &format!("cadre,enterprise,visited_on,voided_on,void_reason\nC01,{E1},2022-03-01,,重复\n"), "line 2, column voided_on", "needs the day it was voided"),
        case("tickets", &format!("{TICKETS}2022-0100,{E1},C01,2022-03-01,Total,融资难,,\n"), "line 2, column category", "\"Total\" is the name of the total row"),
        case("meetings", "code,held_on,title,cadres\ntotal,2022-04-01,座谈,C01\n", "line 2, column code", "\"total\" is the name of the total row"),
        // Files that are not CSV text.
        case("visits", &format!("{VISITS}C01,{E1},2022-03-01,onsite,1,,{}\n", "长".repeat(10 * 1024 * 1024 / 3)), "line 2, column note", "a text of 3495253 characters; at most 32767 are accepted (what a spreadsheet cell holds)"),
        CsvCase { kind: "meetings", file: File::Bytes(junk(4096)), args: &[], at: None, needle: "neither UTF-8 nor GBK" },
        CsvCase { kind: "units", file: File::Bytes(utf16("code,name,kind\nT09,Gunan,town\n")), args: &[], at: Some("line 1"), needle: "a NUL byte" },
        CsvCase { kind: "units", file: File::Bytes(gbk("code,name,kind\nT09,新街道,town\n")), args: &["--encoding", "utf8"], at: Some("line 2, column 2"), needle: "the text is not UTF-8" },
        CsvCase { kind: "units", file: File::Bytes([gbk("code,name,kind\nT09,新街道,town\n"), b"T10,\xff\xfe,town\n".to_vec()].concat()), args: &["--encoding", "gbk"], at: Some("line 3"), needle: "invalid GBK/GB18030 byte sequence" },
        CsvCase { kind: "cadres", file: File::Path("no-such-file.csv"), args: &[], at: None, needle: "cannot open no-such-file.csv" },
        CsvCase { kind: "enterprises", file: File::Path("a-directory"), args: &[], at: None, needle: "a-directory is a directory; give a CSV file" },
        // Encodings decided on the whole file.
        CsvCase { kind: "units", file: File::Bytes([b"code,name,kind\r\nT09,\xe6\x96\xb0\xe8\xa1\x97\xe9\x81\x93\xe5\x8a\x9e,town\r\nT11,\xe5\x8f\xa4\xe5\x8d\x97\xe8\xa1\x97,town\r\n".to_vec(), gbk("T10,新街道,town\r\n")].concat()), args: &[], at: None, needle: "line 4 is GBK, but the rest of the file is UTF-8" },
        CsvCase { kind: "units", file: File::Bytes(b"code,name,kind\nT09,\xff\xfe,town\n".to_vec()), args: &[], at: None, needle: "line 2 is neither UTF-8 nor GBK" },
        CsvCase { kind: "units", file: File::Bytes([b"\xef\xbb\xbfcode,name,kind\n".to_vec(), gbk("T09,新街道,town\n")].concat()), args: &[], at: None, needle: "line 2 is not UTF-8, though the file begins with UTF-8's byte order mark" },
        // Delimiters and workbooks.
        case("units", "code,name\tkind\nT09,新街道\ttown\n", "", "the header line has 1 comma and 1 tab, so which one separates the cells cannot be told"),
        CsvCase { kind: "units", file: File::Bytes("code,name,kind\nT09,新街道,town\n".as_bytes().to_vec()), args: &["--sheet", "单位"], at: None, needle: "--sheet is for workbooks (.xlsx, .xls, .ods)" },
        CsvCase { kind: "enterprises", file: File::Bytes(workbook(&[&["uscc", "name", "town"], &["914403001922038216", "重庆金美", "T01"]], 0)), args: &[], at: Some("sheet Sheet1, row 2, column A (uscc)"), needle: "the cell holds the number 9.14403001922038E+17, and a spreadsheet keeps only 15 digits" },
        CsvCase { kind: "units", file: File::Bytes(workbook(&[&["code", "name", "kind"], &["T09", "新街道", "town"]], 9)), args: &["--encoding", "utf8"], at: None, needle: "is a workbook, whose text has no encoding to choose" },
        CsvCase { kind: "units", file: File::Bytes(workbook(&[&["code", "name", "kind"], &["T09", "新街道", "town"]], 9)), args: &["--sheet", "单位"], at: None, needle: "has no sheet \"单位\"; its sheets are \"Sheet1\"" },
        CsvCase { kind: "units", file: File::Bytes(b"PK\x03\x04 not a zip archive".to_vec()), args: &[], at: None, needle: "cannot read the workbook" },
        CsvCase { kind: "units", file: File::Bytes(workbook(&[&["code", "name", "kind"], &["T09", "新街道", "town", "多余"]], 9)), args: &[], at: Some("sheet Sheet1, row 2, column -"), needle: "\"多余\" is in column D, which has no header" },
    ];
    cases.shrink_to_fit();
    cases
}

/// An .xlsx file of text cells, but the cells of column `number` that are
/// numbers written as number cells.
fn workbook(rows: &[&[&str]], number: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if c == number && r > 0 => sheet.write_number(r as u32, c as u16, n),
                _ => sheet.write_string(r as u32, c as u16, *cell),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn junk(n: u32) -> Vec<u8> {
    (0..n)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn every_bad_file_gets_one_clear_line_naming_where_and_changes_nothing() {
    let cases = csv_catalogue();
    assert!(cases.len() >= 20);
    let env = world();
    write_props(&env);
    let mut wrong = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for (i, c) in cases.iter().enumerate() {
        kinds.insert(c.kind);
        let (name, args) = c.command(&env, i);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let line = env.fails(2, &args);
        let at_ok =
            c.at.is_none_or(|at| line.contains(&format!("{name}: {at}")));
        if !line.contains(c.needle) || !at_ok {
            wrong.push(format!(
                "{i}: {} {:?}\n  wanted {:?} at {:?}\n  got    {line}",
                c.kind, c.args, c.needle, c.at
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(kinds.len(), 8, "every import kind: {kinds:?}");
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
    if sqlite_only("a read-only database file") {
        return;
    }
    let env = world();
    // Nothing left in a log: the file alone is the database.
    env.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let bytes = std::fs::read(env.file()).unwrap();
    let Some(_guard) = ReadOnly::new(env.file()) else {
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
    assert_eq!(std::fs::read(env.file()).unwrap(), bytes);
}

/// Text a user might type or paste: every one must come back exactly.
const TEXTS: [&str; 11] = [
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
    "列表 C01；C02、x, \"a,b\"; -2+3",
];

#[test]
fn text_is_stored_and_printed_exactly_as_given() {
    let env = Env::new();
    env.seed();
    let texts = TEXTS;
    for (i, text) in texts.iter().enumerate() {
        let code = format!("RT-{i:02}");
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
            "--department",
            "D02",
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
        assert_eq!(t["code"], format!("RT-{i:02}"));
        assert_eq!(t["summary"].as_str(), Some(*text), "summary {i}");
        assert_eq!(t["category"].as_str(), Some(*text), "category {i}");
        assert_eq!(visits[i]["note"].as_str(), Some(*text), "note {i}");
        let shown = env.ok(&["ticket", "show", &format!("RT-{i:02}")]);
        assert!(shown.contains(text), "ticket show {i}:\n{shown}");
        let stored = env.rows(&format!(
            "SELECT note FROM ticket_events WHERE status = 'in_progress' AND ticket_id = {}",
            i + 1
        ));
        assert_eq!(stored, [[*text]]);
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

fn csv_file(header: &str, rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header.split(',')).unwrap();
    for r in rows {
        w.write_record(&r).unwrap();
    }
    w.into_inner().unwrap()
}

/// Each stored text column, by record code, for comparing two databases.
fn stored_texts(env: &Env) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT code, name || '|' || rank FROM cadres WHERE code LIKE 'K%'",
        "SELECT uscc, name || '|' || chain FROM enterprises WHERE uscc LIKE '91500222MA5U%'",
        "SELECT code, category || '|' || summary FROM tickets",
        "SELECT t.code, e.note FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.status = 'in_progress'",
        "SELECT code, title FROM meetings",
        "SELECT id, note FROM visits",
    ] {
        out.extend(
            env.rows(&format!("{sql} ORDER BY 1"))
                .into_iter()
                .map(|r| format!("{}={}", r[0], r[1])),
        );
    }
    out
}

#[test]
fn text_survives_import_export_and_import_again_exactly() {
    let env = Env::new();
    env.seed();
    let n = TEXTS.len();
    let t = |i: usize| TEXTS[i].to_string();
    let uscc = |i: usize| {
        qianqi::domain::uscc::Uscc::complete(&format!("91500222MA5U{i:05}"))
            .unwrap()
            .as_str()
            .to_string()
    };
    let files = [
        (
            "cadres",
            csv_file(
                "code,name,unit,rank,phone",
                (0..n).map(|i| vec![format!("K{i}"), t(i), "D01".into(), t(i), String::new()]),
            ),
        ),
        (
            "enterprises",
            csv_file(
                "uscc,name,town,chain,key",
                (0..n).map(|i| vec![uscc(i), t(i), "T01".into(), t(i), "no".into()]),
            ),
        ),
        (
            "meetings",
            csv_file(
                "code,held_on,title,cadres",
                (0..n).map(|i| vec![format!("M{i}"), "2022-04-01".into(), t(i), "C01".into()]),
            ),
        ),
        (
            "visits",
            csv_file(
                "cadre,enterprise,visited_on,note",
                (0..n).map(|i| vec!["C01".into(), E1.into(), "2022-03-01".into(), t(i)]),
            ),
        ),
        (
            "tickets",
            csv_file(
                "code,enterprise,cadre,collected_on,category,summary,department",
                (0..n).map(|i| {
                    vec![
                        format!("RT-{i}"),
                        E1.into(),
                        "C01".into(),
                        "2022-03-01".into(),
                        t(i),
                        t(i),
                        "D02".into(),
                    ]
                }),
            ),
        ),
        (
            "events",
            csv_file(
                "ticket,on,status,by,note",
                (0..n).map(|i| {
                    vec![
                        format!("RT-{i}"),
                        "2022-03-02".into(),
                        "in_progress".into(),
                        "C02".into(),
                        t(i),
                    ]
                }),
            ),
        ),
    ];
    for (kind, bytes) in &files {
        env.write("in.csv", bytes);
        env.ok(&["import", kind, "in.csv"]);
    }
    // Stored exactly as given, SQL and formulas as plain text.
    let stored = stored_texts(&env);
    for (i, text) in TEXTS.iter().enumerate() {
        for what in [format!("K{i}"), format!("RT-{i}"), format!("M{i}")] {
            let row = stored
                .iter()
                .find(|r| r.starts_with(&format!("{what}=")))
                .unwrap();
            assert!(
                row.ends_with(&format!("={text}|{text}")) || row.ends_with(&format!("={text}")),
                "{row}"
            );
        }
        assert!(env
            .ok(&["ticket", "show", &format!("RT-{i}")])
            .contains(text));
    }
    let visits: serde_json::Value =
        serde_json::from_str(&env.ok(&["visit", "list", "--format", "json"])).unwrap();
    let notes: Vec<&str> = visits
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes, TEXTS);

    // Exported, imported into an empty database, and exported again: the same.
    let copy = Env::new();
    let mut exported = Vec::new();
    for kind in [
        "units",
        "cadres",
        "enterprises",
        "pairings",
        "meetings",
        "visits",
        "tickets",
        "events",
    ] {
        let path = env.path(&format!("{kind}.csv"));
        env.ok(&["export", kind, "-o", path.to_str().unwrap()]);
        let bytes = std::fs::read(&path).unwrap();
        copy.write("again.csv", &bytes);
        copy.ok(&["import", kind, "again.csv"]);
        exported.push((kind, bytes));
    }
    assert_eq!(stored_texts(&copy), stored);
    for (kind, bytes) in exported {
        let path = copy.path(&format!("{kind}.csv"));
        copy.ok(&["export", kind, "-o", path.to_str().unwrap()]);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{kind}");
    }
    env.ok(&["check"]);
    copy.ok(&["check"]);
}
