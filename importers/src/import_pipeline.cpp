#include "factgraph/importers/import_pipeline.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "factgraph/core/text.hpp"
#include "factgraph/importers/ordered_extraction.hpp"

namespace factgraph::importers {

namespace fs = std::filesystem;

namespace {

// One article body larger than this is not an article; refuse it instead of exhausting memory.
constexpr std::uintmax_t kMaxDocumentBytes = 64ull << 20;

// Replays the sniffed head, then continues with the rest of the stream, without copying it.
class PrefixedStreambuf : public std::streambuf {
public:
    PrefixedStreambuf(std::string& head, std::streambuf& rest) : m_head(head), m_rest(rest) {
        setg(m_head.data(), m_head.data(), m_head.data() + m_head.size());
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        std::streamsize n = m_rest.sgetn(m_buffer, sizeof m_buffer);
        if (n <= 0) return traits_type::eof();
        setg(m_buffer, m_buffer, m_buffer + n);
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string& m_head;
    std::streambuf& m_rest;
    char m_buffer[1 << 16];
};

bool has_glob_chars(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

std::string extension_of(const fs::path& p) {
    std::string ext = p.extension().string();
    if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
    return text::ascii_lower(ext);
}

void add_directory(const fs::path& dir, const ReaderRegistry& readers, std::vector<std::string>& out,
                   std::vector<InputError>& errors) {
    std::size_t before = out.size();
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        if (it->path().filename().string().front() == '.') continue;
        if (readers.by_extension(extension_of(it->path()))) out.push_back(it->path().string());
    }
    if (ec) errors.emplace_back(dir.string(), "cannot list directory: " + ec.message());
    else if (out.size() == before) errors.emplace_back(dir.string(), "directory holds no article files");
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
}

// Forwards articles, checking the invariants every reader must meet.
class CheckingSink : public ArticleSink {
public:
    CheckingSink(ArticleSink& inner) : m_inner(inner) {}
    void article(Article&& a) override {
        if (text::trim(a.text).empty()) {
            m_inner.error(InputError(a.source, "empty article: no body text"));
            return;
        }
        std::size_t bad = text::find_invalid_utf8(a.text);
        if (bad != std::string::npos) {
            m_inner.error(InputError(a.source, "invalid UTF-8 in body at byte " + std::to_string(bad)));
            return;
        }
        m_inner.article(std::move(a));
    }
    void error(const InputError& e) override { m_inner.error(e); }

private:
    ArticleSink& m_inner;
};

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments, const ReaderRegistry& readers,
                                       std::vector<InputError>& errors) {
    std::vector<std::string> files;
    for (const auto& arg : arguments) {
        if (arg == "-") {
            files.push_back(arg);
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            add_directory(arg, readers, files, errors);
        } else if (fs::exists(arg, ec)) {
            files.push_back(arg);
        } else if (has_glob_chars(arg)) {
            glob_t g{};
            int rc = glob(arg.c_str(), 0, nullptr, &g);
            if (rc == 0) {
                for (std::size_t i = 0; i < g.gl_pathc; ++i) {
                    std::string p = g.gl_pathv[i];
                    if (fs::is_directory(p, ec)) add_directory(p, readers, files, errors);
                    else files.push_back(p);
                }
            } else {
                errors.emplace_back(arg, "no file matches this pattern");
            }
            globfree(&g);
        } else {
            errors.emplace_back(arg, "no such file or directory");
        }
    }
    // The same file named twice (a glob and a directory) is read once.
    std::set<std::string> seen;
    files.erase(std::remove_if(files.begin(), files.end(), [&](const std::string& f) { return !seen.insert(f).second; }),
                files.end());
    return files;
}

void read_file(const std::string& path, const ReaderRegistry& readers, std::string_view forced_format,
               ArticleSink& sink) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        std::error_code ec;
        if (fs::is_directory(path, ec)) throw InputError(path, "is a directory");
        file.open(path, std::ios::binary);
        if (!file) throw InputError(path, "cannot open file");
        in = &file;
    }
    // Sniff on the first bytes; then decide whether the whole document must be in memory.
    std::string head(4096, '\0');
    in->read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in->gcount()));
    if (head.empty()) throw InputError(path, "empty file");
    if (text::looks_binary(head)) throw InputError(path, "binary file, not text");
    const Reader& reader = readers.resolve(path, head, forced_format);
    CheckingSink checking(sink);
    Source source{path};
    if (reader.name() == "jsonl") {
        // Streamed line by line: a JSON Lines file may be far larger than memory.
        PrefixedStreambuf joined(head, *in->rdbuf());
        std::istream stream(&joined);
        reader.read(stream, source, checking);
        return;
    }
    std::string body = head;
    char buffer[1 << 16];
    while (in->read(buffer, sizeof buffer) || in->gcount() > 0) {
        body.append(buffer, static_cast<std::size_t>(in->gcount()));
        if (body.size() > kMaxDocumentBytes)
            throw InputError(path, "larger than " + std::to_string(kMaxDocumentBytes >> 20) + " MiB: not one article");
    }
    std::size_t bad = text::find_invalid_utf8(body);
    if (bad != std::string::npos) throw InputError(path, "not valid UTF-8 (first bad byte at offset " + std::to_string(bad) + ")");
    std::istringstream stream(body);
    reader.read(stream, source, checking);
}

namespace {

// The one database writer: stores each article's extraction in its own transaction, in input order.
class ArticleStorer {
public:
    ArticleStorer(Store& store, ImportSummary& summary, const ImportOptions& options)
        : m_store(store), m_summary(summary), m_options(options) {}

    void operator()(OrderedExtraction::Outcome&& o) {
        if (o.error) return error(*o.error);
        try {
            AddResult r = m_store.add(*o.extraction);
            if (r.duplicate) {
                ++m_summary.articles_unchanged;
                report(o.article.source + ": unchanged (already imported)");
                return;
            }
            ++m_summary.articles_added;
            m_summary.actors_added += r.actors_added;
            m_summary.actors_matched += r.actors_matched;
            m_summary.actors_dropped += r.actors_dropped;
            m_summary.claims += r.claims;
            m_summary.relations += r.relations;
            report(o.article.source + ": " + std::to_string(o.extraction->actors.size()) + " actors, " +
                   std::to_string(r.claims) + " claims, " + std::to_string(r.relations) + " relations");
        } catch (const InputError& e) {
            error(e);
        } catch (const Error& e) {
            error(InputError(o.article.source, e.what()));
        }
    }
    void error(const InputError& e) {
        m_summary.errors.push_back(e);
        report(std::string("error: ") + e.what());
    }

private:
    void report(const std::string& line) {
        if (m_options.progress) m_options.progress(line);
    }
    Store& m_store;
    ImportSummary& m_summary;
    const ImportOptions& m_options;
};

}  // namespace

ImportSummary import_inputs(const std::vector<std::string>& arguments, Store& store, const Extractor& extractor,
                            const ReaderRegistry& readers, const ImportOptions& options) {
    ImportSummary summary;
    std::vector<std::string> files = expand_inputs(arguments, readers, summary.errors);
    for (const auto& e : summary.errors)
        if (options.progress) options.progress(std::string("error: ") + e.what());
    ArticleStorer storer(store, summary, options);
    OrderedExtraction sink(extractor, options.jobs, [&storer](OrderedExtraction::Outcome&& o) { storer(std::move(o)); });
    for (const auto& f : files) {
        ++summary.files;
        try {
            read_file(f, readers, options.forced_format, sink);
        } catch (const InputError& e) {
            sink.error(e);
        }
    }
    sink.finish();
    return summary;
}

std::vector<InputError> extract_inputs(const std::vector<std::string>& arguments, const Extractor& extractor,
                                       const ReaderRegistry& readers, std::string_view forced_format,
                                       const std::function<void(const Extraction&)>& on_extraction, unsigned jobs) {
    std::vector<InputError> errors;
    std::vector<std::string> files = expand_inputs(arguments, readers, errors);
    OrderedExtraction sink(extractor, jobs, [&](OrderedExtraction::Outcome&& o) {
        if (o.error) errors.push_back(*o.error);
        else on_extraction(*o.extraction);
    });
    for (const auto& f : files) {
        try {
            read_file(f, readers, forced_format, sink);
        } catch (const InputError& e) {
            sink.error(e);
        }
    }
    sink.finish();
    return errors;
}

}  // namespace factgraph::importers
