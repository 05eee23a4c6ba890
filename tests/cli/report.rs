//! The supervision reports over a small hand-made history.
//!
//! The world is `Env::seed()` (C01 district-tier with 金美, C03 town-tier
//! with 新视通 and 旗能, C02 unpaired) plus five tickets whose history is
//! laid out in `history()`. Today is 2022-12-31.

use crate::harness::*;

const JINMEI: &str = "914403001922038216"; // 金美, T01 古南街道, key enterprise
const XINSHITONG: &str = "91350100M000100Y43"; // 新视通, T01
const QINENG: &str = "91110000802100433B"; // 旗能, T02 文龙街道

/// Five tickets:
///
/// | code      | enterprise | cadre | collected | events                                              | due        |
/// |-----------|------------|-------|-----------|-----------------------------------------------------|------------|
/// | 2022-0001 | 金美       | C01   | 03-01     | accept 03-02, resolve 03-20 (at M001), reopen 07-01 | 04-30      |
/// | 2022-0002 | 旗能       | C03   | 03-05     | explain 04-01                                       | 12-31      |
/// | 2022-0003 | 新视通     | C03   | 06-05     | none: still awaiting acceptance                     | none       |
/// | 2022-0004 | 旗能       | C03   | 08-10     | accept 08-11                                        | 09-30      |
/// | 2022-0005 | 金美       | C02   | 10-01     | resolve 10-15 (C02 is not paired with 金美)         | none       |
fn history() -> Env {
    let env = Env::new();
    env.seed();
    for args in [
        &[
            "meeting",
            "add",
            "M001",
            "--title",
            "古南街道助企干部座谈会",
            "--on",
            "2022-03-20",
            "--cadres",
            "C01,C03",
        ][..],
        &[
            "meeting",
            "add",
            "M002",
            "--title",
            "文龙街道座谈会",
            "--on",
            "2022-09-01",
            "--cadres",
            "C03",
        ],
        &[
            "ticket",
            "add",
            JINMEI,
            "融资难",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--category",
            "融资贷款",
            "--department",
            "D01",
            "--due",
            "2022-04-30",
        ],
        &[
            "ticket",
            "add",
            QINENG,
            "招工难",
            "--cadre",
            "C03",
            "--on",
            "2022-03-05",
            "--category",
            "用工招聘",
            "--department",
            "D02",
            "--due",
            "2022-12-31",
        ],
        &[
            "ticket",
            "add",
            XINSHITONG,
            "用地指标",
            "--cadre",
            "C03",
            "--on",
            "2022-06-05",
        ],
        &[
            "ticket",
            "add",
            QINENG,
            "技工培训",
            "--cadre",
            "C03",
            "--on",
            "2022-08-10",
            "--category",
            "用工招聘",
            "--department",
            "D01",
            "--due",
            "2022-09-30",
        ],
        &[
            "ticket",
            "add",
            JINMEI,
            "贷款贴息",
            "--cadre",
            "C02",
            "--on",
            "2022-10-01",
            "--category",
            "融资贷款",
        ],
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--by",
            "C01",
            "--on",
            "2022-03-02",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C01",
            "--meeting",
            "M001",
        ],
        &[
            "ticket",
            "explain",
            "2022-0002",
            "--by",
            "C03",
            "--on",
            "2022-04-01",
        ],
        &[
            "ticket",
            "reopen",
            "2022-0001",
            "--by",
            "C01",
            "--on",
            "2022-07-01",
        ],
        &[
            "ticket",
            "accept",
            "2022-0004",
            "--by",
            "C03",
            "--on",
            "2022-08-11",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0005",
            "--by",
            "C02",
            "--on",
            "2022-10-15",
        ],
        &[
            "visit",
            JINMEI,
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--tasks",
            "file,policy",
            "--people",
            "2",
        ],
        &[
            "visit",
            XINSHITONG,
            "--cadre",
            "C03",
            "--on",
            "2022-05-10",
            "--tasks",
            "file,problem",
        ],
        &[
            "visit",
            QINENG,
            "--cadre",
            "C03",
            "--on",
            "2022-11-20",
            "--kind",
            "phone",
            "--tasks",
            "policy,industry",
            "--people",
            "3",
        ],
    ] {
        env.ok(args);
    }
    env
}

/// A report as CSV without the BOM, with the CRLF line ends (kept for Excel) as LF.
fn csv_of(env: &Env, args: &[&str]) -> String {
    let mut args = args.to_vec();
    args.extend_from_slice(&["--format", "csv", "--no-bom"]);
    env.ok(&args).replace("\r\n", "\n")
}

/// The total row of `report reconcile --format json` as
/// [collected, closed, resolved, explained, in_progress, awaiting, overdue].
fn totals(env: &Env, extra: &[&str]) -> [i64; 7] {
    let mut args = vec!["report", "reconcile", "--format", "json"];
    args.extend_from_slice(extra);
    let rows: serde_json::Value = serde_json::from_str(&env.ok(&args)).unwrap();
    let last = rows.as_array().unwrap().last().unwrap().clone();
    let keys = [
        "collected",
        "closed",
        "resolved",
        "explained",
        "in_progress",
        "awaiting",
        "overdue",
    ];
    keys.map(|k| last[k].as_i64().unwrap())
}

#[test]
fn today_counts_every_term() {
    let env = history();
    // 5 collected; closed: 0002 explained + 0005 resolved; in progress: 0001
    // (reopened), 0004; awaiting: 0003; overdue: 0001 (due 04-30), 0004 (due 09-30).
    assert_eq!(totals(&env, &[]), [5, 2, 1, 1, 2, 1, 2]);
}

#[test]
fn as_of_reads_the_status_from_the_history_not_the_current_status() {
    let env = history();
    // 2022-05-15: 0001 resolved (03-20, reopened only on 07-01), 0002 explained,
    // 0003-0005 not yet collected. Nothing open, so nothing overdue, although
    // 0001 is open and past its 04-30 due date today.
    assert_eq!(
        totals(&env, &["--as-of", "2022-05-15"]),
        [2, 2, 1, 1, 0, 0, 0]
    );
    // 2022-03-25: 0001 resolved; 0002 still awaiting acceptance (explained 04-01).
    assert_eq!(
        totals(&env, &["--as-of", "2022-03-25"]),
        [2, 1, 1, 0, 0, 1, 0]
    );
    // 2022-07-01: 0001 reopened that day, due 04-30, so in progress and 62 days overdue;
    // 0003 collected 06-05 and awaiting.
    assert_eq!(
        totals(&env, &["--as-of", "2022-07-01"]),
        [3, 1, 0, 1, 1, 1, 1]
    );
    // The end of the history is today's status.
    assert_eq!(totals(&env, &["--as-of", "2022-12-31"]), totals(&env, &[]));
    // Before the first collection there is nothing.
    assert_eq!(totals(&env, &["--as-of", "2022-02-28"]), [0; 7]);
}

#[test]
fn as_of_lists_the_tickets_awaiting_and_overdue_on_that_day() {
    let env = history();
    let out = env.ok(&["report", "reconcile", "--as-of", "2022-07-01"]);
    insta::assert_snapshot!("reconcile_as_of_table", out);
    // 0003, collected 06-05, had waited 26 days; 0001 was 62 days past due.
    assert!(
        out.contains("| 2022-0003 | 91350100M000100Y43 | 重庆新视通智能科技有限公司 | 2022-06-05   |       26 |"),
        "{out}"
    );
    assert!(out.contains("|           62 |"), "{out}");
}

#[test]
fn from_and_to_select_tickets_by_collection_date() {
    let env = history();
    // Collected in March: 0001 (in progress, overdue) and 0002 (explained).
    assert_eq!(
        totals(&env, &["--from", "2022-03-01", "--to", "2022-03-31"]),
        [2, 1, 0, 1, 1, 0, 1]
    );
    // Both ends included.
    assert_eq!(
        totals(&env, &["--from", "2022-03-05", "--to", "2022-06-05"])[0],
        2
    );
    let err = env.fails(
        2,
        &[
            "report",
            "reconcile",
            "--from",
            "2022-05-01",
            "--to",
            "2022-04-01",
        ],
    );
    assert_eq!(err, "qianqi: --from 2022-05-01 is after --to 2022-04-01");
}

#[test]
fn as_of_in_the_future_is_refused() {
    let env = history();
    let err = env.fails(2, &["report", "reconcile", "--as-of", "2023-01-01"]);
    assert!(err.contains("--as-of 2023-01-01 is in the future"), "{err}");
}

#[test]
fn reconcile_states_the_identity_and_names_the_awaiting_ticket() {
    let env = history();
    let out = env.ok(&["report", "reconcile"]);
    insta::assert_snapshot!("reconcile_table", out);
    assert!(out.contains("collected 5 = closed 2 + in_progress 2 + awaiting 1: adds up"));
    assert!(out.contains("closed 2 = resolved 1 + explained 1: adds up"));
    let awaiting = out
        .split("Awaiting acceptance")
        .nth(1)
        .unwrap()
        .split("Overdue")
        .next()
        .unwrap();
    assert!(
        awaiting.contains("2022-0003 | 91350100M000100Y43 | 重庆新视通智能科技有限公司"),
        "{out}"
    );
    assert!(!awaiting.contains("2022-0001"), "{out}");
    // Overdue: oldest due first, with the days past due.
    let overdue = out.split("Overdue").nth(1).unwrap();
    let first = overdue.find("2022-0001").unwrap();
    let second = overdue.find("2022-0004").unwrap();
    assert!(first < second, "{out}");
    assert!(overdue.contains("2022-04-30 |          245 |"), "{out}");
}

#[test]
fn reconcile_csv_and_json_have_exactly_the_specified_columns() {
    let env = history();
    let csv = csv_of(&env, &["report", "reconcile"]);
    assert_eq!(
        csv,
        "group,collected,closed,resolved,explained,in_progress,awaiting,overdue\ntotal,5,2,1,1,2,1,2\n"
    );
    let json = env.ok(&["report", "reconcile", "--format", "json", "--by", "town"]);
    insta::assert_snapshot!("reconcile_by_town_json", json);
    let rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = rows[0].keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "town",
            "town_name",
            "collected",
            "closed",
            "resolved",
            "explained",
            "in_progress",
            "awaiting",
            "overdue"
        ]
    );
    assert_eq!(rows.last().unwrap()["town"], "total");
    // Excel-safe by default: the BOM.
    assert!(env
        .ok(&["report", "reconcile", "--format", "csv"])
        .starts_with('\u{feff}'));
}

#[test]
fn reconcile_by_each_dimension_adds_up_to_the_same_total() {
    let env = history();
    let mut all = String::new();
    for by in [
        "town",
        "department",
        "unit",
        "cadre",
        "category",
        "tier",
        "month",
        "quarter",
    ] {
        let csv = csv_of(&env, &["report", "reconcile", "--by", by]);
        // A unit or a cadre: its code, then its name.
        let (key, total) = match by {
            "town" | "department" | "unit" | "cadre" => (format!("{by},{by}_name"), "total,,"),
            _ => (by.to_string(), "total,"),
        };
        assert!(csv.starts_with(&format!("{key},collected,")), "{csv}");
        assert!(
            csv.ends_with(&format!("{total}5,2,1,1,2,1,2\n")),
            "--by {by}:\n{csv}"
        );
        all.push_str(&format!("--by {by}\n{csv}\n"));
    }
    insta::assert_snapshot!("reconcile_by_each_dimension_csv", all);
    // department: 0003 and 0005 have no handling department and form their own group;
    // 0004 was moved to D01, so D01 holds 0001 and 0004.
    assert!(all.contains("--by department\ndepartment,department_name,collected,closed,resolved,explained,in_progress,awaiting,overdue\nD01,区经济信息委,2,0,0,0,2,0,2\nD02,区人力社保局,1,1,0,1,0,0,0\n,,2,1,1,0,0,1,0\n"), "{all}");
    // tier: 0005's cadre C02 has no pairing with 金美.
    assert!(all.contains("--by tier\ntier,collected,closed,resolved,explained,in_progress,awaiting,overdue\ndistrict,1,0,0,0,1,0,1\ntown,3,1,0,1,1,1,1\n,1,1,1,0,0,0,0\n"), "{all}");
    // town: the enterprise's town, not the cadre's unit.
    assert!(
        all.contains("T01,古南街道,3,1,1,0,1,1,1\nT02,文龙街道,2,1,0,1,1,0,1\n"),
        "{all}"
    );
}

#[test]
fn reconcile_by_in_the_table_names_the_groups_without_a_value() {
    let env = history();
    let out = env.ok(&["report", "reconcile", "--by", "department"]);
    assert!(out.contains("| (no department) |"), "{out}");
    let out = env.ok(&["--lang", "zh", "report", "reconcile", "--by", "tier"]);
    assert!(
        out.contains("| 区级 ") && out.contains("| （未结对） ") && out.contains("| 合计 "),
        "{out}"
    );
}

/// Display width in a terminal: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// Every line of every table in `out` has its column bars at the same display positions.
fn assert_aligned(out: &str) {
    let mut tables: Vec<Vec<&str>> = Vec::new();
    let mut in_table = false;
    for line in out.lines() {
        if line.starts_with('|') {
            if !in_table {
                tables.push(Vec::new());
            }
            tables.last_mut().unwrap().push(line);
        }
        in_table = line.starts_with('|');
    }
    assert!(!tables.is_empty(), "no table in:\n{out}");
    for t in tables {
        let bars = |l: &str| -> Vec<usize> {
            let mut at = 0;
            let mut v = Vec::new();
            for c in l.chars() {
                if c == '|' {
                    v.push(at);
                }
                at += width(&c.to_string());
            }
            v
        };
        let first = bars(t[0]);
        for l in &t {
            assert_eq!(bars(l), first, "misaligned:\n{}", t.join("\n"));
        }
    }
}

#[test]
fn chinese_headers_line_up() {
    let env = history();
    let out = env.ok(&["--lang", "zh", "report", "reconcile", "--by", "town"]);
    insta::assert_snapshot!("reconcile_zh_table", out);
    assert!(
        out.contains(
            "| 街镇 | 街镇名称 | 收集 | 办结 | 已解决 | 政策解释 | 正在办理 | 待受理 | 超期 |"
        ),
        "{out}"
    );
    assert!(
        out.contains("收集 5 = 办结 2 + 正在办理 2 + 待受理 1：相符"),
        "{out}"
    );
    assert_aligned(&out);
    for report in ["coverage", "visits", "overdue", "meetings"] {
        assert_aligned(&env.ok(&["--lang", "zh", "report", report]));
    }
    let csv = csv_of(
        &env,
        &["--lang", "zh", "report", "reconcile", "--by", "town"],
    );
    assert!(
        csv.starts_with("街镇,街镇名称,收集,办结,已解决,政策解释,正在办理,待受理,超期\n"),
        "{csv}"
    );
    // JSON keys stay the same whatever the language.
    let json = env.ok(&["--lang", "zh", "report", "reconcile", "--format", "json"]);
    assert!(json.contains("\"group\": \"total\""), "{json}");
}

#[test]
fn text_is_the_press_bulletin_in_the_article_wording() {
    let env = history();
    let zh = env.ok(&["--lang", "zh", "report", "reconcile", "--format", "text"]);
    assert_eq!(
        zh,
        "累计收集问题5个，办结2件（含已作出政策解释但暂时无法办理问题1件），正在办理2件，尚有1件已收集未受理。\n"
    );
    // No awaiting clause when nothing awaits.
    let zh = env.ok(&[
        "--lang",
        "zh",
        "report",
        "reconcile",
        "--format",
        "text",
        "--as-of",
        "2022-05-15",
    ]);
    assert_eq!(
        zh,
        "截至2022年5月15日，累计收集问题2个，办结2件（含已作出政策解释但暂时无法办理问题1件），正在办理0件。\n"
    );
    let en = env.ok(&["report", "reconcile", "--format", "text"]);
    insta::assert_snapshot!("reconcile_bulletin_en", en);
}

#[test]
fn expect_with_matching_figures_that_add_up_exits_0() {
    let env = history();
    let out = env.ok(&[
        "report",
        "reconcile",
        "--expect",
        "collected=5,closed=2,explained=1,in_progress=2,awaiting=1",
    ]);
    assert!(
        out.contains("declared: collected 5 = closed 2 + in_progress 2 + awaiting 1: adds up"),
        "{out}"
    );
    assert!(
        out.contains("result: every declared figure matches the database and adds up"),
        "{out}"
    );
}

#[test]
fn expect_with_a_wrong_figure_shows_the_difference_and_exits_1() {
    let env = history();
    let o = env.run(&["report", "reconcile", "--expect", "collected=6,explained=1"]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    assert_eq!(o.stderr, "");
    assert!(
        o.stdout
            .contains("| collected |        6 |        5 |          1 |"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("collected: declared 6, database 5, difference 1"),
        "{}",
        o.stdout
    );
    insta::assert_snapshot!("reconcile_expect_wrong", o.transcript());
    // The comparison is the CSV with --expect.
    let o = env.run(&[
        "report",
        "reconcile",
        "--expect",
        "collected=6",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stdout.replace("\r\n", "\n"),
        "term,declared,database,difference\ncollected,6,5,1\n"
    );
}

#[test]
fn expect_with_figures_that_do_not_add_up_names_the_awaiting_ticket_and_exits_1() {
    let env = history();
    // Like the article: every figure matches, but 5 ≠ 2 + 2 with awaiting undeclared.
    let o = env.run(&[
        "report",
        "reconcile",
        "--expect",
        "collected=5,closed=2,explained=1,in_progress=2",
    ]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    insta::assert_snapshot!("reconcile_expect_residue", o.transcript());
    let out = &o.stdout;
    assert!(out.contains("declared: collected 5 ≠ closed 2 + in_progress 2 + awaiting 0 (not declared, taken as 0): 1 ticket unaccounted"), "{out}");
    assert!(
        out.contains(
            "  2022-0003 91350100M000100Y43 重庆新视通智能科技有限公司 (collected 2022-06-05, 209 days awaiting)"
        ),
        "{out}"
    );
    assert!(
        out.contains("result: the declared figures do not add up"),
        "{out}"
    );
    // closed = resolved + explained is checked when all three are declared.
    let o = env.run(&[
        "report",
        "reconcile",
        "--expect",
        "closed=2,resolved=2,explained=1",
    ]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    assert!(
        o.stdout
            .contains("declared: closed 2 ≠ resolved 2 + explained 1: off by -1"),
        "{}",
        o.stdout
    );
    // A bad declaration is a usage error.
    let err = env.fails(2, &["report", "reconcile", "--expect", "total=5"]);
    assert!(err.contains("\"total\" is not a term"), "{err}");
}

#[test]
fn coverage_counts_pairings_in_force_and_lists_the_gaps() {
    let env = history();
    let out = env.ok(&["report", "coverage"]);
    insta::assert_snapshot!("coverage_table", out);
    // 旗能 has no visit with the file work item; C01 last visited on 03-01 (305 days).
    assert!(out.contains("Enterprises without a file (1)"), "{out}");
    assert!(
        out.contains("| 91110000802100433B | 重庆旗能电铝有限公司 |"),
        "{out}"
    );
    assert!(
        out.contains("Cadres with no visit in the last 90 days (1)"),
        "{out}"
    );
    assert!(
        out.contains("| C01   | 王芳       | D01  | 区经济信息委 | 2022-03-01 |        305 |"),
        "{out}"
    );
    // 金美's cadre C01 attended M001, so no key enterprise is left out...
    assert!(
        out.contains("Key enterprises whose cadres attended no meeting (0)"),
        "{out}"
    );
    // ...unless only meetings from April on count.
    let key = csv_of(
        &env,
        &[
            "report",
            "coverage",
            "--from",
            "2022-04-01",
            "--list",
            "key-no-meeting",
        ],
    );
    assert_eq!(key, "enterprise,enterprise_name,town,town_name,cadres\n\"=\"\"914403001922038216\"\"\",重庆金美新材料科技有限公司,T01,古南街道,C01 王芳\n");
    let csv = csv_of(&env, &["report", "coverage"]);
    assert_eq!(
        csv,
        "tier,cadres,enterprises\ndistrict,1,1\ntown,1,2\ntotal,2,3\n"
    );
    insta::assert_snapshot!(
        "coverage_json",
        env.ok(&["report", "coverage", "--format", "json"])
    );
    // A longer idle threshold lets C01 off.
    let idle = csv_of(
        &env,
        &["report", "coverage", "--list", "idle", "--idle-days", "400"],
    );
    assert_eq!(
        idle,
        "cadre,cadre_name,unit,unit_name,last_visit,days_since\n"
    );
}

#[test]
fn coverage_counts_a_pairing_until_the_day_it_ends() {
    let env = history();
    env.ok(&["unpair", "C03", QINENG, "--on", "2022-12-01"]);
    let unpaired = |as_of: &str| {
        csv_of(
            &env,
            &["report", "coverage", "--as-of", as_of, "--list", "unpaired"],
        )
    };
    // The day it ends is the first day it is not in force, so that another
    // pairing can take over on that day without both counting.
    assert_eq!(
        unpaired("2022-11-30"),
        "enterprise,enterprise_name,town,town_name\n"
    );
    assert_eq!(
        unpaired("2022-12-01"),
        "enterprise,enterprise_name,town,town_name\n91110000802100433B,重庆旗能电铝有限公司,T02,文龙街道\n"
    );
    // Today 旗能 is no longer served, but during 2022 it was.
    let now = csv_of(&env, &["report", "coverage"]);
    assert!(now.ends_with("total,2,2\n"), "{now}");
    let year = csv_of(
        &env,
        &[
            "report",
            "coverage",
            "--from",
            "2022-01-01",
            "--to",
            "2022-12-31",
        ],
    );
    assert!(year.ends_with("total,2,3\n"), "{year}");
}

#[test]
fn visits_counts_records_person_visits_and_work_items() {
    let env = history();
    let out = env.ok(&["report", "visits"]);
    // 3 records, 2 + 1 + 3 person-visits; file twice, policy twice, problem and industry once.
    assert!(
        out.contains(
            "| total |      3 |             6 |    2 |      2 |      0 |       1 |        1 |"
        ),
        "{out}"
    );
    let mut all = String::new();
    for by in ["town", "unit", "cadre", "tier", "month", "quarter"] {
        let csv = csv_of(&env, &["report", "visits", "--by", by]);
        let total = match by {
            "town" | "unit" | "cadre" => "total,,",
            _ => "total,",
        };
        assert!(
            csv.ends_with(&format!("{total}3,6,2,2,0,1,1\n")),
            "--by {by}:\n{csv}"
        );
        all.push_str(&format!("--by {by}\n{csv}\n"));
    }
    for period in ["week", "month", "quarter"] {
        let csv = csv_of(
            &env,
            &["report", "visits", "--by", "town", "--period", period],
        );
        assert!(
            csv.ends_with("total,,,3,6,2,2,0,1,1\n"),
            "--period {period}:\n{csv}"
        );
        all.push_str(&format!("--by town --period {period}\n{csv}\n"));
    }
    insta::assert_snapshot!("visits_csv", all);
    // ISO weeks: 2022-03-01 is in week 9.
    assert!(
        all.contains("T01,古南街道,2022-W09,1,2,1,1,0,0,0\n"),
        "{all}"
    );
    insta::assert_snapshot!(
        "visits_table_zh",
        env.ok(&["--lang", "zh", "report", "visits", "--by", "cadre"])
    );
    insta::assert_snapshot!(
        "visits_json",
        env.ok(&["report", "visits", "--period", "quarter", "--format", "json"])
    );
    // --from/--to on the visit day.
    let q2 = csv_of(
        &env,
        &[
            "report",
            "visits",
            "--from",
            "2022-04-01",
            "--to",
            "2022-06-30",
        ],
    );
    assert_eq!(
        q2,
        "group,visits,person_visits,file,policy,agency,problem,industry\ntotal,1,1,1,0,0,1,0\n"
    );
}

#[test]
fn overdue_lists_open_tickets_past_due_oldest_first() {
    let env = history();
    let out = env.ok(&["report", "overdue"]);
    insta::assert_snapshot!("overdue_table", out);
    let csv = csv_of(&env, &["report", "overdue"]);
    assert_eq!(
        csv,
        "code,enterprise,enterprise_name,town,town_name,cadre,cadre_name,category,department,department_name,collected_on,due_on,days_overdue,status,escalation,last_urge,last_urge_on\n\
         2022-0001,\"=\"\"914403001922038216\"\"\",重庆金美新材料科技有限公司,T01,古南街道,C01,王芳,融资贷款,D01,区经济信息委,2022-03-01,2022-04-30,245,in_progress,notify,,\n\
         2022-0004,91110000802100433B,重庆旗能电铝有限公司,T02,文龙街道,C03,张伟,用工招聘,D01,区经济信息委,2022-08-10,2022-09-30,92,in_progress,notify,,\n"
    );
    insta::assert_snapshot!(
        "overdue_json",
        env.ok(&["report", "overdue", "--format", "json"])
    );
    // On 2022-05-15 0001 was resolved: nothing overdue; on 07-01 it had been reopened.
    let may = csv_of(&env, &["report", "overdue", "--as-of", "2022-05-15"]);
    assert_eq!(may.lines().count(), 1, "{may}");
    let july = csv_of(&env, &["report", "overdue", "--as-of", "2022-07-01"]);
    assert!(
        july.contains("2022-0001,") && july.contains(",62,in_progress,notify,,"),
        "{july}"
    );
}

#[test]
fn meetings_count_attendance_and_tickets_resolved_at_them() {
    let env = history();
    let out = env.ok(&["report", "meetings"]);
    insta::assert_snapshot!("meetings_table", out);
    let csv = csv_of(&env, &["report", "meetings"]);
    // C03 attended both meetings: the total counts distinct cadres.
    assert_eq!(
        csv,
        "meeting,held_on,title,meetings,cadres,tickets_resolved\n\
         M001,2022-03-20,古南街道助企干部座谈会,1,2,1\n\
         M002,2022-09-01,文龙街道座谈会,1,1,0\n\
         total,,,2,2,1\n"
    );
    insta::assert_snapshot!(
        "meetings_json",
        env.ok(&["report", "meetings", "--format", "json"])
    );
    let later = csv_of(&env, &["report", "meetings", "--from", "2022-04-01"]);
    assert!(later.ends_with("total,,,1,1,0\n"), "{later}");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let env = history();
    env.ok(&[
        "report",
        "reconcile",
        "--by",
        "town",
        "--format",
        "csv",
        "--output",
        "r.csv",
    ]);
    let bytes = std::fs::read(env.path("r.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}town,town_name,collected".as_bytes()));
}

#[test]
fn list_limit_shortens_the_lists_and_says_how_many_are_left_out() {
    let env = history();
    let out = env.ok(&["report", "reconcile", "--list-limit", "1"]);
    let overdue = out.split("Overdue (open and past due) (2)").nth(1).unwrap();
    assert!(overdue.contains("2022-0001"), "{out}");
    assert!(!overdue.contains("2022-0004"), "{out}");
    assert!(
        overdue.contains("… and 1 more (--list-limit 0 lists them all)"),
        "{out}"
    );
    assert!(!env
        .ok(&["report", "reconcile", "--list-limit", "0"])
        .contains("more"));
}

#[test]
fn differences_and_the_residue_are_red_on_a_coloured_terminal() {
    let env = history();
    // collected differs (6 against 5) and 6 ≠ 2 + 2 + 0; closed matches.
    let expect = [
        "report",
        "reconcile",
        "--expect",
        "collected=6,closed=2,explained=1,in_progress=2",
    ];
    let coloured = |o: &Out| {
        let at = o.stdout.find("Declared figures").unwrap_or(0);
        o.stdout[at..].to_string()
    };
    let o = env.run(&[&["--color", "always"][..], &expect].concat());
    assert_eq!(o.status, 1, "{}", o.transcript());
    let out = coloured(&o);
    let red = |line: &str| format!("\x1b[31m{line}\x1b[0m");
    for line in [
        "collected: declared 6, database 5, difference 1",
        "declared: collected 6 ≠ closed 2 + in_progress 2 + awaiting 0 (not declared, taken as 0): 2 tickets unaccounted",
        "result: declared figures differ from the database",
    ] {
        assert!(out.contains(&red(line)), "{line}\n{out:?}");
    }
    let row = |term: &str| {
        out.lines()
            .find(|l| l.contains(&format!(" {term} ")))
            .unwrap_or_else(|| panic!("no row {term}: {out:?}"))
            .to_string()
    };
    assert!(row("collected").contains('\x1b'), "{out:?}");
    assert!(!row("closed").contains('\x1b'), "{out:?}");
    // The same in Chinese.
    let o = env.run(&[&["--color", "always", "--lang", "zh"][..], &expect].concat());
    assert!(
        o.stdout.contains(&red("收集：申报6，数据库5，相差1")),
        "{:?}",
        o.stdout
    );
    // Figures that match and add up: nothing red.
    let o = env.run(&[
        "--color",
        "always",
        "report",
        "reconcile",
        "--expect",
        "collected=5,closed=2,explained=1,in_progress=2,awaiting=1",
    ]);
    assert_eq!(o.status, 0, "{}", o.transcript());
    assert!(!coloured(&o).contains('\x1b'), "{:?}", o.stdout);
    // On a terminal by default; never with NO_COLOR, --color never, captured
    // output, or into a file.
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "200");
    assert!(coloured(&env.run_with(c, &expect, None)).contains('\x1b'));
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "200").env("NO_COLOR", "1");
    assert!(!env.run_with(c, &expect, None).stdout.contains('\x1b'));
    let mut c = env.command();
    c.env("QIANQI_TERM_WIDTH", "200");
    let never = [&["--color", "never"][..], &expect].concat();
    assert!(!env.run_with(c, &never, None).stdout.contains('\x1b'));
    assert!(!env.run(&expect).stdout.contains('\x1b'));
    let file = env.path("reconcile.txt");
    let to_file = [
        &["--color", "always"][..],
        &expect,
        &["-o", file.to_str().unwrap()],
    ]
    .concat();
    assert_eq!(env.run(&to_file).status, 1);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("collected: declared 6, database 5, difference 1"),
        "{written}"
    );
    assert!(!written.contains('\x1b'), "{written:?}");
}

#[test]
fn grouped_reports_show_a_unit_or_a_cadre_by_code_and_name() {
    let env = history();
    let cases: [(&str, &str, &str, &str, &str); 10] = [
        (
            "reconcile",
            "town",
            "T01,古南街道,3,",
            "街镇,街镇名称,",
            "| T01 ",
        ),
        (
            "reconcile",
            "department",
            "D01,区经济信息委,2,",
            "承办单位,承办单位名称,",
            "| D01 ",
        ),
        (
            "reconcile",
            "unit",
            "T01,古南街道,3,",
            "单位,单位名称,",
            "| T01 ",
        ),
        (
            "reconcile",
            "cadre",
            "C01,王芳,1,",
            "干部,干部姓名,",
            "| C01 ",
        ),
        (
            "visits",
            "town",
            "T01,古南街道,2,",
            "街镇,街镇名称,",
            "| T01 ",
        ),
        (
            "visits",
            "unit",
            "D01,区经济信息委,",
            "单位,单位名称,",
            "| D01 ",
        ),
        ("visits", "cadre", "C01,王芳,", "干部,干部姓名,", "| C01 "),
        (
            "assessment",
            "town",
            "T01,古南街道,",
            "街镇,街镇名称,",
            "| T01 ",
        ),
        (
            "assessment",
            "unit",
            "D01,区经济信息委,",
            "单位,单位名称,",
            "| D01 ",
        ),
        (
            "assessment",
            "department",
            "D01,区经济信息委,",
            "承办单位,承办单位名称,",
            "| D01 ",
        ),
    ];
    for (report, by, row, zh, cell) in cases {
        let args = ["report", report, "--by", by];
        let csv = csv_of(&env, &args);
        assert!(
            csv.starts_with(&format!("{by},{by}_name,")),
            "{report} --by {by}:\n{csv}"
        );
        assert!(
            csv.lines().any(|l| l.starts_with(row)),
            "{report} --by {by}: no {row}\n{csv}"
        );
        // The total row has no name.
        assert!(csv.contains("\ntotal,,"), "{report} --by {by}:\n{csv}");
        let mut zh_args = vec!["--lang", "zh"];
        zh_args.extend(args);
        assert!(
            csv_of(&env, &zh_args).starts_with(zh),
            "{report} --by {by} in Chinese"
        );
        let json: serde_json::Value =
            serde_json::from_str(&env.ok(&["report", report, "--by", by, "--format", "json"]))
                .unwrap();
        let name = format!("{by}_name");
        assert!(
            json.as_array()
                .unwrap()
                .iter()
                .all(|r| r.get(&name).is_some()),
            "{report} --by {by}: {json}"
        );
        let table = env.ok(&args);
        let (code, name) = (
            row.split(',').next().unwrap(),
            row.split(',').nth(1).unwrap(),
        );
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(cell) && l.contains(&format!("| {name} "))),
            "{report} --by {by}: no {code} {name}\n{table}"
        );
    }
    // Tickets without a department: a group with neither code nor name.
    let csv = csv_of(&env, &["report", "reconcile", "--by", "department"]);
    assert!(csv.contains("\n,,2,1,1,0,0,1,0\n"), "{csv}");
}
