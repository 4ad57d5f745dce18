#pragma once
// Internal: the reader of the project's TSV data files (lexicons, word classes).
#include "factgraph/core/error.hpp"
#include "file_bytes.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace factgraph::nlp {

/**
 * @brief Rows of a TSV file: '#' comment lines and blank lines skipped, a trailing CR dropped,
 *        columns split on tabs. Every problem is a ModelError naming the file (and line).
 *
 * `what` names the kind of file in messages ("lexicon file", "word classes").
 */
class TsvReader {
public:
    TsvReader(const std::filesystem::path& path, std::string what)
        : m_path(path.string()), m_what(std::move(what)),
          // The whole file at once (the largest, the word classes, is a few megabytes).
          m_text(file_bytes(path, "cannot open " + m_what + " " + m_path + " (see docs/ner.md)", m_what + " " + m_path)) {}
    /** @brief Next row's columns (views into the reader's text, valid as long as the reader);
     *  false at the end of the file. */
    bool next(std::vector<std::string_view>& cols) {
        while (m_pos < m_text.size()) {
            const std::size_t end = std::min(m_text.find('\n', m_pos), m_text.size());
            std::string_view line(m_text.data() + m_pos, end - m_pos);
            m_pos = end + 1;
            ++m_line_no;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line.empty() || line[0] == '#') continue;
            cols.clear();
            for (std::size_t tab; (tab = line.find('\t')) != std::string_view::npos; line.remove_prefix(tab + 1))
                cols.push_back(line.substr(0, tab));
            cols.push_back(line);
            return true;
        }
        return false;
    }
    /** @brief At least the number of rows the file holds (its lines), to size tables up front. */
    std::size_t most_rows() const { return static_cast<std::size_t>(std::count(m_text.begin(), m_text.end(), '\n')) + 1; }
    /** @brief Throws a ModelError "bad <what> <file>:<line>: <message>" for the current row. */
    [[noreturn]] void fail(const std::string& message) const {
        throw ModelError("bad " + m_what + " " + m_path + ":" + std::to_string(m_line_no) + ": " + message);
    }
    /** @brief A column holding a whole number below `limit`, else fail(). */
    unsigned long number(std::string_view text, unsigned long limit) const {
        unsigned long v = 0;
        const auto [stop, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || stop != text.data() + text.size() || v >= limit)
            fail("'" + std::string(text) + "' is not a number below " + std::to_string(limit));
        return v;
    }

private:
    std::string m_path, m_what;
    std::string m_text;
    std::size_t m_pos = 0;
    std::size_t m_line_no = 0;
};

}  // namespace factgraph::nlp
