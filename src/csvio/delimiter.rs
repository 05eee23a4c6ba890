//! Which character separates a file's cells, decided on its header line:
//! Excel saves "CSV" with commas, but "Unicode text" with tabs, and in many
//! locales CSV with semicolons. Each delimiter is an ASCII byte below 0x40,
//! which never occurs inside a GBK or UTF-8 character, so the raw bytes can
//! be counted whatever the encoding.

/// The delimiters a file may use, in the order a tie is named.
const DELIMITERS: [(u8, &str, &str); 3] = [
    (b',', "comma", "逗号"),
    (b'\t', "tab", "制表符"),
    (b';', "semicolon", "分号"),
];

/// The delimiter of the header line at the start of `text`: the one that
/// occurs most often outside quotes, a comma when none does (a file of one
/// column). Two that occur equally often are an error that says so.
pub(super) fn detect(text: &[u8]) -> Result<u8, String> {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|(d, _, _)| *d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let most = counts.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return Ok(b',');
    }
    let tied: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] == most).collect();
    if let [i] = tied[..] {
        return Ok(DELIMITERS[i].0);
    }
    let named: Vec<String> = tied
        .iter()
        .map(|&i| {
            let (s, (_, en, zh)) = (if most == 1 { "" } else { "s" }, DELIMITERS[i]);
            crate::tr!("{most} {en}{s}", "{most}个{zh}")
        })
        .collect();
    let named = named.join(&crate::tr!(" and ", "和"));
    Err(crate::tr!(
        "the header line has {named}, so which one separates the cells cannot be told; save the file as CSV (comma-separated), with any comma inside a header in quotes",
        "表头行中有{named}，无法判断用哪一个分隔单元格；请把文件另存为 CSV（逗号分隔），表头中的逗号须放在引号内"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_decides() {
        assert_eq!(detect(b"code,name,kind\r\nT01;x\tz,1,2\r\n"), Ok(b','));
        assert_eq!(detect(b"code\tname\tkind\nT01\ta,b\tc\n"), Ok(b'\t'));
        assert_eq!(detect(b"code;name;kind\nT01;a,b;c\n"), Ok(b';'));
        assert_eq!(detect("编号;\"名称,全称\";类型\n".as_bytes()), Ok(b';'));
        assert_eq!(detect(b"code\n1\n"), Ok(b','));
        assert_eq!(detect(b""), Ok(b','));
    }

    #[test]
    fn a_tie_is_refused_naming_both() {
        let e = detect(b"a,b\tc\n").unwrap_err();
        assert!(
            e.starts_with("the header line has 1 comma and 1 tab"),
            "{e}"
        );
        let e = detect(b"a;b;c,d,e\n").unwrap_err();
        assert!(
            e.starts_with("the header line has 2 commas and 2 semicolons"),
            "{e}"
        );
    }
}
