//! CSV written for people: UTF-8 with a BOM or GB18030, CRLF line ends.

use std::io::{self, Write};

use super::{Encoding, BUF_SIZE, UTF8_BOM};

/// Options for CSV written for people (reports, exports).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SinkOptions {
    pub(crate) encoding: Encoding,
    pub(crate) bom: bool,
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
pub(crate) fn sink<W: Write>(out: W, opts: SinkOptions) -> csv::Writer<Encoded<W>> {
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
pub(crate) struct Encoded<W> {
    inner: W,
    /// The BOM is written lazily because sink() cannot report an I/O error.
    bom_pending: bool,
    gbk: Option<Box<GbkEncoder>>,
}

impl<W: Write> Encoded<W> {
    /// The underlying writer (after a flush everything written has reached it).
    #[cfg(test)]
    pub(crate) fn get_ref(&self) -> &W {
        &self.inner
    }

    fn write_bom(&mut self) -> io::Result<()> {
        if self.bom_pending {
            self.inner.write_all(UTF8_BOM)?;
            self.bom_pending = false;
        }
        Ok(())
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
                crate::tr!(
                    "character {c:?} cannot be encoded in GB18030",
                    "字符{c:?}无法用 GB18030 编码"
                ),
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
    io::Error::new(
        io::ErrorKind::InvalidInput,
        crate::tr!("output is not valid UTF-8", "输出不是有效的 UTF-8"),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csvio::testing::*;
    use crate::csvio::UTF8_BOM;

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
}
