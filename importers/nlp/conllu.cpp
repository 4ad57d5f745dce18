#include "factgraph/nlp/conllu.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

#include <charconv>
#include <istream>
#include <ostream>

namespace factgraph::nlp {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return out;
}

bool parse_int(std::string_view s, int& value) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return ec == std::errc() && ptr == s.data() + s.size();
}

std::string field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

// Reads MISC attributes we know; the rest is dropped because Token has nowhere to keep it.
void read_misc(std::string_view misc, bool& space_after, std::string* ner) {
    std::size_t start = 0;
    while (start <= misc.size()) {
        std::size_t bar = misc.find('|', start);
        if (bar == std::string_view::npos) bar = misc.size();
        const std::string_view item = misc.substr(start, bar - start);
        if (item == "SpaceAfter=No") space_after = false;
        else if (ner && item.substr(0, 4) == "NER=") *ner = std::string(item.substr(4));
        start = bar + 1;
    }
}

// Sets byte offsets into `text` for each token (words of one multiword token share its span).
void set_offsets(ConlluSentence& cs, const std::vector<std::pair<int, int>>& groups,
                 const std::vector<std::string>& surfaces) {
    auto& tokens = cs.sentence.tokens;
    bool aligned = !cs.text.empty();
    if (aligned) {
        std::size_t pos = 0;
        for (std::size_t g = 0; g < groups.size() && aligned; ++g) {
            const std::string& surface = surfaces[g];
            while (pos < cs.text.size() && (cs.text[pos] == ' ' || cs.text[pos] == '\t')) ++pos;
            if (cs.text.compare(pos, surface.size(), surface) != 0) {
                aligned = false;
                break;
            }
            for (int i = groups[g].first; i < groups[g].second; ++i) {
                tokens[static_cast<std::size_t>(i)].start = pos;
                tokens[static_cast<std::size_t>(i)].end = pos + surface.size();
            }
            pos += surface.size();
        }
    }
    if (!aligned) {
        // The # text does not match the forms (or is missing): offsets into the rebuilt text.
        std::size_t pos = 0;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            for (int i = groups[g].first; i < groups[g].second; ++i) {
                tokens[static_cast<std::size_t>(i)].start = pos;
                tokens[static_cast<std::size_t>(i)].end = pos + surfaces[g].size();
            }
            pos += surfaces[g].size();
            if (tokens[static_cast<std::size_t>(groups[g].second - 1)].space_after) ++pos;
        }
    }
    if (!tokens.empty()) {
        cs.sentence.start = tokens.front().start;
        cs.sentence.end = tokens.back().end;
    }
}

}  // namespace

struct ConlluReader::State {
    ConlluSentence current;
    std::vector<std::pair<int, int>> groups;  // [first word, end word) per surface token
    std::vector<std::string> surfaces;
    int range_end = 0;                        // last word id covered by the open multiword token
    std::size_t line_no = 0;
    std::size_t range_line = 0;               // line of the sentence's last multiword token
    std::vector<std::size_t> word_lines;      // line of each word of the sentence
    std::string line;
};

ConlluReader::ConlluReader(std::istream& in, std::string source)
    : m_in(in), m_source(std::move(source)), m_state(std::make_unique<State>()) {}

ConlluReader::~ConlluReader() = default;

bool ConlluReader::next(ConlluSentence& out) {
    State& st = *m_state;
    ConlluSentence& current = st.current;
    const std::string& source = m_source;

    // Ends the sentence being read; true when it has words (and is now in `out`).
    auto flush = [&] {
        const int words = static_cast<int>(current.sentence.tokens.size());
        if (!current.multiword.empty() && current.multiword.back().last > words) {
            const MultiwordToken& m = current.multiword.back();
            throw InputError(source,
                             "multiword token " + std::to_string(m.first) + "-" + std::to_string(m.last) + " '" + m.form +
                                 "' covers words the sentence lacks (it has " + std::to_string(words) + ")",
                             st.range_line);
        }
        for (std::size_t k = 0; k < current.sentence.tokens.size(); ++k)
            if (const int head = current.sentence.tokens[k].head; head > words)
                throw InputError(source,
                                 "head " + std::to_string(head) + " outside its sentence" +
                                     (current.sentence.id.empty() ? "" : " " + current.sentence.id) + " (" +
                                     std::to_string(words) + (words == 1 ? " word)" : " words)"),
                                 st.word_lines[k]);
        const bool any = words > 0;
        if (any) {
            set_offsets(current, st.groups, st.surfaces);
            out = std::move(current);
        }
        current = ConlluSentence{};
        st.groups.clear();
        st.surfaces.clear();
        st.word_lines.clear();
        st.range_end = 0;
        return any;
    };

    std::string& line = st.line;
    while (std::getline(m_in, line)) {
        ++st.line_no;
        const std::size_t line_no = st.line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            if (flush()) return true;
            continue;
        }
        if (line[0] == '#') {
            std::string_view comment(line);
            comment.remove_prefix(1);
            while (!comment.empty() && comment.front() == ' ') comment.remove_prefix(1);
            if (comment.substr(0, 7) == "sent_id") {
                std::size_t eq = comment.find('=');
                if (eq != std::string_view::npos) {
                    std::string_view v = comment.substr(eq + 1);
                    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
                    current.sentence.id = std::string(v);
                }
            } else if (comment.substr(0, 4) == "text" && comment.find('=') != std::string_view::npos) {
                std::string_view v = comment.substr(comment.find('=') + 1);
                if (!v.empty() && v.front() == ' ') v.remove_prefix(1);
                current.text = std::string(v);
            }
            continue;
        }
        const auto cols = split_tabs(line);
        if (cols.size() != 10)
            throw InputError(source, "expected 10 tab-separated columns, found " + std::to_string(cols.size()), line_no);
        const std::string_view id = cols[0];
        if (id.find('.') != std::string_view::npos) continue;  // empty node: not part of the tree
        if (const std::size_t dash = id.find('-'); dash != std::string_view::npos) {
            int first = 0, last = 0;
            if (!parse_int(id.substr(0, dash), first) || !parse_int(id.substr(dash + 1), last) || last < first)
                throw InputError(source, "bad multiword token range '" + std::string(id) + "'", line_no);
            const int next = static_cast<int>(current.sentence.tokens.size()) + 1;
            if (first != next) throw InputError(source, "multiword token range does not start at the next word", line_no);
            if (!current.multiword.empty() && current.multiword.back().last > static_cast<int>(current.sentence.tokens.size()))
                throw InputError(source, "multiword token range starts inside the one before", line_no);
            st.groups.emplace_back(first - 1, last);
            st.surfaces.emplace_back(cols[1]);
            st.range_end = last;
            st.range_line = line_no;
            bool space_after = true;
            read_misc(cols[9], space_after, nullptr);
            current.multiword.push_back(MultiwordToken{first, last, std::string(cols[1]), space_after});
            // SpaceAfter of the range belongs to its last word; remember it via a placeholder.
            current.sentence.tokens.reserve(static_cast<std::size_t>(last));
            if (!space_after) st.range_end = -last;
            continue;
        }
        int n = 0;
        if (!parse_int(id, n) || n != static_cast<int>(current.sentence.tokens.size()) + 1)
            throw InputError(source, "bad or out-of-order word id '" + std::string(id) + "'", line_no);
        Token t;
        t.form = std::string(cols[1]);
        t.lemma = cols[2] == "_" && cols[1] != "_" ? std::string() : std::string(cols[2]);
        t.upos = field(cols[3]);
        t.xpos = field(cols[4]);
        if (cols[6] != "_") {
            if (!parse_int(cols[6], t.head) || t.head < 0)
                throw InputError(source, "bad head '" + std::string(cols[6]) + "'", line_no);
        }
        t.deprel = field(cols[7]);
        read_misc(cols[9], t.space_after, &t.ner);
        const int covered = st.range_end < 0 ? -st.range_end : st.range_end;
        if (n <= covered) {
            // Inside a multiword token: spaces only after its last word, as the range says.
            t.space_after = (n == covered) ? st.range_end > 0 : false;
        } else {
            st.groups.emplace_back(n - 1, n);
            st.surfaces.push_back(t.form);
        }
        current.sentence.tokens.push_back(std::move(t));
        st.word_lines.push_back(line_no);
    }
    return flush();
}

std::vector<ConlluSentence> read_conllu(std::istream& in, const std::string& source) {
    std::vector<ConlluSentence> out;
    ConlluReader reader(in, source);
    for (ConlluSentence cs; reader.next(cs);) out.push_back(std::move(cs));
    return out;
}

std::vector<Sentence> read_conllu_sentences(std::istream& in, const std::string& source) {
    std::vector<Sentence> out;
    for (ConlluSentence& cs : read_conllu(in, source)) out.push_back(std::move(cs.sentence));
    return out;
}

std::string conllu_text(const Sentence& sentence) {
    std::string text;
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
        const Token& t = sentence.tokens[i];
        text += t.form;
        if (t.space_after && i + 1 < sentence.tokens.size()) text += ' ';
    }
    return text;
}

void write_conllu(const Sentence& sentence, std::ostream& out, std::string_view text,
                  std::span<const MultiwordToken> multiword) {
    // The sentence is built in one string and written at once: a stream insertion per field took
    // more instructions than the tokeniser.
    std::string buffer;
    buffer.reserve(64 + 48 * sentence.tokens.size());
    auto col = [&buffer](std::string_view s) {
        buffer += s.empty() ? std::string_view("_") : s;
        buffer += '\t';
    };
    auto number = [&buffer](long long v) {
        char digits[24];
        const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
        buffer.append(digits, static_cast<std::size_t>(end - digits));
    };
    if (!sentence.id.empty()) {
        buffer += "# sent_id = ";
        buffer += sentence.id;
        buffer += '\n';
    }
    // A comment is one line: a sentence that runs over a line break of its text ("... who
    // has\nrepeatedly ...") gets a space there, as UD's own text lines have.
    buffer += "# text = ";
    buffer += text::collapse_whitespace(text.empty() ? conllu_text(sentence) : std::string(text));
    buffer += '\n';
    std::size_t next_multiword = 0;
    int inside_until = 0;  // last word of the multiword token being written
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
        const Token& t = sentence.tokens[i];
        const int id = static_cast<int>(i) + 1;
        if (next_multiword < multiword.size() && multiword[next_multiword].first == id) {
            const MultiwordToken& m = multiword[next_multiword++];
            number(m.first);
            buffer += '-';
            number(m.last);
            buffer += '\t';
            col(m.form);
            buffer += "_\t_\t_\t_\t_\t_\t_\t";
            buffer += m.space_after ? "_" : "SpaceAfter=No";
            buffer += '\n';
            inside_until = m.last;
        }
        number(id);
        buffer += '\t';
        col(t.form);
        col(t.lemma);
        col(t.upos);
        col(t.xpos);
        buffer += "_\t";
        if (t.head >= 0) number(t.head);
        else buffer += '_';
        buffer += '\t';
        col(t.deprel);
        buffer += "_\t";
        const bool space_after_no = !t.space_after && id > inside_until;
        if (!t.ner.empty()) {
            buffer += "NER=";
            buffer += t.ner;
            if (space_after_no) buffer += "|SpaceAfter=No";
        } else {
            buffer += space_after_no ? "SpaceAfter=No" : "_";
        }
        buffer += '\n';
    }
    buffer += '\n';
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace factgraph::nlp
