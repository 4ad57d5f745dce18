#pragma once
/** @file Format readers: bytes of one input -> Articles. Readers never open files. */
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "factgraph/core/error.hpp"
#include "factgraph/core/model.hpp"

namespace factgraph::importers {

/** @brief Names the input being read, for Article::source and error messages. */
struct Source {
    std::string path;  ///< as given by the user; "-" for standard input
};

/** @brief Receives what a reader produces. A reader of a multi-record format (JSON Lines)
 *  reports a bad record through error() and carries on; single-document readers throw. */
class ArticleSink {
public:
    virtual ~ArticleSink() = default;
    virtual void article(Article&& article) = 0;
    virtual void error(const InputError& error) = 0;
};

/** @brief One input format. Implementations are stateless and thread-safe. */
class Reader {
public:
    virtual ~Reader() = default;
    /** @brief Short name used by --input-format ("text", "html", "json", "jsonl", "rss"). */
    virtual std::string_view name() const = 0;
    /** @brief File name extensions without the dot, lower case. */
    virtual std::vector<std::string_view> extensions() const = 0;
    /** @brief True when the first bytes of the input look like this format. */
    virtual bool sniff(std::string_view head) const = 0;
    /** @brief Reads every article in the input; throws InputError for a bad document. */
    virtual void read(std::istream& in, const Source& source, ArticleSink& sink) const = 0;
};

/** @brief The readers, in the order sniffing tries them (most specific first). */
class ReaderRegistry {
public:
    /** @brief Every reader factgraph ships, registered explicitly in one list. */
    static ReaderRegistry with_builtin_readers();

    void add(std::unique_ptr<Reader> reader);
    const Reader* by_name(std::string_view name) const;
    const Reader* by_extension(std::string_view extension) const;
    /** @brief Explicit name, else extension, else content sniffing; throws UnknownFormatError. */
    const Reader& resolve(const std::string& path, std::string_view head, std::string_view forced_name = {}) const;
    const std::vector<std::unique_ptr<Reader>>& readers() const { return m_readers; }

private:
    std::vector<std::unique_ptr<Reader>> m_readers;
};

/** @brief Collects articles and errors in vectors; handy for tests and small inputs. */
class CollectingSink : public ArticleSink {
public:
    void article(Article&& a) override { articles.push_back(std::move(a)); }
    void error(const InputError& e) override { errors.push_back(e); }
    std::vector<Article> articles;
    std::vector<InputError> errors;
};

}  // namespace factgraph::importers
