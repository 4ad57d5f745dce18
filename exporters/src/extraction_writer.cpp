#include "factgraph/exporters/extraction_writer.hpp"

#include <nlohmann/json.hpp>

namespace factgraph::exporters {

namespace {

using Json = nlohmann::ordered_json;

Json optional_id(const std::optional<std::string>& id) { return id ? Json(*id) : Json(nullptr); }

}  // namespace

void write_extraction_jsonl(const Extraction& e, std::ostream& out) {
    Json j;
    const Article& a = e.article;
    j["article"] = {{"id", a.id},           {"source", a.source}, {"title", a.title}, {"published", a.published},
                    {"byline", a.byline},   {"outlet", a.outlet}, {"url", a.url},     {"credits", a.credits},
                    {"text", a.text}};
    Json sentences = Json::array();
    for (const auto& s : e.sentences) sentences.push_back({s.start, s.end});
    j["sentences"] = std::move(sentences);
    Json actors = Json::array();
    for (const auto& actor : e.actors) {
        Json mentions = Json::array();
        for (const auto& m : actor.mentions)
            mentions.push_back({{"start", m.span.start}, {"end", m.span.end}, {"text", m.text}, {"sentence", m.sentence}});
        Json roles = Json::array();
        for (const auto& r : actor.roles)
            roles.push_back({{"title", r.title}, {"organization", r.organization.empty() ? Json(nullptr) : Json(r.organization)}});
        actors.push_back({{"id", actor.id},
                          {"name", actor.name},
                          {"type", std::string(to_string(actor.type))},
                          {"aliases", actor.aliases},
                          {"roles", std::move(roles)},
                          {"mentions", std::move(mentions)}});
    }
    j["actors"] = std::move(actors);
    Json claims = Json::array();
    for (const auto& c : e.claims) {
        claims.push_back({{"id", c.id},
                          {"speaker", optional_id(c.speaker)},
                          {"speaker_text", c.speaker_text},
                          {"cue", c.cue},
                          {"cue_kind", c.cue_kind},
                          {"stance", std::string(to_string(c.stance))},
                          {"direct", c.direct},
                          {"content", c.content},
                          {"start", c.provenance.span.start},
                          {"end", c.provenance.span.end},
                          {"sentence", c.provenance.sentence},
                          {"about", c.about},
                          {"reported_by", optional_id(c.reported_by)},
                          {"extractor", c.provenance.extractor},
                          {"confidence", c.provenance.confidence}});
    }
    j["claims"] = std::move(claims);
    Json relations = Json::array();
    for (const auto& r : e.relations) {
        relations.push_back({{"id", r.id},
                             {"subject", r.subject},
                             {"predicate", r.predicate},
                             {"type", r.type},
                             {"object", r.object},
                             {"claim", optional_id(r.claim)},
                             {"negated", r.negated},
                             {"modality", r.modality},
                             {"start", r.provenance.span.start},
                             {"end", r.provenance.span.end},
                             {"sentence", r.provenance.sentence},
                             {"extractor", r.provenance.extractor},
                             {"confidence", r.provenance.confidence}});
    }
    j["relations"] = std::move(relations);
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace factgraph::exporters
