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

impl RequestKey {
    /// The key of an id whose value is `value` (see [`hex_value`]).
    pub(crate) fn from_value(value: u128) -> RequestKey {
        RequestKey(value)
    }
}

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
        self.hashed(id)
    }

    /// The keyed hash of an id that is not a 128-bit value.
    #[cold]
    fn hashed(&self, id: &[u8]) -> RequestKey {
        let hash = |state: &std::collections::hash_map::RandomState| {
            let mut h = state.build_hasher();
            h.write(id);
            h.finish()
        };
        RequestKey(u128::from(hash(&self.high)) << 64 | u128::from(hash(&self.low)))
    }
}

/// The value of each byte as a hex digit, or 16 for a byte that is not one.
const HEX: [u8; 256] = {
    let mut table = [16u8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// The value of 32 hex digits, or of a UUID `8-4-4-4-12`; `None` for anything else.
#[inline]
pub(crate) fn hex_value(id: &[u8]) -> Option<u128> {
    let mut value = 0u128;
    let mut bad = 0u8;
    let mut digit = |b: u8| {
        let d = HEX[b as usize];
        bad |= d;
        value = value << 4 | u128::from(d & 15);
    };
    match id.len() {
        32 => id.iter().for_each(|&b| digit(b)),
        36 if id[8] == b'-' && id[13] == b'-' && id[18] == b'-' && id[23] == b'-' => {
            for (i, &b) in id.iter().enumerate() {
                if !matches!(i, 8 | 13 | 18 | 23) {
                    digit(b);
                }
            }
        }
        _ => return None,
    }
    // Any byte that is not a digit set bit 4.
    (bad & 16 == 0).then_some(value)
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

/// Shards of the table (by the top bits of a key): small enough that growing one costs
/// little memory and stays in cache.
const SHARDS: usize = 1 << SHARD_BITS;
const SHARD_BITS: u32 = 6;
/// A shard grows when more than this share of its slots is taken …
const MAX_LOAD: (usize, usize) = (9, 10);
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
        // two); the shard was chosen by the top bits, so use the next 64.
        let bits = (mixed >> (64 - SHARD_BITS)) as u64;
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
        let index = (mixed >> (128 - SHARD_BITS)) as usize;
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

    /// Adds `keys` in order, as [`RequestIds::insert`] one after the other would: `new[i]`
    /// says whether `keys[i]` was new. Faster for many keys: the table's lines for a group of
    /// keys are read before the keys are inserted, so that their cache misses overlap.
    /// Nothing is added (and `new` is left empty) when the keys could pass the limit.
    pub fn insert_all(
        &mut self,
        keys: &[RequestKey],
        new: &mut Vec<bool>,
    ) -> Result<(), TooManyIds> {
        new.clear();
        if self.len.saturating_add(keys.len()) > self.limit {
            return Err(TooManyIds { limit: self.limit });
        }
        const GROUP: usize = 16;
        for group in keys.chunks(GROUP) {
            let mut touched = 0u128;
            for key in group {
                let mixed = mix(key.0);
                let shard = &self.shards[(mixed >> (128 - SHARD_BITS)) as usize];
                if !shard.slots.is_empty() {
                    touched ^= shard.slots[shard.home(mixed)];
                }
            }
            // Keeps the reads above from being optimised away.
            std::hint::black_box(touched);
            for &key in group {
                new.push(self.insert(key)?);
            }
        }
        Ok(())
    }

    /// The set in `n` lanes (a power of two, at most the number of shards) that take
    /// disjoint keys, so that several threads can add ids at once, and the set's count of
    /// ids (to add the lanes' counts to when they are done).
    pub(crate) fn lanes(&mut self, n: usize) -> (Vec<Lane<'_>>, &mut usize) {
        let n = n.clamp(1, SHARDS).next_power_of_two();
        let RequestIds {
            shards, zero, len, ..
        } = self;
        let mut zero = Some(zero);
        let lanes = shards
            .chunks_mut(SHARDS / n)
            .enumerate()
            .map(|(i, shards)| Lane {
                shards,
                offset: i * (SHARDS / n),
                zero: zero.take(),
                added: 0,
            })
            .collect();
        (lanes, len)
    }

    /// The lane of `key` among `n` lanes ([`RequestIds::lanes`]).
    #[inline]
    pub(crate) fn lane_of(key: RequestKey, n: usize) -> usize {
        let n = n.clamp(1, SHARDS).next_power_of_two();
        (mix(key.0) >> (128 - SHARD_BITS)) as usize / (SHARDS / n)
    }

    /// Bytes held by the table.
    pub fn bytes(&self) -> usize {
        self.shards.iter().map(|s| s.slots.capacity() * 16).sum()
    }
}

/// Part of a [`RequestIds`]: the shards of one range of keys.
pub(crate) struct Lane<'a> {
    shards: &'a mut [Shard],
    /// The index of the first shard.
    offset: usize,
    /// The flag of the key that mixes to 0, in the lane of shard 0.
    zero: Option<&'a mut bool>,
    /// Ids added through this lane.
    pub(crate) added: usize,
}

impl Lane<'_> {
    /// Adds `key` (which must be of this lane, [`RequestIds::lane_of`]): whether it was new.
    /// The limit is the caller's to keep.
    #[inline]
    pub(crate) fn insert(&mut self, key: RequestKey) -> bool {
        let mixed = mix(key.0);
        let new = if mixed == 0 {
            match self.zero.as_deref_mut() {
                Some(seen) => !std::mem::replace(seen, true),
                None => false,
            }
        } else {
            let index = (mixed >> (128 - SHARD_BITS)) as usize;
            let initial = 64 + index;
            self.shards[index - self.offset].insert(mixed, initial)
        };
        self.added += usize::from(new);
        new
    }

    /// Reads the table's line where `key` would go, so that a later insert finds it in cache.
    #[inline]
    pub(crate) fn touch(&self, key: RequestKey) -> u128 {
        let mixed = mix(key.0);
        let shard = &self.shards[((mixed >> (128 - SHARD_BITS)) as usize)
            .saturating_sub(self.offset)
            .min(self.shards.len() - 1)];
        if shard.slots.is_empty() {
            0
        } else {
            shard.slots[shard.home(mixed)]
        }
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

#[cfg(test)]
mod batch_tests {
    use super::*;

    #[test]
    fn inserting_all_at_once_is_inserting_one_by_one() {
        let keys: Vec<RequestKey> = (0..10_000u128).map(|i| RequestKey(i * 7 % 3_001)).collect();
        let mut one = RequestIds::default();
        let want: Vec<bool> = keys.iter().map(|&k| one.insert(k).unwrap()).collect();
        let mut all = RequestIds::default();
        let mut got = Vec::new();
        all.insert_all(&keys, &mut got).unwrap();
        assert_eq!(got, want);
        assert_eq!(all.len(), one.len());
        let mut small = RequestIds::with_limit(10);
        assert!(small.insert_all(&keys[..11], &mut got).is_err());
        assert!(small.is_empty());
    }
}

#[cfg(test)]
mod lane_tests {
    use super::*;

    #[test]
    fn lanes_together_are_the_set() {
        let keys: Vec<RequestKey> = (0..20_000u128)
            .map(|i| RequestKey(i * 13 % 7_001))
            .chain([RequestKey(0), RequestKey(0)])
            .collect();
        let mut one = RequestIds::default();
        let want: Vec<bool> = keys.iter().map(|&k| one.insert(k).unwrap()).collect();
        let mut split = RequestIds::default();
        let got: Vec<bool> = {
            let (mut lanes, len) = split.lanes(2);
            let got = keys
                .iter()
                .map(|&k| lanes[RequestIds::lane_of(k, 2)].insert(k))
                .collect();
            *len += lanes.iter().map(|l| l.added).sum::<usize>();
            got
        };
        assert!(got == want, "the lanes disagree with the set");
        assert_eq!(split.len(), one.len());
        assert_eq!(split.insert(RequestKey(0)), Ok(false));
    }
}
