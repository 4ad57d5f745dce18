// IOB2 corpus reading, IOB2 tags -> entity spans, and exact-match entity scoring.
#include "factgraph/core/error.hpp"
#include "factgraph/nlp/entity_recognizer.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace factgraph::nlp {

namespace {

bool kept_type(std::string_view type) { return type == "PER" || type == "ORG" || type == "LOC"; }

// Maps a corpus tag to the PER/ORG/LOC scheme and repairs what the mapping breaks: an I- tag whose
// span start was dropped (or never was) becomes B-.
std::string map_tag(std::string_view tag, std::string_view previous) {
    if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return "O";
    const std::string_view type = tag.substr(2);
    if (!kept_type(type)) return "O";
    if (tag[0] == 'I' && (previous.size() < 3 || previous.substr(2) != type)) return "B-" + std::string(type);
    return std::string(tag);
}

}  // namespace

std::vector<EntitySpan> entity_spans(const Sentence& sentence, int sentence_index) {
    std::vector<EntitySpan> spans;
    const int n = static_cast<int>(sentence.tokens.size());
    for (int i = 0; i < n; ++i) {
        const std::string& tag = sentence.tokens[static_cast<std::size_t>(i)].ner;
        if (tag.size() < 3 || tag[1] != '-') continue;
        const std::string_view type = std::string_view(tag).substr(2);
        const bool continues = tag[0] == 'I' && !spans.empty() && spans.back().end_token == i &&
                               spans.back().type == type;
        if (continues) {
            spans.back().end_token = i + 1;
        } else {
            spans.push_back({sentence_index, i, i + 1, std::string(type)});
        }
    }
    return spans;
}

std::vector<EntitySpan> entity_spans(const std::vector<Sentence>& document) {
    std::vector<EntitySpan> spans;
    for (std::size_t s = 0; s < document.size(); ++s) {
        std::vector<EntitySpan> one = entity_spans(document[s], static_cast<int>(s));
        spans.insert(spans.end(), one.begin(), one.end());
    }
    return spans;
}

std::vector<Iob2Document> read_iob2(std::istream& in, const std::string& name) {
    std::vector<Iob2Document> docs;
    Sentence sentence;
    std::string line;
    std::size_t line_no = 0;
    auto flush = [&] {
        if (sentence.tokens.empty()) {
            sentence = {};
            return;
        }
        // The corpus has no offsets: give the tokens those of the forms joined by single spaces.
        std::size_t offset = 0;
        for (Token& t : sentence.tokens) {
            t.start = offset;
            t.end = offset + t.form.size();
            offset = t.end + 1;
        }
        sentence.start = 0;
        sentence.end = sentence.tokens.back().end;
        if (docs.empty()) docs.emplace_back();
        docs.back().sentences.push_back(std::move(sentence));
        sentence = {};
    };
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            flush();
            continue;
        }
        if (line[0] == '#') {
            static constexpr std::string_view kNewdoc = "# newdoc id = ";
            static constexpr std::string_view kSentId = "# sent_id = ";
            if (line.compare(0, kNewdoc.size(), kNewdoc) == 0) {
                flush();
                docs.push_back({line.substr(kNewdoc.size()), {}});
            } else if (line.compare(0, kSentId.size(), kSentId) == 0) {
                sentence.id = line.substr(kSentId.size());
            }
            continue;
        }
        const std::size_t t1 = line.find('\t');
        const std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string::npos) throw InputError(name, "expected index, form and tag separated by tabs", line_no);
        const std::size_t t3 = line.find('\t', t2 + 1);
        Token token;
        token.form = line.substr(t1 + 1, t2 - t1 - 1);
        if (token.form.empty()) throw InputError(name, "empty token form", line_no);
        const std::string_view tag = std::string_view(line).substr(t2 + 1, t3 == std::string::npos ? std::string::npos : t3 - t2 - 1);
        token.ner = map_tag(tag, sentence.tokens.empty() ? std::string_view("O") : std::string_view(sentence.tokens.back().ner));
        sentence.tokens.push_back(std::move(token));
    }
    flush();
    return docs;
}

std::vector<Iob2Document> read_iob2_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path.string(), "cannot open IOB2 corpus file");
    return read_iob2(in, path.string());
}

void EntityScores::add(const std::vector<EntitySpan>& gold, const std::vector<EntitySpan>& predicted) {
    auto key = [](const EntitySpan& s) { return std::make_tuple(s.sentence, s.first_token, s.end_token, s.type); };
    std::set<std::tuple<int, int, int, std::string>> gold_set;
    for (const EntitySpan& s : gold) {
        gold_set.insert(key(s));
        ++micro.gold;
        ++by_type[s.type].gold;
    }
    for (const EntitySpan& s : predicted) {
        ++micro.predicted;
        Counts& c = by_type[s.type];
        ++c.predicted;
        if (gold_set.count(key(s))) {
            ++micro.correct;
            ++c.correct;
        }
    }
}

}  // namespace factgraph::nlp
