//! Samples and helpers shared by the tests of the reading and writing halves.

use std::io;

use sha2::{Digest, Sha256};

use super::{Encoding, Source};

pub(super) const SAMPLE: &str =
    "企业名称,统一社会信用代码\r\n重庆某某有限公司,914403001922038216\r\n";

pub(super) fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

pub(super) fn source(bytes: Vec<u8>, forced: Option<Encoding>) -> anyhow::Result<Source> {
    Source::from_reader("test.csv", Box::new(io::Cursor::new(bytes)), forced)
}

pub(super) fn rows(src: Source) -> Result<Vec<Vec<String>>, csv::Error> {
    let (mut rdr, _) = src.into_csv();
    let mut out = vec![rdr.headers()?.iter().map(String::from).collect()];
    for rec in rdr.records() {
        out.push(rec?.iter().map(String::from).collect());
    }
    Ok(out)
}

pub(super) fn expected_sample() -> Vec<Vec<String>> {
    vec![
        vec!["企业名称".into(), "统一社会信用代码".into()],
        vec!["重庆某某有限公司".into(), "914403001922038216".into()],
    ]
}

pub(super) fn big_text() -> String {
    let mut text = String::from("序号,企业名称,备注\r\n");
    let mut i = 0;
    while text.len() < 300 * 1024 {
        text.push_str(&format!("{i},重庆某某有限公司{i},走访记录：已解决；𠀀\r\n"));
        i += 1;
    }
    text
}

pub(super) fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
