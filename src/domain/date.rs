//! Dates as people type them and as qianqi writes them.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// The forms a date may be written in anywhere, files included, for error messages.
pub(crate) const ACCEPTED: &str = "YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD or YYYY年M月D日";

/// The forms a date may be typed in on the command line, where "today" is known.
pub(crate) const ACCEPTED_TYPED: &str =
    "YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日, M月D日 (this year), D号 (this month), 今天/today, 昨天/yesterday or 前天";

/// `ACCEPTED` in Chinese messages, by example.
const ACCEPTED_ZH: &str = "2022-03-01、2022/3/1、2022.3.1、20220301或2022年3月1日";

/// `ACCEPTED_TYPED` in Chinese messages, by example.
const ACCEPTED_TYPED_ZH: &str =
    "2022-03-01、2022/3/1、2022.3.1、20220301、2022年3月1日、3月1日（今年）、1号（本月）、今天、昨天或前天";

/// The first year a date may have. Chrono accepts year 0 and earlier, but no
/// record of the programme predates this, and `0000` or `0022` is a slip
/// for a year of this century, which must not be stored as it stands.
pub(crate) const FIRST_YEAR: i32 = 1900;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    input: String,
    /// Whether the forms relative to today were accepted where it was typed.
    relative: bool,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = &self.input;
        let forms = match (self.relative, super::message_lang()) {
            (true, super::Lang::En) => ACCEPTED_TYPED,
            (false, super::Lang::En) => ACCEPTED,
            (true, super::Lang::Zh) => ACCEPTED_TYPED_ZH,
            (false, super::Lang::Zh) => ACCEPTED_ZH,
        };
        f.write_str(&crate::tr!(
            "{input:?} is not a date; use {forms}",
            "{input:?}不是日期；可用：{forms}"
        ))?;
        let year = ascii_digits(self.input.trim())
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok());
        if year.is_some_and(|y| y < FIRST_YEAR) {
            f.write_str(&crate::tr!(
                " with a year from {FIRST_YEAR} on",
                "，年份须为{FIRST_YEAR}年或以后"
            ))?;
        } else if !self.relative && relative(&self.input, NaiveDate::MIN).is_some() {
            // A file is read on another day than it was written.
            f.write_str(&crate::tr!(
                " (a date without its year, or like 今天, would change with the day it is read)",
                "（不写年份的日期或“今天”这类写法会随读取文件的日子而变）"
            ))?;
        }
        Ok(())
    }
}

impl std::error::Error for DateError {}

/// Parses a date that names its year: `2022-03-01`, `2022-3-1`, `2022/3/1`,
/// `2022.3.1`, `20220301` or `2022年3月1日` (also with 号, full-width
/// digits, and surrounding spaces). This is what a file may hold.
pub fn parse(input: &str) -> Result<NaiveDate, DateError> {
    parse_any_year(input)
        .filter(|d| d.year() >= FIRST_YEAR)
        .ok_or_else(|| DateError {
            input: input.to_string(),
            relative: false,
        })
}

/// Parses a date as typed on the command line: any form of `parse`, or one
/// relative to `today`: `3月1日` (this year), `1号` or `1日` (this month),
/// 今天/today, 昨天/yesterday, 前天, 明天/tomorrow.
pub(crate) fn parse_typed(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse(input)
        .ok()
        .or_else(|| relative(input, today))
        .ok_or_else(|| DateError {
            input: input.to_string(),
            relative: true,
        })
}

/// Full-width digits and separators as their ASCII forms, spaces dropped.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '／' => '/',
            '．' | '。' => '.',
            _ => c,
        })
        .collect()
}

fn relative(input: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = ascii_digits(input);
    let back = |days| today.checked_sub_days(chrono::Days::new(days));
    match s.to_lowercase().as_str() {
        "今天" | "今日" | "today" => return Some(today),
        "昨天" | "昨日" | "yesterday" => return back(1),
        "前天" => return back(2),
        "明天" | "tomorrow" => return today.checked_add_days(chrono::Days::new(1)),
        _ => {}
    }
    let s = s.strip_suffix(['日', '号'])?;
    let number = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    match s.split_once('月') {
        Some((m, d)) if number(m) && number(d) => {
            NaiveDate::from_ymd_opt(today.year(), m.parse().ok()?, d.parse().ok()?)
        }
        None if number(s) => today.with_day(s.parse().ok()?),
        _ => None,
    }
}

/// The stored form, `YYYY-MM-DD`, read from its bytes without allocating:
/// for code that reads millions of dates.
pub(crate) fn from_stored(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

fn parse_any_year(input: &str) -> Option<NaiveDate> {
    let trimmed = input.trim();
    // The stored form, by far the most common in bulk imports.
    if let Some(d) = from_stored(trimmed.as_bytes()) {
        return Some(d);
    }
    let s = ascii_digits(trimmed);
    let digits = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = if let Some(rest) = s.strip_suffix(['日', '号']) {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        vec![y, m, d]
    } else if digits(&s, 8, 8) {
        vec![&s[..4], &s[4..6], &s[6..]]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| s.contains(*c))?;
        s.split(sep).collect()
    };
    let [y, m, d] = parts[..] else {
        return None;
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The stored form, `YYYY-MM-DD`.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2022年12月31日`, as Chinese prose writes a date.
pub(crate) fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn accepts_the_three_forms() {
        assert_eq!(parse("2022-03-01"), Ok(d(2022, 3, 1)));
        assert_eq!(parse("2022/3/1"), Ok(d(2022, 3, 1)));
        assert_eq!(parse("2022/03/01"), Ok(d(2022, 3, 1)));
        assert_eq!(parse("2022年3月1日"), Ok(d(2022, 3, 1)));
        assert_eq!(parse(" 2022年12月31日 "), Ok(d(2022, 12, 31)));
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2022-02-30",
            "2022-13-01",
            "2022-00-10",
            "2021/2/29",
            "2022年2月30日",
        ] {
            assert!(parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(parse("2024-02-29"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn accepts_the_forms_people_type() {
        for typed in [
            "2022-3-1",
            "2022.3.1",
            "2022.03.01",
            "20220301",
            "２０２２-03-01",
            "２０２２年３月１日",
            "2022年3月1号",
            "2022/3/1 ",
        ] {
            assert_eq!(parse(typed), Ok(d(2022, 3, 1)), "{typed}");
        }
    }

    #[test]
    fn a_typed_date_may_count_from_today() {
        let today = d(2026, 11, 5);
        for (typed, day) in [
            ("今天", d(2026, 11, 5)),
            ("today", d(2026, 11, 5)),
            ("Yesterday", d(2026, 11, 4)),
            ("昨天", d(2026, 11, 4)),
            ("前天", d(2026, 11, 3)),
            ("明天", d(2026, 11, 6)),
            ("3月1日", d(2026, 3, 1)),
            ("３月１号", d(2026, 3, 1)),
            ("2号", d(2026, 11, 2)),
            ("30日", d(2026, 11, 30)),
            ("2022-3-1", d(2022, 3, 1)),
        ] {
            assert_eq!(parse_typed(typed, today), Ok(day), "{typed}");
        }
        for bad in ["31号", "2月30日", "0号", "13月1日", "后年", "1号号"] {
            assert!(parse_typed(bad, today).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_file_names_the_year() {
        for relative in ["今天", "3月1日", "5号"] {
            let e = parse(relative).unwrap_err().to_string();
            assert!(e.ends_with("would change with the day it is read)"), "{e}");
        }
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "yesterday",
            "22-03-01",
            "2022-03-01-02",
            "2022-3.1",
            "202231",
            "2022/3/",
            "2022年3月",
            "+2022-03-01",
            "2022-03-01T00:00",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn error_names_the_value_and_the_accepted_forms() {
        let msg = parse("2022-02-30").unwrap_err().to_string();
        assert_eq!(
            msg,
            "\"2022-02-30\" is not a date; use YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD or YYYY年M月D日"
        );
        let msg = parse_typed("someday", d(2022, 1, 1))
            .unwrap_err()
            .to_string();
        assert!(msg.ends_with(ACCEPTED_TYPED), "{msg}");
    }

    #[test]
    fn a_year_before_1900_is_a_slip_not_a_date() {
        for bad in ["0000-03-01", "0022/3/1", "1899年12月31日"] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.ends_with("with a year from 1900 on"), "{bad}: {e}");
        }
        assert_eq!(parse("1900-01-01"), Ok(d(1900, 1, 1)));
    }

    #[test]
    fn chinese_prose_dates_drop_leading_zeros() {
        assert_eq!(zh(d(2022, 3, 1)), "2022年3月1日");
    }
}
