//! Recording events on a ticket: one transaction per command, which may
//! append several events of one day (an assignment and its acceptance, or
//! one amendment per corrected field).

use crate::cmd::{actor, done, parse_date, Ctx};
use crate::db::{refs, tickets, TicketId, Tx};
use crate::domain::date;
use crate::domain::status::{self, Action};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use tickets::Details;

/// What every event takes.
#[derive(Debug, Args)]
pub(crate) struct Change {
    /// Ticket code.
    code: String,
    /// Day of the event [default: today].
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    on: Option<NaiveDate>,
    /// Who records it: a cadre code.
    #[arg(long, env = "QIANQI_USER", value_name = "CODE")]
    by: Option<String>,
    /// Free-text note kept with the event.
    #[arg(long, default_value = "")]
    note: String,
}

impl Change {
    /// A change of status, perhaps at a meeting.
    pub(crate) fn status(self, ctx: &Ctx, action: Action, meeting: Option<String>) -> Result<()> {
        self.record(ctx, meeting, move |_, _, _| {
            Ok(vec![(action, Details::default())])
        })
    }

    /// Appends the events `build` makes for the ticket and the day, in one
    /// transaction.
    pub(crate) fn record(
        self,
        ctx: &Ctx,
        meeting: Option<String>,
        build: impl FnOnce(&Tx, TicketId, NaiveDate) -> Result<Vec<(Action, Details)>>,
    ) -> Result<()> {
        let by = actor(&self.by)?;
        let today = ctx.today()?;
        let db = ctx.open()?;
        let tx = db.write()?;
        let ticket = refs::ticket(&tx, &self.code)?;
        let actor = refs::cadre(&tx, &by)?;
        let meeting = match meeting {
            None => None,
            Some(m) => {
                let id = refs::meeting(&tx, &m)?;
                Some((id, tickets::meeting_held_on(&tx, id)?))
            }
        };
        let events = build(&tx, ticket, self.on.unwrap_or(today))?;
        let mut last = None;
        for (action, details) in events {
            let on = match meeting {
                Some((_, held)) => {
                    let to = action.result(crate::domain::status::Status::Collected);
                    status::meeting_day(self.on, held, to)?
                }
                None => self.on.unwrap_or(today),
            };
            let event = tickets::NewEvent {
                ticket,
                on,
                action: Some(action),
                status: None,
                actor,
                note: &self.note,
                meeting: meeting.map(|(id, _)| id),
                import: None,
                details,
            };
            tickets::append_event(&tx, &event, today)?;
            last = Some((action, on));
        }
        let t = tickets::detail(&tx, ticket)?;
        tx.commit()?;
        let code = self.code.trim();
        if let Some((action, on)) = last {
            let on = date::iso(on);
            if action.changes_status() {
                let st = crate::domain::status::Status::parse(&t.status)
                    .map_or(t.status.clone(), |s| s.word().to_string());
                done(crate::tr!(
                    "ticket {code} is now {st} ({on})",
                    "问题{code}的状态现为{st}（{on}）"
                ));
            } else {
                let (past, verb) = (action.past(), action.verb());
                done(crate::tr!(
                    "ticket {code} {past} ({on})",
                    "问题{code}已{verb}（{on}）"
                ));
            }
        }
        Ok(())
    }
}
