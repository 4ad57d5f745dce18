// Writes a synthetic factgraph database for the query benchmarks (bench_queries): N articles'
// worth of actors, claims and relations stored through Store::add, as an import would.
//
// Usage: generate_corpus --db PATH [--articles N] [--actors N] [--seed S]
//
// The shape follows news: actor popularity is Zipf–Mandelbrot (p(r) ∝ 1 / (r + 10)), so a few
// actors are in several percent of the articles and most appear once or twice; articles belong to
// stories (also Zipf–Mandelbrot, q = 50), and the articles of a story share its core actors and
// repeat some of its claims and relations word for word (corroboration). Each article has about
// ten actors, five claims (one in ten a denial, one in twenty negated) and three relations.
// Deterministic for a given seed. Not a benchmark itself: it is a plain main().
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "factgraph/core/extraction_builder.hpp"
#include "factgraph/core/store.hpp"

namespace {

using factgraph::ActorType;
using factgraph::Stance;

// SplitMix64: small, fast and the same on every platform (std distributions are not).
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(unit() * static_cast<double>(n)); }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t m_state;
};

// Samples ranks 0..n-1 with p(r) ∝ 1 / (r + 1 + q)^s.
class Zipf {
public:
    Zipf(std::size_t n, double q, double s = 1.0) : m_cdf(n) {
        double total = 0;
        for (std::size_t r = 0; r < n; ++r) m_cdf[r] = total += 1.0 / std::pow(static_cast<double>(r + 1) + q, s);
        for (auto& c : m_cdf) c /= total;
    }
    std::size_t operator()(Random& rng) const {
        auto it = std::lower_bound(m_cdf.begin(), m_cdf.end(), rng.unit());
        return std::min<std::size_t>(static_cast<std::size_t>(it - m_cdf.begin()), m_cdf.size() - 1);
    }

private:
    std::vector<double> m_cdf;
};

constexpr const char* kSyllables[] = {"ka", "lo", "mi", "ran", "te", "vo", "sa", "ber", "di", "no", "pa", "que",
                                      "lu", "ti", "gor", "en", "ma", "vi", "ro", "sel", "da", "fu", "an", "cor",
                                      "bel", "mon", "tra", "is", "ul", "zen", "har", "ko"};
constexpr std::size_t kSyllableCount = sizeof(kSyllables) / sizeof(kSyllables[0]);

std::string word_of(std::size_t n, std::size_t min_syllables) {
    std::string w;
    std::size_t k = 0;
    do {
        w += kSyllables[n % kSyllableCount];
        n /= kSyllableCount;
        ++k;
    } while (n > 0 || k < min_syllables);
    return w;
}

std::string capitalised(std::string w) {
    if (!w.empty()) w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
}

constexpr const char* kFirstNames[] = {"Ana", "Ben", "Clara", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
                                       "Karin", "Luis", "Maya", "Nils", "Olga", "Pablo", "Rosa", "Sami", "Tara", "Viktor"};
constexpr const char* kOrgSuffixes[] = {"Group", "Ministry", "Bank", "Agency", "Council", "Institute", "Labs", "Media"};
constexpr const char* kVerbs[] = {"approved", "blocked", "funded", "hid", "inspected", "leaked", "moved", "paid",
                                  "reported", "sold", "signed", "sued", "supplied", "targeted", "tracked", "warned"};
constexpr const char* kPredicates[] = {"owns", "funds", "employs", "supplies", "advises", "sues",
                                       "partners with", "based in", "investigates", "controls"};

struct PoolActor {
    std::string name;
    ActorType type;
};

// Actor r of the pool (r is also its popularity rank): unique, capitalised names the store
// resolves like real ones (people by full name, organisations by name).
PoolActor pool_actor(std::size_t r) {
    // Kinds and first names cycle with different periods, so every rank band mixes them.
    std::size_t kind = (r * 7) % 20;
    std::string stem = capitalised(word_of(r, 2));
    if (kind < 9) return {std::string(kFirstNames[(r * 3 + r / 20) % 20]) + " " + stem, ActorType::Person};
    if (kind < 16) return {stem + " " + kOrgSuffixes[r % 8], ActorType::Organization};
    return {stem + "ia", ActorType::Location};
}

struct ClaimSpec {
    std::size_t speaker;             // pool rank
    std::vector<std::size_t> about;  // pool ranks
    Stance stance = Stance::Assert;
    bool negated = false;
    std::size_t verb = 0;
    std::vector<std::size_t> words;  // vocabulary ranks
};

struct RelationSpec {
    std::size_t subject, object, predicate;
};

struct StorySpec {
    std::vector<std::size_t> core;
    std::vector<ClaimSpec> claims;
    std::vector<RelationSpec> relations;
};

class Generator {
public:
    Generator(std::size_t actors, std::uint64_t seed)
        : m_rng(seed), m_actor_rank(actors, 10.0), m_story_rank(kStories, 50.0), m_word_rank(kVocabulary, 2.0, 1.1) {
        m_stories.resize(kStories);
    }

    factgraph::Extraction article(std::size_t n) {
        std::size_t story_index = m_story_rank(m_rng);
        StorySpec& story = story_at(story_index);
        std::vector<std::size_t> cast = story.core;
        while (cast.size() < 10) add_unique(cast, m_actor_rank(m_rng));

        std::vector<ClaimSpec> claims;
        for (std::size_t i = 0; i < 2; ++i) claims.push_back(story.claims[m_rng.below(story.claims.size())]);
        while (claims.size() < 5) claims.push_back(new_claim(cast));
        std::vector<RelationSpec> relations{story.relations[m_rng.below(story.relations.size())]};
        while (relations.size() < 3) relations.push_back(new_relation(cast));

        // The text: one sentence per claim and relation, then one naming the rest of the cast.
        struct Mention {
            std::size_t actor;
            std::size_t start, end;
        };
        struct Sentence {
            std::size_t start = 0, end = 0;
            std::vector<Mention> mentions;
            int claim = -1, relation = -1;
            std::size_t content_start = 0, content_end = 0;
        };
        std::string body;
        std::vector<Sentence> sentences;
        auto name = [&](Sentence& s, std::size_t actor) {
            std::string nm = pool_actor(actor).name;
            s.mentions.push_back({actor, body.size(), body.size() + nm.size()});
            body += nm;
        };
        for (std::size_t i = 0; i < claims.size(); ++i) {
            const ClaimSpec& c = claims[i];
            Sentence s;
            s.start = body.size();
            s.claim = static_cast<int>(i);
            name(s, c.speaker);
            body += c.stance == Stance::Deny ? " denied that " : " said that ";
            s.content_start = body.size();
            name(s, c.about[0]);
            body += c.negated ? " never " : " ";
            body += kVerbs[c.verb];
            for (std::size_t k = 0; k < c.words.size(); ++k) {
                body += " " + word_of(c.words[k], 1);
                if (k == 1 && c.about.size() > 1) {
                    body += " with ";
                    name(s, c.about[1]);
                }
            }
            s.content_end = body.size();
            body += ".";
            s.end = body.size();
            body += " ";
            sentences.push_back(std::move(s));
        }
        for (std::size_t i = 0; i < relations.size(); ++i) {
            Sentence s;
            s.start = body.size();
            s.relation = static_cast<int>(i);
            name(s, relations[i].subject);
            body += std::string(" ") + kPredicates[relations[i].predicate] + " ";
            name(s, relations[i].object);
            body += ".";
            s.end = body.size();
            body += " ";
            sentences.push_back(std::move(s));
        }
        {
            Sentence s;
            s.start = body.size();
            body += "Also present were ";
            for (std::size_t i = 0; i < cast.size(); ++i) {
                if (i) body += ", ";
                name(s, cast[i]);
            }
            body += ".";
            s.end = body.size();
            sentences.push_back(std::move(s));
        }

        factgraph::Article a;
        a.id = "synthetic-" + std::to_string(n);
        a.source = "synthetic/" + std::to_string(n) + ".txt";
        a.outlet = std::string("Outlet ") + capitalised(word_of(m_rng.below(200), 2));
        a.title = "Story " + std::to_string(story_index) + ", article " + std::to_string(n);
        std::size_t day = n * 1826 / 100000;  // five years of news for 100,000 articles
        a.published = date_of(day % 1826);
        a.text = body;
        factgraph::ExtractionBuilder b(a, "synthetic");
        std::vector<std::string> ids;
        for (const auto& s : sentences) {
            int si = b.add_sentence({s.start, s.end});
            std::vector<std::string> local;
            for (const auto& m : s.mentions) {
                PoolActor pa = pool_actor(m.actor);
                std::string id = b.actor(pa.name, pa.type);
                b.add_mention(id, si, {m.start, m.end});
                local.push_back(id);
            }
            if (s.claim >= 0) {
                const ClaimSpec& c = claims[static_cast<std::size_t>(s.claim)];
                factgraph::ClaimDraft d;
                d.speaker = local.front();
                d.speaker_text = pool_actor(c.speaker).name;
                d.cue = c.stance == Stance::Deny ? "deny" : "say";
                d.stance = c.stance;
                d.content = {s.content_start, s.content_end};
                d.sentence = si;
                b.add_claim(d);
            } else if (s.relation >= 0) {
                const RelationSpec& r = relations[static_cast<std::size_t>(s.relation)];
                factgraph::RelationDraft d;
                d.subject = local[0];
                d.object = local[1];
                d.predicate = kPredicates[r.predicate];
                d.evidence = {s.start, s.end};
                d.sentence = si;
                b.add_relation(d);
            }
        }
        return b.finish();
    }

private:
    static constexpr std::size_t kStories = 30000;
    static constexpr std::size_t kVocabulary = 5000;

    static void add_unique(std::vector<std::size_t>& v, std::size_t x) {
        if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
    }

    static std::string date_of(std::size_t day) {
        // Days from 2020-01-01, with 30-day months and 365-day years: dates only need to sort.
        std::size_t year = 2020 + day / 365, rest = day % 365;
        std::size_t month = std::min<std::size_t>(rest / 30, 11) + 1, dom = rest - (month - 1) * 30 + 1;
        if (dom > 28) dom = 28;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04zu-%02zu-%02zu", year, month, dom);
        return buf;
    }

    StorySpec& story_at(std::size_t i) {
        StorySpec& s = m_stories[i];
        if (!s.core.empty()) return s;
        while (s.core.size() < 4) add_unique(s.core, m_actor_rank(m_rng));
        for (int k = 0; k < 6; ++k) s.claims.push_back(new_claim(s.core));
        for (int k = 0; k < 3; ++k) s.relations.push_back(new_relation(s.core));
        return s;
    }

    ClaimSpec new_claim(const std::vector<std::size_t>& cast) {
        ClaimSpec c;
        c.speaker = cast[m_rng.below(cast.size())];
        do c.about = {cast[m_rng.below(cast.size())]};
        while (c.about[0] == c.speaker);
        if (m_rng.chance(0.4)) {
            std::size_t other = cast[m_rng.below(cast.size())];
            if (other != c.speaker && other != c.about[0]) c.about.push_back(other);
        }
        if (m_rng.chance(0.1)) c.stance = Stance::Deny;
        else c.negated = m_rng.chance(0.05);
        c.verb = m_rng.below(sizeof(kVerbs) / sizeof(kVerbs[0]));
        std::size_t words = 4 + m_rng.below(5);
        for (std::size_t k = 0; k < words; ++k) c.words.push_back(m_word_rank(m_rng));
        return c;
    }

    RelationSpec new_relation(const std::vector<std::size_t>& cast) {
        RelationSpec r{cast[m_rng.below(cast.size())], 0, m_rng.below(sizeof(kPredicates) / sizeof(kPredicates[0]))};
        do r.object = cast[m_rng.below(cast.size())];
        while (r.object == r.subject);
        return r;
    }

    Random m_rng;
    Zipf m_actor_rank, m_story_rank, m_word_rank;
    std::vector<StorySpec> m_stories;
};

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    std::size_t articles = 100000, actors = 200000;
    std::uint64_t seed = 7;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--db") db = value();
        else if (a == "--articles") articles = std::stoul(value());
        else if (a == "--actors") actors = std::stoul(value());
        else if (a == "--seed") seed = std::stoull(value());
        else {
            std::cerr << "usage: generate_corpus --db PATH [--articles N] [--actors N] [--seed S]\n";
            return 2;
        }
    }
    if (db.empty()) {
        std::cerr << "usage: generate_corpus --db PATH [--articles N] [--actors N] [--seed S]\n";
        return 2;
    }
    if (std::filesystem::exists(db)) {
        std::cerr << db << " exists; remove it first\n";
        return 2;
    }
    try {
        factgraph::Store store(db);
        Generator gen(actors, seed);
        auto start = std::chrono::steady_clock::now();
        for (std::size_t n = 0; n < articles; ++n) {
            store.add(gen.article(n));
            if ((n + 1) % 10000 == 0) {
                double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                std::cerr << (n + 1) << " articles, " << static_cast<int>(s) << " s\n";
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "generate_corpus: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
