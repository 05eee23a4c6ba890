//! `report reconcile --expect`: declared figures checked against the
//! database and against the identity itself.

use super::render::more;
use super::Listed;
use crate::domain::reconcile::{Counts, Declared, TERMS, TERMS_ZH};
use crate::domain::Lang;
use crate::output::{alert, col, Kind, Table, Vocab};
use anyhow::Result;
use std::io::Write;

/// Declared figures against the database: one row per declared term.
pub(crate) fn expect_table(declared: &Declared, actual: &Counts) -> Table {
    let mut t = Table::new(&[
        col("term", "项目", Kind::Vocab(Vocab::Term)),
        col("declared", "申报数", Kind::Plain),
        col("database", "数据库", Kind::Plain),
        col("difference", "差额", Kind::Plain),
    ]);
    for term in TERMS {
        if let Some(d) = declared.get(term) {
            let a = actual.get(term).expect("a term");
            t.push(vec![term.into(), d.into(), a.into(), (d - a).into()]);
        }
    }
    t
}

/// What `--expect` found, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) differs: bool,
    pub(crate) adds_up: bool,
}

impl Verdict {
    pub(crate) fn ok(self) -> bool {
        !self.differs && self.adds_up
    }
}

pub(crate) fn verdict(declared: &Declared, actual: &Counts) -> Verdict {
    Verdict {
        differs: !declared.differences(actual).is_empty(),
        adds_up: declared.residue().unwrap_or(0) == 0
            && declared.closed_residue().unwrap_or(0) == 0,
    }
}

/// The comparison, the identity check on the declared figures, and the
/// database tickets that explain a residue. On a coloured terminal each
/// difference, each identity that does not add up and a failing result
/// are red.
pub(crate) fn write_expect(
    w: &mut dyn Write,
    lang: Lang,
    declared: &Declared,
    actual: &Counts,
    list: &[Listed],
) -> Result<Verdict> {
    let v = verdict(declared, actual);
    writeln!(
        w,
        "\n{}",
        lang.pick(
            "Declared figures against the database",
            "申报数与数据库核对"
        )
    )?;
    expect_table(declared, actual).write_table(w, lang)?;
    for (term, d, a) in declared.differences(actual) {
        let i = TERMS.iter().position(|x| *x == term).expect("a term");
        let line = match lang {
            Lang::En => format!("{term}: declared {d}, database {a}, difference {}", d - a),
            Lang::Zh => format!("{}：申报{d}，数据库{a}，相差{}", TERMS_ZH[i], d - a),
        };
        writeln!(w, "{}", alert(&line))?;
    }
    let get = |t: &str| declared.get(t);
    match declared.residue() {
        None => writeln!(
            w,
            "{}",
            lang.pick(
                "collected = closed + in_progress + awaiting: not checked (collected, closed and in_progress are not all declared)",
                "收集 = 办结 + 正在办理 + 待受理：未核对（收集、办结、正在办理未全部申报）"
            )
        )?,
        Some(res) => {
            let aw = get("awaiting");
            let aw_text = aw.map_or_else(
                || lang.pick("0 (not declared, taken as 0)", "0（未申报，按0计）").into(),
                |n| n.to_string(),
            );
            let (c, cl, ip) = (
                get("collected").unwrap_or(0),
                get("closed").unwrap_or(0),
                get("in_progress").unwrap_or(0),
            );
            let identity = match lang {
                Lang::En => format!(
                    "declared: collected {c} {} closed {cl} + in_progress {ip} + awaiting {aw_text}",
                    if res == 0 { "=" } else { "≠" }
                ),
                Lang::Zh => format!(
                    "申报数：收集 {c} {} 办结 {cl} + 正在办理 {ip} + 待受理 {aw_text}",
                    if res == 0 { "=" } else { "≠" }
                ),
            };
            if res == 0 {
                writeln!(w, "{identity}{}", lang.pick(": adds up", "：相符"))?;
            } else {
                let residue = match lang {
                    Lang::En => format!(
                        "{identity}: {} {} unaccounted",
                        res,
                        if res.abs() == 1 { "ticket" } else { "tickets" }
                    ),
                    Lang::Zh => format!("{identity}：有{res}件问题未列入"),
                };
                writeln!(w, "{}", alert(&residue))?;
                let awaiting: Vec<&Listed> = list.iter().filter(|l| l.awaiting).collect();
                if res > 0 && !awaiting.is_empty() {
                    match lang {
                        Lang::En => writeln!(
                            w,
                            "the database has {} {} awaiting acceptance, which the declared figures leave out:",
                            actual.awaiting,
                            if actual.awaiting == 1 { "ticket" } else { "tickets" }
                        )?,
                        Lang::Zh => writeln!(
                            w,
                            "数据库中有{}件已收集未受理的问题，申报数未计入：",
                            actual.awaiting
                        )?,
                    }
                    for l in &awaiting {
                        match lang {
                            Lang::En => writeln!(
                                w,
                                "  {} {} {} (collected {}, {} days awaiting)",
                                l.code, l.uscc, l.enterprise, l.collected_on, l.age
                            )?,
                            Lang::Zh => writeln!(
                                w,
                                "  {} {} {}（{}收集，已{}天）",
                                l.code, l.uscc, l.enterprise, l.collected_on, l.age
                            )?,
                        }
                    }
                    more(w, lang, actual.awaiting, awaiting.len())?;
                    if i128::from(actual.awaiting) != res {
                        match lang {
                            Lang::En => writeln!(
                                w,
                                "  ({} awaiting in the database against {res} unaccounted: the rest is not explained by the database)",
                                actual.awaiting
                            )?,
                            Lang::Zh => writeln!(
                                w,
                                "  （数据库待受理{}件，未列入{res}件，其余差额数据库无法解释）",
                                actual.awaiting
                            )?,
                        }
                    }
                } else {
                    writeln!(
                        w,
                        "{}",
                        lang.pick(
                            "  no ticket in the database awaits acceptance to explain it",
                            "  数据库中没有可解释该差额的待受理问题"
                        )
                    )?;
                }
            }
        }
    }
    if let Some(res) = declared.closed_residue() {
        let (cl, r, e) = (
            get("closed").unwrap_or(0),
            get("resolved").unwrap_or(0),
            get("explained").unwrap_or(0),
        );
        match (res == 0, lang) {
            (true, Lang::En) => writeln!(
                w,
                "declared: closed {cl} = resolved {r} + explained {e}: adds up"
            )?,
            (true, Lang::Zh) => writeln!(w, "申报数：办结 {cl} = 已解决 {r} + 政策解释 {e}：相符")?,
            (false, Lang::En) => writeln!(
                w,
                "{}",
                alert(&format!(
                    "declared: closed {cl} ≠ resolved {r} + explained {e}: off by {res}"
                ))
            )?,
            (false, Lang::Zh) => writeln!(
                w,
                "{}",
                alert(&format!(
                    "申报数：办结 {cl} ≠ 已解决 {r} + 政策解释 {e}：相差{res}"
                ))
            )?,
        }
    }
    let summary = match (v.ok(), v.differs) {
        (true, _) => lang.pick(
            "result: every declared figure matches the database and adds up",
            "结论：申报数与数据库一致，且相符",
        ),
        (false, true) => lang.pick(
            "result: declared figures differ from the database",
            "结论：申报数与数据库不一致",
        ),
        (false, false) => lang.pick(
            "result: the declared figures do not add up",
            "结论：申报数自身不相符",
        ),
    };
    if v.ok() {
        writeln!(w, "{summary}")?;
    } else {
        writeln!(w, "{}", alert(summary))?;
    }
    Ok(v)
}
