"""mltutor's benchmark harness, run by Benchmarks/run.py: processes and the machine (process),
one core's clock and FMA peak (peak), the three trainers measured (sides), the measurements
(measure), the printed report (report) and Benchmarks/README.md's figures (readme)."""
