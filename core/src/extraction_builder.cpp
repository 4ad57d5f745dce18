#include "factgraph/core/extraction_builder.hpp"

#include <algorithm>

#include "factgraph/core/error.hpp"

namespace factgraph {

namespace {

// "a1", "c12": the JSONL ids of actors, claims and relations. (Built by appending: GCC 12 warns
// falsely about `"a" + std::to_string(n)`.)
std::string numbered_id(char prefix, std::size_t number) {
    std::string id(1, prefix);
    id += std::to_string(number);
    return id;
}

}  // namespace

ExtractionBuilder::ExtractionBuilder(Article article, std::string extractor)
    : m_extractor(std::move(extractor)), m_offsets(article.text) {
    m_extraction.article = std::move(article);
}

Span ExtractionBuilder::to_span(ByteSpan span) const {
    return {m_offsets.to_codepoint(span.start), m_offsets.to_codepoint(span.end)};
}

// Ids are numbered_id(prefix, index + 1), so the index is read off the id (checked against it).
std::size_t ExtractionBuilder::actor_index(const std::string& id) const {
    const auto i = index_in_numbered_id(id, 'a');
    if (!i || *i >= m_extraction.actors.size() || m_extraction.actors[*i].id != id)
        throw ValidationError("unknown actor id '" + id + "'");
    return *i;
}

std::size_t ExtractionBuilder::claim_index(const std::string& id) const {
    const auto i = index_in_numbered_id(id, 'c');
    if (!i || *i >= m_extraction.claims.size() || m_extraction.claims[*i].id != id)
        throw ValidationError("unknown claim id '" + id + "'");
    return *i;
}

Actor& ExtractionBuilder::actor_ref(const std::string& id) { return m_extraction.actors[actor_index(id)]; }

std::set<std::size_t> ExtractionBuilder::actors_mentioned_in(Span span) const {
    std::set<std::size_t> found;
    for (auto it = m_mentions_by_start.lower_bound(span.start); it != m_mentions_by_start.end() && it->first <= span.end; ++it)
        if (it->second.first <= span.end) found.insert(it->second.second);
    return found;
}

int ExtractionBuilder::add_sentence(ByteSpan span) {
    m_extraction.sentences.push_back(to_span(span));
    return static_cast<int>(m_extraction.sentences.size()) - 1;
}

std::string ExtractionBuilder::actor(const std::string& name, ActorType type) {
    std::string key = std::string(to_string(type)) + "\t" + name;
    auto it = m_actor_by_key.find(key);
    if (it != m_actor_by_key.end()) return it->second;
    Actor a;
    a.id = numbered_id('a', m_extraction.actors.size() + 1);
    a.name = name;
    a.type = type;
    m_extraction.actors.push_back(a);
    m_mention_spans.emplace_back();
    m_actor_by_key.emplace(key, a.id);
    return a.id;
}

void ExtractionBuilder::add_alias(const std::string& actor_id, const std::string& alias) {
    Actor& a = actor_ref(actor_id);
    std::string norm = text::normalize_name(alias);
    if (norm.empty() || norm == text::normalize_name(a.name)) return;
    for (const auto& existing : a.aliases)
        if (text::normalize_name(existing) == norm) return;
    a.aliases.push_back(alias);
}

void ExtractionBuilder::add_role(const std::string& actor_id, Role role) {
    Actor& a = actor_ref(actor_id);
    for (const auto& r : a.roles)
        if (r.title == role.title && r.organization == role.organization) return;
    a.roles.push_back(std::move(role));
}

void ExtractionBuilder::set_type(const std::string& actor_id, ActorType type) { actor_ref(actor_id).type = type; }

void ExtractionBuilder::add_mention(const std::string& actor_id, int sentence, ByteSpan span) {
    const std::size_t index = actor_index(actor_id);
    Mention m;
    m.span = to_span(span);
    m.sentence = sentence;
    if (!m_mention_spans[index].emplace(m.span.start, m.span.end).second) return;  // already there
    m.text = m_extraction.article.text.substr(span.start, span.end - span.start);
    m_mentions_by_start.emplace(m.span.start, std::make_pair(m.span.end, index));
    m_extraction.actors[index].mentions.push_back(std::move(m));
}

std::string ExtractionBuilder::add_claim(const ClaimDraft& d) {
    Claim c;
    c.id = numbered_id('c', m_extraction.claims.size() + 1);
    c.speaker = d.speaker;
    c.speaker_text = d.speaker_text;
    c.cue = d.cue;
    c.cue_kind = d.cue_kind;
    c.stance = d.stance;
    c.direct = d.direct;
    c.content = m_extraction.article.text.substr(d.content.start, d.content.end - d.content.start);
    c.reported_by = d.reported_by;
    c.provenance = {d.sentence, to_span(d.content), m_extractor, d.confidence};
    for (std::size_t i : actors_mentioned_in(c.provenance.span)) {
        const std::string& id = m_extraction.actors[i].id;
        if (!d.speaker || id != *d.speaker) c.about.push_back(id);
    }
    m_extraction.claims.push_back(std::move(c));
    return m_extraction.claims.back().id;
}

void ExtractionBuilder::extend_claim(const std::string& id, ByteSpan fragment) {
    const std::size_t index = claim_index(id);
    Claim& c = m_extraction.claims[index];
    Span added = to_span(fragment);
    if (added.start < c.provenance.span.end || added.end <= added.start)
        throw ValidationError("claim " + id + ": a fragment must follow the content it extends");
    auto& fragments = m_fragments[index];
    if (fragments.empty()) fragments.push_back(c.provenance.span);
    fragments.push_back(added);
    c.content += " \u2026 ";
    c.content += m_extraction.article.text.substr(fragment.start, fragment.end - fragment.start);
    c.provenance.span.end = added.end;
    for (std::size_t i : actors_mentioned_in(added)) {
        const std::string& actor_id = m_extraction.actors[i].id;
        if ((c.speaker && actor_id == *c.speaker) || std::find(c.about.begin(), c.about.end(), actor_id) != c.about.end())
            continue;
        c.about.push_back(actor_id);
    }
}

void ExtractionBuilder::drop_claims(const std::set<std::string>& ids) {
    for (const auto& r : m_extraction.relations)
        if (r.claim) throw ValidationError("claims cannot be dropped once relation " + r.id + " refers to one");
    std::vector<Claim> kept;
    std::map<std::size_t, std::vector<Span>> fragments;
    for (std::size_t i = 0; i < m_extraction.claims.size(); ++i) {
        Claim& c = m_extraction.claims[i];
        if (ids.count(c.id)) continue;
        if (auto f = m_fragments.find(i); f != m_fragments.end()) fragments.emplace(kept.size(), std::move(f->second));
        c.id = numbered_id('c', kept.size() + 1);
        kept.push_back(std::move(c));
    }
    m_extraction.claims = std::move(kept);
    m_fragments = std::move(fragments);
}

std::string ExtractionBuilder::add_relation(const RelationDraft& d) {
    Relation r;
    r.id = numbered_id('r', m_extraction.relations.size() + 1);
    r.subject = d.subject;
    r.predicate = d.predicate;
    r.type = d.type;
    r.object = d.object;
    r.claim = d.claim;
    r.negated = d.negated;
    r.modality = d.modality;
    r.provenance = {d.sentence, to_span(d.evidence), m_extractor, d.confidence};
    m_extraction.relations.push_back(std::move(r));
    return m_extraction.relations.back().id;
}

std::optional<std::string> ExtractionBuilder::claim_covering(ByteSpan span) const {
    Span wanted = to_span(span);
    const auto inside = [&](const Span& s) { return s.start <= wanted.start && wanted.end <= s.end; };
    const Claim* best = nullptr;
    for (std::size_t i = 0; i < m_extraction.claims.size(); ++i) {
        const Claim& c = m_extraction.claims[i];
        const Span& s = c.provenance.span;
        if (!inside(s)) continue;
        // the frame between a quotation's fragments ("she said, the company's chief") is the outlet's
        auto fragments = m_fragments.find(i);
        if (fragments != m_fragments.end() &&
            std::none_of(fragments->second.begin(), fragments->second.end(), inside))
            continue;
        if (!best || s.end - s.start < best->provenance.span.end - best->provenance.span.start) best = &c;
    }
    if (!best) return std::nullopt;
    return best->id;
}

std::optional<std::string> ExtractionBuilder::find_actor_named(std::string_view name) const {
    for (const auto& a : m_extraction.actors)
        if (a.name == name) return a.id;
    return std::nullopt;
}

Extraction ExtractionBuilder::finish() {
    validate(m_extraction);
    return std::move(m_extraction);
}

}  // namespace factgraph
