//! Repetitions and percentiles. pubcat and its raw-SQL baseline are timed *interleaved*
//! (A, B, A, B, ...) so that noise from other processes on the machine hits both alike.
//!
//! Two clocks: wall time, and the CPU time of the benchmark thread
//! (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, nanoseconds). On a shared machine the CPU time
//! is the steadier measure of the work done; both are reported.

use std::time::{Duration, Instant};

/// `struct timespec` of the C library (64-bit Linux).
#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
}

/// `CLOCK_THREAD_CPUTIME_ID` on Linux.
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

/// The CPU time of the current thread.
pub struct CpuClock;

impl CpuClock {
    /// A clock for the calling thread.
    pub fn new() -> CpuClock {
        CpuClock
    }

    /// Nanoseconds of CPU the calling thread has used so far (`None` if unavailable).
    pub fn now(&mut self) -> Option<u64> {
        if !cfg!(all(target_os = "linux", target_pointer_width = "64")) {
            return None;
        }
        let mut ts = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `clock_gettime` only writes one `struct timespec` through the pointer, which
        // points to a live, properly aligned value of that layout (64-bit Linux).
        let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
    }
}

/// Timings of one side of a case, in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    /// On-CPU time of every repetition (wall time where unavailable), sorted.
    pub ms: Vec<f64>,
    /// Wall time of every repetition, sorted.
    pub wall: Vec<f64>,
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

    /// Median wall time.
    pub fn wall_p50(&self) -> f64 {
        Samples {
            ms: self.wall.clone(),
            wall: Vec::new(),
        }
        .p50()
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
    let mut clock = CpuClock::new();
    let (mut sa, mut sb) = (Samples::default(), Samples::default());
    let start = Instant::now();
    while sa.ms.len() < budget.max_reps
        && (sa.ms.len() < budget.min_reps || start.elapsed() < budget.time)
    {
        // Alternate which side goes first, so neither always runs on a warmer cache.
        let first_a = sa.ms.len() % 2 == 0;
        for side in [first_a, !first_a] {
            let cpu = clock.now();
            let t = Instant::now();
            if side {
                a()?;
            } else {
                b()?;
            }
            let wall = t.elapsed().as_secs_f64() * 1e3;
            let ms = match (cpu, clock.now()) {
                (Some(before), Some(after)) => after.saturating_sub(before) as f64 / 1e6,
                _ => wall,
            };
            let s = if side { &mut sa } else { &mut sb };
            s.ms.push(ms);
            s.wall.push(wall);
        }
    }
    for s in [&mut sa, &mut sb] {
        s.ms.sort_by(f64::total_cmp);
        s.wall.sort_by(f64::total_cmp);
    }
    Ok((sa, sb))
}
