//! A fast hasher for the maps of link discovery (term keys, blocking keys): FNV-1a. The keys
//! come from the catalogue, not from an adversary over the network, and the standard
//! library's SipHash was a tenth of the running time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // One multiply-xorshift round for integers: their bytes one by one are slow and
        // cluster when the keys are small.
        let mut x = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x ^= x >> 32;
        self.0 = x;
    }
}

/// A `HashMap` with [`Fnv`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The FNV-1a hash of a text, kept to its low 56 bits (stable across runs and platforms).
pub(crate) fn hash56(text: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(text.as_bytes());
    h.finish() & ((1 << 56) - 1)
}
