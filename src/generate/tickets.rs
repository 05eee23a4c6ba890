//! tickets.csv and events.csv: problems collected on visits, each given a
//! planned fate so that the district's totals match the published figures.

use std::fmt::Write as _;

use anyhow::Result;

use super::draw::*;
use super::history::{history, Ev};
use super::loops::{close_loop, plan, People};
use super::meetings::{find_meeting, meeting_code, Meeting};
use super::problems::CATEGORIES;
use super::visits::{Visit, PROBLEM};
use super::{City, District, Home, AWAITING, EXPLAINED, IN_PROGRESS, RESOLVED};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Fate {
    Awaiting,
    Progress,
    Resolved,
    Explained,
    SpotResolved,
    SpotExplained,
    AtMeeting,
    /// resolved, reopened, resolved again
    ReopenRR,
    /// explained, reopened, resolved
    ReopenER,
    /// explained, reopened, explained again
    ReopenEE,
    /// resolved, reopened, still in progress
    ReopenRP,
}

pub(super) struct Ticket {
    visit: u32,
    pub(super) collected: i32,
    pub(super) accept: i32,
    pub(super) due: i32,
    category: u8,
    pub(super) problem: u8,
    pub(super) dept: Option<u8>,
    pub(super) handler: u32,
    pub(super) fate: Fate,
    pub(super) meeting: Option<u32>,
}

impl City {
    pub(super) fn tickets(
        &mut self,
        dist: &District,
        visits: &[Visit],
        meetings: &mut [Meeting],
        n: u64,
        rng: &mut Rand,
    ) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        let ts = self.plan_tickets(dist, visits, meetings, n as usize, rng);
        self.write_tickets(dist, visits, meetings, &ts, rng)
    }

    /// `n` problems in collection order, each with the fate that makes the
    /// district's totals come out as planned.
    fn plan_tickets(
        &self,
        dist: &District,
        visits: &[Visit],
        meetings: &mut [Meeting],
        n: usize,
        rng: &mut Rand,
    ) -> Vec<Ticket> {
        let camp = &self.camp;
        let end = camp.end;
        let (n_await, n_prog, n_expl) = if camp.exact {
            (AWAITING as usize, IN_PROGRESS as usize, EXPLAINED as usize)
        } else {
            let share = |p: f64| (n as f64 * p).round() as usize;
            (share(0.01), share(0.10), share(0.21))
        };
        debug_assert!(!camp.exact || n as u64 == AWAITING + IN_PROGRESS + EXPLAINED + RESOLVED);

        // Problems are collected on visit days, mostly on visits that set
        // out to solve problems (解难题).
        let mut cum = Vec::with_capacity(visits.len());
        let mut total = 0u32;
        for v in visits {
            total += if v.tasks & PROBLEM != 0 { 12 } else { 1 };
            cum.push(total);
        }
        let draw = |rng: &mut Rand, upto: usize| -> u32 {
            let x = below(rng, cum[upto - 1]);
            cum.partition_point(|&c| c <= x) as u32
        };
        let mut picks: Vec<u32> = Vec::with_capacity(n);
        if n_await == 1 {
            // The single awaiting problem is the last one collected, in the
            // campaign's last days, so nobody has had time to accept it.
            let lo = visits.partition_point(|v| v.day < end - 11);
            let hi = visits.partition_point(|v| v.day < end);
            let (lo, hi) = if lo < hi {
                (lo, hi)
            } else {
                let last = visits[visits.len() - 1].day;
                (visits.partition_point(|v| v.day < last), visits.len())
            };
            let last = lo + below(rng, (hi - lo) as u32) as usize;
            let before = visits.partition_point(|v| v.day < visits[last].day);
            for _ in 1..n {
                picks.push(if before > 0 {
                    draw(rng, before)
                } else {
                    last as u32
                });
            }
            picks.push(last as u32);
        } else {
            for _ in 0..n {
                picks.push(draw(rng, visits.len()));
            }
        }
        picks.sort_unstable();

        let cat_weights: Vec<u32> = CATEGORIES.iter().map(|c| c.weight).collect();
        let mut ts: Vec<Ticket> = picks
            .iter()
            .map(|&v| {
                let collected = visits[v as usize].day;
                let category = weighted(rng, &cat_weights) as u8;
                let problems = CATEGORIES[category as usize].problems;
                let problem = below(rng, problems.len() as u32) as u8;
                let dept = *pick(rng, problems[problem as usize].depts);
                let handler = *pick(rng, &dist.dept_staff[dept as usize]);
                let delay = match weighted(rng, &[25, 45, 25, 5]) {
                    0 => 0,
                    1 => between(rng, 1, 3),
                    2 => between(rng, 4, 10),
                    _ => between(rng, 11, 20),
                };
                Ticket {
                    visit: v,
                    collected,
                    accept: (collected + delay).min(end),
                    due: collected + due_offset(rng, 15, 90),
                    category,
                    problem,
                    dept: Some(dept),
                    handler,
                    fate: Fate::Resolved,
                    meeting: None,
                }
            })
            .collect();

        let mut taken = vec![false; n];
        for t in ts.iter_mut().skip(n - n_await) {
            t.fate = Fate::Awaiting;
        }
        for flag in taken.iter_mut().skip(n - n_await) {
            *flag = true;
        }

        // In progress: some past their due date (超期), the rest collected
        // recently enough to be within it.
        let n_over = if camp.exact {
            between(rng, 20, 30) as usize
        } else {
            (n_prog as f64 * 0.3).round() as usize
        }
        .min(n_prog);
        let mut prog = Vec::with_capacity(n_prog);
        let mut recent: Vec<usize> = (0..n)
            .filter(|&i| !taken[i] && ts[i].collected >= end - 90)
            .collect();
        for i in take_random(rng, &mut recent, n_prog - n_over) {
            taken[i] = true;
            ts[i].due = ts[i].collected + due_offset(rng, end - ts[i].collected, 90);
            prog.push(i);
        }
        let mut over: Vec<usize> = (0..n)
            .filter(|&i| !taken[i] && ts[i].collected >= end - 240 && ts[i].collected <= end - 16)
            .collect();
        if over.len() < n_prog - prog.len() {
            over = (0..n)
                .filter(|&i| !taken[i] && ts[i].collected <= end - 16)
                .collect();
        }
        for i in take_random(rng, &mut over, n_prog - prog.len()) {
            taken[i] = true;
            ts[i].due = ts[i].collected + due_offset(rng, 15, end - 1 - ts[i].collected);
            prog.push(i);
        }
        let mut rest: Vec<usize> = (0..n).filter(|&i| !taken[i]).collect();
        for i in take_random(rng, &mut rest, n_prog - prog.len()) {
            taken[i] = true;
            prog.push(i);
        }
        for &i in &prog {
            ts[i].fate = Fate::Progress;
        }

        let mut rest: Vec<usize> = (0..n).filter(|&i| !taken[i]).collect();
        for i in take_random(rng, &mut rest, n_expl) {
            ts[i].fate = Fate::Explained;
        }

        // Reopened problems (about 20 in the fixture), spread over the four
        // ways a closed problem comes back.
        let n_reopen = if camp.exact {
            between(rng, 18, 24) as usize
        } else {
            n * 21 / 777
        };
        let early = |ts: &[Ticket], fate: Fate, margin: i32| -> Vec<usize> {
            (0..ts.len())
                .filter(|&i| ts[i].fate == fate && ts[i].collected <= end - margin)
                .collect()
        };
        let quota = [n_reopen / 6, n_reopen / 5, n_reopen * 3 / 20];
        let mut pool = early(&ts, Fate::Progress, 45);
        for i in take_random(rng, &mut pool, quota[0]) {
            ts[i].fate = Fate::ReopenRP;
        }
        let mut pool = early(&ts, Fate::Explained, 60);
        for i in take_random(rng, &mut pool, quota[1]) {
            ts[i].fate = Fate::ReopenEE;
        }
        let mut pool = early(&ts, Fate::Resolved, 60);
        let chosen = take_random(rng, &mut pool, n_reopen - quota[0] - quota[1]);
        for (k, i) in chosen.into_iter().enumerate() {
            ts[i].fate = if k < quota[2] {
                Fate::ReopenER
            } else {
                Fate::ReopenRR
            };
        }

        // Problems solved at forums (精准解决问题300余个): resolved on the
        // forum's day by an attending cadre of the handling department.
        let n_meet = if camp.exact {
            between(rng, 305, 320) as usize
        } else {
            n * 312 / 777
        };
        let days: Vec<i32> = meetings.iter().map(|m| m.day).collect();
        let mut pool: Vec<usize> = (0..n).filter(|&i| ts[i].fate == Fate::Resolved).collect();
        shuffle(rng, &mut pool);
        let mut met = 0;
        for &i in &pool {
            if met == n_meet {
                break;
            }
            let t = &ts[i];
            let dept = t.dept.expect("planned tickets have a department");
            let staff = &dist.dept_staff[dept as usize];
            if let Some((m, by)) = find_meeting(
                rng,
                meetings,
                &days,
                t.accept,
                end,
                dept,
                staff,
                &dist.cadres,
            ) {
                let t = &mut ts[i];
                t.fate = Fate::AtMeeting;
                t.meeting = Some(m);
                t.handler = by;
                met += 1;
            }
        }

        // Some problems are settled on the spot by the collecting cadre,
        // without a handling department unless it is the cadre's own.
        for t in &mut ts {
            let spot = match t.fate {
                Fate::Resolved if chance(rng, 0.1) => Fate::SpotResolved,
                Fate::Explained if chance(rng, 0.12) => Fate::SpotExplained,
                _ => continue,
            };
            let collector = dist.ents[visits[t.visit as usize].ent as usize].cadre;
            let depts = CATEGORIES[t.category as usize].problems[t.problem as usize].depts;
            t.fate = spot;
            t.handler = collector;
            t.dept = match dist.cadres[collector as usize].home {
                Home::Dept(k) if depts.contains(&k) => Some(k),
                _ => None,
            };
        }
        ts
    }

    /// Writes the tickets in collection order, numbered per year, and the
    /// events of each.
    fn write_tickets(
        &mut self,
        dist: &District,
        visits: &[Visit],
        meetings: &[Meeting],
        ts: &[Ticket],
        rng: &mut Rand,
    ) -> Result<()> {
        let cal = &self.cal;
        let end = self.camp.end;
        let n = ts.len();
        // The loop's draws have a stream of their own (see `loops`).
        let mut loop_rng = <Rand as rand::SeedableRng>::seed_from_u64(self.seed ^ LOOP_SEED);
        loop_rng.set_stream(self.summary.tickets);
        let work = crate::domain::calendar::Calendar::shipped();
        let mut code = String::new();
        let mut text = String::new();
        let mut evs: Vec<Ev> = Vec::with_capacity(4);
        // Numbers keep one width within a district so that codes sort.
        let width = n.to_string().len().max(4);
        let mut seq = 0u32;
        let mut year = 0;
        for t in ts {
            let y = cal.year(t.collected);
            if y != year {
                year = y;
                seq = 0;
            }
            seq += 1;
            code.clear();
            write!(code, "{}{y}-{seq:0width$}", dist.prefix)?;
            let ent = &dist.ents[visits[t.visit as usize].ent as usize];
            let collector = ent.cadre;
            let cat = &CATEGORIES[t.category as usize];
            let prob = &cat.problems[t.problem as usize];
            text.clear();
            match prob.text.split_once('#') {
                Some((a, b)) => {
                    let (lo, hi, step) = prob.num;
                    let steps = (hi - lo) / step;
                    let x = lo + step * below(rng, steps + 1);
                    write!(text, "{a}{x}{b}")?;
                }
                None => text.push_str(prob.text),
            }
            let plan = plan(&mut loop_rng, t, dist.dept_codes.len());
            let dept = plan.wrong.or(t.dept);
            self.out.tickets.row([
                ("code", &code),
                ("enterprise", &ent.uscc),
                ("cadre", &dist.cadres[collector as usize].code),
                ("collected_on", cal.label(t.collected)),
                ("category", cat.name),
                ("summary", &text),
                (
                    "department",
                    dept.map_or("", |k| dist.dept_codes[k as usize].as_str()),
                ),
                ("due_on", cal.label(t.due)),
            ])?;
            history(rng, t, collector, cat, end, meetings, &mut evs);
            let who = People {
                collector,
                wrong_staff: plan.wrong.map_or(&[][..], |w| &dist.dept_staff[w as usize]),
            };
            close_loop(&mut loop_rng, t, plan, &who, cal, &work, end, &mut evs);
            for e in &evs {
                let d = &e.loop_;
                self.out.events.row([
                    ("ticket", &code),
                    ("on", cal.label(e.day)),
                    ("action", e.action.map_or("", |a| a.as_str())),
                    ("status", e.status.as_str()),
                    ("by", &dist.cadres[e.by as usize].code),
                    ("note", e.note),
                    (
                        "meeting",
                        &e.meeting
                            .map_or(String::new(), |m| meeting_code(&dist.prefix, m)),
                    ),
                    (
                        "department",
                        d.dept.map_or("", |k| dist.dept_codes[k as usize].as_str()),
                    ),
                    ("due_on", d.due.map_or("", |day| cal.label(day))),
                    ("level", d.level.map_or("", |l| l.as_str())),
                    ("outcome", d.outcome.map_or("", |o| o.as_str())),
                    ("satisfaction", d.satisfaction.map_or("", |s| s.as_str())),
                    ("reason", d.reason),
                ])?;
            }
            self.summary.events += evs.len() as u64;
        }
        self.summary.tickets += n as u64;
        Ok(())
    }
}

/// Mixed into the seed for the stream of the loop's draws.
const LOOP_SEED: u64 = 0x6c6f_6f70;

/// Days until a problem's deadline, within `lo..=hi` (and 15..=90): usually
/// one of the customary 15/30/60/90-day limits (限期销号).
pub(super) fn due_offset(rng: &mut Rand, lo: i32, hi: i32) -> i32 {
    let (lo, hi) = (lo.max(15), hi.min(90));
    if lo >= hi {
        return lo.min(90);
    }
    let usual: Vec<(i32, u32)> = [(15, 20), (30, 40), (60, 25), (90, 15)]
        .into_iter()
        .filter(|(d, _)| (lo..=hi).contains(d))
        .collect();
    if !usual.is_empty() && chance(rng, 0.8) {
        pick_weighted(rng, &usual)
    } else {
        between(rng, lo, hi)
    }
}
