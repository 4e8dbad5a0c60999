//! The request ids of a run, to bill a repeated request once.
//!
//! A call log may list one request twice (a retried export, two overlapping files): the
//! later line is not billed again but counted as a duplicate. Every reader of a run — the
//! fast path's threads, the sequential reader, every input file — checks ids against one
//! [`RequestIds`], so a repeat is found wherever it is.
//!
//! # Sixteen bytes an id
//!
//! An id is kept as a 128-bit [`RequestKey`], never as text:
//!
//! - an id that *is* a 128-bit value as written — 32 hexadecimal digits, with or without the
//!   hyphens of a UUID (`8-4-4-4-12`), in either case; Tencent Cloud's `RequestId` is a UUID —
//!   is that value, exactly: two such ids are one request exactly when they are the same
//!   number (`A1B2…` and `a1b2…`, or a UUID and its 32 digits, are one request);
//! - any other id is a 128-bit keyed hash of its text: two SipHash-1-3 hashes under
//!   independent random keys drawn for each run. Two different ids (of any kind) get one key
//!   with probability about 2⁻¹²⁸ per pair: among *n* distinct ids a collision — one call
//!   wrongly counted as a duplicate — has probability at most n²/2¹²⁹, under 10⁻²¹ for a
//!   billion ids. The keys are random, so no input can be made to collide on purpose.
//!
//! The set is a hash table of these keys, in 64 shards that grow one at a time by a quarter
//! (so that growing never holds two copies of the whole table) and whose sizes are spread so
//! that they do not grow all at once: about 20 bytes per distinct id on average, whatever the
//! number of ids.

use std::hash::{BuildHasher, Hasher};

/// A request id as the set keeps it: its value when it is a 128-bit value as written, else
/// a keyed hash of its text. See the [module documentation](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RequestKey(u128);

/// Hashes ids that are not 128-bit values, with keys drawn for one run.
#[derive(Clone, Debug)]
pub struct KeyHasher {
    low: std::collections::hash_map::RandomState,
    high: std::collections::hash_map::RandomState,
}

impl Default for KeyHasher {
    fn default() -> KeyHasher {
        KeyHasher {
            low: std::collections::hash_map::RandomState::new(),
            high: std::collections::hash_map::RandomState::new(),
        }
    }
}

impl KeyHasher {
    /// The key of an id (already trimmed, not empty).
    #[inline]
    pub fn key(&self, id: &[u8]) -> RequestKey {
        if let Some(value) = hex_value(id) {
            return RequestKey(value);
        }
        let hash = |state: &std::collections::hash_map::RandomState| {
            let mut h = state.build_hasher();
            h.write(id);
            h.finish()
        };
        RequestKey(u128::from(hash(&self.high)) << 64 | u128::from(hash(&self.low)))
    }
}

/// The value of 32 hex digits, or of a UUID `8-4-4-4-12`; `None` for anything else.
#[inline]
fn hex_value(id: &[u8]) -> Option<u128> {
    let digits: &mut dyn Iterator<Item = &u8> = match id.len() {
        32 => &mut id.iter(),
        36 if [8, 13, 18, 23].iter().all(|&i| id[i] == b'-') => &mut id
            .iter()
            .enumerate()
            .filter(|&(i, _)| !matches!(i, 8 | 13 | 18 | 23))
            .map(|(_, b)| b),
        _ => return None,
    };
    let mut value = 0u128;
    for &b in digits {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => return None,
        };
        value = value << 4 | u128::from(d);
    }
    Some(value)
}

/// A bijection of `u128` that spreads any set of keys (counters, ids that share a prefix)
/// over the table: an invertible xor-shift, multiply by an odd constant, xor-shift.
#[inline]
fn mix(k: u128) -> u128 {
    const ODD: u128 = 0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835;
    let k = k ^ (k >> 64);
    let k = k.wrapping_mul(ODD);
    k ^ (k >> 67)
}

const SHARDS: usize = 64;
/// A shard grows when more than this share of its slots is taken …
const MAX_LOAD: (usize, usize) = (7, 8);
/// … by this factor.
const GROWTH: (usize, usize) = (5, 4);

/// One shard: open addressing, linear probing; a slot holds a mixed key, `0` is empty (the
/// key that mixes to 0 is kept aside).
#[derive(Clone, Debug, Default)]
struct Shard {
    slots: Vec<u128>,
    len: usize,
}

impl Shard {
    #[inline]
    fn home(&self, mixed: u128) -> usize {
        // The high bits of the mixed key, scaled to the table (any size, not only powers of
        // two); the shard was chosen by the top six bits, so use the next 64.
        let bits = (mixed >> 58) as u64;
        ((u128::from(bits) * self.slots.len() as u128) >> 64) as usize
    }

    /// Inserts `mixed` (not 0); whether it was new.
    #[inline]
    fn insert(&mut self, mixed: u128, initial: usize) -> bool {
        if (self.len + 1) * MAX_LOAD.1 > self.slots.len() * MAX_LOAD.0 {
            self.grow(initial);
        }
        let n = self.slots.len();
        let mut i = self.home(mixed);
        loop {
            let s = self.slots[i];
            if s == mixed {
                return false;
            }
            if s == 0 {
                self.slots[i] = mixed;
                self.len += 1;
                return true;
            }
            i += 1;
            if i == n {
                i = 0;
            }
        }
    }

    #[cold]
    fn grow(&mut self, initial: usize) {
        let size = if self.slots.is_empty() {
            initial
        } else {
            (self.slots.len() * GROWTH.0 / GROWTH.1).max(self.slots.len() + 8)
        };
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.len = 0;
        for mixed in old {
            if mixed != 0 {
                self.insert(mixed, initial);
            }
        }
    }
}

/// The set of request ids seen in a run, up to a limit. See the [module
/// documentation](self).
#[derive(Clone, Debug)]
pub struct RequestIds {
    hasher: KeyHasher,
    shards: Vec<Shard>,
    zero: bool,
    len: usize,
    limit: usize,
}

/// By default at most twenty million distinct request ids (about 400 MB) are remembered.
pub const MAX_REQUEST_IDS: usize = 20_000_000;

impl Default for RequestIds {
    fn default() -> RequestIds {
        RequestIds::with_limit(MAX_REQUEST_IDS)
    }
}

/// Why an id could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyIds {
    /// The limit.
    pub limit: usize,
}

impl RequestIds {
    /// Remembers at most `limit` distinct ids.
    pub fn with_limit(limit: usize) -> RequestIds {
        RequestIds {
            hasher: KeyHasher::default(),
            shards: vec![Shard::default(); SHARDS],
            zero: false,
            len: 0,
            limit,
        }
    }

    /// The hasher of this run's ids.
    pub fn hasher(&self) -> &KeyHasher {
        &self.hasher
    }

    /// The number of distinct ids.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no id was added.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The most distinct ids kept.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Adds the id `key`: `Ok(true)` when it is new, `Ok(false)` when it was seen before,
    /// an error when it is new and the set is full.
    #[inline]
    pub fn insert(&mut self, key: RequestKey) -> Result<bool, TooManyIds> {
        let mixed = mix(key.0);
        let full = self.len >= self.limit;
        if mixed == 0 {
            if self.zero {
                return Ok(false);
            }
            if full {
                return Err(TooManyIds { limit: self.limit });
            }
            self.zero = true;
            self.len += 1;
            return Ok(true);
        }
        let index = (mixed >> 122) as usize;
        if full {
            if self.shards[index].contains(mixed) {
                return Ok(false);
            }
            return Err(TooManyIds { limit: self.limit });
        }
        // Shard sizes are spread over one growth step, so that shards grow at different
        // times and the table as a whole stays near its average load.
        let initial = 64 + index;
        let new = self.shards[index].insert(mixed, initial);
        self.len += usize::from(new);
        Ok(new)
    }

    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.shards.iter().map(|s| s.slots.capacity() * 16).sum()
    }
}

impl Shard {
    fn contains(&self, mixed: u128) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let n = self.slots.len();
        let mut i = self.home(mixed);
        loop {
            match self.slots[i] {
                s if s == mixed => return true,
                0 => return false,
                _ => {}
            }
            i += 1;
            if i == n {
                i = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn hex_ids_are_their_value_and_others_a_hash() {
        let h = KeyHasher::default();
        let uuid = h.key(b"3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assert_eq!(uuid, RequestKey(0x3f2504e04f8911d39a0c0305e82c3301));
        assert_eq!(h.key(b"3F2504E04F8911D39A0C0305E82C3301"), uuid);
        // Not a 128-bit value: a hyphen out of place, a non-hex digit, one digit short.
        for other in [
            &b"3f2504e0-4f8911d3-9a0c-0305e82c3301"[..],
            b"3f2504e0-4f89-11d3-9a0c-0305e82c330g",
            b"3f2504e04f8911d39a0c0305e82c330",
        ] {
            assert_ne!(h.key(other), uuid);
            assert_eq!(h.key(other), h.key(other));
        }
        assert_ne!(h.key(b"r1"), h.key(b"r2"));
    }

    #[test]
    fn finds_every_repeat_and_nothing_else() {
        let mut ids = RequestIds::default();
        let mut reference = HashSet::new();
        let mut x = 7u64;
        for _ in 0..200_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Few distinct values, so that many repeat; sequential ones too.
            let key = RequestKey(u128::from(x >> 47));
            assert_eq!(ids.insert(key), Ok(reference.insert(key)));
        }
        // The key that mixes to 0 is kept too.
        let zero = RequestKey(0);
        assert_eq!(mix(zero.0), 0);
        assert_eq!(ids.insert(zero), Ok(reference.insert(zero)));
        assert_eq!(ids.insert(zero), Ok(false));
        assert_eq!(ids.len(), reference.len());
    }

    #[test]
    fn about_twenty_bytes_an_id() {
        let mut ids = RequestIds::default();
        for n in 1..=2_000_000u128 {
            ids.insert(RequestKey(n * 0x1_0000_0001)).unwrap();
            if n % 250_000 == 0 {
                let per_id = ids.bytes() as f64 / n as f64;
                assert!(per_id < 21.0, "{per_id:.1} bytes an id at {n}");
            }
        }
    }

    #[test]
    fn the_limit_stops_new_ids_but_not_repeats() {
        let mut ids = RequestIds::with_limit(2);
        assert_eq!(ids.insert(RequestKey(1)), Ok(true));
        assert_eq!(ids.insert(RequestKey(2)), Ok(true));
        assert_eq!(ids.insert(RequestKey(1)), Ok(false));
        assert_eq!(ids.insert(RequestKey(3)), Err(TooManyIds { limit: 2 }));
    }
}
