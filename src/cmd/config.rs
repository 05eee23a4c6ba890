//! `qianqi config set|get|unset|list|path`

use super::{done, Ctx, Outcome};
use crate::config;
use crate::error::input;
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Cmd {
    /// Keep a setting: db (database file), user (your cadre code), lang (en or zh).
    Set { key: String, value: String },
    /// Print a setting (exit status 1 when it is not set).
    Get { key: String },
    /// Forget a setting.
    Unset { key: String },
    /// Print every setting kept.
    List,
    /// Print where the settings are kept.
    Path,
}

impl Cmd {
    pub(crate) fn run(self, _ctx: &Ctx) -> Result<Outcome> {
        let path = config::path().ok_or_else(|| {
            input(crate::tr!(
                "this system has no config directory; set QIANQI_CONFIG to a file",
                "本系统没有存放设置的目录；请把 QIANQI_CONFIG 设为一个文件"
            ))
        })?;
        let shown = path.display();
        let mut settings = config::read(&path)?;
        match self {
            Cmd::Set { key, value } => {
                let (key, _) = config::key(&key)?;
                let value = value.trim();
                if key == "lang" && !crate::domain::Lang::ALL.iter().any(|(_, n)| *n == value) {
                    return Err(input(crate::tr!(
                        "lang {value:?} is not a language; use en or zh",
                        "{value:?}不是可用的语言；可用：`en`（英文）或 `zh`（中文）"
                    )));
                }
                if value.is_empty() {
                    return Err(input(crate::tr!(
                        "{key} needs a value; use config unset {key} to forget it",
                        "设置项 `{key}` 须有值；要删除它请用 `qianqi config unset {key}`"
                    )));
                }
                settings.insert(key.to_string(), value.to_string());
                config::write(&path, &settings)?;
                done(crate::tr!(
                    "{key} = {value} (in {shown})",
                    "已设置 `{key} = {value}`（保存在 {shown}）"
                ));
            }
            Cmd::Get { key } => {
                let (key, _) = config::key(&key)?;
                match settings.get(key) {
                    Some(v) => println!("{v}"),
                    None => return Ok(Outcome::Findings),
                }
            }
            Cmd::Unset { key } => {
                let (key, _) = config::key(&key)?;
                if settings.remove(key).is_some() {
                    config::write(&path, &settings)?;
                }
                done(crate::tr!(
                    "{key} is not set (in {shown})",
                    "设置项 `{key}` 未设置（{shown}）"
                ));
            }
            Cmd::List => {
                for (k, v) in &settings {
                    println!("{k} = {v}");
                }
            }
            Cmd::Path => println!("{}", path.display()),
        }
        Ok(Outcome::Clean)
    }
}
