"""The benchmark suite: `python -m tiepdan_desktop.bench [--quick] [--json FILE]`.

Each operation an official waits for is measured on a register of a large
ward's size (200,000 visits, 100,000 letters and their matters) and set beside
its physical floor measured in the same run on the same machine: a bare Qt
window, a raw sqlite3 query, a plain spreadsheet writer, a bare reportlab
table.  Budgets are ratios to those floors where one exists, so the figures
mean the same on a fast and on a slow PC (BENCHMARKS.md).

Not part of the test run: timings are never asserted in tests.  One test runs
`--quick` so the code keeps working.
"""
