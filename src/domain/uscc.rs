//! The Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
//!
//! Eighteen characters from a 31-character alphabet (digits and upper-case
//! letters without I, O, S, V, Z); the last is a check character computed from
//! the first seventeen with weights 3^i mod 31.

use std::fmt;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A USCC whose length, alphabet and check character have been verified.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uscc(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    Length(usize),
    FullWidth,
    Character(char, usize),
    CheckDigit { found: char, expected: char },
}

impl fmt::Display for UsccError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            UsccError::Length(n) => crate::tr!(
                "has {n} characters; a unified social credit code has 18",
                "有{n}个字符；统一社会信用代码是18个字符"
            ),
            UsccError::FullWidth => crate::tr!(
                "contains full-width characters; type the code with half-width digits and letters",
                "含有全角字符；请用半角数字和字母输入"
            ),
            UsccError::Character(c, i) => crate::tr!(
                "character {i} ({c:?}) is not allowed; a unified social credit code uses 0-9 and A-Z without I, O, S, V, Z",
                "第{i}个字符（{c:?}）不允许；统一社会信用代码由0-9和除I、O、S、V、Z以外的大写字母组成"
            ),
            UsccError::CheckDigit { found, expected } => crate::tr!(
                "check character is {found} but should be {expected} (GB 32100-2015); the code is mistyped",
                "校验码是{found}，应为{expected}（GB 32100-2015）；代码有误"
            ),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for UsccError {}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first seventeen characters of a code.
/// Returns `None` when one of them is outside the alphabet.
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value(*b)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

impl Uscc {
    /// Parses a code as a person would type it: surrounding spaces are
    /// ignored and lower-case letters are accepted.
    pub fn parse(input: &str) -> Result<Uscc, UsccError> {
        let s = input.trim();
        if s.chars()
            .any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}')
        {
            return Err(UsccError::FullWidth);
        }
        let n = s.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        let upper = s.to_ascii_uppercase();
        for (i, c) in upper.chars().enumerate() {
            if !c.is_ascii() || value(c as u8).is_none() {
                return Err(UsccError::Character(c, i + 1));
            }
        }
        let expected = check_char(&upper[..17]).expect("alphabet checked above");
        let found = upper.as_bytes()[17] as char;
        if found != expected {
            return Err(UsccError::CheckDigit { found, expected });
        }
        Ok(Uscc(upper))
    }

    /// Completes seventeen valid characters with their check character.
    pub fn complete(first17: &str) -> Option<Uscc> {
        check_char(first17).map(|c| Uscc(format!("{first17}{c}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Published codes of real enterprises, check characters included.
    const REAL: &[&str] = &[
        "91350100M000100Y43",
        "91110000802100433B",
        "914403001922038216",
    ];

    #[test]
    fn accepts_published_codes() {
        for code in REAL {
            assert_eq!(Uscc::parse(code).unwrap().as_str(), *code);
        }
    }

    #[test]
    fn accepts_lower_case_and_spaces() {
        assert_eq!(
            Uscc::parse(" 91350100m000100y43 ").unwrap().as_str(),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn rejects_a_wrong_check_character() {
        assert_eq!(
            Uscc::parse("91350100M000100Y44"),
            Err(UsccError::CheckDigit {
                found: '4',
                expected: '3'
            })
        );
    }

    #[test]
    fn rejects_every_single_character_typo() {
        let code = REAL[0];
        for i in 0..17 {
            for &c in ALPHABET {
                let mut typo = code.as_bytes().to_vec();
                if typo[i] == c {
                    continue;
                }
                typo[i] = c;
                let typo = String::from_utf8(typo).unwrap();
                assert!(Uscc::parse(&typo).is_err(), "{typo} accepted");
            }
        }
    }

    #[test]
    fn rejects_wrong_lengths_letters_and_full_width() {
        assert_eq!(Uscc::parse("9135010"), Err(UsccError::Length(7)));
        assert_eq!(
            Uscc::parse("91350100M000100Y433"),
            Err(UsccError::Length(19))
        );
        assert_eq!(
            Uscc::parse("91350100I000100Y43"),
            Err(UsccError::Character('I', 9))
        );
        assert_eq!(
            Uscc::parse("９１350100M000100Y43"),
            Err(UsccError::FullWidth)
        );
    }

    #[test]
    fn complete_adds_the_check_character() {
        assert_eq!(
            Uscc::complete("91350100M000100Y4").unwrap().as_str(),
            "91350100M000100Y43"
        );
        assert!(Uscc::complete("91350100I000100Y4").is_none());
    }
}
