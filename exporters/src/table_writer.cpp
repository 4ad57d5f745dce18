#include "factgraph/exporters/table_writer.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"

namespace factgraph::exporters {

namespace {

std::string to_text(const Cell& c) {
    if (std::holds_alternative<std::monostate>(c)) return "";
    if (auto i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&c)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4g", *d);
        return buf;
    }
    return text::collapse_whitespace(std::get<std::string>(c));
}

nlohmann::json to_json(const Cell& c) {
    if (std::holds_alternative<std::monostate>(c)) return nullptr;
    if (auto i = std::get_if<std::int64_t>(&c)) return *i;
    if (auto d = std::get_if<double>(&c)) return *d;
    return std::get<std::string>(c);
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

std::string md_field(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|') out += '\\';
        out += ch;
    }
    return out;
}

std::string pad(const std::string& s, std::size_t width) {
    std::size_t n = text::codepoint_length(s);
    return n >= width ? s : s + std::string(width - n, ' ');
}

void write_text(const Table& t, std::ostream& out, std::size_t width) {
    std::size_t ncol = t.columns.size();
    if (ncol == 0) return;
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : t.rows) {
        std::vector<std::string> r;
        for (const auto& c : row) r.push_back(to_text(c));
        cells.push_back(std::move(r));
    }
    std::vector<std::size_t> w(ncol);
    for (std::size_t i = 0; i < ncol; ++i) {
        w[i] = text::codepoint_length(t.columns[i]);
        for (const auto& r : cells) w[i] = std::max(w[i], text::codepoint_length(r[i]));
    }
    const std::vector<std::size_t> natural = w;
    // To fit, short columns keep their width and the column with the longest text (the
    // content, usually) gives way first; only then are the others trimmed, widest first.
    std::size_t sep = 2 * (ncol - 1);
    auto total = [&] {
        std::size_t s = sep;
        for (auto x : w) s += x;
        return s;
    };
    auto floor_of = [&](std::size_t i) {
        return std::max(text::codepoint_length(t.columns[i]), std::min<std::size_t>(natural[i], 10));
    };
    if (total() > width) {
        std::vector<std::size_t> mean(ncol, 0);
        for (std::size_t i = 0; i < ncol; ++i) {
            for (const auto& r : cells) mean[i] += text::codepoint_length(r[i]);
            if (!cells.empty()) mean[i] /= cells.size();
        }
        std::size_t flexible = static_cast<std::size_t>(std::max_element(mean.begin(), mean.end()) - mean.begin());
        // The other columns shrink, widest first, until the flexible one has 30 columns or more.
        std::size_t want = std::max<std::size_t>(std::min<std::size_t>(w[flexible], 24), floor_of(flexible));
        for (;;) {
            std::size_t others = total() - w[flexible];
            if (others + want <= width) break;
            std::size_t widest = ncol;
            for (std::size_t i = 0; i < ncol; ++i)
                if (i != flexible && w[i] > floor_of(i) && (widest == ncol || w[i] > w[widest])) widest = i;
            if (widest == ncol) break;
            --w[widest];
        }
        std::size_t others = total() - w[flexible];
        w[flexible] = std::max(floor_of(flexible), width > others ? std::min(w[flexible], width - others) : 0);
    }
    while (total() > width) {
        auto widest = std::max_element(w.begin(), w.end());
        std::size_t i = static_cast<std::size_t>(widest - w.begin());
        if (*widest <= floor_of(i)) break;
        --*widest;
    }
    auto line = [&](const std::vector<std::string>& r) {
        std::string s;
        for (std::size_t i = 0; i < ncol; ++i) {
            std::string cell = text::truncate(r[i], w[i]);
            s += i + 1 < ncol ? pad(cell, w[i]) + "  " : cell;
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out << s << '\n';
    };
    line(t.columns);
    std::vector<std::string> rule;
    for (auto x : w) rule.push_back(std::string(x, '-'));
    line(rule);
    for (const auto& r : cells) line(r);
}

}  // namespace

TableFormat parse_table_format(std::string_view name) {
    if (name == "table" || name == "text") return TableFormat::Table;
    if (name == "json") return TableFormat::Json;
    if (name == "csv") return TableFormat::Csv;
    if (name == "md" || name == "markdown") return TableFormat::Markdown;
    throw UsageError("unknown output format '" + std::string(name) + "' (choose table, json, csv or md)");
}

void write_table(const Table& t, std::ostream& out, TableFormat format, std::size_t width) {
    switch (format) {
        case TableFormat::Table:
            write_text(t, out, width);
            break;
        case TableFormat::Json: {
            nlohmann::ordered_json rows = nlohmann::ordered_json::array();
            for (const auto& r : t.rows) {
                nlohmann::ordered_json o;
                for (std::size_t i = 0; i < t.columns.size(); ++i) o[t.columns[i]] = to_json(r[i]);
                rows.push_back(std::move(o));
            }
            out << rows.dump(2) << '\n';
            break;
        }
        case TableFormat::Csv: {
            for (std::size_t i = 0; i < t.columns.size(); ++i) out << (i ? "," : "") << csv_field(t.columns[i]);
            out << "\r\n";
            for (const auto& r : t.rows) {
                for (std::size_t i = 0; i < r.size(); ++i) {
                    std::string v = std::holds_alternative<std::string>(r[i]) ? std::get<std::string>(r[i]) : to_text(r[i]);
                    out << (i ? "," : "") << csv_field(v);
                }
                out << "\r\n";
            }
            break;
        }
        case TableFormat::Markdown: {
            out << "|";
            for (const auto& c : t.columns) out << ' ' << md_field(c) << " |";
            out << "\n|";
            for (std::size_t i = 0; i < t.columns.size(); ++i) out << " --- |";
            out << '\n';
            for (const auto& r : t.rows) {
                out << "|";
                for (const auto& c : r) out << ' ' << md_field(to_text(c)) << " |";
                out << '\n';
            }
            break;
        }
    }
}

}  // namespace factgraph::exporters
