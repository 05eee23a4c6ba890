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
    assert!(cadres.contains("C02,李明,D02,正科级,,0,0,"), "{cadres}");
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
