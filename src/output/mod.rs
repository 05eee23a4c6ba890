//! Rendering rows as a table, CSV or JSON into any writer: the output
//! flags every list shares (`FileArgs`, `OutputArgs`, here), what a column
//! holds (`column`), the table and its renderers (`table`), one record as
//! JSON for `show` (`record`), and what the person's terminal allows
//! (`terminal`).

mod column;
mod record;
mod table;
mod terminal;

pub(crate) use column::{col, Column, Kind, Value, Vocab};
pub(crate) use record::{Record, ShowArgs, ShowFormat};
pub(crate) use table::Table;
pub(crate) use terminal::{alert, set_terminal, terminal, Terminal, TERMINAL_LIMIT};

use crate::csvio::{Encoding, SinkOptions};
use crate::domain::Lang;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Csv,
    Json,
}

/// Where output goes and how CSV is encoded: the flags every list, report and
/// export shares.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FileArgs {
    /// Write to FILE instead of standard output (replaced whole, never half-written).
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Text encoding of CSV output: utf8 (with a BOM, for Excel) or gbk (GB18030, for older Excel and WPS).
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub(crate) encoding: Encoding,
    /// Leave out the UTF-8 byte-order mark that tells Excel the file is UTF-8.
    #[arg(long)]
    pub(crate) no_bom: bool,
}

/// FileArgs with the choice of table, CSV or JSON.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct OutputArgs {
    /// How to print the rows.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Print at most N rows (0: all) [default: 50 in a table on a terminal, else all].
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    #[command(flatten)]
    pub(crate) file: FileArgs,
}

impl FileArgs {
    /// Standard output, or FILE, for output that is not CSV.
    pub(crate) fn to(output: Option<PathBuf>) -> FileArgs {
        FileArgs {
            output,
            encoding: Encoding::Utf8,
            no_bom: false,
        }
    }

    /// Whether the output is a terminal: standard output, not redirected.
    pub(crate) fn is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        self.output.is_none() && std::io::stdout().is_terminal()
    }

    pub(crate) fn sink_options(&self) -> SinkOptions {
        SinkOptions {
            encoding: self.encoding,
            bom: !self.no_bom,
        }
    }

    /// Runs `f` with the chosen writer: standard output, or a temporary file
    /// beside `--output` that replaces it only when everything was written.
    /// `--output` may not name the database or a file SQLite keeps beside it.
    pub(crate) fn write_with(&self, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        match &self.output {
            None => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                f(&mut lock)?;
                lock.flush()?;
                Ok(())
            }
            Some(path) => {
                if path.is_dir() {
                    let path = path.display();
                    return Err(crate::error::input(crate::tr!(
                        "{path} is a directory; give the path of a file for --output",
                        "{path} 是一个目录；请给 --output 一个文件的路径"
                    )));
                }
                let mut tmp = crate::files::Temp::beside(path, "output")?;
                {
                    let mut w = std::io::BufWriter::new(tmp.file_mut());
                    terminal::into_file(|| f(&mut w))?;
                    w.flush()?;
                }
                tmp.persist(path)
            }
        }
    }
}

impl OutputArgs {
    /// Renders a table with these options.
    pub(crate) fn render(&self, table: &Table, lang: Lang) -> Result<()> {
        let file = &self.file;
        let on_terminal =
            terminal().is_tty && file.output.is_none() && self.format == Format::Table;
        let limit = match self.limit {
            Some(0) => None,
            Some(n) => Some(n),
            None => on_terminal.then_some(TERMINAL_LIMIT),
        };
        let Some(limit) = limit.filter(|n| table.rows.len() > *n) else {
            return file.write_with(|w| table.render(w, self.format, lang, file.sink_options()));
        };
        let shown = Table {
            columns: table.columns.clone(),
            rows: table.rows[..limit].to_vec(),
        };
        file.write_with(|w| shown.render(w, self.format, lang, file.sink_options()))?;
        // On stderr, so that what stdout holds stays data.
        let more = table.rows.len() - limit;
        eprintln!(
            "{}",
            match lang {
                Lang::En => format!(
                    "… {more} more of {}; --limit 0 prints them all",
                    table.rows.len()
                ),
                Lang::Zh => format!(
                    "… 另有 {more} 条（共 {} 条）；--limit 0 显示全部",
                    table.rows.len()
                ),
            }
        );
        Ok(())
    }
}
