//! units.csv, cadres.csv, enterprises.csv and pairings.csv: a district's
//! departments and towns, its cadres, and the enterprises each one serves.

use std::collections::HashSet;
use std::fmt::Write as _;

use anyhow::Result;

use super::calendar::workday;
use super::draw::*;
use super::roster::*;
use super::{
    Cadre, City, District, Enterprise, Home, DISTRICT_CADRES, TOWN_CADRES, TOWN_ENTERPRISES,
};
use crate::domain::uscc::Uscc;

impl City {
    /// Units, cadres, enterprises and pairings.
    pub(super) fn people(&mut self, d: u32, rng: &mut Rand) -> Result<District> {
        let cal = &self.cal;
        let qualified = self.scale > 1;
        let (base, level) = PLACES[d as usize % PLACES.len()];
        let place = format!(
            "{base}{}",
            NUMERALS[(d as usize / PLACES.len()) % NUMERALS.len()]
        );
        let prefix = if qualified {
            format!("K{:03}-", d + 1)
        } else {
            String::new()
        };
        let qualify = |name: &str| {
            if qualified {
                format!("{place}{level}{name}")
            } else {
                name.to_string()
            }
        };

        let mut towns: Vec<(String, u32)> = if d == 0 {
            QIJIANG_TOWNS
                .iter()
                .map(|(n, w)| (n.to_string(), *w))
                .collect()
        } else {
            let mut pool: Vec<usize> = (0..TOWN_POOL.len()).collect();
            take_random(rng, &mut pool, 21)
                .into_iter()
                .enumerate()
                .map(|(i, t)| {
                    if i < 5 {
                        (format!("{}街道", TOWN_POOL[t]), between(rng, 5, 9) as u32)
                    } else {
                        (format!("{}镇", TOWN_POOL[t]), between(rng, 2, 4) as u32)
                    }
                })
                .collect()
        };
        for t in &mut towns {
            t.0 = qualify(&t.0);
        }
        let town_weights: Vec<u32> = towns.iter().map(|t| t.1).collect();
        let dept_codes: Vec<String> = (1..=DEPTS.len())
            .map(|i| format!("{prefix}D{i:02}"))
            .collect();
        let town_codes: Vec<String> = (1..=towns.len())
            .map(|i| format!("{prefix}T{i:02}"))
            .collect();
        for (code, (name, _)) in dept_codes.iter().zip(DEPTS) {
            let name = if qualified {
                format!("{place}{level}{}", name.trim_start_matches('区'))
            } else {
                name.to_string()
            };
            self.out
                .units
                .row([("code", code), ("name", &name), ("kind", "dept")])?;
        }
        for (code, (name, _)) in town_codes.iter().zip(&towns) {
            self.out
                .units
                .row([("code", code), ("name", name), ("kind", "town")])?;
        }
        self.summary.units += (DEPTS.len() + towns.len()) as u64;

        // Cadres: district cadres grouped by department, then town cadres
        // grouped by town, as a roster would list them.
        let dept_weights: Vec<u32> = DEPTS.iter().map(|d| d.1).collect();
        let mut per_dept = vec![6u32; DEPTS.len()];
        for _ in 0..DISTRICT_CADRES - 6 * DEPTS.len() {
            per_dept[weighted(rng, &dept_weights)] += 1;
        }
        let mut per_town = vec![10u32; towns.len()];
        for _ in 0..TOWN_CADRES - 10 * towns.len() {
            per_town[weighted(rng, &town_weights)] += 1;
        }
        let homes = per_dept
            .iter()
            .enumerate()
            .flat_map(|(i, &n)| std::iter::repeat_n(Home::Dept(i as u8), n as usize))
            .chain(
                per_town
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &n)| std::iter::repeat_n(Home::Town(i as u8), n as usize)),
            );
        let mut cadres = Vec::with_capacity(DISTRICT_CADRES + TOWN_CADRES);
        let mut dept_staff = vec![Vec::new(); DEPTS.len()];
        let mut town_staff = vec![Vec::new(); towns.len()];
        for (i, home) in homes.enumerate() {
            let code = format!("{prefix}C{:04}", i + 1);
            let name = person_name(rng);
            let (unit, rank) = match home {
                Home::Dept(k) => {
                    dept_staff[k as usize].push(i as u32);
                    (&dept_codes[k as usize], pick_weighted(rng, &DISTRICT_RANKS))
                }
                Home::Town(k) => {
                    town_staff[k as usize].push(i as u32);
                    (&town_codes[k as usize], pick_weighted(rng, &TOWN_RANKS))
                }
            };
            let phone = loop {
                let n =
                    pick(rng, &PHONE_PREFIXES) * 100_000_000 + u64::from(below(rng, 100_000_000));
                if self.phones.insert(n) {
                    break n;
                }
            };
            let mut phone_s = String::with_capacity(11);
            write!(phone_s, "{phone}")?;
            self.out.cadres.row([
                ("code", &code),
                ("name", &name),
                ("unit", unit),
                ("rank", rank),
                ("phone", &phone_s),
            ])?;
            cadres.push(Cadre { code, home });
        }
        self.summary.cadres += cadres.len() as u64;

        // Enterprises: district cadre i serves enterprise i; each town cadre
        // serves one to three enterprises of the cadre's own town.
        let mut owners: Vec<(u32, u8)> = (0..DISTRICT_CADRES)
            .map(|i| (i as u32, weighted(rng, &town_weights) as u8))
            .collect();
        let mut load = vec![1u8; TOWN_CADRES];
        let mut extra = TOWN_ENTERPRISES - TOWN_CADRES;
        while extra > 0 {
            let k = below(rng, TOWN_CADRES as u32) as usize;
            if load[k] < 3 {
                load[k] += 1;
                extra -= 1;
            }
        }
        for (k, &n) in load.iter().enumerate() {
            let c = DISTRICT_CADRES + k;
            let Home::Town(t) = cadres[c].home else {
                unreachable!("town cadres follow district cadres")
            };
            for _ in 0..n {
                owners.push((c as u32, t));
            }
        }
        let mut key = vec![false; owners.len()];
        let mut pool: Vec<usize> = (0..DISTRICT_CADRES).collect();
        let k = between(rng, 128, 136) as usize;
        for i in take_random(rng, &mut pool, k) {
            key[i] = true;
        }
        let mut pool: Vec<usize> = (DISTRICT_CADRES..owners.len()).collect();
        let k = between(rng, 16, 24) as usize;
        for i in take_random(rng, &mut pool, k) {
            key[i] = true;
        }

        let admin = if d == 0 {
            500_222
        } else {
            500_200 + (22 + d) % 100
        };
        let chain_weights: Vec<u32> = CHAINS.iter().map(|c| c.1).collect();
        let mut names = HashSet::new();
        let mut ents = Vec::with_capacity(owners.len());
        let mut cadre_ents = vec![Vec::new(); cadres.len()];
        let fy = self.camp.first_year;
        for (i, &(cadre, town)) in owners.iter().enumerate() {
            let chain = weighted(rng, &chain_weights) as u8;
            let name = loop {
                let n = format!(
                    "重庆{place}{}{}{}",
                    pick(rng, &BRAND),
                    pick(rng, &BRAND),
                    pick(rng, CHAINS[chain as usize].2)
                );
                if names.insert(n.clone()) {
                    break n;
                }
            };
            let uscc = uscc(rng, admin, d, i as u32, self.seed);
            let district_tier = i < DISTRICT_CADRES;
            // The campaign was launched at the start of the year; most
            // pairings date from January.
            let start = match weighted(rng, &[60, 25, 15]) {
                0 => workday(rng, cal, cal.day(fy, 1, 4), cal.day(fy, 1, 28)),
                1 => workday(rng, cal, cal.day(fy, 2, 7), cal.day(fy, 2, 28)),
                _ => workday(rng, cal, cal.day(fy, 3, 1), cal.day(fy, 3, 31)),
            };
            self.out.enterprises.row([
                ("uscc", &uscc),
                ("name", &name),
                ("town", &town_codes[town as usize]),
                ("chain", CHAINS[chain as usize].0),
                ("key", if key[i] { "yes" } else { "no" }),
            ])?;
            self.out.pairings.row([
                ("cadre", &cadres[cadre as usize].code),
                ("enterprise", &uscc),
                ("tier", if district_tier { "district" } else { "town" }),
                ("started_on", cal.label(start)),
                ("ended_on", ""),
            ])?;
            cadre_ents[cadre as usize].push(i as u32);
            ents.push(Enterprise {
                uscc,
                chain,
                key: key[i],
                cadre,
                district_tier,
                start,
            });
        }
        self.summary.enterprises += ents.len() as u64;
        self.summary.pairings += ents.len() as u64;

        Ok(District {
            prefix,
            level: if level.is_empty() { "县" } else { level },
            dept_codes,
            town_names: towns.into_iter().map(|t| t.0).collect(),
            cadres,
            dept_staff,
            town_staff,
            ents,
            cadre_ents,
        })
    }
}

pub(super) fn person_name(rng: &mut Rand) -> String {
    let mut name = pick_weighted(rng, &SURNAMES).to_string();
    name.push_str(pick_str(rng, &GIVEN));
    if chance(rng, 0.7) {
        name.push_str(pick_str(rng, &GIVEN));
    }
    name
}

pub(super) const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid USCC for enterprise `i` of district `d`. The org-code part is a
/// bijection of (d, i) shifted by the seed, so codes never collide within a
/// city: "MA…" codes of enterprises registered since 2015, or an older
/// 组织机构代码 with its own check digit.
pub(super) fn uscc(rng: &mut Rand, admin: u32, d: u32, i: u32, seed: u64) -> String {
    let mut first17 = format!("91{admin}");
    if chance(rng, 0.7) {
        // 31^7 values; the multiplier is coprime to 31.
        const SPACE: u64 = 27_512_614_111;
        let n = (u64::from(d) << 20) | u64::from(i);
        let mut x = ((u128::from(n) * 1_234_567_891 + u128::from(seed)) % u128::from(SPACE)) as u64;
        let mut digits = [0u8; 7];
        for slot in digits.iter_mut().rev() {
            *slot = USCC_ALPHABET[(x % 31) as usize];
            x /= 31;
        }
        first17.push_str("MA");
        first17.push_str(std::str::from_utf8(&digits).expect("ascii"));
    } else {
        // 8 digits, multiplier coprime to 10, then the GB 11714 check digit.
        let n = u64::from(d) * 10_000 + u64::from(i);
        let x = (u128::from(n) * 7_654_321 + u128::from(seed)) % 100_000_000;
        let body = format!("{x:08}");
        let sum: u32 = body
            .bytes()
            .zip([3, 7, 9, 10, 5, 8, 4, 2])
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let check = match 11 - sum % 11 {
            10 => 'X',
            11 => '0',
            c => char::from_digit(c, 10).expect("digit"),
        };
        first17.push_str(&body);
        first17.push(check);
    }
    Uscc::complete(&first17)
        .expect("generated from the USCC alphabet")
        .as_str()
        .to_string()
}
