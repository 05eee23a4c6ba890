//! Deciding a file's encoding from the whole of it, line by line.
//!
//! A line break (CR, LF) never falls inside a character of UTF-8 or of
//! GB18030, so each physical line can be judged on its own: pure ASCII
//! (either reading), valid only as UTF-8, valid only as GBK, valid as both,
//! or neither. A line valid both ways is the reading that yields common
//! Chinese text, UTF-8 first (GBK names such as 谭霞 are also valid UTF-8
//! byte sequences, of Greek letters and combining marks), or either when
//! neither reading does. A file
//! whose lines disagree mixes encodings and is refused, naming the first
//! line that breaks the encoding of the rest.

use std::io::{self, Read};

use super::{Encoding, BUF_SIZE, UTF8_BOM};

/// How the lines of a file read, tallied over the whole file.
#[derive(Debug, Default)]
pub(super) struct Tally {
    bom: bool,
    utf8: Lines,
    gbk: Lines,
    neither: Lines,
}

/// The lines of one class: how many, and the first.
#[derive(Debug, Default, Clone, Copy)]
struct Lines {
    count: u64,
    first: Option<u64>,
}

impl Lines {
    fn add(&mut self, line: u64) {
        self.count += 1;
        self.first.get_or_insert(line);
    }
}

fn label(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "UTF-8",
        Encoding::Gbk => "GBK",
    }
}

/// A character of everyday Chinese text: an ideograph, CJK or full-width
/// punctuation, or Chinese general punctuation, that GB2312 (the common
/// characters) holds. The other reading of Chinese text yields Greek,
/// combining marks or rare ideographs instead.
fn common_chinese(c: char) -> bool {
    let chinese = matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{2010}'..='\u{2027}' | '\u{00B7}');
    let mut utf8 = [0u8; 4];
    let mut out = [0u8; 4];
    let mut encoder = encoding_rs::GBK.new_encoder();
    let (res, _, written) =
        encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), &mut out, true);
    chinese
        && res == encoding_rs::EncoderResult::InputEmpty
        && written == 2
        && (0xA1..=0xF7).contains(&out[0])
        && out[1] >= 0xA1
}

/// Whether every non-ASCII character of a reading is common Chinese.
fn all_common(text: &str) -> bool {
    text.chars().filter(|c| !c.is_ascii()).all(common_chinese)
}

impl Tally {
    /// Reads the whole input, judging each physical line.
    pub(super) fn of(r: &mut impl Read) -> io::Result<Tally> {
        let mut tally = Tally::default();
        let mut buf = vec![0u8; BUF_SIZE];
        // The start of a line that runs past the end of the buffer.
        let mut carry: Vec<u8> = Vec::new();
        let mut line = 1u64;
        let mut after_cr = false;
        let mut first = true;
        loop {
            let n = match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let mut chunk = &buf[..n];
            if first {
                // The BOM may be cut by a short read; the first read of a file is not.
                first = false;
                if let Some(rest) = chunk.strip_prefix(UTF8_BOM) {
                    tally.bom = true;
                    chunk = rest;
                }
            }
            let mut i = 0;
            while i < chunk.len() {
                if after_cr && chunk[i] == b'\n' {
                    // The LF of a CRLF: the line already ended at the CR.
                    after_cr = false;
                    i += 1;
                    continue;
                }
                after_cr = false;
                match chunk[i..].iter().position(|&b| b == b'\n' || b == b'\r') {
                    Some(p) => {
                        let end = i + p;
                        if carry.is_empty() {
                            tally.judge(&chunk[i..end], line);
                        } else {
                            carry.extend_from_slice(&chunk[i..end]);
                            tally.judge(&carry, line);
                            carry.clear();
                        }
                        line += 1;
                        after_cr = chunk[end] == b'\r';
                        i = end + 1;
                    }
                    None => {
                        carry.extend_from_slice(&chunk[i..]);
                        i = chunk.len();
                    }
                }
            }
        }
        if !carry.is_empty() {
            tally.judge(&carry, line);
        }
        Ok(tally)
    }

    fn judge(&mut self, bytes: &[u8], line: u64) {
        if bytes.is_ascii() {
            return;
        }
        let utf8 = std::str::from_utf8(bytes).ok();
        let gbk = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
        match (utf8, gbk) {
            // Valid both ways: UTF-8 when that reading is common Chinese
            // (UTF-8 Chinese is often valid GBK, and its GBK reading can look
            // Chinese too); GBK when only that reading is; else either.
            (Some(u), Some(g)) => {
                if all_common(u) {
                    self.utf8.add(line);
                } else if all_common(&g) {
                    self.gbk.add(line);
                }
            }
            (Some(_), None) => self.utf8.add(line),
            (None, Some(_)) => self.gbk.add(line),
            (None, None) => self.neither.add(line),
        }
    }

    /// The file's encoding, or why it has none.
    pub(super) fn decide(&self, name: &str) -> Result<Encoding, String> {
        let save = crate::tr!(
            "save the whole file in one encoding (CSV UTF-8, or GBK) and try again",
            "请把整个文件存为同一种编码（CSV UTF-8 或 GBK）后再试"
        );
        if self.bom {
            let not_utf8 = [self.gbk.first, self.neither.first]
                .into_iter()
                .flatten()
                .min();
            return match not_utf8 {
                Some(l) => Err(crate::tr!(
                    "{name}: line {l} is not UTF-8, though the file begins with UTF-8's byte order mark; {save}",
                    "{name}：文件以 UTF-8 的字节顺序标记开头，但第{l}行不是 UTF-8；{save}"
                )),
                None => Ok(Encoding::Utf8),
            };
        }
        if let Some(l) = self.neither.first {
            return Err(crate::tr!(
                "{name}: line {l} is neither UTF-8 nor GBK text; {save}",
                "{name}：第{l}行既不是 UTF-8 也不是 GBK 文字；{save}"
            ));
        }
        let (u, g) = (self.utf8, self.gbk);
        match (u.first, g.first) {
            (Some(_), Some(_)) => {
                // The rest of the file is the encoding of most lines (of the
                // first line, when as many lines are in each).
                let utf8_rules = u.count > g.count || (u.count == g.count && u.first < g.first);
                let (rest, rest_lines, odd, odd_first) = if utf8_rules {
                    (Encoding::Utf8, u, Encoding::Gbk, g.first)
                } else {
                    (Encoding::Gbk, g, Encoding::Utf8, u.first)
                };
                let (odd_line, odd, rest) =
                    (odd_first.unwrap_or_default(), label(odd), label(rest));
                let (n, from) = (rest_lines.count, rest_lines.first.unwrap_or_default());
                let s = if n == 1 { "" } else { "s" };
                Err(crate::tr!(
                    "{name}: the file mixes encodings: line {odd_line} is {odd}, but the rest of the file is {rest} ({n} line{s} from line {from}); {save}",
                    "{name}：文件混用了编码：第{odd_line}行是 {odd}，但文件其余部分是 {rest}（从第{from}行起共{n}行）；{save}"
                ))
            }
            (None, Some(_)) => Ok(Encoding::Gbk),
            _ => Ok(Encoding::Utf8),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csvio::testing::gbk;

    fn decide(bytes: &[u8]) -> Result<Encoding, String> {
        Tally::of(&mut io::Cursor::new(bytes))
            .unwrap()
            .decide("f.csv")
    }

    #[test]
    fn gbk_names_that_are_also_utf8_read_as_gbk() {
        let bytes = gbk("code,name,unit\r\nC01,谭霞,D01\r\n");
        assert!(std::str::from_utf8(&bytes).is_ok());
        assert_eq!(decide(&bytes), Ok(Encoding::Gbk));
        // UTF-8 Chinese that happens to be valid GBK stays UTF-8.
        assert_eq!(decide("企业\n".as_bytes()), Ok(Encoding::Utf8));
        assert_eq!(decide("建档\n".as_bytes()), Ok(Encoding::Utf8));
        assert_eq!(decide(b"a,b\n1,2\n"), Ok(Encoding::Utf8));
    }

    #[test]
    fn gbk_past_a_long_ascii_head_is_gbk() {
        let mut bytes = b"a,b\n".repeat(40_000);
        bytes.extend(gbk("1,重庆某某有限公司\n"));
        assert_eq!(decide(&bytes), Ok(Encoding::Gbk));
    }

    #[test]
    fn mixed_files_name_the_line_that_breaks_the_rest() {
        let mut bytes = "a,b\r\n1,重庆某某有限公司\r\n2,重庆某某\r\n3,重庆\r\n"
            .as_bytes()
            .to_vec();
        bytes.extend(gbk("4,重庆某某有限公司\r\n"));
        let e = decide(&bytes).unwrap_err();
        assert!(
            e.contains("line 5 is GBK, but the rest of the file is UTF-8"),
            "{e}"
        );
        // Lone CR line ends count as lines too.
        let mut bytes = gbk("a,b\r1,重庆某某有限公司\r2,重庆\r");
        bytes.extend("3,重庆某某有限公司\r".as_bytes());
        let e = decide(&bytes).unwrap_err();
        assert!(
            e.contains("line 4 is UTF-8, but the rest of the file is GBK"),
            "{e}"
        );
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend(gbk("a\n重庆某某有限公司\n"));
        let e = decide(&bytes).unwrap_err();
        assert!(e.contains("line 2 is not UTF-8"), "{e}");
    }
}
