//! One sort for the whole core. Each `sort_by` of another element type or comparator is a copy
//! of std's sort (driftsort or ipnsort, 2–6 KB each) in the wasm; these functions sort through
//! a single copy: a stable sort of `usize`s with a comparator behind `dyn`. The element types
//! keep only the small [`sort_by`] wrapper that applies the order found.
//!
//! (Risk's quantiles keep `select_nth_unstable_by`: a selection, not a sort, in a hot loop.)

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`, through the shared sort.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut perm: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_usizes_by(&mut perm, &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(v, &perm);
}

/// Sorts `v` ascending, like `v.sort_unstable()` (equal `usize`s are indistinguishable).
pub fn sort_usizes(v: &mut [usize]) {
    sort_usizes_by(v, &mut |a, b| a.cmp(&b));
}

/// The shared sort: the one instance of std's stable sort.
#[inline(never)]
fn sort_usizes_by(v: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    v.sort_by(|&a, &b| cmp(a, b));
}

/// Puts the item at `perm[i]` at position `i`, in place: for each position, the cycle of the
/// permutation is followed to where that item is now (positions before `i` are final).
fn permute<T>(v: &mut [T], perm: &[usize]) {
    for (i, &p) in perm.iter().enumerate() {
        let mut k = p;
        while k < i {
            k = perm.get(k).copied().unwrap_or(i);
        }
        v.swap(i, k);
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))] // proptest is native only
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stable_like_std() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e'), (3, 'f')];
        let mut want = v.clone();
        want.sort_by_key(|a| a.0);
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, want);
        assert_eq!(
            v,
            [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c'), (3, 'f')]
        );
    }

    #[test]
    fn empty_and_one() {
        let mut v: Vec<u8> = Vec::new();
        sort_by(&mut v, u8::cmp);
        assert!(v.is_empty());
        let mut v = vec![7usize];
        sort_usizes(&mut v);
        assert_eq!(v, [7]);
    }

    proptest! {
        #[test]
        fn same_as_std_sort_by(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v;
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, want);
        }

        #[test]
        fn same_as_std_sort(v in proptest::collection::vec(0usize..50, 0..200)) {
            let mut want = v.clone();
            want.sort_unstable();
            let mut got = v;
            sort_usizes(&mut got);
            prop_assert_eq!(got, want);
        }
    }
}
