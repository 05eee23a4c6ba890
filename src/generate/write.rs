//! The eight CSV files of a generated campaign, their headers taken from the
//! field table of each kind so that `import` reads them as they are.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cmd::data::DataKind;

/// The columns the generator leaves out of `kind`'s file, each of which an
/// importer reads as absent: no enterprise has a short name; every
/// generated visit follows the start of its pairing and none is voided; no
/// ticket has co-handling units (协办) and none is corrected (更正).
fn left_out(kind: DataKind) -> &'static [&'static str] {
    match kind {
        DataKind::Enterprises => &["short_name"],
        DataKind::Visits => &["unpaired", "voided_on", "void_reason"],
        DataKind::Events => &["with", "field", "old", "new"],
        _ => &[],
    }
}

/// The columns the generator fills for `kind`: those `export` writes, in
/// the canonical order, but for the ones it never sets.
fn columns(kind: DataKind) -> Vec<&'static str> {
    kind.fields()
        .iter()
        .filter(|f| f.exported && !left_out(kind).contains(&f.key))
        .map(|f| f.key)
        .collect()
}

/// One generated file: the canonical import format, UTF-8 without BOM, LF
/// line ends.
pub(super) struct Sheet {
    csv: csv::Writer<BufWriter<File>>,
    columns: Vec<&'static str>,
}

impl Sheet {
    fn create(dir: &Path, kind: DataKind) -> Result<Sheet> {
        let path = dir.join(format!("{kind}.csv"));
        crate::files::refuse_database(&path)?;
        let shown = path.display();
        let file = File::create(&path)
            .with_context(|| crate::tr!("cannot create {shown}", "无法创建 {shown}"))?;
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(BufWriter::with_capacity(1 << 16, file));
        let columns = columns(kind);
        csv.write_record(&columns)?;
        Ok(Sheet { csv, columns })
    }

    /// Writes one row, each cell named by its column: a cell named for
    /// another column than the header's at its place is a bug caught here.
    pub(super) fn row<const N: usize>(&mut self, cells: [(&str, &str); N]) -> Result<()> {
        debug_assert!(
            cells.iter().map(|c| c.0).eq(self.columns.iter().copied()),
            "row {:?} does not follow the header {:?}",
            cells.map(|c| c.0),
            self.columns
        );
        self.csv.write_record(cells.iter().map(|c| c.1))?;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let failed = |e: &std::io::Error| {
            let why = crate::error::io_reason(e);
            anyhow::anyhow!(crate::tr!(
                "cannot flush CSV output: {why}",
                "无法写完 CSV 输出：{why}"
            ))
        };
        self.csv
            .into_inner()
            .map_err(|e| failed(e.error()))?
            .into_inner()
            .map_err(|e| failed(e.error()))?;
        Ok(())
    }
}

/// The files of one campaign, one per kind.
pub(super) struct Out {
    pub(super) units: Sheet,
    pub(super) cadres: Sheet,
    pub(super) enterprises: Sheet,
    pub(super) pairings: Sheet,
    pub(super) visits: Sheet,
    pub(super) meetings: Sheet,
    pub(super) tickets: Sheet,
    pub(super) events: Sheet,
}

impl Out {
    pub(super) fn create(dir: &Path) -> Result<Out> {
        Ok(Out {
            units: Sheet::create(dir, DataKind::Units)?,
            cadres: Sheet::create(dir, DataKind::Cadres)?,
            enterprises: Sheet::create(dir, DataKind::Enterprises)?,
            pairings: Sheet::create(dir, DataKind::Pairings)?,
            visits: Sheet::create(dir, DataKind::Visits)?,
            meetings: Sheet::create(dir, DataKind::Meetings)?,
            tickets: Sheet::create(dir, DataKind::Tickets)?,
            events: Sheet::create(dir, DataKind::Events)?,
        })
    }

    pub(super) fn flush(self) -> Result<()> {
        for sheet in [
            self.units,
            self.cadres,
            self.enterprises,
            self.pairings,
            self.visits,
            self.meetings,
            self.tickets,
            self.events,
        ] {
            sheet.finish()?;
        }
        Ok(())
    }
}
