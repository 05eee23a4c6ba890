//! Under `--lang zh` (or `QIANQI_LANG=zh`, or `lang = "zh"` in the settings
//! file) the command line speaks Chinese: the help of every command, the
//! command list, and clap's parse errors. An English word in them fails these
//! tests unless it is something the person types or reads as it is.

use crate::harness::Env;
use clap::CommandFactory;
use qianqi::cli::Cli;
use std::collections::BTreeSet;

/// English words a Chinese help or error may hold besides what the command
/// line defines, each with why Chinese text writes it so.
const ALLOWED: &[(&str, &str)] = &[
    ("qianqi", "the program's name"),
    ("CSV", "the file format; Chinese says CSV too"),
    ("JSON", "the file format; no Chinese name"),
    ("xlsx", "a file name's extension"),
    ("xls", "a file name's extension"),
    ("ods", "a file name's extension"),
    ("HTML", "the page format; no Chinese name"),
    ("SVG", "the picture format a report is drawn in"),
    ("CSS", "the style sheet format a report carries"),
    ("UTF", "UTF-8, the encoding's name"),
    ("GBK", "the encoding's name"),
    ("GB", "GB18030, the standard's name"),
    (
        "BOM",
        "the byte-order mark, which Excel users know by this name",
    ),
    ("Excel", "a product's name"),
    ("WPS", "a product's name"),
    ("SQLite", "a product's name"),
    ("PostgreSQL", "a product's name"),
    ("NFS", "a network file system's name"),
    ("SMB", "a network file system's name"),
    ("CIFS", "a network file system's name"),
    ("ISO", "ISO 周, the week numbering of ISO 8601"),
];

/// Every command of the English tree: its path, and the command.
fn commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), Vec::new(), &mut out);
    out
}

/// The words a command's help may show as they are typed: the command's
/// path and its subcommands' names, and of its arguments (and the global
/// ones) the value names, possible values and defaults.
fn typed_words(path: &[String], cmd: &clap::Command) -> BTreeSet<String> {
    let root = Cli::command();
    let mut words: Vec<String> = path.to_vec();
    words.push("help".into());
    words.extend(cmd.get_subcommands().map(|s| s.get_name().to_string()));
    // The command list shows the subcommands' abouts, which may name their values.
    let args = cmd.get_subcommands().flat_map(|s| s.get_arguments());
    for a in cmd.get_arguments().chain(root.get_arguments()).chain(args) {
        words.extend(
            a.get_value_names()
                .into_iter()
                .flatten()
                .map(|n| n.to_string()),
        );
        if a.get_action().takes_values() {
            words.extend(
                a.get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned()),
            );
            let values = a.get_value_parser().possible_values().into_iter().flatten();
            words.extend(values.map(|v| v.get_name().to_string()));
        }
    }
    words.extend(ALLOWED.iter().map(|(w, _)| w.to_string()));
    words.iter().flat_map(|w| letters(w)).collect()
}

/// The runs of two or more ASCII letters in `text`, lowercased.
fn letters(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The English words of `text` that are not in `typed`, once taken out what
/// is written as it is typed: text in backticks, the person's own input in
/// “…”, placeholders (`<DATE>`), flags (`--from`, `-h`) and environment
/// variables (`QIANQI_DB`).
fn english(text: &str, typed: &BTreeSet<String>) -> BTreeSet<String> {
    let outside = |text: &str, open: char, close: char| -> String {
        let mut out = String::new();
        let mut inside = false;
        for c in text.chars() {
            if inside {
                inside = c != close;
            } else if c == open {
                inside = true;
            } else {
                out.push(c);
            }
        }
        out
    };
    let text = outside(&outside(&outside(text, '`', '`'), '“', '”'), '<', '>');
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "-_$".contains(c)))
        .filter(|t| !t.starts_with('-'))
        .filter(|t| !is_variable(t))
        .flat_map(letters)
        .filter(|w| !typed.contains(w))
        .collect()
}

/// An environment variable's name: `QIANQI_DB`, `$QIANQI_DB`, `NO_COLOR`.
fn is_variable(token: &str) -> bool {
    token.contains('_') && !token.chars().any(|c| c.is_ascii_lowercase())
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_help_is_chinese_under_lang_zh() {
    let env = Env::bare();
    let mut english_found = Vec::new();
    let mut pages = 0;
    for (path, cmd) in commands() {
        let typed = typed_words(&path, &cmd);
        for flag in ["--help", "-h"] {
            let mut args = vec!["--lang", "zh"];
            args.extend(path.iter().map(String::as_str));
            args.push(flag);
            let o = env.run(&args);
            assert_eq!(o.status, 0, "{args:?}:\n{}", o.transcript());
            assert!(
                o.stdout.contains("用法: qianqi") && has_chinese(&o.stdout),
                "{args:?}:\n{}",
                o.stdout
            );
            let words = english(&o.stdout, &typed);
            if !words.is_empty() {
                english_found.push(format!("{args:?}: {words:?}"));
            }
            pages += 1;
        }
    }
    assert!(
        english_found.is_empty(),
        "English in the Chinese help:\n{}",
        english_found.join("\n")
    );
    // Every command of the tree, and the tree is not tiny.
    assert!(pages > 100, "{pages} pages");
}

#[test]
fn qianqi_alone_and_the_help_command_list_the_commands_in_chinese() {
    let env = Env::bare();
    let root = Cli::command();
    let typed = typed_words(&[], &root);
    for args in [&["--lang", "zh"][..], &["--lang=zh"]] {
        let o = env.run(args);
        assert_eq!(o.status, 2, "{}", o.transcript());
        assert!(
            o.stderr.contains("命令:") && o.stderr.contains("全局选项:"),
            "{}",
            o.stderr
        );
        assert_eq!(english(&o.stderr, &typed), BTreeSet::new(), "{}", o.stderr);
    }
    // Through the environment variable, and through the settings file.
    let o = env.run_with(
        {
            let mut c = env.command();
            c.env("QIANQI_LANG", "zh");
            c
        },
        &[],
        None,
    );
    assert_eq!(o.status, 2);
    assert!(
        o.stderr.contains("显示本说明，或所给命令的帮助"),
        "{}",
        o.stderr
    );
    env.ok(&["config", "set", "lang", "zh"]);
    let help = env.ok(&["help", "visit"]);
    assert!(help.starts_with("登记一次走访"), "{help}");
    assert!(help.contains("全局选项:\n      --db <PATH>"), "{help}");
    let visit = commands()
        .into_iter()
        .find(|(p, _)| p == &["visit"])
        .unwrap();
    assert_eq!(
        english(&help, &typed_words(&visit.0, &visit.1)),
        BTreeSet::new()
    );
    // A flag beats the settings file.
    assert!(env
        .ok(&["--lang", "en", "visit", "--help"])
        .starts_with("Log a visit"));
}

#[test]
fn the_headings_defaults_and_values_are_chinese_and_in_their_places() {
    let env = Env::bare();
    let help = env.ok(&["--lang", "zh", "visit", "--help"]);
    let at = |s: &str| help.find(s).unwrap_or_else(|| panic!("{s} in\n{help}"));
    assert!(at("用法: qianqi visit [选项] <ENTERPRISE>\n      qianqi visit <命令>") < at("命令:"));
    assert!(
        at("命令:") < at("参数:") && at("参数:") < at("选项:") && at("选项:") < at("全局选项:")
    );
    assert!(
        help.contains("--kind <KIND>      走访方式：实地（`onsite`）"),
        "{help}"
    );
    assert!(
        help.contains("[默认：onsite]") && help.contains("[默认：\"\"]"),
        "{help}"
    );
    assert!(help.contains("[环境变量：QIANQI_USER]"), "{help}");
    assert!(help.contains("-h, --help             显示帮助\n"), "{help}");
    // The long help lists described values one a line, as clap does in English.
    let export = env.ok(&["--lang", "zh", "export", "--help"]);
    assert!(
        export.contains("可选值：\n          - units：      单位（部门和街镇）"),
        "{export}"
    );
    assert!(env
        .ok(&["--lang", "zh", "export", "-h"])
        .contains("显示帮助（用 --help 看完整说明）"));
    assert_eq!(env.ok(&["--lang", "zh", "-V"]), env.ok(&["-V"]));
}

#[test]
fn parse_errors_are_one_chinese_line() {
    let env = Env::new();
    let mut typed = BTreeSet::new();
    for (path, cmd) in commands() {
        typed.extend(typed_words(&path, &cmd));
    }
    for (args, says) in [
        (
            &["visit", "list", "--fro", "x"][..],
            "无法识别的参数“--fro”；是不是要写 --from？",
        ),
        (
            &["ticket"],
            "“qianqi ticket”后面缺少子命令；可用的子命令：add、assign",
        ),
        (&["ticket", "lst"], "无法识别的命令“lst”；是不是要写 list？"),
        (&["visit", "--on"], "--on <DATE> 缺少值"),
        (
            &["visit", "list", "--format", "xx"],
            "--format <FORMAT> 不接受“xx”；可选值：table、csv、json",
        ),
        (
            &["--busy-timeout", "-1", "check"],
            "--busy-timeout <MS> 的值“-1”不对：不能为负数",
        ),
        (
            &["--busy-timeout", "99999999999", "check"],
            "的值“99999999999”不对：应在 0 到 86400000 之间",
        ),
        (
            &["generate", "--scale", "x"],
            "--scale <SCALE> 的值“x”不对：应为整数",
        ),
        (
            &["unit", "add"],
            "缺少必需的参数：--kind <KIND>、<CODE>、<NAME>",
        ),
        (
            &["completions", "tcsh"],
            "<SHELL> 不接受“tcsh”；可选值：bash、elvish、fish、powershell、zsh；是不是要写 zsh？",
        ),
        (
            &[
                "visit",
                "list",
                "--from",
                "2022-01-01",
                "--from",
                "2022-01-02",
            ],
            "--from <DATE> 只能给一次",
        ),
        (
            &["--allow-network-fs=maybe", "check"],
            "--allow-network-fs 不接受多余的值“maybe”",
        ),
        (&["unit", "list", "extra"], "无法识别的参数“extra”"),
        (
            &["--lang", "fr", "check"],
            "--lang <LANG> 不接受“fr”；可选值：en、zh",
        ),
        (&["help", "nothing"], "无法识别的命令“nothing”"),
    ] {
        let mut line = vec!["--lang", "zh"];
        if args[0] == "--lang" {
            // The language is the one in error: the settings file gives it.
            env.ok(&["config", "set", "lang", "zh"]);
            line.clear();
        }
        line.extend(args);
        let got = env.fails(2, &line);
        assert!(got.contains(says), "{line:?}: {got}");
        assert_eq!(english(&got, &typed), BTreeSet::new(), "{line:?}: {got}");
        env.ok(&["config", "unset", "lang"]);
    }
    // English stays as it was.
    assert_eq!(
        env.fails(2, &["visit", "list", "--fro", "x"]),
        "qianqi: unexpected argument '--fro' found tip: a similar argument exists: '--from'"
    );
    assert!(env
        .ok(&["visit", "--help"])
        .contains("Usage: qianqi visit [OPTIONS] <ENTERPRISE>"));
}

#[test]
fn completions_follow_the_language() {
    let env = Env::bare();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.ok(&["--lang", "zh", "completions", shell]);
        assert!(out.contains("enterprise"), "{shell}");
    }
    let fish = env.ok(&["--lang", "zh", "completions", "fish"]);
    assert!(fish.contains("登记一次走访"), "{fish}");
}
