#pragma once
/** @file Facts across articles: corroboration (one fact, several sources), conflicts between
 *  claims, and an actor's timeline. */
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/core/query.hpp"

namespace factgraph {

class Store;

/** @brief The words of a claim's content as they are compared across articles. */
struct ContentSignature {
    std::vector<std::string> words;  ///< content words: lower-cased, lightly stemmed, sorted, unique
    bool negated = false;            ///< the content holds a negation cue (not, never, no, n't, ...)
};

/** @brief Content words of `content` (stop words and negation cues left out) and its polarity. */
ContentSignature content_signature(std::string_view content);

/** @brief |a ∩ b| / |a ∪ b| of two sorted word lists; 0 when both are empty. */
double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b);

/** @brief The corroboration rule: same polarity, and Jaccard >= 0.8 or all of the shorter
 *  content's words (three at least) in the other. */
bool same_content(const ContentSignature& a, const ContentSignature& b);

/** @brief One fact: claims by the same speaker, with the same stance and near-identical content. */
struct Fact {
    std::vector<std::int64_t> claims;  ///< claim ids, earliest source first
    std::int64_t sources = 0;          ///< distinct articles reporting it
    std::string first_outlet;          ///< the earliest source
    std::string first_date;            ///< its date (YYYY-MM-DD), empty when unknown
};

/** @brief Groups the claims by these speakers (actor ids) into facts, earliest first. */
std::vector<Fact> corroborate(Store& store, const std::vector<std::int64_t>& speakers);

struct ConflictQuery {
    std::string actor;       ///< only conflicts about this actor; empty for all
    std::size_t limit = 20;  ///< pairs to list, strongest first; 0 for all
};
/** @brief Pairs of contradicting claims, two rows per pair (one per side). A "denial" pair is a
 *  denial against an assertion sharing an actor (spoken about, or speaking) and some content
 *  words; an "opposite" pair is two speakers asserting near-identical content, one negated.
 *  Columns: pair, kind, speaker, stance, content, outlet, date. */
Table query_conflicts(Store& store, const ConflictQuery& query);

struct TimelineQuery {
    std::string actor;             ///< empty: every fact in the store
    std::string since;             ///< ISO date, inclusive, on the fact's first source
    std::string until;
    std::int64_t min_sources = 1;  ///< only facts reported by at least this many articles
};
/** @brief What was said by and about an actor and its relations, one row per fact at its
 *  earliest source, ordered by date. Columns: date, who, verb, text, outlet, sources. */
Table query_timeline(Store& store, const TimelineQuery& query);

}  // namespace factgraph
