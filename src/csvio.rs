//! CSV input and output in the forms Excel and WPS on Chinese Windows exchange:
//! UTF-8 (with or without BOM) or GBK/GB18030, CRLF line ends, and cells that
//! must survive a spreadsheet unchanged (formula guard, identifier marking).

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};

/// Size of the I/O buffers: large enough that per-call overhead (hash lock,
/// decoder call) vanishes against the work on 100+ MB files.
const BUF_SIZE: usize = 256 * 1024;
/// How much of the input is examined to detect its encoding.
const SNIFF_SIZE: usize = 64 * 1024;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text encodings of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, optionally with a BOM.
    #[value(name = "utf8")]
    Utf8,
    /// GBK, read and written as GB18030 (a superset of GBK that can encode every character).
    #[value(name = "gbk")]
    Gbk,
}

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
    pub fn hex(&self) -> String {
        let h = self.state.lock().unwrap_or_else(|e| e.into_inner());
        h.clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The raw input, hashing every byte as it passes.
struct HashingReader {
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

/// Reads until `buf` is full or the input ends; returns the count and whether it ended.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<(usize, bool)> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => return Ok((filled, true)),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((filled, false))
}

/// Decides the encoding of a BOM-less head of a file. `at_eof` tells whether the head is the
/// whole file (then a truncated trailing sequence is an error, not a cut).
fn sniff(head: &[u8], at_eof: bool) -> Option<Encoding> {
    match std::str::from_utf8(head) {
        Ok(_) => return Some(Encoding::Utf8),
        // error_len() == None: the only problem is a multi-byte sequence cut by the window.
        Err(e) if e.error_len().is_none() && !at_eof => return Some(Encoding::Utf8),
        Err(_) => {}
    }
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = vec![0u8; BUF_SIZE];
    let mut input = head;
    loop {
        let (res, read, _) = decoder.decode_to_utf8_without_replacement(input, &mut out, at_eof);
        input = &input[read..];
        match res {
            encoding_rs::DecoderResult::InputEmpty => return Some(Encoding::Gbk),
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(..) => return None,
        }
    }
}

/// A CSV input (a file path, or "-" for stdin) decoded to UTF-8 as a stream.
pub struct Source {
    name: String,
    encoding: Encoding,
    decoded: Decoded,
    hash: ContentHash,
}

impl Source {
    /// Opens `path` ("-" = stdin). With `forced = None` the encoding is detected:
    /// a UTF-8 BOM means UTF-8 (the BOM is skipped); otherwise the first 64 KiB are sniffed:
    /// valid UTF-8 (an incomplete multi-byte sequence cut at the end of the sniff window is
    /// fine) => Utf8, else if it decodes as GB18030 without errors => Gbk, else an error saying
    /// the file is neither UTF-8 nor GBK.
    /// With `forced = Some(..)` that encoding is used (a UTF-8 BOM is still skipped in Utf8 mode).
    pub fn open(path: &str, forced: Option<Encoding>) -> anyhow::Result<Source> {
        if path == "-" {
            return Source::from_reader("stdin", Box::new(io::stdin()), forced);
        }
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            bail!("{path} is a directory; give a CSV file");
        }
        let file = File::open(path).with_context(|| format!("cannot open {path}"))?;
        Source::from_reader(path, Box::new(file), forced)
    }

    /// Same, over any reader (used by tests and by open()).
    pub fn from_reader(
        name: &str,
        r: Box<dyn Read + Send>,
        forced: Option<Encoding>,
    ) -> anyhow::Result<Source> {
        let hash = ContentHash::new();
        let mut raw = HashingReader {
            inner: r,
            hash: hash.clone(),
        };
        let mut head = vec![0u8; SNIFF_SIZE];
        let (n, at_eof) =
            read_full(&mut raw, &mut head).with_context(|| format!("{name}: read error"))?;
        head.truncate(n);

        let has_bom = head.starts_with(UTF8_BOM);
        let encoding = match forced {
            Some(e) => e,
            None if has_bom => Encoding::Utf8,
            None => match sniff(&head, at_eof) {
                Some(e) => e,
                None => bail!(
                    "{name}: the file is neither UTF-8 nor GBK; save it as UTF-8 (CSV UTF-8) or GBK and try again"
                ),
            },
        };
        let start = if encoding == Encoding::Utf8 && has_bom {
            UTF8_BOM.len()
        } else {
            0
        };
        let decoded = Decoded::new(raw, head, start, encoding);
        Ok(Source {
            name: name.to_string(),
            encoding,
            decoded,
            hash,
        })
    }

    /// The path as given, or "stdin".
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// A csv::Reader over the decoded UTF-8 stream (headers on, not flexible — a ragged row is
    /// an error, CRLF and LF both fine), and the hash that fills as the reader is consumed.
    pub fn into_csv(self) -> (csv::Reader<Decoded>, ContentHash) {
        let reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .buffer_capacity(BUF_SIZE)
            .from_reader(self.decoded);
        (reader, self.hash)
    }
}

/// Incremental GB18030 decoding state.
struct GbkState {
    decoder: encoding_rs::Decoder,
    inbuf: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    outbuf: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    /// Absolute offset in the file of `inbuf[in_pos]`, for error messages.
    offset: u64,
    eof: bool,
    finished: bool,
    /// Offset of a malformed sequence, reported once the output before it has been delivered.
    pending_error: Option<u64>,
}

/// The decoded stream; implements std::io::Read yielding UTF-8 bytes. In Gbk mode it decodes
/// GB18030 incrementally with encoding_rs (streaming, constant memory) and returns an io::Error
/// (kind InvalidData, message naming the byte offset) on a malformed sequence — never U+FFFD
/// replacement. In Utf8 mode it passes bytes through (UTF-8 validity is then checked by csv's
/// StringRecord).
pub struct Decoded {
    raw: HashingReader,
    /// The sniffed head, served before reading on from `raw` (Utf8 mode only).
    head: Vec<u8>,
    head_pos: usize,
    gbk: Option<Box<GbkState>>,
    scan: Scan,
}

/// Watches the decoded text for what the csv reader would silently take in:
/// a NUL byte (a binary or UTF-16 file) and a quote that is never closed
/// (which would make the rest of the file one cell). Skips from quote to
/// quote, so it costs little next to the parse itself.
#[derive(Debug)]
struct Scan {
    /// Line breaks delivered so far, up to `counted` in the current buffer.
    lines: u64,
    /// Inside a quoted cell, opened on this line.
    quoted: Option<u64>,
    /// Inside a quoted cell, the last byte was a quote: it closes the cell
    /// unless another quote follows (an escaped quote).
    after_quote: bool,
    /// The byte before the current one: a quote opens a cell only at its start.
    prev: u8,
}

fn line_breaks(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

impl Scan {
    fn new() -> Scan {
        Scan {
            lines: 0,
            quoted: None,
            after_quote: false,
            prev: b'\n',
        }
    }

    fn feed(&mut self, buf: &[u8]) -> io::Result<()> {
        if let Some(at) = buf.iter().position(|&b| b == 0) {
            return Err(invalid(format!(
                "line {}: a NUL byte, which CSV text never holds (is this a binary or UTF-16 file? save it as CSV UTF-8 or GBK)",
                self.lines + 1 + line_breaks(&buf[..at])
            )));
        }
        let quote_at = |from: usize| {
            buf[from..]
                .iter()
                .position(|&b| b == b'"')
                .map(|p| from + p)
        };
        let mut counted = 0;
        let mut i = 0;
        while i < buf.len() {
            if self.quoted.is_some() {
                if self.after_quote {
                    self.after_quote = false;
                    if buf[i] == b'"' {
                        i += 1;
                    } else {
                        // The cell closed; this byte is read as outside it.
                        self.quoted = None;
                        self.prev = b'"';
                    }
                    continue;
                }
                match quote_at(i) {
                    Some(q) => {
                        self.after_quote = true;
                        i = q + 1;
                    }
                    None => i = buf.len(),
                }
            } else {
                let Some(q) = quote_at(i) else {
                    self.prev = buf[buf.len() - 1];
                    break;
                };
                let before = if q > i { buf[q - 1] } else { self.prev };
                if matches!(before, b',' | b'\n' | b'\r') {
                    self.lines += line_breaks(&buf[counted..q]);
                    counted = q;
                    self.quoted = Some(self.lines + 1);
                }
                self.prev = b'"';
                i = q + 1;
            }
        }
        self.lines += line_breaks(&buf[counted..]);
        Ok(())
    }

    fn finish(&self) -> io::Result<()> {
        match self.quoted {
            Some(line) if !self.after_quote => Err(invalid(format!(
                "line {line}: a quote (\") opens a cell that is never closed, so the rest of the file would be read as that one cell"
            ))),
            _ => Ok(()),
        }
    }
}

impl Decoded {
    fn new(raw: HashingReader, mut head: Vec<u8>, start: usize, encoding: Encoding) -> Decoded {
        match encoding {
            Encoding::Utf8 => Decoded {
                raw,
                head,
                head_pos: start,
                gbk: None,
                scan: Scan::new(),
            },
            Encoding::Gbk => {
                // The head becomes the first input buffer; grow it to the working size.
                let in_len = head.len();
                head.resize(in_len.max(BUF_SIZE), 0);
                Decoded {
                    raw,
                    head: Vec::new(),
                    head_pos: 0,
                    gbk: Some(Box::new(GbkState {
                        decoder: encoding_rs::GB18030.new_decoder_without_bom_handling(),
                        inbuf: head,
                        in_pos: start,
                        in_len,
                        outbuf: vec![0u8; BUF_SIZE],
                        out_pos: 0,
                        out_len: 0,
                        offset: start as u64,
                        eof: false,
                        finished: false,
                        pending_error: None,
                    })),
                    scan: Scan::new(),
                }
            }
        }
    }
}

impl Read for Decoded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.read_decoded(buf)?;
        if n == 0 {
            if !buf.is_empty() {
                self.scan.finish()?;
            }
        } else {
            self.scan.feed(&buf[..n])?;
        }
        Ok(n)
    }
}

impl Decoded {
    fn read_decoded(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let Some(st) = self.gbk.as_deref_mut() else {
            if self.head_pos < self.head.len() {
                let n = buf.len().min(self.head.len() - self.head_pos);
                buf[..n].copy_from_slice(&self.head[self.head_pos..self.head_pos + n]);
                self.head_pos += n;
                if self.head_pos == self.head.len() {
                    // Free the sniff buffer once served.
                    self.head = Vec::new();
                    self.head_pos = 0;
                }
                return Ok(n);
            }
            return self.raw.read(buf);
        };
        loop {
            if st.out_pos < st.out_len {
                let n = buf.len().min(st.out_len - st.out_pos);
                buf[..n].copy_from_slice(&st.outbuf[st.out_pos..st.out_pos + n]);
                st.out_pos += n;
                return Ok(n);
            }
            if let Some(at) = st.pending_error {
                return Err(invalid(format!(
                    "line {}: invalid GBK/GB18030 byte sequence at byte offset {at}",
                    self.scan.lines + 1
                )));
            }
            if st.finished {
                return Ok(0);
            }
            if st.in_pos == st.in_len && !st.eof {
                let n = loop {
                    match self.raw.read(&mut st.inbuf) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        r => break r?,
                    }
                };
                st.in_pos = 0;
                st.in_len = n;
                st.eof = n == 0;
            }
            let (res, read, written) = st.decoder.decode_to_utf8_without_replacement(
                &st.inbuf[st.in_pos..st.in_len],
                &mut st.outbuf,
                st.eof,
            );
            st.in_pos += read;
            st.offset += read as u64;
            st.out_pos = 0;
            st.out_len = written;
            match res {
                encoding_rs::DecoderResult::InputEmpty => st.finished = st.eof,
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(bad, after) => {
                    // The malformed bytes may have begun in an earlier buffer; the offset is
                    // absolute, so subtracting still lands on their start.
                    st.pending_error = Some(st.offset.saturating_sub(bad as u64 + after as u64));
                }
            }
        }
    }
}

/// The most characters a spreadsheet cell holds (Excel's limit): a longer
/// cell did not come from a spreadsheet and is refused on import.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What went wrong reading a CSV file, said for the person who saved it:
/// where, and what to change.
pub fn read_error_message(e: &csv::Error) -> String {
    let line =
        |pos: Option<&csv::Position>| pos.map_or(String::new(), |p| format!("line {}", p.line()));
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "{}: {len} cell{} where the header has {expected_len}; every row needs one cell per column (a cell holding a comma must be in quotes)",
            line(pos.as_ref()),
            if *len == 1 { "" } else { "s" }
        ),
        csv::ErrorKind::Utf8 { pos, err } => format!(
            "{}, column {}: the text is not UTF-8; save the file as CSV UTF-8 or GBK (and leave out --encoding utf8 for a GBK file)",
            line(pos.as_ref()),
            err.field() + 1
        ),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    }
}

/// Options for CSV written for people (reports, exports).
#[derive(Debug, Clone, Copy)]
pub struct SinkOptions {
    pub encoding: Encoding,
    pub bom: bool,
}

impl Default for SinkOptions {
    /// UTF-8 with BOM: without the BOM Excel on Chinese Windows reads the file as GBK.
    fn default() -> Self {
        SinkOptions {
            encoding: Encoding::Utf8,
            bom: true,
        }
    }
}

/// A csv::Writer over `out` that writes a UTF-8 BOM first when opts.bom && Utf8, and in Gbk mode
/// encodes with GB18030 (streaming; GB18030 can represent every character, so nothing is lost;
/// no BOM in Gbk mode). Line terminator CRLF (what Excel writes).
pub fn sink<W: Write>(out: W, opts: SinkOptions) -> csv::Writer<Encoded<W>> {
    let gbk = match opts.encoding {
        Encoding::Utf8 => None,
        Encoding::Gbk => Some(Box::new(GbkEncoder {
            encoder: encoding_rs::GB18030.new_encoder(),
            pending: Vec::with_capacity(4),
            outbuf: vec![0u8; 64 * 1024],
        })),
    };
    let encoded = Encoded {
        inner: out,
        bom_pending: opts.bom && opts.encoding == Encoding::Utf8,
        gbk,
    };
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(BUF_SIZE)
        .from_writer(encoded)
}

struct GbkEncoder {
    encoder: encoding_rs::Encoder,
    /// The start of a UTF-8 character split across two write() calls.
    pending: Vec<u8>,
    outbuf: Vec<u8>,
}

/// The output stream of [`sink`]: UTF-8 in, the chosen encoding out.
pub struct Encoded<W> {
    inner: W,
    /// The BOM is written lazily because sink() cannot report an I/O error.
    bom_pending: bool,
    gbk: Option<Box<GbkEncoder>>,
}

impl<W: Write> Encoded<W> {
    fn write_bom(&mut self) -> io::Result<()> {
        if self.bom_pending {
            self.inner.write_all(UTF8_BOM)?;
            self.bom_pending = false;
        }
        Ok(())
    }

    /// The underlying writer (after a flush everything written has reached it).
    pub fn get_ref(&self) -> &W {
        &self.inner
    }
}

fn encode_str<W: Write>(enc: &mut GbkEncoder, out: &mut W, mut s: &str) -> io::Result<()> {
    while !s.is_empty() {
        let (res, read, written) =
            enc.encoder
                .encode_from_utf8_without_replacement(s, &mut enc.outbuf, false);
        out.write_all(&enc.outbuf[..written])?;
        s = &s[read..];
        if let encoding_rs::EncoderResult::Unmappable(c) = res {
            // Cannot happen for GB18030; kept as an error rather than silent loss.
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("character {c:?} cannot be encoded in GB18030"),
            ));
        }
    }
    Ok(())
}

fn utf8_width(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn not_utf8() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "output is not valid UTF-8")
}

impl<W: Write> Write for Encoded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_bom()?;
        let Some(enc) = self.gbk.as_deref_mut() else {
            return self.inner.write(buf);
        };
        let mut input = buf;
        if !enc.pending.is_empty() {
            let need = utf8_width(enc.pending[0]) - enc.pending.len();
            let take = need.min(input.len());
            enc.pending.extend_from_slice(&input[..take]);
            input = &input[take..];
            if take < need {
                return Ok(buf.len());
            }
            let pending = std::mem::take(&mut enc.pending);
            let s = std::str::from_utf8(&pending).map_err(|_| not_utf8())?;
            encode_str(enc, &mut self.inner, s)?;
        }
        match std::str::from_utf8(input) {
            Ok(s) => encode_str(enc, &mut self.inner, s)?,
            Err(e) if e.error_len().is_none() => {
                let (valid, rest) = input.split_at(e.valid_up_to());
                let s = std::str::from_utf8(valid).map_err(|_| not_utf8())?;
                encode_str(enc, &mut self.inner, s)?;
                enc.pending.extend_from_slice(rest);
            }
            Err(_) => return Err(not_utf8()),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_bom()?;
        self.inner.flush()
    }
}

/// Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection), plus the
/// apostrophe so that guarding stays exactly reversible.
fn is_guard_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// Neutralises a text cell: if it starts with one of = + - @ \t \r, OR with a single quote ',
/// prefix it with a single quote '.
/// (Prefixing cells that already start with ' keeps the transformation exactly reversible.)
///
/// Only for text cells: numbers and dates are written by the callers without guard(), so a
/// negative number such as -5 in a numeric column stays a number and is never prefixed.
pub fn guard(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if is_guard_trigger(c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The exact inverse of guard for cells that guard produced: if a cell starts with ' and its
/// second character is one of = + - @ \t \r ', drop the first character. Every other cell is
/// returned unchanged.
pub fn unguard(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_guard_trigger) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// Whether a cell is a digit-only identifier that spreadsheets would turn into a number:
/// digits, spaces and hyphens with at least one digit, optionally after a leading '+'.
fn is_numeric_id(cell: &str) -> bool {
    let body = cell.strip_prefix('+').unwrap_or(cell);
    body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
}

/// Marks an identifier cell (USCC, phone, code) so spreadsheets keep it as text. Returns the
/// cell to write.
///
/// Digit-only identifiers are written as `="<digits>"`. LibreOffice 7.4 default CSV import:
/// plain 914403001922038216 became 9.14403001922038E+17 and 02348612345 lost its zero; a leading
/// ' stayed visible in the cell and a leading TAB stayed in the cell text; `="…"` gave a text
/// result with every digit, the zero and a leading + intact (it is also Excel's idiom).
/// It is a formula, so only cells of digits, spaces, hyphens and a leading + are marked; any
/// other cell (a USCC with letters, names) is returned unchanged and NOT guarded: for a cell
/// from user input use [`export_id`]. The importer undoes both with [`import_cell`]
/// (unmark_text_id, then unguard), which also inverts `as_text_id(&guard(cell))` exactly.
pub fn as_text_id(cell: &str) -> Cow<'_, str> {
    if is_numeric_id(cell) {
        Cow::Owned(format!("=\"{cell}\""))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse, applied by the importer to every cell before guard's inverse (exact for
/// as_text_id's output; ordinary cells, including other formulas, are left alone).
pub fn unmark_text_id(cell: &str) -> Cow<'_, str> {
    match cell
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) if is_numeric_id(inner) => Cow::Borrowed(inner),
        _ => Cow::Borrowed(cell),
    }
}

/// An identifier cell as written for people: digit-like cells are marked as text (the marking
/// is itself formula-safe, and marking before guarding keeps "+86…" and "-5" free of a visible
/// apostrophe); every other cell is guarded.
pub fn export_id(cell: &str) -> Cow<'_, str> {
    if is_numeric_id(cell) {
        as_text_id(cell)
    } else {
        guard(cell)
    }
}

/// Undoes both markings of an imported cell: unmark_text_id, then unguard.
pub fn import_cell(cell: &str) -> Cow<'_, str> {
    match unmark_text_id(cell) {
        Cow::Borrowed(s) => unguard(s),
        Cow::Owned(s) => Cow::Owned(unguard(&s).into_owned()),
    }
}

/// Splits a list cell on ';', '；' or '、', trimming items and dropping empty ones.
pub fn split_list(cell: &str) -> Vec<&str> {
    list_items(cell).collect()
}

/// The items of a list cell, as `split_list` finds them, without collecting them.
pub fn list_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '；', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// yes/no, true/false, 1/0, 是/否 (case-insensitive, trimmed) => Some(bool); anything else None.
pub fn parse_bool(cell: &str) -> Option<bool> {
    let s = cell.trim().to_lowercase();
    match s.as_str() {
        "yes" | "true" | "1" | "是" => Some(true),
        "no" | "false" | "0" | "否" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "企业名称,统一社会信用代码\r\n重庆某某有限公司,914403001922038216\r\n";

    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn source(bytes: Vec<u8>, forced: Option<Encoding>) -> anyhow::Result<Source> {
        Source::from_reader("test.csv", Box::new(io::Cursor::new(bytes)), forced)
    }

    fn rows(src: Source) -> Result<Vec<Vec<String>>, csv::Error> {
        let (mut rdr, _) = src.into_csv();
        let mut out = vec![rdr.headers()?.iter().map(String::from).collect()];
        for rec in rdr.records() {
            out.push(rec?.iter().map(String::from).collect());
        }
        Ok(out)
    }

    /// A reader that hands out at most `chunk` bytes per call, to cross buffer boundaries.
    struct Trickle {
        data: Vec<u8>,
        pos: usize,
        chunk: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.chunk).min(self.data.len() - self.pos);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    fn expected_sample() -> Vec<Vec<String>> {
        vec![
            vec!["企业名称".into(), "统一社会信用代码".into()],
            vec!["重庆某某有限公司".into(), "914403001922038216".into()],
        ]
    }

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
    fn utf8_char_cut_at_sniff_window_is_utf8() {
        // "企" is 3 bytes; place it so the 64 KiB window ends inside it.
        let mut text = String::from("a\n");
        text.push_str(&"x".repeat(SNIFF_SIZE - 1 - text.len()));
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

    fn big_text() -> String {
        let mut text = String::from("序号,企业名称,备注\r\n");
        let mut i = 0;
        while text.len() < 300 * 1024 {
            text.push_str(&format!("{i},重庆某某有限公司{i},走访记录：已解决；𠀀\r\n"));
            i += 1;
        }
        text
    }

    #[test]
    fn large_gbk_decodes_across_boundaries() {
        let text = big_text();
        let bytes = gbk(&text);
        assert!(bytes.len() > 200 * 1024);
        // Odd chunk sizes split multi-byte sequences at read-buffer boundaries.
        for chunk in [1usize << 20, 4093, 7] {
            let rdr = Trickle {
                data: bytes.clone(),
                pos: 0,
                chunk,
            };
            let src = Source::from_reader("big", Box::new(rdr), None).unwrap();
            assert_eq!(src.encoding(), Encoding::Gbk);
            let (mut csv, hash) = src.into_csv();
            let mut out = String::new();
            csv.get_mut().read_to_string(&mut out).unwrap();
            assert_eq!(out, text, "chunk {chunk}");
            assert_eq!(hash.hex(), sha_hex(&bytes));
        }
        // And through the csv reader.
        let src = source(bytes, None).unwrap();
        let r = rows(src).unwrap();
        assert_eq!(r.len(), text.matches("\r\n").count());
        assert_eq!(r[r.len() - 1][2], "走访记录：已解决；𠀀");
    }

    #[test]
    fn malformed_gbk_is_an_error_with_offset() {
        let mut bytes = gbk(&big_text());
        // Past the sniff window, so detection still says GBK; 0xFF is never valid in GB18030.
        let at = 100 * 1024;
        bytes[at] = 0xFF;
        let src = source(bytes, None).unwrap();
        assert_eq!(src.encoding(), Encoding::Gbk);
        let (mut csv, _) = src.into_csv();
        let mut out = String::new();
        let err = csv.get_mut().read_to_string(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        let msg = err.to_string();
        assert!(msg.contains("offset"), "{msg}");
        assert!(!out.contains('\u{FFFD}'));
        // The offset points at or just before the bad byte (a lead byte may pair with it).
        let off: usize = msg.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(off == at || off + 1 == at, "{off} vs {at}");
        // Through the csv reader it is an error too.
        let mut bytes = gbk(&big_text());
        bytes[at] = 0xFF;
        assert!(rows(source(bytes, None).unwrap()).is_err());
    }

    #[test]
    fn truncated_gbk_at_end_is_an_error() {
        let mut bytes = gbk(SAMPLE);
        bytes.extend_from_slice(&gbk("企")[..1]);
        let src = source(bytes, Some(Encoding::Gbk)).unwrap();
        let (mut csv, _) = src.into_csv();
        let mut out = String::new();
        assert!(csv.get_mut().read_to_string(&mut out).is_err());
    }

    fn sha_hex(bytes: &[u8]) -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
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

    /// The scan's verdict on a text fed whole, and fed one byte at a time.
    fn scanned(text: &[u8]) -> Result<(), String> {
        let mut whole = Scan::new();
        let a = whole.feed(text).and_then(|()| whole.finish());
        let mut bytes = Scan::new();
        let b = text
            .chunks(1)
            .try_for_each(|c| bytes.feed(c))
            .and_then(|()| bytes.finish());
        let (a, b) = (a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
        assert_eq!(a, b, "{:?}", String::from_utf8_lossy(text));
        a
    }

    #[test]
    fn quotes_that_close_pass_and_one_left_open_is_found() {
        for good in [
            &b"a,b\n\"x\",\"y\"\n"[..],
            b"a,b\r\n\"two\nlines\",\"say \"\"hi\"\"\"\r\n",
            b"a,b\n5\" pipe,x\"y\"z\n",
            b"a,b\n\"\",\"\"\"\"",
            b"a,b\n\"closed\"junk,1\n",
        ] {
            assert_eq!(scanned(good), Ok(()), "{:?}", String::from_utf8_lossy(good));
        }
        let open = scanned(b"a,b\nx,y\n\"left\nopen,z\nmore,rows\n").unwrap_err();
        assert!(open.starts_with("line 3: a quote"), "{open}");
        let open = scanned(b"a,b\n1,\"\"\"\n").unwrap_err();
        assert!(open.starts_with("line 2: a quote"), "{open}");
        let nul = scanned(b"a,b\n1,2\n3,\x004\n").unwrap_err();
        assert!(nul.starts_with("line 3: a NUL byte"), "{nul}");
    }

    #[test]
    fn ragged_row_is_an_error() {
        let src = source(b"a,b\nc\n".to_vec(), None).unwrap();
        assert!(rows(src).is_err());
    }

    fn write_sample(opts: SinkOptions) -> Vec<u8> {
        let mut w = sink(Vec::new(), opts);
        w.write_record(["企业名称", "统一社会信用代码"]).unwrap();
        w.write_record(["重庆某某有限公司", "914403001922038216"])
            .unwrap();
        w.flush().unwrap();
        w.into_inner().ok().unwrap().inner
    }

    #[test]
    fn sink_writes_bom_and_crlf() {
        let out = write_sample(SinkOptions::default());
        let mut expected = UTF8_BOM.to_vec();
        expected.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(out, expected);
        let out = write_sample(SinkOptions {
            encoding: Encoding::Utf8,
            bom: false,
        });
        assert_eq!(out, SAMPLE.as_bytes());
    }

    #[test]
    fn gbk_sink_round_trips() {
        let opts = SinkOptions {
            encoding: Encoding::Gbk,
            bom: true,
        };
        let out = write_sample(opts);
        assert!(!out.starts_with(UTF8_BOM));
        assert_eq!(out, gbk(SAMPLE));
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&out);
        assert!(!had_errors);
        assert_eq!(text, SAMPLE);

        // Large output with characters outside GBK proper, through flush, in split writes.
        let text = big_text();
        let mut enc = sink(Vec::new(), opts).into_inner().ok().unwrap();
        for piece in text.as_bytes().chunks(4099) {
            enc.write_all(piece).unwrap();
        }
        enc.flush().unwrap();
        let (back, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(enc.get_ref());
        assert!(!had_errors);
        assert_eq!(back, text);
    }

    const TRIGGERS: [&str; 6] = ["=", "+", "-", "@", "\t", "\r"];

    #[test]
    fn guard_round_trips() {
        let mut cells: Vec<String> = TRIGGERS.iter().map(|t| format!("{t}SUM(A1:A9)")).collect();
        cells.extend(
            [
                "'",
                "''=",
                "'=x",
                "normal",
                "",
                "重庆某某有限公司",
                "a=b",
                "-5",
            ]
            .map(String::from),
        );
        for c in &cells {
            let g = guard(c);
            assert_eq!(unguard(&g), c.as_str(), "{c:?}");
        }
        for t in TRIGGERS {
            assert_eq!(guard(&format!("{t}1")), format!("'{t}1"));
        }
        assert_eq!(guard("'"), "''");
        assert_eq!(guard("''="), "'''=");
        assert_eq!(guard("normal"), "normal");
        assert_eq!(guard(""), "");
        assert_eq!(guard("重庆"), "重庆");
        assert!(matches!(guard("normal"), Cow::Borrowed(_)));
        // Cells guard did not produce stay as they are.
        assert_eq!(unguard("'abc"), "'abc");
        assert_eq!(unguard("'"), "'");
    }

    #[test]
    fn text_id_marking_round_trips_and_composes() {
        assert_eq!(as_text_id("914403001922038216"), "=\"914403001922038216\"");
        assert_eq!(as_text_id("02348612345"), "=\"02348612345\"");
        assert_eq!(as_text_id("+8613800138000"), "=\"+8613800138000\"");
        assert_eq!(as_text_id("023-4861 2345"), "=\"023-4861 2345\"");
        // Letters need no marking; nor does anything that is not digit-like.
        assert_eq!(as_text_id("91500000MA5U7H2X8K"), "91500000MA5U7H2X8K");
        assert_eq!(as_text_id("重庆"), "重庆");
        assert_eq!(as_text_id(""), "");
        assert_eq!(as_text_id("+"), "+");
        // The importer only undoes exactly ="<digits>".
        assert_eq!(unmark_text_id("=\"abc\""), "=\"abc\"");
        assert_eq!(unmark_text_id("=\"1\"+\"2\""), "=\"1\"+\"2\"");
        assert_eq!(unmark_text_id("=1+2"), "=1+2");
        assert_eq!(unmark_text_id("\"123\""), "\"123\"");

        let cells = [
            "914403001922038216",
            "02348612345",
            "+8613800138000",
            "-5",
            "91500000MA5U7H2X8K",
            "重庆某某有限公司",
            "normal",
            "",
            "'",
            "=\"123\"",
            "'=\"123\"",
            "=SUM(A1)",
        ];
        for c in cells {
            // Marking alone (digit-like cells), guard then mark, and the export helper.
            if is_numeric_id(c) {
                assert_eq!(unmark_text_id(&as_text_id(c)), c, "{c:?}");
                assert_eq!(import_cell(&as_text_id(c)), c, "{c:?}");
            }
            let written = as_text_id(&guard(c)).into_owned();
            assert_eq!(unguard(&unmark_text_id(&written)), c, "{c:?}");
            assert_eq!(import_cell(&written), c, "{c:?}");
            let exported = export_id(c);
            assert_eq!(import_cell(&exported), c, "{c:?}");
            // Every exported cell is safe: it is guarded or it is exactly our own ="digits".
            for out in [&written[..], &exported[..]] {
                let safe = !out.starts_with(is_guard_trigger)
                    || out.starts_with('\'')
                    || unmark_text_id(out) != out;
                assert!(safe, "{c:?} -> {out:?}");
            }
            // Plain text cells come back unchanged through the importer.
            assert_eq!(import_cell(&guard(c)), c, "{c:?}");
        }
        assert_eq!(as_text_id(&guard("-5")), "'-5");
        assert_eq!(export_id("-5"), "=\"-5\"");
        assert_eq!(export_id("+8613800138000"), "=\"+8613800138000\"");
        assert_eq!(export_id("=\"123\""), "'=\"123\"");
        assert_eq!(export_id("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(export_id("91500000MA5U7H2X8K"), "91500000MA5U7H2X8K");
    }

    #[test]
    fn split_list_splits_on_all_separators() {
        assert_eq!(
            split_list(" 融资难; 用工；用地、 ;；、 税费 "),
            vec!["融资难", "用工", "用地", "税费"]
        );
        assert!(split_list("").is_empty());
        assert!(split_list(" ; ；、").is_empty());
        assert_eq!(split_list("单项"), vec!["单项"]);
    }

    #[test]
    fn parse_bool_accepts_known_words() {
        for t in ["yes", "YES", " True ", "1", "是", " 是 "] {
            assert_eq!(parse_bool(t), Some(true), "{t:?}");
        }
        for f in ["no", "No", "FALSE", "0", "否", "\t否"] {
            assert_eq!(parse_bool(f), Some(false), "{f:?}");
        }
        for x in ["", "y", "2", "对", "yes please"] {
            assert_eq!(parse_bool(x), None, "{x:?}");
        }
    }
}
