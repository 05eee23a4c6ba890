//! The command line in Chinese (`--lang zh`): the help of every command,
//! and clap's parse errors as one line.
//!
//! The English doc comments stay the one source of the command tree.
//! `command` takes the tree clap derives from them and puts in the Chinese
//! of `zh_texts` for every about, help and possible value, and Chinese for
//! what clap itself writes in English: the headings, the usage line, the help
//! and version flags, the help command, and the environment variable, default
//! and possible values of an argument. The tree parses exactly as the English
//! one does; only its words differ.

use super::zh_texts::{
    texts, ARGUMENTS, COMMAND, COMMANDS, DEFAULT, ENV, OPTIONS, OPTIONS_TAG, POSSIBLE_VALUES,
    UNDOCUMENTED, USAGE,
};
use super::Cli;
use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// The Chinese of an English text; the English itself where the table has
/// none, which `tests` make sure never happens.
fn zh(english: &str) -> String {
    chinese(english).unwrap_or(english).to_string()
}

/// The Chinese of an English text, if the table has it.
fn chinese(english: &str) -> Option<&'static str> {
    texts().find(|(en, _)| *en == english).map(|(_, zh)| *zh)
}

/// The Chinese help of an argument that has no English one.
fn undocumented(path: &str, id: &str) -> Option<&'static str> {
    UNDOCUMENTED
        .iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .map(|(_, _, zh)| *zh)
}

/// The command tree in Chinese, built and ready to parse.
pub(super) fn command() -> Command {
    let mut cmd = localise(Cli::command(), "");
    // clap adds the help command to each group when it builds the tree;
    // then its text and every usage line can be put in Chinese too.
    cmd.build();
    finish(&mut cmd);
    cmd
}

/// Parses a command line with the Chinese tree.
pub(super) fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let mut cmd = command();
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))
}

/// One command (`path`, e.g. "ticket add") and its subcommands, before clap
/// builds the tree.
fn localise(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = cmd.get_about() {
        let about = zh(&about.to_string());
        cmd = cmd.about(about);
    }
    if let Some(long) = cmd.get_long_about() {
        let long = zh(&long.to_string());
        cmd = cmd.long_about(long);
    }
    if let Some(after) = cmd.get_after_help() {
        let after = zh(&after.to_string());
        cmd = cmd.after_help(after);
    }
    // Where `--help` shows more than `-h` in English, it does in Chinese.
    let long = cmd.get_long_about().is_some()
        || cmd
            .get_arguments()
            .any(|a| a.get_long_help().is_some() || !described(a).is_empty());
    cmd = cmd.mut_args(|a| argument(a, path, long));
    cmd = cmd.disable_help_flag(true).arg(help_flag(long));
    if cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zh("Print version"))
                .help_heading(OPTIONS),
        );
    }
    cmd = in_headings_order(cmd);
    let usage = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{USAGE}:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        usage.render(),
        usage.render_reset()
    );
    cmd.subcommand_help_heading(COMMANDS)
        .subcommand_value_name(COMMAND)
        .help_template(template)
        .mut_subcommands(|sub| {
            let path = format!("{path} {}", sub.get_name());
            localise(sub, path.trim_start())
        })
}

/// The possible values of an argument when one of them has a help of its
/// own; clap lists them one a line in the long help.
fn described(a: &Arg) -> Vec<PossibleValue> {
    let values = values(a);
    if values.iter().any(|v| v.get_help().is_some()) {
        values
    } else {
        Vec::new()
    }
}

/// The possible values clap would show for an argument.
fn values(a: &Arg) -> Vec<PossibleValue> {
    if !a.get_action().takes_values() {
        return Vec::new();
    }
    a.get_value_parser()
        .possible_values()
        .map(|v| v.filter(|v| !v.is_hide_set()).collect())
        .unwrap_or_default()
}

/// An argument's Chinese help and heading, with what clap would add after
/// the help in English (environment variable, default, possible values)
/// written in Chinese instead; `path` is its command's, and `long` whether
/// the command has a long help, in which these notes are a paragraph of
/// their own.
fn argument(a: Arg, path: &str, long: bool) -> Arg {
    let help = match a.get_help() {
        Some(h) => zh(&h.to_string()),
        None => undocumented(path, a.get_id().as_str())
            .unwrap_or_default()
            .to_string(),
    };
    let heading = match a.get_help_heading() {
        Some(h) => chinese(h),
        None if a.is_positional() => Some(ARGUMENTS),
        None => Some(OPTIONS),
    };
    let mut notes = Vec::new();
    if let Some(var) = a.get_env() {
        notes.push(format!("[{ENV}：{}]", var.to_string_lossy()));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        // As clap writes them: quoted when empty or holding a space.
        .map(|v| {
            if v.is_empty() || v.contains(char::is_whitespace) {
                format!("{v:?}")
            } else {
                v
            }
        })
        .collect();
    if a.get_action().takes_values() && !defaults.is_empty() {
        notes.push(format!("[{DEFAULT}：{}]", defaults.join(" ")));
    }
    let values = values(&a);
    let listed = (!values.is_empty()).then(|| {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        format!("[{POSSIBLE_VALUES}：{}]", names.join("、"))
    });
    let paragraphs = |parts: &[String], sep: &str| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(sep)
    };
    let all_notes: Vec<String> = notes.iter().cloned().chain(listed.clone()).collect();
    let short = paragraphs(&[help.clone(), all_notes.join(" ")], " ");
    let described = described(&a);
    let long_help = if !described.is_empty() {
        let width = described
            .iter()
            .map(|v| v.get_name().len())
            .max()
            .unwrap_or(0);
        let list: Vec<String> = described
            .iter()
            .map(|v| {
                let name = v.get_name();
                match v.get_help() {
                    Some(h) => {
                        let pad = " ".repeat(width - name.len());
                        format!("- {name}：{pad}{}", zh(&h.to_string()))
                    }
                    None => format!("- {name}"),
                }
            })
            .collect();
        let list = format!("{POSSIBLE_VALUES}：\n{}", list.join("\n"));
        Some(paragraphs(&[help, list, notes.join("\n")], "\n\n"))
    } else if long && !all_notes.is_empty() {
        Some(paragraphs(&[help, all_notes.join("\n")], "\n\n"))
    } else {
        None
    };
    let mut a = a.help(short).hide_env(true);
    if a.get_action().takes_values() {
        a = a.hide_default_value(true).hide_possible_values(true);
    }
    if let Some(heading) = heading {
        a = a.help_heading(heading);
    }
    match long_help {
        Some(l) => a.long_help(l),
        None => a,
    }
}

/// `-h`/`--help` in Chinese; `long` when `--help` shows more than `-h`.
fn help_flag(long: bool) -> Arg {
    let flag = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help_heading(OPTIONS);
    if long {
        flag.help(zh("Print help (see more with '--help')"))
            .long_help(zh("Print help (see a summary with '-h')"))
    } else {
        flag.help(zh("Print help"))
    }
}

/// clap prints the headings in the order their arguments come: the
/// arguments, then the options, then the global options, as in English.
fn in_headings_order(mut cmd: Command) -> Command {
    let ids = |cmd: &Command, global: bool| -> Vec<String> {
        cmd.get_arguments()
            .filter(|a| !a.is_positional() && a.is_global_set() == global)
            .map(|a| a.get_id().to_string())
            .collect()
    };
    // Moving an argument puts it last, and keeps its place in its section.
    for id in ids(&cmd, false).into_iter().chain(ids(&cmd, true)) {
        cmd = cmd.mut_arg(id, |a| a);
    }
    // Under a heading of its own, clap sorts the arguments by name unless
    // they have a place; give them the one they have in English.
    let mut place = 0;
    cmd.mut_args(|a| {
        if a.is_positional() {
            place += 1;
            a.display_order(place)
        } else {
            a
        }
    })
}

/// After the tree is built: the help commands clap added, and every usage
/// line with clap's `[OPTIONS]` in Chinese.
fn finish(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage:").unwrap_or(&usage);
    // Lines after the first line up under it, after "用法: ".
    let indent = format!("\n{}", " ".repeat(USAGE.chars().count() * 2 + 2));
    let usage = usage
        .lines()
        .map(|l| l.trim().replace("[OPTIONS]", OPTIONS_TAG))
        .collect::<Vec<_>>()
        .join(&indent);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        if sub.get_name() == "help" {
            help_command(sub);
        } else {
            finish(sub);
        }
    }
}

/// clap's help command, and the copies of the tree under it.
fn help_command(cmd: &mut Command) {
    if let Some(about) = cmd.get_about() {
        let about = zh(&about.to_string());
        *cmd = std::mem::take(cmd).about(about);
    }
    for sub in cmd.get_subcommands_mut() {
        help_command(sub);
    }
}

/// clap's parse error as one line in Chinese: what was wrong, and what is
/// accepted.
pub(super) fn error_line(e: &clap::Error) -> String {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    let one = |k| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        _ => None,
    };
    let many = |k| match e.get(k) {
        Some(V::Strings(v)) => v.clone(),
        Some(V::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let number = |k| match e.get(k) {
        Some(V::Number(n)) => *n,
        _ => 0,
    };
    let arg = one(C::InvalidArg).unwrap_or_default();
    let value = one(C::InvalidValue).unwrap_or_default();
    let mut line = match e.kind() {
        K::InvalidValue if value.is_empty() => format!("{arg} 缺少值"),
        K::InvalidValue => format!("{arg} 不接受“{value}”"),
        K::ValueValidation => format!("{arg} 的值“{value}”不对：{}", reason(e, &value)),
        K::UnknownArgument => format!("无法识别的参数“{arg}”"),
        K::InvalidSubcommand => format!(
            "无法识别的命令“{}”",
            one(C::InvalidSubcommand).unwrap_or_default()
        ),
        K::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", many(C::InvalidArg).join("、"))
        }
        K::MissingSubcommand => format!(
            "“{}”后面缺少子命令",
            one(C::InvalidSubcommand).unwrap_or_default()
        ),
        K::ArgumentConflict => match e.get(C::PriorArg) {
            Some(V::String(prior)) if *prior == arg => format!("{arg} 只能给一次"),
            Some(V::String(prior)) => format!("{arg} 不能与 {prior} 同时使用"),
            Some(V::Strings(prior)) => {
                format!("{arg} 不能与 {} 同时使用", prior.join("、"))
            }
            _ => format!("{arg} 不能与其他参数同时使用"),
        },
        K::NoEquals => format!("{arg} 的值要用等号给出：{arg}=值"),
        K::TooManyValues => format!("{arg} 不接受多余的值“{value}”"),
        K::TooFewValues => format!(
            "{arg} 需要 {} 个值，只给了 {} 个",
            number(C::MinValues),
            number(C::ActualNumValues)
        ),
        K::WrongNumberOfValues => format!(
            "{arg} 需要 {} 个值，却给了 {} 个",
            number(C::ExpectedNumValues),
            number(C::ActualNumValues)
        ),
        K::InvalidUtf8 => "命令行中有不是 UTF-8 编码的文字".to_string(),
        _ => "命令行有误".to_string(),
    };
    let valid = many(C::ValidValue);
    if !valid.is_empty() {
        line.push_str(&format!("；{POSSIBLE_VALUES}：{}", valid.join("、")));
    }
    let commands = many(C::ValidSubcommand);
    if !commands.is_empty() {
        line.push_str(&format!("；可用的子命令：{}", commands.join("、")));
    }
    let similar: Vec<String> = [C::SuggestedSubcommand, C::SuggestedArg, C::SuggestedValue]
        .into_iter()
        .flat_map(many)
        .collect();
    if !similar.is_empty() {
        line.push_str(&format!("；是不是要写 {}？", similar.join(" 或 ")));
    }
    if let Some(V::StyledStrs(tips)) = e.get(C::Suggested) {
        for tip in tips {
            if let Some(tip) = tip_zh(&tip.to_string()) {
                line.push_str(&format!("；{tip}"));
            }
        }
    }
    line
}

/// clap's tips, in Chinese; none for a tip this version of clap does not give.
fn tip_zh(tip: &str) -> Option<String> {
    let quoted: Vec<&str> = tip.split('\'').skip(1).step_by(2).collect();
    if tip.starts_with("to pass ") {
        let (arg, escaped) = (quoted.first()?, quoted.get(1)?);
        Some(format!("若“{arg}”是值而不是选项，请写成 {escaped}"))
    } else if tip.ends_with(" exists") {
        Some(format!("是不是要写 {}？", quoted.first()?))
    } else {
        None
    }
}

/// Why a value was refused: clap's own reasons in Chinese, the message of
/// qianqi's own value parsers as they wrote it.
fn reason(e: &clap::Error, value: &str) -> String {
    use std::num::IntErrorKind;
    let Some(source) = std::error::Error::source(e) else {
        return String::new();
    };
    if let Some(p) = source.downcast_ref::<std::num::ParseIntError>() {
        let negative = value
            .strip_prefix('-')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        return match p.kind() {
            IntErrorKind::Empty => "不能为空",
            IntErrorKind::InvalidDigit if negative => "不能为负数",
            IntErrorKind::PosOverflow => "数太大",
            IntErrorKind::NegOverflow => "数太小",
            IntErrorKind::Zero => "不能为0",
            _ => "应为整数",
        }
        .to_string();
    }
    let text = source.to_string();
    // clap's range check: "{value} is not in {start}..={end}".
    if let Some((_, range)) = text.split_once(" is not in ") {
        return match range.split_once("..") {
            Some((lo, hi)) if hi.starts_with('=') && !lo.is_empty() => {
                format!("应在 {lo} 到 {} 之间", &hi[1..])
            }
            Some((lo, "")) => format!("不能小于 {lo}"),
            Some(("", hi)) if hi.starts_with('=') => format!("不能大于 {}", &hi[1..]),
            _ => format!("应在 {range} 之内"),
        };
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every text of the English tree as clap builds it (with its help
    /// command and flags), each with where it is.
    fn english_texts() -> Vec<(String, Option<String>)> {
        fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, Option<String>)>) {
            let mut text = |what: &str, t: Option<String>| out.push((format!("{path}: {what}"), t));
            text("about", cmd.get_about().map(|s| s.to_string()));
            if let Some(l) = cmd.get_long_about() {
                text("long about", Some(l.to_string()));
            }
            if let Some(l) = cmd.get_after_help() {
                text("after help", Some(l.to_string()));
            }
            // Texts the Chinese tree does not put in Chinese yet.
            for (what, t) in [
                ("before help", cmd.get_before_help()),
                ("before long help", cmd.get_before_long_help()),
                ("after long help", cmd.get_after_long_help()),
            ] {
                if let Some(t) = t {
                    text(
                        what,
                        Some(format!("{t} (not put in Chinese by zh::localise)")),
                    );
                }
            }
            for a in cmd.get_arguments() {
                if a.is_global_set() && !path.is_empty() {
                    continue;
                }
                let id = a.get_id().as_str();
                match a.get_help() {
                    Some(h) => text(id, Some(h.to_string())),
                    None => text(id, None),
                }
                if let Some(l) = a.get_long_help() {
                    text(&format!("{id} (long)"), Some(l.to_string()));
                }
                if let Some(h) = a.get_help_heading() {
                    text(&format!("{id} (heading)"), Some(h.to_string()));
                }
                for v in a.get_possible_values() {
                    if let Some(h) = v.get_help() {
                        text(&format!("{id}={}", v.get_name()), Some(h.to_string()));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, format!("{path} {}", sub.get_name()).trim_start(), out);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut out = Vec::new();
        walk(&cmd, "", &mut out);
        out
    }

    #[test]
    fn every_text_of_the_command_tree_has_its_chinese() {
        let mut missing = Vec::new();
        for (place, text) in english_texts() {
            let found = match &text {
                Some(t) => texts().any(|(en, _)| en == t),
                None => {
                    let (path, id) = place.split_once(": ").unwrap();
                    undocumented(path, id).is_some()
                }
            };
            if !found {
                missing.push(format!("{place}: {text:?}"));
            }
        }
        assert!(
            missing.is_empty(),
            "no Chinese in src/cli/zh_texts/ for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_chinese_text_is_still_used() {
        let tree = english_texts();
        let used: BTreeSet<&str> = tree.iter().filter_map(|(_, t)| t.as_deref()).collect();
        let unused: Vec<&str> = texts()
            .map(|(en, _)| *en)
            .filter(|en| !used.contains(en))
            .collect();
        assert!(
            unused.is_empty(),
            "English texts no command has: {unused:#?}"
        );
        for (path, id, _) in UNDOCUMENTED {
            let place = format!("{path}: {id}");
            assert!(
                tree.iter().any(|(p, t)| *p == place && t.is_none()),
                "{place} is not an argument without an English help"
            );
        }
        let mut seen = BTreeSet::new();
        for (en, _) in texts() {
            assert!(seen.insert(en), "{en:?} is in the table twice");
        }
    }

    /// The Chinese tree reads a command line exactly as the English one.
    #[test]
    fn the_chinese_tree_parses_as_the_english_one() {
        for line in [
            "qianqi --lang zh visit 金美 --on 今天 --tasks 建档案、解难题 --people 2",
            "qianqi visit list --from 2022-01-01 --format csv --limit 0 -o x.csv",
            "qianqi ticket add 金美 融资难 --category 融资贷款 --cadre C01",
            "qianqi report reconcile --by town --expect collected=777 --encoding gbk",
            "qianqi --busy-timeout 10 --color never export visits --plain",
            "qianqi unit add T01 古南街道 --kind town --db x.db",
            "qianqi completions bash",
        ] {
            // The flag, because another test sets its variable meanwhile.
            let line = format!("{line} --allow-network-fs");
            let args: Vec<&str> = line.split(' ').collect();
            let en = <Cli as clap::Parser>::try_parse_from(&args).unwrap();
            let zh = parse(args.iter().map(OsString::from).collect()).unwrap();
            assert_eq!(format!("{en:?}"), format!("{zh:?}"), "{line}");
        }
    }

    #[test]
    fn help_and_errors_are_chinese() {
        let help = command().render_long_help().to_string();
        for heading in ["用法: qianqi [选项] <命令>", "命令:", "选项:", "全局选项:"] {
            assert!(help.contains(heading), "{heading} in {help}");
        }
        let fails = |line: &str| {
            let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
            error_line(&parse(args).unwrap_err())
        };
        assert_eq!(
            fails("qianqi visit list --fro x"),
            "无法识别的参数“--fro”；是不是要写 --from？"
        );
        assert_eq!(
            fails("qianqi --busy-timeout 99999999999 check"),
            "--busy-timeout <MS> 的值“99999999999”不对：应在 0 到 86400000 之间"
        );
        assert_eq!(
            fails("qianqi --busy-timeout -1 check"),
            "--busy-timeout <MS> 的值“-1”不对：不能为负数"
        );
        assert_eq!(
            fails("qianqi visit list --format xx"),
            "--format <FORMAT> 不接受“xx”；可选值：table、csv、json"
        );
    }
}
