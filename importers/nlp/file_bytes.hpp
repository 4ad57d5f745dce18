#pragma once
// Internal: a data file's bytes in one read, for the model and lexicon readers.
#include "factgraph/core/error.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace factgraph::nlp {

/**
 * @brief The whole file at `path`, read at once where its size is known (reading through a stream
 *        byte by byte or line by line took most of the time of loading the models and lexicons).
 *
 * Throws ModelError(`cannot_open`) if the file cannot be opened, and a ModelError "cannot read
 * `name`..." for a folder (which opens, then fails to read) or a read error. A pipe or a file whose
 * size is not known up front is read to its end.
 */
inline std::string file_bytes(const std::filesystem::path& path, const std::string& cannot_open, const std::string& name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModelError(cannot_open);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) throw ModelError("cannot read " + name + ": it is a folder");
    std::uintmax_t size = std::filesystem::is_regular_file(path, error) ? std::filesystem::file_size(path, error) : 0;
    if (error) size = 0;
    std::string bytes;
    std::size_t have = 0;
    for (std::size_t step = std::max<std::uintmax_t>(size, 64 * 1024);; step = 64 * 1024) {
        bytes.resize(have + step);
        in.read(bytes.data() + have, static_cast<std::streamsize>(step));
        have += static_cast<std::size_t>(in.gcount());
        if (in.bad()) throw ModelError("cannot read " + name);
        if (!in) break;  // the end of the file
    }
    bytes.resize(have);
    return bytes;
}

}  // namespace factgraph::nlp
