// The first-pass extractor: capitalised-name actors and surface patterns for reported speech.
// It exists so the pipeline runs end to end without models; it knows no grammar, so it is
// deliberately conservative: it never invents a speaker it cannot point to.
#include <set>

#include "extract/extraction_support.hpp"
#include "factgraph/importers/extractor.hpp"
#include "factgraph/nlp/tokenizer.hpp"

namespace factgraph::importers {

namespace {

using namespace detail;

// A capitalised reporting verb ("Said", "Denies") is no part of a name; a capitalised word that is
// also a cue lemma ("State", "Support", "Report") may well be.
bool reporting_verb(const Token& t) {
    const Cue* cue = find_cue(t);
    return cue && std::string_view(cue->kind) == "speech" && lower(t.form) != cue->lemma;
}

class RuleExtractor : public Extractor {
public:
    std::string_view name() const override { return "rules-v1"; }

    Extraction extract(const Article& article) const override {
        ExtractionBuilder builder(article, std::string(name()));
        std::vector<Sentence> sentences = m_tokenizer.tokenize(article.text);
        for (const auto& s : sentences) builder.add_sentence({s.start, s.end});
        add_mentions_and_claims(article.text, sentences, find_names(article.text, sentences), builder);
        return builder.finish();
    }

private:
    // Capitalised token runs. A sentence-initial word counts only when the article also
    // capitalises it mid-sentence: "Amazon said" yes, "Consortium members said" no.
    static std::vector<NameSpan> find_names(const std::string& body, const std::vector<Sentence>& sentences) {
        std::set<std::string> lowercase_words, midsentence_caps;
        for (const auto& s : sentences)
            for (std::size_t i = 0; i < s.tokens.size(); ++i) {
                if (!capitalised(s.tokens[i])) lowercase_words.insert(s.tokens[i].form);
                else if (i > 0 && !is_open_quote(s.tokens[i - 1].form)) midsentence_caps.insert(s.tokens[i].form);
            }
        std::vector<NameSpan> names;
        for (std::size_t si = 0; si < sentences.size(); ++si) {
            const auto& toks = sentences[si].tokens;
            for (std::size_t i = 0; i < toks.size();) {
                if (!capitalised(toks[i]) || reporting_verb(toks[i]) || in(kCalendarWords, lower(toks[i].form))) {
                    ++i;
                    continue;
                }
                std::size_t j = i + 1;
                while (j < toks.size()) {
                    if (capitalised(toks[j]) && !reporting_verb(toks[j])) ++j;
                    else if (j + 1 < toks.size() && in(kConnectors, toks[j].form) && capitalised(toks[j + 1])) j += 2;
                    else break;
                }
                std::size_t first = i, last = j;
                i = j;
                bool initial = first == 0 || is_open_quote(toks[first - 1].form);
                if (initial && lowercase_words.count(lower(toks[first].form)) &&
                    !midsentence_caps.count(toks[first].form))
                    ++first;
                if (first < last && lower(toks[first].form) == "the") ++first;
                ActorType type = ActorType::Other;
                // "French President Emmanuel Macron", "Mr Macron": the name follows the title.
                for (std::size_t k = first; k + 1 < last; ++k)
                    if (in(kPersonTitles, lower(toks[k].form))) {
                        first = k + 1;
                        type = ActorType::Person;
                    }
                if (first > 0 && in(kPersonTitles, lower(toks[first - 1].form))) type = ActorType::Person;
                if (first >= last) continue;
                if (last - first == 1 && initial && !midsentence_caps.count(toks[first].form)) continue;
                std::string name(body.substr(toks[first].start, toks[last - 1].end - toks[first].start));
                if (text::codepoint_length(name) < 2) continue;
                if (type == ActorType::Other && in(kOrgSuffixes, lower(toks[last - 1].form)))
                    type = ActorType::Organization;
                if (type == ActorType::Other && last + 1 < toks.size() && toks[last].form == "-" &&
                    lower(toks[last + 1].form) == "based")
                    type = ActorType::Location;
                if (type == ActorType::Other && first > 0) {
                    std::string before = lower(toks[first - 1].form);
                    if (before == "in" || before == "from") type = ActorType::Location;
                }
                names.push_back({static_cast<int>(si), first, last, name, type});
            }
        }
        // A name listed with a location ("in Mexico and Rwanda") is a location too.
        for (std::size_t k = 1; k < names.size(); ++k) {
            auto& cur = names[k];
            const auto& prev = names[k - 1];
            if (cur.type != ActorType::Other || prev.type != ActorType::Location || prev.sentence != cur.sentence)
                continue;
            const auto& toks = sentences[static_cast<std::size_t>(cur.sentence)].tokens;
            bool listed = true;
            for (std::size_t t = prev.last; t < cur.first; ++t) {
                std::string w = lower(toks[t].form);
                if (w != "," && w != "and" && w != "the" && w != "or") listed = false;
            }
            if (listed && cur.first > prev.last) cur.type = ActorType::Location;
        }
        return names;
    }

    nlp::Tokenizer m_tokenizer;
};

}  // namespace

std::unique_ptr<Extractor> make_rule_extractor() { return std::make_unique<RuleExtractor>(); }

}  // namespace factgraph::importers
