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
