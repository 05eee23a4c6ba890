//! `show --format json`: one object per record, typed values, keys in English.

use crate::harness::Env;
use serde_json::Value;

/// The seeded world with a visit to 金美 and a ticket of 金美's taken round
/// the loop: assigned, accepted, resolved and followed up.
fn shown_env() -> Env {
    let env = Env::new();
    env.seed();
    for args in [
        &["visit", "金美", "--cadre", "C01", "--on", "2022-03-01"][..],
        &[
            "ticket",
            "add",
            "914403001922038216",
            "需要引进高层次人才",
            "--cadre",
            "C01",
            "--on",
            "2022-03-03",
            "--category",
            "用工招聘",
        ],
        &[
            "ticket",
            "accept",
            "2022-0001",
            "--department",
            "D02",
            "--due",
            "2022-04-30",
            "--by",
            "C02",
            "--on",
            "2022-03-04",
        ],
        &[
            "ticket",
            "resolve",
            "2022-0001",
            "--by",
            "C02",
            "--on",
            "2022-03-20",
        ],
        &[
            "ticket",
            "follow-up",
            "2022-0001",
            "--outcome",
            "solved",
            "--satisfaction",
            "satisfied",
            "--by",
            "C01",
            "--on",
            "2022-03-25",
        ],
    ] {
        env.ok(args);
    }
    env
}

/// The record `show` prints as JSON, the same in English and in Chinese.
fn shown(env: &Env, args: &[&str]) -> Value {
    let mut en = args.to_vec();
    en.extend(["--format", "json"]);
    let out = env.ok(&en);
    let zh = env.ok(&[&["--lang", "zh"][..], &en].concat());
    assert_eq!(out, zh, "the JSON depends on --lang");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn cadre_show_json_holds_the_cadre_and_its_pairings_visits_and_tickets() {
    let env = shown_env();
    let c = shown(&env, &["cadre", "show", "c01"]);
    assert_eq!(c["code"], "C01");
    assert_eq!(c["name"], "王芳");
    assert_eq!(c["unit"], "D01");
    assert_eq!(c["unit_name"], "区经济信息委");
    assert_eq!(c["rank"], "副科级");
    assert_eq!(c["phone"], "13800138000");
    let pairings = c["pairings"].as_array().unwrap();
    assert_eq!(pairings.len(), 1);
    assert_eq!(pairings[0]["enterprise"], "914403001922038216");
    assert_eq!(pairings[0]["tier"], "district");
    assert_eq!(pairings[0]["started_on"], "2022-01-10");
    assert!(pairings[0]["ended_on"].is_null());
    let visits = c["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0]["visited_on"], "2022-03-01");
    assert_eq!(visits[0]["kind"], "onsite");
    assert_eq!(visits[0]["people"], 1, "a number, not text");
    assert!(visits[0]["note"].is_null(), "empty is null");
    let tickets = c["tickets"].as_array().unwrap();
    assert_eq!(tickets.len(), 1);
    assert_eq!(tickets[0]["code"], "2022-0001");
    assert_eq!(tickets[0]["status"], "resolved");
    // A cadre with nothing yet has empty arrays, not missing keys.
    let c = shown(&env, &["cadre", "show", "C02"]);
    assert_eq!(c["rank"], "正科级");
    assert!(c["phone"].is_null(), "empty is null");
    for part in ["pairings", "visits", "tickets"] {
        assert_eq!(c[part], Value::Array(vec![]), "{part}");
    }
}

#[test]
fn enterprise_show_json_holds_its_file() {
    let env = shown_env();
    env.ok(&["enterprise", "set-short", "914403001922038216", "金美"]);
    let e = shown(&env, &["enterprise", "show", "金美"]);
    assert_eq!(e["uscc"], "914403001922038216");
    assert_eq!(e["name"], "重庆金美新材料科技有限公司");
    assert_eq!(e["short_name"], "金美");
    assert_eq!(e["town"], "T01");
    assert_eq!(e["town_name"], "古南街道");
    assert_eq!(e["chain"], "新材料");
    assert_eq!(e["key"], true, "a boolean, not a word");
    let pairings = e["pairings"].as_array().unwrap();
    assert_eq!(pairings.len(), 1);
    assert_eq!(pairings[0]["cadre"], "C01");
    assert_eq!(pairings[0]["tier"], "district");
    let visits = e["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0]["cadre"], "C01");
    assert_eq!(visits[0]["people"], 1);
    let tickets = e["tickets"].as_array().unwrap();
    assert_eq!(tickets.len(), 1);
    assert_eq!(tickets[0]["summary"], "需要引进高层次人才");
    assert_eq!(tickets[0]["department"], "D02");
    let other = shown(&env, &["enterprise", "show", "91110000802100433B"]);
    assert_eq!(other["key"], false);
    assert!(other["short_name"].is_null());
    assert_eq!(other["pairings"][0]["cadre"], "C03");
    assert_eq!(other["visits"], Value::Array(vec![]));
}

#[test]
fn ticket_show_json_holds_the_ticket_and_every_field_of_every_event() {
    let env = shown_env();
    let t = shown(&env, &["ticket", "show", "2022-0001"]);
    assert_eq!(t["code"], "2022-0001");
    assert_eq!(t["enterprise"], "914403001922038216");
    assert_eq!(t["enterprise_name"], "重庆金美新材料科技有限公司");
    assert_eq!(t["cadre"], "C01");
    assert_eq!(t["cadre_name"], "王芳");
    assert_eq!(t["collected_on"], "2022-03-03");
    assert_eq!(t["category"], "用工招聘");
    assert_eq!(t["department"], "D02");
    assert_eq!(t["department_name"], "区人力社保局");
    assert_eq!(t["due_on"], "2022-04-30");
    assert_eq!(t["status"], "resolved", "the stored name");
    assert_eq!(t["status_on"], "2022-03-20");
    assert!(t["voided_on"].is_null());
    let events = t["events"].as_array().unwrap();
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["collect", "assign", "accept", "resolve", "follow_up"]
    );
    let keys: Vec<&str> = events[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "on",
            "action",
            "status",
            "by",
            "by_name",
            "note",
            "meeting",
            "department",
            "department_name",
            "with",
            "due_on",
            "level",
            "outcome",
            "satisfaction",
            "reason",
            "field",
            "old",
            "new"
        ]
    );
    assert_eq!(events[1]["department"], "D02");
    assert_eq!(events[1]["department_name"], "区人力社保局");
    assert_eq!(events[1]["due_on"], "2022-04-30");
    assert_eq!(events[1]["by"], "C02");
    assert_eq!(events[1]["by_name"], "李明");
    assert_eq!(events[2]["status"], "in_progress");
    assert_eq!(events[4]["outcome"], "solved");
    assert_eq!(events[4]["satisfaction"], "satisfied");
    assert!(events[4]["reason"].is_null());
}

#[test]
fn an_amendment_and_a_void_show_in_the_ticket_json() {
    let env = shown_env();
    env.ok(&[
        "ticket",
        "amend",
        "2022-0001",
        "--summary",
        "需要引进技术人才",
        "--by",
        "C01",
        "--on",
        "2022-03-26",
    ]);
    env.ok(&[
        "ticket",
        "void",
        "2022-0001",
        "--reason",
        "重复登记",
        "--by",
        "C01",
        "--on",
        "2022-03-27",
    ]);
    let t = shown(&env, &["ticket", "show", "2022-0001"]);
    assert_eq!(t["summary"], "需要引进技术人才");
    assert_eq!(t["voided_on"], "2022-03-27");
    let events = t["events"].as_array().unwrap();
    let amend = &events[events.len() - 2];
    assert_eq!(amend["field"], "summary");
    assert_eq!(amend["old"], "需要引进高层次人才");
    assert_eq!(amend["new"], "需要引进技术人才");
    assert_eq!(events[events.len() - 1]["reason"], "重复登记");
}

#[test]
fn show_prints_text_by_default_and_refuses_an_unknown_format() {
    let env = shown_env();
    for args in [
        &["cadre", "show", "C01"][..],
        &["enterprise", "show", "金美"],
        &["ticket", "show", "2022-0001"],
    ] {
        let text = env.ok(args);
        assert_eq!(text, env.ok(&[args, &["--format", "text"]].concat()));
        assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
        let zh = env.ok(&[&["--lang", "zh"], args].concat());
        assert_ne!(text, zh, "the text form is in the language asked");
        let before = env.dump();
        let msg = env.fails(2, &[args, &["--format", "xml"]].concat());
        assert!(msg.contains("text") && msg.contains("json"), "{msg}");
        assert_eq!(before, env.dump());
    }
}
