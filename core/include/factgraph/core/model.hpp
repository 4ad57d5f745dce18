#pragma once
/** @file The value types every layer speaks: Article, Actor, Mention, Claim, Relation. */
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph {

/** @brief Kind of real-world actor. */
enum class ActorType { Person, Organization, Location, Product, Group, Other };

/** @brief What a speaker does with the content of a claim. */
enum class Stance { Assert, Deny, Decline, Other };

std::string_view to_string(ActorType type);
std::string_view to_string(Stance stance);
/** @brief Parses "person", "organization"/"org", ...; nullopt for an unknown name. */
std::optional<ActorType> parse_actor_type(std::string_view name);
std::optional<Stance> parse_stance(std::string_view name);

/** @brief Half-open range [start, end) of Unicode code points in Article::text. */
struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
    bool empty() const { return end <= start; }
    friend bool operator==(const Span&, const Span&) = default;
};

/** @brief Where a fact comes from inside its article and who produced it. */
struct Provenance {
    int sentence = -1;        ///< index into Extraction::sentences
    Span span;                ///< the characters that state the fact
    std::string extractor;    ///< name of the extractor that found it
    double confidence = 1.0;  ///< 0..1
};

/** @brief One article: clean body text plus metadata. Offsets everywhere index `text`. */
struct Article {
    std::string id;         ///< caller-supplied id (JSON `id`) or derived from the file name
    std::string source;     ///< input path, or path:line for JSON Lines
    std::string url;
    std::string outlet;
    std::string title;
    std::string byline;
    std::string published;  ///< ISO 8601 date or date-time, empty when unknown
    std::string text;       ///< body text, boilerplate removed
    std::vector<std::string> credits;  ///< photo credits and similar, never actors

    /** @brief Hex SHA-256 of the body text; equal hashes mean the same article. */
    std::string content_hash() const;
};

/** @brief A place in the text that refers to an actor. */
struct Mention {
    Span span;
    int sentence = -1;
    std::string text;
};

/** @brief A role an actor holds, e.g. "chief executive" of organisation actor "a3". */
struct Role {
    std::string title;
    std::string organization;  ///< actor id within the extraction, or empty
};

struct Actor {
    std::string id;  ///< local id within its Extraction ("a1", ...)
    std::string name;
    ActorType type = ActorType::Other;
    std::vector<std::string> aliases;
    std::vector<Mention> mentions;
    std::vector<Role> roles;
};

/** @brief Who said what: a statement the article attributes to a source. */
struct Claim {
    std::string id;                      ///< local id ("c1", ...)
    std::optional<std::string> speaker;  ///< actor id, or nullopt for an unresolved source
    std::string speaker_text;            ///< the words that name the source
    std::string cue;                     ///< lemma of the cue ("say", "deny", "according to")
    std::string cue_kind = "speech";     ///< speech | belief | intention | finding
    Stance stance = Stance::Assert;
    bool direct = false;                 ///< content is a verbatim quotation
    std::string content;
    std::vector<std::string> about;          ///< actor ids mentioned in the content
    std::optional<std::string> reported_by;  ///< actor id of an outlet relaying the claim
    Provenance provenance;                   ///< span covers the content
};

/** @brief A typed edge between two actors. */
struct Relation {
    std::string id;  ///< local id ("r1", ...)
    std::string subject;
    std::string predicate;  ///< normalised lemma phrase ("host", "based in")
    std::string type;       ///< canonical type where one fits ("based_in"), else empty
    std::string object;
    std::optional<std::string> claim;  ///< claim id when the relation is reported speech
    bool negated = false;
    std::string modality;  ///< "", "may", "allegedly", ...
    Provenance provenance;
};

/** @brief Everything found in one article. */
struct Extraction {
    Article article;
    std::vector<Span> sentences;
    std::vector<Actor> actors;
    std::vector<Claim> claims;
    std::vector<Relation> relations;

    const Actor* find_actor(std::string_view id) const;
};

/** @brief The position an id such as "a12" or "c3" names among the facts of its kind (11, 2) when
 *  it is `prefix` followed by a number from 1 without leading zeros, as ExtractionBuilder numbers
 *  them; otherwise nullopt. The caller checks that the fact there has this id. */
std::optional<std::size_t> index_in_numbered_id(std::string_view id, char prefix);

/** @brief Throws ValidationError when ids dangle, spans fall outside the text or a fact lacks
 *  provenance. Run before anything is stored or written. */
void validate(const Extraction& extraction);

}  // namespace factgraph
