#include <fstream>
#include <iostream>
#include <string>

#include "command_list.hpp"
#include "factgraph/core/error.hpp"
#include "factgraph/nlp/conllu.hpp"
#include "factgraph/nlp/pipeline.hpp"
#include "factgraph/nlp/stream_annotation.hpp"

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
        auto* fast = app->add_flag("--fast", m_fast,
                                   "Parse with the greedy parser alone, without supertags (about 1 UAS less "
                                   "accurate, about a fifth faster)");
        // The parser reading supertags was an option before it became the default.
        app->add_flag("--accurate")->description("The default: the parser that reads supertags")->excludes(fast);
        app->add_option("--data", m_data, "Folder holding models/ and lexicons/ (default: FACTGRAPH_DATA_DIR or the build's)");
        return app;
    }

    int run(const GlobalOptions&) override {
        nlp::Pipeline pipeline(nlp::resolve_data_dir(m_data), m_fast ? nlp::ParserSpeed::fast : nlp::ParserSpeed::accurate);
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
    // Read and annotated a batch at a time (nlp::kDocumentBatchBytes), so any size of input fits.
    void annotate_conllu(const nlp::Pipeline& pipeline, std::istream& in, const std::string& name) {
        nlp::annotate_conllu_stream(pipeline, in, name, [](std::vector<nlp::ConlluSentence>& batch) {
            for (const nlp::ConlluSentence& cs : batch) nlp::write_conllu(cs.sentence, std::cout, cs.text, cs.multiword);
        });
    }

    void annotate_text(const nlp::Pipeline& pipeline, std::istream& in, const std::string& name) {
        nlp::annotate_text_stream(pipeline, in, name, [this](std::vector<nlp::Sentence>& sentences, std::string_view text) {
            for (nlp::Sentence& s : sentences) {
                s.id = std::to_string(++m_sentence_count);
                nlp::write_conllu(s, std::cout, text.substr(s.start, s.end - s.start));
            }
        });
    }

    std::vector<std::string> m_files;
    std::string m_input = "text";
    std::string m_data;
    bool m_fast = false;
    std::size_t m_sentence_count = 0;
};

}  // namespace

std::unique_ptr<Command> make_nlp_command() { return std::make_unique<NlpCommand>(); }

}  // namespace factgraph::cli
