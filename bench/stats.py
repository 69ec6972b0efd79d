"""Statistics for the benchmarks, in the standard library's terms.

`median_interval` bounds the median of paired differences without assuming how they are
distributed: on a shared machine one slow build is not rare, and a mean and standard deviation
would follow it.
"""
import math


def median_interval(values, confidence=0.95):
    """A distribution-free confidence interval for the median of `values`: the k-th smallest and
    the k-th largest value, k the largest rank whose binomial tail, P(B ≤ k - 1) for B ~
    Binomial(n, ½), is at most (1 - confidence) / 2 (the sign test's interval). None when there
    are too few values for that confidence (fewer than 6 at 95 %)."""
    ordered = sorted(values)
    n = len(ordered)
    tail = (1 - confidence) / 2
    below, k = 0.0, 0
    # Grow k while the chance that fewer than k + 1 values fall below the median stays in the tail.
    while k < n // 2:
        below += math.comb(n, k) / 2 ** n
        if below > tail:
            break
        k += 1
    if k == 0:
        return None
    return ordered[k - 1], ordered[n - k]
