//! The rates: what each is called and divides, its red line, its terms
//! (`Ratio`, summed per group in `Sums`), and the red and black lists.

use super::super::Lang;

/// The rates, in the order reports print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rate {
    Response,
    OnTime,
    Resolution,
    FollowUp,
    Satisfaction,
    Return,
    Redo,
}

/// What a rate is called and what it divides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Definition {
    pub(crate) rate: Rate,
    /// The column of the rate; `{name}_n` and `{name}_d` hold its terms.
    pub(crate) name: &'static str,
    pub(crate) name_n: &'static str,
    pub(crate) name_d: &'static str,
    pub(crate) zh: &'static str,
    pub(crate) numerator: (&'static str, &'static str),
    pub(crate) denominator: (&'static str, &'static str),
    /// Whether a higher rate is better (false for returns and redos).
    pub(crate) higher_is_better: bool,
}

const fn def(
    rate: Rate,
    names: [&'static str; 3],
    zh: &'static str,
    numerator: (&'static str, &'static str),
    denominator: (&'static str, &'static str),
    higher_is_better: bool,
) -> Definition {
    Definition {
        rate,
        name: names[0],
        name_n: names[1],
        name_d: names[2],
        zh,
        numerator,
        denominator,
        higher_is_better,
    }
}

/// Every rate, in the order of `Rate`.
pub(crate) const RATES: [Definition; 7] = [
    def(
        Rate::Response,
        ["response_rate", "response_rate_n", "response_rate_d"],
        "响应率",
        (
            "tickets whose latest acceptance came within the response time (1 working day unless set otherwise) of the assignment before it",
            "最近一次签收在其前一次交办后响应时限（未另行设定的为1个工作日）内的问题数",
        ),
        (
            "tickets accepted after an assignment, plus tickets assigned, never accepted and past their response time (returned or closed without acceptance included)",
            "交办后签收的问题数 + 已交办、超过响应时限仍未签收过的问题数（含未签收即退回或办结的）",
        ),
        true,
    ),
    def(
        Rate::OnTime,
        ["on_time_rate", "on_time_rate_n", "on_time_rate_d"],
        "按时办结率",
        (
            "closed tickets closed on or before the due date in force when they closed",
            "在办结时有效的办理时限内办结的问题数",
        ),
        (
            "closed tickets that had a due date",
            "有办理时限的办结问题数",
        ),
        true,
    ),
    def(
        Rate::Resolution,
        ["resolution_rate", "resolution_rate_n", "resolution_rate_d"],
        "解决率",
        ("tickets resolved", "已解决问题数"),
        (
            "tickets closed (resolved + explained)",
            "办结问题数（已解决 + 政策解释）",
        ),
        true,
    ),
    def(
        Rate::FollowUp,
        ["follow_up_rate", "follow_up_rate_n", "follow_up_rate_d"],
        "回访率",
        (
            "closed tickets with at least one follow-up",
            "已回访的办结问题数",
        ),
        ("tickets closed", "办结问题数"),
        true,
    ),
    def(
        Rate::Satisfaction,
        ["satisfaction_rate", "satisfaction_rate_n", "satisfaction_rate_d"],
        "满意率",
        (
            "tickets whose latest rated follow-up says satisfied or basic",
            "最近一次评价为满意或基本满意的问题数",
        ),
        (
            "tickets with at least one rated follow-up",
            "有满意度评价的问题数",
        ),
        true,
    ),
    def(
        Rate::Return,
        ["return_rate", "return_rate_n", "return_rate_d"],
        "退单率",
        (
            "tickets the department returned at least once",
            "被该单位退回过的问题数",
        ),
        (
            "tickets ever assigned to the department",
            "曾交办该单位的问题数",
        ),
        false,
    ),
    def(
        Rate::Redo,
        ["redo_rate", "redo_rate_n", "redo_rate_d"],
        "重办率",
        ("tickets reopened at least once", "重办过的问题数"),
        ("tickets closed at least once", "办结过的问题数"),
        false,
    ),
];

/// A group needs this many tickets in a rate's denominator to be ranked on it,
/// so that one lucky case does not top the list.
pub(crate) const RANKED_MIN: i64 = 10;

/// How many groups each of the red and black lists holds at most.
pub(crate) const LISTED: usize = 5;

impl Rate {
    pub(crate) const ALL: [Rate; 7] = [
        Rate::Response,
        Rate::OnTime,
        Rate::Resolution,
        Rate::FollowUp,
        Rate::Satisfaction,
        Rate::Return,
        Rate::Redo,
    ];

    pub(crate) fn def(self) -> &'static Definition {
        &RATES[self as usize]
    }

    /// Accepts the rate's name (`resolution_rate`, or `resolution`) or its Chinese name.
    pub(crate) fn parse(s: &str) -> Result<Rate, String> {
        let t = s.trim();
        RATES
            .iter()
            .find(|d| {
                t.eq_ignore_ascii_case(d.name)
                    || d.name
                        .strip_suffix("_rate")
                        .is_some_and(|short| t.eq_ignore_ascii_case(short))
                    || t == d.zh
            })
            .map(|d| d.rate)
            .ok_or_else(|| {
                let en = RATES.map(|d| d.name).join(", ");
                let zh = RATES.map(|d| d.zh).join("、");
                crate::tr!(
                    "{s:?} is not a rate; use {en}",
                    "{s:?}不是考核比率；可用：{zh}"
                )
            })
    }

    pub(crate) fn label(self, lang: Lang) -> &'static str {
        let d = self.def();
        lang.pick(d.name, d.zh)
    }

    /// The rate's red line, as a fraction (see `RED_LINES`).
    pub(crate) fn red_line(self) -> f64 {
        RED_LINES[self as usize]
    }

    /// Whether `ratio` is on the right side of the red line (on it counts
    /// as meeting it); None when the denominator is 0.
    pub(crate) fn meets(self, ratio: Ratio) -> Option<bool> {
        let line = self.red_line();
        (ratio.d != 0).then(|| {
            // Compare n/d with the line in thousandths, exactly.
            let (n, d) = (ratio.n * 1000, ratio.d * (line * 1000.0).round() as i64);
            if self.def().higher_is_better {
                n >= d
            } else {
                n <= d
            }
        })
    }

    /// `resolution_rate = tickets resolved / tickets closed (resolved + explained)`.
    pub(crate) fn formula(self, lang: Lang) -> String {
        let d = self.def();
        let (n, dn) = match lang {
            Lang::En => (d.numerator.0, d.denominator.0),
            Lang::Zh => (d.numerator.1, d.denominator.1),
        };
        format!("{} = {n} / {dn}", self.label(lang))
    }
}

/// The red line (红线) of each rate, in the order of `Rate::ALL`: the floor a
/// department's rate must reach (the ceiling, for the rates where lower is
/// better), as district assessment schemes of government hotlines set them
/// — response 95 %, on time 90 %, resolved 80 %, followed up 90 %, satisfied
/// 90 %, returned at most 10 %, redone at most 5 %. The HTML report draws
/// them into the chart of the departments' rates and marks every rate on
/// the wrong side. A fixed line is what a supervisor is judged against, and
/// unlike the district's own total it does not move with the departments it
/// measures, so a district where every department lags is shown lagging. A
/// district that sets other lines changes them here.
pub(crate) const RED_LINES: [f64; 7] = [0.95, 0.90, 0.80, 0.90, 0.90, 0.10, 0.05];

/// A rate's numerator and denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ratio {
    pub(crate) n: i64,
    pub(crate) d: i64,
}

impl Ratio {
    pub(crate) fn new(n: i64, d: i64) -> Ratio {
        Ratio { n, d }
    }

    /// The fraction rounded to 4 decimals; None when the denominator is 0.
    pub(crate) fn value(self) -> Option<f64> {
        (self.d != 0).then(|| (self.n as f64 / self.d as f64 * 10_000.0).round() / 10_000.0)
    }

    /// `76.4%`, one decimal; None when the denominator is 0.
    pub(crate) fn percent(self) -> Option<String> {
        (self.d != 0).then(|| format!("{:.1}%", self.n as f64 * 100.0 / self.d as f64))
    }
}

/// The red list (best first) and the black list (worst first) of `groups`
/// on `rate`: indexes into `groups`, only groups with a name and at least
/// RANKED_MIN in the denominator. Each list holds LISTED groups, or half of
/// the ranked groups when there are fewer than twice as many, so that no
/// group is on both. Of equal rates the larger denominator ranks higher,
/// then the group given first; the black list is the red list's order reversed.
pub(crate) fn rank(rate: Rate, groups: &[(bool, Ratio)]) -> (Vec<usize>, Vec<usize>) {
    let mut ranked: Vec<usize> = (0..groups.len())
        .filter(|i| groups[*i].0 && groups[*i].1.d >= RANKED_MIN)
        .collect();
    // Compare n1/d1 with n2/d2 exactly, as n1·d2 against n2·d1.
    let better = |a: &Ratio, b: &Ratio| {
        let (x, y) = (a.n * b.d, b.n * a.d);
        if rate.def().higher_is_better {
            y.cmp(&x)
        } else {
            x.cmp(&y)
        }
    };
    ranked.sort_by(|a, b| {
        let (ra, rb) = (&groups[*a].1, &groups[*b].1);
        better(ra, rb).then(rb.d.cmp(&ra.d)).then(a.cmp(b))
    });
    let len = LISTED.min(ranked.len() / 2);
    let red = ranked[..len].to_vec();
    let black = ranked.iter().rev().take(len).copied().collect();
    (red, black)
}

/// A group's ticket count and the terms of each rate, in the order of `Rate::ALL`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub(crate) tickets: i64,
    pub(crate) rates: [Ratio; 7],
}

impl Sums {
    pub(super) fn add(&mut self, rate: Rate, n: bool, d: bool) {
        let r = &mut self.rates[rate as usize];
        r.n += i64::from(n);
        r.d += i64::from(d);
    }

    pub(super) fn add_all(&mut self, other: &Sums) {
        self.tickets += other.tickets;
        for (sum, one) in self.rates.iter_mut().zip(other.rates) {
            sum.n += one.n;
            sum.d += one.d;
        }
    }
}
