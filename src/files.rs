//! The files qianqi writes besides the database itself (exports, reports,
//! backups, the copies kept before a restore or an upgrade): never onto an
//! open database or the files SQLite keeps beside it, readable by the owner
//! only, and in place whole or not at all.

use crate::error::input;
use anyhow::{Context, Result};
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tempfile::TempPath;

/// The files SQLite keeps beside a database, and what each is.
pub(crate) const COMPANIONS: [(&str, &str); 3] = [
    ("-wal", "write-ahead log"),
    ("-shm", "shared-memory index"),
    ("-journal", "rollback journal"),
];

/// The databases this run has opened.
static DATABASES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// `path` with `suffix` appended to its file name: `qianqi.db` → `qianqi.db-wal`.
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Marks `db` as a database in use: nothing written afterwards may land on
/// it or its companion files.
pub(crate) fn protect(db: &Path) {
    let mut dbs = DATABASES.lock().unwrap_or_else(|e| e.into_inner());
    if !dbs.iter().any(|d| d == db) {
        dbs.push(db.to_path_buf());
    }
}

/// Refuses `target` when it is, or would resolve to, a database this run
/// uses or one of its companion files, however the path is spelt (relative,
/// `..`, a symbolic or hard link). Replacing one would lose its records.
pub(crate) fn refuse_database(target: &Path) -> Result<()> {
    let dbs = DATABASES.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let t = Identity::of(target);
    for db in &dbs {
        let real = resolved(db);
        let what = std::iter::once(("", "")).chain(COMPANIONS);
        for (suffix, name) in what {
            let spelt = [
                Some(with_suffix(db, suffix)),
                real.as_ref().map(|r| with_suffix(r, suffix)),
            ];
            if spelt.iter().flatten().any(|p| t.same(&Identity::of(p))) {
                let db = db.display();
                let which = match (suffix.is_empty(), companion_zh(suffix)) {
                    (true, _) => crate::tr!("the database itself", "数据库本身"),
                    (false, zh) => {
                        crate::tr!("the {name} of the database {db}", "数据库 {db} 的{zh}")
                    }
                };
                let target = target.display();
                return Err(input(crate::tr!(
                    "{target} is {which}; writing there would destroy records, so nothing was written: choose another file",
                    "{target} 是{which}；写到那里会毁掉记录，因此未写入任何内容：请另选一个文件"
                )));
            }
        }
    }
    Ok(())
}

/// A companion file's name in Chinese messages.
fn companion_zh(suffix: &str) -> &'static str {
    match suffix {
        "-wal" => "预写日志",
        "-shm" => "共享内存索引",
        _ => "回滚日志",
    }
}

/// What a path names: the file it reaches (device and inode) when it
/// exists, and the absolute path it resolves to, existing or not.
struct Identity {
    inode: Option<(u64, u64)>,
    path: Option<PathBuf>,
}

impl Identity {
    fn of(p: &Path) -> Identity {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
        };
        #[cfg(not(unix))]
        let inode = None;
        Identity {
            inode,
            path: resolved(p).map(fold_case),
        }
    }

    fn same(&self, other: &Identity) -> bool {
        (self.inode.is_some() && self.inode == other.inode)
            || (self.path.is_some() && self.path == other.path)
    }
}

/// File names differ only in case on the usual macOS and Windows file systems.
fn fold_case(p: PathBuf) -> PathBuf {
    if cfg!(any(windows, target_os = "macos")) {
        PathBuf::from(p.to_string_lossy().to_lowercase())
    } else {
        p
    }
}

/// The absolute path `p` resolves to, following symbolic links, also when
/// it (or a link's destination) does not exist yet.
fn resolved(p: &Path) -> Option<PathBuf> {
    let mut p = std::path::absolute(p).ok()?;
    for _ in 0..40 {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        match std::fs::read_link(&p) {
            // A dangling link: where it points.
            Ok(to) => p = p.parent().map_or(to.clone(), |d| d.join(&to)),
            Err(_) => {
                let name = p.file_name()?.to_owned();
                return Some(resolved(p.parent()?)?.join(name));
            }
        }
    }
    None
}

/// Creates an empty database file readable by its owner only, so that
/// SQLite (which gives its log and index the database's permissions) never
/// makes a world-readable one. An existing file is left as it is.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => {
            let path = path.display();
            Err(e).with_context(|| crate::tr!("creating {path}", "创建 {path}"))
        }
    }
}

/// Names of our temporary files: `.qianqi-<purpose>-<random>`.
const TEMP_PREFIX: &str = ".qianqi-";
const PURPOSES: [&str; 3] = ["backup", "restore", "output"];

/// A temporary file, readable by its owner only, that either takes the
/// place of its destination whole or disappears. It stays locked while this
/// process uses it, so a later run can tell the leftovers of one that was
/// killed, and removes them.
pub(crate) struct Temp {
    path: TempPath,
    file: File,
}

impl Temp {
    /// A temporary file beside `dest`, which must not be an open database
    /// and must be in a directory that exists.
    pub(crate) fn beside(dest: &Path, purpose: &str) -> Result<Temp> {
        refuse_database(dest)?;
        let dir = dir_of(dest);
        if !dir.is_dir() {
            let dir = dir.display();
            return Err(input(crate::tr!(
                "the directory {dir} does not exist; create it first or choose a file in an existing directory",
                "目录 {dir} 不存在；请先建立它，或选一个已有目录中的文件"
            )));
        }
        Temp::new_in(dir, purpose)
    }

    /// A temporary file in `dir`, after removing what killed runs left there.
    pub(crate) fn new_in(dir: &Path, purpose: &str) -> Result<Temp> {
        sweep(dir);
        loop {
            let prefix = format!("{TEMP_PREFIX}{purpose}-");
            let mut builder = tempfile::Builder::new();
            builder.prefix(&prefix);
            #[cfg(unix)]
            builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
            let named = builder.tempfile_in(dir).map_err(|e| unwritable(e, dir))?;
            let (file, path) = named.into_parts();
            // Another run sweeping at this very moment may have taken it
            // first; then make another.
            if hold(&file, &path) {
                return Ok(Temp { path, file });
            }
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn file_mut(&mut self) -> &mut File {
        &mut self.file
    }

    /// Puts the file, synced to disk, in the place of `dest`.
    pub(crate) fn persist(self, dest: &Path) -> Result<()> {
        let shown = dest.display();
        self.file
            .sync_all()
            .with_context(|| crate::tr!("writing {shown} to disk", "把 {shown} 写入磁盘"))?;
        self.path
            .persist(dest)
            .map_err(|e| e.error)
            .with_context(|| crate::tr!("writing {shown}", "写入 {shown}"))?;
        sync_dir(dir_of(dest))
    }
}

/// A directory the user may not write in is bad input, said in one line.
fn unwritable(e: std::io::Error, dir: &Path) -> anyhow::Error {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    // EPERM (an immutable directory) has no ErrorKind of its own.
    let refused =
        matches!(e.kind(), PermissionDenied | ReadOnlyFilesystem) || e.raw_os_error() == Some(1);
    let (dir, why) = (
        dir.display(),
        crate::error::io_reason(&std::io::Error::from(e.kind())),
    );
    if refused {
        input(crate::tr!(
            "cannot write in the directory {dir} ({why}); nothing was written",
            "无法在目录 {dir} 中写入（{why}）；未写入任何内容"
        ))
    } else {
        anyhow::Error::new(e).context(crate::tr!(
            "creating a temporary file in {dir}",
            "在 {dir} 中创建临时文件"
        ))
    }
}

/// Locks a fresh temporary file; false when someone else holds it or it is
/// no longer at its path.
#[cfg(unix)]
fn hold(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if file.try_lock().is_err() {
        return false;
    }
    matches!((file.metadata(), std::fs::metadata(path)),
        (Ok(a), Ok(b)) if a.dev() == b.dev() && a.ino() == b.ino())
}

/// Windows locks are mandatory and would keep SQLite out of the file; there
/// leftovers are recognised by their age instead.
#[cfg(not(unix))]
fn hold(_file: &File, _path: &Path) -> bool {
    true
}

/// Whether a temporary file was left by a run that no longer exists; on
/// Unix it is then locked by `file` until that is dropped.
#[cfg(unix)]
fn abandoned(path: &Path) -> Option<File> {
    let file = File::open(path).ok()?;
    hold(&file, path).then_some(file)
}

#[cfg(not(unix))]
fn abandoned(path: &Path) -> Option<File> {
    let old = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 24 * 3600);
    if old {
        File::open(path).ok()
    } else {
        None
    }
}

/// Removes the temporary files of killed runs from `dir`, with the log and
/// index SQLite may have made beside them. Best effort: what cannot be
/// removed stays for the next run.
pub(crate) fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let ours: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_name().to_str().is_some_and(|n| {
                PURPOSES
                    .iter()
                    .any(|p| n.starts_with(&format!("{TEMP_PREFIX}{p}-")))
            })
        })
        .map(|e| e.path())
        .collect();
    let is_companion = |p: &Path| {
        COMPANIONS
            .iter()
            .any(|(s, _)| p.to_string_lossy().ends_with(s))
    };
    for p in ours.iter().filter(|p| !is_companion(p)) {
        if let Some(_lock) = abandoned(p) {
            for (s, _) in COMPANIONS {
                let _ = std::fs::remove_file(with_suffix(p, s));
            }
            let _ = std::fs::remove_file(p);
        }
    }
    // A log or index whose temporary database is gone.
    for p in ours.iter().filter(|p| is_companion(p)) {
        let s = p.to_string_lossy();
        let main = COMPANIONS
            .iter()
            .find_map(|(suffix, _)| s.strip_suffix(suffix));
        if main.is_some_and(|m| !Path::new(m).exists()) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The directory of a file, for files written beside it.
pub(crate) fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Flushes a directory, so a rename in it survives a power cut. Windows
/// cannot open a directory as a file and needs no such step.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|f| f.sync_all())
        .with_context(|| {
            let dir = dir.display();
            crate::tr!(
                "writing the directory {dir} to disk",
                "把目录 {dir} 写入磁盘"
            )
        })?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
