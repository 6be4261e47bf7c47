//! Work spread over threads with results in a fixed order, so that what is built does not
//! depend on how many threads built it.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` on every index of `order` with up to `jobs` threads; the results come back
/// in index order (0, 1, 2…), whatever thread made them.
pub fn run_in_parallel<T: Send>(
    order: &[usize],
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&index) = order.get(k) else {
                return done;
            };
            done.push((index, work(index)));
        }
    };
    let threads = jobs.clamp(1, order.len().max(1));
    let mut results: Vec<(usize, T)> = if threads == 1 {
        worker()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_index_order_for_any_number_of_threads() {
        let order = [3, 0, 2, 1, 4];
        for jobs in [1, 2, 8] {
            assert_eq!(
                run_in_parallel(&order, jobs, |i| i * 10),
                vec![0, 10, 20, 30, 40]
            );
        }
    }
}
