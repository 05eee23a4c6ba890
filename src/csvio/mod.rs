//! CSV input and output in the forms Excel and WPS on Chinese Windows exchange:
//! UTF-8 (with or without BOM) or GBK/GB18030, CRLF line ends, and cells that
//! must survive a spreadsheet unchanged (formula guard, identifier marking).
//!
//! Reading: [`Source`] opens a file or stdin, detects its encoding and its
//! delimiter (comma, tab or semicolon) and hands a csv reader over the
//! decoded text (`source`, `decode`, `delimiter`). Writing: [`sink`]
//! gives a csv writer that encodes as asked (`sink`). A cell crosses a
//! spreadsheet intact through the guard and identifier marking (`cell`), and
//! list and yes/no cells are read by `parse`.

mod cell;
mod decode;
mod delimiter;
mod detect;
mod parse;
mod sink;
mod source;

#[cfg(test)]
mod testing;

pub(crate) use cell::export_code;
pub use cell::{export_id, guard, import_cell, unguard};
pub use decode::Decoded;
pub(crate) use parse::{list_items, parse_bool, split_list};
pub(crate) use sink::{sink, Encoded, SinkOptions};
pub(crate) use source::read_error_message;
pub use source::{ContentHash, Source};

/// Size of the I/O buffers: large enough that per-call overhead (hash lock,
/// decoder call) vanishes against the work on 100+ MB files.
const BUF_SIZE: usize = 256 * 1024;
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
