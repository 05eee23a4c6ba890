//! Cells that survive a spreadsheet: the formula guard and the marking of
//! digit-only identifiers, and their exact inverses for the importer.

use std::borrow::Cow;

/// Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection), plus the
/// apostrophe so that guarding stays exactly reversible.
fn is_guard_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// Neutralises a text cell: if it starts with one of = + - @ \t \r, OR with a single quote ',
/// prefix it with a single quote '.
/// (Prefixing cells that already start with ' keeps the transformation exactly reversible.)
///
/// Only for text cells: numbers and dates are written by the callers without guard(), so a
/// negative number such as -5 in a numeric column stays a number and is never prefixed.
pub fn guard(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if is_guard_trigger(c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The exact inverse of guard for cells that guard produced: if a cell starts with ' and its
/// second character is one of = + - @ \t \r ', drop the first character. Every other cell is
/// returned unchanged.
pub fn unguard(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.chars().next().is_some_and(is_guard_trigger) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// Whether a cell is a digit-only identifier that spreadsheets would turn into a number:
/// digits, spaces and hyphens with at least one digit, optionally after a leading '+'.
fn is_numeric_id(cell: &str) -> bool {
    let body = cell.strip_prefix('+').unwrap_or(cell);
    body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
}

/// Marks an identifier cell (USCC, phone, code) so spreadsheets keep it as text. Returns the
/// cell to write.
///
/// Digit-only identifiers are written as `="<digits>"`. LibreOffice 7.4 default CSV import:
/// plain 914403001922038216 became 9.14403001922038E+17 and 02348612345 lost its zero; a leading
/// ' stayed visible in the cell and a leading TAB stayed in the cell text; `="…"` gave a text
/// result with every digit, the zero and a leading + intact (it is also Excel's idiom).
/// It is a formula, so only cells of digits, spaces, hyphens and a leading + are marked; any
/// other cell (a USCC with letters, names) is returned unchanged and NOT guarded: for a cell
/// from user input use [`export_id`]. The importer undoes both with [`import_cell`]
/// (unmark_text_id, then unguard), which also inverts `as_text_id(&guard(cell))` exactly.
pub(crate) fn as_text_id(cell: &str) -> Cow<'_, str> {
    if is_numeric_id(cell) {
        Cow::Owned(format!("=\"{cell}\""))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse, applied by the importer to every cell before guard's inverse (exact for
/// as_text_id's output; ordinary cells, including other formulas, are left alone).
pub(crate) fn unmark_text_id(cell: &str) -> Cow<'_, str> {
    match cell
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) if is_numeric_id(inner) => Cow::Borrowed(inner),
        _ => Cow::Borrowed(cell),
    }
}

/// An identifier cell as written for people: digit-like cells are marked as text (the marking
/// is itself formula-safe, and marking before guarding keeps "+86…" and "-5" free of a visible
/// apostrophe); every other cell is guarded.
pub fn export_id(cell: &str) -> Cow<'_, str> {
    if is_numeric_id(cell) {
        as_text_id(cell)
    } else {
        guard(cell)
    }
}

/// A code cell as written for people: an all-digit code (unit `007`, ticket
/// `000123`) is marked as text, since a spreadsheet would read it as a
/// number and drop its leading zeros; any other code is guarded.
pub(crate) fn export_code(cell: &str) -> Cow<'_, str> {
    if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
        as_text_id(cell)
    } else {
        guard(cell)
    }
}

/// Undoes both markings of an imported cell: unmark_text_id, then unguard.
pub fn import_cell(cell: &str) -> Cow<'_, str> {
    match unmark_text_id(cell) {
        Cow::Borrowed(s) => unguard(s),
        Cow::Owned(s) => Cow::Owned(unguard(&s).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRIGGERS: [&str; 6] = ["=", "+", "-", "@", "\t", "\r"];

    #[test]
    fn guard_round_trips() {
        let mut cells: Vec<String> = TRIGGERS.iter().map(|t| format!("{t}SUM(A1:A9)")).collect();
        cells.extend(
            [
                "'",
                "''=",
                "'=x",
                "normal",
                "",
                "重庆某某有限公司",
                "a=b",
                "-5",
            ]
            .map(String::from),
        );
        for c in &cells {
            let g = guard(c);
            assert_eq!(unguard(&g), c.as_str(), "{c:?}");
        }
        for t in TRIGGERS {
            assert_eq!(guard(&format!("{t}1")), format!("'{t}1"));
        }
        assert_eq!(guard("'"), "''");
        assert_eq!(guard("''="), "'''=");
        assert_eq!(guard("normal"), "normal");
        assert_eq!(guard(""), "");
        assert_eq!(guard("重庆"), "重庆");
        assert!(matches!(guard("normal"), Cow::Borrowed(_)));
        // Cells guard did not produce stay as they are.
        assert_eq!(unguard("'abc"), "'abc");
        assert_eq!(unguard("'"), "'");
    }

    #[test]
    fn text_id_marking_round_trips_and_composes() {
        assert_eq!(as_text_id("914403001922038216"), "=\"914403001922038216\"");
        assert_eq!(as_text_id("02348612345"), "=\"02348612345\"");
        assert_eq!(as_text_id("+8613800138000"), "=\"+8613800138000\"");
        assert_eq!(as_text_id("023-4861 2345"), "=\"023-4861 2345\"");
        // Letters need no marking; nor does anything that is not digit-like.
        assert_eq!(as_text_id("91500000MA5U7H2X8K"), "91500000MA5U7H2X8K");
        assert_eq!(as_text_id("重庆"), "重庆");
        assert_eq!(as_text_id(""), "");
        assert_eq!(as_text_id("+"), "+");
        // The importer only undoes exactly ="<digits>".
        assert_eq!(unmark_text_id("=\"abc\""), "=\"abc\"");
        assert_eq!(unmark_text_id("=\"1\"+\"2\""), "=\"1\"+\"2\"");
        assert_eq!(unmark_text_id("=1+2"), "=1+2");
        assert_eq!(unmark_text_id("\"123\""), "\"123\"");

        let cells = [
            "914403001922038216",
            "02348612345",
            "+8613800138000",
            "-5",
            "91500000MA5U7H2X8K",
            "重庆某某有限公司",
            "normal",
            "",
            "'",
            "=\"123\"",
            "'=\"123\"",
            "=SUM(A1)",
        ];
        for c in cells {
            // Marking alone (digit-like cells), guard then mark, and the export helper.
            if is_numeric_id(c) {
                assert_eq!(unmark_text_id(&as_text_id(c)), c, "{c:?}");
                assert_eq!(import_cell(&as_text_id(c)), c, "{c:?}");
            }
            let written = as_text_id(&guard(c)).into_owned();
            assert_eq!(unguard(&unmark_text_id(&written)), c, "{c:?}");
            assert_eq!(import_cell(&written), c, "{c:?}");
            let exported = export_id(c);
            assert_eq!(import_cell(&exported), c, "{c:?}");
            // Every exported cell is safe: it is guarded or it is exactly our own ="digits".
            for out in [&written[..], &exported[..]] {
                let safe = !out.starts_with(is_guard_trigger)
                    || out.starts_with('\'')
                    || unmark_text_id(out) != out;
                assert!(safe, "{c:?} -> {out:?}");
            }
            // Plain text cells come back unchanged through the importer.
            assert_eq!(import_cell(&guard(c)), c, "{c:?}");
        }
        assert_eq!(as_text_id(&guard("-5")), "'-5");
        assert_eq!(export_id("-5"), "=\"-5\"");
        assert_eq!(export_id("+8613800138000"), "=\"+8613800138000\"");
        assert_eq!(export_id("=\"123\""), "'=\"123\"");
        assert_eq!(export_id("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(export_id("91500000MA5U7H2X8K"), "91500000MA5U7H2X8K");
        // All-digit codes are kept as text; other codes only guarded.
        for (code, written) in [
            ("0012", "=\"0012\""),
            ("2022-0001", "2022-0001"),
            ("-1", "'-1"),
            ("T01", "T01"),
        ] {
            assert_eq!(export_code(code), written);
            assert_eq!(import_cell(&export_code(code)), code);
        }
    }
}
