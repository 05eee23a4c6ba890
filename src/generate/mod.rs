//! Synthetic campaign generator.
//!
//! Writes a campaign in qianqi's canonical CSV import format. Scale 1 is the
//! bundled fixture of the Qijiang district 2022 campaign and reproduces every
//! published figure (745 cadres, 966 enterprises, 15,000+ person-visits, 777
//! problems of which 531 resolved, 164 explained, 81 in progress and one still
//! awaiting acceptance, 100+ forums solving 300+ problems). Scale N writes N
//! such districts for benchmarks; `tickets` overrides the number of problems.
//!
//! Every random choice comes from a ChaCha8 stream per district, sampled only
//! through `u32`/`f64` draws, so the same spec gives byte-identical files on
//! every platform.
//!
//! A district is written in four passes, each in its own module: `registry`
//! (units, cadres, enterprises, pairings), `visits`, `meetings` and `tickets`
//! (with `history` for the events after collection). `roster` and `problems`
//! hold what the passes draw from, `calendar` and `draw` the day numbers and
//! the random draws, and `write` the files, whose headers come from the field
//! table of each kind (`DataKind::fields`).

mod calendar;
mod draw;
mod history;
mod loops;
mod meetings;
mod problems;
mod registry;
mod roster;
mod tickets;
mod visits;
mod write;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use anyhow::{ensure, Context, Result};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use calendar::{Calendar, Campaign};
use draw::Rand;
use visits::task_labels;
use write::Out;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spec {
    /// Number of districts; 1 is the Qijiang fixture.
    pub(crate) scale: u32,
    /// Total number of tickets across all districts, replacing the 777 per
    /// district of the fixture.
    pub(crate) tickets: Option<u64>,
    pub(crate) seed: u64,
}

/// Counts of what was written, for the caller to print and for tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) units: u64,
    pub(crate) cadres: u64,
    pub(crate) enterprises: u64,
    pub(crate) pairings: u64,
    /// Rows of visits.csv.
    pub(crate) visits: u64,
    /// Sum of the `people` column of visits.csv (人次).
    pub(crate) person_visits: u64,
    pub(crate) meetings: u64,
    pub(crate) tickets: u64,
    /// Rows of events.csv: transitions after collection.
    pub(crate) events: u64,
}

// Published figures of the Qijiang 2022 campaign.
const DISTRICT_CADRES: usize = 285;
const TOWN_CADRES: usize = 460;
const TOWN_ENTERPRISES: usize = 681;
const TICKETS: u64 = 777;
const RESOLVED: u64 = 531;
const EXPLAINED: u64 = 164;
const IN_PROGRESS: u64 = 81;
const AWAITING: u64 = 1;
const MAX_ATTENDEES: usize = 40;

/// Writes units.csv, cadres.csv, enterprises.csv, pairings.csv, visits.csv, meetings.csv, tickets.csv, events.csv into `dir` (created if missing).
///
/// The same spec always gives byte-identical files. events.csv holds only
/// the transitions after collection; the importer derives each ticket's
/// `collected` event from tickets.csv.
pub(crate) fn write_city(spec: &Spec, dir: &Path) -> Result<Summary> {
    ensure!(spec.scale >= 1, "scale must be at least 1");
    let shown = dir.display();
    fs::create_dir_all(dir)
        .with_context(|| crate::tr!("cannot create {shown}", "无法创建 {shown}"))?;
    let scale = u64::from(spec.scale);
    let per_district = spec.tickets.map_or(TICKETS, |t| t.div_ceil(scale));
    // Large ticket counts are spread over several campaign years to keep the
    // number of problems collected per day plausible.
    let years = match spec.tickets {
        None => 1,
        Some(_) if per_district <= 2_000 => 1,
        Some(_) if per_district <= 20_000 => 3,
        Some(_) => 5,
    };
    let first_year = 2022 - (years - 1) / 2;
    let last_year = first_year + years - 1;
    let cal = Calendar::new(first_year - 1, last_year + 1);
    let camp = Campaign {
        exact: spec.tickets.is_none(),
        first_year,
        last_year,
        end: cal.day(last_year, 12, 31),
        idle_cut: cal.day(last_year, 10, 1),
    };
    let mut city = City {
        cal,
        camp,
        scale: spec.scale,
        seed: spec.seed,
        out: Out::create(dir)?,
        phones: HashSet::new(),
        tasks: task_labels(),
        summary: Summary::default(),
    };
    for d in 0..spec.scale {
        let tickets = match spec.tickets {
            None => TICKETS,
            Some(t) => t / scale + u64::from(u64::from(d) < t % scale),
        };
        let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
        rng.set_stream(u64::from(d));
        city.district(d, tickets, &mut rng)?;
    }
    let City { out, summary, .. } = city;
    out.flush()?;
    Ok(summary)
}

struct City {
    cal: Calendar,
    camp: Campaign,
    scale: u32,
    seed: u64,
    out: Out,
    /// Phone numbers handed out so far, kept unique across the city.
    phones: HashSet<u64>,
    tasks: Vec<String>,
    summary: Summary,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Home {
    Dept(u8),
    Town(u8),
}

struct Cadre {
    code: String,
    home: Home,
}

struct Enterprise {
    uscc: String,
    chain: u8,
    key: bool,
    cadre: u32,
    district_tier: bool,
    start: i32,
}

/// One district's people and enterprises, kept while its rows are written.
struct District {
    prefix: String,
    /// "区" or "县", for meeting titles.
    level: &'static str,
    dept_codes: Vec<String>,
    town_names: Vec<String>,
    cadres: Vec<Cadre>,
    dept_staff: Vec<Vec<u32>>,
    town_staff: Vec<Vec<u32>>,
    ents: Vec<Enterprise>,
    cadre_ents: Vec<Vec<u32>>,
}

impl City {
    fn district(&mut self, d: u32, n_tickets: u64, rng: &mut Rand) -> Result<()> {
        let dist = self.people(d, rng)?;
        let visits = self.visits(&dist, rng)?;
        let mut meetings = self.meetings(&dist, rng);
        self.tickets(&dist, &visits, &mut meetings, n_tickets, rng)?;
        self.write_meetings(&dist, &meetings)?;
        Ok(())
    }
}
