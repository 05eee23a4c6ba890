//! The Chinese of the command line's help: every English text clap takes
//! from the doc comments of the commands and their arguments, with the
//! Chinese that stands in for it under `--lang zh`.
//!
//! The English text is the key, so that an English text that changes loses
//! its Chinese and the test in `zh` fails until the Chinese is written again;
//! a text used by several commands (`--format`, `--on`, …) is written once.
//! `zh::tests` fails for any text of the command tree without its Chinese
//! and for any entry here that no text uses any more.
//!
//! Words the person types stay as they are typed: flags, placeholders
//! (`DATE`, `FILE`), possible values, and codes in backticks.

mod field_work;
mod lists_and_reports;
mod records;
mod reports_and_tools;

/// The tables of English texts and their Chinese, one per group of
/// commands, in the order of the command tree.
const PARTS: [&[(&str, &str)]; 4] = [
    records::TEXTS,
    field_work::TEXTS,
    lists_and_reports::TEXTS,
    reports_and_tools::TEXTS,
];

/// Every (English text as clap holds it, its Chinese).
pub(super) fn texts() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    PARTS.iter().flat_map(|part| part.iter())
}

/// Arguments whose English has no help text, so that their Chinese is keyed
/// by where they are: (command path, argument id, Chinese).
pub(super) const UNDOCUMENTED: &[(&str, &str, &str)] = &[
    (
        "pair list",
        "tier",
        "只列该层级的结对：区级（`district`）或街镇（`town`）",
    ),
    (
        "visit list",
        "kind",
        "只列该方式的走访：实地（`onsite`）、电话（`phone`）或线上（`online`）",
    ),
    ("ticket amend", "summary", "改正后的问题内容"),
    ("ticket amend", "category", "改正后的类别"),
    ("ticket list", "category", "只列该类别的问题"),
    ("config set", "key", "设置项：`db`、`user` 或 `lang`"),
    ("config set", "value", "设置的值"),
    ("config get", "key", "设置项：`db`、`user` 或 `lang`"),
    ("config unset", "key", "设置项：`db`、`user` 或 `lang`"),
    ("completions", "shell", "命令行外壳"),
];

/// clap's heading of the usage line ("Usage").
pub(super) const USAGE: &str = "用法";
/// clap's heading of the subcommands ("Commands").
pub(super) const COMMANDS: &str = "命令";
/// clap's heading of the positional arguments ("Arguments").
pub(super) const ARGUMENTS: &str = "参数";
/// clap's heading of the options ("Options").
pub(super) const OPTIONS: &str = "选项";
/// What the usage line says for the options ("[OPTIONS]").
pub(super) const OPTIONS_TAG: &str = "[选项]";
/// The placeholder of a subcommand in the usage line ("COMMAND").
pub(super) const COMMAND: &str = "命令";
/// What clap shows after an argument's help: "[env: …]", "[default: …]",
/// "[possible values: …]" and the "Possible values:" list of the long help.
pub(super) const ENV: &str = "环境变量";
pub(super) const DEFAULT: &str = "默认";
pub(super) const POSSIBLE_VALUES: &str = "可选值";
