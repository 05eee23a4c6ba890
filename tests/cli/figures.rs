//! Figures that cannot be silently wrong: the one-at-a-time pairing rules on
//! every day, pairings never in force, voided visits, numbers that do not
//! wrap, periods that run forwards and total rows no group can imitate.

use crate::harness::*;

/// 重庆金美新材料科技有限公司, paired with C01 at district tier from 2022-01-10.
const E1: &str = "914403001922038216";
/// 重庆新视通智能科技有限公司, paired with C03 at town tier from 2022-02-01.
const E2: &str = "91350100M000100Y43";
/// 重庆旗能电铝有限公司, paired with C03 at town tier from 2022-02-01.
const E3: &str = "91110000802100433B";

fn seeded() -> Env {
    let env = Env::new();
    env.seed();
    env
}

/// The `tier, cadres, enterprises` rows of `report coverage` as CSV.
fn coverage(env: &Env, as_of: &str) -> Vec<String> {
    let out = env.ok(&["report", "coverage", "--as-of", as_of, "--format", "csv"]);
    out.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_backdated_district_pairing_overlapping_a_closed_one_is_refused() {
    let env = seeded();
    env.ok(&["unpair", "C01", E1, "--on", "2022-06-30"]);
    let msg = env.fails(
        2,
        &[
            "pair",
            "C01",
            E3,
            "--tier",
            "district",
            "--on",
            "2022-03-01",
        ],
    );
    assert!(
        msg.contains("served 重庆金美新材料科技有限公司 (914403001922038216) one-to-one at district tier from 2022-01-10 to 2022-06-30")
            && msg.contains("overlaps this pairing from 2022-03-01 on"),
        "{msg}"
    );
    // The enterprise side: another cadre in 金美's district months.
    let msg = env.fails(
        2,
        &[
            "pair",
            "C02",
            E1,
            "--tier",
            "district",
            "--on",
            "2022-06-01",
        ],
    );
    assert!(
        msg.contains("the enterprise had a district-tier pairing with C01 王芳 from 2022-01-10 to 2022-06-30"),
        "{msg}"
    );
    // A handover on the day the last pairing ended is no overlap.
    env.ok(&[
        "pair",
        "C01",
        E3,
        "--tier",
        "district",
        "--on",
        "2022-06-30",
    ]);
    env.ok(&[
        "pair",
        "C02",
        E1,
        "--tier",
        "district",
        "--on",
        "2022-06-30",
    ]);
    assert_eq!(
        coverage(&env, "2022-06-30"),
        ["district,2,2", "town,1,2", "total,3,3"]
    );
}

#[test]
fn imported_pairings_are_checked_for_overlap_whether_open_or_ended() {
    let env = seeded();
    let cases = [
        // Two ended district pairings of one cadre, overlapping.
        (
            "cadre,enterprise,tier,started_on,ended_on\n\
             C02,91350100M000100Y43,district,2022-01-01,2022-05-01\n\
             C02,91110000802100433B,district,2022-04-01,2022-08-01\n",
            "line 3, column cadre: the cadre served 重庆新视通智能科技有限公司 (91350100M000100Y43) one-to-one at district tier from 2022-01-01 to 2022-05-01, which overlaps this pairing from 2022-04-01 to 2022-08-01",
        ),
        // An ended district pairing inside C01's open one with 金美.
        (
            "cadre,enterprise,tier,started_on,ended_on\nC02,914403001922038216,district,2022-02-01,2022-03-01\n",
            "line 2, column enterprise: the enterprise already has an open district-tier pairing with C01 王芳 (from 2022-01-10 on)",
        ),
        // An ended town pairing of an enterprise while its open one runs.
        (
            "cadre,enterprise,tier,started_on,ended_on\nC02,91110000802100433B,town,2022-03-01,2022-04-01\n",
            "line 2, column enterprise: the enterprise already has an open town-tier pairing with C03 张伟 (from 2022-02-01 on)",
        ),
        // An earlier town pairing that ends after C03's began.
        (
            "cadre,enterprise,tier,started_on,ended_on\nC02,91110000802100433B,town,2022-01-01,2022-02-02\n",
            "already has an open town-tier pairing with C03 张伟",
        ),
    ];
    for (text, needle) in cases {
        env.write("p.csv", text);
        let msg = env.fails(2, &["import", "pairings", "p.csv"]);
        assert!(msg.contains(needle), "{text}\n{msg}");
    }
    // Handovers on the day, in a file, are accepted.
    env.write(
        "p.csv",
        "cadre,enterprise,tier,started_on,ended_on\n\
         C02,91350100M000100Y43,district,2022-01-01,2022-05-01\n\
         C02,91110000802100433B,district,2022-05-01,2022-08-01\n\
         C01,91110000802100433B,town,2022-01-01,2022-02-01\n",
    );
    env.ok(&["import", "pairings", "p.csv"]);
}

#[test]
fn a_pairing_ended_on_the_day_it_began_was_never_in_force() {
    let env = seeded();
    env.ok(&[
        "pair",
        "C02",
        E3,
        "--tier",
        "district",
        "--on",
        "2022-03-01",
    ]);
    env.ok(&["unpair", "C02", E3, "--on", "2022-03-01"]);
    // Coverage on that day and over a period holding it: no C02.
    assert_eq!(
        coverage(&env, "2022-03-01"),
        ["district,1,1", "town,1,2", "total,2,3"]
    );
    let period = env.ok(&[
        "report",
        "coverage",
        "--from",
        "2022-03-01",
        "--to",
        "2022-03-01",
        "--format",
        "csv",
    ]);
    assert!(period.contains("district,1,1"), "{period}");
    // A visit on that day is not within any pairing of C02 with 旗能.
    let msg = env.fails(2, &["visit", E3, "--cadre", "C02", "--on", "2022-03-01"]);
    assert!(msg.contains("not paired with this enterprise"), "{msg}");
    // A ticket it collected belongs to no tier.
    env.ok(&[
        "ticket",
        "add",
        E3,
        "用电难",
        "--cadre",
        "C02",
        "--on",
        "2022-03-01",
    ]);
    let by_tier = env.ok(&["report", "reconcile", "--by", "tier", "--format", "csv"]);
    assert!(by_tier.contains("\n,1,"), "{by_tier}");
    assert!(!by_tier.contains("district,1"), "{by_tier}");
    // The cadre serves nobody; another district pairing from that day is no overlap.
    let cadres = env.ok(&["cadre", "list", "--format", "csv"]);
    assert!(
        cadres.contains("C02,李明,D02,区人力社保局,正科级,,0,0,"),
        "{cadres}"
    );
    env.ok(&[
        "pair",
        "C02",
        E2,
        "--tier",
        "district",
        "--on",
        "2022-03-01",
    ]);
}

/// The seeded world with two visits of C01 to 金美, the first building its
/// file; visit 1 is then voided on 2022-05-01.
fn voided() -> Env {
    let env = seeded();
    env.ok(&[
        "visit",
        E1,
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
        "--tasks",
        "file",
    ]);
    env.ok(&["visit", E1, "--cadre", "C01", "--on", "2022-04-01"]);
    let list = env.ok(&["visit", "list", "--format", "csv"]);
    assert!(
        list.contains("id,visited_on,cadre") && list.contains("\n1,2022-03-01,C01,"),
        "{list}"
    );
    let out = env.ok(&[
        "visit",
        "void",
        "1",
        "--reason",
        "重复录入",
        "--on",
        "2022-05-01",
    ]);
    assert_eq!(out, "voided visit 1 on 2022-05-01\n");
    env
}

#[test]
fn a_voided_visit_leaves_every_count_from_its_void_date_on() {
    let env = voided();
    assert_eq!(
        env.count("SELECT count(*) FROM visits WHERE voided_on = '2022-05-01' AND void_reason = '重复录入'"),
        1
    );
    // The visits report, now and for a period before the void.
    let now = env.ok(&["report", "visits", "--format", "csv"]);
    assert!(now.contains("\ntotal,1,1,0,"), "{now}");
    // The file it built is gone from the day of the void, not before.
    let no_file = |as_of: &str| {
        env.ok(&[
            "report", "coverage", "--list", "no-file", "--as-of", as_of, "--format", "csv",
        ])
    };
    assert!(!no_file("2022-04-30").contains(E1));
    assert!(no_file("2022-05-01").contains(E1));
    // The idle cadres: C01's last visit that counts is 2022-04-01.
    let idle = env.ok(&[
        "report",
        "coverage",
        "--list",
        "idle",
        "--as-of",
        "2022-04-15",
        "--idle-days",
        "10",
        "--format",
        "csv",
    ]);
    assert!(
        idle.contains("C01,王芳,D01,区经济信息委,2022-04-01,14"),
        "{idle}"
    );
    // Lists, files and counts.
    let list = env.ok(&["visit", "list", "--format", "csv"]);
    assert!(
        !list.contains("2022-03-01") && list.contains("2022-04-01"),
        "{list}"
    );
    let gone = env.ok(&["visit", "list", "--voided", "--format", "csv"]);
    assert!(
        gone.contains("voided_on,void_reason") && gone.contains(",2022-05-01,重复录入"),
        "{gone}"
    );
    let cadres = env.ok(&["cadre", "list", "--format", "csv"]);
    assert!(cadres.contains("\",1,1,2022-04-01"), "{cadres}");
    let ents = env.ok(&["enterprise", "list", "--format", "csv"]);
    assert!(ents.contains(",C01 王芳,1,0"), "{ents}");
    for file in [&["enterprise", "show", E1][..], &["cadre", "show", "C01"]] {
        let shown = env.ok(file);
        assert!(!shown.contains("2022-03-01"), "{shown}");
    }
    // The picture report counts as the visits report does, and before the
    // void as it was then.
    let report = env.ok(&["report", "visits", "--period", "month", "--format", "csv"]);
    assert!(report.contains("\ntotal,1,1,"), "{report}");
    for (as_of, visits) in [(None, 1), (Some("2022-04-30"), 2)] {
        let mut args = vec!["report", "html"];
        args.extend(as_of.iter().flat_map(|d| ["--as-of", d]));
        let page = env.ok(&args);
        assert!(
            page.contains(&format!("{visits} visits, {visits} person-visits in all")),
            "as of {as_of:?}, the page should count {visits} visits"
        );
    }
}

#[test]
fn a_void_needs_a_known_visit_a_reason_and_a_day_not_before_it() {
    let env = voided();
    for (args, needle) in [
        (
            &["visit", "void", "1", "--reason", "again"][..],
            "visit 1 was already voided on 2022-05-01",
        ),
        (
            &["visit", "void", "9", "--reason", "x"],
            "no visit with id 9",
        ),
        (
            &["visit", "void", "2", "--reason", "  "],
            "a void needs a reason",
        ),
        (
            &["visit", "void", "2", "--reason", "x", "--on", "2022-03-31"],
            "the visit is dated 2022-04-01; it cannot be voided on 2022-03-31",
        ),
        (
            &["visit", "void", "2", "--reason", "x", "--on", "2023-01-01"],
            "in the future",
        ),
    ] {
        let msg = env.fails(2, args);
        assert!(msg.contains(needle), "{args:?}: {msg}");
    }
}

#[test]
fn voids_travel_through_export_and_import_and_older_files_still_import() {
    let env = voided();
    let other = Env::new();
    other.seed();
    env.ok(&[
        "export",
        "visits",
        "-o",
        other.path("v.csv").to_str().unwrap(),
    ]);
    other.ok(&["import", "visits", "v.csv"]);
    let voids = "SELECT visited_on, voided_on, void_reason FROM visits WHERE voided_on IS NOT NULL";
    assert_eq!(other.rows(voids), env.rows(voids));
    // A file written before voids, and a void without its day or reason.
    other.write(
        "old.csv",
        "cadre,enterprise,visited_on,kind,people,tasks,note,unpaired\nC01,914403001922038216,2022-06-01,onsite,1,,,no\n",
    );
    other.ok(&["import", "visits", "old.csv"]);
    for (row, needle) in [
        (",2022-06-02,,重复", "line 2, column voided_on: \"\" is empty; a visit with a void reason needs the day"),
        (",2022-06-02,2022-06-03,", "line 2, column void_reason: a void needs a reason"),
        (",2022-06-02,2022-06-01,重复", "line 2, column voided_on: the visit is dated 2022-06-02; it cannot be voided on 2022-06-01"),
    ] {
        let text = format!("cadre,enterprise,visited_on,voided_on,void_reason\nC01,{E1}{row}\n");
        other.write("bad.csv", text);
        let msg = other.fails(2, &["import", "visits", "bad.csv"]);
        assert!(msg.contains(needle), "{row}: {msg}");
    }
}

#[test]
fn a_typed_code_with_a_huge_number_leaves_automatic_codes_working() {
    let env = seeded();
    let add = |code: Option<&str>| {
        let mut args = vec![
            "ticket",
            "add",
            E1,
            "融资难",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
        ];
        if let Some(c) = code {
            args.extend(["--code", c]);
        }
        env.ok(&args)
    };
    add(Some("2022-9223372036854775807"));
    add(Some("2022-99999999999999999999999"));
    add(None);
    add(None);
    // At the highest number an automatic code holds, the lowest free one follows.
    add(Some("2022-999999999999999999"));
    add(None);
    let codes = env.ok(&["ticket", "list", "--format", "csv"]);
    for code in ["2022-0001", "2022-0002", "2022-0003"] {
        assert!(codes.contains(code), "{code}: {codes}");
    }
    assert_eq!(env.count("SELECT count(*) FROM tickets"), 6);
}

#[test]
fn every_period_refuses_a_start_after_its_end() {
    let env = seeded();
    for args in [
        &["ticket", "list"][..],
        &["visit", "list"],
        &["visit", "list", "--voided"],
        &["meeting", "list"],
        &["report", "reconcile"],
        &["report", "coverage"],
        &["report", "visits"],
        &["report", "overdue"],
        &["report", "meetings"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--from", "2022-06-30", "--to", "2022-06-01"]);
        let msg = env.fails(2, &args);
        assert_eq!(
            msg, "qianqi: --from 2022-06-30 is after --to 2022-06-01",
            "{args:?}"
        );
    }
}

#[test]
fn no_group_can_pass_for_the_total_row() {
    let env = seeded();
    for args in [
        &[
            "ticket",
            "add",
            E1,
            "融资难",
            "--cadre",
            "C01",
            "--category",
            "total",
        ][..],
        &["unit", "add", "T09", "Total", "--kind", "town"],
        &[
            "meeting",
            "add",
            "total",
            "--title",
            "座谈",
            "--on",
            "2022-04-15",
        ],
    ] {
        let msg = env.fails(2, args);
        assert!(
            msg.contains("is the name of the total row"),
            "{args:?}: {msg}"
        );
    }
    env.write(
        "t.csv",
        "code,enterprise,cadre,collected_on,category,summary\nX1,914403001922038216,C01,2022-03-01,TOTAL,融资难\n",
    );
    let msg = env.fails(2, &["import", "tickets", "t.csv"]);
    assert!(
        msg.contains("line 2, column category: \"TOTAL\" is the name of the total row"),
        "{msg}"
    );
    // A category entered before the rule: the report refuses rather than show two totals.
    env.ok(&[
        "ticket",
        "add",
        E1,
        "融资难",
        "--cadre",
        "C01",
        "--category",
        "融资",
    ]);
    env.execute("UPDATE tickets SET category = 'total'");
    for format in ["csv", "json", "table"] {
        let msg = env.fails(
            2,
            &[
                "report",
                "reconcile",
                "--by",
                "category",
                "--format",
                format,
            ],
        );
        assert!(
            msg.contains("a category is named \"total\", like the total row"),
            "{msg}"
        );
    }
}
