#include "factgraph/core/fact_tracking.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <utf8proc.h>

#include "factgraph/core/store.hpp"
#include "factgraph/core/text.hpp"
#include "sql_support.hpp"

namespace factgraph {

namespace {

// Function words carry no content: two claims agree or disagree on their other words.
constexpr std::array kStopWords = {
    "a",     "about",  "after", "again", "against", "all",   "also",  "am",    "an",    "and",   "any",
    "are",   "as",     "at",    "be",    "because", "been",  "before", "being", "between", "both", "but",
    "by",    "can",    "could", "did",   "do",      "does",  "doing", "during", "each", "ever",  "for",
    "from",  "had",    "has",   "have",  "having",  "he",    "her",   "here",  "hers",  "him",   "his",
    "how",   "i",      "if",    "in",    "into",    "is",    "it",    "its",   "itself", "just", "may",
    "me",    "might",  "more",  "most",  "must",    "my",    "of",    "off",   "on",    "once",  "only",
    "or",    "other",  "our",   "ours",  "out",     "over",  "own",   "said",  "same",  "say",   "says",
    "shall", "she",    "should", "so",   "some",    "such",  "than",  "that",  "the",   "their", "theirs",
    "them",  "then",   "there", "these", "they",    "this",  "those", "through", "to",  "too",   "under",
    "until", "up",     "us",    "very",  "was",     "we",    "were",  "what",  "when",  "where", "which",
    "while", "who",    "whom",  "whether", "why",   "will",  "with",  "would", "you",   "your",  "yours",
};

// Words that turn a statement into its opposite; "n't" endings are recognised separately.
constexpr std::array kNegations = {"not",  "no",       "never",   "none",    "nobody", "nothing",
                                   "neither", "nor",   "nowhere", "cannot",  "without"};

template <std::size_t N>
bool listed(const std::array<const char*, N>& list, std::string_view w) {
    return std::any_of(list.begin(), list.end(), [&](const char* x) { return w == x; });
}

bool stop_word(std::string_view w) {
    static const std::unordered_set<std::string_view> words(kStopWords.begin(), kStopWords.end());
    return words.count(w) > 0;
}

// Strips the commonest English inflections so "targets", "targeted" and "targeting" meet.
// Works on the word in place: the scan below reuses one buffer for every word.
void stem(std::string& w) {
    auto ends = [&](std::string_view suffix) {
        return w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends("ies") && w.size() > 4) {
        w.resize(w.size() - 3);
        w += 'y';
    } else if (ends("ing") && w.size() > 5) {
        w.resize(w.size() - 3);
    } else if (ends("ed") && w.size() > 4) {
        w.resize(w.size() - 2);
    } else if (ends("s") && w.size() > 3 && !ends("ss") && !ends("us") && !ends("is")) {
        w.resize(w.size() - 1);
    }
}

// The content words of a claim, lower-cased and stemmed, each passed to `emit` as it is found
// (repeats included); function words and negations are left out. Returns whether a negation was
// seen. A question reads thousands of claims, so this makes no copy of the text: words are built
// one at a time in a single buffer.
template <class Emit>
bool scan_content_words(std::string_view content, Emit&& emit) {
    bool negated = false;
    std::string word;
    auto flush = [&] {
        std::size_t lead = 0;
        while (lead < word.size() && word[lead] == '\'') ++lead;
        while (word.size() > lead && word.back() == '\'') word.pop_back();
        if (lead) word.erase(0, lead);
        if (word.empty()) return;
        if (word.size() > 3 && word.compare(word.size() - 3, 3, "n't") == 0) {
            negated = true;
        } else {
            if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) word.resize(word.size() - 2);
            if (listed(kNegations, word)) {
                negated = true;
            } else if (!stop_word(word) && !(word.size() == 1 && !(word[0] >= '0' && word[0] <= '9'))) {
                stem(word);
                emit(std::string_view(word));
            }
        }
        word.clear();
    };
    for (std::size_t i = 0; i < content.size();) {
        auto byte = static_cast<unsigned char>(content[i]);
        if (byte < 0x80) {
            ++i;
            char c = static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'') word += c;
            else flush();
            continue;
        }
        char32_t cp = text::decode(content, i);
        if (cp == U'\u2018' || cp == U'\u2019' || cp == U'\u201A' || cp == U'\u2032') {
            word += '\'';  // typographic apostrophes are apostrophes
            continue;
        }
        auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
        bool part = (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
                    (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
        if (part) text::append_utf8(word, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
        else flush();
    }
    flush();
    return negated;
}

template <class T>
std::size_t shared_count(std::span<const T> a, std::span<const T> b) {
    std::size_t n = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j]) ++i;
        else if (b[j] < a[i]) ++j;
        else {
            ++n;
            ++i;
            ++j;
        }
    }
    return n;
}

// The corroboration rule on sorted word lists: Jaccard >= 0.8, or all of the shorter list (three
// words at least) in the longer.
template <class T>
bool near_identical(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.empty() || b.empty()) return false;
    std::size_t shared = shared_count<T>(a, b);
    std::size_t shorter = std::min(a.size(), b.size());
    if (shorter >= 3 && shared == shorter) return true;
    return static_cast<double>(shared) >= 0.8 * static_cast<double>(a.size() + b.size() - shared);
}

// ---------------------------------------------------------------------------------------------
// Claims as loaded for comparison.

// What a listing shows of a claim, beyond what comparing claims needs.
struct ClaimText {
    std::string speaker;  // the actor's name, or the speaker words of an unresolved source
    std::string cue;
    std::string content;
    std::string outlet;
};

struct ClaimRow {
    std::int64_t id = 0;
    std::int64_t article = 0;
    std::int64_t speaker = 0;  // 0: unresolved
    std::string stance;
    std::string published;
    std::int64_t start = 0;
    // Loaded with the rows, or later for just the rows listed (load_texts): a hub's question
    // compares thousands of claims to list a few.
    std::unique_ptr<ClaimText> text;
    std::vector<std::int64_t> about;  // sorted
    // Derived once at load, for the pairwise comparisons.
    std::vector<int> words;  // content words (as content_signature finds them) interned by the load's Lexicon, sorted
    bool negated = false;    // the content has a negation (content_signature's `negated`)
    int speaker_index = 0;   // who speaks, for "same speaker": the actor id or the normalised words, interned
    bool deny = false;
    bool assert_ = false;
    bool negative = false;   // denies, or asserts something negated (not both)
};

// Interns words and speaker keys for one load: comparisons run on integers.
class Lexicon {
public:
    int operator()(std::string_view s) {
        // Look up first: emplace would build (allocate) a node for every word, known or not.
        if (auto it = m_ids.find(s); it != m_ids.end()) return it->second;
        return m_ids.emplace(std::string(s), static_cast<int>(m_ids.size())).first->second;
    }
    std::size_t size() const { return m_ids.size(); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, int, Hash, std::equal_to<>> m_ids;
};

bool earlier(const ClaimRow& a, const ClaimRow& b) {
    return std::tie(a.published, a.article, a.start, a.id) < std::tie(b.published, b.article, b.start, b.id);
}

std::vector<std::int64_t> parse_ids(const std::string& csv) {
    std::vector<std::int64_t> ids;
    std::int64_t v = 0;
    bool any = false;
    for (char c : csv) {
        if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            any = true;
        } else {
            if (any) ids.push_back(v);
            v = 0;
            any = false;
        }
    }
    if (any) ids.push_back(v);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

enum class WithText { Now, Later };

constexpr const char* kClaimTextSql = "COALESCE(s.name, c.speaker_text), c.cue, c.content, ";

// Reads the ClaimText of the statement's row from column `first` on.
std::unique_ptr<ClaimText> read_text(SQLite::Statement& st, int first) {
    auto text = std::make_unique<ClaimText>();
    text->speaker = st.getColumn(first).getString();
    text->cue = st.getColumn(first + 1).getString();
    text->content = st.getColumn(first + 2).getString();
    text->outlet = st.getColumn(first + 3).getString();
    return text;
}

// Claims selected by `where` (a condition on claims `c`), with their about actors and content
// words, earliest first; their text now or later (load_texts).
std::vector<ClaimRow> load_claims(SQLite::Database& db, const std::string& where, Lexicon& lexicon, WithText with_text) {
    bool now = with_text == WithText::Now;
    SQLite::Statement st(db, std::string(
        "SELECT c.id, c.article_id, COALESCE(c.speaker_id, 0), c.speaker_text, c.stance, c.content, ar.published, "
        "  c.start, (SELECT group_concat(x.actor_id) FROM claim_about x WHERE x.claim_id = c.id) ") +
        (now ? std::string(", ") + kClaimTextSql + detail::kOutletSql : std::string()) +
        // The narrow origin index, not the article rows (which carry the body): a claim per page read.
        " FROM claims c JOIN articles ar INDEXED BY articles_origin ON ar.id = c.article_id " +
        (now ? "LEFT JOIN actors s ON s.id = c.speaker_id " : "") + "WHERE " + where);
    std::vector<ClaimRow> rows;
    while (st.executeStep()) {
        ClaimRow r;
        r.id = st.getColumn(0).getInt64();
        r.article = st.getColumn(1).getInt64();
        r.speaker = st.getColumn(2).getInt64();
        // A prefix no word has: speakers and words share the lexicon. (Appended, not `"\x01" +
        // std::to_string(...)`: GCC 12 warns falsely about that.)
        std::string speaker_key = "\x01";
        if (r.speaker) speaker_key += std::to_string(r.speaker);
        else speaker_key += "text:" + text::normalize_name(st.getColumn(3).getString());
        r.speaker_index = lexicon(speaker_key);
        r.stance = st.getColumn(4).getString();
        auto content = st.getColumn(5);
        r.negated = scan_content_words(std::string_view(content.getText(), static_cast<std::size_t>(content.getBytes())),
                                       [&](std::string_view w) { r.words.push_back(lexicon(w)); });
        std::sort(r.words.begin(), r.words.end());
        r.words.erase(std::unique(r.words.begin(), r.words.end()), r.words.end());
        r.published = st.getColumn(6).getString();
        r.start = st.getColumn(7).getInt64();
        r.about = parse_ids(st.getColumn(8).getString());
        if (now) r.text = read_text(st, 9);
        r.deny = r.stance == "deny";
        r.assert_ = r.stance == "assert";
        r.negative = r.deny != r.negated;
        rows.push_back(std::move(r));
    }
    std::sort(rows.begin(), rows.end(), earlier);
    return rows;
}

// Reads the text of the rows at `which` (of rows loaded with WithText::Later).
void load_texts(SQLite::Database& db, std::vector<ClaimRow>& rows, const std::vector<std::size_t>& which) {
    if (which.empty()) return;
    std::unordered_map<std::int64_t, std::size_t> row_of;
    std::vector<std::int64_t> ids;
    for (auto i : which) {
        row_of[rows[i].id] = i;
        ids.push_back(rows[i].id);
    }
    SQLite::Statement st(db, std::string("SELECT c.id, ") + kClaimTextSql + detail::kOutletSql +
                                 " FROM claims c JOIN articles ar INDEXED BY articles_origin ON ar.id = c.article_id "
                                 "LEFT JOIN actors s ON s.id = c.speaker_id WHERE c.id IN (" + detail::id_list(ids) + ")");
    while (st.executeStep()) rows[row_of.at(st.getColumn(0).getInt64())].text = read_text(st, 1);
}

// The claims an actor (any of `ids`) speaks or is spoken about in.
std::string involving(const std::vector<std::int64_t>& ids) {
    std::string list = detail::id_list(ids);
    return "c.id IN (SELECT id FROM claims WHERE speaker_id IN (" + list +
           ") UNION SELECT claim_id FROM claim_about WHERE actor_id IN (" + list + "))";
}

// ---------------------------------------------------------------------------------------------
// Corroboration: a similarity self-join per (speaker, stance, polarity) group.

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (m_parent[x] != x) x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) m_parent[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::size_t> m_parent;
};

// Joins the near-identical claims among `members` (indices into rows). Candidates come from
// prefix filtering: with the words of every claim ordered rarest first, two claims whose Jaccard
// reaches 0.8 share a word among their first |x| - ceil(0.8 |x|) + 1; a claim contained in a
// longer one has its rarest word in it. Processing shorter claims first makes both exact.
void join_similar(const std::vector<ClaimRow>& rows, const std::vector<std::size_t>& members, UnionFind& uf) {
    if (members.size() < 2) return;
    std::unordered_map<int, int> df;
    for (auto m : members)
        for (int w : rows[m].words) ++df[w];
    std::vector<std::vector<int>> words(members.size());
    for (std::size_t k = 0; k < members.size(); ++k) words[k] = rows[members[k]].words;
    for (auto& ws : words)
        std::sort(ws.begin(), ws.end(), [&](int a, int b) { return std::make_pair(df[a], a) < std::make_pair(df[b], b); });
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return words[a].size() < words[b].size(); });
    std::unordered_map<int, std::vector<std::size_t>> prefix_index, first_index;
    std::vector<std::size_t> stamp(members.size(), static_cast<std::size_t>(-1));
    for (std::size_t i : order) {
        const auto& wi = words[i];
        if (wi.empty()) continue;
        std::size_t prefix = wi.size() - static_cast<std::size_t>(std::ceil(0.8 * static_cast<double>(wi.size()))) + 1;
        auto check = [&](std::size_t j) {
            if (stamp[j] == i) return;
            stamp[j] = i;
            const auto &a = rows[members[i]], &b = rows[members[j]];
            if (near_identical(a.words, b.words) && a.negated == b.negated)
                uf.join(members[i], members[j]);
        };
        for (std::size_t p = 0; p < prefix; ++p)
            if (auto it = prefix_index.find(wi[p]); it != prefix_index.end())
                for (std::size_t j : it->second) check(j);
        for (int w : wi)
            if (auto it = first_index.find(w); it != first_index.end())
                for (std::size_t j : it->second) check(j);
        for (std::size_t p = 0; p < prefix; ++p) prefix_index[wi[p]].push_back(i);
        if (wi.size() >= 3) first_index[wi[0]].push_back(i);
    }
}

// Groups rows (sorted earliest first) into facts; every row belongs to exactly one fact, and
// each fact's claims keep the rows' order. Returns, per fact, the row indices.
std::vector<std::vector<std::size_t>> group_facts(const std::vector<ClaimRow>& rows) {
    // Only claims of one speaker, stance and polarity can be one fact: sort the row indices into
    // those groups and compare within each.
    auto group_key = [&](std::size_t i) { return std::tie(rows[i].speaker_index, rows[i].stance, rows[i].negated); };
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::make_pair(group_key(a), a) < std::make_pair(group_key(b), b);
    });
    UnionFind uf(rows.size());
    std::vector<std::size_t> members;
    for (std::size_t k = 0; k < order.size();) {
        std::size_t end = k + 1;
        while (end < order.size() && group_key(order[end]) == group_key(order[k])) ++end;
        members.assign(order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(end));
        join_similar(rows, members, uf);
        k = end;
    }
    // Roots are the smallest index of their set, and rows are earliest first: numbering the facts
    // in order of their roots lists them earliest first, each with its rows in order.
    std::vector<std::size_t> fact_of_root(rows.size(), static_cast<std::size_t>(-1));
    std::vector<std::vector<std::size_t>> facts;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::size_t root = uf.find(i);
        if (fact_of_root[root] == static_cast<std::size_t>(-1)) {
            fact_of_root[root] = facts.size();
            facts.emplace_back();
        }
        facts[fact_of_root[root]].push_back(i);
    }
    return facts;
}

std::int64_t distinct_articles(const std::vector<ClaimRow>& rows, const std::vector<std::size_t>& members) {
    std::set<std::int64_t> articles;
    for (auto i : members) articles.insert(rows[i].article);
    return static_cast<std::int64_t>(articles.size());
}

// ---------------------------------------------------------------------------------------------
// Conflicts.

struct Conflict {
    std::size_t a = 0, b = 0;  // row indices, a earlier than b
    bool denial = true;
    double score = 0;
};

// The order conflicts are listed in: strongest first. Total: no two conflicts join the same rows.
bool stronger(const Conflict& x, const Conflict& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);  // rows are in date order: earlier pairs first
}

// The conflicts found, or the strongest of them when a question lists only a few.
struct FoundConflicts {
    std::vector<Conflict> kept;  // not in order
    std::size_t found = 0;       // all found, kept or not
};

// The actors a claim is about, with its speaker: the topic two claims must share to conflict.
std::vector<std::int64_t> topic(const ClaimRow& c) {
    std::vector<std::int64_t> t = c.about;
    if (c.speaker) t.push_back(c.speaker);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
}

// Finds the conflicts among `rows` about an actor in `scope` (any actor when empty), keeping the
// `keep` strongest (all when 0). A hub's claims hold tens of thousands of weak conflicts: a
// bounded heap keeps only the ones that can be listed.
FoundConflicts find_conflicts(const std::vector<ClaimRow>& rows, const std::set<std::int64_t>& scope, std::size_t keep) {
    std::vector<std::vector<std::int64_t>> topics(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (auto a : topic(rows[i]))
            if (scope.empty() || scope.count(a)) topics[i].push_back(a);
    // The probes below visit many candidates each: a compact copy of what they read (all words in
    // one array, polarity and speaker side by side) stays in cache where the rows do not.
    struct Compact {
        std::uint32_t begin = 0, size = 0;
        int speaker = 0;
        bool negative = false, negated = false;
    };
    std::vector<int> arena;
    std::vector<Compact> compact(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        compact[i] = {static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(r.words.size()),
                      r.speaker_index, r.negative, r.negated};
        arena.insert(arena.end(), r.words.begin(), r.words.end());
    }
    const auto words = [&](std::size_t i) { return std::span<const int>(arena.data() + compact[i].begin, compact[i].size); };
    // Candidates share a (topic actor in scope, content word) key, or for a denial with hardly any
    // content ("denied the allegations"), just the topic actor. Postings hold the assertions.
    auto key = [](std::int64_t actor, int word) {
        return (static_cast<std::uint64_t>(actor) << 24) ^ static_cast<std::uint64_t>(word + 1);
    };
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_key;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> by_actor;
    std::vector<std::size_t> probes;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (r.assert_) {
            for (auto a : topics[i]) {
                by_actor[a].push_back(static_cast<std::uint32_t>(i));
                for (int w : words(i)) by_key[key(a, w)].push_back(static_cast<std::uint32_t>(i));
            }
            if (r.negated) probes.push_back(i);
        } else if (r.deny) {
            probes.push_back(i);
        }
    }
    FoundConflicts out;
    // With `keep`, out.kept is a heap whose top is the weakest kept.
    auto add = [&](const Conflict& c) {
        ++out.found;
        if (!keep) {
            out.kept.push_back(c);
        } else if (out.kept.size() < keep) {
            out.kept.push_back(c);
            std::push_heap(out.kept.begin(), out.kept.end(), stronger);
        } else if (stronger(c, out.kept.front())) {
            std::pop_heap(out.kept.begin(), out.kept.end(), stronger);
            out.kept.back() = c;
            std::push_heap(out.kept.begin(), out.kept.end(), stronger);
        }
    };
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> seen(rows.size(), kNone), word_seen(rows.size(), kNone);
    std::vector<std::uint32_t> hits(rows.size(), 0);
    std::size_t word_stamp = 0;
    std::vector<std::size_t> touched;
    std::vector<int> unsure;  // words of the probe not counted through the postings
    std::vector<const std::vector<std::uint32_t>*> postings;
    for (std::size_t p : probes) {
        const Compact& x = compact[p];
        bool deny = rows[p].deny;
        bool generic = deny && words(p).size() <= 2;
        touched.clear();
        unsure.clear();
        auto touch = [&](std::uint32_t j) {
            if (j == p || seen[j] == p) return;
            seen[j] = p;
            touched.push_back(j);
        };
        if (generic) {
            for (auto a : topics[p])
                if (auto actor_claims = by_actor.find(a); actor_claims != by_actor.end())
                    for (auto j : actor_claims->second) touch(j);
        } else {
            // Shared words are counted while the postings are walked: a word whose postings are
            // all walked is counted exactly once for every candidate that has it (a candidate
            // shares a topic actor with the probe, and that actor's posting holds it). A word
            // with a posting too common to walk is checked per candidate afterwards.
            for (int w : words(p)) {
                postings.clear();
                bool skipped = false;
                for (auto a : topics[p]) {
                    auto actor_claims = by_actor.find(a);
                    if (actor_claims == by_actor.end()) continue;
                    // A word that one claim in twenty about the actor uses (and more than a
                    // handful) says nothing about which event a claim is about: it does not make
                    // two claims candidates.
                    std::size_t cap = std::max<std::size_t>(64, actor_claims->second.size() / 20);
                    auto it = by_key.find(key(a, w));
                    if (it == by_key.end()) continue;
                    if (it->second.size() > cap) skipped = true;
                    else postings.push_back(&it->second);
                }
                ++word_stamp;
                for (const auto* list : postings)
                    for (auto j : *list) {
                        if (j == p) continue;
                        touch(j);
                        if (!skipped && word_seen[j] != word_stamp) {
                            word_seen[j] = word_stamp;
                            ++hits[j];
                        }
                    }
                if (skipped) unsure.push_back(w);
            }
        }
        for (auto j : touched) {
            const Compact& y = compact[j];
            std::size_t counted = hits[j];
            hits[j] = 0;
            if (x.negative == y.negative || x.speaker == y.speaker) continue;
            std::size_t shared = counted;
            if (generic) {
                shared = shared_count<int>(words(p), words(j));
            } else {
                auto wj = words(j);
                for (int w : unsure) shared += std::binary_search(wj.begin(), wj.end(), w) ? 1 : 0;
            }
            std::size_t all = words(p).size() + words(j).size() - shared;
            double jac = all ? static_cast<double>(shared) / static_cast<double>(all) : 0.0;
            if (!deny) {
                // Two assertions, one negated: near-identical otherwise. Each such pair is probed
                // from its negated side only, so it is found once.
                std::size_t shorter = std::min(words(p).size(), words(j).size());
                bool close = jac >= 0.5 || (shared >= 2 && static_cast<double>(shared) >= 0.8 * static_cast<double>(shorter));
                if (!close || y.negated) continue;
            } else if (shared == 0 && !generic) {
                continue;
            }
            Conflict c;
            c.a = std::min<std::size_t>(p, j);
            c.b = std::max<std::size_t>(p, j);
            c.denial = deny;
            c.score = jac + 0.01 * static_cast<double>(shared);
            add(c);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Timeline rows.

struct TimelineRow {
    std::string published;
    std::int64_t article = 0;
    std::int64_t start = 0;
    int kind = 0;  // 0 claim, 1 relation
    std::int64_t id = 0;
    std::vector<Cell> cells;
};

std::string date_of(const std::string& published) { return published.substr(0, std::min<std::size_t>(10, published.size())); }

}  // namespace

ContentSignature content_signature(std::string_view content) {
    ContentSignature sig;
    sig.negated = scan_content_words(content, [&](std::string_view w) { sig.words.emplace_back(w); });
    std::sort(sig.words.begin(), sig.words.end());
    sig.words.erase(std::unique(sig.words.begin(), sig.words.end()), sig.words.end());
    return sig;
}

double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() && b.empty()) return 0;
    std::size_t shared = shared_count<std::string>(a, b);
    return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

bool same_content(const ContentSignature& a, const ContentSignature& b) {
    return a.negated == b.negated && near_identical(a.words, b.words);
}

std::vector<Fact> corroborate(Store& store, const std::vector<std::int64_t>& speakers) {
    if (speakers.empty()) return {};
    Lexicon lexicon;
    std::vector<ClaimRow> rows = load_claims(store.database(), "c.speaker_id IN (" + detail::id_list(speakers) + ")",
                                             lexicon, WithText::Later);
    auto grouped = group_facts(rows);
    std::vector<std::size_t> firsts;
    for (const auto& members : grouped) firsts.push_back(members.front());
    load_texts(store.database(), rows, firsts);
    std::vector<Fact> facts;
    for (const auto& members : grouped) {
        Fact f;
        for (auto i : members) f.claims.push_back(rows[i].id);
        f.sources = distinct_articles(rows, members);
        f.first_outlet = rows[members.front()].text->outlet;
        f.first_date = date_of(rows[members.front()].published);
        facts.push_back(std::move(f));
    }
    return facts;
}

Table query_conflicts(Store& store, const ConflictQuery& q) {
    auto& db = store.database();
    std::set<std::int64_t> scope;
    std::vector<ClaimRow> rows;
    Lexicon lexicon;
    if (!q.actor.empty()) {
        std::vector<std::int64_t> ids = find_actors(store, q.actor);
        scope.insert(ids.begin(), ids.end());
        rows = load_claims(db, involving(ids) + " AND c.stance IN ('assert', 'deny')", lexicon, WithText::Later);
    } else {
        rows = load_claims(db, "c.stance IN ('assert', 'deny')", lexicon, WithText::Later);
    }
    // A corroborated claim is one fact: its conflict is listed once, with its earliest report.
    std::vector<std::size_t> fact_of(rows.size());
    for (const auto& members : group_facts(rows))
        for (auto i : members) fact_of[i] = members.front();
    // The strongest conflicts in order, one per pair of facts, at most q.limit of them.
    auto distinct_strongest = [&](std::vector<Conflict> found) {
        std::sort(found.begin(), found.end(), stronger);
        std::set<std::pair<std::size_t, std::size_t>> seen;
        std::vector<Conflict> distinct;
        for (const auto& c : found) {
            if (q.limit && distinct.size() == q.limit) break;
            if (seen.insert(std::minmax(fact_of[c.a], fact_of[c.b])).second) distinct.push_back(c);
        }
        return distinct;
    };
    // Only the strongest few are kept, unless repeats of one fact crowd them out: then all.
    std::size_t few = q.limit ? 8 * q.limit : 0;
    FoundConflicts found = find_conflicts(rows, scope, few);
    std::vector<Conflict> conflicts = distinct_strongest(std::move(found.kept));
    if (q.limit && conflicts.size() < q.limit && found.found > few)
        conflicts = distinct_strongest(find_conflicts(rows, scope, 0).kept);
    std::vector<std::size_t> listed;
    for (const auto& c : conflicts) listed.insert(listed.end(), {c.a, c.b});
    load_texts(db, rows, listed);
    Table t;
    t.columns = {"pair", "kind", "speaker", "stance", "content", "outlet", "date"};
    std::int64_t n = 0;
    for (const auto& c : conflicts) {
        ++n;
        for (auto i : {c.a, c.b}) {
            const auto& r = rows[i];
            t.rows.push_back({n, std::string(c.denial ? "denial" : "opposite"), r.text->speaker, r.stance,
                              r.text->content, r.text->outlet, date_of(r.published)});
        }
    }
    return t;
}

Table query_timeline(Store& store, const TimelineQuery& q) {
    auto& db = store.database();
    std::vector<std::int64_t> ids;
    if (!q.actor.empty()) ids = find_actors(store, q.actor);
    Lexicon lexicon;
    // Most claims are listed (one per fact): their text is read with them.
    std::vector<ClaimRow> rows = load_claims(db, ids.empty() ? std::string("1") : involving(ids), lexicon, WithText::Now);
    std::vector<TimelineRow> out;
    auto keep = [&](const std::string& published, std::int64_t sources) {
        std::string date = date_of(published);
        if (sources < q.min_sources) return false;
        if (!q.since.empty() && date < q.since.substr(0, 10)) return false;
        if (!q.until.empty() && date > q.until.substr(0, 10)) return false;
        return true;
    };
    for (const auto& members : group_facts(rows)) {
        const auto& first = rows[members.front()];
        std::int64_t sources = distinct_articles(rows, members);
        if (!keep(first.published, sources)) continue;
        TimelineRow r{first.published, first.article, first.start, 0, first.id, {}};
        r.cells = {date_of(first.published), first.text->speaker, first.text->cue, first.text->content, first.text->outlet,
                   sources};
        out.push_back(std::move(r));
    }

    std::string where = "1";
    if (!ids.empty()) {
        std::string list = detail::id_list(ids);
        where = "r.id IN (SELECT id FROM relations WHERE subject_id IN (" + list +
                ") UNION SELECT id FROM relations WHERE object_id IN (" + list + "))";
    }
    SQLite::Statement rel(db, std::string(
        "SELECT r.id, r.article_id, r.start, ar.published, ") + detail::kOutletSql + ", s.name, "
        "  CASE WHEN r.negated THEN 'not ' ELSE '' END || CASE WHEN r.modality <> '' THEN r.modality || ' ' ELSE '' END "
        "    || r.predicate, o.name, COALESCE(sp.name, c.speaker_text, ''), r.subject_id, r.object_id "
        "FROM relations r JOIN articles ar ON ar.id = r.article_id "
        "JOIN actors s ON s.id = r.subject_id JOIN actors o ON o.id = r.object_id "
        "LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN actors sp ON sp.id = c.speaker_id WHERE " + where +
        " ORDER BY ar.published, r.article_id, r.start, r.id");
    // One fact per (subject, predicate, object, polarity): the first report, and how many articles.
    std::map<std::tuple<std::int64_t, std::string, std::int64_t>, std::pair<TimelineRow, std::set<std::int64_t>>> relations;
    std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> order;
    while (rel.executeStep()) {
        auto k = std::make_tuple(rel.getColumn(9).getInt64(), rel.getColumn(6).getString(), rel.getColumn(10).getInt64());
        auto [it, added] = relations.try_emplace(k);
        if (added) {
            TimelineRow r{rel.getColumn(3).getString(), rel.getColumn(1).getInt64(), rel.getColumn(2).getInt64(), 1,
                          rel.getColumn(0).getInt64(), {}};
            std::string object = rel.getColumn(7).getString();
            std::string asserted = rel.getColumn(8).getString();
            if (!asserted.empty()) object += " (per " + asserted + ")";
            r.cells = {date_of(r.published), rel.getColumn(5).getString(), rel.getColumn(6).getString(), object,
                       rel.getColumn(4).getString(), std::int64_t{0}};
            it->second.first = std::move(r);
            order.push_back(k);
        }
        it->second.second.insert(rel.getColumn(1).getInt64());
    }
    for (const auto& k : order) {
        auto& [row, articles] = relations[k];
        auto sources = static_cast<std::int64_t>(articles.size());
        if (!keep(row.published, sources)) continue;
        row.cells.back() = sources;
        out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [](const TimelineRow& a, const TimelineRow& b) {
        return std::tie(a.published, a.article, a.start, a.kind, a.id) < std::tie(b.published, b.article, b.start, b.kind, b.id);
    });
    Table t;
    t.columns = {"date", "who", "verb", "text", "outlet", "sources"};
    for (auto& r : out) t.rows.push_back(std::move(r.cells));
    return t;
}

}  // namespace factgraph
