#pragma once
/** @file One error hierarchy for the whole of factgraph; only main() catches it. */
#include <cstddef>
#include <stdexcept>
#include <string>

namespace factgraph {

/** @brief Base of every error factgraph throws on purpose. */
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** @brief Bad command-line use (exit status 2). */
class UsageError : public Error {
public:
    using Error::Error;
};

/** @brief A problem with one input: names the file and, where known, the line. */
class InputError : public Error {
public:
    InputError(std::string file, std::string message, std::size_t line = 0)
        : Error(format(file, message, line)), m_file(std::move(file)), m_reason(std::move(message)),
          m_line(line) {}
    const std::string& file() const noexcept { return m_file; }
    const std::string& reason() const noexcept { return m_reason; }
    std::size_t line() const noexcept { return m_line; }

private:
    static std::string format(const std::string& file, const std::string& message, std::size_t line) {
        std::string out = file;
        if (line) {
            out += ':';
            out += std::to_string(line);
        }
        out += ": ";
        out += message;
        return out;
    }
    std::string m_file;
    std::string m_reason;
    std::size_t m_line;
};

/** @brief No reader accepts the input, or an unknown format name was asked for. */
class UnknownFormatError : public InputError {
public:
    using InputError::InputError;
};

/** @brief The database could not be opened, migrated or written. */
class StorageError : public Error {
public:
    using Error::Error;
};

/** @brief An NLP model file is missing or corrupt. */
class ModelError : public Error {
public:
    using Error::Error;
};

/** @brief An actor, claim or article named by the user does not exist. */
class NotFoundError : public Error {
public:
    using Error::Error;
};

/** @brief An extraction breaks the model's invariants (dangling id, missing provenance). */
class ValidationError : public Error {
public:
    using Error::Error;
};

}  // namespace factgraph
