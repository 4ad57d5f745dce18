#include "factgraph/importers/ordered_extraction.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace factgraph;
using importers::OrderedExtraction;

namespace {

// Takes a varying time per article so that workers finish out of order; "bad" articles fail
// with a factgraph error, "crash" with some other exception.
class SlowExtractor : public importers::Extractor {
public:
    std::string_view name() const override { return "slow"; }
    Extraction extract(const Article& a) const override {
        const auto n = std::hash<std::string>{}(a.id) % 4;
        std::this_thread::sleep_for(std::chrono::milliseconds(n));
        if (a.text == "bad") throw ValidationError("cannot extract " + a.id);
        if (a.text == "crash") throw std::runtime_error("crash in " + a.id);
        Extraction e;
        e.article = a;
        return e;
    }
};

Article article(const std::string& id, const std::string& text = "fine") {
    Article a;
    a.id = id;
    a.source = id + ".txt";
    a.text = text;
    return a;
}

// Feeds 40 articles with a bad one every 7th and a read error every 10th; returns what was
// delivered, one line per outcome, in delivery order.
std::vector<std::string> run_with(unsigned workers) {
    SlowExtractor extractor;
    std::vector<std::string> delivered;
    const auto caller = std::this_thread::get_id();
    OrderedExtraction sink(extractor, workers, [&](OrderedExtraction::Outcome&& o) {
        EXPECT_EQ(std::this_thread::get_id(), caller);  // the consumer never runs on a worker
        EXPECT_NE(o.extraction.has_value(), o.error.has_value());
        delivered.push_back(o.extraction ? "ok " + o.extraction->article.id : std::string("error ") + o.error->what());
    });
    for (int i = 0; i < 40; ++i) {
        if (i % 10 == 5) sink.error(InputError("file" + std::to_string(i), "unreadable"));
        sink.article(article("a" + std::to_string(i), i % 7 == 3 ? "bad" : "fine"));
    }
    sink.finish();
    return delivered;
}

}  // namespace

TEST(OrderedExtraction, AnyNumberOfWorkersDeliversWhatOneDoesInTheSameOrder) {
    const std::vector<std::string> serial = run_with(1);
    ASSERT_EQ(serial.size(), 44u);
    EXPECT_EQ(serial.front(), "ok a0");
    EXPECT_NE(serial[3].find("cannot extract a3"), std::string::npos) << serial[3];
    EXPECT_NE(serial[5].find("unreadable"), std::string::npos) << serial[5];
    for (unsigned workers : {2u, 3u, 8u}) EXPECT_EQ(run_with(workers), serial) << workers << " workers";
}

TEST(OrderedExtraction, AnUnexpectedExceptionReachesTheCaller) {
    SlowExtractor extractor;
    for (unsigned workers : {1u, 3u}) {
        int delivered = 0;
        EXPECT_THROW(
            {
                OrderedExtraction sink(extractor, workers, [&](OrderedExtraction::Outcome&&) { ++delivered; });
                sink.article(article("a0"));
                sink.article(article("a1", "crash"));
                sink.article(article("a2"));
                sink.finish();
            },
            std::runtime_error)
            << workers << " workers";
        EXPECT_EQ(delivered, 1) << workers << " workers";  // a0 only: nothing after the failure
    }
}

TEST(OrderedExtraction, FinishWithNothingFedReturns) {
    SlowExtractor extractor;
    OrderedExtraction sink(extractor, 4, [](OrderedExtraction::Outcome&&) { FAIL() << "nothing to deliver"; });
    sink.finish();
}
