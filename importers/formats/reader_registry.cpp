#include <memory>

#include "factgraph/core/text.hpp"
#include "factgraph/importers/reader.hpp"
#include "formats/html_reader.hpp"
#include "formats/json_reader.hpp"
#include "formats/text_reader.hpp"

namespace factgraph::importers {
namespace {

// Lower-case extension of the file name in `path`, without the dot; empty when there is none.
std::string extension_of(std::string_view path) {
    if (auto slash = path.find_last_of("/\\"); slash != std::string_view::npos) path.remove_prefix(slash + 1);
    auto dot = path.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    return text::ascii_lower(path.substr(dot + 1));
}

}  // namespace

ReaderRegistry ReaderRegistry::with_builtin_readers() {
    ReaderRegistry registry;
    // The sniffing order: most specific first. Text accepts any text, so it comes last.
    registry.add(std::make_unique<JsonLinesReader>());
    registry.add(std::make_unique<JsonReader>());
    registry.add(std::make_unique<HtmlReader>());
    registry.add(std::make_unique<TextReader>());
    return registry;
}

void ReaderRegistry::add(std::unique_ptr<Reader> reader) {
    if (reader) m_readers.push_back(std::move(reader));
}

const Reader* ReaderRegistry::by_name(std::string_view name) const {
    std::string wanted = text::ascii_lower(text::trim(name));
    for (const auto& r : m_readers)
        if (r->name() == wanted) return r.get();
    return nullptr;
}

const Reader* ReaderRegistry::by_extension(std::string_view extension) const {
    if (!extension.empty() && extension.front() == '.') extension.remove_prefix(1);
    std::string wanted = text::ascii_lower(extension);
    for (const auto& r : m_readers)
        for (auto e : r->extensions())
            if (e == wanted) return r.get();
    return nullptr;
}

const Reader& ReaderRegistry::resolve(const std::string& path, std::string_view head, std::string_view forced_name) const {
    if (!forced_name.empty()) {
        if (const Reader* r = by_name(forced_name)) return *r;
        std::string known;
        for (const auto& r : m_readers) known += (known.empty() ? "" : ", ") + std::string(r->name());
        throw UnknownFormatError(path, "unknown input format '" + std::string(forced_name) + "' (known formats: " + known + ")");
    }
    if (const Reader* named = by_extension(extension_of(path))) {
        if (head.empty() || named->sniff(head)) return *named;
        // The content beats the name when the named reader does not recognise it and another
        // does (JSON Lines saved as .json). The last reader is the catch-all: it never overrides.
        for (std::size_t k = 0; k + 1 < m_readers.size(); ++k)
            if (m_readers[k].get() != named && m_readers[k]->sniff(head)) return *m_readers[k];
        return *named;
    }
    for (const auto& r : m_readers)
        if (r->sniff(head)) return *r;
    throw UnknownFormatError(path, "no reader recognises this input");
}

}  // namespace factgraph::importers
