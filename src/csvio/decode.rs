//! The decoded stream under the csv reader: UTF-8 passed through or GB18030
//! decoded incrementally, watched for what the csv reader would take in
//! silently (a NUL byte, a quote never closed).

use std::io::{self, Read};

use super::source::HashingReader;
use super::{Encoding, BUF_SIZE};

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
    lines: LineStarts,
}

/// Where the lines of the decoded text start, so that a record, known to
/// the csv reader by its byte offset, is named by the physical line it
/// starts on whatever the line ends (LF, CRLF or a lone CR). Only the starts
/// the reader has not yet passed are kept: a buffer's worth at most.
#[derive(Debug)]
struct LineStarts {
    /// Offsets of the starts of the lines after `line`, in order.
    ahead: std::collections::VecDeque<u64>,
    /// The line of the last offset asked about.
    line: u64,
    /// Bytes delivered so far.
    offset: u64,
    /// The last byte delivered was a CR: an LF right after it ends no other line.
    after_cr: bool,
}

impl LineStarts {
    fn new() -> LineStarts {
        LineStarts {
            ahead: std::collections::VecDeque::new(),
            line: 1,
            offset: 0,
            after_cr: false,
        }
    }

    fn feed(&mut self, buf: &[u8]) {
        for (i, &b) in buf.iter().enumerate() {
            // The LF of a CRLF belongs to the line after it: the csv reader
            // ends a record at the CR and may start the next at the LF.
            if b == b'\r' || (b == b'\n' && !self.after_cr) {
                self.ahead.push_back(self.offset + i as u64 + 1);
            }
            self.after_cr = b == b'\r';
        }
        self.offset += buf.len() as u64;
    }

    /// The line on which the byte at `offset` lies; offsets are asked in order.
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.ahead.front().is_some_and(|&s| s <= offset) {
            self.ahead.pop_front();
            self.line += 1;
        }
        self.line
    }
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

/// Line ends in `bytes`: LF, CRLF and a lone CR each end one line.
fn line_breaks(bytes: &[u8]) -> u64 {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let cr_alone = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + cr_alone) as u64
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
            let line = self.lines + 1 + line_breaks(&buf[..at]);
            return Err(invalid(crate::tr!(
                "line {line}: a NUL byte, which CSV text never holds (is this a binary or UTF-16 file? save it as CSV UTF-8 or GBK)",
                "第{line}行：有一个空字节，CSV 文本中不会有（这是二进制或 UTF-16 文件吗？请另存为 CSV UTF-8 或 GBK）"
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
            Some(line) if !self.after_quote => Err(invalid(crate::tr!(
                "line {line}: a quote (\") opens a cell that is never closed, so the rest of the file would be read as that one cell",
                "第{line}行：一个引号（\"）开始的单元格始终没有结束，文件其余部分都会被读成这一个单元格"
            ))),
            _ => Ok(()),
        }
    }
}

impl Decoded {
    pub(super) fn new(
        raw: HashingReader,
        mut head: Vec<u8>,
        start: usize,
        encoding: Encoding,
    ) -> Decoded {
        match encoding {
            Encoding::Utf8 => Decoded {
                raw,
                head,
                head_pos: start,
                gbk: None,
                scan: Scan::new(),
                lines: LineStarts::new(),
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
                    lines: LineStarts::new(),
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
            self.lines.feed(&buf[..n]);
        }
        Ok(n)
    }
}

impl Decoded {
    /// The physical line (from 1) on which the byte at `offset` of the text
    /// lies, as a record's position gives it; asked in increasing order.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        self.lines.line_at(offset)
    }

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
                let line = self.scan.lines + 1;
                return Err(invalid(crate::tr!(
                    "line {line}: invalid GBK/GB18030 byte sequence at byte offset {at}",
                    "第{line}行：第{at}字节处不是有效的 GBK/GB18030 字节序列"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csvio::testing::*;
    use crate::csvio::Source;

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
        // 0xFF is never valid in GB18030; detection refuses such a file, so force GBK.
        let at = 100 * 1024;
        bytes[at] = 0xFF;
        let src = source(bytes, Some(Encoding::Gbk)).unwrap();
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
        assert!(rows(source(bytes, Some(Encoding::Gbk)).unwrap()).is_err());
        // Detection refuses it, naming the line.
        let mut bytes = gbk(&big_text());
        bytes[at] = 0xFF;
        let e = source(bytes, None).err().expect("refused").to_string();
        assert!(e.contains("is neither UTF-8 nor GBK"), "{e}");
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
}
