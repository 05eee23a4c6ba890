#![no_main]
//! Arbitrary bytes as a file given to `qianqi import`, for the kind chosen by
//! the first byte, against a small seeded database: the importer never
//! panics, every refusal is bad input (exit status 2, never an internal
//! failure) and leaves the database as it was, and whatever it accepts
//! passes `qianqi check`.

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use qianqi::cli::Cli;
use qianqi::cmd::data::DataKind;
use qianqi::error::{exit_status, EXIT_INPUT};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct World {
    _dir: tempfile::TempDir,
    template: PathBuf,
    db: PathBuf,
    csv: PathBuf,
}

fn qianqi(db: &Path, args: &[&str]) -> anyhow::Result<()> {
    let mut argv = vec!["qianqi", "--db", db.to_str().unwrap()];
    argv.extend_from_slice(args);
    // Importing never judges the data: its outcome is success or an error.
    qianqi::run(Cli::try_parse_from(argv).expect("the arguments parse")).map(|_| ())
}

/// The seeded database, made once: two towns, two departments, cadres of
/// both tiers, three enterprises (two sharing a name), pairings, a meeting
/// and two tickets.
fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        std::env::set_var("QIANQI_TODAY", "2022-12-31");
        // In memory where the system has it: every import syncs the file.
        let dir = tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .unwrap();
        let template = dir.path().join("template.db");
        let e1 = "914403001922038216";
        let e2 = "91350100M000100Y43";
        let e3 = "91110000802100433B";
        for args in [
            &["init"][..],
            &["unit", "add", "T01", "古南街道", "--kind", "town"],
            &["unit", "add", "T02", "文龙街道", "--kind", "town"],
            &["unit", "add", "D01", "区经济信息委", "--kind", "dept"],
            &["cadre", "add", "C01", "王芳", "--unit", "D01"],
            &["cadre", "add", "C02", "李明", "--unit", "D01"],
            &["cadre", "add", "C03", "张伟", "--unit", "T01"],
            &[
                "enterprise",
                "add",
                e1,
                "重庆金美",
                "--town",
                "T01",
                "--key",
            ],
            &["enterprise", "add", e2, "同名企业", "--town", "T01"],
            &["enterprise", "add", e3, "同名企业", "--town", "T02"],
            &[
                "pair",
                "C01",
                e1,
                "--tier",
                "district",
                "--on",
                "2022-01-10",
            ],
            &["pair", "C03", e2, "--tier", "town", "--on", "2022-02-01"],
            &[
                "meeting",
                "add",
                "M001",
                "--title",
                "座谈会",
                "--on",
                "2022-04-15",
                "--cadres",
                "C01",
            ],
            &[
                "ticket",
                "add",
                e1,
                "融资难",
                "--cadre",
                "C01",
                "--on",
                "2022-03-01",
            ],
            &[
                "ticket",
                "add",
                e2,
                "招工难",
                "--cadre",
                "C03",
                "--on",
                "2022-03-02",
            ],
            &[
                "ticket",
                "accept",
                "2022-0001",
                "--by",
                "C02",
                "--on",
                "2022-03-05",
                "--department",
                "D01",
            ],
        ] {
            qianqi(&template, args).unwrap();
        }
        World {
            db: dir.path().join("work.db"),
            csv: dir.path().join("fuzz.csv"),
            template,
            _dir: dir,
        }
    })
}

/// Every row of every table.
fn dump(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                out.push_str(&format!("{:?}|", r.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let w = world();
    let kind = DataKind::ALL[usize::from(first & 7)];
    // With the high bit set the canonical header comes first, so the fuzzer
    // spends its time on rows rather than on finding the column names.
    let mut bytes = Vec::new();
    if first & 0x80 != 0 {
        let header: Vec<&str> = kind.fields().iter().map(|f| f.key).collect();
        bytes.extend_from_slice(header.join(",").as_bytes());
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(rest);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", w.db.display()));
    }
    std::fs::copy(&w.template, &w.db).unwrap();
    std::fs::write(&w.csv, &bytes).unwrap();

    let before = dump(&w.db);
    let csv = w.csv.to_str().unwrap();
    match qianqi(&w.db, &["import", kind.as_str(), csv]) {
        Err(e) => {
            assert_eq!(exit_status(&e), EXIT_INPUT, "{kind}: {e:#}");
            assert_eq!(
                dump(&w.db),
                before,
                "{kind}: refused, yet the database changed"
            );
        }
        Ok(()) => {
            if let Err(e) = qianqi(&w.db, &["check"]) {
                panic!("{kind}: imported, then check failed: {e:#}");
            }
        }
    }
});
