//! Tickets and their events, a batch of rows at a time. References are
//! looked up in codes loaded once (`refs::Codes`, which hands anything but
//! an exact code to the lookups the commands use); per batch, which ticket
//! codes are taken, or the current state of the batch's tickets, is read in
//! one query. Rows are then checked in file order against those states, by
//! the rules every event goes through (`tickets::plan`), each good row
//! moving its ticket's state on (`Current::apply`) so that the next row of
//! the same ticket sees it, as it would have seen the row written. The
//! batch's good rows are then written together (`tickets::write_events`),
//! before the next batch is read, bad rows or not: the import keeps nothing
//! unless every row was good, and each row is judged as if the rows before
//! it had been written.

use super::input::Input;
use super::records::tell;
use super::report::{tick, Report};
use super::row::{at, empty, first_time, parsed, Row};
use super::{Counts, Load, Seen};
use crate::cmd::data::{EventField as Ev, Fields, Layout, TicketField as T};
use crate::db::tickets::{self, Current, Planned};
use crate::db::{refs, TicketId};
use crate::domain::kinds::{AmendField, Level, Outcome, Satisfaction};
use crate::domain::status::{Action, Status};
use crate::error::{input_in, FieldError};
use anyhow::Result;
use chrono::NaiveDate;
use csv::StringRecord;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// Rows checked, and written, together.
const BATCH: usize = 4096;

/// The rows of a batch: `BATCH`, or `QIANQI_IMPORT_BATCH` when set (a batch
/// of one row reads every ticket afresh before its row, as the commands
/// do; the tests compare the two).
fn batch_rows() -> usize {
    std::env::var("QIANQI_IMPORT_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(BATCH)
}

/// A row read and not yet checked: its cells, where it is, and the cells a
/// worksheet could not give as text.
struct Pending {
    rec: StringRecord,
    line: u64,
    bad: Vec<(usize, String)>,
}

impl Pending {
    /// The row, with the problems found in reading it kept.
    fn row<'a, F: Fields>(&'a self, layout: &'a Layout<F>) -> Row<'a, F> {
        let row = Row::new(&self.rec, layout);
        for (pos, msg) in &self.bad {
            row.keep(layout.key_at(*pos).unwrap_or("-"), msg.clone());
        }
        row.keep_unfit();
        row
    }
}

/// The new tickets of a batch: each as its row leaves it, and their events
/// in order, by the index of their ticket.
#[derive(Default)]
struct NewTickets {
    /// The batch's codes that tickets already have.
    taken: HashMap<String, TicketId>,
    tickets: Vec<Current>,
    events: Vec<(usize, Planned)>,
}

/// The tickets a batch of events names, as its events leave them.
#[derive(Default)]
struct Open {
    by_code: HashMap<String, TicketId>,
    state: HashMap<TicketId, Current>,
    /// The tickets with an event planned, in the order of their first.
    touched: Vec<TicketId>,
    touched_set: HashSet<TicketId>,
    events: Vec<Planned>,
}

impl Open {
    /// The batch's tickets named by their exact codes, as they are now.
    fn read(db: &crate::db::Db, codes: &[&str]) -> Result<Open> {
        let mut open = Open::default();
        for cur in tickets::currents(db, codes)? {
            open.by_code.insert(cur.code.clone(), cur.id);
            open.state.insert(cur.id, cur);
        }
        Ok(open)
    }

    /// A ticket by what a row typed: an exact code of the batch, or what
    /// `refs::ticket` finds (then read as it is now, if not yet held).
    fn ticket(&mut self, db: &crate::db::Db, typed: &str) -> Result<TicketId> {
        if let Some(id) = self.by_code.get(typed.trim()) {
            return Ok(*id);
        }
        let id = refs::ticket(db, typed)?;
        if let Entry::Vacant(v) = self.state.entry(id) {
            v.insert(tickets::current(db, id)?);
        }
        Ok(id)
    }

    fn current(&self, id: TicketId) -> Result<&Current> {
        self.state.get(&id).ok_or_else(|| {
            let id = id.0;
            anyhow::anyhow!(crate::tr!(
                "ticket {id} was not read before its row",
                "问题{id}未在其所在行之前读取"
            ))
        })
    }

    /// Plans an event against its ticket and moves the ticket on.
    fn plan(&mut self, db: &crate::db::Db, e: &tickets::NewEvent, today: NaiveDate) -> Result<()> {
        let cur = self.state.get_mut(&e.ticket).ok_or_else(|| {
            let id = e.ticket.0;
            anyhow::anyhow!(crate::tr!(
                "ticket {id} was not read before its row",
                "问题{id}未在其所在行之前读取"
            ))
        })?;
        let planned = tickets::plan(db, cur, e, today)?;
        cur.apply(&planned);
        if self.touched_set.insert(e.ticket) {
            self.touched.push(e.ticket);
        }
        self.events.push(planned);
        Ok(())
    }
}

impl Load<'_> {
    /// Reads the rows a batch at a time, handing each batch to `each`; the
    /// number of rows.
    fn batches(
        &self,
        mut input: Input,
        file: &str,
        mut each: impl FnMut(&[Pending]) -> Result<()>,
    ) -> Result<i64> {
        let mut rows = 0i64;
        let mut rec = StringRecord::new();
        let size = batch_rows();
        let mut batch = Vec::with_capacity(size);
        while let Some(next) = input.next(&mut rec, file)? {
            rows += 1;
            tick(self.bar, &rec, rows as u64);
            batch.push(Pending {
                rec: rec.clone(),
                line: next.line,
                bad: next.bad,
            });
            if batch.len() == size {
                each(&batch)?;
                batch.clear();
            }
        }
        if !batch.is_empty() {
            each(&batch)?;
        }
        Ok(rows)
    }

    /// Tickets: each row checked (its code against the file's earlier rows
    /// and the tickets there are), then the batch's tickets inserted with
    /// their collections and the changes that led to their current status.
    pub(super) fn tickets(
        &self,
        layout: &Layout<T>,
        input: Input,
        file: &str,
        report: &mut Report,
    ) -> Result<Counts> {
        let codes = &self.codes;
        let mut seen = Seen::new(report.place());
        let rows = self.batches(input, file, |batch| {
            let typed: Vec<String> = batch
                .iter()
                .filter_map(|p| Row::new(&p.rec, layout).req(T::Code).ok())
                .collect();
            let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
            let mut new = NewTickets {
                taken: tickets::taken_codes(self.tx, &typed)?,
                ..NewTickets::default()
            };
            for p in batch {
                let row = p.row(layout);
                // A code twice in one file names the earlier line, not the database.
                if let Some(code) = row.check(row.req(T::Code)) {
                    row.check(first_time(&mut seen, T::Code, &code, p.line));
                }
                if let Err(e) = self.ticket(codes, &mut new, &row) {
                    tell(report, p.line, e)?;
                }
            }
            let ids = tickets::insert_batch(self.tx, &new.tickets, Some(self.import))?;
            let mut events: Vec<Planned> = new
                .events
                .into_iter()
                .map(|(i, mut e)| {
                    e.ticket = ids[i];
                    e
                })
                .collect();
            tickets::write_events(self.tx, &mut events, &[], false)
        })?;
        Ok(Counts {
            rows,
            ..Counts::default()
        })
    }

    fn ticket(&self, codes: &refs::Codes, new: &mut NewTickets, row: &Row<T>) -> Result<()> {
        let code = row.check(row.req(T::Code));
        let enterprise = row.check(
            row.req(T::Enterprise)
                .and_then(|e| at(T::Enterprise, codes.enterprise(self.tx, &e))),
        );
        let cadre = row.check(
            row.req(T::Cadre)
                .and_then(|c| at(T::Cadre, codes.cadre(self.tx, &c))),
        );
        let collected_on = row.check(self.past_date_req(
            row,
            T::CollectedOn,
            &crate::tr!("collection date", "收集日期"),
        ));
        let category = row.opt(T::Category).unwrap_or_default();
        let summary = row.raw(T::Summary);
        let department = row.check(
            row.opt(T::Department)
                .map(|d| at(T::Department, codes.unit(self.tx, &d)))
                .transpose(),
        );
        let due_on = row.check(row.date(T::DueOn));
        let status = row.check(
            row.opt(T::Status)
                .map(|s| parsed(T::Status, Status::parse(&s)))
                .transpose(),
        );
        let status_on = row.check(row.date(T::StatusOn));
        let (code, enterprise, cadre, collected_on, department, due_on, status, status_on) = row
            .done((
                code,
                enterprise,
                cadre,
                collected_on,
                department,
                due_on,
                status,
                status_on,
            ))?;
        let t = tickets::NewTicket {
            code: &code,
            enterprise,
            cadre,
            collected_on,
            category: &category,
            summary: &summary,
            department,
            due_on,
            import: Some(self.import),
        };
        tickets::check_new(&t)?;
        if new.taken.contains_key(&code) {
            return Err(tickets::code_taken(&code));
        }
        let mut cur = Current::fresh(&t);
        let index = new.tickets.len();
        let collected = Planned::collected(&t, cur.id);
        let Some(status) = status.filter(|s| *s != Status::Collected) else {
            new.tickets.push(cur);
            new.events.push((index, collected));
            return Ok(());
        };
        let Some(on) = status_on else {
            let status = status.word();
            return Err(input_in(
                T::StatusOn.key(),
                crate::tr!(
                    "\"\" is empty; a ticket that is {status} needs the day it became so",
                    "此处为空；状态为{status}的问题须写明变为该状态的日期"
                ),
            ));
        };
        // The ledger's current state stands for the one change that led to it, made by the collector.
        let event = tickets::NewEvent {
            ticket: cur.id,
            on,
            status: Some(status),
            action: None,
            actor: cadre,
            note: "",
            meeting: None,
            import: Some(self.import),
            details: tickets::Details::default(),
        };
        let changed = tickets::plan(self.tx, &cur, &event, self.today).map_err(|e| match e
            .downcast::<FieldError>(
        ) {
            Ok(f) if f.field == "on" => input_in(T::StatusOn.key(), f.msg),
            Ok(f) => f.into(),
            Err(e) => e,
        })?;
        cur.apply(&changed);
        new.tickets.push(cur);
        new.events.push((index, collected));
        new.events.push((index, changed));
        Ok(())
    }

    /// Events: the batch's tickets read as they are, each row checked
    /// against its ticket as the rows before it left it, then the batch's
    /// events written.
    pub(super) fn events(
        &self,
        layout: &Layout<Ev>,
        input: Input,
        file: &str,
        report: &mut Report,
    ) -> Result<Counts> {
        let codes = &self.codes;
        let deadlines = tickets::Deadlines::load(self.tx)?;
        let rows = self.batches(input, file, |batch| {
            let typed: Vec<String> = batch
                .iter()
                .filter_map(|p| Row::new(&p.rec, layout).req(Ev::Ticket).ok())
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
            let mut open = Open::read(self.tx, &typed)?;
            for p in batch {
                let row = p.row(layout);
                if let Err(e) = self.event(codes, &deadlines, &mut open, &row) {
                    tell(report, p.line, e)?;
                }
            }
            let Open {
                state,
                touched,
                mut events,
                ..
            } = open;
            let after: Vec<&Current> = touched.iter().filter_map(|id| state.get(id)).collect();
            tickets::write_events(self.tx, &mut events, &after, true)
        })?;
        Ok(Counts {
            rows,
            ..Counts::default()
        })
    }

    fn event(
        &self,
        codes: &refs::Codes,
        deadlines: &tickets::Deadlines,
        open: &mut Open,
        row: &Row<Ev>,
    ) -> Result<()> {
        let ticket = row.check(
            row.req(Ev::Ticket)
                .and_then(|t| at(Ev::Ticket, open.ticket(self.tx, &t))),
        );
        let action = row.check(
            row.opt(Ev::Action)
                .map(|a| parsed(Ev::Action, Action::parse(&a)))
                .transpose(),
        );
        let status = row.check(
            row.opt(Ev::Status)
                .map(|s| parsed(Ev::Status, Status::parse(&s)))
                .transpose(),
        );
        if let (Some(None), Some(None)) = (action, status) {
            row.check::<()>(Err(input_in(
                Ev::Status.key(),
                crate::tr!(
                    "\"\" is empty; an event names its action or the status it led to",
                    "此处为空；办理记录须写明事项，或办理后的状态"
                ),
            )));
        }
        let actor = row.check(
            row.req(Ev::By)
                .and_then(|b| at(Ev::By, codes.cadre(self.tx, &b))),
        );
        let on = row.check(row.date(Ev::On));
        let meeting = row.check(match row.opt(Ev::Meeting) {
            None => Ok(None),
            Some(m) => at(Ev::Meeting, codes.meeting(self.tx, &m)).map(Some),
        });
        let (ticket, action, status, actor, on, meeting) =
            row.done((ticket, action, status, actor, on, meeting))?;
        let on = match (meeting, on) {
            (Some((_, held)), on) => {
                let to = status.unwrap_or(Status::Resolved);
                crate::domain::status::meeting_day(on, held, to)?
            }
            (None, Some(on)) => on,
            (None, None) => return Err(empty(Ev::On).into()),
        };
        let note = row.raw(Ev::Note);
        let current = open.current(ticket)?;
        let (code, category) = (current.code.clone(), current.category.clone());
        let details = self.event_details(codes, deadlines, row, (&code, &category), action, on)?;
        let event = tickets::NewEvent {
            ticket,
            on,
            status,
            action,
            actor,
            note: &note,
            meeting: meeting.map(|(id, _)| id),
            import: Some(self.import),
            details,
        };
        open.plan(self.tx, &event, self.today)
    }

    /// What a row of the loop carries: department, co-handlers, due date
    /// (for an assignment without one, the deadline of the ticket's
    /// category), level, follow-up answers, reason, amended field.
    fn event_details(
        &self,
        codes: &refs::Codes,
        deadlines: &tickets::Deadlines,
        row: &Row<Ev>,
        (ticket, category): (&str, &str),
        action: Option<Action>,
        on: NaiveDate,
    ) -> Result<tickets::Details> {
        let department = row
            .opt(Ev::Department)
            .map(|d| at(Ev::Department, codes.unit(self.tx, &d)))
            .transpose()?;
        // Split as `--with` is, on commas too: the export joins the codes with commas.
        let cell = row.raw(Ev::With);
        let typed: Vec<&str> = crate::domain::list_items(&cell).collect();
        let with = at(
            Ev::With,
            tickets::co_handlers(self.tx, ticket, department, &typed),
        )?;
        let mut due_on = row.date(Ev::DueOn)?;
        if action == Some(Action::Assign) && due_on.is_none() {
            due_on = Some(deadlines.due(category, on));
        }
        let level = row
            .opt(Ev::Level)
            .map(|l| parsed(Ev::Level, Level::parse(&l)))
            .transpose()?;
        let outcome = row
            .opt(Ev::Outcome)
            .map(|o| parsed(Ev::Outcome, Outcome::parse(&o)))
            .transpose()?;
        let satisfaction = row
            .opt(Ev::Satisfaction)
            .map(|s| parsed(Ev::Satisfaction, Satisfaction::parse(&s)))
            .transpose()?;
        let amend = match row.opt(Ev::Field) {
            None => None,
            Some(f) => Some(tickets::Amendment {
                field: parsed(Ev::Field, AmendField::parse(&f))?,
                new: row.raw(Ev::New).into_owned(),
            }),
        };
        Ok(tickets::Details {
            department,
            with,
            due_on,
            level,
            outcome,
            satisfaction,
            reason: row.raw(Ev::Reason).into_owned(),
            amend,
        })
    }
}
