//! Delimited text in and out, and what an import says of bad rows: tab-
//! and semicolon-separated files, every problem of a row told (capped),
//! plain CSV and typed JSON for scripts.

use crate::harness::*;
use crate::sheets::{exported, workbook, Empty, C, N, T};

/// Runs an import that must fail and leave the database as it was; returns
/// its stderr lines.
fn refused(env: &Env, args: &[&str]) -> Vec<String> {
    let before = env.dump();
    let o = env.run(args);
    assert_eq!(o.status, 2, "{}", o.transcript());
    assert_eq!(before, env.dump(), "{args:?} changed the database");
    o.stderr.lines().map(str::to_string).collect()
}

#[test]
fn plain_csv_holds_the_cells_as_stored() {
    let env = crate::import::rich();
    env.ok(&["unit", "add", "007", "区发展改革委", "--kind", "dept"]);
    let plain = env.ok(&["export", "units", "--plain"]);
    assert!(plain.starts_with("code,name,kind\r\n"), "{plain:?}");
    assert!(plain.contains("\r\n007,区发展改革委,dept\r\n"), "{plain}");
    let guarded = env.ok(&["export", "units"]);
    assert!(guarded.starts_with('\u{feff}'));
    assert!(guarded.contains("\"=\"\"007\"\"\""), "{guarded}");
    let plain = env.ok(&["export", "enterprises", "--plain"]);
    assert!(
        plain.contains("\r\n91500222000000000B,=cmd|' /C calc'!A0 重庆,@短,T02,@链,no\r\n"),
        "{plain}"
    );
    assert!(plain.contains("\r\n914403001922038216,"), "{plain}");
    // In GB18030 too, still without a BOM.
    let out = env
        .command()
        .args(["export", "units", "--plain", "--encoding", "gbk"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with(b"code,name,kind\r\n"));
}

#[test]
fn json_records_have_typed_values() {
    let env = crate::import::rich();
    let text = env.ok(&["export", "visits", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = &v[0];
    assert_eq!(first["cadre"], "C01");
    assert_eq!(first["enterprise"], "914403001922038216");
    assert_eq!(first["visited_on"], "2022-03-01");
    assert_eq!(first["people"], 3);
    assert_eq!(first["tasks"], "file;problem");
    assert_eq!(first["unpaired"], false);
    assert_eq!(first["voided_on"], serde_json::Value::Null);
    // Text as stored: no formula guard.
    assert!(first["note"].as_str().unwrap().starts_with("=HYPERLINK"));
    assert_eq!(v[1]["unpaired"], true);
    env.ok(&["--lang", "zh", "export", "enterprises", "-o", "e.json"]);
    let e: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("e.json")).unwrap()).unwrap();
    // Keys are the canonical names whatever the language, for scripts.
    assert_eq!(e[0]["key"], true);
    assert_eq!(e[0]["chain"], "新材料");
    assert_eq!(e[1]["chain"], "电子信息");
    assert_eq!(e[0]["short_name"], "金美");
    assert_eq!(e[1]["short_name"], serde_json::Value::Null);
    // No rows: an empty array.
    let empty = Env::new();
    assert_eq!(
        empty.ok(&["export", "meetings", "--format", "json"]),
        "[]\n"
    );
}

#[test]
fn tab_and_semicolon_separated_files_are_read_as_such() {
    let env = Env::new();
    env.seed();
    let by_comma = Env::new();
    by_comma.seed();
    let rows = [
        ["干部", "企业", "走访日期", "工作任务", "备注"],
        [
            "C01",
            "914403001922038216",
            "2022-03-01",
            "建档案;解难题",
            "谈了用工, 融资",
        ],
        ["C03", "91350100M000100Y43", "2022/3/4", "", ""],
    ];
    let join = |sep: &str| {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        if c.contains(sep) || c.contains(',') || c.contains(';') {
                            format!("\"{c}\"")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    by_comma.write("v.csv", join(","));
    by_comma.ok(&["import", "visits", "v.csv"]);
    let expected = exported(&by_comma, "visits");
    for (i, sep) in ["\t", ";"].into_iter().enumerate() {
        let env = Env::new();
        env.seed();
        let file = format!("v{i}.txt");
        env.write(&file, join(sep));
        env.ok(&["import", "visits", &file]);
        assert_eq!(exported(&env, "visits"), expected, "{sep:?}");
    }
    // A header that could be either is refused, saying so.
    env.write("both.csv", "code,name\tkind\nT09,新街道\ttown\n");
    let line = env.fails(2, &["import", "units", "both.csv"]);
    assert_eq!(
        line,
        "qianqi: both.csv: the header line has 1 comma and 1 tab, so which one separates the cells cannot be told; save the file as CSV (comma-separated), with any comma inside a header in quotes"
    );
}

#[test]
fn an_import_tells_every_problem_of_a_row() {
    let env = Env::new();
    env.seed();
    env.write(
        "u.csv",
        "code,name,kind\r\nT 09,,city\r\nT10,新街道,town\r\n",
    );
    assert_eq!(
        refused(&env, &["import", "units", "u.csv"]),
        [
            "u.csv: line 2, column code: code \"T 09\" holds a space or an invisible character (U+0020); a code is visible characters only",
            "u.csv: line 2, column name: \"\" is empty; this column needs a value on every row",
            "u.csv: line 2, column kind: \"city\" is not a unit kind; use dept, town",
            "qianqi: importing u.csv: 1 bad row with 3 problems; nothing was written",
        ]
    );
    // Visits, checked on their own thread: an unknown cadre is named by the
    // same lookup as the command's, beside the row's other problems.
    env.write(
        "v.csv",
        "cadre,enterprise,visited_on,kind,people\nC99,914403001922038216,2022-02-30,onsite,-5\n",
    );
    let lines = refused(&env, &["import", "visits", "v.csv"]);
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines[0].starts_with("v.csv: line 2, column cadre: no cadre with code \"C99\""),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("v.csv: line 2, column visited_on: \"2022-02-30\" is not a date"),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with("v.csv: line 2, column people: \"-5\""),
        "{lines:#?}"
    );
    assert_eq!(
        lines[3],
        "qianqi: importing v.csv: 1 bad row with 3 problems; nothing was written"
    );
    // A cell too long for a spreadsheet is told first, then the rest.
    env.write(
        "long.csv",
        format!(
            "cadre,enterprise,visited_on,note\n\u{feff}C01,914403001922038216,2022-03-01,{}\n",
            "长".repeat(40_000)
        ),
    );
    let lines = refused(&env, &["import", "visits", "long.csv"]);
    assert!(
        lines[0].starts_with("long.csv: line 2, column note: a text of 40000 characters"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with(
            "long.csv: line 2, column cadre: the text holds the invisible character U+FEFF"
        ),
        "{lines:#?}"
    );
    // In a workbook too, by column letter.
    let rows: &[&[C]] = &[
        &[T("编号"), T("姓名"), T("单位"), T("电话")],
        &[T("C09"), Empty, T("X99"), N(914_403_001_922_038_216.0)],
    ];
    workbook(&env, "干部.xlsx", &[("干部", rows)]);
    let lines = refused(&env, &["import", "cadres", "干部.xlsx"]);
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "干部.xlsx: sheet 干部, row 2, column D (phone): the cell holds the number"
        ),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("干部.xlsx: sheet 干部, row 2, column B (name): \"\" is empty"),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with(
            "干部.xlsx: sheet 干部, row 2, column C (unit): no unit with code \"X99\""
        ),
        "{lines:#?}"
    );
}

#[test]
fn the_problems_shown_are_capped_and_the_rest_counted() {
    let env = Env::new();
    env.seed();
    let mut text = String::from("cadre,enterprise,visited_on,people\n");
    for _ in 0..60 {
        text.push_str("C01,914403001922038216,2022-02-30,0\n");
    }
    env.write("v.csv", &text);
    let lines = refused(&env, &["import", "visits", "v.csv"]);
    assert_eq!(lines.len(), 51, "{lines:#?}");
    assert_eq!(
        lines[50],
        "qianqi: importing v.csv: 60 bad rows with 120 problems (and 70 more not shown); nothing was written"
    );
    let mut text = String::from("code,name,kind\n");
    for i in 0..30 {
        text.push_str(&format!("X{i},,city\n"));
    }
    env.write("u.csv", &text);
    let lines = refused(&env, &["import", "units", "u.csv"]);
    assert_eq!(lines.len(), 51, "{lines:#?}");
    assert_eq!(
        lines[50],
        "qianqi: importing u.csv: 30 bad rows with 60 problems (and 10 more not shown); nothing was written"
    );
}
