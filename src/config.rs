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
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    toml::from_str(&text).map_err(|e| {
        input(format!(
            "{} is not a settings file: {}; each line is key = \"value\"",
            path.display(),
            e.message()
        ))
    })
}

/// Writes the settings, replacing the file only when it is complete.
pub(crate) fn write(path: &std::path::Path, settings: &BTreeMap<String, String>) -> Result<()> {
    let dir = crate::db::dir_of(path);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let text = toml::to_string(settings)?;
    let tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))?;
    std::fs::write(tmp.path(), text)?;
    tmp.persist(path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// A key the file may hold, or an error listing them.
pub(crate) fn key(name: &str) -> Result<(&'static str, &'static str)> {
    KEYS.iter()
        .find(|(k, _, _)| *k == name.trim())
        .map(|(k, var, _)| (*k, *var))
        .ok_or_else(|| {
            let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
            input(format!(
                "{name:?} is not a setting; use {}",
                known.join(", ")
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
