#include <fstream>
#include <iostream>
#include <sstream>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "factgraph/nlp/conllu.hpp"
#include "factgraph/nlp/pipeline.hpp"

namespace factgraph::cli {
namespace {

class NlpCommand : public Command {
public:
    CLI::App* setup(CLI::App& parent) override {
        auto* app = parent.add_subcommand("nlp", "Annotate text: tokens, tags, lemmas, dependencies, entities as CoNLL-U");
        app->add_option("files", m_files, "Input files (default: standard input)");
        app->add_option("--input", m_input, "text: raw text; conllu: keep the given tokens and sentence ids")
            ->check(CLI::IsMember({"text", "conllu"}))
            ->capture_default_str();
        app->add_flag("--accurate", m_accurate,
                      "Parse with the parser that reads supertags (about 1 UAS better, about a third slower)");
        app->add_option("--data", m_data, "Folder holding models/ and lexicons/ (default: FACTGRAPH_DATA_DIR or the build's)");
        return app;
    }

    int run(const GlobalOptions&) override {
        nlp::Pipeline pipeline(nlp::resolve_data_dir(m_data), m_accurate ? nlp::ParserSpeed::accurate : nlp::ParserSpeed::fast);
        if (m_files.empty()) m_files.push_back("-");
        for (const auto& f : m_files) {
            std::ifstream file;
            std::istream* in = &std::cin;
            if (f != "-") {
                file.open(f, std::ios::binary);
                if (!file) throw InputError(f, "cannot open file");
                in = &file;
            }
            if (m_input == "conllu") annotate_conllu(pipeline, *in, f);
            else annotate_text(pipeline, *in, f);
        }
        return 0;
    }

private:
    void annotate_conllu(const nlp::Pipeline& pipeline, std::istream& in, const std::string& name) {
        auto read = nlp::read_conllu(in, name);
        std::vector<nlp::Sentence> sentences;
        for (auto& s : read) sentences.push_back(std::move(s.sentence));
        pipeline.annotate(sentences);
        for (std::size_t i = 0; i < sentences.size(); ++i) nlp::write_conllu(sentences[i], std::cout, read[i].text, read[i].multiword);
    }

    void annotate_text(const nlp::Pipeline& pipeline, std::istream& in, const std::string& name) {
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string body = buffer.str();
        std::size_t bad = text::find_invalid_utf8(body);
        if (bad != std::string::npos) throw InputError(name, "not valid UTF-8 (first bad byte at offset " + std::to_string(bad) + ")");
        auto sentences = pipeline.annotate(body);
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            auto& s = sentences[i];
            s.id = std::to_string(++m_sentence_count);
            nlp::write_conllu(s, std::cout, std::string_view(body).substr(s.start, s.end - s.start));
        }
    }

    std::vector<std::string> m_files;
    std::string m_input = "text";
    std::string m_data;
    bool m_accurate = false;
    std::size_t m_sentence_count = 0;
};

}  // namespace

std::unique_ptr<Command> make_nlp_command() { return std::make_unique<NlpCommand>(); }

}  // namespace factgraph::cli
