//! `qianqi meeting add|list`

use super::{done, parse_date, split_codes, Ctx};
use crate::db::refs;
use crate::domain::date;
use crate::error::input;
use crate::output::{col, Column, Kind, OutputArgs, Table};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use rusqlite::params;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Record a meeting (座谈会) and the cadres who attended.
    Add {
        /// Short code, e.g. M001.
        code: String,
        /// Title, e.g. 古南街道助企干部座谈会.
        #[arg(long)]
        title: String,
        /// Day it was held [default: today].
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
        /// Codes of the attending cadres, separated by , ; or 、
        #[arg(long, value_name = "CODES", value_parser = |s: &str| Ok::<_, String>(split_codes(s)))]
        cadres: Vec<Vec<String>>,
    },
    /// List meetings with attendance and the tickets resolved at each.
    List {
        /// First day, included.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last day, included.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        to: Option<NaiveDate>,
        /// Only meetings this cadre attended (code).
        #[arg(long)]
        cadre: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
}

pub const COLUMNS: [Column; 5] = [
    col("code", "编号", Kind::Text),
    col("held_on", "日期", Kind::Plain),
    col("title", "名称", Kind::Text),
    col("cadres", "参会干部数", Kind::Plain),
    col("tickets_resolved", "会上解决问题数", Kind::Plain),
];

impl Cmd {
    pub fn run(self, ctx: &Ctx) -> Result<()> {
        match self {
            Cmd::Add {
                code,
                title,
                on,
                cadres,
            } => {
                let on = ctx.on_or_today(on, "meeting date")?;
                let code = code.trim();
                if code.is_empty() {
                    return Err(input("a meeting needs a code"));
                }
                let conn = ctx.open()?;
                let tx = conn.write()?;
                let n = tx.execute(
                    "INSERT INTO meetings (code, held_on, title) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
                    params![code, date::iso(on), title.trim()],
                )?;
                if n == 0 {
                    return Err(input(format!(
                        "a meeting with code {code:?} already exists"
                    )));
                }
                let meeting = tx.last_insert_rowid();
                let codes: Vec<String> = cadres.into_iter().flatten().collect();
                for c in &codes {
                    let cadre = refs::cadre(&tx, c)?;
                    tx.execute(
                        "INSERT OR IGNORE INTO meeting_cadres (meeting_id, cadre_id) VALUES (?1, ?2)",
                        params![meeting, cadre],
                    )?;
                }
                tx.commit()?;
                done(format!(
                    "added meeting {code} on {} with {} cadres",
                    date::iso(on),
                    codes.len()
                ));
                Ok(())
            }
            Cmd::List {
                from,
                to,
                cadre,
                out,
            } => {
                let conn = ctx.open()?;
                let cadre = cadre.map(|c| refs::cadre(&conn, &c)).transpose()?;
                let t = Table::query(
                    &COLUMNS,
                    &conn,
                    "SELECT m.code, m.held_on, m.title,
                            (SELECT count(*) FROM meeting_cadres mc WHERE mc.meeting_id = m.id),
                            (SELECT count(DISTINCT ev.ticket_id) FROM ticket_events ev
                              WHERE ev.meeting_id = m.id AND ev.status = 'resolved')
                     FROM meetings m
                     WHERE (?1 IS NULL OR m.held_on >= ?1) AND (?2 IS NULL OR m.held_on <= ?2)
                       AND (?3 IS NULL OR EXISTS (SELECT 1 FROM meeting_cadres mc
                                                  WHERE mc.meeting_id = m.id AND mc.cadre_id = ?3))
                     ORDER BY m.held_on, m.code",
                    &[&from.map(date::iso), &to.map(date::iso), &cadre],
                )?;
                out.render(&t, ctx.lang)
            }
        }
    }
}
