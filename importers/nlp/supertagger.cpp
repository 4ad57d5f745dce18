#include "factgraph/nlp/supertagger.hpp"

#include "factgraph/core/error.hpp"
#include "model_io.hpp"

namespace factgraph::nlp {

namespace {

constexpr std::string_view kKind = "supertagger";
constexpr std::string_view kNetKind = "supertag-net";
constexpr std::uint32_t kNetVersion = 1;
// The Tagger's classes are (UPOS, XPOS) pairs; a supertagger's UPOS is the supertag, its XPOS this.
constexpr std::string_view kNoXpos = "_";

}  // namespace

std::vector<std::string> Supertagger::supertags_of(const Sentence& sentence) {
    const auto& toks = sentence.tokens;
    const int n = static_cast<int>(toks.size());
    std::vector<unsigned char> left(toks.size()), right(toks.size());  // has dependents on that side
    for (int d = 1; d <= n; ++d) {
        const int h = toks[static_cast<std::size_t>(d - 1)].head;
        if (h >= 1 && h <= n) (d < h ? left : right)[static_cast<std::size_t>(h - 1)] = 1;
    }
    std::vector<std::string> tags(toks.size());
    for (std::size_t i = 0; i < toks.size(); ++i) {
        const int self = static_cast<int>(i) + 1, head = toks[i].head;
        std::string& tag = tags[i];
        tag = head <= 0 ? '^' : head < self ? '<' : '>';
        // The universal part of the label only: the subtypes split rare classes further and cost
        // the parser 0.2 UAS on dev (docs/nlp.md, "Fifteenth round").
        const std::string& label = toks[i].deprel;
        tag.append(label, 0, label.find(':'));
        if (left[i] || right[i]) tag += '/';
        if (left[i]) tag += 'L';
        if (right[i]) tag += 'R';
    }
    return tags;
}

Supertagger Supertagger::train(const std::vector<Sentence>& sentences, const TaggerTrainOptions& options) {
    std::vector<Sentence> taught(sentences.size());
    for (std::size_t k = 0; k < sentences.size(); ++k) {
        std::vector<std::string> supertags = supertags_of(sentences[k]);
        taught[k].tokens.resize(sentences[k].tokens.size());
        for (std::size_t i = 0; i < sentences[k].tokens.size(); ++i) {
            Token& t = taught[k].tokens[i];
            t.form = sentences[k].tokens[i].form;
            t.upos = std::move(supertags[i]);
            t.xpos = kNoXpos;
        }
    }
    Supertagger supertagger;
    supertagger.m_tagger = Tagger::train(taught, options);
    supertagger.set_second_pass_margin(kSecondPassMargin);
    return supertagger;
}

Supertagger Supertagger::from_network(SupertagNet net) {
    Supertagger supertagger;
    supertagger.m_net = std::move(net);
    return supertagger;
}

void Supertagger::set_word_vectors(const WordVectors* vectors) {
    if (vectors && is_network() && vectors->fingerprint() != m_net.vectors_fingerprint())
        throw ModelError("model file " + (m_path.empty() ? std::string("of the supertag network") : m_path) +
                         ": trained with other word vectors than word_vectors.bin (retrain it with train_tagger_parser)");
    m_vectors = vectors;
    if (is_network() && m_vectors && m_clusters) m_net.prepare(*m_vectors, *m_clusters);
}

void Supertagger::set_word_clusters(const WordClusters* clusters) {
    m_tagger.set_word_clusters(clusters);
    m_clusters = clusters;
    if (is_network() && m_vectors && m_clusters) m_net.prepare(*m_vectors, *m_clusters);
}

void Supertagger::tag(Sentence& sentence, Scratch& scratch) const {
    if (is_network()) {
        if (!m_vectors || !m_clusters) throw std::logic_error("Supertagger::tag: the network needs set_word_vectors() and set_word_clusters()");
        m_net.tag(sentence, *m_vectors, *m_clusters, scratch.net);
        return;
    }
    // The tagger reads the forms only; its classes' UPOS part is the supertag.
    const std::vector<int>& classes = m_tagger.classes_of(sentence, scratch.tagger);
    for (std::size_t i = 0; i < sentence.tokens.size(); ++i)
        sentence.tokens[i].supertag = m_tagger.m_upos[static_cast<std::size_t>(classes[i])];
}

void Supertagger::tag(Sentence& sentence) const {
    Scratch scratch;
    tag(sentence, scratch);
}

// The tagger's file with its own kind in the header, so that a tagger.bin cannot be loaded as a
// supertagger.bin (or the reverse) by mistake.
void Supertagger::save(const std::string& path) const {
    if (is_network()) return model_io::write_file(path, kNetKind, kNetVersion, m_net.to_bytes());
    m_tagger.save_as(path, kKind);
}

Supertagger Supertagger::load(const std::string& path) {
    if (model_io::file_kind(path) == kNetKind) {
        Supertagger supertagger;
        supertagger.m_net = SupertagNet::from_bytes(model_io::read_file(path, kNetKind, kNetVersion), "file " + path);
        if (supertagger.m_net.empty()) throw ModelError("corrupt model file " + path + ": an empty supertag network");
        supertagger.m_path = path;
        return supertagger;
    }
    Supertagger supertagger;
    supertagger.m_tagger = Tagger::load_as(path, kKind);
    supertagger.set_second_pass_margin(kSecondPassMargin);
    for (const std::string& tag : supertagger.m_tagger.m_xpos)
        if (tag != kNoXpos) throw ModelError("corrupt model file " + path + ": not a supertagger's classes");
    return supertagger;
}

}  // namespace factgraph::nlp
