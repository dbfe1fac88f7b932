//! The learner's shuffle: stable orders from a key (profile, course,
//! module, step), so a step looks the same every time that learner sees it,
//! and differs between learners.

/// The key of a step's shuffle for one learner.
pub fn key(profile: &str, course: &str, module: &str, step: &str) -> String {
    format!("{profile}\u{1f}{course}/{module}/{step}")
}

fn seed(key: &str) -> u64 {
    // FNV-1a.
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        x ^= u64::from(b);
        x = x.wrapping_mul(0x100_0000_01b3);
    }
    x | 1
}

fn fisher_yates(n: usize, key: &str) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut x = seed(key);
    for i in (1..n).rev() {
        // xorshift64
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let j = (x % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// A stable shuffle of `0..n` for an order question: never the identity
/// when `n > 1` (that would show the answer).
pub fn shuffled(n: usize, key: &str) -> Vec<usize> {
    let mut v = fisher_yates(n, key);
    if n > 1 && v.iter().enumerate().all(|(i, o)| i == *o) {
        v.rotate_left(1);
    }
    v
}

/// A stable shuffle of `0..n` for options, items and choices shown: every
/// order is possible, the file order too (so no position is ever ruled out).
pub fn shuffled_display(n: usize, key: &str) -> Vec<usize> {
    fisher_yates(n, &format!("{key}\u{1f}shown"))
}

/// Whether `v` holds each of `0..n` exactly once.
pub fn is_permutation(v: &[usize], n: usize) -> bool {
    if v.len() != n {
        return false;
    }
    let mut seen = vec![false; n];
    for i in v {
        if *i >= n || seen[*i] {
            return false;
        }
        seen[*i] = true;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_a_permutation() {
        for n in 0..9 {
            let a = shuffled_display(n, "sam/c/m/s");
            assert_eq!(a, shuffled_display(n, "sam/c/m/s"));
            assert!(is_permutation(&a, n));
            let o = shuffled(n, "sam/c/m/s");
            assert!(is_permutation(&o, n));
            if n > 1 {
                assert!(o.iter().enumerate().any(|(i, x)| i != *x));
            }
        }
    }

    #[test]
    fn the_first_place_is_spread_over_learners() {
        // Over many learners, the option in file position 1 lands in every
        // position, roughly evenly.
        let n = 4;
        let mut at = [0usize; 4];
        for l in 0..400 {
            let o = shuffled_display(n, &key(&format!("learner{l}"), "c", "m", "q"));
            let pos = o.iter().position(|x| *x == 0).unwrap_or(0);
            at[pos] += 1;
        }
        for c in at {
            assert!((60..=140).contains(&c), "{at:?}");
        }
    }
}
