//! visits.csv: a first filing visit per enterprise, then routine visits at
//! each cadre's own pace, trimmed to the published person-visit figure.

use anyhow::Result;
use rand::Rng;

use super::calendar::{workday, Calendar};
use super::draw::*;
use super::{City, District};

// Visit task bits, in the order the programme lists them.
pub(super) const FILE: u8 = 1;
pub(super) const POLICY: u8 = 2;
pub(super) const AGENCY: u8 = 4;
pub(super) const PROBLEM: u8 = 8;
pub(super) const INDUSTRY: u8 = 16;
pub(super) const TASK_NAMES: [&str; 5] = ["file", "policy", "agency", "problem", "industry"];

pub(super) const KINDS: [&str; 3] = ["onsite", "phone", "online"];

#[derive(Clone, Copy)]
pub(super) struct Visit {
    pub(super) day: i32,
    pub(super) ent: u32,
    kind: u8,
    people: u8,
    pub(super) tasks: u8,
    note: &'static str,
    /// File visits and each active cadre's last-quarter visit must survive
    /// the trimming to the person-visit target.
    pinned: bool,
}

impl City {
    pub(super) fn visits(&mut self, dist: &District, rng: &mut Rand) -> Result<Vec<Visit>> {
        let cal = &self.cal;
        let camp = &self.camp;
        let n_cadres = dist.cadres.len();
        let mut idle = vec![false; n_cadres];
        let mut pool: Vec<usize> = (0..n_cadres).collect();
        let k = between(rng, 6, 12) as usize;
        for c in take_random(rng, &mut pool, k) {
            idle[c] = true;
        }
        let activity: Vec<f64> = (0..n_cadres)
            .map(|_| 0.6 + 0.8 * rng.gen::<f64>())
            .collect();

        let mut visits =
            Vec::with_capacity(16_000 * (camp.last_year - camp.first_year + 1) as usize);
        let mut windows = Vec::with_capacity(dist.ents.len());
        for (e, ent) in dist.ents.iter().enumerate() {
            let c = ent.cadre as usize;
            let first = workday(rng, cal, ent.start, (ent.start + 30).min(camp.end));
            let tasks = if chance(rng, 0.4) {
                FILE | POLICY
            } else {
                FILE
            };
            let people = pick_weighted(rng, &[(1u8, 80), (2, 16), (3, 4)]);
            let note = pick(
                rng,
                &[
                    "建立企业档案，摸清生产经营情况",
                    "首次走访，完善企业基本信息",
                    "建档立卡，了解企业诉求",
                    "",
                ],
            );
            visits.push(Visit {
                day: first,
                ent: e as u32,
                kind: 0,
                people,
                tasks,
                note,
                pinned: true,
            });
            let lo = first + 1;
            let hi = if idle[c] { camp.idle_cut - 1 } else { camp.end };
            windows.push((lo, hi));
            let tier = if ent.district_tier { 0.8 } else { 1.08 };
            let key = if ent.key { 1.2 } else { 1.0 };
            let expect = 15.05 * activity[c] * tier * key * f64::from((hi - lo + 1).max(0)) / 365.0;
            let n = expect.floor() as u32 + u32::from(chance(rng, expect.fract()));
            for _ in 0..n {
                visits.push(routine_visit(rng, cal, e as u32, lo, hi));
            }
        }
        // Only the chosen cadres may look idle: every other one gets a visit
        // in the last quarter.
        let mut late = vec![false; n_cadres];
        for v in &visits {
            if v.day >= camp.idle_cut {
                late[dist.ents[v.ent as usize].cadre as usize] = true;
            }
        }
        for c in 0..n_cadres {
            if idle[c] || late[c] {
                continue;
            }
            let e = *pick(rng, &dist.cadre_ents[c]);
            let (lo, _) = windows[e as usize];
            let mut v = routine_visit(rng, cal, e, lo.max(camp.idle_cut), camp.end);
            v.pinned = true;
            visits.push(v);
        }
        if camp.exact {
            // The article says 15,000-odd person-visits: hit a figure just
            // above 15,000 exactly.
            let target = 15_000 + between(rng, 12, 96) as u64;
            let mut sum: u64 = visits.iter().map(|v| u64::from(v.people)).sum();
            while sum < target {
                let e = below(rng, dist.ents.len() as u32);
                let (lo, hi) = windows[e as usize];
                if lo > hi {
                    continue;
                }
                let mut v = routine_visit(rng, cal, e, lo, hi);
                v.people = 1;
                visits.push(v);
                sum += 1;
            }
            while sum > target {
                let k = below(rng, visits.len() as u32) as usize;
                if visits[k].people > 1 {
                    visits[k].people -= 1;
                } else if !visits[k].pinned {
                    visits.swap_remove(k);
                } else {
                    continue;
                }
                sum -= 1;
            }
        }
        visits.sort_by_key(|v| (v.day, v.ent));

        let w = &mut self.out.visits;
        for v in &visits {
            let ent = &dist.ents[v.ent as usize];
            w.row([
                ("cadre", &dist.cadres[ent.cadre as usize].code),
                ("enterprise", &ent.uscc),
                ("visited_on", cal.label(v.day)),
                ("kind", KINDS[v.kind as usize]),
                ("people", ["0", "1", "2", "3"][v.people as usize]),
                ("tasks", &self.tasks[v.tasks as usize]),
                ("note", v.note),
            ])?;
            self.summary.person_visits += u64::from(v.people);
        }
        self.summary.visits += visits.len() as u64;
        Ok(visits)
    }
}

pub(super) fn task_labels() -> Vec<String> {
    (0..32u8)
        .map(|bits| {
            let names: Vec<&str> = TASK_NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect();
            names.join(";")
        })
        .collect()
}

pub(super) fn routine_visit(rng: &mut Rand, cal: &Calendar, ent: u32, lo: i32, hi: i32) -> Visit {
    let day = workday(rng, cal, lo, hi);
    let kind = weighted(rng, &[55, 28, 17]) as u8;
    let people = if kind == 0 {
        pick_weighted(rng, &[(1u8, 91), (2, 7), (3, 2)])
    } else {
        pick_weighted(rng, &[(1u8, 99), (2, 1)])
    };
    let mut tasks = 0;
    for (bit, p) in [
        (POLICY, 0.42),
        (PROBLEM, 0.33),
        (AGENCY, 0.18),
        (INDUSTRY, 0.14),
        (FILE, 0.03),
    ] {
        if chance(rng, p) {
            tasks |= bit;
        }
    }
    if tasks == 0 {
        tasks = if chance(rng, 0.5) { POLICY } else { PROBLEM };
    }
    let note = if chance(rng, 0.3) {
        ""
    } else if kind == 1 && chance(rng, 0.5) {
        pick_str(
            rng,
            &[
                "电话回访企业生产经营情况",
                "电话跟进问题办理进度",
                "电话告知政策申报时限",
            ],
        )
    } else if kind == 2 && chance(rng, 0.5) {
        pick_str(
            rng,
            &[
                "视频连线了解企业诉求",
                "微信沟通政策申报事项",
                "线上推送惠企政策",
            ],
        )
    } else if tasks & PROBLEM != 0 {
        pick_str(
            rng,
            &[
                "收集企业困难问题",
                "了解企业融资需求",
                "了解企业用工缺口",
                "跟进问题办理进度",
                "协调解决企业诉求",
            ],
        )
    } else if tasks & AGENCY != 0 {
        pick_str(
            rng,
            &[
                "代办项目备案手续",
                "协助办理审批事项",
                "帮助企业申报专精特新",
                "代办稳岗返还申请",
            ],
        )
    } else if tasks & INDUSTRY != 0 {
        pick_str(
            rng,
            &[
                "调研产业链上下游配套情况",
                "了解企业技改扩能计划",
                "研究延链补链项目",
            ],
        )
    } else if tasks & POLICY != 0 {
        pick_str(
            rng,
            &[
                "宣讲稳企惠企政策",
                "送达减税降费政策清单",
                "解读留抵退税政策",
                "宣传稳岗返还政策",
            ],
        )
    } else {
        "更新企业档案信息"
    };
    Visit {
        day,
        ent,
        kind,
        people,
        tasks,
        note,
        pinned: false,
    }
}
