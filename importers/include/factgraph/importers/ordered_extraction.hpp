#pragma once
/** @file Extraction on worker threads, results handed back in input order on the caller's thread. */
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "factgraph/core/error.hpp"
#include "factgraph/importers/extractor.hpp"
#include "factgraph/importers/reader.hpp"

namespace factgraph::importers {

/**
 * @brief An ArticleSink that extracts articles on `workers` threads and delivers every article's
 * outcome (its extraction, or the error that stopped it) and every read error to `deliver`, on the
 * thread that feeds the sink and in the order they were fed. So the consumer (the one database
 * writer, or the JSONL writer) sees exactly what a serial run would show, in the same order; only
 * Extractor::extract(), which is const and pure, runs in parallel. With one worker nothing runs on
 * another thread. At most a few articles per worker are held in memory, so inputs of any size
 * stream through.
 */
class OrderedExtraction : public ArticleSink {
public:
    /** @brief One input's outcome: exactly one of `extraction` and `error` is set. */
    struct Outcome {
        Article article;  ///< empty for a read error
        std::optional<Extraction> extraction;
        std::optional<InputError> error;
        std::exception_ptr failure;  ///< anything else extract() threw: rethrown to the caller
    };

    OrderedExtraction(const Extractor& extractor, unsigned workers, std::function<void(Outcome&&)> deliver);
    ~OrderedExtraction() override;
    OrderedExtraction(const OrderedExtraction&) = delete;
    OrderedExtraction& operator=(const OrderedExtraction&) = delete;

    void article(Article&& article) override;
    void error(const InputError& error) override;
    /** @brief Waits for the articles still being extracted and delivers them. */
    void finish();

private:
    struct Job {
        std::size_t sequence;
        Article article;
    };
    Outcome run(Article&& article) const;
    void work();
    void deliver_ready(std::unique_lock<std::mutex>& lock, std::size_t keep_in_flight);
    void hand_over(Outcome&& outcome);

    const Extractor& m_extractor;
    std::function<void(Outcome&&)> m_deliver;
    std::size_t m_max_in_flight;
    std::mutex m_mutex;
    std::condition_variable m_work_ready, m_result_ready;
    std::deque<Job> m_jobs;
    std::map<std::size_t, Outcome> m_done;  // finished, waiting for the ones before them
    std::size_t m_next_sequence = 0, m_next_delivery = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

}  // namespace factgraph::importers
