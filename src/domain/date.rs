//! Dates as people type them and as qianqi writes them.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// The forms a date may be typed in, for error messages.
pub const ACCEPTED: &str = "YYYY-MM-DD, YYYY/M/D or YYYY年M月D日";

/// The first year a date may have. Chrono accepts year 0 and earlier, but no
/// record of the programme predates this, and `0000` or `0022` is a slip
/// for a year of this century, which must not be stored as it stands.
pub const FIRST_YEAR: i32 = 1900;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a date; use {ACCEPTED}", self.0)?;
        let year = self.0.trim().get(..4).and_then(|y| y.parse::<i32>().ok());
        if year.is_some_and(|y| y < FIRST_YEAR) {
            write!(f, " with a year from {FIRST_YEAR} on")?;
        }
        Ok(())
    }
}

impl std::error::Error for DateError {}

/// Parses `2022-03-01`, `2022/3/1` or `2022年3月1日` (surrounding spaces ignored).
pub fn parse(input: &str) -> Result<NaiveDate, DateError> {
    parse_any_year(input).and_then(|d| {
        if d.year() < FIRST_YEAR {
            Err(DateError(input.to_string()))
        } else {
            Ok(d)
        }
    })
}

fn parse_any_year(input: &str) -> Result<NaiveDate, DateError> {
    let err = || DateError(input.to_string());
    let s = input.trim();
    // The stored form, by far the most common in bulk imports, without allocating.
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        return match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(err),
            _ => Err(err()),
        };
    }
    let parts: Vec<&str> = if let Some(rest) = s.strip_suffix('日') {
        let (y, rest) = rest.split_once('年').ok_or_else(err)?;
        let (m, d) = rest.split_once('月').ok_or_else(err)?;
        vec![y, m, d]
    } else if s.contains('-') {
        s.split('-').collect()
    } else {
        s.split('/').collect()
    };
    let [y, m, d] = parts[..] else {
        return Err(err());
    };
    let digits = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    // The ISO form is strict (two-digit month and day); the others allow 3/1.
    let (mmin, dmin) = if s.contains('-') { (2, 2) } else { (1, 1) };
    if !digits(y, 4, 4) || !digits(m, mmin, 2) || !digits(d, dmin, 2) {
        return Err(err());
    }
    let (y, m, d) = (
        y.parse().map_err(|_| err())?,
        m.parse().map_err(|_| err())?,
        d.parse().map_err(|_| err())?,
    );
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(err)
}

/// The stored form, `YYYY-MM-DD`.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The stored form as bytes, for code that writes a million dates without allocating.
pub fn iso_bytes(d: NaiveDate) -> [u8; 10] {
    let mut out = *b"0000-00-00";
    let mut put = |at: usize, width: usize, mut n: u32| {
        for i in (at..at + width).rev() {
            out[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, d.year() as u32);
    put(5, 2, d.month());
    put(8, 2, d.day());
    out
}

/// `2022年12月31日`, as Chinese prose writes a date.
pub fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `2022-Q3`.
pub fn quarter(d: NaiveDate) -> String {
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_bytes_is_the_stored_form() {
        for (y, m, d) in [(2022, 1, 4), (999, 12, 31), (2024, 2, 29)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_bytes(day), iso(day).as_bytes());
        }
    }

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
    fn rejects_other_shapes() {
        for bad in [
            "",
            "yesterday",
            "2022-3-1",
            "22-03-01",
            "2022.03.01",
            "2022-03-01-02",
            "２０２２-03-01",
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
            "\"2022-02-30\" is not a date; use YYYY-MM-DD, YYYY/M/D or YYYY年M月D日"
        );
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
    fn quarters() {
        assert_eq!(quarter(d(2022, 3, 31)), "2022-Q1");
        assert_eq!(quarter(d(2022, 4, 1)), "2022-Q2");
        assert_eq!(quarter(d(2022, 12, 31)), "2022-Q4");
    }

    #[test]
    fn chinese_prose_dates_drop_leading_zeros() {
        assert_eq!(zh(d(2022, 3, 1)), "2022年3月1日");
    }
}
