#include "factgraph/core/model.hpp"

#include <set>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "sha256.hpp"

namespace factgraph {

std::string_view to_string(ActorType type) {
    switch (type) {
        case ActorType::Person: return "person";
        case ActorType::Organization: return "organization";
        case ActorType::Location: return "location";
        case ActorType::Product: return "product";
        case ActorType::Group: return "group";
        case ActorType::Other: return "other";
    }
    return "other";
}

std::string_view to_string(Stance stance) {
    switch (stance) {
        case Stance::Assert: return "assert";
        case Stance::Deny: return "deny";
        case Stance::Decline: return "decline";
        case Stance::Other: return "other";
    }
    return "other";
}

std::optional<ActorType> parse_actor_type(std::string_view name) {
    std::string n = text::ascii_lower(name);
    if (n == "person" || n == "per") return ActorType::Person;
    if (n == "organization" || n == "organisation" || n == "org") return ActorType::Organization;
    if (n == "location" || n == "loc" || n == "place") return ActorType::Location;
    if (n == "product") return ActorType::Product;
    if (n == "group") return ActorType::Group;
    if (n == "other") return ActorType::Other;
    return std::nullopt;
}

std::optional<Stance> parse_stance(std::string_view name) {
    std::string n = text::ascii_lower(name);
    if (n == "assert") return Stance::Assert;
    if (n == "deny") return Stance::Deny;
    if (n == "decline") return Stance::Decline;
    if (n == "other") return Stance::Other;
    return std::nullopt;
}

std::string Article::content_hash() const { return detail::sha256_hex(text); }

std::optional<std::size_t> index_in_numbered_id(std::string_view id, char prefix) {
    if (id.size() < 2 || id.size() > 12 || id[0] != prefix || id[1] == '0') return std::nullopt;
    std::size_t n = 0;
    for (std::size_t i = 1; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(id[i] - '0');
    }
    return n - 1;
}

const Actor* Extraction::find_actor(std::string_view id) const {
    // Extractions built by ExtractionBuilder number their actors a1, a2, ... in order: try the
    // position the id names first (a long article has thousands of actors), then look through.
    if (auto i = index_in_numbered_id(id, 'a'); i && *i < actors.size() && actors[*i].id == id) return &actors[*i];
    for (const auto& actor : actors)
        if (actor.id == id) return &actor;
    return nullptr;
}

namespace {

void check_span(const Span& span, std::size_t text_len, const std::string& what) {
    if (span.end < span.start || span.end > text_len)
        throw ValidationError(what + ": span [" + std::to_string(span.start) + ", " +
                              std::to_string(span.end) + ") outside the article text");
}

void check_provenance(const Provenance& p, const Extraction& e, std::size_t text_len, const std::string& what) {
    if (p.extractor.empty()) throw ValidationError(what + ": no extractor named in its provenance");
    if (p.sentence < 0 || static_cast<std::size_t>(p.sentence) >= e.sentences.size())
        throw ValidationError(what + ": sentence index " + std::to_string(p.sentence) + " out of range");
    if (p.span.empty()) throw ValidationError(what + ": empty source span");
    check_span(p.span, text_len, what);
}

}  // namespace

void validate(const Extraction& e) {
    std::size_t len = text::codepoint_length(e.article.text);
    std::set<std::string> actor_ids, claim_ids, relation_ids;
    for (const auto& s : e.sentences) check_span(s, len, "sentence");
    for (const auto& a : e.actors) {
        if (a.id.empty() || !actor_ids.insert(a.id).second)
            throw ValidationError("actor '" + a.name + "': missing or duplicate id");
        if (text::trim(a.name).empty()) throw ValidationError("actor " + a.id + ": empty name");
        for (const auto& m : a.mentions) {
            check_span(m.span, len, "mention of " + a.id);
            if (m.sentence < 0 || static_cast<std::size_t>(m.sentence) >= e.sentences.size())
                throw ValidationError("mention of " + a.id + ": sentence index out of range");
        }
    }
    for (const auto& a : e.actors)
        for (const auto& r : a.roles)
            if (!r.organization.empty() && !actor_ids.count(r.organization))
                throw ValidationError("actor " + a.id + ": role names unknown organisation " + r.organization);
    auto need_actor = [&](const std::string& id, const std::string& what) {
        if (!actor_ids.count(id)) throw ValidationError(what + ": unknown actor id '" + id + "'");
    };
    for (const auto& c : e.claims) {
        std::string what = "claim " + c.id;
        if (c.id.empty() || !claim_ids.insert(c.id).second) throw ValidationError(what + ": missing or duplicate id");
        if (c.speaker) need_actor(*c.speaker, what);
        if (c.reported_by) need_actor(*c.reported_by, what);
        for (const auto& id : c.about) need_actor(id, what);
        if (!c.speaker && text::trim(c.speaker_text).empty())
            throw ValidationError(what + ": neither a speaker actor nor speaker text");
        if (c.cue.empty()) throw ValidationError(what + ": no cue");
        check_provenance(c.provenance, e, len, what);
    }
    for (const auto& r : e.relations) {
        std::string what = "relation " + r.id;
        if (r.id.empty() || !relation_ids.insert(r.id).second) throw ValidationError(what + ": missing or duplicate id");
        need_actor(r.subject, what);
        need_actor(r.object, what);
        if (r.predicate.empty()) throw ValidationError(what + ": empty predicate");
        if (r.claim && !claim_ids.count(*r.claim)) throw ValidationError(what + ": unknown claim id '" + *r.claim + "'");
        check_provenance(r.provenance, e, len, what);
    }
}

}  // namespace factgraph
