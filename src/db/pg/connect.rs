//! Reaching a PostgreSQL server: the URL, the password (never from the
//! command line: from `PGPASSWORD` or the password file, as libpq does), and
//! one line for each way a connection fails, naming the server and database
//! with any password taken out.

use crate::error::input;
use anyhow::Result;
use postgres::config::Host;
use postgres::{Client, Config, NoTls};
use std::time::Duration;

/// The oldest server qianqi runs on (identity columns, `CREATE AGGREGATE` of
/// the compatibility functions, `standard_conforming_strings`).
const OLDEST_SERVER: i32 = 120_000;

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
pub(crate) fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// A URL with any password in it replaced by `***`: in the user part
/// (`user:secret@`) and in a `password=` parameter.
pub(crate) fn redact(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(start) = out.find("://").map(|i| i + 3) {
        let end = out[start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| start + i);
        if let Some(at) = out[start..end].rfind('@').map(|i| start + i) {
            if let Some(colon) = out[start..at].find(':').map(|i| start + i) {
                out.replace_range(colon + 1..at, "***");
            }
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let query: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out = format!("{head}{}", query.join("&"));
    }
    out
}

/// The settings of every qianqi session, sent as the connection's startup
/// options (`-c NAME=VALUE`), so that they cost no round trip of their own.
/// Strings are standard conforming (see `super::literal`), days are read as
/// ISO, notices below warnings stay on the server, and JIT, which compiles a
/// plan for seconds that one process runs once, is off. The client encoding
/// (UTF8) is in the startup message already.
const SESSION: &[(&str, &str)] = &[
    ("standard_conforming_strings", "on"),
    ("DateStyle", "ISO,YMD"),
    ("client_min_messages", "warning"),
    ("jit", "off"),
];

/// A PostgreSQL database to connect to.
#[derive(Clone)]
pub(crate) struct Target {
    config: Config,
    /// How long a statement waits for another's lock (`lock_timeout`).
    lock_timeout: Option<Duration>,
    /// How messages name it: host, port and database, never a password.
    pub(crate) shown: String,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// Reads a PostgreSQL URL, with libpq's defaults where it is silent: the
/// Unix socket directory `/run/postgresql`, port 5432, the user named like
/// the account, the database named like the user.
pub(crate) fn parse(url: &str) -> Result<Target> {
    let mut config: Config = url.parse().map_err(|e| {
        let url = redact(url);
        input(crate::tr!(
            "--db {url} is not a PostgreSQL URL qianqi can read ({e}); write postgresql://USER@HOST:PORT/DBNAME or postgresql:///DBNAME?host=/SOCKET/DIR",
            "--db {url} 不是 qianqi 能读的 PostgreSQL 地址（{e}）；请写成 postgresql://USER@HOST:PORT/DBNAME 或 postgresql:///DBNAME?host=/SOCKET/DIR"
        ))
    })?;
    if config.get_hosts().is_empty() {
        #[cfg(unix)]
        config.host_path("/run/postgresql");
        #[cfg(not(unix))]
        config.host("localhost");
    }
    if config.get_ports().is_empty() {
        config.port(5432);
    }
    if config.get_user().is_none() {
        let user = whoami::username().unwrap_or_else(|_| "postgres".into());
        config.user(&user);
    }
    if config.get_dbname().is_none() {
        let user = config.get_user().unwrap_or_default().to_string();
        config.dbname(&user);
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    config.application_name("qianqi");
    let host = match &config.get_hosts()[0] {
        Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        Host::Unix(p) => p.display().to_string(),
    };
    let (db, port, user) = (
        config.get_dbname().unwrap_or_default(),
        config.get_ports()[0],
        config.get_user().unwrap_or_default(),
    );
    let shown = crate::tr!(
        "PostgreSQL database {db} on {host} port {port} as user {user}",
        "PostgreSQL 数据库“{db}”（{host} 端口 {port}，用户“{user}”）"
    );
    Ok(Target {
        config,
        lock_timeout: None,
        shown,
    })
}

/// Whether a server's version number (`server_version_num`) is one qianqi
/// runs on; the error naming it when not.
pub(crate) fn check_server(version: i32, shown: &str) -> Result<()> {
    if version < OLDEST_SERVER {
        let (db, major) = (shown, version / 10_000);
        return Err(anyhow::anyhow!(crate::tr!(
            "the {db} runs PostgreSQL {major}; qianqi needs PostgreSQL 12 or later",
            "{db}运行的是 PostgreSQL {major}；qianqi 需要 PostgreSQL 12 或更新版本"
        )));
    }
    Ok(())
}

impl Target {
    /// The same database, with statements waiting at most `d` for another's lock.
    pub(crate) fn with_lock_timeout(mut self, d: Duration) -> Target {
        self.lock_timeout = Some(d);
        self
    }

    /// Connects, with the password from the URL, `PGPASSWORD` or the
    /// password file, and the session's settings in the startup message;
    /// every failure is one line naming the server and database and what to
    /// check. The server's version is checked with the schema's (see
    /// `schema::migrate`), in the same query.
    pub(crate) fn connect(&self) -> Result<Client> {
        let mut config = self.config.clone();
        if config.get_password().is_none() {
            if let Some(p) = self.password() {
                config.password(p);
            }
        }
        let plain = config.clone();
        let mut options: Vec<String> = config.get_options().map(String::from).into_iter().collect();
        options.extend(SESSION.iter().map(|(k, v)| format!("-c {k}={v}")));
        if let Some(d) = self.lock_timeout {
            options.push(format!("-c lock_timeout={}", d.as_millis().max(1)));
        }
        config.options(&options.join(" "));
        config.connect(NoTls).map_err(|e| {
            // A server too old for a setting refuses it at startup: name its version.
            if e.code() == Some(&postgres::error::SqlState::UNDEFINED_OBJECT) {
                if let Some(version) = plain.connect(NoTls).ok().and_then(|mut c| {
                    c.query_one("SELECT current_setting('server_version_num')::int4", &[])
                        .ok()
                        .map(|r| r.get::<_, i32>(0))
                }) {
                    if let Err(old) = check_server(version, &self.shown) {
                        return old;
                    }
                }
            }
            self.refused(&e)
        })
    }

    /// The password libpq would use: `PGPASSWORD`, else the first matching
    /// line of the password file (`PGPASSFILE` or `~/.pgpass`), which is
    /// ignored, as libpq ignores it, when others may read it.
    fn password(&self) -> Option<String> {
        if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
            return Some(p);
        }
        let path = postgres_secrets::PgPass::locate()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).ok()?.permissions().mode();
            if mode & 0o077 != 0 {
                return None;
            }
        }
        let file = postgres_secrets::PgPass::open(&path).ok()?;
        let host = match &self.config.get_hosts()[0] {
            Host::Tcp(h) => h.clone(),
            #[cfg(unix)]
            Host::Unix(_) => "localhost".to_string(),
        };
        file.query()
            .hostname(host)
            .ok()?
            .port(self.config.get_ports()[0])
            .ok()?
            .database(self.config.get_dbname()?)
            .ok()?
            .username(self.config.get_user()?)
            .ok()?
            .find()
            .ok()?
            .map(|c| c.password)
    }

    /// One line for a connection that failed: which server, and what to check.
    fn refused(&self, e: &postgres::Error) -> anyhow::Error {
        use postgres::error::SqlState;
        let shown = &self.shown;
        let msg = match e.code() {
            Some(c) if *c == SqlState::INVALID_PASSWORD || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => crate::tr!(
                "the server refused the login to the {shown}: check the user and the password in PGPASSWORD or ~/.pgpass (never in the URL)",
                "服务器拒绝登录{shown}：请检查用户名，以及 PGPASSWORD 或 ~/.pgpass 中的密码（不要写在地址里）"
            ),
            Some(c) if *c == SqlState::INVALID_CATALOG_NAME => crate::tr!(
                "the {shown} does not exist: create it (createdb), then run `qianqi init` to create the tables",
                "{shown}不存在：请先建库（createdb），再用 `qianqi init` 建表"
            ),
            Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => crate::tr!(
                "the {shown} refused the connection: the user may not connect to it; ask its administrator",
                "{shown}拒绝连接：该用户无权连接，请联系数据库管理员"
            ),
            Some(_) => {
                let why = super::Shown(e);
                crate::tr!("cannot use the {shown}: {why}", "无法使用{shown}：{why}")
            }
            None if e.to_string().contains("password missing") => crate::tr!(
                "the {shown} asks for a password: set PGPASSWORD or add a line to ~/.pgpass",
                "{shown}要求密码：请设置 PGPASSWORD，或在 ~/.pgpass 中加一行"
            ),
            None => {
                let why = super::Shown(e);
                crate::tr!(
                    "cannot connect to the {shown}: is the server running and accepting connections there? ({why})",
                    "无法连接{shown}：服务器是否在运行并接受连接？（{why}）"
                )
            }
        };
        anyhow::anyhow!(redact(&msg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_taken_out_of_urls() {
        assert_eq!(
            redact("postgresql://ann:s3cr:t@db.example:5433/qianqi?sslmode=disable&password=x"),
            "postgresql://ann:***@db.example:5433/qianqi?sslmode=disable&password=***"
        );
        assert_eq!(redact("postgres://ann@h/db"), "postgres://ann@h/db");
        assert_eq!(
            redact("postgresql:///qianqi?host=/run/postgresql"),
            "postgresql:///qianqi?host=/run/postgresql"
        );
    }

    #[test]
    fn messages_name_the_server_without_the_password() {
        let t = parse("postgresql://ann:secret@db.example:5433/qianqi").unwrap();
        assert_eq!(
            t.shown,
            "PostgreSQL database qianqi on db.example port 5433 as user ann"
        );
        let t = parse("postgresql:///qianqi?host=/tmp/pg").unwrap();
        assert!(t.shown.contains("on /tmp/pg port 5432"), "{}", t.shown);
        let e = parse("postgresql://ann:secret@db.example:notaport/q").unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
    }
}
