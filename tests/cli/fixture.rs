//! The bundled Qijiang 2022 fixture.

use crate::harness::*;

const KINDS: [&str; 8] = [
    "units",
    "cadres",
    "enterprises",
    "pairings",
    "visits",
    "meetings",
    "tickets",
    "events",
];

fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/qijiang-2022")
}

#[test]
fn the_fixture_is_exactly_what_the_generator_writes() {
    let env = Env::bare();
    let out = env.path("gen");
    env.ok(&["generate", "--out", out.to_str().unwrap()]);
    for kind in KINDS {
        let name = format!("{kind}.csv");
        let generated = std::fs::read(out.join(&name)).unwrap();
        let bundled = std::fs::read(fixture_dir().join(&name)).unwrap();
        assert!(
            generated == bundled,
            "fixtures/qijiang-2022/{name} differs from `qianqi generate --scale 1 --seed 2022`; regenerate it"
        );
    }
}

/// A database holding the whole fixture, loaded once by `qianqi demo` and
/// copied for each test: on PostgreSQL, into a template database
/// `qianqi_t<pid>_qijiang`, left for the next run's harness to drop.
pub fn qijiang() -> Env {
    if on_postgres() {
        // Loaded once: a failure fails every test that needs it at once.
        static TEMPLATE: std::sync::OnceLock<Result<String, String>> = std::sync::OnceLock::new();
        let template = TEMPLATE.get_or_init(|| {
            let name = format!("qianqi_t{}_qijiang", std::process::id());
            pg_create(&name, None);
            let env = Env::bare();
            let o = env.run(&["--db", &pg_url(&name), "demo"]);
            if o.status == 0 {
                Ok(name)
            } else {
                Err(o.transcript())
            }
        });
        match template {
            Ok(name) => return Env::from_template(name),
            Err(e) => panic!("`qianqi demo` did not load the fixture:\n{e}"),
        }
    }
    static LOADED: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let master = LOADED.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("qijiang-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let env = Env::bare();
        let o = env.run(&["--db", path.to_str().unwrap(), "demo"]);
        assert_eq!(o.status, 0, "{}", o.transcript());
        path.clone()
    });
    let env = Env::bare();
    let c = rusqlite::Connection::open(master).unwrap();
    c.execute("VACUUM INTO ?1", [&env.db]).unwrap();
    env
}

#[test]
fn the_demo_prints_the_published_figures_and_names_the_missing_case() {
    let env = Env::bare();
    let o = env.run_with(
        {
            let mut c = env.command();
            c.env_remove("QIANQI_DB");
            c
        },
        &["demo"],
        None,
    );
    assert_eq!(o.status, 0, "{}", o.transcript());
    let out = &o.stdout;
    // Reconciliation: 777 = 695 + 81 + 1, 695 = 531 + 164.
    assert!(
        out.contains(
            "| total |       777 |    695 |      531 |       164 |          81 |        1 |"
        ),
        "{out}"
    );
    assert!(
        out.contains("collected 777 = closed 695 + in_progress 81 + awaiting 1: adds up"),
        "{out}"
    );
    // The missing case, named.
    assert!(
        out.contains("重庆綦江威铭机械制造有限公司 | 2022-12-23   |"),
        "{out}"
    );
    // Coverage: 285 ↔ 285, 460 → 681, 745 / 966.
    assert!(out.contains("| district |    285 |         285 |"), "{out}");
    assert!(out.contains("| town     |    460 |         681 |"), "{out}");
    assert!(out.contains("| total    |    745 |         966 |"), "{out}");
    assert!(out.contains("Enterprises without a file (0)"), "{out}");
    assert!(
        out.contains("Key enterprises whose cadres attended no meeting (0)"),
        "{out}"
    );
    // The departments' assessment: the district's resolution_rate is 531 / 695.
    assert!(
        out.contains("== report assessment --by department --as-of 2022-12-31"),
        "{out}"
    );
    let total = out
        .lines()
        .find(|l| l.starts_with("| total ") && l.contains('%'))
        .unwrap_or_else(|| panic!("no assessment total row in {out}"));
    assert!(total.contains("| 76.4% (531/695) |"), "{total}");
    // The published figures checked: one ticket unaccounted, and which.
    assert!(out.contains("1 ticket unaccounted"), "{out}");
    assert!(
        out.contains("  2022-0777 91500222MAY12B81NC 重庆綦江威铭机械制造有限公司"),
        "{out}"
    );
}

#[test]
fn the_demo_refuses_a_database_that_holds_data() {
    let env = Env::new();
    env.seed();
    let msg = env.fails(2, &["--db", &env.db, "demo"]);
    assert!(msg.contains("already holds data"), "{msg}");
}

#[test]
fn the_article_figures_match_each_term_but_leave_one_ticket_unaccounted() {
    let env = qijiang();
    let o = env.run(&[
        "report",
        "reconcile",
        "--as-of",
        "2022-12-31",
        "--expect",
        "collected=777,closed=695,explained=164,in_progress=81",
        "--format",
        "json",
    ]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    for (term, figure) in [
        ("collected", 777),
        ("closed", 695),
        ("explained", 164),
        ("in_progress", 81),
    ] {
        let row = v
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["term"] == term)
            .unwrap();
        assert_eq!(row["declared"], figure, "{term}");
        assert_eq!(row["database"], figure, "{term}");
        assert_eq!(row["difference"], 0, "{term}");
    }
    let table = env.run(&[
        "report",
        "reconcile",
        "--as-of",
        "2022-12-31",
        "--expect",
        "collected=777,closed=695,explained=164,in_progress=81",
    ]);
    assert_eq!(table.status, 1);
    assert!(
        table.stdout.contains("1 ticket unaccounted"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("2022-0777"), "{}", table.stdout);
}

#[test]
fn a_wrong_declared_figure_shows_the_difference_and_fails() {
    let env = qijiang();
    let o = env.run(&[
        "report",
        "reconcile",
        "--as-of",
        "2022-12-31",
        "--expect",
        "collected=780,explained=164",
    ]);
    assert_eq!(o.status, 1, "{}", o.transcript());
    assert!(
        o.stdout
            .contains("| collected |      780 |      777 |          3 |"),
        "{}",
        o.stdout
    );
}

#[test]
fn figures_that_match_and_add_up_pass() {
    let env = qijiang();
    let o = env.run(&[
        "report",
        "reconcile",
        "--as-of",
        "2022-12-31",
        "--expect",
        "collected=777,closed=695,resolved=531,explained=164,in_progress=81,awaiting=1",
    ]);
    assert_eq!(o.status, 0, "{}", o.transcript());
}

#[test]
fn the_bulletin_reads_like_the_article_and_adds_the_missing_case() {
    let env = qijiang();
    let out = env.ok(&[
        "report",
        "reconcile",
        "--as-of",
        "2022-12-31",
        "--format",
        "text",
        "--lang",
        "zh",
    ]);
    assert!(
        out.contains(
            "累计收集问题777个，办结695件（含已作出政策解释但暂时无法办理问题164件），正在办理81件"
        ),
        "{out}"
    );
    assert!(out.contains("尚有1件已收集未受理"), "{out}");
}

#[test]
fn visits_meetings_and_files_reach_the_published_figures() {
    let env = qijiang();
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "visits", "--format", "json"])).unwrap();
    let total = v.as_array().unwrap().last().unwrap();
    let person_visits = total["person_visits"].as_i64().unwrap();
    assert!(
        (15_000..15_500).contains(&person_visits),
        "15,000+ person-visits: {person_visits}"
    );
    let m: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "meetings", "--format", "json"])).unwrap();
    let total = m.as_array().unwrap().last().unwrap();
    assert!(
        total["meetings"].as_i64().unwrap() >= 100,
        "100+ meetings: {total}"
    );
    assert!(
        total["tickets_resolved"].as_i64().unwrap() >= 300,
        "300+ resolved at meetings: {total}"
    );
    // Every served enterprise has a file, and every key enterprise's cadre met.
    for list in ["no-file", "key-no-meeting", "unpaired"] {
        let out = env.ok(&[
            "report",
            "coverage",
            "--as-of",
            "2022-12-31",
            "--list",
            list,
            "--format",
            "json",
        ]);
        assert_eq!(out.trim(), "[]", "{list}: {out}");
    }
}

#[test]
fn the_loaded_fixture_passes_check() {
    let env = qijiang();
    env.ok(&["check"]);
}

#[test]
fn a_sound_ledger_with_the_closed_loop_passes_checks_one_pass_screen() {
    // The fixture's urges, extensions and follow-ups keep the status: the
    // screen must date the status by the last event that changed it, or a
    // sound ledger falls back to the slow event-by-event pass.
    let env = qijiang();
    let mut c = env.command();
    c.env("QIANQI_TIMINGS", "1");
    let out = env.run_with(c, &["check"], None);
    assert_eq!(out.status, 0, "{}", out.transcript());
    assert!(
        out.stderr
            .contains("ticket histories and reconciliation, in one pass"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_demos_assessment_closes_the_loop_without_moving_a_published_figure() {
    let env = qijiang();
    let out = env.ok(&[
        "report",
        "assessment",
        "--by",
        "department",
        "--as-of",
        "2022-12-31",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let total = rows.as_array().unwrap().last().unwrap();
    assert_eq!(total["department"], "total", "{total}");
    assert_eq!(total["tickets"], 777, "{total}");
    // 531 resolved of 695 closed, as published.
    assert_eq!(total["resolution_rate_n"], 531, "{total}");
    assert_eq!(total["resolution_rate_d"], 695, "{total}");
    // 340 acceptances on time; 744 accepted, or assigned and never accepted
    // past the response time, 2022-0530 among them: assigned to 区财政局 and
    // explained on 2022-09-20 without an acceptance.
    assert_eq!(total["response_rate_n"], 340, "{total}");
    assert_eq!(total["response_rate_d"], 744, "{total}");
    let finance = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["department_name"] == "区财政局")
        .unwrap_or_else(|| panic!("no 区财政局 in {out}"));
    assert_eq!(
        (&finance["response_rate_n"], &finance["response_rate_d"]),
        (&serde_json::json!(20), &serde_json::json!(47)),
        "{finance}"
    );
    // Most closed tickets are followed up, most of those rated.
    assert_eq!(total["follow_up_rate_d"], 695, "{total}");
    let followed = total["follow_up_rate_n"].as_i64().unwrap();
    assert!(followed > 0 && followed < 695, "{total}");
    assert!(
        total["satisfaction_rate_d"].as_i64().unwrap() > 0,
        "{total}"
    );
    // A few tickets returned, a few reopened.
    assert!(total["return_rate_n"].as_i64().unwrap() > 0, "{total}");
    assert!(total["redo_rate_n"].as_i64().unwrap() > 0, "{total}");
    // The awaiting ticket was never assigned nor accepted.
    let show = env.ok(&["ticket", "show", "2022-0777"]);
    assert!(!show.contains("| accept "), "{show}");
    assert!(!show.contains("| assign "), "{show}");
}
