#pragma once
// `n` independent jobs on `threads` threads, each result in its job's place: the outcome
// does not depend on which thread ran which job. The first exception is rethrown once
// all threads have stopped.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace floodtwin::twin {

template <class Result, class Job>
std::vector<Result> parallel_runs(std::size_t n, unsigned threads, const Job& job) {
    std::vector<Result> out(n);
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
        for (std::size_t k; (k = next++) < n;) try {
                out[k] = job(k);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = n;
            }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < std::min<std::size_t>(std::max(threads, 1u), n); ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    return out;
}

}  // namespace floodtwin::twin
