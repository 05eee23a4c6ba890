//! The registry, meetings, categories and calendar days: each row is
//! checked and written in turn, by the same functions as the single-record
//! commands, so a row sees the rows before it (pairing rules, duplicate
//! codes).

use super::input::Input;
use super::report::{tick, Report};
use super::row::{at, empty, first_time, parsed, Row, RowErrors};
use super::{Counts, Load, Seen, Wrote};
use crate::cmd::data::{
    CadreField as C, EnterpriseField as E, Fields, Layout, MeetingField as M, PairingField as P,
    UnitField as U,
};
use crate::csvio;
use crate::db::cadres::{self, CadreChange, NewCadre};
use crate::db::enterprises::{self, EnterpriseChange, NewEnterprise};
use crate::db::meetings::{self, NewMeeting};
use crate::db::pairings::{self, NewPairing};
use crate::db::units::{self, NewUnit};
use crate::db::CadreId;
use crate::domain::kinds::{Tier, UnitKind};
use crate::domain::rules;
use crate::domain::uscc::Uscc;
use crate::error::{input, input_in, is_input, FieldError};
use anyhow::Result;
use chrono::NaiveDate;
use csv::StringRecord;

/// Reports the problems of a bad row; an error that is not the row's
/// fault (the database) is handed back, and stops the import.
pub(super) fn tell(report: &mut Report, line: u64, e: anyhow::Error) -> Result<()> {
    match e.downcast::<RowErrors>() {
        Ok(all) => report.bad_row(line, all.0.into_iter().map(|f| (f.field, f.msg))),
        Err(e) => match e.downcast::<FieldError>() {
            Ok(f) => report.bad_row(line, [(f.field, f.msg)]),
            Err(e) if is_input(&e) => report.bad_row(line, [("-", crate::error::chain(&e))]),
            Err(e) => return Err(e),
        },
    }
    Ok(())
}

impl Load<'_> {
    /// Reads every row and hands it to `write`; a bad row is reported and
    /// the next one read.
    pub(super) fn rows<F: Fields>(
        &self,
        layout: &Layout<F>,
        mut input: Input,
        file: &str,
        report: &mut Report,
        write: impl Fn(&Load, &Row<F>, u64, &mut Seen) -> Result<Wrote>,
    ) -> Result<Counts> {
        let mut counts = Counts::default();
        let mut seen = Seen::new(report.place());
        let mut rec = StringRecord::new();
        while let Some(next) = input.next(&mut rec, file)? {
            counts.rows += 1;
            tick(self.bar, &rec, counts.rows as u64);
            let line = next.line;
            let row = Row::new(&rec, layout);
            for (pos, msg) in next.bad {
                row.keep(layout.key_at(pos).unwrap_or("-"), msg);
            }
            row.keep_unfit();
            match write(self, &row, line, &mut seen) {
                Ok(wrote) => counts.add(wrote),
                Err(e) => tell(report, line, e)?,
            }
        }
        Ok(counts)
    }

    /// A registry record whose `add` found its code taken: the same in
    /// every column the file has, it is already present; else, with
    /// --upsert, those columns are updated, and without it the row is refused.
    fn registry(
        &self,
        what: &str,
        code: &str,
        added: bool,
        same: impl FnOnce() -> Result<bool>,
        update: impl FnOnce() -> Result<()>,
    ) -> Result<Wrote> {
        if added {
            return Ok(Wrote::Added);
        }
        if same()? {
            return Ok(Wrote::Present);
        }
        if !self.upsert {
            return Err(input(crate::tr!(
                "{what} {code:?} already exists with other values; pass --upsert to update existing records",
                "{what}{code:?}已存在，但内容不同；要更新已有记录，请加 --upsert"
            )));
        }
        update()?;
        Ok(Wrote::Updated)
    }

    pub(super) fn unit(&self, row: &Row<U>, line: u64, seen: &mut Seen) -> Result<Wrote> {
        let code = row.check(row.req(U::Code));
        let name = row.check(row.req(U::Name));
        let kind = row.check(
            row.req(U::Kind)
                .and_then(|k| parsed(U::Kind, UnitKind::parse(&k))),
        );
        let (code, name, kind) = row.done((code, name, kind))?;
        first_time(seen, U::Code, &code, line)?;
        if kind != UnitKind::Town {
            let located = units::enterprises_located(self.tx, &code)?;
            if located > 0 {
                let given = kind.word();
                return Err(input_in(
                    U::Kind.key(),
                    crate::tr!(
                        "{kind:?}: unit {code} is the town of {located} enterprises, so it stays a town",
                        "{given:?}：单位{code}是{located}家企业的所在街镇，因此仍须是街镇"
                    ),
                ));
            }
        }
        let u = NewUnit {
            code: &code,
            name: &name,
            kind,
        };
        let added = units::add(self.tx, &u)?;
        at(
            U::Code,
            self.registry(
                &crate::tr!("a unit with code", "单位"),
                &code,
                added,
                || {
                    let held = units::by_code(self.tx, &code)?;
                    Ok(held.is_some_and(|(n, k)| n == name && k == kind.as_str()))
                },
                || units::update(self.tx, &u),
            ),
        )
    }

    pub(super) fn cadre(&self, row: &Row<C>, line: u64, seen: &mut Seen) -> Result<Wrote> {
        let code = row.check(row.req(C::Code));
        let name = row.check(row.req(C::Name));
        let unit = row.check(
            row.req(C::Unit)
                .and_then(|u| at(C::Unit, self.codes.unit(self.tx, &u))),
        );
        let rank = row.opt(C::Rank).unwrap_or_default();
        let phone = row.raw(C::Phone);
        let phone = row.check(rules::phone(C::Phone.key(), &phone).map_err(Into::into));
        let (code, name, unit, phone) = row.done((code, name, unit, phone))?;
        first_time(seen, C::Code, &code, line)?;
        let c = NewCadre {
            code: &code,
            name: &name,
            unit,
            rank: &rank,
            phone,
        };
        let added = cadres::add(self.tx, &c)?;
        // An upsert changes the columns the file has, and only those.
        let change = CadreChange {
            name: Some(&name),
            unit: Some(unit),
            rank: row.has(C::Rank).then_some(rank.as_str()),
            phone: row.has(C::Phone).then_some(phone),
        };
        at(
            C::Code,
            self.registry(
                &crate::tr!("a cadre with code", "干部"),
                &code,
                added,
                || {
                    let held = cadres::by_code(self.tx, &code)?;
                    Ok(held.is_some_and(|(n, u, r, p)| {
                        change.name == Some(&n)
                            && change.unit == Some(u)
                            && change.rank.is_none_or(|x| x == r)
                            && change.phone.is_none_or(|x| x == p)
                    }))
                },
                || cadres::update(self.tx, &code, &change),
            ),
        )
    }

    pub(super) fn enterprise(&self, row: &Row<E>, line: u64, seen: &mut Seen) -> Result<Wrote> {
        let uscc = row.check(row.req(E::Uscc).and_then(|given| {
            Uscc::parse(&given).map_err(|e| {
                input_in(
                    E::Uscc.key(),
                    crate::tr!(
                        "unified social credit code {given:?} {e}",
                        "统一社会信用代码{given:?}{e}"
                    ),
                )
            })
        }));
        let name = row.check(row.req(E::Name));
        let town = row.check(row.req(E::Town).and_then(|t| {
            at(
                E::Town,
                self.codes.unit_of_kind(self.tx, &t, UnitKind::Town),
            )
        }));
        let chain = row.opt(E::Chain).unwrap_or_default();
        let key = row.check(row.bool(E::Key).map_err(Into::into));
        // Files written before short names were exported have no such column.
        let short = row.check(
            rules::short_name(E::ShortName.key(), &row.raw(E::ShortName))
                .map(|s| s.map(String::from))
                .map_err(Into::into),
        );
        let (uscc, name, town, key, short) = row.done((uscc, name, town, key, short))?;
        first_time(seen, E::Uscc, uscc.as_str(), line)?;
        let e = NewEnterprise {
            uscc: uscc.as_str(),
            name: &name,
            town,
            chain: &chain,
            key,
        };
        let added = enterprises::add(self.tx, &e)?;
        // An upsert changes the columns the file has, and only those.
        let change = EnterpriseChange {
            name: Some(&name),
            town: Some(town),
            chain: row.has(E::Chain).then_some(chain.as_str()),
            key: row.has(E::Key).then_some(key),
        };
        let has_short = row.has(E::ShortName);
        let wrote = at(
            E::Uscc,
            self.registry(
                &crate::tr!("an enterprise with code", "企业"),
                uscc.as_str(),
                added,
                || {
                    let held = enterprises::by_uscc(self.tx, uscc.as_str())?;
                    Ok(held.is_some_and(|h| {
                        change.name == Some(&h.name)
                            && change.town == Some(h.town)
                            && change.chain.is_none_or(|x| x == h.chain)
                            && change.key.is_none_or(|x| x == h.key)
                            && (!has_short || h.short_name == short)
                    }))
                },
                || enterprises::update(self.tx, uscc.as_str(), &change),
            ),
        )?;
        // Added with its short name, or updated to the file's (an empty cell takes it away).
        if has_short && (wrote == Wrote::Updated || short.is_some()) && wrote != Wrote::Present {
            let held = enterprises::by_uscc(self.tx, uscc.as_str())?;
            if let Some(h) = held {
                crate::cmd::enterprise::set_short(self.tx, h.id, short.as_deref().unwrap_or(""))?;
            }
        }
        Ok(wrote)
    }

    /// A day in a file, if given: not after today, like the same date typed on the command line.
    fn past_date<F: Fields>(
        &self,
        row: &Row<F>,
        field: F,
        what: &str,
    ) -> Result<Option<NaiveDate>> {
        let Some(d) = row.date(field)? else {
            return Ok(None);
        };
        Ok(Some(rules::not_in_future(
            field.key(),
            what,
            d,
            self.today,
        )?))
    }

    /// A day the row must give, not after today.
    pub(super) fn past_date_req<F: Fields>(
        &self,
        row: &Row<F>,
        field: F,
        what: &str,
    ) -> Result<NaiveDate> {
        self.past_date(row, field, what)?
            .ok_or_else(|| empty(field).into())
    }

    pub(super) fn pairing(&self, row: &Row<P>) -> Result<()> {
        let cadre = row.check(
            row.req(P::Cadre)
                .and_then(|c| at(P::Cadre, self.codes.cadre(self.tx, &c))),
        );
        let enterprise = row.check(
            row.req(P::Enterprise)
                .and_then(|e| at(P::Enterprise, self.codes.enterprise(self.tx, &e))),
        );
        let tier = row.check(
            row.req(P::Tier)
                .and_then(|t| parsed(P::Tier, Tier::parse(&t))),
        );
        let started_on = row.check(self.past_date_req(
            row,
            P::StartedOn,
            &crate::tr!("pairing start", "结对开始日期"),
        ));
        let ended_on =
            row.check(self.past_date(row, P::EndedOn, &crate::tr!("pairing end", "结对结束日期")));
        let (cadre, enterprise, tier, started_on, ended_on) =
            row.done((cadre, enterprise, tier, started_on, ended_on))?;
        let pairing = NewPairing {
            cadre,
            enterprise,
            tier,
            started_on,
            ended_on,
        };
        pairings::add(self.tx, &pairing)
    }

    pub(super) fn meeting(&self, row: &Row<M>, line: u64, seen: &mut Seen) -> Result<()> {
        let code = row.check(row.req(M::Code));
        let held_on = row.check(self.past_date_req(
            row,
            M::HeldOn,
            &crate::tr!("meeting date", "座谈会日期"),
        ));
        let title = row.opt(M::Title).unwrap_or_default();
        let cadres = row.raw(M::Cadres);
        let cadres = row.check(
            csvio::split_list(&cadres)
                .into_iter()
                .map(|c| at(M::Cadres, self.codes.cadre(self.tx, c)))
                .collect::<Result<Vec<CadreId>>>(),
        );
        let (code, held_on, cadres) = row.done((code, held_on, cadres))?;
        first_time(seen, M::Code, &code, line)?;
        let meeting = NewMeeting {
            code: &code,
            held_on,
            title: &title,
            cadres: &cadres,
        };
        meetings::add(self.tx, &meeting).map(drop)
    }
}
