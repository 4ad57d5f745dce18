#include "factgraph/importers/ordered_extraction.hpp"

#include <utility>

namespace factgraph::importers {

OrderedExtraction::OrderedExtraction(const Extractor& extractor, unsigned workers, std::function<void(Outcome&&)> deliver)
    : m_extractor(extractor), m_deliver(std::move(deliver)), m_max_in_flight(2 * static_cast<std::size_t>(workers) + 2) {
    if (workers > 1)
        for (unsigned i = 0; i < workers; ++i) m_threads.emplace_back([this] { work(); });
}

OrderedExtraction::~OrderedExtraction() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_work_ready.notify_all();
    for (std::thread& t : m_threads) t.join();
}

OrderedExtraction::Outcome OrderedExtraction::run(Article&& article) const {
    Outcome o;
    try {
        o.extraction = m_extractor.extract(article);
    } catch (const InputError& e) {
        o.error = e;
    } catch (const Error& e) {
        o.error = InputError(article.source, e.what());
    } catch (...) {
        o.failure = std::current_exception();
    }
    o.article = std::move(article);
    return o;
}

void OrderedExtraction::hand_over(Outcome&& outcome) {
    if (outcome.failure) std::rethrow_exception(outcome.failure);
    m_deliver(std::move(outcome));
}

void OrderedExtraction::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_work_ready.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return;  // stopping, nothing left
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        Outcome o = run(std::move(job.article));
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_done.emplace(job.sequence, std::move(o));
        }
        m_result_ready.notify_all();
    }
}

// Hands over, in order, every finished outcome whose predecessors are all delivered, waiting for
// the next one while more than `keep_in_flight` inputs are outstanding. The consumer runs
// without the lock, so workers keep going meanwhile.
void OrderedExtraction::deliver_ready(std::unique_lock<std::mutex>& lock, std::size_t keep_in_flight) {
    for (;;) {
        auto next = m_done.find(m_next_delivery);
        if (next == m_done.end()) {
            if (m_next_sequence - m_next_delivery <= keep_in_flight) return;
            m_result_ready.wait(lock);
            continue;
        }
        Outcome o = std::move(next->second);
        m_done.erase(next);
        ++m_next_delivery;
        lock.unlock();
        hand_over(std::move(o));
        lock.lock();
    }
}

void OrderedExtraction::article(Article&& article) {
    if (m_threads.empty()) {
        hand_over(run(std::move(article)));
        return;
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    m_jobs.push_back({m_next_sequence++, std::move(article)});
    m_work_ready.notify_one();
    deliver_ready(lock, m_max_in_flight);
}

void OrderedExtraction::error(const InputError& error) {
    Outcome o;
    o.error = error;
    if (m_threads.empty()) {
        hand_over(std::move(o));
        return;
    }
    // Queued as finished, so it is delivered after the articles read before it.
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.emplace(m_next_sequence++, std::move(o));
    deliver_ready(lock, m_max_in_flight);
}

void OrderedExtraction::finish() {
    if (m_threads.empty()) return;
    std::unique_lock<std::mutex> lock(m_mutex);
    deliver_ready(lock, 0);
}

}  // namespace factgraph::importers
