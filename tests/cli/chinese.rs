//! Chinese all the way: under `--lang zh` (or `QIANQI_LANG=zh`, or the
//! settings file's `lang`) every message qianqi prints — refusals, success
//! lines, import reports, check findings, the demo — is Chinese, with no
//! English word left in; and English messages keep their grammar.

use crate::catalogue::{csv_catalogue, world, write_props, CATALOGUE};
use crate::harness::*;

const E1: &str = "914403001922038216";
const E2: &str = "91350100M000100Y43";

/// Words a Chinese message may hold, each for its reason. Kept short: a
/// word is here only when Chinese staff read it as it is.
const ALLOWED: &[&str] = &[
    // The program's name, as it is typed.
    "qianqi",
    // File formats and encodings by the names spreadsheet programs give them
    // in their save dialogs (UTF-8 and GB18030 carry a digit and pass anyway).
    "CSV",
    "JSON",
    "UTF",
    "GBK",
    "xlsx",
    "xls",
    "ods",
    // The database engines, named where their own behaviour is the reason.
    "SQLite",
    "PostgreSQL",
    // The prefix of a national standard's number (国标), as in GB 32100-2015.
    "GB", // SQLite's write-ahead log mode as SQLite names it, beside its Chinese name.
    "WAL",
];

/// The English words of one line of a Chinese message: runs of two or more
/// ASCII letters, except in a code or number (anything holding a digit:
/// C01, 2022-0001, a credit code, U+200B), a file name or path, a flag or
/// the value after it (`--level 催办`), a quoted value (`"…"`: what was
/// typed, echoed), a command to type in backticks, and the words of
/// `ALLOWED`. `paths` are the test's own directories, which hold English.
fn english_words(line: &str, paths: &[String]) -> Vec<String> {
    let mut s = line.to_string();
    for p in paths {
        s = s.replace(p.as_str(), " ");
    }
    // The values clap lists to be typed, as they are typed.
    if let Some((head, _)) = s.split_once("可选值：") {
        s = head.to_string();
    }
    // Quoted values (“…” as clap's Chinese quotes what was typed),
    // placeholders (<CODE>) and commands in backticks.
    let mut kept = String::new();
    let mut inside: Option<char> = None;
    for c in s.chars() {
        let close = match c {
            '“' => '”',
            '<' => '>',
            c => c,
        };
        match (inside, c) {
            (None, '"' | '`' | '“' | '<') => inside = Some(close),
            (Some(q), c) if c == q => inside = None,
            (Some(_), _) => {}
            (None, c) => kept.push(c),
        }
    }
    let is_token = |c: char| c.is_ascii_alphanumeric() || "_-./\\+=@%#'".contains(c);
    let mut words = Vec::new();
    let mut after_flag = false;
    for token in kept.split(|c: char| !is_token(c)).filter(|t| !t.is_empty()) {
        let flag_value = std::mem::replace(&mut after_flag, token.starts_with("--"));
        let code_or_path = token
            .chars()
            .any(|c| c.is_ascii_digit() || "/\\.".contains(c));
        if token.starts_with('-') || flag_value || code_or_path {
            continue;
        }
        for run in token.split(|c: char| !c.is_ascii_alphabetic()) {
            if run.len() >= 2 && !ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(run)) {
                words.push(run.to_string());
            }
        }
    }
    words
}

/// What clap says by itself (a missing argument, a number out of its range,
/// an unknown subcommand) is translated with clap's help, elsewhere; until
/// then those lines are not this test's. When clap wraps a message of
/// qianqi's (`invalid value 'x' for '--kind <KIND>': …`), qianqi's part is
/// checked. Once clap speaks Chinese these patterns no longer match, and its
/// lines are checked whole.
fn ours(line: &str) -> Option<&str> {
    const CLAP: [&str; 7] = [
        "unrecognized subcommand",
        "[possible values: ",
        "required arguments were not provided",
        "is not in 0..=",
        "is not in 1..=",
        "invalid digit found in string",
        "number too large to fit in target type",
    ];
    let line = match line.strip_prefix("qianqi: invalid value '") {
        Some(rest) => rest.split_once("': ").map_or(rest, |(_, ours)| ours),
        None => line,
    };
    (!CLAP.iter().any(|c| line.contains(c))).then_some(line)
}

/// Collects the lines of `text` with English words in them, as `what: line`.
fn check_lines(found: &mut Vec<String>, what: &str, text: &str, paths: &[String]) {
    for line in text.lines() {
        let Some(line) = ours(line) else { continue };
        let words = english_words(line, paths);
        if !words.is_empty() {
            found.push(format!("{what}: {words:?} in {line:?}"));
        }
    }
}

/// Runs qianqi in Chinese and collects every English word it prints.
struct Zh<'a> {
    env: &'a Env,
    paths: Vec<String>,
    found: Vec<String>,
}

impl<'a> Zh<'a> {
    fn new(env: &'a Env) -> Zh<'a> {
        let dir = env.dir.path();
        let real = dir.canonicalize().unwrap_or(dir.to_path_buf());
        let paths = [dir.to_path_buf(), real, std::env::temp_dir()]
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        Zh {
            env,
            paths,
            found: Vec::new(),
        }
    }

    fn args(args: &[&str]) -> Vec<String> {
        ["--lang", "zh"]
            .iter()
            .chain(args)
            .map(|s| s.to_string())
            .collect()
    }

    /// Collects the English of what a command printed; the files and
    /// directories it was given are names, which may be English.
    fn check(&mut self, args: &[&str], o: &Out) {
        let what = args.join(" ");
        let mut paths = self.paths.clone();
        for arg in args {
            let path = std::path::Path::new(arg);
            if arg.contains(['/', '.']) || self.env.path(arg).exists() {
                paths.extend(path.ancestors().map(|p| p.display().to_string()));
            }
        }
        // Longest first, so that a path goes before the directory in it.
        paths.retain(|p| !["", ".", ".."].contains(&p.as_str()));
        paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
        check_lines(&mut self.found, &what, &o.stdout, &paths);
        check_lines(&mut self.found, &what, &o.stderr, &paths);
    }

    /// A command that succeeds; returns its stdout.
    fn ok(&mut self, args: &[&str]) -> String {
        let full = Zh::args(args);
        let full: Vec<&str> = full.iter().map(String::as_str).collect();
        let o = self.env.run(&full);
        assert_eq!(o.status, 0, "{args:?}:\n{}", o.transcript());
        self.check(args, &o);
        o.stdout
    }

    /// A command that is refused with `status` (one line, nothing changed).
    fn fails(&mut self, status: i32, args: &[&str]) -> String {
        let full = Zh::args(args);
        let full: Vec<&str> = full.iter().map(String::as_str).collect();
        let line = self.env.fails(status, &full);
        let o = Out {
            status,
            stdout: String::new(),
            stderr: line.clone(),
        };
        self.check(args, &o);
        line
    }

    /// A command that ends with `status` whatever it printed.
    fn ends(&mut self, status: i32, args: &[&str]) -> Out {
        let full = Zh::args(args);
        let full: Vec<&str> = full.iter().map(String::as_str).collect();
        let o = self.env.run(&full);
        assert_eq!(o.status, status, "{args:?}:\n{}", o.transcript());
        self.check(args, &o);
        o
    }

    fn assert_clean(&self) {
        assert!(
            self.found.is_empty(),
            "English under --lang zh:\n{}",
            self.found.join("\n")
        );
    }
}

#[test]
fn the_checker_sees_english_and_lets_codes_names_and_paths_be() {
    let paths = vec!["/tmp/x".to_string()];
    let none = |s: &str| assert_eq!(english_words(s, &paths), Vec::<String>::new(), "{s}");
    none("qianqi: 不能签收问题2022-0001：它的状态是正在办理");
    none("已登记走访：干部C01 → 企业914403001922038216，2022-03-01（实地，1人次）");
    none("qianqi: /tmp/x/q.db 处没有数据库；请用 `qianqi init` 新建，或用 --db 另选一个");
    none("bad-3.csv：工作表 Sheet1 第2行，A列（统一社会信用代码）：\"abc\"不存在");
    none("文字中有不可见字符U+200B；请用 --level 催办 或 CSV UTF-8 保存");
    let some = |s: &str, w: &[&str]| assert_eq!(english_words(s, &paths), w, "{s}");
    some("qianqi: 问题2022-0001 is now 正在办理", &["is", "now"]);
    some(
        "imported 1 visits from v.csv",
        &["imported", "visits", "from"],
    );
    some("第2行，visited_on列：不是日期", &["visited", "on"]);
    assert_eq!(ours("qianqi: error: unrecognized subcommand 'close'"), None);
    assert_eq!(
        ours("qianqi: invalid value 'x' for '--kind <KIND>': \"x\"不是走访方式"),
        Some("\"x\"不是走访方式")
    );
}

#[test]
fn every_refusal_of_the_catalogue_is_chinese() {
    let env = world();
    write_props(&env);
    let mut zh = Zh::new(&env);
    for (args, status, _) in CATALOGUE {
        zh.fails(*status, args);
    }
    for (i, case) in csv_catalogue().iter().enumerate() {
        let (_, args) = case.command(&env, i);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        zh.fails(2, &args);
    }
    zh.assert_clean();
}

#[test]
fn more_refusals_are_chinese() {
    let env = world();
    let mut zh = Zh::new(&env);
    for args in [
        &["ticket", "accept", "2022-0001", "--by", "C02"][..],
        &[
            "ticket",
            "return",
            "2022-0001",
            "--reason",
            "",
            "--by",
            "C02",
        ],
        &[
            "ticket",
            "assign",
            "2022-0002",
            "--department",
            "X99",
            "--by",
            "C01",
        ],
        &[
            "ticket",
            "extend",
            "2022-0001",
            "--until",
            "2022-03-01",
            "--reason",
            "等",
            "--by",
            "C01",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C01",
            "--meeting",
            "M001",
            "--on",
            "2022-04-16",
        ],
        &["ticket", "list", "--status", "closing"],
        &["ticket", "add", E1, "问题", "--cadre", "C01", "--code", " "],
        &["ticket", "add", E1, "问题"],
        &["ticket", "resolve", "2022-0001"],
        &["visit", E2, "--cadre", "C01"],
        &["visit", E1],
        &["visit", "void", "1", "--reason", "x", "--on", "2022-01-01"],
        &["pair", "C01", E2, "--tier", "county"],
        &["unpair", "C02", E1],
        &[
            "meeting", "add", "M002", "--title", "座谈", "--cadres", "C01,C99",
        ],
        &["report", "reconcile", "--expect", "collected=x"],
        &["report", "reconcile", "--expect", "total=5"],
        &["report", "reconcile", "--by", "town", "--format", "text"],
        &["config", "set", "colour", "red"],
        &["config", "set", "lang", "fr"],
        &[
            "enterprise",
            "add",
            "91110000600037341L",
            "某公司",
            "--town",
            "D01",
        ],
        &["restore", "missing.db"],
        &["export", "units", "--format", "json", "--plain"],
        &["import", "visits", "v.csv", "--upsert"],
    ] {
        zh.fails(2, args);
    }
    // Several bad rows: each on a line of its own, then the summary.
    env.write(
        "bad.csv",
        format!(
            "cadre,enterprise,visited_on,kind,people\nC01,{E1},2022-02-30,walk,0\nC99,{E1},2022-03-01,onsite,1\nC01,{E1},2023-03-01,onsite,1\n"
        ),
    );
    let o = zh.ends(2, &["import", "visits", "bad.csv"]);
    assert!(o.stderr.lines().count() > 3, "{}", o.stderr);
    env.write(
        "bad-units.csv",
        "编号,名称,类型\nT09,新街道,city\nT01,另一个,town\nT10,,town\n",
    );
    let o = zh.ends(2, &["import", "units", "bad-units.csv"]);
    assert!(o.stderr.lines().count() > 3, "{}", o.stderr);
    zh.assert_clean();
}

/// Files for every import kind that go in, against the seeded world.
fn import_files(env: &Env) -> Vec<(&'static str, &'static str)> {
    let files = [
        ("units", "u.csv", "code,name,kind\nT03,东溪镇,town\n".to_string()),
        ("cadres", "c.csv", "code,name,unit,rank\nC04,赵六,T03,科员\n".to_string()),
        (
            "enterprises",
            "e.csv",
            "uscc,name,town\n91110000600037341L,重庆东溪实业有限公司,T03\n".to_string(),
        ),
        (
            "pairings",
            "p.csv",
            "cadre,enterprise,tier,started_on\nC04,91110000600037341L,town,2022-02-01\n".to_string(),
        ),
        (
            "meetings",
            "m.csv",
            "code,held_on,title,cadres\nM101,2022-05-01,东溪座谈会,C04\n".to_string(),
        ),
        (
            "visits",
            "v.csv",
            "cadre,enterprise,visited_on,kind,people\nC04,91110000600037341L,2022-03-01,onsite,1\nC04,91110000600037341L,2022-03-01,onsite,1\n".to_string(),
        ),
        (
            "tickets",
            "t.csv",
            "code,enterprise,cadre,collected_on,category,summary,department\nDX-1,91110000600037341L,C04,2022-03-01,用地,用地难,D01\n".to_string(),
        ),
        (
            "events",
            "ev.csv",
            "ticket,on,status,by\nDX-1,2022-03-02,in_progress,C04\n".to_string(),
        ),
        ("categories", "cat.csv", "name,days\n用地,15\n".to_string()),
        ("calendar", "cal.csv", "date,workday\n2022-10-08,1\n".to_string()),
    ];
    files
        .into_iter()
        .map(|(kind, name, text)| {
            env.write(name, text);
            (kind, name)
        })
        .collect()
}

#[test]
fn every_success_line_is_chinese() {
    let env = Env::bare();
    let mut zh = Zh::new(&env);
    zh.ok(&["init"]);
    for args in [
        &["unit", "add", "T01", "古南街道", "--kind", "town"][..],
        &["unit", "add", "T02", "文龙街道", "--kind", "街镇"],
        &["unit", "add", "D01", "区经济信息委", "--kind", "dept"],
        &["unit", "add", "D02", "区人力社保局", "--kind", "部门"],
        &[
            "cadre",
            "add",
            "C01",
            "王芳",
            "--unit",
            "D01",
            "--rank",
            "副科级",
        ],
        &["cadre", "add", "C02", "李明", "--unit", "区人力社保局"],
        &["cadre", "add", "C03", "张伟", "--unit", "T01"],
        &[
            "enterprise",
            "add",
            E1,
            "重庆金美新材料科技有限公司",
            "--town",
            "T01",
            "--short",
            "金美",
            "--key",
        ],
        &[
            "enterprise",
            "add",
            E2,
            "重庆新视通智能科技有限公司",
            "--town",
            "古南街道",
        ],
        &["enterprise", "set-short", E2, "新视通"],
        &["enterprise", "set-short", "新视通", ""],
        &[
            "pair",
            "C01",
            "金美",
            "--tier",
            "district",
            "--on",
            "2022-01-10",
        ],
        &["pair", "C03", E2, "--tier", "街镇", "--on", "2022-02-01"],
        &["unpair", "C03", E2, "--on", "2022-06-30"],
        &[
            "visit",
            "金美",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--tasks",
            "建档案、解难题",
        ],
        &[
            "visit",
            "金美",
            "--cadre",
            "C01",
            "--on",
            "2022-03-02",
            "--kind",
            "电话",
            "--people",
            "3",
        ],
        &[
            "visit",
            E2,
            "--cadre",
            "C02",
            "--on",
            "2022-03-02",
            "--unpaired",
        ],
        &[
            "visit",
            "void",
            "2",
            "--reason",
            "重复录入",
            "--on",
            "2022-03-03",
        ],
        &[
            "meeting",
            "add",
            "M001",
            "--title",
            "融资座谈会",
            "--on",
            "2022-04-15",
            "--cadres",
            "C01、C02",
        ],
        &[
            "meeting",
            "add",
            "M002",
            "--title",
            "用工座谈会",
            "--on",
            "2022-04-20",
            "--cadres",
            "C01",
        ],
        &["category", "add", "融资", "--days", "5"],
        &["category", "add", "融资", "--days", "7"],
        &[
            "ticket",
            "add",
            "金美",
            "融资难",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--category",
            "融资",
        ],
        &[
            "ticket",
            "assign",
            "2022-0001",
            "--department",
            "D02",
            "--by",
            "C01",
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
            "2022-03-03",
        ],
        &[
            "ticket",
            "extend",
            "2022-0001",
            "--until",
            "2022-12-30",
            "--reason",
            "等材料",
            "--by",
            "C02",
            "--on",
            "2022-03-04",
        ],
        &[
            "ticket",
            "urge",
            "2022-0001",
            "--level",
            "催办",
            "--by",
            "C01",
            "--on",
            "2022-03-05",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-06",
        ],
        &[
            "ticket",
            "follow-up",
            "2022-0001",
            "--outcome",
            "已解决",
            "--satisfaction",
            "满意",
            "--by",
            "C01",
            "--on",
            "2022-03-07",
        ],
        &[
            "ticket",
            "reopen",
            "2022-0001",
            "--by",
            "C01",
            "--on",
            "2022-03-08",
        ],
        &[
            "ticket",
            "explain",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-09",
        ],
        &[
            "ticket",
            "add",
            E1,
            "招工难",
            "--cadre",
            "C01",
            "--on",
            "2022-03-10",
            "--department",
            "D01",
        ],
        &[
            "ticket",
            "return",
            "2022-0002",
            "--reason",
            "错派",
            "--by",
            "C01",
            "--on",
            "2022-03-11",
        ],
        &[
            "ticket",
            "amend",
            "2022-0002",
            "--summary",
            "招工难题",
            "--category",
            "用工",
            "--by",
            "C01",
            "--on",
            "2022-03-12",
        ],
        &[
            "ticket",
            "void",
            "2022-0002",
            "--reason",
            "重复",
            "--by",
            "C01",
            "--on",
            "2022-03-13",
        ],
        &[
            "ticket",
            "add",
            E1,
            "用地难",
            "--cadre",
            "C01",
            "--on",
            "2022-04-01",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0003",
            "--by",
            "C01",
            "--meeting",
            "M001",
        ],
    ] {
        zh.ok(args);
    }
    for (kind, file) in import_files(&env) {
        let mut args = vec!["import", kind, file];
        if kind == "units" {
            zh.ok(&["import", kind, file, "--dry-run"]);
        }
        zh.ok(&args);
        // Sent again: refused; where rows can be present, taken with --again.
        zh.fails(2, &args);
        if [
            "units",
            "cadres",
            "enterprises",
            "visits",
            "categories",
            "calendar",
        ]
        .contains(&kind)
        {
            args.push("--again");
            zh.ok(&args);
        }
    }
    env.write("c2.csv", "code,name,unit,rank\nC04,赵六,T03,副科级\n");
    zh.ok(&["import", "cadres", "c2.csv", "--upsert"]);
    zh.ok(&["check"]);
    zh.ok(&["backup", "b.db"]);
    zh.ok(&["backup", "b.db"]);
    // A backup restores into a SQLite file; into PostgreSQL `copy` moves it.
    if !on_postgres() {
        zh.ok(&["restore", "b.db"]);
    }
    zh.ok(&["config", "set", "user", "C01"]);
    zh.ok(&["config", "unset", "user"]);
    zh.ok(&["generate", "--out", "gen"]);
    zh.ok(&["man", "--output", "man"]);
    zh.assert_clean();
}

#[test]
fn the_demo_is_chinese_from_first_line_to_last() {
    let env = Env::bare();
    let mut zh = Zh::new(&env);
    let out = zh.ok(&["--db", "demo.db", "demo"]);
    assert!(out.contains("问题办理对账"), "{out}");
    zh.fails(2, &["--db", "demo.db", "demo"]);
    // Without a database named, the demo's is temporary, and it says so.
    let mut temporary = env.command();
    temporary.env_remove("QIANQI_DB");
    let o = env.run_with(temporary, &["--lang", "zh", "demo"], None);
    assert_eq!(o.status, 0, "{}", o.transcript());
    zh.check(&["demo"], &o);
    let last = o.stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with("演示数据库是临时的"), "{}", o.stdout);
    zh.assert_clean();
}

#[test]
fn check_findings_are_chinese() {
    let env = world();
    env.ok(&["visit", E1, "--cadre", "C01", "--on", "2022-03-01"]);
    env.execute(
            "INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people) VALUES (1, 1, '2023-02-01', 'onsite', 1);
             INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people) VALUES (2, 2, '2022-05-01', 'phone', 1);
             UPDATE meetings SET held_on = '2023-01-05';
             UPDATE tickets SET due_on = '2022-01-01' WHERE code = '2022-0001';
             UPDATE tickets SET status = 'explained' WHERE code = '2022-0002';
             UPDATE enterprises SET uscc = lower(uscc) WHERE uscc = '91350100M000100Y43';
             INSERT INTO pairings (cadre_id, enterprise_id, tier, started_on) VALUES (2, 4, 'town', '2023-03-01');",
        );
    let mut zh = Zh::new(&env);
    let out = zh.ends(1, &["check"]).stdout;
    assert!(out.lines().count() >= 8, "{out}");
    assert!(out.contains("问题2022-0002：记下的状态是"), "{out}");
    assert!(out.lines().last().unwrap().starts_with("发现"), "{out}");
    zh.assert_clean();
}

#[test]
fn chinese_lines_say_what_happened() {
    let env = world();
    let zh = |args: &[&str]| {
        let mut full = vec!["--lang", "zh"];
        full.extend_from_slice(args);
        full.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |args: &[&str]| {
        let args = zh(args);
        env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let fail = |args: &[&str]| {
        let args = zh(args);
        env.fails(2, &args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert_eq!(
        fail(&["ticket", "accept", "2022-0001", "--by", "C02"]),
        "qianqi: 不能签收问题2022-0001：它的状态是正在办理；只有收集状态的问题才能签收"
    );
    assert_eq!(
        run(&[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-06"
        ]),
        "问题2022-0001的状态现为已解决（2022-03-06）\n"
    );
    assert_eq!(
        run(&[
            "ticket",
            "urge",
            "2022-0002",
            "--level",
            "督办",
            "--by",
            "C01",
            "--on",
            "2022-03-06"
        ]),
        "问题2022-0002已催办（2022-03-06）\n"
    );
    assert_eq!(
        run(&[
            "visit",
            E1,
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--kind",
            "phone",
            "--people",
            "2"
        ]),
        format!("已登记走访：干部C01 王芳 → 企业{E1} 重庆金美新材料科技有限公司，2022-03-01（电话，2人次）\n")
    );
    assert_eq!(
        fail(&["visit", E1, "--cadre", "C01", "--on", "2023-01-01"]),
        "qianqi: 走访日期2023-01-01晚于今天（今天是2022-12-31）"
    );
    assert_eq!(
        fail(&["cadre", "list", "--unit", "街道"]),
        "qianqi: \"街道\"与多个单位相符（T01 古南街道、T02 文龙街道）；请把名称写全些，或给出编号"
    );
    env.write("u.csv", "code,name,kind\nT09,新街道,city\n");
    assert_eq!(
        fail(&["import", "units", "u.csv"]),
        "qianqi: 导入 u.csv：第2行，类型列：\"city\"不是单位类型；可用：部门、街镇；未写入任何内容"
    );
    env.write(
        "m.csv",
        "code,held_on,title,cadres\nM009,2022-05-01,座谈会,C01\n",
    );
    assert_eq!(
        run(&["import", "meetings", "m.csv"]),
        "已从 m.csv 导入座谈会1场\n"
    );
}

#[test]
fn the_language_may_come_from_the_environment_or_the_settings_file() {
    let env = world();
    let args = ["ticket", "accept", "2022-0001", "--by", "C02"];
    let mut by_env = env.command();
    by_env.env("QIANQI_LANG", "zh");
    let o = env.run_with(by_env, &args, None);
    assert!(
        o.stderr.starts_with("qianqi: 不能签收问题2022-0001"),
        "{}",
        o.stderr
    );
    env.ok(&["config", "set", "lang", "zh"]);
    let o = env.run(&args);
    assert!(
        o.stderr.starts_with("qianqi: 不能签收问题2022-0001"),
        "{}",
        o.stderr
    );
    // A value parser's message, which runs before the command line is parsed whole.
    let o = env.run(&["visit", E1, "--cadre", "C01", "--on", "2月30日"]);
    assert!(o.stderr.contains("\"2月30日\"不是日期"), "{}", o.stderr);
    // The flag beats the file.
    let o = env.run(&[
        "--lang",
        "en",
        "ticket",
        "accept",
        "2022-0001",
        "--by",
        "C02",
    ]);
    assert!(
        o.stderr
            .starts_with("qianqi: cannot accept ticket 2022-0001: it is in_progress"),
        "{}",
        o.stderr
    );
}

#[test]
fn english_counts_agree_with_their_nouns() {
    let env = world();
    env.write(
        "m.csv",
        "code,held_on,title,cadres\nM009,2022-05-01,座谈会,C01\n",
    );
    assert_eq!(
        env.ok(&["import", "meetings", "m.csv"]),
        "imported 1 meeting from m.csv\n"
    );
    assert_eq!(
        env.ok(&[
            "meeting",
            "add",
            "M010",
            "--title",
            "t",
            "--on",
            "2022-05-02",
            "--cadres",
            "C01"
        ]),
        "added meeting M010 on 2022-05-02 with 1 cadre\n"
    );
    env.write("cal.csv", "date,workday\n2022-10-08,1\n2022-10-09,1\n");
    assert_eq!(
        env.ok(&["import", "calendar", "cal.csv"]),
        "imported 2 calendar days from cal.csv\n"
    );
}
