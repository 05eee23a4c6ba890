//! The settings file (`config.toml` in the platform's config directory, or
//! `$QIANQI_CONFIG`): defaults for the database, the user and the language,
//! so that nobody needs environment variables. A flag beats the
//! environment, which beats this file, which beats the built-in default.

use crate::error::input;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The keys the file may hold, each with the environment variable it stands in for.
pub(crate) const KEYS: [(&str, &str, &str); 3] = [
    ("db", "QIANQI_DB", "database file"),
    (
        "user",
        "QIANQI_USER",
        "your cadre code, for --cadre and --by",
    ),
    ("lang", "QIANQI_LANG", "en or zh"),
];

/// Where the settings are: `$QIANQI_CONFIG`, else `qianqi/config.toml` in
/// the config directory (`~/.config` on Linux, `%APPDATA%` on Windows).
pub(crate) fn path() -> Option<PathBuf> {
    match std::env::var_os("QIANQI_CONFIG") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => dirs::config_dir().map(|d| d.join("qianqi").join("config.toml")),
    }
}

/// The settings in the file; none when it does not exist.
pub(crate) fn read(path: &std::path::Path) -> Result<BTreeMap<String, String>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            let shown = path.display();
            return Err(e).with_context(|| crate::tr!("reading {shown}", "读取 {shown}"));
        }
    };
    toml::from_str(&text).map_err(|e| {
        let (shown, why) = (path.display(), e.message());
        let before = e
            .span()
            .and_then(|s| text.get(..s.start))
            .unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        input(crate::tr!(
            "{shown} is not a settings file: {why}; each line is key = \"value\"",
            "{shown} 不是设置文件：第{line}行有误；每行应写成 键 = \"值\""
        ))
    })
}

/// Writes the settings, replacing the file only when it is complete.
pub(crate) fn write(path: &std::path::Path, settings: &BTreeMap<String, String>) -> Result<()> {
    let dir = crate::db::dir_of(path);
    let (d, shown) = (dir.display(), path.display());
    std::fs::create_dir_all(dir).with_context(|| crate::tr!("creating {d}", "创建目录 {d}"))?;
    let text = toml::to_string(settings)?;
    let tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| crate::tr!("creating a file in {d}", "在 {d} 中创建文件"))?;
    std::fs::write(tmp.path(), text)?;
    tmp.persist(path)
        .with_context(|| crate::tr!("writing {shown}", "写入 {shown}"))?;
    Ok(())
}

/// A key the file may hold, or an error listing them.
pub(crate) fn key(name: &str) -> Result<(&'static str, &'static str)> {
    KEYS.iter()
        .find(|(k, _, _)| *k == name.trim())
        .map(|(k, var, _)| (*k, *var))
        .ok_or_else(|| {
            let known = KEYS.map(|(k, _, _)| k);
            let en = known.join(", ");
            let zh = known.map(|k| format!("`{k}`")).join("、");
            input(crate::tr!(
                "{name:?} is not a setting; use {en}",
                "{name:?}不是设置项；可用：{zh}"
            ))
        })
}

/// Stands the file's settings in for the environment variables that are
/// not set, before the command line is parsed, so that clap applies the
/// precedence flag > environment > file > default. Called once, from main,
/// before any other thread exists.
pub(crate) fn apply_to_env() -> Result<()> {
    let Some(path) = path() else { return Ok(()) };
    let settings = read(&path)?;
    for (k, var, _) in KEYS {
        if let Some(v) = settings.get(k) {
            if std::env::var_os(var).is_none_or(|e| e.is_empty()) {
                std::env::set_var(var, v);
            }
        }
    }
    Ok(())
}
