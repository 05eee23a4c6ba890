//! The small closed vocabularies of the data model, each mapped to its stored
//! string in one place.

use super::Lang;
use std::fmt;

/// Declares an enum whose variants map one-to-one to stored strings and to
/// English and Chinese labels.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident, $what:literal, $what_zh:literal { $($var:ident = $s:literal, $zh:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum $name { $($var),+ }

        impl $name {
            // Not every vocabulary is gone through in full.
            #[allow(dead_code)]
            pub(crate) const ALL: &'static [$name] = &[$($name::$var),+];

            pub(crate) fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            pub(crate) fn label(self, lang: Lang) -> &'static str {
                match self { $($name::$var => lang.pick($s, $zh)),+ }
            }

            /// The label in the language of messages.
            #[allow(dead_code)]
            pub(crate) fn word(self) -> &'static str {
                self.label(super::message_lang())
            }

            /// Accepts the stored name or the Chinese label.
            pub(crate) fn parse(s: &str) -> Result<$name, String> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($s) || t == $zh { return Ok($name::$var); })+
                let (what, what_zh) = ($what, $what_zh);
                let (en, zh) = ([$($s),+].join(", "), [$($zh),+].join("、"));
                Err(crate::tr!(
                    "{s:?} is not {what}; use {en}",
                    "{s:?}不是{what_zh}；可用：{zh}"
                ))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> { $name::parse(s) }
        }
    };
}

vocabulary!(
    /// A unit is a district department (区级部门) or a town/street (街镇).
    UnitKind, "a unit kind", "单位类型" {
        Dept = "dept", "部门";
        Town = "town", "街镇";
    }
);

vocabulary!(
    /// District tier is strictly one-to-one; a town-tier cadre may serve several enterprises.
    Tier, "a tier", "层级" {
        District = "district", "区级";
        Town = "town", "街镇";
    }
);

vocabulary!(
    /// How a visit was made.
    VisitKind, "a visit kind", "走访方式" {
        Onsite = "onsite", "实地";
        Phone = "phone", "电话";
        Online = "online", "线上";
    }
);

vocabulary!(
    /// The work items of a visit: 建档案, 送政策, 真代办, 解难题, 研产业.
    Task, "a work item", "工作任务" {
        File = "file", "建档案";
        Policy = "policy", "送政策";
        Agency = "agency", "真代办";
        Problem = "problem", "解难题";
        Industry = "industry", "研产业";
    }
);

impl Task {
    pub(crate) fn bit(self) -> i64 {
        1 << (self as u32)
    }
}

/// A set of work items, stored as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tasks(pub i64);

impl Tasks {
    pub(crate) fn from_items<'a>(
        items: impl IntoIterator<Item = &'a str>,
    ) -> Result<Tasks, String> {
        let mut bits = 0;
        // An item may itself be a list: `建档案、解难题` as typed or as a cell holds it.
        for item in items.into_iter().flat_map(super::list_items) {
            bits |= Task::parse(item)?.bit();
        }
        Ok(Tasks(bits))
    }

    pub(crate) fn contains(self, t: Task) -> bool {
        self.0 & t.bit() != 0
    }

    pub(crate) fn items(self) -> impl Iterator<Item = Task> {
        Task::ALL.iter().copied().filter(move |t| self.contains(*t))
    }

    /// `file;policy`, or the Chinese labels joined with 、.
    pub(crate) fn join(self, lang: Lang) -> String {
        let sep = lang.pick(";", "、");
        self.items()
            .map(|t| t.label(lang))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

vocabulary!(
    /// An escalation step of an open ticket: 催办, 督办, 通报.
    Level, "an escalation level", "督办级别" {
        Remind = "remind", "催办";
        Supervise = "supervise", "督办";
        Notify = "notify", "通报";
    }
);

vocabulary!(
    /// What the enterprise says at a follow-up (回访): was it solved?
    Outcome, "a follow-up outcome", "回访结果" {
        Solved = "solved", "已解决";
        Partly = "partly", "部分解决";
        Unsolved = "unsolved", "未解决";
    }
);

vocabulary!(
    /// How satisfied the enterprise is at a follow-up: 满意, 基本满意, 不满意.
    Satisfaction, "a satisfaction level", "满意度" {
        Satisfied = "satisfied", "满意";
        Basic = "basic", "基本满意";
        Dissatisfied = "dissatisfied", "不满意";
    }
);

vocabulary!(
    /// A field of a ticket that an amendment (更正) may correct.
    AmendField, "a field a ticket amendment corrects", "更正项" {
        Summary = "summary", "问题摘要";
        Category = "category", "类别";
        Enterprise = "enterprise", "企业";
        Cadre = "cadre", "收集干部";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_stored_and_chinese_names() {
        assert_eq!(Tier::parse("district"), Ok(Tier::District));
        assert_eq!(Tier::parse("区级"), Ok(Tier::District));
        assert_eq!(VisitKind::parse(" ONSITE "), Ok(VisitKind::Onsite));
        assert_eq!(
            UnitKind::parse("county").unwrap_err(),
            "\"county\" is not a unit kind; use dept, town"
        );
    }

    #[test]
    fn tasks_round_trip() {
        let t = Tasks::from_items(["file", "解难题"]).unwrap();
        assert!(t.contains(Task::File) && t.contains(Task::Problem));
        assert!(!t.contains(Task::Policy));
        assert_eq!(t.join(Lang::En), "file;problem");
        assert_eq!(t.join(Lang::Zh), "建档案、解难题");
        assert!(Tasks::from_items(["file", "lunch"]).is_err());
    }
}
