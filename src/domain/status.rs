//! The ticket lifecycle.
//!
//! ```text
//! collected ──accept──▶ in_progress ──resolve──▶ resolved
//!     │                     │  ▲                    │
//!     │                     └──┼──explain──▶ explained
//!     └──resolve/explain (on the spot)               │
//!                              └────── reopen ◀──────┘
//! ```

use super::Lang;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Collected,
    InProgress,
    Resolved,
    Explained,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Collected,
        Status::InProgress,
        Status::Resolved,
        Status::Explained,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Collected => "collected",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Explained => "explained",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Collected => lang.pick("collected", "收集"),
            Status::InProgress => lang.pick("in_progress", "正在办理"),
            Status::Resolved => lang.pick("resolved", "已解决"),
            Status::Explained => lang.pick("explained", "政策解释"),
        }
    }

    /// Accepts the stored name or the Chinese label.
    pub fn parse(s: &str) -> Result<Status, String> {
        let t = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| t.eq_ignore_ascii_case(st.as_str()) || t == st.label(Lang::Zh))
            .ok_or_else(|| {
                format!(
                    "{s:?} is not a ticket status; use collected, in_progress, resolved, explained"
                )
            })
    }

    /// Still to be handled: waiting for acceptance or being handled. Only
    /// an open ticket can be overdue.
    pub const OPEN: [Status; 2] = [Status::Collected, Status::InProgress];

    /// 办结: finished, whether solved or explained.
    pub const CLOSED: [Status; 2] = [Status::Resolved, Status::Explained];

    /// 办结: resolved or explained.
    pub fn is_closed(self) -> bool {
        Status::CLOSED.contains(&self)
    }

    /// Collected or in progress.
    pub fn is_open(self) -> bool {
        Status::OPEN.contains(&self)
    }

    /// Whether the lifecycle allows going from `self` to `to`.
    pub fn can_become(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Collected, InProgress | Resolved | Explained)
                | (InProgress, Resolved | Explained)
                | (Resolved | Explained, InProgress)
        )
    }
}

/// Every allowed change of status, as (from, to) pairs.
pub fn transitions() -> impl Iterator<Item = (Status, Status)> {
    Status::ALL.into_iter().flat_map(|from| {
        Status::ALL
            .into_iter()
            .filter(move |to| from.can_become(*to))
            .map(move |to| (from, to))
    })
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a person does to a ticket; each leads to one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Accept,
    Resolve,
    Explain,
    Reopen,
}

impl Action {
    pub fn target(self) -> Status {
        match self {
            Action::Accept | Action::Reopen => Status::InProgress,
            Action::Resolve => Status::Resolved,
            Action::Explain => Status::Explained,
        }
    }

    pub fn verb(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Resolve => "resolve",
            Action::Explain => "explain",
            Action::Reopen => "reopen",
        }
    }

    /// Accept and reopen both lead to in_progress; each only from its own statuses.
    pub fn allowed_from(self, from: Status) -> bool {
        match self {
            Action::Accept => from == Status::Collected,
            Action::Reopen => from.is_closed(),
            Action::Resolve | Action::Explain => from.can_become(self.target()),
        }
    }

    /// The statuses this action may be applied to, for error messages.
    pub fn sources(self) -> &'static str {
        match self {
            Action::Accept => "collected",
            Action::Reopen => "resolved or explained",
            Action::Resolve | Action::Explain => "collected or in_progress",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn only_the_lifecycle_transitions_are_allowed() {
        let allowed = [
            (Collected, InProgress),
            (Collected, Resolved),
            (Collected, Explained),
            (InProgress, Resolved),
            (InProgress, Explained),
            (Resolved, InProgress),
            (Explained, InProgress),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn actions_name_their_sources() {
        assert!(Action::Accept.allowed_from(Collected));
        assert!(!Action::Accept.allowed_from(Resolved));
        assert!(Action::Reopen.allowed_from(Explained));
        assert!(!Action::Reopen.allowed_from(InProgress));
        assert!(Action::Resolve.allowed_from(Collected));
        assert!(!Action::Explain.allowed_from(Explained));
    }

    #[test]
    fn parses_chinese_labels() {
        assert_eq!(Status::parse("正在办理"), Ok(InProgress));
        assert_eq!(Status::parse("Resolved"), Ok(Resolved));
        assert!(Status::parse("closed").is_err());
    }
}
