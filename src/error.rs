//! How failures become exit statuses.
//!
//! | status | meaning |
//! | --- | --- |
//! | 0 | success |
//! | 1 | a check or report found a problem (`Outcome::Findings`), or an unexpected failure |
//! | 2 | bad input or usage: nothing was written |
//! | 3 | the database stayed locked by another process past the busy timeout |

use std::fmt;

/// Bad input from the person at the keyboard or in a file: exit status 2.
#[derive(Debug)]
pub(crate) struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Builds an input error (exit 2) from a message.
pub(crate) fn input(msg: impl Into<String>) -> anyhow::Error {
    InputError(msg.into()).into()
}

/// Bad input in one named field (a CSV column, the option of the same
/// name): exit status 2. Displays as its message alone, so the command line
/// reads the same; the importer uses `field` to name the column.
#[derive(Debug)]
pub(crate) struct FieldError {
    pub(crate) field: &'static str,
    pub(crate) msg: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for FieldError {}

/// Builds an input error (exit 2) about one field.
pub(crate) fn input_in(field: &'static str, msg: impl Into<String>) -> anyhow::Error {
    FieldError {
        field,
        msg: msg.into(),
    }
    .into()
}

/// Whether an error is bad input (as opposed to a failure of the machine).
pub(crate) fn is_input(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.is::<InputError>() || e.is::<FieldError>())
}

pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_INPUT: i32 = 2;
pub const EXIT_LOCKED: i32 = 3;

/// The exit status for an error.
pub fn exit_status(err: &anyhow::Error) -> i32 {
    if crate::db::is_locked(err) {
        EXIT_LOCKED
    } else if is_input(err) {
        EXIT_INPUT
    } else {
        EXIT_FAILURE
    }
}

/// Whether the error is a broken pipe (`qianqi ... | head`), which is not a
/// failure. The CSV and JSON writers wrap the I/O error in their own, which
/// do not all give it as their source, so each is asked in its own terms.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(c) = e.downcast_ref::<csv::Error>() {
            return matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        if let Some(j) = e.downcast_ref::<serde_json::Error>() {
            return j.io_error_kind() == Some(BrokenPipe);
        }
        false
    })
}

/// A failure and its causes on one line, as `{:#}` joins them; in Chinese,
/// what the operating system says of a file is said in Chinese too.
pub(crate) fn chain(err: &anyhow::Error) -> String {
    if crate::domain::message_lang() == crate::domain::Lang::En {
        return format!("{err:#}");
    }
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_reason(io),
            _ => cause.to_string(),
        };
        // anyhow repeats a cause that its context already shows.
        if parts.last() != Some(&text) {
            parts.push(text);
        }
    }
    parts.join("：")
}

/// What the operating system said of a file, in the language of messages.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // An error made with a message of its own says it already.
    if crate::domain::message_lang() == crate::domain::Lang::En || e.get_ref().is_some() {
        return e.to_string();
    }
    let said = match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::IsADirectory => "这是一个目录",
        K::NotADirectory => "路径中有一项不是目录",
        K::DirectoryNotEmpty => "目录不是空的",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::StorageFull => "磁盘空间已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名无效",
        K::CrossesDevices => "不能跨设备移动",
        K::ResourceBusy => "资源正被占用",
        K::UnexpectedEof => "文件意外结束",
        K::BrokenPipe => "输出管道已关闭",
        K::TimedOut => "操作超时",
        K::Interrupted => "操作被中断",
        K::OutOfMemory => "内存不足",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("操作系统报告错误（错误码{code}）"),
                None => e.to_string(),
            }
        }
    };
    said.to_string()
}

/// Prints a failure on one line (`{:#}` joins its causes), in red when
/// asked, and gives its exit status; a closed pipe is a normal end.
pub fn report(err: &anyhow::Error, red: bool) -> i32 {
    if is_broken_pipe(err) {
        return 0;
    }
    let status = exit_status(err);
    let err = chain(err);
    let msg = if status == EXIT_LOCKED {
        crate::tr!(
            "qianqi: {err}: the database stayed locked by another process; nothing was written, try again",
            "qianqi：{err}：数据库一直被另一个进程锁定，未写入任何内容，请稍后再试"
        )
    } else {
        format!("qianqi: {err}")
    };
    if red {
        eprintln!("\x1b[31m{msg}\x1b[0m");
    } else {
        eprintln!("{msg}");
    }
    status
}
