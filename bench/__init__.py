"""Load and timing scripts for dancoso (never timed assertions in tests). See docs/benchmarks.md."""
