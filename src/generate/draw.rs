//! Random draws, all from one ChaCha8 stream per district.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(super) type Rand = ChaCha8Rng;

// Draws go through u32 and f64 only: rand's usize sampling depends on the
// pointer width, which would break byte-identical output across platforms.
pub(super) fn below(rng: &mut Rand, n: u32) -> u32 {
    debug_assert!(n > 0);
    rng.gen_range(0..n)
}

pub(super) fn between(rng: &mut Rand, lo: i32, hi: i32) -> i32 {
    if hi <= lo {
        return lo;
    }
    lo + below(rng, (hi - lo + 1) as u32) as i32
}

pub(super) fn chance(rng: &mut Rand, p: f64) -> bool {
    rng.gen::<f64>() < p
}

pub(super) fn pick<'a, T>(rng: &mut Rand, items: &'a [T]) -> &'a T {
    &items[below(rng, items.len() as u32) as usize]
}

pub(super) fn pick_str(rng: &mut Rand, items: &[&'static str]) -> &'static str {
    items[below(rng, items.len() as u32) as usize]
}

pub(super) fn weighted(rng: &mut Rand, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = below(rng, total);
    for (i, &w) in weights.iter().enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

pub(super) fn pick_weighted<T: Copy>(rng: &mut Rand, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut x = below(rng, total);
    for &(item, w) in items {
        if x < w {
            return item;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

pub(super) fn shuffle<T>(rng: &mut Rand, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i as u32 + 1) as usize;
        items.swap(i, j);
    }
}

/// Moves `k` random elements of `pool` to its front and returns them.
pub(super) fn take_random(rng: &mut Rand, pool: &mut [usize], k: usize) -> Vec<usize> {
    let k = k.min(pool.len());
    for i in 0..k {
        let j = i + below(rng, (pool.len() - i) as u32) as usize;
        pool.swap(i, j);
    }
    pool[..k].to_vec()
}
