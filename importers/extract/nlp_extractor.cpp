// The statistical extractor: actors from the named-entity recogniser over the full NLP
// annotation, then the shared grouping and reported-speech stages, then relations from the parse.
#include "extract/descriptor_names.hpp"
#include "extract/extraction_support.hpp"
#include "extract/relation_patterns.hpp"
#include "factgraph/importers/extractor.hpp"
#include "factgraph/nlp/gazetteer.hpp"
#include "factgraph/nlp/pipeline.hpp"

namespace factgraph::importers {

namespace {

using namespace detail;

// Nouns that, right after a name, make it a product: "NSO's Pegasus spyware".
constexpr std::array kProductHeads = {"spyware", "software", "malware", "app", "application", "platform",
                                      "phone", "smartphone", "vaccine", "drug", "system", "tool", "device",
                                      "aircraft", "jet", "missile", "chatbot", "model", "browser"};

ActorType type_of_entity(std::string_view tag) {
    if (tag == "PER") return ActorType::Person;
    if (tag == "ORG") return ActorType::Organization;
    if (tag == "LOC") return ActorType::Location;
    return ActorType::Other;
}

class NlpExtractor : public Extractor {
public:
    NlpExtractor(nlp::Pipeline pipeline, std::string name) : m_pipeline(std::move(pipeline)), m_name(std::move(name)) {}

    // Recorded with every fact: which parser read the sentence is part of its provenance.
    std::string_view name() const override { return m_name; }

    Extraction extract(const Article& article) const override {
        return extract_annotated(article, m_pipeline.annotate(article.text));
    }

    // Everything after the NLP pipeline: a pure function of the text and its annotation.
    Extraction extract_annotated(const Article& article, const std::vector<Sentence>& sentences) const {
        ExtractionBuilder builder(article, std::string(name()));
        for (const auto& s : sentences) builder.add_sentence({s.start, s.end});
        std::vector<NameSpan> names = entity_names(article.text, sentences);
        normalise_places(names);
        add_descriptions(article.text, sentences, names);
        ResolvedNames resolved = add_mentions_and_claims(article.text, sentences, names, builder);
        add_relations(article.text, sentences, resolved, gazetteer(), builder);
        return builder.finish();
    }

private:
    // "US", "U.S." and "United States" are one place: countries go by their common name, and a
    // state written as news abbreviates it by its name ("Okla." -> Oklahoma).
    void normalise_places(std::vector<NameSpan>& names) const {
        for (auto& n : names) {
            if (n.type != ActorType::Location && n.type != ActorType::Other) continue;
            auto place = gazetteer().canonical_country(n.text);
            if (!place) place = gazetteer().subdivision_of_abbreviation(n.text);
            if (!place || *place == n.text) continue;
            n.surface = n.text;
            n.text = *place;
            n.type = ActorType::Location;
        }
    }

    // Groups and institutions named by description ("a global media consortium") join the names.
    void add_descriptions(const std::string& body, const std::vector<Sentence>& sentences, std::vector<NameSpan>& names) const {
        std::vector<NameSpan> described = descriptor_names(body, sentences, names, gazetteer());
        if (described.empty()) return;
        names.insert(names.end(), std::make_move_iterator(described.begin()), std::make_move_iterator(described.end()));
        std::stable_sort(names.begin(), names.end(), [](const NameSpan& a, const NameSpan& b) {
            return std::tie(a.sentence, a.first) < std::tie(b.sentence, b.first);
        });
    }

    static bool is_possessive(std::string_view form) { return form == "'s" || form == "\u2019s" || form == "'"; }

    static void add_name(const std::string& body, const std::vector<Token>& toks, int si, std::size_t first,
                         std::size_t last, ActorType type, std::vector<NameSpan>& names) {
        if (last < toks.size() && in(kProductHeads, lower(toks[last].form))) type = ActorType::Product;
        names.push_back({si, first, last, body.substr(toks[first].start, toks[last - 1].end - toks[first].start), type});
    }

    static std::vector<NameSpan> entity_names(const std::string& body, const std::vector<Sentence>& sentences) {
        std::vector<NameSpan> names;
        for (std::size_t si = 0; si < sentences.size(); ++si) {
            const auto& toks = sentences[si].tokens;
            for (std::size_t i = 0; i < toks.size();) {
                const std::string& tag = toks[i].ner;
                if (tag.size() < 3 || tag[0] != 'B') {
                    ++i;
                    continue;
                }
                std::string type = tag.substr(2);
                std::size_t j = i + 1;
                while (j < toks.size() && toks[j].ner == "I-" + type) ++j;
                std::size_t first = i, last = j;
                i = j;
                // A leading article or title is not part of the name ("the Associated Press").
                while (first < last && (lower(toks[first].form) == "the" || in(kPersonTitles, lower(toks[first].form))))
                    ++first;
                while (last > first && is_possessive(toks[last - 1].form)) --last;
                if (first >= last) continue;
                // "Kestrel Systems's Corvalin": an owner and what it owns, two names.
                for (std::size_t k = first + 1; k + 1 < last; ++k) {
                    if (!is_possessive(toks[k].form)) continue;
                    add_name(body, toks, static_cast<int>(si), first, k, type_of_entity(type), names);
                    first = k + 1;
                }
                add_name(body, toks, static_cast<int>(si), first, last, type_of_entity(type), names);
            }
            // Proper nouns the recogniser left out but a product noun follows ("Pegasus spyware").
            for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
                if (toks[i].ner != "O" || toks[i].upos != "PROPN" || !in(kProductHeads, lower(toks[i + 1].form)))
                    continue;
                std::size_t first = i;
                while (first > 0 && toks[first - 1].ner == "O" && toks[first - 1].upos == "PROPN") --first;
                names.push_back({static_cast<int>(si), first, i + 1,
                                 body.substr(toks[first].start, toks[i].end - toks[first].start), ActorType::Product});
            }
        }
        std::sort(names.begin(), names.end(), [](const NameSpan& a, const NameSpan& b) {
            return std::tie(a.sentence, a.first) < std::tie(b.sentence, b.first);
        });
        return names;
    }

    // The recogniser's lexicons serve the extraction too (one copy of the word classes and vectors).
    const nlp::Gazetteer& gazetteer() const { return m_pipeline.gazetteer(); }

    nlp::Pipeline m_pipeline;
    std::string m_name;
};

}  // namespace

Extraction extract_annotated(const Extractor& extractor, const Article& article, const std::vector<nlp::Sentence>& sentences) {
    const auto* nlp_extractor = dynamic_cast<const NlpExtractor*>(&extractor);
    if (!nlp_extractor)
        throw std::invalid_argument("extract_annotated: the " + std::string(extractor.name()) +
                                    " extractor does not read an NLP annotation");
    return nlp_extractor->extract_annotated(article, sentences);
}

std::unique_ptr<Extractor> make_nlp_extractor(const std::filesystem::path& data_dir, nlp::ParserSpeed speed) {
    // First: its error names the missing model file.
    nlp::Pipeline pipeline(data_dir, speed);
    // The name each fact records. nlp-v2 (parser reading supertags) is what was recorded as
    // nlp-accurate-v3 while the greedy parser alone was the default, recorded then as nlp-v1 and
    // now as nlp-fast-v1; the beam pipeline is the trainer's teacher, recorded as nlp-beam-v1.
    const char* name = speed == nlp::ParserSpeed::accurate ? "nlp-v2"
                       : speed == nlp::ParserSpeed::fast   ? "nlp-fast-v1"
                                                           : "nlp-beam-v1";
    return std::make_unique<NlpExtractor>(std::move(pipeline), name);
}

}  // namespace factgraph::importers
