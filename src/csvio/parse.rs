//! List and yes/no cells as people type them.

/// Splits a list cell on ';', '；' or '、', trimming items and dropping empty ones.
pub(crate) fn split_list(cell: &str) -> Vec<&str> {
    list_items(cell).collect()
}

/// The items of a list cell, as `split_list` finds them, without collecting them.
pub(crate) fn list_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '；', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// yes/no, true/false, 1/0, 是/否 (case-insensitive, trimmed) => Some(bool); anything else None.
pub(crate) fn parse_bool(cell: &str) -> Option<bool> {
    let s = cell.trim().to_lowercase();
    match s.as_str() {
        "yes" | "true" | "1" | "是" => Some(true),
        "no" | "false" | "0" | "否" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_list_splits_on_all_separators() {
        assert_eq!(
            split_list(" 融资难; 用工；用地、 ;；、 税费 "),
            vec!["融资难", "用工", "用地", "税费"]
        );
        assert!(split_list("").is_empty());
        assert!(split_list(" ; ；、").is_empty());
        assert_eq!(split_list("单项"), vec!["单项"]);
    }

    #[test]
    fn parse_bool_accepts_known_words() {
        for t in ["yes", "YES", " True ", "1", "是", " 是 "] {
            assert_eq!(parse_bool(t), Some(true), "{t:?}");
        }
        for f in ["no", "No", "FALSE", "0", "否", "\t否"] {
            assert_eq!(parse_bool(f), Some(false), "{f:?}");
        }
        for x in ["", "y", "2", "对", "yes please"] {
            assert_eq!(parse_bool(x), None, "{x:?}");
        }
    }
}
