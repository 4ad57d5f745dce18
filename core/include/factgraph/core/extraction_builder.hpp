#pragma once
/** @file Builds an Extraction from byte-offset findings, demanding provenance for every fact. */
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/core/model.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph {

/** @brief Byte range [start, end) in Article::text, as the NLP layer sees it. */
struct ByteSpan {
    std::size_t start = 0;
    std::size_t end = 0;
};

/** @brief A claim as an extractor finds it; the builder turns offsets into code points. */
struct ClaimDraft {
    std::optional<std::string> speaker;
    std::string speaker_text;
    std::string cue;
    std::string cue_kind = "speech";
    Stance stance = Stance::Assert;
    bool direct = false;
    ByteSpan content;
    int sentence = -1;
    std::optional<std::string> reported_by;
    double confidence = 1.0;
};

struct RelationDraft {
    std::string subject;
    std::string predicate;
    std::string type;
    std::string object;
    std::optional<std::string> claim;
    bool negated = false;
    std::string modality;
    ByteSpan evidence;
    int sentence = -1;
    double confidence = 1.0;
};

/** @brief Accumulates one article's facts; every fact gets the builder's extractor name. */
class ExtractionBuilder {
public:
    ExtractionBuilder(Article article, std::string extractor);

    const Article& article() const { return m_extraction.article; }
    /** @brief Registers a sentence; returns its index. */
    int add_sentence(ByteSpan span);
    /** @brief The actor with this exact name and type, created on first use; returns its id. */
    std::string actor(const std::string& name, ActorType type);
    void add_alias(const std::string& actor_id, const std::string& alias);
    void add_role(const std::string& actor_id, Role role);
    void set_type(const std::string& actor_id, ActorType type);
    void add_mention(const std::string& actor_id, int sentence, ByteSpan span);
    /** @brief Adds a claim; `about` is filled from the mentions inside its content span. */
    std::string add_claim(const ClaimDraft& draft);
    /** @brief Appends a later fragment of the same quotation to claim `id`: `"A," she said. "B."`
     *  is one attribution with one cue, as news annotation counts it. The content becomes
     *  "A … B", the span runs from A's start to B's end, and `about` gains the actors named in B.
     *  The words between the fragments (the attribution frame) stay outside the claim: see
     *  claim_covering. Throws ValidationError for an unknown id or a fragment before the span's end. */
    void extend_claim(const std::string& id, ByteSpan fragment);
    /** @brief Removes the claims named in `ids` and numbers the rest again in order (c1, c2...).
     *  For extractors that revise their claims before any relation refers to one: throws
     *  ValidationError once a relation names a claim. */
    void drop_claims(const std::set<std::string>& ids);
    std::string add_relation(const RelationDraft& draft);
    /** @brief The innermost claim whose content covers `span`: a relation stated there is that
     *  claim's speaker's, not the outlet's. */
    std::optional<std::string> claim_covering(ByteSpan span) const;
    /** @brief The id of an actor already named exactly `name`, of any type. */
    std::optional<std::string> find_actor_named(std::string_view name) const;

    const Extraction& current() const { return m_extraction; }
    /** @brief Validates and hands over the extraction. */
    Extraction finish();

private:
    Span to_span(ByteSpan span) const;
    Actor& actor_ref(const std::string& id);
    std::size_t actor_index(const std::string& id) const;
    std::size_t claim_index(const std::string& id) const;
    /** Indices of the actors with a mention inside `span`, in id order. */
    std::set<std::size_t> actors_mentioned_in(Span span) const;
    Extraction m_extraction;
    std::string m_extractor;
    text::OffsetMap m_offsets;
    std::map<std::string, std::string> m_actor_by_key;
    // Indexes that keep a long article linear: every mention by its start (code points) with its
    // end and actor index, and each actor's mention spans.
    std::multimap<std::size_t, std::pair<std::size_t, std::size_t>> m_mentions_by_start;
    std::vector<std::set<std::pair<std::size_t, std::size_t>>> m_mention_spans;
    /** Content fragments of the claims extended by extend_claim, by claim index (code points). */
    std::map<std::size_t, std::vector<Span>> m_fragments;
};

}  // namespace factgraph
