//! Summary statistics of one indicator across pilots. Kept apart from rendering so
//! the figures shown on pages, in downloads and (later) on the dashboard agree.

/// n, min, quartiles, median and max of a set of values.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// Summarises `values`; `None` for an empty set. Non-finite values are ignored.
/// The median of an even count is the mean of the two middle values; quartiles are
/// interpolated between order statistics (the "linear" method, type 7 in Hyndman and Fan).
pub fn summarize(values: &[f64]) -> Option<Summary> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(Summary {
        n: v.len(),
        min: v[0],
        q1: quantile_sorted(&v, 0.25),
        median: quantile_sorted(&v, 0.5),
        q3: quantile_sorted(&v, 0.75),
        max: v[v.len() - 1],
    })
}

/// The `p` quantile (0..=1) of sorted, non-empty `v`, linearly interpolated.
pub fn quantile_sorted(v: &[f64], p: f64) -> f64 {
    let h = (v.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// The share (0..=1) of `flags` that are true; `None` for an empty set.
pub fn share(flags: impl IntoIterator<Item = bool>) -> Option<f64> {
    let (mut yes, mut n) = (0usize, 0usize);
    for f in flags {
        n += 1;
        yes += usize::from(f);
    }
    (n > 0).then(|| yes as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_count() {
        let s = summarize(&[5.0, 1.0, 3.0]).unwrap();
        assert_eq!((s.n, s.min, s.median, s.max), (3, 1.0, 3.0, 5.0));
        assert_eq!((s.q1, s.q3), (2.0, 4.0));
    }

    #[test]
    fn even_count_median_is_mean_of_middle_pair() {
        let s = summarize(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(s.median, 2.5);
        assert_eq!((s.q1, s.q3), (1.75, 3.25));
    }

    #[test]
    fn single_and_empty() {
        let s = summarize(&[7.5]).unwrap();
        assert_eq!((s.n, s.min, s.q1, s.median, s.q3, s.max), (1, 7.5, 7.5, 7.5, 7.5, 7.5));
        assert!(summarize(&[]).is_none());
        assert!(summarize(&[f64::NAN]).is_none());
    }

    #[test]
    fn shares() {
        assert_eq!(share([true, false, true, true]), Some(0.75));
        assert_eq!(share(std::iter::empty()), None);
    }
}
