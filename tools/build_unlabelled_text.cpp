// Builds the plain English text the greedy parser's training reads next to the treebank (see
// docs/nlp.md, "Uptraining"): train_tagger_parser parses it with the accurate pipeline and trains
// parser.bin on those parses too.
//
//   build_unlabelled_text --out FILE [--text FILE]... [--mail FILE]... [--fortunes FILE]...
//
// Output: one paragraph per line, paragraphs separated by an empty line. Only prose is kept:
// a paragraph needs six words, three quarters letters, no markup or addresses; paragraphs that
// are not valid UTF-8 are dropped.
//   --text      a file of prose (a speech); blank lines separate its paragraphs
//   --mail      one RFC 822 message: its plain-text body only, without quoted lines,
//               attributions, signatures or list footers
//   --fortunes  a fortune(6) file: entries separated by lines holding "%", attributions dropped
#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw factgraph::InputError(path.string(), "cannot open");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

using factgraph::text::ascii_lower;
using factgraph::text::trim;

// Collects paragraphs (whitespace collapsed) and keeps those that read as prose.
class ParagraphSink {
public:
    explicit ParagraphSink(std::ostream& out) : m_out(out) {}

    void add(std::string_view text) {
        if (factgraph::text::find_invalid_utf8(text) != std::string_view::npos) {
            ++m_dropped;
            return;
        }
        const std::string collapsed = factgraph::text::collapse_whitespace(text);
        if (!is_prose(collapsed)) {
            ++m_dropped;
            return;
        }
        m_out << collapsed << "\n\n";
        ++m_kept;
        m_words += static_cast<std::size_t>(std::count(collapsed.begin(), collapsed.end(), ' ')) + 1;
    }

    std::size_t kept() const { return m_kept; }
    std::size_t dropped() const { return m_dropped; }
    std::size_t words() const { return m_words; }

private:
    static bool is_prose(std::string_view p) {
        if (p.empty()) return false;
        if (std::count(p.begin(), p.end(), ' ') < 5) return false;
        std::size_t letters = 0, visible = 0;
        for (char c : p) {
            if (c == ' ') continue;
            ++visible;
            letters += std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
        }
        if (4 * letters < 3 * visible) return false;
        // Markup, code and addresses: the parses of such lines teach nothing about sentences.
        for (std::string_view marker : {"http://", "https://", "www.", "@", "{", "}", "<", ">", "=", "|", "\\"})
            if (p.find(marker) != std::string_view::npos) return false;
        return true;
    }

    std::ostream& m_out;
    std::size_t m_kept = 0, m_dropped = 0, m_words = 0;
};

// Paragraphs of a prose file: blank lines separate them.
void add_text(std::string_view text, ParagraphSink& sink) {
    std::string paragraph;
    for (std::string_view line : split_lines(text)) {
        if (trim(line).empty()) {
            sink.add(paragraph);
            paragraph.clear();
        } else {
            paragraph.append(line).push_back('\n');
        }
    }
    sink.add(paragraph);
}

// The plain-text body of one message, without what its writer did not write.
void add_mail(std::string_view message, ParagraphSink& sink) {
    const std::size_t blank = message.find("\n\n");
    const std::size_t crlf_blank = message.find("\r\n\r\n");
    const std::size_t split = std::min(blank, crlf_blank);
    if (split == std::string_view::npos) return;
    const std::string_view header = message.substr(0, split);
    const std::string_view body = message.substr(split);
    for (std::string_view line : split_lines(header)) {
        const std::string lower = ascii_lower(line);
        if (!lower.starts_with("content-type:")) continue;
        if (!trim(std::string_view(lower).substr(13)).starts_with("text/plain")) return;  // HTML, multipart, attachments
    }
    if (ascii_lower(body.substr(0, 2000)).find("<html") != std::string::npos) return;
    std::string kept;
    for (std::string_view line : split_lines(body)) {
        // A signature, or the footer a mailing list appends, ends what the writer wrote.
        if (line == "-- " || trim(line) == "--" || line.starts_with("_____")) break;
        const std::string_view t = trim(line);
        if (t.starts_with('>') || t.starts_with('|')) continue;  // quoted
        if ((t.starts_with("On ") && t.ends_with("wrote:")) || t.ends_with("writes:")) continue;  // attribution
        kept.append(line).push_back('\n');
    }
    add_text(kept, sink);
}

// One fortune file: entries separated by "%" lines; "-- Author" lines are attributions.
void add_fortunes(std::string_view text, ParagraphSink& sink) {
    std::string entry;
    for (std::string_view line : split_lines(text)) {
        if (line == "%") {
            sink.add(entry);
            entry.clear();
            continue;
        }
        const std::string_view t = trim(line);
        if (t.starts_with("--") || t.starts_with('~')) continue;
        entry.append(t).push_back(' ');
    }
    sink.add(entry);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Build plain English text for the parser's uptraining from speeches, mail and fortune files"};
    std::string out_path;
    std::vector<std::string> texts, mails, fortunes;
    app.add_option("--out", out_path, "output file: one paragraph per line, an empty line between")->required();
    app.add_option("--text", texts, "prose file (repeatable)");
    app.add_option("--mail", mails, "file holding one RFC 822 message (repeatable)");
    app.add_option("--fortunes", fortunes, "fortune(6) file (repeatable)");
    CLI11_PARSE(app, argc, argv);
    try {
        std::ofstream out(out_path, std::ios::binary);
        if (!out) throw factgraph::InputError(out_path, "cannot write");
        ParagraphSink sink(out);
        for (const std::string& file : texts) add_text(read_whole(file), sink);
        for (const std::string& file : mails) add_mail(read_whole(file), sink);
        for (const std::string& file : fortunes) add_fortunes(read_whole(file), sink);
        if (!out.flush()) throw factgraph::InputError(out_path, "write failed");
        std::cout << out_path << ": " << sink.kept() << " paragraphs, " << sink.words() << " words ("
                  << sink.dropped() << " paragraphs dropped)\n";
    } catch (const factgraph::Error& e) {
        std::cerr << "build_unlabelled_text: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
