//! Figures that can be published: no ordinary slip loses or silently changes
//! a record, and every refusal leaves the database as it was.

use crate::fixture::qijiang;
use crate::harness::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Runs a command whose output is larger than a pipe holds and stops
/// reading after the first line, as `| head -1` does.
fn read_first_line(env: &Env, args: &[&str]) -> (i32, String) {
    let mut child = env
        .command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone: every later write of qianqi meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert!(!first.is_empty(), "{args:?} printed nothing");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_is_a_normal_end_for_every_format() {
    let env = qijiang();
    for args in [
        &["export", "visits"][..],
        &["export", "visits", "--encoding", "gbk"],
        &["visit", "list", "--format", "csv"],
        &["visit", "list", "--format", "json"],
        &["visit", "list"],
        &["report", "visits", "--by", "cadre", "--format", "json"],
        &["report", "reconcile", "--by", "cadre", "--format", "csv"],
    ] {
        let (status, stderr) = read_first_line(&env, args);
        assert_eq!((status, stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn declared_figures_too_large_to_add_never_add_up() {
    let env = Env::new();
    let max = i64::MAX.to_string();
    let declared = format!("collected=0,closed={max},in_progress={max},awaiting=2");
    let out = env.run(&["report", "reconcile", "--expect", &declared]);
    assert_eq!(out.status, 1, "{}", out.transcript());
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("declared: collected"))
        .unwrap_or_else(|| panic!("no declared line:\n{}", out.stdout));
    assert!(line.contains('≠') && !line.contains("adds up"), "{line}");
    assert!(line.contains("18446744073709551616"), "{line}");
}

#[test]
fn a_year_before_1900_is_refused_on_the_command_line_and_in_files() {
    let env = Env::new();
    env.seed();
    let before = env.dump();
    let msg = env.fails(
        2,
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            "0000-03-01",
        ],
    );
    assert!(msg.contains("with a year from 1900 on"), "{msg}");
    let file = env.write(
        "visits.csv",
        "cadre,enterprise,visited_on\nC01,914403001922038216,0022-03-01\n",
    );
    let msg = env.fails(2, &["import", "visits", file.to_str().unwrap()]);
    assert!(
        msg.contains("line 2, column visited_on") && msg.contains("with a year from 1900 on"),
        "{msg}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn a_bulletin_of_a_period_states_the_period_and_never_says_cumulative() {
    let env = qijiang();
    let period = [
        "report",
        "reconcile",
        "--format",
        "text",
        "--from",
        "2022-04-01",
        "--to",
        "2022-06-30",
        "--as-of",
        "2022-06-30",
    ];
    let zh = env.ok(&[&period[..], &["--lang", "zh"]].concat());
    assert!(!zh.contains("累计"), "{zh}");
    assert!(
        zh.starts_with("2022年4月1日至2022年6月30日收集问题"),
        "{zh}"
    );
    assert!(zh.contains("截至2022年6月30日，办结"), "{zh}");
    let en = env.ok(&period);
    assert!(
        en.starts_with("Of the ")
            && en.contains(" problems collected from 2022-04-01 to 2022-06-30, as of 2022-06-30 "),
        "{en}"
    );
    // A period open at one end is named by that end.
    let since = env.ok(&[
        "--lang",
        "zh",
        "report",
        "reconcile",
        "--format",
        "text",
        "--from",
        "2022-10-01",
    ]);
    assert!(since.starts_with("2022年10月1日以来收集问题"), "{since}");
    // The whole history is still 累计.
    let all = env.ok(&[
        "--lang",
        "zh",
        "report",
        "reconcile",
        "--format",
        "text",
        "--as-of",
        "2022-12-31",
    ]);
    assert!(
        all.starts_with("截至2022年12月31日，累计收集问题777个"),
        "{all}"
    );
}

#[test]
fn a_bulletin_by_group_is_refused_with_what_to_use_instead() {
    let env = qijiang();
    let before = env.dump();
    let msg = env.fails(
        2,
        &["report", "reconcile", "--format", "text", "--by", "town"],
    );
    assert!(
        msg.contains("--format text") && msg.contains("--by") && msg.contains("table, csv or json"),
        "{msg}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn all_digit_codes_stay_text_in_every_csv_a_spreadsheet_opens() {
    let env = Env::new();
    env.seed();
    env.ok(&["unit", "add", "007", "区商务委", "--kind", "dept"]);
    env.ok(&[
        "meeting",
        "add",
        "0012",
        "--title",
        "座谈会",
        "--on",
        "2022-03-01",
        "--cadres",
        "C01",
    ]);
    env.ok(&[
        "ticket",
        "add",
        "914403001922038216",
        "用地指标",
        "--cadre",
        "C01",
        "--code",
        "000123",
        "--on",
        "2022-03-01",
    ]);
    let units = env.ok(&["unit", "list", "--format", "csv"]);
    assert!(units.contains("\"=\"\"007\"\"\",区商务委"), "{units}");
    let meetings = env.ok(&["meeting", "list", "--format", "csv"]);
    assert!(meetings.contains("\"=\"\"0012\"\"\""), "{meetings}");
    let tickets = env.ok(&["ticket", "list", "--format", "csv"]);
    assert!(tickets.contains("\"=\"\"000123\"\"\""), "{tickets}");
    // The JSON of the same lists keeps the code as it is.
    let json = env.ok(&["ticket", "list", "--format", "json"]);
    assert!(json.contains("\"code\": \"000123\""), "{json}");
}
