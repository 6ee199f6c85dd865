//! Pairing the items of two sequences (tracks, segments) so that a diff reports what a person did,
//! not the positional fallout of it.
//!
//! Items with an identity key (a segment's `src`, a track's label) pair by key, the n-th
//! occurrence before with the n-th after. Items without one pair by content at the common start
//! and end of the sequence, then by position in the middle: removing the third of five text
//! segments pairs the other four, while editing one pairs it with its new self. Of the pairs, those
//! outside a longest run in unchanged relative order are the ones that moved.

use std::collections::{HashMap, VecDeque};

/// How the items of a sequence before pair with those after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Alignment {
    /// For each item before, the index of its partner after; `None` where it was removed.
    pub(super) partner_after: Vec<Option<usize>>,
    /// For each item after, the index of its partner before; `None` where it was added.
    pub(super) partner_before: Vec<Option<usize>>,
    /// For each item before, whether it moved relative to the others.
    pub(super) moved: Vec<bool>,
}

/// Pairs `before` with `after` by key where there is one, else by `same` content and position.
///
/// Not generic, so that the browser build holds one copy for tracks and segments alike.
pub(super) fn align(
    before: &[Option<&str>],
    after: &[Option<&str>],
    same: &dyn Fn(usize, usize) -> bool,
) -> Alignment {
    let mut alignment = Alignment {
        partner_after: vec![None; before.len()],
        partner_before: vec![None; after.len()],
        moved: vec![false; before.len()],
    };
    for (i, j) in keyed_pairs(before, after)
        .into_iter()
        .chain(unkeyed_pairs(before, after, same))
    {
        alignment.pair(i, j);
    }
    alignment.find_moves();
    alignment
}

/// The n-th item before with a key pairs with the n-th item after with the same key.
fn keyed_pairs(before: &[Option<&str>], after: &[Option<&str>]) -> Vec<(usize, usize)> {
    let mut waiting: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (j, key) in after.iter().enumerate() {
        if let Some(key) = key {
            waiting.entry(key).or_default().push_back(j);
        }
    }
    let mut pairs = Vec::new();
    for (i, key) in before.iter().enumerate() {
        let partner = key
            .as_ref()
            .and_then(|key| waiting.get_mut(key))
            .and_then(VecDeque::pop_front);
        if let Some(j) = partner {
            pairs.push((i, j));
        }
    }
    pairs
}

/// Items without a key: equal ones at the common start and end pair up, the middle by position.
fn unkeyed_pairs(
    before: &[Option<&str>],
    after: &[Option<&str>],
    same: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let unkeyed = |keys: &[Option<&str>]| -> Vec<usize> {
        let indices = keys.iter().enumerate();
        indices
            .filter(|(_, k)| k.is_none())
            .map(|(i, _)| i)
            .collect()
    };
    let (before, after) = (unkeyed(before), unkeyed(after));
    let prefix = before
        .iter()
        .zip(&after)
        .take_while(|&(&i, &j)| same(i, j))
        .count();
    let (before_rest, after_rest) = (&before[prefix..], &after[prefix..]);
    let suffix = before_rest
        .iter()
        .rev()
        .zip(after_rest.iter().rev())
        .take_while(|&(&i, &j)| same(i, j))
        .count();
    let start = before.iter().zip(&after).take(prefix);
    let end = before_rest
        .iter()
        .rev()
        .zip(after_rest.iter().rev())
        .take(suffix);
    let middle = before_rest[..before_rest.len() - suffix]
        .iter()
        .zip(&after_rest[..after_rest.len() - suffix]);
    start
        .chain(end)
        .chain(middle)
        .map(|(&i, &j)| (i, j))
        .collect()
}

impl Alignment {
    fn pair(&mut self, i: usize, j: usize) {
        if let (Some(a), Some(b)) = (
            self.partner_after.get_mut(i),
            self.partner_before.get_mut(j),
        ) {
            *a = Some(j);
            *b = Some(i);
        }
    }

    /// Marks the pairs outside a longest increasing run of after-positions (in before order).
    fn find_moves(&mut self) {
        let pairs: Vec<(usize, usize)> = (self.partner_after.iter().enumerate())
            .filter_map(|(i, j)| Some((i, (*j)?)))
            .collect();
        let afters: Vec<usize> = pairs.iter().map(|&(_, j)| j).collect();
        let kept = longest_increasing(&afters);
        for (&(i, _), kept) in pairs.iter().zip(kept) {
            if let Some(moved) = self.moved.get_mut(i) {
                *moved = !kept;
            }
        }
    }
}

/// Which elements of `seq` form one longest strictly increasing subsequence (O(n log n)).
fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    // tails[k]: the index in `seq` of the smallest last element of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &value) in seq.iter().enumerate() {
        let length = tails.partition_point(|&t| seq.get(t).is_some_and(|&v| v < value));
        if let Some(slot) = previous.get_mut(i) {
            *slot = length.checked_sub(1).and_then(|k| tails.get(k).copied());
        }
        match tails.get_mut(length) {
            Some(tail) => *tail = i,
            None => tails.push(i),
        }
    }
    let mut kept = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        if let Some(k) = kept.get_mut(i) {
            *k = true;
        }
        at = previous.get(i).copied().flatten();
    }
    kept
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn keyed(keys: &[&'static str]) -> Vec<Option<&'static str>> {
        keys.iter().map(|&k| Some(k)).collect()
    }

    fn by_key(before: &[&'static str], after: &[&'static str]) -> Alignment {
        align(&keyed(before), &keyed(after), &|_, _| false)
    }

    fn unkeyed(before: &[&str], after: &[&str]) -> Alignment {
        let (b, a) = (vec![None; before.len()], vec![None; after.len()]);
        align(&b, &a, &|i, j| before[i] == after[j])
    }

    #[test]
    fn removing_one_keyed_item_leaves_the_rest_paired_and_unmoved() {
        let a = by_key(&["a", "b", "c", "d", "e"], &["a", "b", "d", "e"]);
        assert_eq!(a.partner_after, [Some(0), Some(1), None, Some(2), Some(3)]);
        assert_eq!(a.partner_before, [Some(0), Some(1), Some(3), Some(4)]);
        assert_eq!(a.moved, [false; 5]);
    }

    #[test]
    fn repeated_keys_pair_in_order_of_occurrence() {
        let a = by_key(&["x", "y", "x"], &["x", "x", "y"]);
        assert_eq!(a.partner_after, [Some(0), Some(2), Some(1)]);
        assert_eq!(a.moved.iter().filter(|&&m| m).count(), 1);
    }

    #[test]
    fn a_move_to_the_front_marks_only_the_moved_item() {
        let a = by_key(&["a", "b", "c", "d", "e"], &["e", "a", "b", "c", "d"]);
        assert_eq!(a.moved, [false, false, false, false, true]);
        let a = by_key(&["a", "b", "c"], &["b", "c", "a"]);
        assert_eq!(a.moved, [true, false, false]);
    }

    #[test]
    fn unkeyed_items_pair_by_content_at_the_ends_and_position_between() {
        let removed = unkeyed(&["A", "B", "C", "D", "E"], &["A", "B", "D", "E"]);
        assert_eq!(
            removed.partner_after,
            [Some(0), Some(1), None, Some(2), Some(3)]
        );
        let edited = unkeyed(&["A", "B", "C"], &["A", "X", "C"]);
        assert_eq!(edited.partner_after, [Some(0), Some(1), Some(2)]);
        let both = unkeyed(&["A", "B", "C", "D"], &["A", "X", "Y", "Z", "D"]);
        assert_eq!(both.partner_after, [Some(0), Some(1), Some(2), Some(4)]);
        assert_eq!(
            both.partner_before,
            [Some(0), Some(1), Some(2), None, Some(3)]
        );
    }

    #[test]
    fn identical_sequences_pair_one_to_one() {
        let a = unkeyed(&["A", "A", "A"], &["A", "A", "A"]);
        assert_eq!(a.partner_after, [Some(0), Some(1), Some(2)]);
        assert_eq!(a.moved, [false; 3]);
        let empty = by_key(&[], &[]);
        assert!(empty.partner_after.is_empty() && empty.partner_before.is_empty());
    }

    #[test]
    fn the_longest_increasing_run_is_found() {
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), [false, true, true, true]);
        assert_eq!(
            longest_increasing(&[0, 4, 1, 2, 3]),
            [true, false, true, true, true]
        );
        let kept = longest_increasing(&[2, 1, 0]);
        assert_eq!(kept.iter().filter(|&&k| k).count(), 1);
    }
}
