//! Daily use: records named as people name them, lists and dates as they
//! type them, and the shell's conventions.

use crate::harness::*;

const JINMEI: &str = "914403001922038216";

#[test]
fn an_enterprise_is_named_by_short_name_or_any_part_of_its_name_that_is_unique() {
    let env = Env::new();
    env.seed();
    // A part of the name that only one enterprise has.
    let out = env.ok(&["enterprise", "show", "金美"]);
    assert!(out.contains(JINMEI), "{out}");
    // A short name given when the enterprise is added, and one given later.
    env.ok(&[
        "enterprise",
        "add",
        "91500222MA5U000003",
        "重庆綦江齿轮传动有限公司",
        "--town",
        "T02",
        "--short",
        "綦齿",
    ]);
    let out = env.ok(&["enterprise", "set-short", JINMEI, "金美新材"]);
    assert_eq!(
        out,
        format!("enterprise {JINMEI} 重庆金美新材料科技有限公司 is now also 金美新材\n")
    );
    let out = env.ok(&["enterprise", "show", "綦齿"]);
    assert!(
        out.contains("91500222MA5U000003") && out.contains("short name: 綦齿"),
        "{out}"
    );
    // A visit logged with a short name and a cadre code in lower case.
    env.ok(&["visit", "金美新材", "--cadre", "c01", "--on", "2022-03-01"]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 1);
    // Several matches: listed, and refused on one line.
    let msg = env.fails(
        2,
        &["visit", "重庆", "--cadre", "C01", "--on", "2022-03-01"],
    );
    assert!(
        msg.contains("\"重庆\" matches several enterprises (")
            && msg.contains("914403001922038216 重庆金美新材料科技有限公司")
            && msg.ends_with("give more of the name or the code"),
        "{msg}"
    );
    // A short name names one enterprise only.
    let msg = env.fails(2, &["enterprise", "set-short", "新视通", "綦齿"]);
    assert!(msg.contains("short name \"綦齿\" names another enterprise (91500222MA5U000003 重庆綦江齿轮传动有限公司)"), "{msg}");
    // "" takes the short name away.
    env.ok(&["enterprise", "set-short", "綦齿", ""]);
    env.fails(2, &["enterprise", "show", "綦齿"]);
}

#[test]
fn a_unit_is_named_by_code_or_name_on_the_command_line_and_in_imports() {
    let env = Env::new();
    env.seed();
    env.ok(&["cadre", "add", "C04", "赵六", "--unit", "区人力社保局"]);
    env.ok(&[
        "enterprise",
        "add",
        "91500222MA5U000003",
        "重庆綦江齿轮传动有限公司",
        "--town",
        "文龙街道",
    ]);
    let out = env.ok(&["cadre", "list", "--unit", "d02", "--format", "csv"]);
    assert!(out.contains("C04,赵六,D02,区人力社保局"), "{out}");
    let file = env.write(
        "enterprises.csv",
        "uscc,name,town\n91500222MA5U000016,重庆綦江某某有限公司,古南街道\n",
    );
    env.ok(&["import", "enterprises", file.to_str().unwrap()]);
    let out = env.ok(&["enterprise", "list", "--town", "古南", "--format", "csv"]);
    assert!(
        out.contains("91500222MA5U000016,重庆綦江某某有限公司,T01,古南街道"),
        "{out}"
    );
    // A part of a name shared by several units is refused with the candidates.
    let msg = env.fails(2, &["cadre", "list", "--unit", "街道"]);
    assert!(msg.contains("T01 古南街道, T02 文龙街道"), "{msg}");
}

#[test]
fn an_imported_visit_names_its_enterprise_and_cadre_as_the_command_line_does() {
    let env = Env::new();
    env.seed();
    env.ok(&["enterprise", "set-short", JINMEI, "金美"]);
    let file = env.write(
        "visits.csv",
        "cadre,enterprise,visited_on\nc01,金美,2022-03-01\nC03,新视通,2022-03-02\n",
    );
    env.ok(&["import", "visits", file.to_str().unwrap()]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 2);
    let file = env.write(
        "v2.csv",
        "cadre,enterprise,visited_on\nC01,重庆,2022-03-03\n",
    );
    let o = env.run(&["import", "visits", file.to_str().unwrap()]);
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert!(
        o.stderr
            .contains("line 2, column enterprise: \"重庆\" matches several enterprises"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_visit_is_one_short_command_with_a_short_name_a_chinese_date_and_chinese_separators() {
    let env = Env::new();
    env.seed();
    env.ok(&["enterprise", "set-short", JINMEI, "金美"]);
    let out = env.ok(&[
        "visit",
        "金美",
        "--cadre",
        "c01",
        "--on",
        "昨天",
        "--tasks",
        "建档案、解难题",
    ]);
    assert!(out.starts_with("logged visit"), "{out}");
    assert_eq!(
        env.count("SELECT count(*) FROM visits WHERE visited_on = '2022-12-30' AND tasks = 9"),
        1,
        "{}",
        env.dump()
    );
}

#[test]
fn every_list_option_takes_every_separator() {
    let env = Env::new();
    env.seed();
    for (i, sep) in [",", "，", "、", ";", "；"].into_iter().enumerate() {
        let on = format!("2022-03-0{}", i + 1);
        env.ok(&[
            "visit",
            JINMEI,
            "--cadre",
            "C01",
            "--on",
            &on,
            "--tasks",
            &format!("file{sep}policy"),
        ]);
        let code = format!("M{i}");
        env.ok(&[
            "meeting",
            "add",
            &code,
            "--title",
            "座谈会",
            "--on",
            &on,
            "--cadres",
            &format!("C01{sep}c02"),
        ]);
    }
    assert_eq!(env.count("SELECT count(*) FROM visits WHERE tasks = 3"), 5);
    assert_eq!(env.count("SELECT count(*) FROM meeting_cadres"), 10);
    env.ok(&["report", "reconcile", "--expect", "collected=0；closed=0"]);
}

#[test]
fn dates_are_taken_as_people_type_them() {
    let env = Env::new();
    env.seed();
    // Today is 2022-12-31 in every test.
    for (typed, stored) in [
        ("2022.3.1", "2022-03-01"),
        ("2022-3-2", "2022-03-02"),
        ("20220303", "2022-03-03"),
        ("３月４日", "2022-03-04"),
        ("5号", "2022-12-05"),
        ("今天", "2022-12-31"),
        ("yesterday", "2022-12-30"),
        ("前天", "2022-12-29"),
        ("２０２２年３月６日", "2022-03-06"),
    ] {
        env.ok(&["visit", JINMEI, "--cadre", "C01", "--on", typed]);
        assert_eq!(
            env.count(&format!(
                "SELECT count(*) FROM visits WHERE visited_on = '{stored}'"
            )),
            1,
            "{typed}"
        );
    }
    let msg = env.fails(2, &["visit", JINMEI, "--cadre", "C01", "--on", "上周"]);
    assert!(
        msg.contains("\"上周\" is not a date; use YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日, M月D日 (this year), D号 (this month), 今天/today, 昨天/yesterday or 前天"),
        "{msg}"
    );
    // A file holds dates with their year: it is read on another day than it was written.
    let file = env.write(
        "v.csv",
        "cadre,enterprise,visited_on\nC01,金美,2022.4.1\nC01,金美,20220402\n",
    );
    env.ok(&["import", "visits", file.to_str().unwrap()]);
    let file = env.write("v2.csv", "cadre,enterprise,visited_on\nC01,金美,4月3日\n");
    let o = env.run(&["import", "visits", file.to_str().unwrap()]);
    assert_eq!(o.status, 2);
    assert!(
        o.stderr.contains("would change with the day it is read"),
        "{}",
        o.stderr
    );
}

#[test]
fn qianqi_alone_lists_the_commands_and_help_shows_the_global_options_apart() {
    let env = Env::bare();
    let o = env.run(&[]);
    // No command is a usage error for a script, but the person sees the list.
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert!(
        o.stderr.contains("Commands:") && o.stderr.contains("visit"),
        "{}",
        o.stderr
    );
    let help = env.ok(&["visit", "--help"]);
    let global = help
        .find("Global options:")
        .expect("a heading for the global options");
    assert!(
        help[global..].contains("--db") && !help[..global].contains("--db <PATH>"),
        "{help}"
    );
    assert!(help[..global].contains("--tasks"), "{help}");
}

#[test]
fn completions_and_manual_pages_are_generated() {
    let env = Env::bare();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.ok(&["completions", shell]);
        assert!(
            out.contains("qianqi") && out.contains("enterprise"),
            "{shell}"
        );
    }
    env.fails(2, &["completions", "tcsh"]);
    let dir = env.path("man");
    env.ok(&["man", "--output", dir.to_str().unwrap()]);
    let page = std::fs::read_to_string(dir.join("qianqi.1")).unwrap();
    assert!(page.contains(".TH qianqi"), "{page}");
    assert!(dir.join("qianqi-visit.1").exists());
}

#[test]
fn settings_kept_in_a_file_stand_in_for_the_environment() {
    let mut env = Env::new();
    env.seed();
    let other = env.path("other.db");
    env.ok(&["config", "set", "user", "C01"]);
    env.ok(&["config", "set", "lang", "zh"]);
    assert_eq!(env.ok(&["config", "get", "user"]), "C01\n");
    assert_eq!(env.ok(&["config", "list"]), "lang = zh\nuser = C01\n");
    assert_eq!(env.run(&["config", "get", "db"]).status, 1);
    env.fails(2, &["config", "set", "colour", "red"]);
    env.fails(2, &["config", "set", "lang", "fr"]);
    // user from the file: no --cadre, no QIANQI_USER.
    env.ok(&["visit", JINMEI, "--on", "2022-03-01"]);
    assert_eq!(
        env.count(
            "SELECT count(*) FROM visits v JOIN cadres c ON c.id = v.cadre_id WHERE c.code = 'C01'"
        ),
        1
    );
    // The environment beats the file, and a flag beats both.
    env.user = Some("C02".into());
    env.ok(&["visit", JINMEI, "--on", "2022-03-02", "--unpaired"]);
    env.ok(&[
        "visit",
        JINMEI,
        "--on",
        "2022-03-03",
        "--cadre",
        "C03",
        "--unpaired",
    ]);
    assert_eq!(env.count("SELECT count(DISTINCT cadre_id) FROM visits"), 3);
    assert!(
        env.ok(&["unit", "list"]).contains("编号") || env.ok(&["unit", "list"]).contains("代码")
    );
    assert!(env.ok(&["--lang", "en", "unit", "list"]).contains("| code"));
    // db from the file, when no QIANQI_DB is set.
    env.ok(&["config", "set", "db", other.to_str().unwrap()]);
    let mut c = env.command();
    c.env_remove("QIANQI_DB");
    let o = env.run_with(c, &["init"], None);
    assert_eq!(o.status, 0, "{}", o.transcript());
    assert!(other.exists());
}

/// The seeded world with four visits and an overdue ticket.
fn busy() -> Env {
    let env = Env::new();
    env.seed();
    for on in ["2022-03-01", "2022-03-02", "2022-03-03", "2022-03-04"] {
        env.ok(&[
            "visit",
            JINMEI,
            "--cadre",
            "C01",
            "--on",
            on,
            "--note",
            &"很长的备注".repeat(20),
        ]);
    }
    env.ok(&[
        "ticket",
        "add",
        JINMEI,
        "融资难",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
        "--due",
        "2022-04-01",
    ]);
    env
}

#[test]
fn lists_take_a_limit_and_a_terminal_gets_one_that_says_how_many_more() {
    let env = busy();
    let o = env.run(&["visit", "list", "--limit", "1", "--format", "csv"]);
    assert_eq!(o.status, 0);
    assert_eq!(o.stdout.lines().count(), 2, "{}", o.stdout);
    assert_eq!(o.stderr, "… 3 more of 4; --limit 0 prints them all\n");
    // Captured output has no limit unless asked; a terminal has one.
    assert_eq!(env.run(&["visit", "list"]).stderr, "");
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "100");
    let o = env.run_with(c, &["--lang", "zh", "visit", "list", "--limit", "2"], None);
    assert_eq!(o.stderr, "… 另有 2 条（共 4 条）；--limit 0 显示全部\n");
}

#[test]
fn a_terminal_table_fits_its_width_cutting_long_text_and_only_there() {
    let env = busy();
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "110");
    let o = env.run_with(c, &["visit", "list"], None);
    for line in o.stdout.lines() {
        assert!(
            line.chars()
                .map(|c| if c.is_ascii() || c == '…' { 1 } else { 2 })
                .sum::<usize>()
                <= 110,
            "{line}"
        );
    }
    assert!(
        o.stdout.contains('…') && o.stdout.contains(JINMEI),
        "{}",
        o.stdout
    );
    // CSV keeps every character.
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "110");
    let o = env.run_with(c, &["visit", "list", "--format", "csv"], None);
    assert!(o.stdout.contains(&"很长的备注".repeat(20)));
}

#[test]
fn overdue_tickets_and_refusals_are_coloured_when_colour_is_wanted() {
    let env = busy();
    let o = env.run(&["--color", "always", "ticket", "list"]);
    let overdue = o.stdout.lines().find(|l| l.contains("融资难")).unwrap();
    assert!(
        overdue.contains("\x1b[31m") || overdue.contains("\x1b[38;5;9m"),
        "{overdue:?}"
    );
    let o = env.run(&["--color", "always", "ticket", "show", "2022-9999"]);
    assert!(
        o.stderr.starts_with("\x1b[31mqianqi: no ticket"),
        "{:?}",
        o.stderr
    );
    // Never on captured output by default, nor with NO_COLOR, nor with --color never.
    assert!(!env.run(&["ticket", "list"]).stdout.contains('\x1b'));
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "200").env("NO_COLOR", "1");
    assert!(!env
        .run_with(c, &["ticket", "list"], None)
        .stdout
        .contains('\x1b'));
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "200");
    assert!(!env
        .run_with(c, &["--color", "never", "ticket", "list"], None)
        .stdout
        .contains('\x1b'));
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "200");
    assert!(env
        .run_with(c, &["ticket", "list"], None)
        .stdout
        .contains('\x1b'));
    // A file is no terminal, whatever the colour asked.
    let file = env.path("tickets.txt");
    env.ok(&[
        "--color",
        "always",
        "ticket",
        "list",
        "-o",
        file.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("融资难") && !written.contains('\x1b'),
        "{written:?}"
    );
}
