#pragma once
/** @file Files on disk -> readers -> extractor -> store, one transaction per article. */
#include <functional>
#include <string>
#include <vector>

#include "factgraph/core/error.hpp"
#include "factgraph/core/store.hpp"
#include "factgraph/importers/extractor.hpp"
#include "factgraph/importers/reader.hpp"

namespace factgraph::importers {

/** @brief Expands files, directories (recursively, files a reader claims by extension) and glob
 *  patterns into a sorted list of files. Unusable arguments are reported in `errors`. */
std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments, const ReaderRegistry& readers,
                                       std::vector<InputError>& errors);

/** @brief Opens one file, rejects binary or non-UTF-8 content, picks the reader and reads it
 *  into `sink`. Throws InputError for a file that cannot be read at all. */
void read_file(const std::string& path, const ReaderRegistry& readers, std::string_view forced_format,
               ArticleSink& sink);

/** @brief What an import did, for the summary line and the exit status. */
struct ImportSummary {
    std::size_t files = 0;
    std::size_t articles_added = 0;
    std::size_t articles_unchanged = 0;  ///< same body already stored
    std::size_t actors_added = 0;
    std::size_t actors_matched = 0;
    std::size_t actors_dropped = 0;  ///< not stored: a curation dropped their name
    std::size_t claims = 0;
    std::size_t relations = 0;
    std::vector<InputError> errors;
    bool ok() const { return errors.empty(); }
};

struct ImportOptions {
    std::string forced_format;  ///< reader name, or empty to detect
    /// Threads extracting articles (1 = all on the calling thread). Whatever the number, articles
    /// are stored one at a time by the calling thread, in input order, so the database and the
    /// progress lines are the same as with one.
    unsigned jobs = 1;
    /** @brief Called after each article with a one-line progress message. */
    std::function<void(const std::string&)> progress;
};

/** @brief Imports every input; a bad file or article is reported and skipped. */
ImportSummary import_inputs(const std::vector<std::string>& arguments, Store& store, const Extractor& extractor,
                            const ReaderRegistry& readers, const ImportOptions& options);

/** @brief Reads and extracts without storing: calls `on_extraction` per article (for `extract`),
 *  on the calling thread and in input order, with `jobs` threads extracting. */
std::vector<InputError> extract_inputs(const std::vector<std::string>& arguments, const Extractor& extractor,
                                       const ReaderRegistry& readers, std::string_view forced_format,
                                       const std::function<void(const Extraction&)>& on_extraction, unsigned jobs = 1);

}  // namespace factgraph::importers
