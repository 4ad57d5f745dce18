// One fact per line for jq and line-oriented tools: every line stands alone, carrying its article
// and sentence rather than pointing into another file.
#include <nlohmann/json.hpp>

#include "factgraph/exporters/graph_export.hpp"

namespace factgraph::exporters {

namespace {

using Json = nlohmann::ordered_json;

Json name_of(const std::optional<ActorRef>& a) { return a ? Json(a->name) : Json(nullptr); }
Json id_of(const std::optional<ActorRef>& a) { return a ? Json(a->id) : Json(nullptr); }

Json article_json(const FactRecords& records, std::int64_t id) {
    const ArticleRef* a = records.article(id);
    if (!a) return {{"id", id}};
    // How the diagram and the dossier name the source: outlet, else byline, else file; and the day.
    std::string cited = !a->outlet.empty() ? a->outlet : !a->byline.empty() ? a->byline : a->source;
    if (!a->published.empty()) cited += ", " + a->published.substr(0, 10);
    return {{"id", a->id},         {"ext_id", a->ext_id}, {"title", a->title}, {"outlet", a->outlet},
            {"published", a->published}, {"byline", a->byline}, {"url", a->url},     {"source", a->source},
            {"cited_as", cited}};
}

void add_provenance(Json& j, const FactRecords& records, const FactSource& s) {
    j["article"] = article_json(records, s.article_id);
    j["sentence"] = s.sentence;
    j["sentence_text"] = s.sentence_text;
    j["start"] = s.span.start;
    j["end"] = s.span.end;
    j["extractor"] = s.extractor;
    j["confidence"] = s.confidence;
}

void write_line(const Json& j, std::ostream& out) {
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

void write_facts_jsonl(const FactRecords& records, std::ostream& out) {
    for (const auto& c : records.claims) {
        Json about = Json::array(), about_ids = Json::array();
        for (const auto& a : c.about) {
            about.push_back(a.name);
            about_ids.push_back(a.id);
        }
        Json j = {{"kind", "claim"},
                  {"id", c.id},
                  {"speaker", c.speaker ? Json(c.speaker->name) : Json(c.speaker_text)},
                  {"speaker_id", id_of(c.speaker)},
                  {"speaker_text", c.speaker_text},
                  {"cue", c.cue},
                  {"cue_kind", c.cue_kind},
                  {"stance", std::string(to_string(c.stance))},
                  {"direct", c.direct},
                  {"content", c.content},
                  {"about", std::move(about)},
                  {"about_ids", std::move(about_ids)},
                  {"reported_by", name_of(c.reported_by)},
                  {"reported_by_id", id_of(c.reported_by)}};
        add_provenance(j, records, c.source);
        write_line(j, out);
    }
    for (const auto& r : records.relations) {
        Json j = {{"kind", "relation"},
                  {"id", r.id},
                  {"subject", r.subject.name},
                  {"subject_id", r.subject.id},
                  {"predicate", r.predicate},
                  {"type", r.type},
                  {"object", r.object.name},
                  {"object_id", r.object.id},
                  {"asserted_by", r.asserted_by.empty() ? Json(nullptr) : Json(r.asserted_by)},
                  {"claim_id", r.claim_id ? Json(*r.claim_id) : Json(nullptr)},
                  {"negated", r.negated},
                  {"modality", r.modality}};
        add_provenance(j, records, r.source);
        write_line(j, out);
    }
}

}  // namespace factgraph::exporters
