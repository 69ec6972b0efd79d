"""The benchmarks' statistics (bench/stats.py) against published values."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
from stats import median_interval  # noqa: E402


class MedianIntervalTests(unittest.TestCase):
    def test_ranks_are_the_sign_tests(self):
        # The ranks of the 95 % interval for the median in the usual tables (Conover,
        # Practical Nonparametric Statistics): n = 10 → 2nd, n = 16 → 4th, n = 24 → 7th.
        for n, rank in [(10, 2), (16, 4), (24, 7), (6, 1)]:
            values = list(range(1, n + 1))
            self.assertEqual(median_interval(values), (rank, n + 1 - rank), n)

    def test_coverage_is_at_least_the_confidence(self):
        for n in range(6, 60):
            low, _ = median_interval(list(range(n)))
            k = low + 1
            outside = 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n
            self.assertLessEqual(outside, 0.05, n)
            # And one rank further in would not be.
            self.assertGreater(2 * sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n, 0.05, n)

    def test_too_few_values_give_no_interval(self):
        self.assertIsNone(median_interval([3, 1, 2, 5, 4]))

    def test_values_are_sorted_first(self):
        self.assertEqual(median_interval([9, 1, 8, 2, 7, 3, 6, 4, 5, 10]), (2, 9))


if __name__ == "__main__":
    unittest.main()
