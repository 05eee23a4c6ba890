//! The generator checked against the published figures and its own promises:
//! same spec, same bytes; unique codes; histories that replay.

mod replay;

use super::problems::CATEGORIES;
use super::roster::CHAINS;
use super::visits::TASK_NAMES;
use super::*;
use crate::domain::status::Status;
use crate::domain::uscc::Uscc;
use chrono::{Datelike, NaiveDate};
use replay::{count, replay};
use std::collections::HashMap;

/// One CSV file read back: header check and column lookup by name.
struct Table {
    rows: Vec<csv::StringRecord>,
    cols: HashMap<String, usize>,
}

impl Table {
    fn read(dir: &Path, name: &str, header: &str) -> Table {
        let bytes = fs::read(dir.join(name)).unwrap();
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name} has a BOM");
        assert!(!bytes.contains(&b'\r'), "{name} has CR line ends");
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let got: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(got.join(","), header, "{name} header");
        let cols = got
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        let rows = r.records().map(Result::unwrap).collect();
        Table { rows, cols }
    }

    fn col(&self, name: &str) -> usize {
        self.cols[name]
    }

    fn column(&self, name: &str) -> Vec<&str> {
        let c = self.col(name);
        self.rows.iter().map(|r| &r[c]).collect()
    }
}

struct Files {
    units: Table,
    cadres: Table,
    enterprises: Table,
    pairings: Table,
    visits: Table,
    meetings: Table,
    tickets: Table,
    events: Table,
}

fn read_all(dir: &Path) -> Files {
    Files {
        units: Table::read(dir, "units.csv", "code,name,kind"),
        cadres: Table::read(dir, "cadres.csv", "code,name,unit,rank,phone"),
        enterprises: Table::read(dir, "enterprises.csv", "uscc,name,town,chain,key"),
        pairings: Table::read(
            dir,
            "pairings.csv",
            "cadre,enterprise,tier,started_on,ended_on",
        ),
        visits: Table::read(
            dir,
            "visits.csv",
            "cadre,enterprise,visited_on,kind,people,tasks,note",
        ),
        meetings: Table::read(dir, "meetings.csv", "code,held_on,title,cadres"),
        tickets: Table::read(
            dir,
            "tickets.csv",
            "code,enterprise,cadre,collected_on,category,summary,department,due_on",
        ),
        events: Table::read(
            dir,
            "events.csv",
            "ticket,on,action,status,by,note,meeting,department,due_on,level,outcome,satisfaction,reason",
        ),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
}

fn generate(spec: &Spec) -> (tempfile::TempDir, Summary, Files) {
    let dir = tempfile::tempdir().unwrap();
    let summary = write_city(spec, dir.path()).unwrap();
    let files = read_all(dir.path());
    (dir, summary, files)
}

#[test]
fn scale_one_reproduces_the_published_qijiang_figures() {
    let (_dir, summary, f) = generate(&Spec {
        scale: 1,
        tickets: None,
        seed: 2022,
    });
    let last = date("2022-12-31");

    // Units and cadres: 285 senior district cadres, 460 town cadres.
    let kind: HashMap<&str, &str> = f.units.rows.iter().map(|r| (&r[0], &r[2])).collect();
    assert_eq!(
        f.units
            .column("kind")
            .iter()
            .filter(|k| **k == "town")
            .count(),
        21
    );
    assert!(
        f.units
            .column("kind")
            .iter()
            .filter(|k| **k == "dept")
            .count()
            >= 20
    );
    assert_eq!(f.cadres.rows.len(), 745);
    let unit_of: HashMap<&str, &str> = f.cadres.rows.iter().map(|r| (&r[0], &r[2])).collect();
    let dept_cadres: HashSet<&str> = unit_of
        .iter()
        .filter(|(_, u)| kind[*u] == "dept")
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(dept_cadres.len(), 285);
    assert_eq!(
        unit_of.values().filter(|u| kind[**u] == "town").count(),
        460
    );
    for r in &f.cadres.rows {
        if dept_cadres.contains(&r[0]) {
            assert!(
                ["副科级", "正科级", "副处级", "正处级"].contains(&&r[3]),
                "{}",
                &r[3]
            );
        }
        assert_eq!(r[4].len(), 11);
        assert!(["13", "15", "17", "18", "19"].contains(&&r[4][..2]));
    }

    // Enterprises: 966, valid and unique codes and names.
    assert_eq!(f.enterprises.rows.len(), 966);
    let town_of: HashMap<&str, &str> = f.enterprises.rows.iter().map(|r| (&r[0], &r[2])).collect();
    assert_eq!(town_of.len(), 966, "USCCs unique");
    for r in &f.enterprises.rows {
        let code = Uscc::parse(&r[0]).unwrap();
        assert_eq!(code.as_str(), &r[0]);
        assert!(r[0].starts_with("91500222"));
        assert!(r[1].starts_with("重庆綦江") && r[1].ends_with("有限公司"));
        assert_eq!(kind[&r[2]], "town");
        assert!(CHAINS.iter().any(|c| c.0 == &r[3]));
    }
    let names: HashSet<&str> = f.enterprises.column("name").into_iter().collect();
    assert_eq!(names.len(), 966);
    let keys: HashSet<&str> = f
        .enterprises
        .rows
        .iter()
        .filter(|r| &r[4] == "yes")
        .map(|r| &r[0])
        .collect();
    assert!(
        (130..=170).contains(&keys.len()),
        "{} key enterprises",
        keys.len()
    );

    // Pairings: one open pairing per enterprise; district tier one-to-one,
    // 460 town cadres serving 681 enterprises of their own towns.
    assert_eq!(f.pairings.rows.len(), 966);
    let mut paired: HashMap<&str, (&str, NaiveDate)> = HashMap::new();
    let mut district = HashSet::new();
    let mut town_load: HashMap<&str, usize> = HashMap::new();
    for r in &f.pairings.rows {
        let start = date(&r[3]);
        assert!(start >= date("2022-01-01") && start <= date("2022-03-31"));
        assert!(r[4].is_empty(), "pairing open");
        assert!(
            paired.insert(&r[1], (&r[0], start)).is_none(),
            "one pairing per enterprise"
        );
        match &r[2] {
            "district" => {
                assert!(dept_cadres.contains(&r[0]));
                assert!(district.insert(&r[0]), "district tier one-to-one");
            }
            "town" => {
                assert_eq!(unit_of[&r[0]], town_of[&r[1]], "town cadre serves own town");
                *town_load.entry(&r[0]).or_default() += 1;
            }
            tier => panic!("tier {tier}"),
        }
    }
    assert_eq!(district.len(), 285);
    assert_eq!(town_load.len(), 460);
    assert_eq!(town_load.values().sum::<usize>(), 681);
    assert!(town_load.values().all(|n| (1..=3).contains(n)));

    // Visits: by the paired cadre, within the pairing and the year; the
    // first is an on-site file visit within 30 days; 15,000-odd person-visits.
    let mut first: HashMap<&str, (NaiveDate, &str, &str)> = HashMap::new();
    let mut last_visit: HashMap<&str, NaiveDate> = HashMap::new();
    let mut visited: HashSet<(&str, &str, NaiveDate)> = HashSet::new();
    let mut people = 0u64;
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    for r in &f.visits.rows {
        let (cadre, start) = paired[&r[1]];
        let on = date(&r[2]);
        assert_eq!(&r[0], cadre, "visit by the paired cadre");
        assert!(on >= start && on <= last);
        let n: u64 = r[4].parse().unwrap();
        assert!((1..=3).contains(&n));
        people += n;
        *kinds.entry(&r[3]).or_default() += 1;
        for task in r[5].split(';') {
            assert!(TASK_NAMES.contains(&task), "task {task}");
        }
        let e = first.entry(&r[1]).or_insert((on, &r[3], &r[5]));
        if on < e.0 {
            *e = (on, &r[3], &r[5]);
        }
        let l = last_visit.entry(&r[0]).or_insert(on);
        *l = (*l).max(on);
        visited.insert((&r[0], &r[1], on));
    }
    assert_eq!(first.len(), 966);
    for (e, (on, kind, tasks)) in &first {
        assert_eq!(*kind, "onsite");
        assert!(tasks.split(';').any(|t| t == "file"));
        assert!((*on - paired[e].1).num_days() <= 30);
    }
    assert!(people > 15_000 && people < 15_500, "{people} person-visits");
    assert_eq!(summary.person_visits, people);
    assert_eq!(summary.visits, f.visits.rows.len() as u64);
    assert!(kinds.len() == 3 && kinds["onsite"] > kinds["phone"]);
    let idle = last_visit
        .values()
        .filter(|d| **d < date("2022-10-01"))
        .count();
    assert!((5..=15).contains(&idle), "{idle} idle cadres");

    // Meetings: 100+, 5-40 known cadres each, every key enterprise's cadre.
    assert!(f.meetings.rows.len() >= 100);
    let mut attended = HashSet::new();
    for r in &f.meetings.rows {
        let who: Vec<&str> = r[3].split(';').collect();
        assert!((5..=40).contains(&who.len()), "{} attendees", who.len());
        assert_eq!(who.iter().collect::<HashSet<_>>().len(), who.len());
        assert!(date(&r[1]) <= last);
        assert!(r[2].ends_with("座谈会"));
        for c in who {
            assert!(unit_of.contains_key(c));
            attended.insert(c);
        }
    }
    for k in &keys {
        assert!(
            attended.contains(paired[k].0),
            "key cadre without a meeting"
        );
    }

    // Tickets: 777 collected on visit days by the paired cadre.
    assert_eq!(f.tickets.rows.len(), 777);
    let mut latest = ("", date("2000-01-01"));
    for (i, r) in f.tickets.rows.iter().enumerate() {
        assert_eq!(&r[0], format!("2022-{:04}", i + 1));
        let on = date(&r[3]);
        assert_eq!(&r[2], paired[&r[1]].0);
        assert!(
            visited.contains(&(&r[2], &r[1], on)),
            "{} not collected on a visit",
            &r[0]
        );
        assert!(on <= last);
        assert!(CATEGORIES.iter().any(|c| c.name == &r[4]));
        assert!(!r[5].is_empty());
        assert!(r[6].is_empty() || kind[&r[6]] == "dept");
        let due = (date(&r[7]) - on).num_days();
        assert!((15..=90).contains(&due), "due after {due} days");
        assert!(on >= latest.1);
        if on > latest.1 {
            latest = (&f.tickets.rows[i][0], on);
        }
    }

    // Final states 531/164/81/1 and the stories behind them.
    let rp = replay(&f, last);
    assert_eq!(count(&rp, Status::Resolved), 531);
    assert_eq!(count(&rp, Status::Explained), 164);
    assert_eq!(count(&rp, Status::InProgress), 81);
    assert_eq!(count(&rp, Status::Collected), 1);
    let awaiting = rp
        .final_status
        .iter()
        .find(|(_, s)| **s == Status::Collected)
        .unwrap()
        .0;
    assert_eq!(awaiting, "2022-0777");
    assert_eq!(
        awaiting, latest.0,
        "awaiting ticket is the latest collected"
    );
    assert!(latest.1 >= date("2022-12-15"));
    assert!(
        rp.meeting_resolved.len() >= 300,
        "{}",
        rp.meeting_resolved.len()
    );
    assert!(
        (10..=30).contains(&rp.reopened.len()),
        "{} reopened",
        rp.reopened.len()
    );
    let due: HashMap<&str, NaiveDate> = f
        .tickets
        .rows
        .iter()
        .map(|r| (&r[0], date(&r[7])))
        .collect();
    let overdue = rp
        .final_status
        .iter()
        .filter(|(t, s)| **s == Status::InProgress && due[t.as_str()] < last)
        .count();
    assert!((20..=30).contains(&overdue), "{overdue} overdue");
    let on_spot = f
        .events
        .rows
        .iter()
        .filter(|r| {
            r[2] != *Status::InProgress.as_str() && !rp.reopened.contains(&r[0]) && {
                let t = f.tickets.rows.iter().find(|t| t[0] == r[0]).unwrap();
                t[3] == r[1]
            }
        })
        .count();
    assert!(on_spot > 0);
    assert_eq!(summary.events, f.events.rows.len() as u64);
    assert_eq!(
        summary,
        Summary {
            units: f.units.rows.len() as u64,
            cadres: 745,
            enterprises: 966,
            pairings: 966,
            visits: summary.visits,
            person_visits: people,
            meetings: f.meetings.rows.len() as u64,
            tickets: 777,
            events: summary.events,
        }
    );
}

fn bytes(dir: &Path) -> Vec<Vec<u8>> {
    let names = [
        "units.csv",
        "cadres.csv",
        "enterprises.csv",
        "pairings.csv",
        "visits.csv",
        "meetings.csv",
        "tickets.csv",
        "events.csv",
    ];
    names
        .iter()
        .map(|n| fs::read(dir.join(n)).unwrap())
        .collect()
}

#[test]
fn same_spec_gives_identical_bytes_and_another_seed_differs() {
    let spec = Spec {
        scale: 1,
        tickets: None,
        seed: 7,
    };
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    write_city(&spec, a.path()).unwrap();
    write_city(&spec, b.path()).unwrap();
    write_city(&Spec { seed: 8, ..spec }, c.path()).unwrap();
    assert_eq!(bytes(a.path()), bytes(b.path()));
    let (x, z) = (bytes(a.path()), bytes(c.path()));
    assert_ne!(x[4], z[4], "visits differ by seed");
    assert_ne!(x[6], z[6], "tickets differ by seed");
}

#[test]
fn districts_of_a_city_have_unique_codes() {
    let (_dir, summary, f) = generate(&Spec {
        scale: 3,
        tickets: None,
        seed: 1,
    });
    assert_eq!(summary.cadres, 3 * 745);
    assert_eq!(summary.enterprises, 3 * 966);
    assert_eq!(summary.tickets, 3 * 777);
    let unique = |t: &Table, col: &str| {
        let v = t.column(col);
        let n = v.len();
        assert_eq!(
            v.into_iter().collect::<HashSet<_>>().len(),
            n,
            "{col} not unique"
        );
        n
    };
    assert_eq!(unique(&f.units, "code"), summary.units as usize);
    assert_eq!(unique(&f.units, "name"), summary.units as usize);
    assert_eq!(unique(&f.cadres, "code"), 3 * 745);
    assert_eq!(unique(&f.cadres, "phone"), 3 * 745);
    assert_eq!(unique(&f.enterprises, "uscc"), 3 * 966);
    assert_eq!(unique(&f.enterprises, "name"), 3 * 966);
    assert_eq!(unique(&f.meetings, "code"), summary.meetings as usize);
    assert_eq!(unique(&f.tickets, "code"), 3 * 777);
    assert!(
        f.cadres.rows[0][0].starts_with("K001-C") && f.tickets.rows[0][0].starts_with("K001-2022-")
    );
    for u in f.enterprises.column("uscc") {
        Uscc::parse(u).unwrap();
    }
    let rp = replay(&f, date("2022-12-31"));
    assert_eq!(count(&rp, Status::Resolved), 3 * 531);
    assert_eq!(count(&rp, Status::Collected), 3);
}

#[test]
fn ticket_override_gives_valid_histories() {
    let (_dir, summary, f) = generate(&Spec {
        scale: 1,
        tickets: Some(5000),
        seed: 3,
    });
    assert_eq!(summary.tickets, 5000);
    assert_eq!(f.tickets.rows.len(), 5000);
    let last_year = f
        .tickets
        .column("collected_on")
        .iter()
        .map(|d| date(d).year())
        .max()
        .unwrap();
    let rp = replay(&f, NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap());
    let share = |s: Status| count(&rp, s) as f64 / 5000.0;
    assert!(
        (0.62..0.74).contains(&share(Status::Resolved)),
        "{}",
        share(Status::Resolved)
    );
    assert!((0.18..0.24).contains(&share(Status::Explained)));
    assert!((0.08..0.12).contains(&share(Status::InProgress)));
    assert!((0.005..0.02).contains(&share(Status::Collected)));
    let events = f.events.rows.len() as f64 / 5000.0;
    // About two changes of status, and the loop's follow-ups, urges,
    // extensions and returns around them.
    assert!((2.9..3.8).contains(&events), "{events} events per ticket");
    let follow_ups = f
        .events
        .column("action")
        .iter()
        .filter(|a| **a == "follow_up")
        .count();
    assert!(follow_ups > 2500, "{follow_ups} follow-ups");
    assert_eq!(unique_codes(&f.tickets), 5000);
}

fn unique_codes(t: &Table) -> usize {
    t.column("code").into_iter().collect::<HashSet<_>>().len()
}

#[test]
fn tiny_ticket_counts_spread_over_districts() {
    for tickets in [0, 1, 2, 7] {
        let (_dir, summary, f) = generate(&Spec {
            scale: 2,
            tickets: Some(tickets),
            seed: 5,
        });
        assert_eq!(summary.tickets, tickets);
        assert_eq!(unique_codes(&f.tickets), tickets as usize);
        replay(&f, date("2022-12-31"));
    }
}
