//! Text kept as typed on the way in and out: the encoding of a file decided
//! on all of it, records named by the physical line they start on, one limit
//! on text for the command line and the importer, hidden characters refused,
//! and all-digit codes that survive a spreadsheet.

use crate::harness::*;

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn units() -> Env {
    let env = Env::new();
    env.ok(&["unit", "add", "D01", "区经济信息委", "--kind", "dept"]);
    env
}

#[test]
fn a_gbk_name_that_is_also_valid_utf8_is_read_as_gbk() {
    let env = units();
    let bytes = gbk("code,name,unit\r\nC01,谭霞,D01\r\n");
    assert!(
        std::str::from_utf8(&bytes).is_ok(),
        "the bytes read as UTF-8 too"
    );
    env.write("c.csv", &bytes);
    env.ok(&["import", "cadres", "c.csv"]);
    assert_eq!(
        env.count("SELECT count(*) FROM cadres WHERE name = '谭霞'"),
        1
    );
    // The same through stdin.
    let bytes = gbk("code,name,unit\r\nC02,谭霞,D01\r\n");
    let out = env.run_stdin(&["import", "cadres", "-"], &bytes);
    assert_eq!(out.status, 0, "{}", out.transcript());
    assert_eq!(
        env.count("SELECT count(*) FROM cadres WHERE name = '谭霞'"),
        2
    );
}

#[test]
fn a_gbk_export_whose_head_is_ascii_imports() {
    let env = Env::new();
    env.seed();
    for i in 0..1500 {
        let day = format!("2022-{:02}-{:02}", 3 + i % 9, 1 + i % 28);
        let note = if i == 1499 {
            "走访记录".to_string()
        } else {
            format!("n{i}")
        };
        env.ok(&[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            &day,
            "--note",
            &note,
        ]);
    }
    let out = env.path("v.csv");
    env.ok(&[
        "export",
        "visits",
        "--encoding",
        "gbk",
        "-o",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes[..64 * 1024].is_ascii() && !bytes.is_ascii());
    let fresh = Env::new();
    fresh.seed();
    fresh.ok(&["import", "visits", out.to_str().unwrap()]);
    assert_eq!(
        fresh.count("SELECT count(*) FROM visits WHERE note = '走访记录'"),
        1
    );
}

#[test]
fn a_file_of_utf8_rows_then_gbk_rows_is_refused_naming_the_first_gbk_line() {
    let env = units();
    let mut bytes = "code,name,unit\r\nC01,王芳芳,D01\r\nC02,李明明,D01\r\nC03,张伟伟,D01\r\n"
        .as_bytes()
        .to_vec();
    bytes.extend(gbk("C04,谭霞,D01\r\nC05,王芳,D01\r\n"));
    env.write("m.csv", &bytes);
    let line = env.fails(2, &["import", "cadres", "m.csv"]);
    assert!(
        line.contains("line 5 is GBK, but the rest of the file is UTF-8"),
        "{line}"
    );
}

#[test]
fn every_message_names_the_physical_line_whatever_the_line_ends() {
    let env = units();
    for (name, text, line) in [
        (
            "crlf.csv",
            "code,name,unit\r\nC01,王芳,D01\r\nC02,李明,D09\r\n",
            3,
        ),
        ("cr.csv", "code,name,unit\rC01,王芳,D01\rC02,李明,D09\r", 3),
        ("lf.csv", "code,name,unit\nC01,王芳,D01\nC02,李明,D09\n", 3),
        (
            "multi.csv",
            "code,name,unit\r\n\r\nC01,\"王\r\n芳\",D01\r\nC02,李明,D09\r\n",
            5,
        ),
        ("first.csv", "code,name,unit\r\nC02,李明,D09\r\n", 2),
        (
            "ragged.csv",
            "code,name,unit\r\nC01,王芳,D01\r\nC02,李明\r\n",
            3,
        ),
    ] {
        env.write(name, text);
        let msg = env.fails(2, &["import", "cadres", name]);
        assert!(msg.contains(&format!("line {line}")), "{name}: {msg}");
    }
}

#[test]
fn one_limit_on_text_holds_for_the_command_line_and_the_importer() {
    let env = Env::new();
    env.seed();
    let long = "字".repeat(32_768);
    let msg = env.fails(
        2,
        &[
            "visit",
            "914403001922038216",
            "--cadre",
            "C01",
            "--on",
            "2022-03-01",
            "--note",
            &long,
        ],
    );
    assert!(
        msg.contains("--note: a text of 32768 characters; at most 32767"),
        "{msg}"
    );
    // The longest text accepted goes out and comes back in.
    let longest = "字".repeat(32_767);
    env.ok(&[
        "visit",
        "914403001922038216",
        "--cadre",
        "C01",
        "--on",
        "2022-03-01",
        "--note",
        &longest,
    ]);
    let out = env.path("v.csv");
    env.ok(&["export", "visits", "-o", out.to_str().unwrap()]);
    let fresh = Env::new();
    fresh.seed();
    fresh.ok(&["import", "visits", out.to_str().unwrap()]);
    assert_eq!(fresh.count("SELECT length(note) FROM visits"), 32_767);
}

#[test]
fn hidden_characters_are_refused_on_every_path() {
    let env = units();
    let msg = env.fails(
        2,
        &["unit", "add", "T01\u{200b}", "古南街道", "--kind", "town"],
    );
    assert!(msg.contains("U+200B"), "{msg}");
    let msg = env.fails(
        2,
        &["cadre", "add", "C01", "王\u{1b}[2J芳", "--unit", "D01"],
    );
    assert!(msg.contains("U+001B"), "{msg}");
    let msg = env.fails(2, &["cadre", "add", "C01", "王\u{202e}芳", "--unit", "D01"]);
    assert!(msg.contains("U+202E"), "{msg}");
    let msg = env.fails(2, &["unit", "add", "T 01", "古南街道", "--kind", "town"]);
    assert!(msg.contains("a code is visible characters only"), "{msg}");
    env.write(
        "u.csv",
        "code,name,kind\r\nT01,古南街道,town\r\n\"T02\u{200b}\",文龙街道,town\r\n",
    );
    let msg = env.fails(2, &["import", "units", "u.csv"]);
    assert!(
        msg.contains("line 3, column code") && msg.contains("U+200B"),
        "{msg}"
    );
    env.write(
        "c.csv",
        "code,name,unit\r\nC01,\"王\u{1b}]0;x\u{7}芳\",D01\r\n",
    );
    let msg = env.fails(2, &["import", "cadres", "c.csv"]);
    assert!(msg.contains("line 2, column name"), "{msg}");
}

#[test]
fn all_digit_codes_survive_a_spreadsheet() {
    let env = Env::new();
    env.ok(&["unit", "add", "007", "古南街道", "--kind", "town"]);
    env.ok(&["cadre", "add", "0012", "王芳", "--unit", "007"]);
    env.ok(&[
        "meeting",
        "add",
        "0001",
        "--title",
        "座谈会",
        "--on",
        "2022-04-15",
        "--cadres",
        "0012",
    ]);
    for (kind, cell) in [
        ("units", "\"=\"\"007\"\"\""),
        ("cadres", "\"=\"\"0012\"\"\""),
        ("meetings", "\"=\"\"0001\"\"\""),
    ] {
        let out = env.ok(&["export", kind]);
        assert!(out.contains(cell), "{kind}: {out}");
    }
    let out = env.ok(&["export", "cadres"]);
    assert!(
        out.contains("\"=\"\"0012\"\"\",王芳,\"=\"\"007\"\"\""),
        "{out}"
    );
    // And they come back as they were.
    let fresh = Env::new();
    for kind in ["units", "cadres", "meetings"] {
        let f = env.path(&format!("{kind}.csv"));
        env.ok(&["export", kind, "-o", f.to_str().unwrap()]);
        fresh.ok(&["import", kind, f.to_str().unwrap()]);
    }
    assert_eq!(fresh.count("SELECT count(*) FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.code = '0012' AND u.code = '007'"), 1);
}
