//! meetings.csv: forums (座谈会) of a district's cadres, with who attended.

use anyhow::Result;

use super::calendar::workday;
use super::draw::*;
use super::roster::*;
use super::{Cadre, City, District, Home, DISTRICT_CADRES, MAX_ATTENDEES};

pub(super) struct Meeting {
    pub(super) day: i32,
    title: String,
    attendees: Vec<u32>,
    /// Bit i set when a cadre of department i attends.
    depts: u32,
}

impl City {
    pub(super) fn meetings(&self, dist: &District, rng: &mut Rand) -> Vec<Meeting> {
        let cal = &self.cal;
        let camp = &self.camp;
        let level = dist.level;
        let district_cadres: Vec<u32> = (0..DISTRICT_CADRES as u32).collect();
        let key_cadres: Vec<u32> = dist
            .ents
            .iter()
            .filter(|e| e.key)
            .map(|e| e.cadre)
            .collect();
        let chain_cadres: Vec<Vec<u32>> = (0..CHAINS.len())
            .map(|c| {
                dist.ents
                    .iter()
                    .filter(|e| e.chain as usize == c)
                    .map(|e| e.cadre)
                    .collect()
            })
            .collect();
        let town_sizes: Vec<u32> = dist.town_staff.iter().map(|s| s.len() as u32).collect();
        const TOPICS: [(&str, &[u8]); 5] = [
            ("融资对接助企干部座谈会", &[JRZ, CZJ]),
            ("稳岗用工助企干部座谈会", &[RSJ]),
            ("惠企政策兑现助企干部座谈会", &[JXW, CZJ, SWJ]),
            ("项目审批服务助企干部座谈会", &[FGW, SCJ, ZJW, GHJ, HBJ]),
            ("要素保障助企干部座谈会", &[GDG, SLJ, GHJ, JTJ]),
        ];

        let mut meetings = Vec::new();
        for y in camp.first_year..=camp.last_year {
            for _ in 0..between(rng, 101, 110) {
                let day = workday(rng, cal, cal.day(y, 2, 10), cal.day(y, 12, 30));
                let mut m = Meeting {
                    day,
                    title: String::new(),
                    attendees: Vec::new(),
                    depts: 0,
                };
                match weighted(rng, &[12, 55, 18, 15]) {
                    0 => {
                        // The district's leaders meet the cadres of key
                        // enterprises in person.
                        let who = if chance(rng, 0.5) { "委" } else { "政府" };
                        m.title = format!("{level}{who}主要领导联系企业助企干部座谈会");
                        let size = between(rng, 20, 40) as usize;
                        while m.attendees.len() < size {
                            let c = if chance(rng, 0.6) {
                                *pick(rng, &key_cadres)
                            } else {
                                *pick(rng, &district_cadres)
                            };
                            m.add(c, &dist.cadres);
                        }
                    }
                    1 => {
                        let t = weighted(rng, &town_sizes);
                        m.title = format!("{}助企干部座谈会", dist.town_names[t]);
                        let mut staff = dist.town_staff[t].clone();
                        let size = between(rng, 5, staff.len().min(34) as i32) as usize;
                        shuffle(rng, &mut staff);
                        for &c in &staff[..size] {
                            m.add(c, &dist.cadres);
                        }
                        for _ in 0..between(rng, 1, 4) {
                            let c = *pick(rng, &district_cadres);
                            m.add(c, &dist.cadres);
                        }
                    }
                    2 => {
                        let c = below(rng, CHAINS.len() as u32) as usize;
                        m.title = format!("{}产业链助企干部座谈会", CHAINS[c].0);
                        let size = between(rng, 10, 30) as usize;
                        for _ in 0..size * 2 {
                            if m.attendees.len() >= size {
                                break;
                            }
                            let k = *pick(rng, &chain_cadres[c]);
                            m.add(k, &dist.cadres);
                        }
                        for dept in [JXW, ZSJ] {
                            let k = *pick(rng, &dist.dept_staff[dept as usize]);
                            m.add(k, &dist.cadres);
                        }
                    }
                    _ => {
                        let (title, depts) = *pick(rng, &TOPICS);
                        m.title = title.to_string();
                        for &dept in depts {
                            for _ in 0..between(rng, 1, 2) {
                                let k = *pick(rng, &dist.dept_staff[dept as usize]);
                                m.add(k, &dist.cadres);
                            }
                        }
                        let size = between(rng, 8, 25) as usize;
                        while m.attendees.len() < size {
                            let k = below(rng, dist.cadres.len() as u32);
                            m.add(k, &dist.cadres);
                        }
                    }
                }
                meetings.push(m);
            }
        }
        meetings.sort_by_key(|m| m.day);

        // 全覆盖: every key enterprise's cadre attends at least one forum,
        // preferably the leaders' forum or the forum of the cadre's own town.
        let mut attended = vec![false; dist.cadres.len()];
        for m in &meetings {
            for &c in &m.attendees {
                attended[c as usize] = true;
            }
        }
        for &c in &key_cadres {
            if attended[c as usize] {
                continue;
            }
            let home = match dist.cadres[c as usize].home {
                Home::Dept(_) => "主要领导".to_string(),
                Home::Town(t) => dist.town_names[t as usize].clone(),
            };
            let preferred: Vec<usize> = (0..meetings.len())
                .filter(|&i| {
                    meetings[i].title.contains(&home) && meetings[i].attendees.len() < MAX_ATTENDEES
                })
                .collect();
            let any: Vec<usize> = (0..meetings.len())
                .filter(|&i| meetings[i].attendees.len() < MAX_ATTENDEES)
                .collect();
            let i = if preferred.is_empty() {
                *pick(rng, &any)
            } else {
                *pick(rng, &preferred)
            };
            meetings[i].add(c, &dist.cadres);
            attended[c as usize] = true;
        }
        meetings
    }

    pub(super) fn write_meetings(&mut self, dist: &District, meetings: &[Meeting]) -> Result<()> {
        let mut who = String::new();
        for (i, m) in meetings.iter().enumerate() {
            let mut attendees = m.attendees.clone();
            attendees.sort_unstable();
            who.clear();
            for (k, c) in attendees.iter().enumerate() {
                if k > 0 {
                    who.push(';');
                }
                who.push_str(&dist.cadres[*c as usize].code);
            }
            self.out.meetings.row([
                ("code", &meeting_code(&dist.prefix, i as u32)),
                ("held_on", self.cal.label(m.day)),
                ("title", &m.title),
                ("cadres", &who),
            ])?;
        }
        self.summary.meetings += meetings.len() as u64;
        Ok(())
    }
}

impl Meeting {
    /// Adds a cadre unless already there or the room is full.
    pub(super) fn add(&mut self, cadre: u32, cadres: &[Cadre]) -> bool {
        if self.attendees.len() >= MAX_ATTENDEES || self.attendees.contains(&cadre) {
            return false;
        }
        self.attendees.push(cadre);
        if let Home::Dept(k) = cadres[cadre as usize].home {
            self.depts |= 1 << k;
        }
        true
    }
}

pub(super) fn meeting_code(prefix: &str, i: u32) -> String {
    format!("{prefix}M{:03}", i + 1)
}

/// A forum within 75 days after `from` where a cadre of `dept` attends (or
/// can still be seated), and that cadre.
#[allow(clippy::too_many_arguments)]
pub(super) fn find_meeting(
    rng: &mut Rand,
    meetings: &mut [Meeting],
    days: &[i32],
    from: i32,
    end: i32,
    dept: u8,
    staff: &[u32],
    cadres: &[Cadre],
) -> Option<(u32, u32)> {
    let lo = days.partition_point(|&d| d < from);
    let hi = days.partition_point(|&d| d <= (from + 75).min(end));
    if lo >= hi {
        return None;
    }
    let span = hi - lo;
    let start = below(rng, span as u32) as usize;
    let tries = span.min(12);
    for k in 0..tries {
        let i = lo + (start + k) % span;
        let m = &meetings[i];
        if m.depts & (1 << dept) != 0 {
            let present: Vec<u32> = m
                .attendees
                .iter()
                .copied()
                .filter(|&c| cadres[c as usize].home == Home::Dept(dept))
                .collect();
            return Some((i as u32, *pick(rng, &present)));
        }
    }
    for k in 0..tries {
        let i = lo + (start + k) % span;
        let by = *pick(rng, staff);
        if meetings[i].add(by, cadres) {
            return Some((i as u32, by));
        }
    }
    None
}
