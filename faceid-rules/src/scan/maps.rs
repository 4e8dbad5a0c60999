//! The two hash tables of the scanner, specialised for its keys: byte strings (field values)
//! → small integer ids, and packed integer keys → ids. Open addressing with linear probing,
//! a multiplicative hash, no allocation per lookup.

/// Multiplier of the hashes (2^64 / φ).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The bytes of `b` (one to eight of them) as a little-endian word, zero-padded; read with
/// at most three loads, never byte by byte in a loop.
#[inline(always)]
fn tail_word(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..=8).contains(&n));
    if n >= 4 {
        let mut lo = [0u8; 4];
        let mut hi = [0u8; 4];
        lo.copy_from_slice(&b[..4]);
        hi.copy_from_slice(&b[n - 4..]);
        u64::from(u32::from_le_bytes(lo)) | u64::from(u32::from_le_bytes(hi)) << (8 * (n - 4))
    } else {
        let first = u64::from(b[0]);
        let mid = u64::from(b[n / 2]) << (8 * (n / 2));
        let last = u64::from(b[n - 1]) << (8 * (n - 1));
        first | mid | last
    }
}

/// Eight bytes of `b` at `at` (which must have them) as a little-endian word.
#[inline(always)]
fn load8(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(w)
}

/// Word `i` (0-based) of `b`, zero-padded past its end.
#[inline(always)]
fn word(b: &[u8], i: usize) -> u64 {
    let at = 8 * i;
    if b.len() >= at + 8 {
        load8(b, at)
    } else if b.len() > at {
        tail_word(&b[at..])
    } else {
        0
    }
}

/// One step of the hash.
#[inline(always)]
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(23) ^ w).wrapping_mul(K)
}

/// Bytes of a key kept in its entry; the rest go in the arena.
const HEAD: usize = 32;

/// A hash of a byte string, and its first [`HEAD`] bytes (zero-padded): eight bytes at a
/// time, mixed by multiplication.
#[inline(always)]
pub(crate) fn hash_and_head(b: &[u8]) -> (u64, [u64; 4]) {
    let n = b.len();
    let head = [word(b, 0), word(b, 1), word(b, 2), word(b, 3)];
    let mut h = (n as u64).wrapping_mul(K);
    for w in head {
        h = mix(h, w);
    }
    let mut at = HEAD;
    while at + 8 <= n {
        h = mix(h, load8(b, at));
        at += 8;
    }
    if at < n {
        h = mix(h, tail_word(&b[at..]));
    }
    (h ^ (h >> 29), head)
}

/// Whether two byte strings are equal, compared eight bytes at a time (no call to `memcmp`
/// for short keys).
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let mut at = 0;
    while at + 8 <= n {
        if load8(a, at) != load8(b, at) {
            return false;
        }
        at += 8;
    }
    at == n || tail_word(&a[at..]) == tail_word(&b[at..])
}

const EMPTY: u64 = u64::MAX;

/// A key: its first [`HEAD`] bytes inline (zero-padded), the rest in the arena.
#[derive(Clone, Copy)]
struct Entry {
    head: [u64; 4],
    hash: u32,
    len: u32,
    start: u32,
    value: u32,
}

/// A slot of the index: the entry's position in the low half, its hash in the high half,
/// so that a probe passes over other keys without loading their entries.
#[inline(always)]
fn slot(hash: u32, index: u32) -> u64 {
    u64::from(hash) << 32 | u64::from(index)
}

/// Byte strings → `u32` values. An index of slots points into dense entries that hold the
/// first [`HEAD`] bytes of their key, so that most keys (accounts, codes, a channel with
/// its source and code) are compared without leaving the entry; longer keys go on in one
/// arena. Nothing is ever removed.
#[derive(Clone)]
pub(crate) struct BytesMap {
    slots: Vec<u64>,
    entries: Vec<Entry>,
    arena: Vec<u8>,
}

impl Default for BytesMap {
    fn default() -> BytesMap {
        BytesMap {
            slots: vec![EMPTY; 64],
            entries: Vec::new(),
            arena: Vec::new(),
        }
    }
}

impl BytesMap {
    /// The value of `key`, if it was inserted.
    #[inline(always)]
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        let (hash, head) = hash_and_head(key);
        let tag = hash as u32;
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return None;
            }
            if (s >> 32) as u32 == tag {
                let e = &self.entries[s as u32 as usize];
                if e.len as usize == key.len()
                    && e.head == head
                    && (key.len() <= HEAD
                        || same(
                            &self.arena[e.start as usize..e.start as usize + key.len() - HEAD],
                            &key[HEAD..],
                        ))
                {
                    return Some(e.value);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `key` (which must not be in the map) with `value`. `None` when the arena
    /// would pass 4 GiB (the caller gives up on the fast path).
    pub(crate) fn insert(&mut self, key: &[u8], value: u32) -> Option<()> {
        let start = u32::try_from(self.arena.len()).ok()?;
        let len = u32::try_from(key.len()).ok()?;
        start.checked_add(len)?;
        // Below `u32::MAX`, so that no slot in use equals `EMPTY`.
        let index = u32::try_from(self.entries.len())
            .ok()
            .filter(|&i| i != u32::MAX)?;
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.slots = vec![EMPTY; self.slots.len() * 2];
            for i in 0..self.entries.len() {
                self.place(i as u32);
            }
        }
        self.arena
            .extend_from_slice(key.get(HEAD..).unwrap_or_default());
        let (hash, head) = hash_and_head(key);
        self.entries.push(Entry {
            head,
            hash: hash as u32,
            len,
            start,
            value,
        });
        self.place(index);
        Some(())
    }

    fn place(&mut self, index: u32) {
        let mask = self.slots.len() - 1;
        let hash = self.entries[index as usize].hash;
        let mut i = (hash as usize) & mask;
        while self.slots[i] != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot(hash, index);
    }

    /// The number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// `u32` keys (never `u32::MAX`) → `u32` values, in eight-byte slots: small, so that many
/// of them (one per account) stay in cache together.
#[derive(Clone, Default)]
pub(crate) struct IdMap {
    slots: Vec<(u32, u32)>,
    len: usize,
}

const NO_ID: u32 = u32::MAX;

#[inline(always)]
fn id_slot(key: u32, mask: usize) -> usize {
    (u64::from(key).wrapping_mul(K) >> 40) as usize & mask
}

impl IdMap {
    /// The value of `key`.
    #[inline(always)]
    pub(crate) fn get(&self, key: u32) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = id_slot(key, mask);
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == NO_ID {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `key`, which must not be in the map.
    pub(crate) fn insert(&mut self, key: u32, value: u32) {
        debug_assert_ne!(key, NO_ID);
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let size = (self.slots.len() * 2).max(8);
            let old = std::mem::replace(&mut self.slots, vec![(NO_ID, 0); size]);
            for (k, v) in old {
                if k != NO_ID {
                    self.place(k, v);
                }
            }
        }
        self.len += 1;
        self.place(key, value);
    }

    fn place(&mut self, key: u32, value: u32) {
        let mask = self.slots.len() - 1;
        let mut i = id_slot(key, mask);
        while self.slots[i].0 != NO_ID {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn bytes_map_finds_what_was_inserted_and_nothing_else() {
        let mut map = BytesMap::default();
        let keys: Vec<Vec<u8>> = (0..5_000u32)
            .map(|i| format!("微信小程序{i}").into_bytes())
            .chain((0..40).map(|n| (0..n).map(|i| b'a' + i % 7).collect()))
            // One head, told apart only by the bytes kept in the arena.
            .chain((0..300).map(|i| format!("{}{i}", "微信小程序,权威库,".repeat(3)).into_bytes()))
            .chain([b"a\0".to_vec(), b"12345678\0".to_vec(), b"\0".to_vec()])
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), None);
            map.insert(k, i as u32).unwrap();
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), Some(i as u32));
        }
        assert_eq!(map.get(b"123456789"), None);
        assert_eq!(map.get(b"a\0\0"), None);
        assert_eq!(
            map.get(b"abcdefgabcdefgabcdefgabcdefgabcdefgabcdefga"),
            None
        );
        assert_eq!(tail_word(b"abc"), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(tail_word(b"abcdef"), u64::from_le_bytes(*b"abcdef\0\0"));
        assert_eq!(tail_word(b"a"), u64::from(b'a'));
        assert_eq!(map.len(), keys.len());
    }

    #[test]
    fn id_map_finds_what_was_inserted_and_nothing_else() {
        let mut map = IdMap::default();
        assert_eq!(map.get(0), None);
        let mut reference: HashMap<u32, u32> = HashMap::new();
        let mut x = 1u64;
        for i in 0..50_000u32 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let key = ((x >> 40) % 30_000) as u32;
            if map.get(key).is_none() {
                map.insert(key, i);
                reference.insert(key, i);
            }
        }
        for (&k, &v) in &reference {
            assert_eq!(map.get(k), Some(v));
        }
        assert_eq!(map.get(1 << 30), None);
    }
}
