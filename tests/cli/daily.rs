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
    // The line names what was resolved, code and name, not what was typed.
    assert_eq!(
        out,
        format!("logged visit: C01 王芳 → {JINMEI} 重庆金美新材料科技有限公司 on 2022-12-30 (onsite, 1 person-visit)\n")
    );
    let out = env.ok(&[
        "--lang",
        "zh",
        "visit",
        "金美",
        "--cadre",
        "c01",
        "--on",
        "12月29日",
        "--tasks",
        "送政策；研产业",
    ]);
    assert_eq!(
        out,
        format!("已登记走访：干部C01 王芳 → 企业{JINMEI} 重庆金美新材料科技有限公司，2022-12-29（实地，1人次）\n")
    );
    assert_eq!(
        env.count("SELECT count(*) FROM visits WHERE visited_on = '2022-12-30' AND tasks = 9"),
        1,
        "{}",
        env.dump()
    );
}

#[test]
fn pairing_lines_name_the_cadre_and_the_enterprise_by_code_and_name() {
    let env = Env::new();
    env.seed();
    let out = env.ok(&[
        "pair",
        "c02",
        "金美",
        "--tier",
        "town",
        "--on",
        "2022-03-01",
    ]);
    assert_eq!(
        out,
        format!("paired C02 李明 with {JINMEI} 重庆金美新材料科技有限公司 (town tier) from 2022-03-01\n")
    );
    let out = env.ok(&[
        "--lang",
        "zh",
        "unpair",
        "c02",
        "金美",
        "--on",
        "2022-06-01",
    ]);
    assert_eq!(
        out,
        format!("已于2022-06-01结束干部C02 李明与企业{JINMEI} 重庆金美新材料科技有限公司的结对\n")
    );
    let msg = env.fails(2, &["unpair", "c02", "金美", "--on", "2022-07-01"]);
    assert_eq!(
        msg,
        format!("qianqi: C02 李明 has no open pairing with {JINMEI} 重庆金美新材料科技有限公司; see `qianqi pair list --cadre C02`")
    );
}

#[test]
fn awaiting_is_a_status_filter_as_it_is_a_report_term() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "ticket",
        "add",
        "金美",
        "厂房租赁到期",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
    ]);
    for status in ["awaiting", "待受理", "collected"] {
        let out = env.ok(&["ticket", "list", "--status", status, "--format", "csv"]);
        assert_eq!(out.lines().count(), 2, "{status}: {out}");
    }
    let msg = env.fails(2, &["ticket", "list", "--status", "waiting"]);
    assert!(msg.contains("awaiting"), "{msg}");
}

#[test]
fn the_kinds_of_files_and_the_dimensions_of_reports_are_taken_in_chinese_too() {
    let env = Env::new();
    env.seed();
    let file = env.write("走访.csv", "干部,企业,走访日期\nC01,金美,2022-03-01\n");
    env.ok(&["import", "走访", file.to_str().unwrap()]);
    assert_eq!(env.count("SELECT count(*) FROM visits"), 1);
    assert_eq!(
        env.ok(&["export", "单位", "--plain"]),
        env.ok(&["export", "units", "--plain"])
    );
    assert!(env.ok(&["imports", "--kind", "走访"]).contains("走访.csv"));
    // What was imported, said in the language asked.
    let out = env.ok(&["--lang", "zh", "imports", "--format", "csv"]);
    assert!(out.lines().nth(1).unwrap().contains(",走访,"), "{out}");
    assert!(env.ok(&["imports", "--format", "csv"]).contains(",visits,"));
    for (by, en) in [
        ("街镇", "town"),
        ("承办单位", "department"),
        ("季度", "quarter"),
    ] {
        assert_eq!(
            env.ok(&["report", "reconcile", "--by", by, "--format", "csv"]),
            env.ok(&["report", "reconcile", "--by", en, "--format", "csv"]),
            "{by}"
        );
    }
    assert_eq!(
        env.ok(&["report", "visits", "--by", "干部", "--format", "csv"]),
        env.ok(&["report", "visits", "--by", "cadre", "--format", "csv"]),
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

/// Columns a line takes on a terminal: CJK characters take two.
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| if c.is_ascii() || c == '…' { 1 } else { 2 })
        .sum()
}

/// What a command prints on a terminal `width` columns wide.
fn on_terminal(env: &Env, width: u16, args: &[&str]) -> String {
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", width.to_string())
        .env("NO_COLOR", "1");
    let o = env.run_with(c, args, None);
    assert_eq!(o.status, 0, "{}", o.transcript());
    for line in o.stdout.lines() {
        assert!(
            columns(line) <= width as usize,
            "wider than {width}: {line}"
        );
    }
    o.stdout
}

/// The headers of a table, each put back together from the lines it is
/// broken over, with the pieces it was broken into.
fn headers(table: &str) -> Vec<(String, Vec<String>)> {
    let lines: Vec<&str> = table.lines().take_while(|l| !l.starts_with("|-")).collect();
    let cells = |l: &str| -> Vec<String> {
        let l = l.trim().trim_start_matches('|').trim_end_matches('|');
        l.split('|').map(|c| c.trim().to_string()).collect()
    };
    let mut out: Vec<(String, Vec<String>)> = cells(lines[0])
        .into_iter()
        .map(|c| (c.clone(), vec![c]))
        .collect();
    for line in &lines[1..] {
        for (i, c) in cells(line).into_iter().enumerate() {
            if !c.is_empty() {
                out[i].0.push_str(&c);
                out[i].1.push(c);
            }
        }
    }
    out
}

#[test]
fn a_table_squeezed_into_a_terminal_breaks_headers_between_words_and_cuts_names_last() {
    let env = busy();
    let keys = [
        "code",
        "collected_on",
        "enterprise",
        "enterprise_name",
        "cadre",
        "cadre_name",
        "category",
        "summary",
        "department",
        "department_name",
        "due_on",
        "status",
        "status_on",
        "days_overdue",
    ];
    // Wide: the name whole, a header broken after its `_` rather than a
    // name cut.
    let wide = on_terminal(&env, 200, &["ticket", "list"]);
    let h = headers(&wide);
    assert_eq!(
        h.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        keys,
        "{wide}"
    );
    assert_eq!(h[13].1, ["days_", "overdue"], "{wide}");
    assert!(wide.contains("| 重庆金美新材料科技有限公司 |"), "{wide}");
    // Narrower: headers break only after `_`, codes and dates stay whole,
    // and the name is cut to 12 columns.
    let narrow = on_terminal(&env, 175, &["ticket", "list"]);
    let h = headers(&narrow);
    assert_eq!(
        h.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        keys,
        "{narrow}"
    );
    for (key, parts) in &h {
        for part in &parts[..parts.len() - 1] {
            assert!(
                part.ends_with('_'),
                "{key} broken mid-word: {parts:?}\n{narrow}"
            );
        }
    }
    assert!(h.iter().any(|(_, parts)| parts.len() > 1), "{narrow}");
    assert!(
        narrow.contains(JINMEI) && narrow.contains("2022-04-01"),
        "{narrow}"
    );
    assert!(narrow.contains("| 重庆金美新… "), "{narrow}");
    // In Chinese, two columns a character: headers whole, and at 200
    // columns the whole name.
    let zh = on_terminal(&env, 200, &["--lang", "zh", "ticket", "list"]);
    let h = headers(&zh);
    assert!(h.iter().all(|(_, parts)| parts.len() == 1), "{zh}");
    assert_eq!(h[3].1, ["企业名称"], "{zh}");
    assert!(zh.contains("重庆金美新材料科技有限公司"), "{zh}");
    assert!(zh.contains(JINMEI) && zh.contains("收集"), "{zh}");
}

#[test]
fn a_table_too_wide_for_the_terminal_shows_each_row_as_a_block_of_lines() {
    let env = busy();
    // Headers padded to the widest: `enterprise_name`, `统一社会信用代码`.
    let pad = |h: &str, w: usize| format!("{h}{}", " ".repeat(w - columns(h)));
    for (lang, code, name, status) in [
        (
            "en",
            pad("enterprise", 15),
            pad("enterprise_name", 15),
            pad("status", 15),
        ),
        (
            "zh",
            pad("统一社会信用代码", 16),
            pad("企业名称", 16),
            pad("状态", 16),
        ),
    ] {
        let out = on_terminal(&env, 80, &["--lang", lang, "ticket", "list"]);
        assert!(out.starts_with("-[ 1 ]-"), "{out}");
        assert!(out.contains(&format!("{code} | {JINMEI}\n")), "{out}");
        assert!(
            out.contains(&format!("{name} | 重庆金美新材料科技有限公司\n")),
            "{out}"
        );
        let expected = if lang == "en" { "collected" } else { "收集" };
        assert!(out.contains(&format!("{status} | {expected}\n")), "{out}");
        // Long text cut with …, one line a field.
        let out = on_terminal(&env, 80, &["--lang", lang, "visit", "list"]);
        assert_eq!(out.matches("-[ ").count(), 4, "{out}");
        assert!(
            out.contains("很长的备注很长的备注") && out.contains('…'),
            "{out}"
        );
    }
    // Never in a file, nor in CSV, nor when the output is no terminal.
    let file = env.path("a11-tickets.txt");
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "80");
    let o = env.run_with(c, &["ticket", "list", "-o", file.to_str().unwrap()], None);
    assert_eq!(o.status, 0, "{}", o.transcript());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("| code ") && !written.contains('…'),
        "{written}"
    );
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "80");
    let csv = env
        .run_with(c, &["visit", "list", "--format", "csv"], None)
        .stdout;
    assert!(
        csv.contains(&"很长的备注".repeat(20)) && !csv.contains("-[ "),
        "{csv}"
    );
    let piped = env.ok(&["ticket", "list"]);
    assert!(piped.starts_with("| code ") && piped.contains("重庆金美新材料科技有限公司"));
}

/// What a command prints on a pseudo-terminal `cols` columns wide (through
/// `script`), with `\r\n` line ends made `\n`.
fn on_a_pty(env: &Env, cols: u16, args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("qianqi");
    let line = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("stty cols {cols} rows 50; {line}"),
            "/dev/null",
        ])
        .env_clear()
        .env("QIANQI_DB", &env.db)
        .env("QIANQI_TODAY", &env.today)
        .env("NO_COLOR", "1")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

#[test]
fn a_real_terminal_gets_tables_fitted_to_its_width_in_either_language() {
    let env = busy();
    for lang in ["en", "zh"] {
        let narrow = on_a_pty(&env, 80, &["--lang", lang, "ticket", "list"]);
        assert!(narrow.starts_with("-[ 1 ]-"), "{narrow}");
        assert!(narrow.contains(&format!(" | {JINMEI}\n")), "{narrow}");
        let wide = on_a_pty(&env, 200, &["--lang", lang, "ticket", "list"]);
        assert!(wide.starts_with("| "), "{wide}");
        for out in [&narrow, &wide] {
            for line in out.lines() {
                assert!(columns(line) <= 200, "{line}");
            }
        }
        for line in narrow.lines() {
            assert!(columns(line) <= 80, "{line}");
        }
        assert!(wide.contains("| 重庆金美新材料科技有限公司 |"), "{wide}");
    }
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
    // Colour codes only around coloured text: none on a row that is not
    // overdue, nor on the header, and never an empty one (`\x1b[m`).
    for width in [None, Some("80"), Some("200")] {
        let mut c = env.command();
        if let Some(w) = width {
            c.env("QIANQI_TERM_WIDTH", w);
        }
        let o = env.run_with(c, &["--color", "always", "visit", "list"], None);
        assert!(!o.stdout.contains('\x1b'), "{:?}", o.stdout);
        let mut c = env.command();
        if let Some(w) = width {
            c.env("QIANQI_TERM_WIDTH", w);
        }
        let o = env.run_with(c, &["--color", "always", "ticket", "list"], None);
        assert!(!o.stdout.contains("\x1b[m"), "{:?}", o.stdout);
        // A row, or on a narrow terminal a block of lines a row.
        let rows: Vec<&str> = if o.stdout.starts_with("-[ ") {
            o.stdout.split("-[ ").collect()
        } else {
            o.stdout.lines().collect()
        };
        for row in rows.into_iter().filter(|r| !r.contains("融资难")) {
            assert!(!row.contains('\x1b'), "{row:?}");
        }
    }
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

/// The code block under a heading of README.md, one command a line.
fn readme_block(heading: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find(heading).expect(heading)..];
    let start = section.find("```sh\n").expect("a code block") + 6;
    let end = start + section[start..].find("```").unwrap();
    section[start..end]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_readme_tours_work_as_written() {
    if sqlite_only("the tours keep their databases in SQLite files") {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("qianqi");
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    for heading in [
        "## Five minutes as a liaison cadre",
        "## Five minutes as a supervisor",
    ] {
        let home = tempfile::tempdir().unwrap();
        let lines = readme_block(heading);
        assert!(lines.len() > 5, "{heading}: {lines:?}");
        for line in lines {
            assert!(line.starts_with("qianqi "), "{line}");
            let out = std::process::Command::new("sh")
                .args(["-c", &line])
                .env_clear()
                .env("PATH", &path)
                .env("HOME", home.path())
                .env("QIANQI_TODAY", "2026-12-01")
                .current_dir(home.path())
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && !stderr.contains("qianqi:"),
                "{heading}: `{line}` failed:\n{}{stderr}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

#[test]
fn a_chinese_csv_of_a_list_or_a_report_has_chinese_values_and_json_the_stored_ones() {
    let env = Env::new();
    env.seed();
    env.ok(&[
        "visit",
        "金美",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
        "--tasks",
        "file,policy",
    ]);
    env.ok(&[
        "ticket",
        "add",
        "金美",
        "厂房租赁到期",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
    ]);
    let out = env.ok(&["--lang", "zh", "visit", "list", "--format", "csv"]);
    assert!(out.contains(",实地,1,建档案、送政策,"), "{out}");
    let out = env.ok(&["--lang", "zh", "ticket", "list", "--format", "csv"]);
    assert!(out.contains(",收集,2022-03-01,"), "{out}");
    let out = env.ok(&[
        "--lang",
        "zh",
        "report",
        "reconcile",
        "--by",
        "tier",
        "--format",
        "csv",
    ]);
    assert!(
        out.contains("\n区级,1,") && out.contains("\n合计,1,"),
        "{out}"
    );
    let out = env.ok(&["--lang", "zh", "ticket", "list", "--format", "json"]);
    assert!(out.contains("\"status\": \"collected\""), "{out}");
    let out = env.ok(&["ticket", "list", "--format", "csv"]);
    assert!(out.contains(",collected,2022-03-01,"), "{out}");
}

/// The all-digit credit code in a CSV cell, kept as text for a spreadsheet.
const JINMEI_CELL: &str = "\"=\"\"914403001922038216\"\"\"";

/// Whether `line` holds `a` and right after it, in the next cell, `b`.
fn adjacent(line: &str, a: &str, b: &str) -> bool {
    line.split(',')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == a && w[1] == b)
}

#[test]
fn every_view_names_a_record_by_code_and_name() {
    let env = busy();
    env.ok(&[
        "ticket",
        "add",
        JINMEI,
        "用地难",
        "--cadre",
        "C01",
        "--on",
        "2022-03-02",
        "--department",
        "D01",
        "--due",
        "2022-04-01",
    ]);
    let today = ["--as-of", "2022-12-31"];
    // The ticket list, as the visit list: code, then name, in adjacent columns.
    let csv = env.ok(&["ticket", "list", "--format", "csv"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    for (code, name) in [
        ("enterprise", "enterprise_name"),
        ("cadre", "cadre_name"),
        ("department", "department_name"),
    ] {
        assert!(adjacent(header, code, name), "{header}");
    }
    let row = lines.find(|l| l.contains("用地难")).unwrap();
    for (code, name) in [
        (JINMEI_CELL, "重庆金美新材料科技有限公司"),
        ("C01", "王芳"),
        ("D01", "区经济信息委"),
    ] {
        assert!(adjacent(row, code, name), "{row}");
    }
    let json = env.ok(&["ticket", "list", "--format", "json"]);
    for field in [
        "\"enterprise\": \"914403001922038216\"",
        "\"enterprise_name\": \"重庆金美新材料科技有限公司\"",
        "\"cadre_name\": \"王芳\"",
        "\"department\": \"D01\"",
        "\"department_name\": \"区经济信息委\"",
    ] {
        assert!(json.contains(field), "{field} missing from {json}");
    }
    // The overdue report: every record by code and name.
    let csv = env.ok(&[&["report", "overdue", "--format", "csv"][..], &today].concat());
    let mut lines = csv.lines();
    let header = lines.next().unwrap().trim_start_matches('\u{feff}');
    assert!(
        header.starts_with(
            "code,enterprise,enterprise_name,town,town_name,cadre,cadre_name,category,department,department_name,"
        ),
        "{header}"
    );
    let row = lines.find(|l| l.contains("D01")).unwrap();
    for (code, name) in [
        (JINMEI_CELL, "重庆金美新材料科技有限公司"),
        ("T01", "古南街道"),
        ("C01", "王芳"),
        ("D01", "区经济信息委"),
    ] {
        assert!(adjacent(row, code, name), "{row}");
    }
    // The reconciliation's lists of awaiting and overdue tickets.
    let table = env.ok(&[&["report", "reconcile"][..], &today].concat());
    let lists = &table[table.find("Awaiting").unwrap()..];
    for needle in [
        "| enterprise         | enterprise_name",
        "| 914403001922038216 | 重庆金美新材料科技有限公司 |",
        "| department | department_name",
        "| D01        | 区经济信息委",
    ] {
        assert!(lists.contains(needle), "{needle} missing from\n{lists}");
    }
    // Coverage's lists.
    let idle = env.ok(&[
        &["report", "coverage", "--list", "idle", "--format", "csv"][..],
        &today,
    ]
    .concat());
    assert!(
        idle.trim_start_matches('\u{feff}')
            .starts_with("cadre,cadre_name,unit,unit_name,last_visit,days_since\r\n")
            && idle.contains("C01,王芳,D01,区经济信息委,"),
        "{idle}"
    );
    let key = env.ok(&[
        &[
            "report",
            "coverage",
            "--list",
            "key-no-meeting",
            "--format",
            "csv",
        ][..],
        &today,
    ]
    .concat());
    assert!(
        key.trim_start_matches('\u{feff}')
            .starts_with("enterprise,enterprise_name,town,town_name,cadres\r\n")
            && key.contains(",重庆金美新材料科技有限公司,T01,古南街道,C01 王芳"),
        "{key}"
    );
    // A ticket's file says the enterprise as every other view does: code, then name.
    let code = row.split(',').next().unwrap();
    let show = env.ok(&["ticket", "show", code]);
    assert!(
        show.contains("enterprise: 914403001922038216 重庆金美新材料科技有限公司\n")
            && show.contains("collected by: C01 王芳\n")
            && show.contains("department: D01 区经济信息委\n"),
        "{show}"
    );
    let zh = env.ok(&["--lang", "zh", "ticket", "list"]);
    for needle in ["统一社会信用代码", "企业名称", "干部姓名", "承办单位名称"]
    {
        assert!(zh.contains(needle), "{needle} missing from\n{zh}");
    }
}
