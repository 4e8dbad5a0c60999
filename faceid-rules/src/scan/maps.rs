//! The two hash tables of the scanner, specialised for its keys: byte strings (field values)
//! → small integer ids, and packed integer keys → counts. Open addressing with linear
//! probing, a multiplicative hash, no allocation per lookup.

/// Multiplier of the hashes (2^64 / φ).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// A hash of a byte string: eight bytes at a time, mixed by multiplication.
#[inline(always)]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    h ^ (h >> 31)
}

/// Whether two byte strings are equal, compared eight bytes at a time (short keys: no call
/// to `memcmp`).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut wa = a.chunks_exact(8);
    let mut wb = b.chunks_exact(8);
    for (x, y) in (&mut wa).zip(&mut wb) {
        let mut u = [0u8; 8];
        let mut v = [0u8; 8];
        u.copy_from_slice(x);
        v.copy_from_slice(y);
        if u64::from_le_bytes(u) != u64::from_le_bytes(v) {
            return false;
        }
    }
    wa.remainder().iter().zip(wb.remainder()).all(|(x, y)| x == y)
}

const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
    value: u32,
}

const FREE: Slot = Slot {
    hash: 0,
    start: 0,
    len: 0,
    value: EMPTY,
};

/// Byte strings → `u32` values (never `u32::MAX`). Keys are copied into one arena; nothing
/// is ever removed.
#[derive(Clone)]
pub(crate) struct BytesMap {
    slots: Vec<Slot>,
    len: usize,
    arena: Vec<u8>,
}

impl Default for BytesMap {
    fn default() -> BytesMap {
        BytesMap {
            slots: vec![FREE; 64],
            len: 0,
            arena: Vec::new(),
        }
    }
}

impl BytesMap {
    /// The value of `key`, if it was inserted.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        let hash = hash_bytes(key);
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot.value == EMPTY {
                return None;
            }
            if slot.hash == hash
                && same(&self.arena[slot.start as usize..(slot.start + slot.len) as usize], key)
            {
                return Some(slot.value);
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `key` (which must not be in the map) with `value` (not `u32::MAX`). `None`
    /// when the arena would pass 4 GiB (the caller gives up on the fast path).
    pub(crate) fn insert(&mut self, key: &[u8], value: u32) -> Option<()> {
        debug_assert_ne!(value, EMPTY);
        let start = u32::try_from(self.arena.len()).ok()?;
        let len = u32::try_from(key.len()).ok()?;
        start.checked_add(len)?;
        if (self.len + 1) * 2 > self.slots.len() {
            let doubled = vec![FREE; self.slots.len() * 2];
            for slot in std::mem::replace(&mut self.slots, doubled) {
                if slot.value != EMPTY {
                    self.place(slot);
                }
            }
        }
        self.arena.extend_from_slice(key);
        self.len += 1;
        self.place(Slot {
            hash: hash_bytes(key),
            start,
            len,
            value,
        });
        Some(())
    }

    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = (slot.hash as usize) & mask;
        while self.slots[i].value != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    /// The number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// `u64` keys (never `u64::MAX`) → `u32` values.
#[derive(Clone)]
pub(crate) struct IdMap {
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl Default for IdMap {
    fn default() -> IdMap {
        IdMap {
            slots: vec![(NO_KEY, 0); 1024],
            len: 0,
        }
    }
}

impl IdMap {
    /// The value of `key`.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, mask);
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == NO_KEY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `key`, which must not be in the map.
    pub(crate) fn insert(&mut self, key: u64, value: u32) {
        debug_assert_ne!(key, NO_KEY);
        if (self.len + 1) * 2 > self.slots.len() {
            let doubled = vec![(NO_KEY, 0); self.slots.len() * 2];
            for (k, v) in std::mem::replace(&mut self.slots, doubled) {
                if k != NO_KEY {
                    self.place(k, v);
                }
            }
        }
        self.len += 1;
        self.place(key, value);
    }

    fn place(&mut self, key: u64, value: u32) {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, mask);
        while self.slots[i].0 != NO_KEY {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, value);
    }
}

const NO_KEY: u64 = u64::MAX;

#[inline]
fn slot_of(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(K) >> 32) as usize & mask
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
            .chain([Vec::new(), b"a".to_vec(), b"12345678".to_vec()])
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), None);
            map.insert(k, i as u32).unwrap();
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), Some(i as u32));
        }
        assert_eq!(map.get(b"123456789"), None);
        assert_eq!(map.len(), keys.len());
    }

    #[test]
    fn id_map_finds_what_was_inserted_and_nothing_else() {
        let mut map = IdMap::default();
        let mut reference: HashMap<u64, u32> = HashMap::new();
        let mut x = 1u64;
        for i in 0..50_000u32 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let key = (x >> 40) % 30_000 + ((x >> 20 & 7) << 32);
            if map.get(key).is_none() {
                map.insert(key, i);
                reference.insert(key, i);
            }
        }
        for (&k, &v) in &reference {
            assert_eq!(map.get(k), Some(v));
        }
        assert_eq!(map.get(1 << 40), None);
    }
}
