//! `qianqi export <kind>`: the canonical columns of `import`, so that an
//! export imported into an empty database reproduces it.

use super::data::DataKind;
use super::Ctx;
use crate::csvio;
use crate::domain::kinds::Tasks;
use crate::domain::Lang;
use crate::output::{FileArgs, Kind, Value};
use anyhow::Result;
use clap::Args;
use std::io::Write;

/// The arguments of `qianqi export`; its help text is on the command in cli.rs.
#[derive(Debug, Args)]
#[command(
    after_help = "To copy a whole database, export and import in this order:
  units, cadres, enterprises, pairings, meetings, visits, tickets, events
(tickets come without their later history, which is in events).

Examples:
  qianqi export enterprises -o 企业名单.csv
  qianqi --lang zh export visits --encoding gbk -o 走访记录.csv"
)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    kind: DataKind,
    #[command(flatten)]
    file: FileArgs,
}

/// The query for each kind, its columns in `DataKind::fields` order, oldest record first.
fn query(kind: DataKind) -> &'static str {
    match kind {
        DataKind::Units => "SELECT code, name, kind FROM units ORDER BY id",
        DataKind::Cadres => {
            "SELECT c.code, c.name, u.code, c.rank, c.phone
             FROM cadres c JOIN units u ON u.id = c.unit_id ORDER BY c.id"
        }
        DataKind::Enterprises => {
            "SELECT e.uscc, e.name, u.code, e.chain, CASE e.key WHEN 1 THEN 'yes' ELSE 'no' END
             FROM enterprises e JOIN units u ON u.id = e.town_id ORDER BY e.id"
        }
        DataKind::Pairings => {
            "SELECT c.code, e.uscc, p.tier, p.started_on, p.ended_on
             FROM pairings p JOIN cadres c ON c.id = p.cadre_id JOIN enterprises e ON e.id = p.enterprise_id
             ORDER BY p.id"
        }
        DataKind::Meetings => {
            "SELECT m.code, m.held_on, m.title,
                    (SELECT group_concat(c.code, ';') FROM meeting_cadres mc JOIN cadres c ON c.id = mc.cadre_id
                      WHERE mc.meeting_id = m.id)
             FROM meetings m ORDER BY m.id"
        }
        DataKind::Visits => {
            "SELECT c.code, e.uscc, v.visited_on, v.kind, v.people, v.tasks, v.note,
                    CASE v.unpaired WHEN 1 THEN 'yes' ELSE 'no' END
             FROM visits v JOIN cadres c ON c.id = v.cadre_id JOIN enterprises e ON e.id = v.enterprise_id
             ORDER BY v.id"
        }
        DataKind::Tickets => {
            "SELECT t.code, e.uscc, c.code, t.collected_on, t.category, t.summary, d.code, t.due_on
             FROM tickets t JOIN enterprises e ON e.id = t.enterprise_id JOIN cadres c ON c.id = t.cadre_id
             LEFT JOIN units d ON d.id = t.department_id ORDER BY t.id"
        }
        // Every change after the collection, which the tickets file implies.
        DataKind::Events => {
            "SELECT t.code, ev.on_date, ev.status, c.code, ev.note, m.code
             FROM ticket_events ev JOIN tickets t ON t.id = ev.ticket_id JOIN cadres c ON c.id = ev.actor_id
             LEFT JOIN meetings m ON m.id = ev.meeting_id
             WHERE ev.id > (SELECT min(f.id) FROM ticket_events f WHERE f.ticket_id = ev.ticket_id)
             ORDER BY ev.id"
        }
    }
}

impl ExportArgs {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        let conn = ctx.open()?;
        let (kind, lang, file) = (self.kind, ctx.lang, &self.file);
        file.write_with(|w| write(&conn, kind, lang, w, file.sink_options()))
    }
}

/// Streams one kind's rows into `w` as CSV.
pub fn write(
    conn: &rusqlite::Connection,
    kind: DataKind,
    lang: Lang,
    w: &mut dyn Write,
    opts: csvio::SinkOptions,
) -> Result<()> {
    let fields: Vec<_> = kind.fields().iter().filter(|f| f.exported).collect();
    let mut out = csvio::sink(w, opts);
    out.write_record(fields.iter().map(|f| lang.pick(f.key, f.zh[0])))?;
    let mut stmt = conn.prepare(query(kind))?;
    let mut rows = stmt.query([])?;
    let mut cells: Vec<String> = Vec::with_capacity(fields.len());
    while let Some(r) = rows.next()? {
        cells.clear();
        for (i, f) in fields.iter().enumerate() {
            let text = match r.get::<_, Value>(i)? {
                Value::Int(bits) if kind == DataKind::Visits && f.key == "tasks" => {
                    Tasks(bits).join(Lang::En)
                }
                Value::Int(n) => n.to_string(),
                Value::Text(s) => s,
                Value::Null => String::new(),
            };
            cells.push(match f.kind {
                Kind::Text => csvio::guard(&text).into_owned(),
                Kind::Id => csvio::export_id(&text).into_owned(),
                Kind::Plain | Kind::Vocab(_) => text,
            });
        }
        out.write_record(&cells)?;
    }
    out.flush()?;
    Ok(())
}
