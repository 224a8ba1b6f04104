//! Generated journals for benchmarks and tests.
