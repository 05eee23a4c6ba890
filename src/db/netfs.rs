//! Refusing a database on a network share.
//!
//! SQLite relies on POSIX advisory locks and, in WAL mode, on shared memory
//! between the processes using the database. NFS, SMB and CIFS implement
//! locks loosely or not at all and cannot share memory between machines, so
//! two cadres writing through a share can corrupt the file silently. On Linux
//! the file system type of the database's directory is read with statfs(2)
//! and a share is refused unless the user insists. Other platforms have no
//! equally cheap and reliable test (macOS reports type names that vary with
//! the client, Windows needs GetDriveType on a resolved UNC path), so there
//! the rule is documented instead of enforced.

use crate::error::input;
use anyhow::Result;
use std::path::Path;

/// The environment variable that allows a database on a network share.
pub(crate) const ALLOW_ENV: &str = "QIANQI_ALLOW_NETWORK_FS";

/// The network file system a statfs `f_type` identifies, if any.
pub(crate) fn network_kind(f_type: u32) -> Option<&'static str> {
    match f_type {
        0x6969 => Some("NFS"),
        0x517B => Some("SMB"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        _ => None,
    }
}

/// Whether a database on a file system of type `f_type` may be opened.
pub(crate) fn verdict(f_type: u32, allowed: bool, dir: &Path) -> Result<()> {
    match network_kind(f_type) {
        Some(kind) if !allowed => {
            let dir = dir.display();
            Err(input(crate::tr!(
                "the database directory {dir} is on a network share ({kind}); SQLite's locking does not work reliably there and concurrent writes can corrupt the database, so keep it on a local disk (to accept the risk: --allow-network-fs or {ALLOW_ENV}=1)",
                "数据库目录 {dir} 在网络共享上（{kind}）；SQLite 的加锁在那里不可靠，同时写入可能损坏数据库，请放在本地磁盘上（如愿承担风险：--allow-network-fs 或 {ALLOW_ENV}=1）"
            )))
        }
        _ => Ok(()),
    }
}

/// Refuses `dir` when it is on a network share and that was not allowed.
#[cfg(target_os = "linux")]
pub(crate) fn check_dir(dir: &Path, allowed: bool) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return Ok(());
    };
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: c_path is a valid NUL-terminated string and st a writable statfs.
    let rc = unsafe { libc::statfs(c_path.as_ptr(), &mut st) };
    if rc != 0 {
        // The directory is missing or unreadable; opening the database will say why.
        return Ok(());
    }
    // The magic numbers fit in 32 bits; f_type is signed and of varying width.
    verdict(st.f_type as u32, allowed, dir)
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn check_dir(_dir: &Path, _allowed: bool) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_file_systems_are_named() {
        assert_eq!(network_kind(0x6969), Some("NFS"));
        assert_eq!(network_kind(0x517B), Some("SMB"));
        assert_eq!(network_kind(0xFF53_4D42), Some("CIFS"));
        assert_eq!(network_kind(0xFE53_4D42), Some("SMB2"));
        // ext4, xfs, btrfs, tmpfs, overlayfs
        for local in [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x794C_7630] {
            assert_eq!(network_kind(local), None, "{local:#x}");
        }
    }

    #[test]
    fn a_share_is_refused_unless_allowed() {
        let dir = Path::new("/mnt/share/qianqi");
        let err = verdict(0x6969, false, dir).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("/mnt/share/qianqi") && msg.contains("NFS"),
            "{msg}"
        );
        assert!(
            msg.contains("--allow-network-fs") && msg.contains(ALLOW_ENV),
            "{msg}"
        );
        assert_eq!(crate::error::exit_status(&err), crate::error::EXIT_INPUT);
        assert!(verdict(0xFF53_4D42, true, dir).is_ok());
        assert!(verdict(0xEF53, false, dir).is_ok());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_test_machine_s_temporary_directory_is_local() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_dir(dir.path(), false).is_ok());
    }
}
