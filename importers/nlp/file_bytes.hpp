#pragma once
// Internal: a data file's bytes in one read, for the model and lexicon readers.
#include "factgraph/core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace factgraph::nlp {

/**
 * @brief The whole file at `path`, read at once (reading through a stream byte by byte or line by
 *        line took most of the time of loading the models and lexicons).
 *
 * Throws ModelError(`cannot_open`) if the file cannot be opened, and a ModelError "cannot read
 * `name`..." if it is no regular file (a folder opens, then fails to read) or cannot be read whole.
 */
inline std::string file_bytes(const std::filesystem::path& path, const std::string& cannot_open, const std::string& name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModelError(cannot_open);
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error) throw ModelError("cannot read " + name + ": " + error.message());
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) throw ModelError("cannot read " + name);
    return bytes;
}

}  // namespace factgraph::nlp
