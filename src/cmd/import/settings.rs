//! The categories' deadlines and the calendar's days: each row sets one,
//! replacing what was set before, so a corrected file can be imported again.

use super::row::{at, first_time, Row};
use super::{Load, Seen};
use crate::cmd::data::{CalendarField as Cal, CategoryField as Cat, Fields};
use crate::csvio;
use crate::db::calendar as cal;
use crate::domain::{date, rules};
use crate::error::input_in;
use anyhow::Result;

impl Load<'_> {
    pub(super) fn category(&self, row: &Row<Cat>, line: u64, seen: &mut Seen) -> Result<()> {
        let name = row.req(Cat::Name)?;
        let days = row.req(Cat::Days)?;
        let days = rules::working_days(Cat::Days.key(), &days)
            .map_err(|e| input_in(Cat::Days.key(), e.msg))?;
        first_time(seen, Cat::Name, name.trim(), line)?;
        at(
            Cat::Name,
            cal::set_category(self.tx, &name, days).map(|_| ()),
        )
    }

    pub(super) fn calendar_day(&self, row: &Row<Cal>, line: u64, seen: &mut Seen) -> Result<()> {
        let day = row.req(Cal::Date)?;
        let day = date::parse(day.trim()).map_err(|e| input_in(Cal::Date.key(), e.to_string()))?;
        let workday = row.req(Cal::Workday)?;
        let workday = csvio::parse_bool(&workday).ok_or_else(|| {
            let given = workday.trim();
            input_in(
                Cal::Workday.key(),
                crate::tr!(
                    "{given:?} says neither; use 1 (a working day) or 0 (a day off), yes/no or 是/否",
                    "{given:?}没有说明是否工作日；请填1（工作日）或0（休息日），或者是/否"
                ),
            )
        })?;
        first_time(seen, Cal::Date, &date::iso(day), line)?;
        cal::set_day(self.tx, day, workday)
    }
}
