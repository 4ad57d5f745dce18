#pragma once
// Internal: the reader of the project's TSV data files (lexicons, word classes).
#include "factgraph/core/error.hpp"

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
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
        : m_path(path.string()), m_what(std::move(what)), m_in(path) {
        if (!m_in) throw ModelError("cannot open " + m_what + " " + m_path + " (see docs/ner.md)");
    }
    /** @brief Next row's columns (views into the reader's line, valid until the next call);
     *  false at the end of the file. */
    bool next(std::vector<std::string_view>& cols) {
        while (std::getline(m_in, m_line)) {
            ++m_line_no;
            if (!m_line.empty() && m_line.back() == '\r') m_line.pop_back();
            if (m_line.empty() || m_line[0] == '#') continue;
            cols.clear();
            std::string_view rest(m_line);
            for (std::size_t tab; (tab = rest.find('\t')) != std::string_view::npos; rest.remove_prefix(tab + 1))
                cols.push_back(rest.substr(0, tab));
            cols.push_back(rest);
            return true;
        }
        if (m_in.bad()) throw ModelError("cannot read " + m_what + " " + m_path);
        return false;
    }
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
    std::ifstream m_in;
    std::string m_line;
    std::size_t m_line_no = 0;
};

}  // namespace factgraph::nlp
