//! Opening a CSV input: the encoding decided on the whole input, the raw
//! bytes hashed as they pass, and a csv reader over the text.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};

use super::decode::Decoded;
use super::detect::Tally;
use super::{Encoding, BUF_SIZE, UTF8_BOM};

/// SHA-256 of the raw bytes of the file (before decoding, BOM included), computed while the
/// stream is read. `hex()` is only meaningful after the csv reader has been read to the end.
/// Shared behind a mutex so that the reader can move to another thread while the caller
/// keeps this handle.
#[derive(Clone)]
pub struct ContentHash {
    state: Arc<Mutex<Sha256>>,
}

impl ContentHash {
    fn new() -> Self {
        ContentHash {
            state: Arc::new(Mutex::new(Sha256::new())),
        }
    }

    fn update(&self, bytes: &[u8]) {
        // A poisoned lock only means another thread panicked mid-update; the hash is then
        // wrong anyway and that panic is what gets reported.
        let mut h = self.state.lock().unwrap_or_else(|e| e.into_inner());
        h.update(bytes);
    }

    /// Lower-case hex SHA-256 of the bytes read so far.
    pub(crate) fn hex(&self) -> String {
        let h = self.state.lock().unwrap_or_else(|e| e.into_inner());
        h.clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The raw input, hashing every byte as it passes.
pub(super) struct HashingReader {
    inner: Box<dyn Read + Send>,
    hash: ContentHash,
}

impl Read for HashingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

/// Reads until `buf` is full or the input ends; returns the count.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A CSV input (a file path, or "-" for stdin) decoded to UTF-8 as a stream.
pub struct Source {
    name: String,
    /// The encoding decided on, which the tests of the decision read.
    #[cfg(test)]
    encoding: Encoding,
    /// The byte that separates cells, decided on the header line.
    delimiter: u8,
    decoded: Decoded,
    hash: ContentHash,
}

impl Source {
    /// Opens `path` ("-" = stdin). With `forced = None` the encoding is
    /// decided on the whole input (see `detect`): a UTF-8 BOM means UTF-8
    /// (the BOM is skipped, and a line that is not UTF-8 is refused);
    /// otherwise each line is judged, and a file whose lines disagree is
    /// refused naming the first line that breaks the encoding of the rest.
    /// With `forced = Some(..)` that encoding is used (a UTF-8 BOM is still
    /// skipped in Utf8 mode). The file is read twice, once to decide and
    /// once to decode; stdin is first copied to a temporary file.
    pub(crate) fn open(path: &Path, forced: Option<Encoding>) -> anyhow::Result<Source> {
        if path.as_os_str() == "-" {
            return Source::from_reader("stdin", Box::new(io::stdin()), forced);
        }
        let name = path.display().to_string();
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            bail!(crate::tr!(
                "{name} is a directory; give a CSV file",
                "{name} 是一个目录；请给出 CSV 文件"
            ));
        }
        let file = File::open(path)
            .with_context(|| crate::tr!("cannot open {name}", "无法打开 {name}"))?;
        Source::from_file(&name, file, forced)
    }

    /// Same, over any reader (stdin, and tests), spooled to a temporary file.
    pub fn from_reader(
        name: &str,
        mut r: Box<dyn Read + Send>,
        forced: Option<Encoding>,
    ) -> anyhow::Result<Source> {
        let mut file = tempfile::tempfile()
            .with_context(|| crate::tr!("cannot create a temporary file", "无法创建临时文件"))?;
        io::copy(&mut r, &mut file).with_context(|| read_error(name))?;
        Source::from_file(name, file, forced)
    }

    fn from_file(name: &str, mut file: File, forced: Option<Encoding>) -> anyhow::Result<Source> {
        let decided = match forced {
            Some(e) => Ok(e),
            None => {
                file.rewind()?;
                let tally = Tally::of(&mut io::BufReader::with_capacity(BUF_SIZE, &mut file))
                    .with_context(|| read_error(name))?;
                tally.decide(name)
            }
        };
        let encoding = decided.map_err(anyhow::Error::msg)?;
        file.rewind()?;
        let hash = ContentHash::new();
        let mut raw = HashingReader {
            inner: Box::new(file),
            hash: hash.clone(),
        };
        let mut head = vec![0u8; BUF_SIZE];
        let n = read_full(&mut raw, &mut head).with_context(|| read_error(name))?;
        head.truncate(n);
        let start = if encoding == Encoding::Utf8 && head.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        let delimiter = super::delimiter::detect(&head[start..])
            .map_err(|m| anyhow::anyhow!(crate::tr!("{name}: {m}", "{name}：{m}")))?;
        let decoded = Decoded::new(raw, head, start, encoding);
        Ok(Source {
            name: name.to_string(),
            #[cfg(test)]
            encoding,
            delimiter,
            decoded,
            hash,
        })
    }

    /// The path as given, or "stdin".
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    #[cfg(test)]
    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// A csv::Reader over the decoded UTF-8 stream (headers on, not flexible — a ragged row is
    /// an error, CRLF and LF both fine), and the hash that fills as the reader is consumed.
    pub fn into_csv(self) -> (csv::Reader<Decoded>, ContentHash) {
        let reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(true)
            .flexible(false)
            .buffer_capacity(BUF_SIZE)
            .from_reader(self.decoded);
        (reader, self.hash)
    }
}

/// The context of a failed read of the file called `name`.
fn read_error(name: &str) -> String {
    crate::tr!("{name}: read error", "{name}：读取出错")
}

/// What went wrong reading a CSV file, said for the person who saved it:
/// where (`line_at` turns a byte offset of the text into its line), and what
/// to change.
pub(crate) fn read_error_message(e: &csv::Error, mut line_at: impl FnMut(u64) -> u64) -> String {
    let mut line = |pos: Option<&csv::Position>| {
        pos.map_or(String::new(), |p| {
            let n = line_at(p.byte());
            crate::tr!("line {n}", "第{n}行")
        })
    };
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let (at, s) = (line(pos.as_ref()), if *len == 1 { "" } else { "s" });
            crate::tr!(
                "{at}: {len} cell{s} where the header has {expected_len}; every row needs one cell per column (a cell holding a comma must be in quotes)",
                "{at}：有{len}个单元格，而表头有{expected_len}个；每行须每列一个单元格（含逗号的单元格须放在引号内）"
            )
        }
        csv::ErrorKind::Utf8 { pos, err } => {
            let (at, column) = (line(pos.as_ref()), err.field() + 1);
            crate::tr!(
                "{at}, column {column}: the text is not UTF-8; save the file as CSV UTF-8 or GBK (and leave out --encoding utf8 for a GBK file)",
                "{at}第{column}列：文字不是 UTF-8；请把文件另存为 CSV UTF-8 或 GBK（GBK 文件不要加 --encoding utf8）"
            )
        }
        csv::ErrorKind::Io(io) => crate::error::io_reason(io),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csvio::testing::*;

    #[test]
    fn utf8_bom_is_skipped() {
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let src = source(bytes.clone(), None).unwrap();
        assert_eq!(src.encoding(), Encoding::Utf8);
        assert_eq!(src.name(), "test.csv");
        assert_eq!(rows(src).unwrap(), expected_sample());
        // Forced UTF-8 also skips it.
        let src = source(bytes, Some(Encoding::Utf8)).unwrap();
        assert_eq!(rows(src).unwrap()[0][0], "企业名称");
    }

    #[test]
    fn plain_utf8_detected() {
        let src = source(SAMPLE.as_bytes().to_vec(), None).unwrap();
        assert_eq!(src.encoding(), Encoding::Utf8);
        assert_eq!(rows(src).unwrap(), expected_sample());
    }

    #[test]
    fn gbk_detected() {
        let bytes = gbk(SAMPLE);
        assert!(std::str::from_utf8(&bytes).is_err());
        let src = source(bytes, None).unwrap();
        assert_eq!(src.encoding(), Encoding::Gbk);
        assert_eq!(rows(src).unwrap(), expected_sample());
    }

    #[test]
    fn neither_utf8_nor_gbk_is_an_error() {
        let mut bytes = vec![0xFF, 0xFE, 0x00, 0x81, 0x39, 0xFF, 0x80, 0xC0, 0xFF];
        bytes.extend_from_slice(b"a,b\r\n");
        let err = source(bytes, None).err().expect("must fail");
        let msg = err.to_string();
        assert!(msg.contains("neither UTF-8 nor GBK"), "{msg}");
    }

    #[test]
    fn utf8_char_cut_at_a_buffer_end_is_utf8() {
        // "企" is 3 bytes; place it so the first buffer ends inside it.
        let mut text = String::from("a\n");
        text.push_str(&"x".repeat(BUF_SIZE - 1 - text.len()));
        text.push_str("企\n");
        let src = source(text.clone().into_bytes(), None).unwrap();
        assert_eq!(src.encoding(), Encoding::Utf8);
        let r = rows(src).unwrap();
        assert!(r[1][0].ends_with('企'));
    }

    #[test]
    fn forced_encoding_is_honoured() {
        // Bytes that are valid UTF-8 read as GBK when forced (and come out differently).
        let src = source(SAMPLE.as_bytes().to_vec(), Some(Encoding::Gbk)).unwrap();
        assert_eq!(src.encoding(), Encoding::Gbk);
        let r = rows(src).unwrap();
        assert_ne!(r[0][0], "企业名称");
        // GBK bytes forced as UTF-8 fail in the csv reader instead of being detected.
        let src = source(gbk(SAMPLE), Some(Encoding::Utf8)).unwrap();
        assert_eq!(src.encoding(), Encoding::Utf8);
        assert!(rows(src).is_err());
    }

    #[test]
    fn hash_is_sha256_of_raw_bytes() {
        let mut bytes = UTF8_BOM.to_vec();
        bytes.extend_from_slice(big_text().as_bytes());
        let src = source(bytes.clone(), None).unwrap();
        let (csv, hash) = src.into_csv();
        // The reader may move to another thread while the hash stays here.
        let n = std::thread::spawn(move || csv.into_records().count())
            .join()
            .unwrap();
        assert!(n > 1000);
        assert_eq!(hash.hex(), sha_hex(&bytes));
        let gb = gbk(SAMPLE);
        let (csv, hash) = source(gb.clone(), None).unwrap().into_csv();
        assert_eq!(csv.into_records().count(), 1);
        assert_eq!(hash.hex(), sha_hex(&gb));
    }
}
