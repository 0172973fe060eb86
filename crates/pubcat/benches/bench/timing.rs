//! Repetitions and percentiles. pubcat and its raw-SQL baseline are timed *interleaved*
//! (A, B, A, B, ...) so that noise from other processes on the machine hits both alike.

use std::time::{Duration, Instant};

/// Timings of one side of a case, in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    /// Every repetition, sorted.
    pub ms: Vec<f64>,
}

impl Samples {
    /// The `q`-quantile (nearest rank), 0 when empty.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.ms.is_empty() {
            return 0.0;
        }
        let rank = ((q * self.ms.len() as f64).ceil() as usize).clamp(1, self.ms.len());
        self.ms[rank - 1]
    }

    /// Median.
    pub fn p50(&self) -> f64 {
        self.quantile(0.5)
    }

    /// 95th percentile.
    pub fn p95(&self) -> f64 {
        self.quantile(0.95)
    }
}

/// How long and how often to repeat.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Stop after this much time for the pair (unless `min_reps` are not reached yet).
    pub time: Duration,
    /// At least this many repetitions per side.
    pub min_reps: usize,
    /// At most this many repetitions per side.
    pub max_reps: usize,
    /// Untimed warm-up runs per side.
    pub warmup: usize,
}

/// Runs `a` and `b` alternately within `budget` and returns their timings.
pub fn pair(
    budget: Budget,
    mut a: impl FnMut() -> Result<(), String>,
    mut b: impl FnMut() -> Result<(), String>,
) -> Result<(Samples, Samples), String> {
    for _ in 0..budget.warmup {
        a()?;
        b()?;
    }
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while sa.len() < budget.max_reps
        && (sa.len() < budget.min_reps || start.elapsed() < budget.time)
    {
        // Alternate which side goes first, so neither always runs on a warmer cache.
        let first_a = sa.len() % 2 == 0;
        for side in [first_a, !first_a] {
            let t = Instant::now();
            if side {
                a()?;
                sa.push(t.elapsed().as_secs_f64() * 1e3);
            } else {
                b()?;
                sb.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    sa.sort_by(f64::total_cmp);
    sb.sort_by(f64::total_cmp);
    Ok((Samples { ms: sa }, Samples { ms: sb }))
}
