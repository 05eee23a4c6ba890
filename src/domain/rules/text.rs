//! Free text, codes, names and phone numbers: what may be stored.

use crate::error::FieldError;

/// The most characters a text may have, on the command line and in a file:
/// what a spreadsheet cell holds (Excel's limit), so that whatever is stored
/// can be exported and imported back.
pub(crate) const MAX_TEXT_CHARS: usize = 32_767;

/// A character that changes how text shows rather than showing itself:
/// controls (terminal escapes) and format characters (bidirectional
/// overrides and marks, zero-width spaces, the BOM). Tab and line breaks
/// are text, and so are the zero-width joiners that emoji and some scripts
/// are written with.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Free text (a name, a note, a summary, a reference): at most
/// `MAX_TEXT_CHARS` characters, none of them hidden (see `is_hidden`), so
/// that what is stored is what every view shows.
pub(crate) fn text<'a>(field: &'static str, s: &'a str) -> Result<&'a str, FieldError> {
    // A text has no more characters than bytes.
    if s.len() > MAX_TEXT_CHARS {
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            return Err(FieldError {
                field,
                msg: crate::tr!(
                    "a text of {n} characters; at most {MAX_TEXT_CHARS} are accepted (what a spreadsheet cell holds)",
                    "文字有{n}个字符；最多{MAX_TEXT_CHARS}个（电子表格一个单元格能容纳的长度）"
                ),
            });
        }
    }
    // Most cells are plain printable ASCII: one pass over the bytes tells.
    let plain = s.bytes().all(|b| (0x20..0x7F).contains(&b));
    let hidden = if plain {
        None
    } else {
        s.chars().find(|&c| is_hidden(c))
    };
    match hidden {
        Some(c) => Err(FieldError {
            field,
            msg: {
                let c = c as u32;
                crate::tr!(
                    "the text holds the invisible character U+{c:04X}, which would change how it shows; remove it",
                    "文字中有不可见字符U+{c:04X}，会改变文字的显示；请删除"
                )
            },
        }),
        None => Ok(s),
    }
}

/// A code (of a unit, cadre, meeting or ticket): visible characters only,
/// so that two codes that look the same are the same.
pub(crate) fn code<'a>(field: &'static str, s: &'a str) -> Result<&'a str, FieldError> {
    let s = text(field, s.trim())?;
    let invisible =
        |c: char| c.is_whitespace() || is_hidden(c) || matches!(c, '\u{200C}' | '\u{200D}');
    match s.chars().find(|&c| invisible(c)) {
        Some(c) => Err(FieldError {
            field,
            msg: {
                let c = c as u32;
                crate::tr!(
                    "code {s:?} holds a space or an invisible character (U+{c:04X}); a code is visible characters only",
                    "编号{s:?}中有空格或不可见字符（U+{c:04X}）；编号只能由可见字符组成"
                )
            },
        }),
        None => Ok(s),
    }
}

/// A phone number: digits, spaces, + and - (half-width), at most 20
/// digits; an empty one is allowed. Gives the number trimmed.
pub(crate) fn phone<'a>(field: &'static str, text: &'a str) -> Result<&'a str, FieldError> {
    let p = text.trim();
    if p.chars().all(|c| c.is_ascii_digit() || " +-".contains(c))
        && p.chars().filter(char::is_ascii_digit).count() <= 20
    {
        Ok(p)
    } else {
        Err(FieldError {
            field,
            msg: crate::tr!(
                "{p:?} is not a phone number; use digits, spaces, + and - (half-width)",
                "{p:?}不是电话号码；只能用数字、空格、+和-（半角）"
            ),
        })
    }
}

/// The key of the total row of every report broken down by a dimension.
pub(crate) const TOTAL: &str = "total";

/// A category's name as a deadline is set for it: not empty, not the total row's.
pub(crate) fn category_name<'a>(field: &'static str, name: &'a str) -> Result<&'a str, FieldError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldError {
            field,
            msg: crate::tr!("a category needs a name", "问题类别须有名称"),
        });
    }
    group_name(field, name)
}

/// A name that becomes a report's group (a ticket's category, a unit's
/// name, a meeting's code) is never the total row's key, in any case, so
/// that no group can pass for the total in a CSV or JSON report.
pub(crate) fn group_name<'a>(field: &'static str, text: &'a str) -> Result<&'a str, FieldError> {
    if text.trim().eq_ignore_ascii_case(TOTAL) {
        let t = text.trim();
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "{t:?} is the name of the total row of every report, so it cannot name a group; choose another",
                "{t:?}是各报表合计行的名称，不能用作分组名称；请另选一个"
            ),
        });
    }
    Ok(text)
}

/// A short name (简称) people type instead of an enterprise's code: trimmed,
/// None when empty (no short name); never a credit code, which would name
/// another enterprise than the one it looks like.
pub(crate) fn short_name<'a>(
    field: &'static str,
    text: &'a str,
) -> Result<Option<&'a str>, FieldError> {
    let short = text.trim();
    if short.is_empty() {
        return Ok(None);
    }
    if short.chars().count() == 18 && crate::domain::uscc::Uscc::parse(short).is_ok() {
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "short name {short:?} is a unified social credit code; choose a name",
                "简称{short:?}是一个统一社会信用代码；请另取一个名称"
            ),
        });
    }
    Ok(Some(short))
}

/// Why a record was voided: some text is required, so the history says why.
pub(crate) fn void_reason<'a>(field: &'static str, text: &'a str) -> Result<&'a str, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "a void needs a reason saying what the mistake was",
                "作废须写明原因，说明错在哪里"
            ),
        });
    }
    Ok(t)
}
