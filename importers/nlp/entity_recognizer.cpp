#include "factgraph/nlp/entity_recognizer.hpp"
#include "factgraph/nlp/tokenizer.hpp"

#include "factgraph/core/error.hpp"
#include "factgraph/core/text.hpp"
#include "model_io.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace factgraph::nlp {

using namespace std::string_view_literals;  // tag and word tests compare lengths first

namespace {

using Hash = std::uint64_t;

constexpr std::string_view kModelKind = "ner";
constexpr std::uint32_t kModelVersion = 1;
// Bumped whenever feature extraction changes, so an old model is refused instead of misused.
constexpr std::uint32_t kFeatureVersion = 4;

constexpr int kTagCount = 7;
constexpr int kO = 0;
constexpr float kImpossible = -std::numeric_limits<float>::infinity();

// Tag ids: 0 = O, then B-/I- pairs for PER, ORG, LOC. I- tags are the even ids.
inline bool is_inside(int tag) { return tag > 0 && tag % 2 == 0; }
constexpr int kBeginPerson = 1, kInsidePerson = 2;
inline bool allowed(int previous, int tag) {
    // A person's name never directly follows another's: "Elena Rossi" is one name, not two
    // (UNER's 13 such pairs in train, "George" "Bush" among them, are annotation slips; dev
    // has none). Training reads them as one name too (see train()).
    if (tag == kBeginPerson) return previous != kBeginPerson && previous != kInsidePerson;
    // I-X only continues B-X or I-X; previous < 0 is the sentence start.
    if (!is_inside(tag)) return true;
    return previous == tag || previous == tag - 1;
}

// Feature templates. A feature is combine(template salt, value); the salt keeps equal values of
// different templates apart.
enum Template : std::uint64_t {
    kBias = 1,
    kForm,
    kLower,
    kLowerM1,
    kLowerP1,
    kLowerM2,
    kLowerP2,
    kBigramM1,
    kBigramP1,
    kShape,
    kShapeLong,
    kShapeM1,
    kShapeP1,
    kShapeTri,
    kPrefix,
    kSuffix,
    kFlags,
    kRun,
    kRunSuffix,
    kRunTitle,
    kRunLast,
    kRunFirst,
    kTitleM1,
    kTitleM2,
    kCueHere,
    kGaz,
    kGazPos,
    kGazM1,
    kGazP1,
    kSuffixP1,
    kWordClass,
    kWordClassP1,
    kGazAny,
    kDocWord,
    kTrigram,
    kRunCue,
    kCluster,
    kClusterM1,
    kClusterP1,
    kClusterRunLast,
    kNetGuess,
    kNetGuessContext,
    kNetGuessFirst,
};

// The templates are constants at every call, so their salts fold away at compile time.
constexpr Hash salt(Template t) { return Perceptron::combine(0x6e65722d66656174ULL, static_cast<Hash>(t)); }
[[gnu::always_inline]] inline Hash feat(Template t, Hash v) { return Perceptron::combine(salt(t), v); }
[[gnu::always_inline]] inline Hash feat(Template t, Hash a, Hash b) { return Perceptron::combine(feat(t, a), b); }

constexpr Hash kFnvBasis = 0xcbf29ce484222325ULL;
inline Hash fnv(Hash h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }
inline Hash fnv_cp(Hash h, char32_t cp) {
    if (cp < 0x80) return fnv(h, static_cast<unsigned char>(cp));
    utf8proc_uint8_t buf[4];
    const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    for (utf8proc_ssize_t i = 0; i < n; ++i) h = fnv(h, buf[i]);
    return h;
}

// Token flag bits (also fed as one combined feature).
enum Flag : std::uint32_t {
    kCap = 1u << 0,         // first letter upper case
    kAllCaps = 1u << 1,     // letters all upper case (at least one)
    kHasDigit = 1u << 2,
    kPunct = 1u << 3,       // no letter, no digit
    kHasHyphen = 1u << 4,
    kHasPeriod = 1u << 5,
    kInnerCap = 1u << 6,    // an upper-case letter after a lower-case one ("DigitalOcean")
    kNoLetter = 1u << 7,
    kFirst = 1u << 8,       // first token of the sentence
    kCapsLine = 1u << 9,    // the sentence is mostly capitalised words (headline style)
    kLowerLine = 1u << 10,  // the sentence has no capitalised word besides the first
};

// Name-run positions and lexicon match positions.
enum Position : std::uint8_t { kNone = 0, kBegin, kInside, kLast, kUnit };

struct TokenInfo {
    Hash form = 0;
    Hash lower = 0;
    Hash shape = 0;
    Hash shape_long = 0;
    Hash prefix[3] = {0, 0, 0};
    Hash suffix[4] = {0, 0, 0, 0};
    Hash trigrams[10] = {};
    std::uint8_t trigram_count = 0;
    std::uint32_t flags = 0;
    std::uint8_t affixes = 0;  // number of prefixes/suffixes set (word length - 1, at most 4)
    LexiconKinds gaz = 0;      // kinds of the name match covering the token
    std::uint8_t gaz_pos = kNone;
    LexiconKinds cue = 0;  // kinds of the cue-word match (title, suffix, name cue) covering the token
    bool title_end = false;
    LexiconKinds cue_end = 0;  // kinds of a cue match that ends at this token
    std::uint8_t run_pos = kNone;
    std::uint8_t run_len = 0;
    std::uint8_t run_info = 0;  // bit 0: ends with org suffix, 1: title before, 2: starts sentence
    LexiconKinds run_cue = 0;   // cue right before the run ("website Mediapart", "city of Qaim")
    int run_last = -1;          // index of the last token of the run
    int run_first = -1;
    std::uint8_t word_class = 0;  // Gazetteer::word_classes()
    WordClusters::Classes cluster{};  // Gazetteer::word_clusters(): class per level, 0 = not listed
    std::uint64_t cluster_key = 0;    // WordClusters::key() of the form
    LexiconKinds gaz_any = 0;     // name match ignoring case, where no exact one covers the token
    std::uint8_t gaz_any_pos = kNone;
    std::uint8_t doc = 0;         // DocumentWords bits
    std::uint8_t net = 0;         // EntityWindowNet::guess() code, 0 = no guess
};

// Document-level word statistics: how the other occurrences of a word are written. A capitalised
// word also seen in lower case is likely a common word; a sentence-initial or lower-case word
// seen capitalised mid-sentence is likely a name.
enum DocBit : std::uint8_t { kSeenLower = 1, kSeenCap = 2 };
struct DocumentWords {
    detail::HashFlags64 seen;  // lower-cased form -> DocBit: seen in lower case, seen capitalised mid-sentence
    // Every token's analyse() from collect_document_words(), handed to the sentences in order
    // (`next` is the first token of the next sentence) so that no word is analysed twice.
    std::vector<TokenInfo> analysed;
    std::size_t next = 0;
};

char shape_class(char32_t cp, utf8proc_category_t cat) {
    switch (cat) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LT: return 'X';
        case UTF8PROC_CATEGORY_LL: return 'x';
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO: return 'a';
        case UTF8PROC_CATEGORY_ND: return 'd';
        default: break;
    }
    if (cp < 0x80) return static_cast<char>(cp);
    switch (cp) {
        case 0x2018:
        case 0x2019: return '\'';
        case 0x201C:
        case 0x201D: return '"';
        case 0x2013:
        case 0x2014: return '-';
        default: return '*';
    }
}

// Word-level hashes and flags of one form; `cps` is reusable scratch for its lower-cased letters.
void analyse(std::string_view form, std::u32string& cps, TokenInfo& info) {
    info = TokenInfo{};
    info.form = Perceptron::hash(form);
    cps.clear();
    Hash lower = kFnvBasis, shape = kFnvBasis, shape_long = kFnvBasis;
    char last_class = 0;
    int run = 0, shape_len = 0, long_len = 0;
    bool letter = false, any_lower = false, any_upper = false, seen_lower = false;
    std::uint32_t flags = 0;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(form.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(form.size());
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        char cls;
        if (*p < 0x80) {
            // ASCII, most of the text: no table lookups.
            cp = *p++;
            --left;
            cls = (cp >= 'A' && cp <= 'Z') ? 'X' : (cp >= 'a' && cp <= 'z') ? 'x' : (cp >= '0' && cp <= '9') ? 'd'
                                                                                                            : static_cast<char>(cp);
        } else {
            utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
            if (n <= 0) {
                cp = 0xFFFD;
                n = 1;
            }
            p += n;
            left -= n;
            cls = shape_class(static_cast<char32_t>(cp), utf8proc_category(cp));
        }
        if (cls == 'X') {
            if (!letter) flags |= kCap;
            any_upper = true;
            if (seen_lower) flags |= kInnerCap;
            letter = true;
        } else if (cls == 'x') {
            any_lower = true;
            seen_lower = true;
            letter = true;
        } else if (cls == 'a') {
            letter = true;
        } else if (cls == 'd') {
            flags |= kHasDigit;
        } else if (cls == '-') {
            flags |= kHasHyphen;
        } else if (cls == '.') {
            flags |= kHasPeriod;
        }
        // Digits all look alike in the lower-cased form so numbers share weights.
        char32_t lc = cls == 'd'   ? U'0'
                      : cls == 'X' && cp < 0x80 ? static_cast<char32_t>(cp + 32)
                      : cp < 0x80  ? static_cast<char32_t>(cp)
                                   : static_cast<char32_t>(utf8proc_tolower(cp));
        if (cls == '\'' || cls == '"' || cls == '-') lc = static_cast<unsigned char>(cls);
        cps.push_back(lc);
        lower = fnv_cp(lower, lc);
        if (cps.size() <= 3) info.prefix[cps.size() - 1] = lower;
        if (cls != last_class) {
            if (shape_len < 8) {
                shape = fnv(shape, static_cast<unsigned char>(cls));
                ++shape_len;
            }
            run = 0;
            last_class = cls;
        }
        if (++run <= 4 && long_len < 12) {
            shape_long = fnv(shape_long, static_cast<unsigned char>(cls));
            ++long_len;
        }
    }
    if (!letter) flags |= kNoLetter;
    if (!letter && !(flags & kHasDigit)) flags |= kPunct;
    if (any_upper && !any_lower && letter) flags |= kAllCaps;
    info.flags = flags;
    info.lower = lower;
    info.shape = shape;
    info.shape_long = shape_long;
    const std::size_t len = cps.size();
    info.affixes = static_cast<std::uint8_t>(std::min<std::size_t>(len > 0 ? len - 1 : 0, 4));
    for (std::size_t k = 1; k <= info.affixes; ++k) {
        Hash h = kFnvBasis;
        for (std::size_t j = len - k; j < len; ++j) h = fnv_cp(h, cps[j]);
        info.suffix[k - 1] = h;
    }
    // Letter trigrams of longer words ("Mac", "ski", "ova") say something about names nobody
    // listed; boundaries count as letters ("^Ma", "on$").
    if (len >= 4 && !(flags & kNoLetter)) {
        const std::size_t total = len + 2;
        for (std::size_t k = 0; k + 3 <= total && info.trigram_count < 10; ++k) {
            Hash h = kFnvBasis;
            for (std::size_t j = k; j < k + 3; ++j) h = fnv_cp(h, j == 0 ? U'^' : j == total - 1 ? U'$' : cps[j - 1]);
            info.trigrams[info.trigram_count++] = h;
        }
    }
}

// Lower-case words that may sit inside a multi-word name ("Bank of America", "Sheikh bin Zayed").
bool is_connector(std::string_view w) {
    static constexpr std::string_view kWords[] = {"of", "de", "du", "des", "la", "le", "del", "della", "van",
                                                  "von", "der", "den", "al", "el", "bin", "ibn", "da", "and",
                                                  "&", "for", "the", "y", "-", "on"};
    for (std::string_view k : kWords)
        if (w == k) return true;
    return false;
}

const Hash kBoundaryBefore = Perceptron::hash("<s>");
const Hash kBoundaryAfter = Perceptron::hash("</s>");

}  // namespace

struct EntityRecognizer::Scratch {
    std::vector<TokenInfo> info;
    std::vector<GazetteerMatch> matches;
    DocumentWords words;
    std::u32string cps;
    std::vector<Hash> features;
    std::vector<std::uint32_t> offsets;  // token i's features: [offsets[i], offsets[i+1])
    std::vector<std::uint8_t> outside;   // plainly_outside() of each token: not scored, tagged O
    std::vector<float> emissions;        // n * kTagCount
    std::vector<float> best;             // Viterbi scores
    std::vector<std::int8_t> back;
    std::vector<std::uint8_t> net_codes;  // the window network's guesses
    std::vector<std::uint64_t> net_keys;  // each token's WordClusters::key(), for the network
    EntityWindowNet::Buffers net_buffers;
};

namespace {

void collect_document_words(const std::vector<Sentence>& document, std::u32string& cps, DocumentWords& words) {
    words.seen.clear();
    words.analysed.clear();
    words.next = 0;
    for (const Sentence& s : document) {
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
            TokenInfo& t = words.analysed.emplace_back();
            analyse(s.tokens[i].form, cps, t);
            if (t.flags & kNoLetter) continue;
            if (!(t.flags & (kCap | kAllCaps | kInnerCap)))
                words.seen.add(t.lower, kSeenLower);
            else if (i > 0 && (t.flags & kCap))
                words.seen.add(t.lower, kSeenCap);
        }
    }
}

// Fills `info` for a sentence: word analysis, lexicon matches, capitalised-name runs, and the
// document statistics when there are any.
// Headline style: of a sentence's words, most of those after the first are capitalised. The
// recogniser's caps-line feature and the document pass's headline rule read it alike.
bool headline_style(int words, int capitalised) { return words >= 4 && capitalised * 10 >= (words - 1) * 7; }

void analyse_sentence(const Sentence& sentence, const Gazetteer& gazetteer, DocumentWords* words,
                      std::vector<TokenInfo>& info, std::vector<GazetteerMatch>& matches, std::u32string& cps) {
    const auto& tokens = sentence.tokens;
    const int n = static_cast<int>(tokens.size());
    info.resize(static_cast<std::size_t>(n));
    // The document pass analysed this sentence's words already when they are next in line.
    const TokenInfo* analysed = nullptr;
    if (words && words->next + static_cast<std::size_t>(n) <= words->analysed.size()) {
        analysed = words->analysed.data() + words->next;
        words->next += static_cast<std::size_t>(n);
    }
    int word_count = 0, capitalised = 0;
    // The word classes' table is larger than the caches: each word's slot is asked for during the
    // word analysis and read after it, so the cache misses overlap.
    const WordClusters& classes = gazetteer.word_clusters();
    for (int i = 0; i < n; ++i) {
        TokenInfo& t = info[static_cast<std::size_t>(i)];
        if (analysed)
            t = analysed[i];
        else
            analyse(tokens[static_cast<std::size_t>(i)].form, cps, t);
        t.cluster_key = WordClusters::key(tokens[static_cast<std::size_t>(i)].form);
        classes.prefetch(t.cluster_key);
        t.word_class = gazetteer.word_classes(tokens[static_cast<std::size_t>(i)].form);
        const std::uint32_t f = info[static_cast<std::size_t>(i)].flags;
        if (!(f & kNoLetter)) {
            ++word_count;
            if (i > 0 && (f & (kCap | kAllCaps))) ++capitalised;
        }
    }
    for (TokenInfo& t : info) t.cluster = classes.classes_of_key(t.cluster_key);
    std::uint32_t line = 0;
    if (headline_style(word_count, capitalised)) line |= kCapsLine;
    if (word_count >= 4 && capitalised == 0) line |= kLowerLine;
    if (n > 0) info[0].flags |= kFirst;
    for (TokenInfo& t : info) {
        t.flags |= line;
        if (words && !(t.flags & kNoLetter)) {
            const std::uint16_t seen = words->seen.get(t.lower);
            if ((t.flags & (kCap | kAllCaps)) && (seen & kSeenLower)) t.doc |= kSeenLower;
            if (seen & kSeenCap) t.doc |= kSeenCap;
        }
    }

    matches.clear();
    gazetteer.match(tokens, matches);
    for (const GazetteerMatch& m : matches) {
        const bool cue = (m.kinds & (bit(LexiconKind::PersonTitle) | bit(LexiconKind::OrgSuffix))) != 0;
        for (int i = m.first_token; i < m.end_token; ++i) {
            TokenInfo& t = info[static_cast<std::size_t>(i)];
            if (cue) {
                t.cue |= m.kinds;
            } else {
                t.gaz = m.kinds;
                t.gaz_pos = m.end_token - m.first_token == 1 ? kUnit
                            : i == m.first_token          ? kBegin
                            : i + 1 == m.end_token        ? kLast
                                                          : kInside;
            }
        }
        if (cue && m.has(LexiconKind::PersonTitle)) info[static_cast<std::size_t>(m.end_token - 1)].title_end = true;
        if (cue) info[static_cast<std::size_t>(m.end_token - 1)].cue_end |= m.kinds;
    }
    // Names written in any case ("mexico", "NEW YORK"), where no exact match says more. They are
    // appended and dropped again, so that `matches` ends up holding the exact matches only, which
    // the document pass reuses.
    const std::size_t exact = matches.size();
    gazetteer.match_names_any_case(tokens, matches);
    for (std::size_t k = exact; k < matches.size(); ++k) {
        const GazetteerMatch& m = matches[k];
        bool covered = false;
        for (int i = m.first_token; i < m.end_token; ++i) covered = covered || info[static_cast<std::size_t>(i)].gaz;
        if (covered) continue;
        for (int i = m.first_token; i < m.end_token; ++i) {
            TokenInfo& t = info[static_cast<std::size_t>(i)];
            t.gaz_any = m.kinds;
            t.gaz_any_pos = m.end_token - m.first_token == 1 ? kUnit
                            : i == m.first_token          ? kBegin
                            : i + 1 == m.end_token        ? kLast
                                                          : kInside;
        }
    }
    matches.resize(exact);

    // Runs of capitalised words, joined by connectors; person titles are never part of a run
    // so that "President Emmanuel Macron" yields the run "Emmanuel Macron" after a title.
    auto capword = [&](int i) {
        const TokenInfo& t = info[static_cast<std::size_t>(i)];
        return (t.flags & (kCap | kAllCaps)) && !(t.cue & bit(LexiconKind::PersonTitle));
    };
    for (int i = 0; i < n;) {
        if (!capword(i)) {
            ++i;
            continue;
        }
        int end = i + 1;
        while (end < n) {
            if (capword(end)) {
                ++end;
            } else if (end + 1 < n && is_connector(tokens[static_cast<std::size_t>(end)].form) && capword(end + 1)) {
                end += 2;
            } else {
                break;
            }
        }
        const int len = end - i;
        std::uint8_t run_info = 0;
        if (len >= 2 && (info[static_cast<std::size_t>(end - 1)].cue & bit(LexiconKind::OrgSuffix))) run_info |= 1;
        if (i > 0 && info[static_cast<std::size_t>(i - 1)].title_end) run_info |= 2;
        if (i == 0) run_info |= 4;
        constexpr LexiconKinds kNameCues = bit(LexiconKind::PersonCue) | bit(LexiconKind::OrgCue) |
                                           bit(LexiconKind::PlaceCue);
        LexiconKinds run_cue = 0;
        if (i > 0) run_cue = info[static_cast<std::size_t>(i - 1)].cue_end & kNameCues;
        if (!run_cue && i > 1 && tokens[static_cast<std::size_t>(i - 1)].form == "of"sv &&
            (info[static_cast<std::size_t>(i - 2)].cue_end & kNameCues))
            run_cue = static_cast<LexiconKinds>((info[static_cast<std::size_t>(i - 2)].cue_end & kNameCues) | 0x8000);
        for (int j = i; j < end; ++j) {
            TokenInfo& t = info[static_cast<std::size_t>(j)];
            t.run_len = static_cast<std::uint8_t>(std::min(len, 4));
            t.run_pos = len == 1 ? kUnit : j == i ? kBegin : j + 1 == end ? kLast : kInside;
            t.run_info = run_info;
            t.run_cue = run_cue;
            t.run_first = i;
            t.run_last = end - 1;
        }
        i = end;
    }
}

// At most this many features a token: 84 for the templates below (prefixes 3, suffixes 4, letter
// trigrams 10, lexicon kinds 2 x 16 at most) plus 3 per word-class level, with room to spare.
std::size_t max_token_features(std::size_t levels) { return 99 + 3 * levels; }

// Appends the features of token i to `out`.
void token_features(const std::vector<TokenInfo>& info, int i, std::size_t levels, std::vector<Hash>& out) {
    // Written through a pointer into room made up front: no capacity check per feature.
    const std::size_t start = out.size();
    out.resize(start + max_token_features(levels));
    Hash* next = out.data() + start;
    auto put = [&next](Hash h) { *next++ = h; };
    const int n = static_cast<int>(info.size());
    const TokenInfo& t = info[static_cast<std::size_t>(i)];
    auto at = [&](int j) -> const TokenInfo* {
        return j >= 0 && j < n ? &info[static_cast<std::size_t>(j)] : nullptr;
    };
    const TokenInfo* m1 = at(i - 1);
    const TokenInfo* m2 = at(i - 2);
    const TokenInfo* p1 = at(i + 1);
    const TokenInfo* p2 = at(i + 2);
    const Hash lower_m1 = m1 ? m1->lower : kBoundaryBefore;
    const Hash lower_p1 = p1 ? p1->lower : kBoundaryAfter;
    const Hash shape_m1 = m1 ? m1->shape : kBoundaryBefore;
    const Hash shape_p1 = p1 ? p1->shape : kBoundaryAfter;

    put(feat(kBias, 0));
    put(feat(kForm, t.form));
    put(feat(kLower, t.lower));
    put(feat(kLowerM1, lower_m1));
    put(feat(kLowerP1, lower_p1));
    put(feat(kLowerM2, m2 ? m2->lower : kBoundaryBefore));
    put(feat(kLowerP2, p2 ? p2->lower : kBoundaryAfter));
    put(feat(kBigramM1, lower_m1, t.lower));
    put(feat(kBigramP1, t.lower, lower_p1));
    put(feat(kShape, t.shape));
    put(feat(kShapeLong, t.shape_long));
    put(feat(kShapeM1, shape_m1, t.shape));
    put(feat(kShapeP1, t.shape, shape_p1));
    put(Perceptron::combine(feat(kShapeTri, shape_m1, t.shape), shape_p1));
    for (int k = 0; k < std::min<int>(t.affixes, 3); ++k) put(feat(kPrefix, static_cast<Hash>(k), t.prefix[k]));
    for (int k = 0; k < t.affixes; ++k) put(feat(kSuffix, static_cast<Hash>(k), t.suffix[k]));
    put(feat(kFlags, t.flags));
    for (int k = 0; k < t.trigram_count; ++k) put(feat(kTrigram, t.trigrams[k]));
    put(feat(kWordClass, t.word_class, t.flags & (kCap | kAllCaps | kFirst)));
    if (p1) put(feat(kWordClassP1, p1->word_class, p1->flags & (kCap | kAllCaps)));

    // Word classes learnt from a large unannotated corpus (GloVe): names the training text never
    // showed share a class with names it did. Four levels, from 4,096 classes down to 64.
    const Hash caps = t.flags & (kCap | kAllCaps);
    for (std::size_t level = 0; level < levels; ++level) {
        const Hash salt = level << 16;
        put(feat(kCluster, salt | t.cluster[level], caps));
        put(feat(kClusterM1, salt | (m1 ? m1->cluster[level] : 0xFFFF), caps));
        put(feat(kClusterP1, salt | (p1 ? p1->cluster[level] : 0xFFFF), caps));
    }
    if (t.run_pos != kNone) {
        put(feat(kClusterRunLast, info[static_cast<std::size_t>(t.run_last)].cluster[levels > 1 ? 1 : 0], t.run_pos));
        put(feat(kRun, t.run_len, t.run_pos));
        if (t.run_info & 1) put(feat(kRunSuffix, t.run_pos));
        if (t.run_info & 2) put(feat(kRunTitle, t.run_pos));
        if (t.run_cue) put(feat(kRunCue, t.run_cue, t.run_pos));
        // The words that end and start the run: "... Stories", "... Services", "Le ...".
        put(feat(kRunLast, info[static_cast<std::size_t>(t.run_last)].lower, t.run_pos == kLast || t.run_pos == kUnit));
        put(feat(kRunFirst, info[static_cast<std::size_t>(t.run_first)].lower, (t.run_info & 4) != 0));
    }
    // The window network's guess (stacked: trained on guesses of networks that had not seen the
    // sentence), alone, with its neighbours' and with the sentence start.
    if (t.net) {
        put(feat(kNetGuess, t.net));
        put(feat(kNetGuessContext, m1 ? m1->net : 0xFF, p1 ? p1->net : 0xFF));
        put(feat(kNetGuessFirst, t.net, t.flags & kFirst));
    }
    if (m1 && m1->title_end) put(feat(kTitleM1, t.flags & (kCap | kAllCaps)));
    if (m2 && m2->title_end) put(feat(kTitleM2, t.flags & (kCap | kAllCaps)));
    if (const LexiconKinds c = t.cue & (bit(LexiconKind::PersonTitle) | bit(LexiconKind::OrgSuffix)))
        put(feat(kCueHere, c, t.flags & (kCap | kAllCaps)));
    if (p1 && (p1->cue & bit(LexiconKind::OrgSuffix))) put(feat(kSuffixP1, p1->flags & (kCap | kAllCaps), t.flags & kCap));
    if (t.gaz) {
        for (LexiconKinds b = 1; b != 0 && b <= t.gaz; b = static_cast<LexiconKinds>(b << 1)) {
            if (!(t.gaz & b)) continue;
            put(feat(kGaz, b));
            put(feat(kGazPos, b, t.gaz_pos));
        }
    }
    if (t.gaz_any) put(feat(kGazAny, t.gaz_any, t.gaz_any_pos));
    if (t.doc) put(feat(kDocWord, t.doc, t.flags & (kCap | kAllCaps | kFirst)));
    if (m1 && m1->gaz) put(feat(kGazM1, m1->gaz, m1->gaz_pos == kUnit || m1->gaz_pos == kLast));
    if (p1 && p1->gaz) put(feat(kGazP1, p1->gaz, p1->gaz_pos == kUnit || p1->gaz_pos == kBegin));
    out.resize(static_cast<std::size_t>(next - out.data()));
}

// The features of every token of an analysed sentence (analyse_sentence(), then the window
// network's guesses in TokenInfo::net); a token marked in `skip` gets none.
void sentence_features(const std::vector<TokenInfo>& info, std::size_t levels, std::vector<Hash>& features,
                       std::vector<std::uint32_t>& offsets, const std::uint8_t* skip = nullptr) {
    features.clear();
    offsets.clear();
    for (int i = 0; i < static_cast<int>(info.size()); ++i) {
        offsets.push_back(static_cast<std::uint32_t>(features.size()));
        if (!skip || !skip[i]) token_features(info, i, levels, features);
    }
    offsets.push_back(static_cast<std::uint32_t>(features.size()));
}

// A token that cannot be part of a name, whatever the model would say: a lower-case dictionary
// word, a number or a punctuation mark, right after another such token, that no lexicon match,
// cue word or run of capitalised words covers; a connector ("of", "the", "&") only where the
// token after it is plain too (not "of the West", "by de Gaulle").
// Such tokens are about 60% of news text; the recogniser does not score them and Viterbi gets O
// for them, which changes nothing where the model would have said O anyway (on the UNER dev set
// one token of 25,149, a false "canon" ORG; on the 84 PolNeAR dev articles seven, "devil" as a
// person six times). The previous token is what keeps "tampa bay" (after a word no dictionary
// knows), "Central park" (after a capital) and a sentence's first word ("max and jen") scored.
bool plainly_outside(const std::vector<TokenInfo>& info, const std::vector<Token>& tokens, int i) {
    if (i == 0) return false;
    const TokenInfo& t = info[static_cast<std::size_t>(i)];
    const TokenInfo& p = info[static_cast<std::size_t>(i - 1)];
    constexpr std::uint32_t kCapitals = kCap | kAllCaps | kInnerCap;
    auto plain = [&](const TokenInfo& x) {
        if (x.flags & kCapitals) return false;
        if (x.flags & (kPunct | kHasDigit)) return true;
        return !(x.flags & kNoLetter) && (x.word_class & static_cast<std::uint8_t>(WordClass::CommonWord));
    };
    if (!plain(t) || !plain(p)) return false;
    if (t.gaz || t.gaz_any || t.cue || t.run_pos != kNone) return false;
    // A connector is inside a name only with more of the name after it.
    if (is_connector(tokens[static_cast<std::size_t>(i)].form)) {
        const std::size_t next = static_cast<std::size_t>(i) + 1;
        if (next < tokens.size() && (!plain(info[next]) || is_connector(tokens[next].form))) return false;
    }
    // "McDonald ' s": the "s" after an apostrophe may end a name.
    const std::string_view before = tokens[static_cast<std::size_t>(i - 1)].form;
    return before != "'" && before != "\u2019";
}

// Best tag sequence under the IOB2 constraints given emission scores (n x kTagCount) and
// transition scores ((kTagCount + 1) x kTagCount, last row = start).
void viterbi(const float* emissions, int n, const float* transitions, std::vector<float>& best,
             std::vector<std::int8_t>& back, std::vector<int>& path) {
    path.assign(static_cast<std::size_t>(n), kO);
    if (n == 0) return;
    best.assign(static_cast<std::size_t>(n) * kTagCount, kImpossible);
    back.assign(static_cast<std::size_t>(n) * kTagCount, 0);
    const float* start = transitions + kTagCount * kTagCount;
    for (int y = 0; y < kTagCount; ++y)
        if (allowed(-1, y)) best[static_cast<std::size_t>(y)] = emissions[y] + start[y];
    for (int i = 1; i < n; ++i) {
        const float* prev = &best[static_cast<std::size_t>(i - 1) * kTagCount];
        float* cur = &best[static_cast<std::size_t>(i) * kTagCount];
        std::int8_t* bp = &back[static_cast<std::size_t>(i) * kTagCount];
        for (int y = 0; y < kTagCount; ++y) {
            float top = kImpossible;
            int arg = 0;
            for (int x = 0; x < kTagCount; ++x) {
                if (!allowed(x, y) || prev[x] == kImpossible) continue;
                const float s = prev[x] + transitions[x * kTagCount + y];
                if (s > top) {
                    top = s;
                    arg = x;
                }
            }
            cur[y] = top == kImpossible ? kImpossible : top + emissions[static_cast<std::size_t>(i) * kTagCount + static_cast<std::size_t>(y)];
            bp[y] = static_cast<std::int8_t>(arg);
        }
    }
    const float* last = &best[static_cast<std::size_t>(n - 1) * kTagCount];
    int y = static_cast<int>(std::max_element(last, last + kTagCount) - last);
    for (int i = n - 1; i >= 0; --i) {
        path[static_cast<std::size_t>(i)] = y;
        y = back[static_cast<std::size_t>(i) * kTagCount + static_cast<std::size_t>(y)];
    }
}

int tag_id(std::string_view tag) {
    const auto& tags = EntityRecognizer::tags();
    for (int i = 0; i < kTagCount; ++i)
        if (tags[static_cast<std::size_t>(i)] == tag) return i;
    return kO;
}

void score_tokens(const Perceptron& model, const Hash* features, const std::uint32_t* offsets, int n, float* emissions) {
    for (int i = 0; i < n; ++i)
        model.score(features + offsets[i], offsets[i + 1] - offsets[i], emissions + static_cast<std::size_t>(i) * kTagCount);
}

std::string surface(const Sentence& s, int first, int end) {
    std::string out;
    for (int i = first; i < end; ++i) {
        if (i > first) out += ' ';
        out += s.tokens[static_cast<std::size_t>(i)].form;
    }
    return out;
}

bool is_generational_suffix(std::string_view form) {
    return form == "Jr." || form == "Jr" || form == "Sr." || form == "Sr" || form == "Jnr" || form == "Snr";
}

// Token k is an organisation's head noun of org_suffixes.tsv ("Office", "Commission", "Ministry").
bool is_head_noun(const Gazetteer& gazetteer, const Sentence& s, int k) {
    return (gazetteer.kinds_of(s.tokens[static_cast<std::size_t>(k)].form) & bit(LexiconKind::OrgSuffix)) != 0;
}

// A Roman numeral of two letters or more ("II", "VII", "XIV"): alone it names no one ("World
// War II", "under VII" of a contract), after a name it ends one ("Elizabeth II").
bool is_roman_numeral(std::string_view form) {
    return form.size() >= 2 && form.size() <= 5 &&
           std::all_of(form.begin(), form.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

// Token i (> 0) is a hyphen with no space on either side: it glues two words into one compound.
bool glued_hyphen(const Sentence& s, int i) {
    const Token& hyphen = s.tokens[static_cast<std::size_t>(i)];
    return hyphen.form == "-"sv && !s.tokens[static_cast<std::size_t>(i - 1)].space_after && !hyphen.space_after;
}

// The words first..end as the text writes them: a space only where one followed a token.
std::string written_surface(const Sentence& s, int first, int end) {
    std::string out;
    for (int i = first; i < end; ++i) {
        out += s.tokens[static_cast<std::size_t>(i)].form;
        if (i + 1 < end && s.tokens[static_cast<std::size_t>(i)].space_after) out += ' ';
    }
    return out;
}

int type_index(std::string_view type) { return type == "PER" ? 0 : type == "ORG" ? 1 : 2; }
constexpr std::string_view kTypes[] = {"PER", "ORG", "LOC"};

void set_span(Sentence& s, int first, int end, std::string_view type) {
    for (int i = first; i < end; ++i)
        s.tokens[static_cast<std::size_t>(i)].ner = (i == first ? "B-" : "I-") + std::string(type);
}

// The lexicon kinds that name places, and those that name places or organisations.
constexpr LexiconKinds kPlaceKinds = bit(LexiconKind::Country) | bit(LexiconKind::Subdivision) |
                                     bit(LexiconKind::City) | bit(LexiconKind::Region);
constexpr LexiconKinds kListedNameKinds = kPlaceKinds | bit(LexiconKind::Organisation);

// True if `w` is one of `words` (the fixed word lists below).
template <std::size_t N>
bool one_of(const std::string_view (&words)[N], std::string_view w) {
    return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

// The short honorifics that are never a word of a name ("Dr" without its period is: Dr Pepper).
bool is_honorific(std::string_view w) {
    static constexpr std::string_view kHonorifics[] = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Dr.",
                                                       "Sen.", "Rep.", "Gov.", "Del."};
    return one_of(kHonorifics, w);
}

// How many of a sentence's words (tokens starting with a letter) there are, and how many of them
// after the first are capitalised.
struct CapitalCount {
    int words = 0, capitalised = 0;
    bool headline() const { return headline_style(words, capitalised); }
    // Half the words or more capitalised: no ordinary sentence.
    bool mostly_capitalised() const { return words < 4 || capitalised * 2 >= words; }
};
CapitalCount capitals_of(const Sentence& s) {
    CapitalCount c;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        const std::string& w = s.tokens[i].form;
        if (w.empty() || !std::isalpha(static_cast<unsigned char>(w[0]))) continue;
        ++c.words;
        c.capitalised += i > 0 && std::isupper(static_cast<unsigned char>(w[0]));
    }
    return c;
}

// Days of the week and months, which UNER never tags (0 of 1,000 in train and dev; "May" only
// inside a name). A news article has "his doctor Friday afternoon": the cue step below would read
// "Friday" as the doctor's name, and the repeats step spread it to all twenty mentions of the day.
enum class CalendarWord { none, weekday, month };
CalendarWord calendar_word(std::string_view w) {
    static constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};
    static constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};
    if (one_of(kWeekdays, w)) return CalendarWord::weekday;
    if (one_of(kMonths, w)) return CalendarWord::month;
    return CalendarWord::none;
}

bool starts_with_digit(const std::string& w) { return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0])); }

// Whether token i is a date's day or month: a weekday, or a month with a number beside it ("May
// 2017", "3 May"), which no surname rule may read as a person ("Theresa May ... in May 2017").
bool is_date_word(const Sentence& s, int i) {
    const CalendarWord kind = calendar_word(s.tokens[static_cast<std::size_t>(i)].form);
    if (kind != CalendarWord::month) return kind == CalendarWord::weekday;
    const int n = static_cast<int>(s.tokens.size());
    return (i + 1 < n && starts_with_digit(s.tokens[static_cast<std::size_t>(i + 1)].form)) ||
           (i > 0 && starts_with_digit(s.tokens[static_cast<std::size_t>(i - 1)].form));
}

// A word joined to another by a slash ("Getty/Instagram", a photo credit): no person's name
// contains one, and news prints them in credit lines, which the model read as people. (UNER tags
// none of the 25 such words of train and dev at all, but news names joint polls so: "a
// Washington Post/ABC News poll" is left to the model.)
bool is_slash_joined(std::string_view w) {
    for (std::size_t i = 1; i + 1 < w.size(); ++i)
        if (w[i] == '/' && std::isalpha(static_cast<unsigned char>(w[i - 1])) &&
            std::isalpha(static_cast<unsigned char>(w[i + 1])))
            return true;
    return false;
}

// The whole mention the tags make around tokens [first, end): back over the I- tags before, on
// over those after.
std::pair<int, int> whole_mention(const Sentence& s, int first, int end) {
    const int n = static_cast<int>(s.tokens.size());
    while (first > 0 && s.tokens[static_cast<std::size_t>(first)].ner.rfind("I-", 0) == 0) --first;
    while (end < n && s.tokens[static_cast<std::size_t>(end)].ner.rfind("I-", 0) == 0) ++end;
    return {first, end};
}

// Tokens [first, end) become O; a mention that went on after them starts anew at `end`.
void clear_span(Sentence& s, int first, int end) {
    for (int i = first; i < end; ++i) s.tokens[static_cast<std::size_t>(i)].ner = "O";
    if (end < static_cast<int>(s.tokens.size())) {
        std::string& next = s.tokens[static_cast<std::size_t>(end)].ner;
        if (next.rfind("I-", 0) == 0) next[0] = 'B';
    }
}

// An acronym as news defines one in parentheses: 2 to 10 capital letters ("HANO", "CPJ").
bool is_acronym(std::string_view w) {
    if (w.size() < 2 || w.size() > 10) return false;
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The suffixes of companies, foundations and broadcasters, whose names news also writes without
// them ("NSO Group" and "NSO", "the Mozilla Foundation" and "Mozilla", "Fox News" and "Fox"). Not
// the head nouns of institutions, courts and newspapers in `org_suffixes.tsv`, which often follow
// a place ("the District of Columbia Court", "the Potsdam Institute", "the Wall Street Journal").
bool is_company_suffix(std::string_view w) {
    static constexpr std::string_view kSuffixes[] = {
        "Inc", "Inc.", "Incorporated", "Ltd", "Ltd.", "Limited", "LLC", "L.L.C.", "LLP", "Corp", "Corp.",
        "Corporation", "Co", "Co.", "Company", "Cos.", "Group", "Holdings", "Holding", "GmbH", "AG", "SA",
        "S.A.", "plc", "PLC", "NV", "N.V.", "Foundation", "Labs", "Technologies", "Software",
        "Pharmaceuticals", "Motors", "Airlines", "Airways", "Industries", "Enterprises", "International", "News"};
    return one_of(kSuffixes, w);
}

// Head nouns of seas, gulfs, straits and capes named after another place ("Gulf of Mexico").
bool is_geographic_head(std::string_view w) {
    static constexpr std::string_view kHeads[] = {"Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Cape", "Lake"};
    return one_of(kHeads, w);
}

// A capitalised plural that may name a sports team after its place ("Vikings", "Yankees"): not one
// that names part of a place ("Springs", "Heights"), a country ("States", "Emirates"), or the
// members of a party.
bool is_team_plural(std::string_view w) {
    static constexpr std::string_view kPlacePlurals[] = {
        "Springs", "Heights", "Hills", "Falls", "Islands", "Isles", "Keys", "Lakes", "Plains", "Rapids", "Woods",
        "Gardens", "Fields", "Mountains", "Highlands", "Lowlands", "Territories", "States", "Emirates", "Provinces",
        "Flats", "Shores", "Sands", "Narrows", "Straits", "Glades", "Mills", "Meadows", "Park", "Parks", "Estates",
        "Towers", "Democrats", "Republicans", "Times", "News", "Affairs", "Services", "Games", "Olympics"};
    if (w.size() < 4 || w.back() != 's' || w[w.size() - 2] == 's' || w[w.size() - 2] == '\'' ||
        !std::isupper(static_cast<unsigned char>(w[0])))
        return false;
    if (std::any_of(w.begin() + 1, w.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); })) return false;
    return !one_of(kPlacePlurals, w);
}

// A word of letters with a capital inside after a lower-case letter ("DigitalOcean", "PayPal",
// "NiMo"), four letters or more.
bool is_camel_case(std::string_view w) {
    if (w.size() < 4 || !std::isupper(static_cast<unsigned char>(w[0]))) return false;
    bool lower = false, inner = false;
    for (std::size_t i = 1; i < w.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(w[i]);
        if (!std::isalpha(c)) return false;
        if (std::islower(c)) lower = true;
        else if (lower) inner = true;
    }
    return inner;
}

// Camel case that begins as surnames and places do ("McCain", "DeSantis", "LeBron", "MacArthur",
// "DuVernay", "LaGrange", "VanderMeer"), not as a brand.
bool has_name_prefix(std::string_view w) {
    static constexpr std::string_view kPrefixes[] = {"Mc", "Mac", "De", "Di", "Du", "Da", "La", "Le", "Van", "Von", "Fitz"};
    return std::any_of(std::begin(kPrefixes), std::end(kPrefixes), [&](std::string_view p) {
        return w.size() > p.size() && w.compare(0, p.size(), p) == 0 && std::isupper(static_cast<unsigned char>(w[p.size()]));
    });
}

// The last word of a newspaper's or magazine's name ("The Washington Monthly", "Chicago
// Tribune"), which the model reads as the place the name begins with.
bool is_publication_head(std::string_view w) {
    static constexpr std::string_view kHeads[] = {"Monthly", "Weekly", "Daily", "Magazine", "Gazette", "Tribune",
                                                  "Herald", "Journal", "Chronicle", "Review", "Observer", "Courier"};
    return one_of(kHeads, w);
}

// Small words that a long form may contain without giving the acronym a letter ("Committee to
// Protect Journalists", "Housing Authority of New Orleans"); they may give one too ("U of H").
bool is_long_form_connector(std::string_view w) {
    static constexpr std::string_view kConnectors[] = {"of", "and", "for", "the", "to", "on", "in", "at",
                                                       "de", "du", "des", "la", "le", "el", "&"};
    return one_of(kConnectors, w);
}

// The first token of the long form that ends right before token `end` and whose capitalised
// words' initials (a connector's initial optionally) spell `acronym`; -1 if there is none.
int long_form_start(const Sentence& s, int end, std::string_view acronym) {
    // Walks back over the words and the acronym's letters together; a connector may or may not
    // give a letter, so the walk branches there (at most 12 words, a few connectors: cheap).
    auto match = [&](auto&& self, int word, int letter) -> int {
        if (letter < 0) {
            const std::string& first = s.tokens[static_cast<std::size_t>(word + 1)].form;
            return std::isupper(static_cast<unsigned char>(first[0])) ? word + 1 : -1;
        }
        if (word < 0 || end - word > 12) return -1;
        const std::string& w = s.tokens[static_cast<std::size_t>(word)].form;
        if (w.empty()) return -1;
        const unsigned char initial = static_cast<unsigned char>(w[0]);
        const bool same = std::toupper(initial) == acronym[static_cast<std::size_t>(letter)];
        if (is_long_form_connector(w)) {
            if (same)
                if (const int start = self(self, word - 1, letter - 1); start >= 0) return start;
            return self(self, word - 1, letter);
        }
        if (!std::isupper(initial) || !same) return -1;
        return self(self, word - 1, letter - 1);
    };
    return match(match, end - 1, static_cast<int>(acronym.size()) - 1);
}

// One training sentence: its features and gold tags.
struct Example {
    std::vector<Hash> features;
    std::vector<std::uint32_t> offsets;
    std::vector<int> gold;
};

}  // namespace

const std::array<std::string, 7>& EntityRecognizer::tags() {
    static const std::array<std::string, 7> kTags = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"};
    return kTags;
}

void EntityRecognizer::decode(const Sentence& sentence, bool with_document, Scratch& s, std::vector<int>& path) const {
    analyse_sentence(sentence, m_gazetteer, with_document ? &s.words : nullptr, s.info, s.matches, s.cps);
    const int n = static_cast<int>(sentence.tokens.size());
    // The network looks its words up by the keys the analysis hashed for the word classes.
    s.net_keys.resize(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < s.info.size(); ++i) s.net_keys[i] = s.info[i].cluster_key;
    m_net.guess(sentence, m_gazetteer.word_vectors(), s.net_codes, s.net_buffers, s.net_keys.data());
    for (std::size_t i = 0; i < s.info.size(); ++i) s.info[i].net = s.net_codes[i];
    s.outside.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) s.outside[static_cast<std::size_t>(i)] = plainly_outside(s.info, sentence.tokens, i);
    sentence_features(s.info, m_gazetteer.word_clusters().levels(), s.features, s.offsets, s.outside.data());
    s.emissions.resize(static_cast<std::size_t>(n) * kTagCount);
    score_tokens(m_model, s.features.data(), s.offsets.data(), n, s.emissions.data());
    for (int i = 0; i < n; ++i) {
        if (!s.outside[static_cast<std::size_t>(i)]) continue;
        float* e = s.emissions.data() + static_cast<std::size_t>(i) * kTagCount;
        std::fill(e + 1, e + kTagCount, kImpossible);  // e[0], the score of O, is 0
    }
    viterbi(s.emissions.data(), n, m_transitions.data(), s.best, s.back, path);
}

void EntityRecognizer::recognize_sentence(Sentence& sentence) const {
    Scratch scratch;
    std::vector<int> path;
    decode(sentence, false, scratch, path);
    for (std::size_t i = 0; i < path.size(); ++i) sentence.tokens[i].ner = tags()[static_cast<std::size_t>(path[i])];
}

void EntityRecognizer::recognize(std::vector<Sentence>& document) const {
    Scratch scratch;
    std::vector<int> path;
    collect_document_words(document, scratch.cps, scratch.words);
    // Each sentence's lexicon matches (names and cues), found for its features, serve the
    // document pass too.
    std::vector<std::vector<GazetteerMatch>> matches(document.size());
    for (std::size_t k = 0; k < document.size(); ++k) {
        Sentence& sentence = document[k];
        decode(sentence, true, scratch, path);
        for (std::size_t i = 0; i < path.size(); ++i) sentence.tokens[i].ner = tags()[static_cast<std::size_t>(path[i])];
        matches[k] = scratch.matches;
    }
    document_pass(document, matches);
}

// Mentions cut or joined wrongly inside one sentence, mended in order (document_pass, rules (30),
// (38), (37), (41), (32), (33) and (34) of docs/ner.md). `known` holds the document's names
// with their voted type (0 PER, 1 ORG, 2 LOC).
void EntityRecognizer::mend_sentence_mentions(Sentence& s, const std::unordered_map<std::string, int>& known) const {
    // A department's or ministry's name that the model cut at "and" or at its country goes back
    // together, as UNER and news write it: "[U.S.] [Department of Housing] and [Urban
    // Development]" is one organisation. After "and", only capitalised dictionary words that no
    // lexicon lists join (not "the Department of Justice and Congress"); before the head noun,
    // only a country or state the lexicons list, right before it.
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i < n; ++i) {
            if (s.tokens[static_cast<std::size_t>(i)].ner != "B-ORG"sv || !is_head_noun(m_gazetteer, s, i)) continue;
            int end = whole_mention(s, i, i + 1).second;
            if (end - i < 3 || s.tokens[static_cast<std::size_t>(i) + 1].form != "of"sv) continue;
            if (end + 1 < n && s.tokens[static_cast<std::size_t>(end)].form == "and"sv && s.tokens[static_cast<std::size_t>(end)].ner == "O"sv) {
                int k = end + 1;
                while (k < n && k - end <= 4 && std::isupper(static_cast<unsigned char>(s.tokens[static_cast<std::size_t>(k)].form[0])) &&
                       (s.tokens[static_cast<std::size_t>(k)].ner == "O"sv || s.tokens[static_cast<std::size_t>(k)].ner.compare(2, 3, "ORG") == 0) &&
                       (m_gazetteer.word_classes(s.tokens[static_cast<std::size_t>(k)].form) & static_cast<std::uint8_t>(WordClass::CommonWord)))
                    ++k;
                const bool whole = k == n || s.tokens[static_cast<std::size_t>(k)].ner.rfind("I-", 0) != 0;
                if (k > end + 1 && whole && !(m_gazetteer.kinds_of(surface(s, end + 1, k)) & kListedNameKinds)) end = k;
            }
            int first = i;
            if (i > 0 && s.tokens[static_cast<std::size_t>(i) - 1].ner != "O"sv) {
                const auto [place, place_end] = whole_mention(s, i - 1, i);
                if (s.tokens[static_cast<std::size_t>(place)].ner == "B-LOC"sv &&
                    (m_gazetteer.kinds_of(surface(s, place, place_end)) & (bit(LexiconKind::Country) | bit(LexiconKind::Subdivision))))
                    first = place;
            }
            set_span(s, first, end, "ORG");
            i = end - 1;
        }
    }

    // A capitalised word right before a lower-case "party" names the party: "the ruling Fatah
    // party", "the Likud party", which the model left out. Not a party member's noun or a
    // demonym ("the Republican party" is the model's), nor a sentence's first word.
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 1; i + 1 < n; ++i) {
            const Token& name = s.tokens[static_cast<std::size_t>(i)];
            if (s.tokens[static_cast<std::size_t>(i) + 1].form != "party"sv || name.ner != "O"sv || name.form.size() < 2 ||
                !std::isupper(static_cast<unsigned char>(name.form[0])) ||
                (m_gazetteer.word_classes(name.form) & static_cast<std::uint8_t>(WordClass::CommonWord)) ||
                (m_gazetteer.kinds_of(name.form) & (kPlaceKinds | bit(LexiconKind::Demonym))))
                continue;
            set_span(s, i, i + 1, "ORG");
        }
    }

    // "Greater" before a place names the metropolitan area: "Greater Noida", "Greater London",
    // "Greater Manchester" are one place, not "Greater" and the city.
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 1; i < n; ++i) {
            if (s.tokens[static_cast<std::size_t>(i)].ner != "B-LOC"sv || s.tokens[static_cast<std::size_t>(i) - 1].form != "Greater"sv ||
                s.tokens[static_cast<std::size_t>(i) - 1].ner != "O"sv)
                continue;
            set_span(s, i - 1, whole_mention(s, i, i + 1).second, "LOC");
        }
    }

    // Two organisations read as one across "and", where the second is listed as a name of its
    // own: "[the Justice Department and Congress]" is the department and Congress. Names with
    // "and" inside ("Securities and Exchange Commission", "Procter and Gamble") end in no listed
    // name and stay whole.
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i < n; ++i) {
            if (s.tokens[static_cast<std::size_t>(i)].ner != "B-ORG"sv) continue;
            const int end = whole_mention(s, i, i + 1).second;
            for (int k = i + 1; k + 1 < end; ++k) {
                if (s.tokens[static_cast<std::size_t>(k)].form != "and"sv) continue;
                const LexiconKinds kinds = m_gazetteer.kinds_of(surface(s, k + 1, end));
                if (!(kinds & kListedNameKinds)) continue;
                set_span(s, i, k, "ORG");
                clear_span(s, k, k + 1);
                set_span(s, k + 1, end, (kinds & bit(LexiconKind::Organisation)) ? "ORG" : "LOC");
                break;
            }
            i = end - 1;
        }
    }

    // A sea's, gulf's or cape's name goes with the place it is named after: "[Gulf] of [Mexico]",
    // "[Sea] of [Japan]", which the model and the lexicons read as two places, and "the Cape of
    // Good Hope", which they left out, are one place.
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i + 2 < n; ++i) {
            const Token& head = s.tokens[static_cast<std::size_t>(i)];
            if (s.tokens[static_cast<std::size_t>(i) + 1].form != "of"sv || !is_geographic_head(head.form) ||
                s.tokens[static_cast<std::size_t>(i) + 1].ner != "O"sv || (head.ner != "O"sv && head.ner != "B-LOC"sv) ||
                (head.ner == "B-LOC"sv && whole_mention(s, i, i + 1).second != i + 1))
                continue;
            int end = i + 2;
            if (s.tokens[static_cast<std::size_t>(end)].ner == "B-LOC"sv) {
                end = whole_mention(s, end, end + 1).second;
            } else {
                while (end < n && end - i - 2 < 3 && s.tokens[static_cast<std::size_t>(end)].ner == "O"sv &&
                       std::isupper(static_cast<unsigned char>(s.tokens[static_cast<std::size_t>(end)].form[0])) &&
                       calendar_word(s.tokens[static_cast<std::size_t>(end)].form) == CalendarWord::none)
                    ++end;
                if (end == i + 2) continue;
            }
            set_span(s, i, end, "LOC");
            i = end - 1;
        }
    }

    // A place the lexicons list, then a capitalised plural, is a sports team: "the Minnesota
    // Vikings" (read as a place), "the New York Yankees" ("New York" alone). Not the plurals
    // that name parts of a place ("Colorado Springs", "Washington Heights").
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i < n; ++i) {
            if (s.tokens[static_cast<std::size_t>(i)].ner != "B-LOC"sv) continue;
            const int end = whole_mention(s, i, i + 1).second;
            int place_end = end, team_end = end;
            if (end < n && s.tokens[static_cast<std::size_t>(end)].ner == "O"sv && is_team_plural(s.tokens[static_cast<std::size_t>(end)].form))
                team_end = end + 1;
            else if (end - i >= 2 && is_team_plural(s.tokens[static_cast<std::size_t>(end) - 1].form))
                place_end = end - 1;
            else
                continue;
            if (m_gazetteer.kinds_of(surface(s, i, place_end)) & kPlaceKinds) set_span(s, i, team_end, "ORG");
            i = team_end - 1;
        }
    }

    // A broadcaster's or company's national branch names the organisation: "RT America" (read as
    // a place, or as "[RT] [America]"), "Al Jazeera America". An organisation's mention right
    // before a country the lexicons list (no word between), or a place's mention that starts with
    // a name the document reads as an organisation and ends in such a country, is one organisation;
    // not where the organisation's name ends in its head noun ("State Department Iraq hands").
    {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i < n; ++i) {
            const std::string& tag = s.tokens[static_cast<std::size_t>(i)].ner;
            if (tag != "B-ORG" && tag != "B-LOC") continue;
            const int end = whole_mention(s, i, i + 1).second;
            int branch_end = -1;
            if (tag == "B-ORG" && end < n && s.tokens[static_cast<std::size_t>(end)].ner == "B-LOC"sv &&
                !m_gazetteer.is_org_suffix(s.tokens[static_cast<std::size_t>(end) - 1].form)) {
                const int place_end = whole_mention(s, end, end + 1).second;
                if (m_gazetteer.kinds_of(surface(s, end, place_end)) & bit(LexiconKind::Country)) branch_end = place_end;
            } else if (tag == "B-LOC") {
                for (int k = i + 1; k < end && branch_end < 0; ++k) {
                    const auto it = known.find(surface(s, i, k));
                    if (it != known.end() && it->second == 1 && (m_gazetteer.kinds_of(surface(s, k, end)) & bit(LexiconKind::Country)))
                        branch_end = end;
                }
            }
            if (branch_end > 0) set_span(s, i, branch_end, "ORG");
            i = std::max(end, branch_end) - 1;
        }
    }
}

void EntityRecognizer::document_pass(std::vector<Sentence>& document,
                                     const std::vector<std::vector<GazetteerMatch>>& matches) const {
    constexpr LexiconKinds kCueKinds = bit(LexiconKind::PersonTitle) | bit(LexiconKind::OrgSuffix) |
                                       bit(LexiconKind::PersonCue) | bit(LexiconKind::OrgCue) |
                                       bit(LexiconKind::PlaceCue) | bit(LexiconKind::EventCue);
    // Every mention votes for its type under its words; a multi-word person name also votes
    // "person" for its last word, so that a bare surname later agrees with it.
    std::unordered_map<std::string, std::array<int, 3>> votes;
    // A noun right before a capitalised name says what it names ("website Mediapart", "Mr Macron",
    // "the city of Qaim"): such a cue counts as two votes, and a name the sentence pass left
    // untagged is tagged with the cue's type.
    // A name right after an event noun ("Hurricane Rita", "Typhoon Haiyan") names an event, which
    // is no entity: it, the noun and its other mentions in the document stay untagged. Not where
    // the noun is inside a name ("the National Hurricane Center": tagged on from "National", or
    // ending in an organisation suffix).
    std::unordered_set<std::string> event_names;
    // The end of the name that starts at `first` after a cue: capitalised words, at most
    // `max_words`, up to a title or demonym ("journalist Cecilia Sala", "Hurricane Rita").
    auto name_end = [&](const Sentence& s, int first, int max_words) {
        const int n = static_cast<int>(s.tokens.size());
        int end = first;
        while (end < n && end - first < max_words) {
            const std::string& w = s.tokens[static_cast<std::size_t>(end)].form;
            if (w.empty() || !std::isupper(static_cast<unsigned char>(w[0]))) break;
            if (m_gazetteer.kinds_of(w) & (bit(LexiconKind::PersonTitle) | bit(LexiconKind::Demonym))) break;
            // A date after the cue ("his doctor Friday", "the reporter May 3"); not "Prime
            // Minister May".
            if (is_date_word(s, end)) break;
            ++end;
        }
        return end;
    };
    for (std::size_t si = 0; si < document.size(); ++si) {
        Sentence& s = document[si];
        const int n = static_cast<int>(s.tokens.size());
        for (const GazetteerMatch& m : matches[si]) {
            if (!(m.kinds & kCueKinds)) continue;
            if (m.has(LexiconKind::EventCue)) {
                const int end = name_end(s, m.end_token, 3);
                if (end == m.end_token) continue;
                if (s.tokens[static_cast<std::size_t>(m.first_token)].ner.rfind("I-", 0) == 0 ||
                    (m_gazetteer.kinds_of(s.tokens[static_cast<std::size_t>(end - 1)].form) & bit(LexiconKind::OrgSuffix)))
                    continue;
                event_names.insert(surface(s, m.end_token, end));
                clear_span(s, m.first_token, end);
                continue;
            }
            if (m.has(LexiconKind::PersonTitle) && m.end_token < n) {
                // An honorific is no part of the name it precedes (UNER tags "Mr." O): where the
                // model tagged "[Mr. Trump]" as one name, the name starts after it.
                Token& title = s.tokens[static_cast<std::size_t>(m.first_token)];
                Token& next = s.tokens[static_cast<std::size_t>(m.end_token)];
                if (m.end_token - m.first_token == 1 && is_honorific(title.form) && title.ner.rfind("B-", 0) == 0 &&
                    next.ner == "I-" + title.ner.substr(2)) {
                    next.ner = title.ner;
                    title.ner = "O";
                }
            }
            int type = -1;
            if (m.has(LexiconKind::PersonTitle) || m.has(LexiconKind::PersonCue)) type = 0;
            if (m.has(LexiconKind::OrgCue)) type = type < 0 ? 1 : -2;
            if (m.has(LexiconKind::PlaceCue)) type = type < 0 ? 2 : -2;
            if (type < 0) continue;
            int first = m.end_token;
            if (type == 2 && first + 1 < n && s.tokens[static_cast<std::size_t>(first)].form == "of"sv) ++first;
            const int end = name_end(s, first, 5);
            if (end == first) continue;
            // A title before the name of an organisation or an event names no one: "the
            // Commander-in-Chief Forum" (a televised forum), "former Miss Universe Alicia
            // Machado" (a pageant: "Miss" before a single dictionary word that is no listed
            // first name, or before a place; "Miss Lily" stays a person).
            if (type == 0) {
                const std::string& last = s.tokens[static_cast<std::size_t>(end - 1)].form;
                if (m_gazetteer.is_org_suffix(last)) continue;
                const std::uint8_t classes = m_gazetteer.word_classes(last);
                const bool common = (classes & static_cast<std::uint8_t>(WordClass::CommonWord)) &&
                                    !(classes & static_cast<std::uint8_t>(WordClass::ProperNoun));
                if (s.tokens[static_cast<std::size_t>(m.first_token)].form == "Miss"sv && end - first == 1 &&
                    (common || (m_gazetteer.kinds_of(last) & kPlaceKinds))) {
                    if (s.tokens[static_cast<std::size_t>(first)].ner == "B-PER"sv && whole_mention(s, first, end).second == end)
                        clear_span(s, first, end);
                    continue;
                }
            }
            votes[surface(s, first, end)][static_cast<std::size_t>(type)] += 2;
            bool untagged = true;
            for (int i = first; i < end; ++i) untagged = untagged && s.tokens[static_cast<std::size_t>(i)].ner == "O"sv;
            if (untagged) set_span(s, first, end, kTypes[type]);
        }
    }
    // Names listed in organisations.tsv are organisations wherever the model saw a name there,
    // and where it saw none (the list holds unambiguous names only, matched as written: "Google"
    // in "whether Google can be anything more"; on UNER dev +5 right, +2 wrong).
    {
        for (std::size_t si = 0; si < document.size(); ++si) {
            Sentence& s = document[si];
            for (const GazetteerMatch& m : matches[si]) {
                if (m.kinds != bit(LexiconKind::Organisation)) continue;
                bool tagged = false;
                for (int i = m.first_token; i < m.end_token; ++i) tagged = tagged || s.tokens[static_cast<std::size_t>(i)].ner != "O"sv;
                if (!tagged) {
                    set_span(s, m.first_token, m.end_token, "ORG");
                    continue;
                }
                // Widen to the whole mention the model found ("The Associated Press").
                const auto [first, end] = whole_mention(s, m.first_token, m.end_token);
                set_span(s, first, end, "ORG");
            }
        }
    }
    // Camel-case words ("DigitalOcean", "PayPal") that no dictionary knows and the document
    // repeats are brand names, which news treats as organisations.
    {
        std::unordered_map<std::string, int> camel;  // form -> occurrences, -1 once tagged anywhere
        auto is_camel = [&](const std::string& w) { return is_camel_case(w) && !m_gazetteer.word_classes(w); };
        for (const Sentence& s : document)
            for (const Token& t : s.tokens)
                if (is_camel(t.form)) {
                    int& c = camel[t.form];
                    if (t.ner != "O"sv) c = -1;
                    else if (c >= 0) ++c;
                }
        for (Sentence& s : document)
            for (std::size_t i = 0; i < s.tokens.size(); ++i)
                if (auto it = camel.find(s.tokens[i].form); it != camel.end() && it->second >= 2)
                    s.tokens[i].ner = "B-ORG";
    }
    // An acronym defined in parentheses right after its long form ("Housing Authority of New
    // Orleans (HANO)", "Committee to Protect Journalists (CPJ)") names what the long form names.
    // Both take the long form's type: the sentence pass's if it tagged the long form whole, else
    // a place if the lexicons list the long form as one, else an organisation; the definition
    // counts two votes, so the acronym's other mentions follow (below). Capitalised terms that
    // name no one ("Gross Domestic Product (GDP)") are left alone: the sentence pass must have
    // tagged the acronym or two words of the long form, or the long form must end in an
    // organisation suffix ("Authority", "Committee"); one tagged word is not enough ("Gross" as a
    // person's name at the start of a sentence).
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        for (int open = 1; open + 2 < n; ++open) {
            const auto& tok = s.tokens;
            if (tok[static_cast<std::size_t>(open)].form != "("sv || tok[static_cast<std::size_t>(open + 2)].form != ")"sv) continue;
            const std::string& acronym = tok[static_cast<std::size_t>(open + 1)].form;
            if (!is_acronym(acronym)) continue;
            const int first = long_form_start(s, open, acronym);
            if (first < 0) continue;
            int tagged = 0;
            for (int i = first; i < open; ++i) tagged += tok[static_cast<std::size_t>(i)].ner != "O"sv;
            const bool named = tok[static_cast<std::size_t>(open + 1)].ner != "O"sv || tagged >= 2 ||
                               (m_gazetteer.kinds_of(tok[static_cast<std::size_t>(open - 1)].form) & bit(LexiconKind::OrgSuffix));
            if (!named) continue;
            const std::string long_form = surface(s, first, open);
            int type = 1;
            const std::string& head = tok[static_cast<std::size_t>(first)].ner;
            bool whole = head.size() > 2 && head[0] == 'B';
            for (int i = first + 1; i < open && whole; ++i)
                whole = tok[static_cast<std::size_t>(i)].ner == "I-" + head.substr(2);
            if (whole)
                type = type_index(std::string_view(head).substr(2));
            else if (m_gazetteer.kinds_of(long_form) & kPlaceKinds)
                type = 2;
            set_span(s, first, open, kTypes[type]);
            set_span(s, open + 1, open + 2, kTypes[type]);
            votes[long_form][static_cast<std::size_t>(type)] += 2;
            votes[acronym][static_cast<std::size_t>(type)] += 2;
        }
    }
    if (!event_names.empty())
        for (const EntitySpan& span : entity_spans(document)) {
            Sentence& s = document[static_cast<std::size_t>(span.sentence)];
            if (event_names.count(surface(s, span.first_token, span.end_token))) clear_span(s, span.first_token, span.end_token);
        }
    // A headline in title case ("Elizabeth Warren Hammers Wells Fargo", "Double Standard Clinton
    // And Trump Face") gives the model nothing to tell a name from the words around it: the
    // document's first sentence, when headline-style, keeps only the names that the rest of the
    // document has too (or the lexicons list; a person's name whose surname the document has), and
    // the repeats step below tags the names of the body in it again ("Clinton", "Trump").
    if (document.size() > 1 && capitals_of(document.front()).headline()) {
        std::unordered_set<std::string> body_names;
        for (const EntitySpan& span : entity_spans(document))
            if (span.sentence > 0)
                body_names.insert(surface(document[static_cast<std::size_t>(span.sentence)], span.first_token, span.end_token));
        Sentence& headline = document.front();
        if (!body_names.empty())
            for (const EntitySpan& span : entity_spans(headline, 0)) {
                const std::string name = surface(headline, span.first_token, span.end_token);
                const bool surname_known = span.type == "PER"sv && span.end_token - span.first_token <= 3 &&
                                           body_names.count(headline.tokens[static_cast<std::size_t>(span.end_token - 1)].form);
                if (body_names.count(name) || surname_known || (m_gazetteer.kinds_of(name) & kListedNameKinds)) continue;
                clear_span(headline, span.first_token, span.end_token);
            }
    }
    // A day or month alone names no one, unless the document names a person with it and no
    // number stands beside it ("Theresa May ... May said", not "in May 2017"; surnames below).
    // Nor does a party-and-state tag ("Sen. Mike Lee (R-Utah)"), which the model read as a place
    // or an organisation.
    std::unordered_set<std::string> surnames;    // last words of person names of two words or more
    std::unordered_set<std::string> first_names;  // and their first words
    const std::vector<EntitySpan> found = entity_spans(document);
    for (const EntitySpan& span : found) {
        const Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        if (span.type == "PER"sv && span.end_token - span.first_token >= 2) {
            surnames.insert(s.tokens[static_cast<std::size_t>(span.end_token - 1)].form);
            first_names.insert(s.tokens[static_cast<std::size_t>(span.first_token)].form);
        }
    }
    for (const EntitySpan& span : found) {  // single-word spans only: clearing one leaves the others as found
        Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        const std::string& w = s.tokens[static_cast<std::size_t>(span.first_token)].form;
        if (span.end_token - span.first_token != 1) continue;
        if ((calendar_word(w) != CalendarWord::none && (!surnames.count(w) || is_date_word(s, span.first_token))) ||
            Tokenizer::is_party_state_tag(w))
            clear_span(s, span.first_token, span.end_token);
    }
    // An organisation or place that ends in the surname of a person the document names in full
    // where a comma is missing before it ("the editorial board of the Washington Post Trump
    // said"), or after an adverb that opens the sentence ("Meanwhile Trump continues"), is two
    // things: the listed name stays as it was, the adverb goes, the surname is the person.
    for (const EntitySpan& span : entity_spans(document)) {
        if (span.type == "PER"sv || span.end_token - span.first_token < 2) continue;
        Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        const int last = span.end_token - 1;
        if (!surnames.count(s.tokens[static_cast<std::size_t>(last)].form)) continue;
        const std::string& first_word = s.tokens[static_cast<std::size_t>(span.first_token)].form;
        const bool opening_word = span.first_token == 0 && last == 1 &&
                                  (m_gazetteer.word_classes(first_word) & static_cast<std::uint8_t>(WordClass::CommonWord));
        const bool listed = m_gazetteer.kinds_of(surface(s, span.first_token, last)) & kListedNameKinds;
        if (!opening_word && !listed) continue;
        if (opening_word)
            clear_span(s, span.first_token, last);
        else
            set_span(s, span.first_token, last, span.type);
        set_span(s, last, last + 1, "PER");
    }
    // A name said to someone opens a sentence and a comma follows it, before "you" ("Elmira, you
    // are the best!", "Malach, what you say makes sense"), or it closes a greeting ("Hey Vladi,",
    // "Dear Mery,", or "Mery," alone on its line): that person is named, whatever the model read.
    // Not a dictionary word ("Yes, you can"), nor a listed name or demonym ("America, you ..."):
    // the vocative's votes count twice for PER below.
    std::unordered_set<std::string> addressed;
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        auto lower_is = [&s](int i, std::initializer_list<std::string_view> words) {
            const std::string w = text::ascii_lower(s.tokens[static_cast<std::size_t>(i)].form);
            return std::find(words.begin(), words.end(), w) != words.end();
        };
        int name = -1;
        if (n >= 2 && s.tokens[1].form == ","sv) {
            bool you = n == 2;
            for (int k = 2; k < n && k < 7 && !you; ++k) you = lower_is(k, {"you", "your", "u", "ya", "yours"});
            if (you) name = 0;
        } else if (n >= 3 && lower_is(0, {"hey", "hi", "hello", "dear", "thanks", "bye"}) &&
                   (s.tokens[2].form == ","sv || s.tokens[2].form == "!"sv || s.tokens[2].form == "."sv)) {
            name = 1;
        }
        if (name < 0) continue;
        const Token& t = s.tokens[static_cast<std::size_t>(name)];
        if (t.form.size() < 2 || !std::isupper(static_cast<unsigned char>(t.form[0])) ||
            (name + 1 < n && s.tokens[static_cast<std::size_t>(name) + 1].ner.rfind("I-", 0) == 0) ||
            (m_gazetteer.word_classes(t.form) & static_cast<std::uint8_t>(WordClass::CommonWord)) ||
            (m_gazetteer.kinds_of(t.form) & (kListedNameKinds | bit(LexiconKind::Demonym))))
            continue;
        set_span(s, name, name + 1, "PER");
        addressed.insert(t.form);
    }
    const std::vector<EntitySpan> spans = entity_spans(document);
    std::vector<std::string> names;
    names.reserve(spans.size());
    for (const EntitySpan& span : spans) {
        const Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        names.push_back(surface(s, span.first_token, span.end_token));
        ++votes[names.back()][static_cast<std::size_t>(type_index(span.type))];
        // "University of Porto", "Bank of England", "Ministry of Defence": an organisation's head
        // noun, then "of" and a place, names the organisation (two votes, as a cue's), not the place.
        if (span.end_token - span.first_token >= 3 && s.tokens[static_cast<std::size_t>(span.first_token) + 1].form == "of"sv &&
            (m_gazetteer.kinds_of(s.tokens[static_cast<std::size_t>(span.first_token)].form) & bit(LexiconKind::OrgSuffix)))
            votes[names.back()][1] += 2;
        // A name ending in "University" or "College" names the school ("New York University",
        // which the model read as the city), one ending in "Monthly" or "Tribune" the publication
        // ("The Washington Monthly", read as a place): two votes for an organisation.
        if (span.end_token - span.first_token >= 2) {
            const std::string& last = s.tokens[static_cast<std::size_t>(span.end_token - 1)].form;
            if (last == "University" || last == "College" || is_publication_head(last)) votes[names.back()][1] += 2;
        }
        // A brand written in camel case that the model read as a place ("I spoke to Bruce at NiMo")
        // names a company: places are not written so, except after a surname's prefix ("DeKalb").
        if (span.type == "LOC"sv && span.end_token - span.first_token == 1 && is_camel_case(names.back()) &&
            !has_name_prefix(names.back()))
            votes[names.back()][1] += 2;
        // An acronym after "the" that the model read as a place but the lexicons do not list as
        // one ("the VA", the Veterans Affairs department, which the word classes put beside
        // Virginia) names an organisation: places written so are listed ("the US", "the UAE").
        if (span.type == "LOC"sv && span.end_token - span.first_token == 1 && span.first_token > 0 &&
            (s.tokens[static_cast<std::size_t>(span.first_token) - 1].form == "the"sv ||
             s.tokens[static_cast<std::size_t>(span.first_token) - 1].form == "The"sv) &&
            is_acronym(names.back()) && !(m_gazetteer.kinds_of(names.back()) & kPlaceKinds))
            votes[names.back()][1] += 2;
        if (span.type == "PER"sv && span.end_token - span.first_token >= 2)
            ++votes[s.tokens[static_cast<std::size_t>(span.end_token - 1)].form][0];
        if (span.type == "PER"sv && span.end_token - span.first_token == 1 && addressed.count(names.back()))
            votes[names.back()][0] += 2;
    }
    // A surname alone names the person the document named in full: news gives the whole name
    // once and the surname after it, so the full name outweighs the model's guesses for the bare
    // surname, which it reads without the first name ("Donald Trump ... Clinton led Trump by 5"
    // with "Trump" as a place; "Terence Crutcher ... Crutcher had refused" as an organisation).
    // Not for a word the lexicons list as a place or organisation ("George Washington" and
    // "Washington" may both be in one article).
    const auto listed_or_demonym = [this](const std::string& w) {
        return (m_gazetteer.kinds_of(w) & (kListedNameKinds | bit(LexiconKind::Demonym))) != 0;
    };
    for (const std::string& surname : surnames)
        if (!listed_or_demonym(surname)) votes[surname] = {1, 0, 0};
    // So does a first name alone that the model read as a name of another type ("Vladi ... Hey
    // Vladi, ... Vladi Pimenov", with the bare "Vladi" as a place); untagged ones are left to the
    // repeat step (5). Not for initials or listed names ("Paris Hilton" and "Paris"), nor a first
    // name that is also a surname of the document.
    for (const std::string& first : first_names) {
        auto it = votes.find(first);
        if (it == votes.end() || surnames.count(first) || first.size() < 3 || first.back() == '.' || listed_or_demonym(first))
            continue;
        it->second = {1, 0, 0};
    }
    // The name of an organisation without its suffix names the organisation: news writes "the
    // Mozilla Foundation" or "NSO Group" once and "Mozilla" or "NSO" after it, which the model
    // reads without the suffix (the word classes put "Mozilla" among places, "Fox" among first
    // names). Not where the short form is the surname of a person the document names in full
    // ("Bill Clinton ... the Clinton Foundation"), or a place or demonym the lexicons list.
    for (const EntitySpan& span : spans) {
        const Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        const int suffix = span.end_token - 1;
        int first = span.first_token;
        if (s.tokens[static_cast<std::size_t>(first)].form == "The"sv || s.tokens[static_cast<std::size_t>(first)].form == "the"sv) ++first;
        if (suffix <= first || !is_company_suffix(s.tokens[static_cast<std::size_t>(suffix)].form)) continue;
        // The words before the suffix, and the first word alone where the others are dictionary
        // words ("Solano Shipping Group" ... "traced to Solano tanker").
        const auto common = [&](int k) {
            return (m_gazetteer.word_classes(s.tokens[static_cast<std::size_t>(k)].form) &
                    static_cast<std::uint8_t>(WordClass::CommonWord)) != 0;
        };
        bool brand_first = suffix - first >= 2 && !common(first);
        for (int k = first + 1; k < suffix && brand_first; ++k) brand_first = common(k);
        for (const int end : {suffix, brand_first ? first + 1 : -1}) {
            if (end < 0) continue;
            const std::string short_form = surface(s, first, end);
            if (surnames.count(short_form) || (m_gazetteer.kinds_of(short_form) & (kPlaceKinds | bit(LexiconKind::Demonym))))
                continue;
            votes[short_form] = {0, 1, 0};
        }
    }
    auto winner = [](const std::array<int, 3>& v) {
        const int top = static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
        for (int t = 0; t < 3; ++t)
            if (t != top && v[static_cast<std::size_t>(t)] == v[static_cast<std::size_t>(top)]) return -1;  // tie
        return top;
    };
    for (std::size_t k = 0; k < spans.size(); ++k) {
        const EntitySpan& span = spans[k];
        const int top = winner(votes[names[k]]);
        if (top < 0 || top == type_index(span.type)) continue;
        set_span(document[static_cast<std::size_t>(span.sentence)], span.first_token, span.end_token, kTypes[top]);
    }

    // Mentions the sentence pass missed: a capitalised name tagged elsewhere in the document is
    // tagged wherever else it occurs untagged, unless a word of it is a common word ("Apple").
    std::unordered_map<std::string, int> known;  // surface -> type
    for (const auto& [name, v] : votes) {
        const int top = winner(v);
        if (top >= 0) known.emplace(name, top);
    }
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i < n; ++i) {
            if (s.tokens[static_cast<std::size_t>(i)].ner != "O"sv) continue;
            const std::string& w = s.tokens[static_cast<std::size_t>(i)].form;
            if (w.empty() || !(std::isupper(static_cast<unsigned char>(w[0]))) || is_date_word(s, i)) continue;
            // Longest known name starting here whose tokens are all untagged.
            std::string name;
            int best_end = -1, best_type = -1;
            for (int j = i; j < n && j - i < 6 && s.tokens[static_cast<std::size_t>(j)].ner == "O"sv; ++j) {
                if (j > i) name += ' ';
                name += s.tokens[static_cast<std::size_t>(j)].form;
                if (auto it = known.find(name); it != known.end()) {
                    best_end = j + 1;
                    best_type = it->second;
                }
            }
            if (best_end < 0) continue;
            bool common = false;
            for (int j = i; j < best_end; ++j)
                common = common || (m_gazetteer.word_classes(s.tokens[static_cast<std::size_t>(j)].form) &
                                    static_cast<std::uint8_t>(WordClass::CommonWord));
            if (common && !(best_end == i + 1 && best_type == 0 && surnames.count(w))) continue;
            set_span(s, i, best_end, kTypes[best_type]);
            i = best_end - 1;
        }
    }

    // An untagged run of capitalised words that ends in an organisation's head noun names an
    // organisation: "the Congressional Budget Office", "the Securities and Exchange Commission",
    // "the House Oversight and Government Reform Committee", which the model leaves out in news
    // (none of them in its training text). Inside the run "of", "and", "on", "for" may join
    // capitalised words, and a run so joined may also start with the head noun ("the Commission
    // on Presidential Debates", "the Broadcasting Board of Governors"); a leading "The" or "A"
    // stays out, as UNER has it, and a day or month ends the run ("the Times on Saturday"); a run
    // the lexicons list as a place ("Oval Office") is left alone, and so are lines with half their
    // words capitalised (headlines). Where the model tagged any word of the run, its reading stands.
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        if (capitals_of(s).mostly_capitalised()) continue;
        auto untagged_capital = [&s](int i) {
            const Token& t = s.tokens[static_cast<std::size_t>(i)];
            return !t.form.empty() && std::isupper(static_cast<unsigned char>(t.form[0])) && t.ner == "O"sv &&
                   calendar_word(t.form) == CalendarWord::none;
        };
        for (int i = 0; i < n; ++i) {
            if (!untagged_capital(i)) continue;
            const std::string& first = s.tokens[static_cast<std::size_t>(i)].form;
            if (first == "The" || first == "A" || first == "An" || first == "This" || first == "That") continue;
            int last = i;
            bool joined = false;  // by a connector
            while (last + 1 < n) {
                if (untagged_capital(last + 1)) {
                    ++last;
                    continue;
                }
                const std::string& w = s.tokens[static_cast<std::size_t>(last + 1)].form;
                if ((w == "of" || w == "and" || w == "on" || w == "for") && last + 2 < n && untagged_capital(last + 2)) {
                    last += 2;
                    joined = true;
                    continue;
                }
                break;
            }
            const int end = last + 1;
            // Joined runs may also put words before the head noun: "the French Ministry of
            // Foreign Affairs", "the Federal Bureau of Prisons".
            bool head_before_connector = false;
            for (int k = i; joined && k <= last && std::isupper(static_cast<unsigned char>(s.tokens[static_cast<std::size_t>(k)].form[0])); ++k)
                head_before_connector = head_before_connector || is_head_noun(m_gazetteer, s, k);
            if (end - i >= 2 && (is_head_noun(m_gazetteer, s, last) || head_before_connector) &&
                !(m_gazetteer.kinds_of(surface(s, i, end)) & kPlaceKinds))
                set_span(s, i, end, "ORG");
            i = last;
        }
    }

    // "[University] of [Porto]" tagged as two names: the head noun of an organisation, "of" and
    // a place name one organisation, as the vote above reads a whole "University of Porto".
    for (Sentence& s : document) {
        const std::size_t n = s.tokens.size();
        for (std::size_t i = 0; i + 2 < n; ++i) {
            const Token& head = s.tokens[i];
            if (head.ner == "O"sv || s.tokens[i + 1].form != "of"sv || s.tokens[i + 1].ner != "O"sv ||
                s.tokens[i + 2].ner != "B-LOC"sv)
                continue;
            if (!(m_gazetteer.kinds_of(head.form) & bit(LexiconKind::OrgSuffix))) continue;
            std::size_t first = i;
            while (first > 0 && s.tokens[first].ner.rfind("I-", 0) == 0) --first;
            std::size_t end = i + 3;
            while (end < n && s.tokens[end].ner == "I-LOC"sv) ++end;
            set_span(s, static_cast<int>(first), static_cast<int>(end), "ORG");
            i = end - 1;
        }
    }

    // Mentions mended within their sentence, in one walk over the document: each step below
    // reads only its sentence (and the document's known names).
    for (Sentence& s : document) mend_sentence_mentions(s, known);

    // No person's name has a slash-joined word in it (is_slash_joined): the whole mention goes.
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        for (int i = 0; i < n; ++i) {
            const std::string& tag = s.tokens[static_cast<std::size_t>(i)].ner;
            if (tag.size() < 5 || tag.compare(2, 3, "PER") != 0 || !is_slash_joined(s.tokens[static_cast<std::size_t>(i)].form))
                continue;
            const auto [first, end] = whole_mention(s, i, i + 1);
            clear_span(s, first, end);
            i = end - 1;
        }
    }

    // "FLINT, Mich.", "Henderson, Nev.", "NEWPORT NEWS, Va.": the capitalised words right before
    // a comma and an AP-style state abbreviation name a town of that state (a dateline, or where
    // something happened), which the model read as a person or left out (in capitals). Only that
    // mention: a person of the same name elsewhere in the document stays a person.
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        for (int comma = 1; comma + 1 < n; ++comma) {
            if (s.tokens[static_cast<std::size_t>(comma)].form != ","sv || s.tokens[static_cast<std::size_t>(comma)].ner != "O"sv ||
                !m_gazetteer.subdivision_of_abbreviation(s.tokens[static_cast<std::size_t>(comma + 1)].form))
                continue;
            int first = comma;
            if (s.tokens[static_cast<std::size_t>(comma - 1)].ner != "O"sv) {
                first = whole_mention(s, comma - 1, comma).first;
            } else {
                while (first > 0 && comma - first < 3) {
                    const Token& before = s.tokens[static_cast<std::size_t>(first - 1)];
                    if (before.form.empty() || !std::isupper(static_cast<unsigned char>(before.form[0]))) break;
                    if (before.ner != "O"sv) {  // "[NEWPORT] NEWS": the name the model began
                        if (first < comma) first = whole_mention(s, first - 1, first).first;
                        break;
                    }
                    --first;
                }
            }
            if (first < comma) set_span(s, first, comma, "LOC");
        }
    }

    // A dateline in capitals before a news agency's credit and a dash names a place: "TEHRAN
    // (AFP) -", "KYIV (Reuters) -", "BEIRUT, Lebanon (AP) —". The model read "TEHRAN" as an
    // organisation (beside the agency) and left "KYIV" out. The words after a comma keep the
    // model's reading. Without a credit ("BRUSSELS —", read as an organisation) only words of
    // three letters or more that are no dictionary words, before a dash set apart by a space:
    // "BREAKING —", "PS -" and "EB-5" are no places.
    for (Sentence& s : document) {
        const int n = static_cast<int>(s.tokens.size());
        auto capitals = [&s](int i) {
            const std::string& w = s.tokens[static_cast<std::size_t>(i)].form;
            return w.size() >= 2 && std::isupper(static_cast<unsigned char>(w[0])) &&
                   std::none_of(w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
        };
        int end = 0;
        while (end < n && end < 3 && capitals(end)) ++end;
        if (end == 0) continue;
        int open = end;
        if (open < n && s.tokens[static_cast<std::size_t>(open)].form == ","sv) {
            ++open;
            while (open < n && open - end <= 3 && std::isupper(static_cast<unsigned char>(s.tokens[static_cast<std::size_t>(open)].form[0]))) ++open;
        }
        auto is_dash = [&s](int i) {
            const std::string& dash = s.tokens[static_cast<std::size_t>(i)].form;
            return dash == "-"sv || dash == "--"sv || dash == "\u2014"sv || dash == "\u2013"sv;
        };
        const bool credit = open + 3 < n && s.tokens[static_cast<std::size_t>(open)].form == "("sv &&
                            s.tokens[static_cast<std::size_t>(open) + 2].form == ")"sv &&
                            std::isupper(static_cast<unsigned char>(s.tokens[static_cast<std::size_t>(open) + 1].form[0])) &&
                            is_dash(open + 3);
        bool bare = !credit && open + 1 < n && is_dash(open) && s.tokens[static_cast<std::size_t>(open) - 1].space_after;
        for (int i = 0; bare && i < end; ++i)
            bare = s.tokens[static_cast<std::size_t>(i)].form.size() >= 3 &&
                   !(m_gazetteer.word_classes(s.tokens[static_cast<std::size_t>(i)].form) & static_cast<std::uint8_t>(WordClass::CommonWord));
        if (!credit && !bare) continue;
        // The model may have read the dateline into the words after it ("BRUSSELS — Ministers").
        if (s.tokens[static_cast<std::size_t>(end) - 1].ner != "O"sv) {
            const int mention_end = whole_mention(s, end - 1, end).second;
            if (mention_end > end) clear_span(s, end, mention_end);
        }
        set_span(s, 0, end, "LOC");
    }

    // An organisation's name whose first word a hyphen glues to words before it takes them in,
    // when the compound starts with a capital: "the Commander-in-Chief Forum" had come out as
    // "Chief Forum", "Hewlett-Packard" may come out as "Packard". Not for places ("U.S.-Mexico
    // border" names two) nor people ("the Clinton-Kaine ticket").
    for (const EntitySpan& span : entity_spans(document)) {
        if (span.type != "ORG"sv) continue;
        Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        int first = span.first_token;
        while (first >= 2 && glued_hyphen(s, first - 1) && s.tokens[static_cast<std::size_t>(first - 2)].ner == "O"sv) first -= 2;
        const std::string& w = s.tokens[static_cast<std::size_t>(first)].form;
        // A single capital is a party's letter ("(D-Newport News)"), not a word of the name.
        if (first < span.first_token && w.size() >= 2 && std::isupper(static_cast<unsigned char>(w[0])))
            set_span(s, first, span.end_token, "ORG");
    }

    // A lower-case title or cue noun inside a person's name stands between two people: "Stein
    // spokeswoman Melezia Figueroa" (read as one name) is Stein, and Melezia Figueroa.
    for (const EntitySpan& span : entity_spans(document)) {
        if (span.type != "PER"sv) continue;
        Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        for (int i = span.first_token + 1; i + 1 < span.end_token; ++i) {
            const std::string& w = s.tokens[static_cast<std::size_t>(i)].form;
            if (w.empty() || !std::islower(static_cast<unsigned char>(w[0])) ||
                !(m_gazetteer.kinds_of(w) & (bit(LexiconKind::PersonCue) | bit(LexiconKind::PersonTitle))))
                continue;
            set_span(s, span.first_token, i, "PER");
            s.tokens[static_cast<std::size_t>(i)].ner = "O";
            set_span(s, i + 1, span.end_token, "PER");
            break;
        }
    }

    // A party's member noun is no name (UNER tags it O: "At least one Democrat wasn't", "the
    // panel's ranking Democrat"), nor part of the name it stands before ("Democrat Hillary
    // Clinton").
    for (const EntitySpan& span : entity_spans(document)) {
        Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        const std::string& first_word = s.tokens[static_cast<std::size_t>(span.first_token)].form;
        if (span.type == "PER"sv && (first_word == "Democrat" || first_word == "Republican"))
            clear_span(s, span.first_token, span.first_token + 1);
    }

    // Mentions that name no one, cleared last so that no repeat step tags them again:
    // - UNER tags no product, and news names some as bare words that read like a person's or a
    //   company's name ("The lab said Pegasus had been installed"): a mention that is exactly a
    //   name of products.tsv; likewise planets (celestial_bodies.tsv: "Mercury and Venus are
    //   conjunct"), which UNER tags O;
    // - a generational suffix on its own: in "Joseph R. Biden, Jr." the name ends at the comma,
    //   and where the document has "Martin Luther King, Jr." as one name, the repeat step (5) had
    //   tagged the lone "Jr." as a second person; so a Roman numeral alone ("World War II");
    // - laws, treaties, programmes and policies (UNER tags "Kyoto Protocol" OTH), which the model
    //   reads as places ("Nafta"), people ("Brexit", "Dodd-Frank") or organisations ("the Clean Air
    //   Act"): a mention whose written name, with the words a hyphen glues to it ("Trans-Pacific
    //   Partnership" around "Pacific Partnership"), is listed in laws_and_treaties.tsv, ends in a
    //   head word of it ("Act", "Treaty"), or is followed by one ("[Paris] Agreement").
    const auto names_law = [&](const Sentence& s, const EntitySpan& span) {
        const int n = static_cast<int>(s.tokens.size());
        int first = span.first_token, end = span.end_token;
        while (first >= 2 && glued_hyphen(s, first - 1)) first -= 2;
        while (end + 1 < n && glued_hyphen(s, end)) end += 2;
        return (end < n && m_gazetteer.is_law_head(s.tokens[static_cast<std::size_t>(end)].form)) ||
               (end - first >= 2 && m_gazetteer.is_law_head(s.tokens[static_cast<std::size_t>(end - 1)].form)) ||
               m_gazetteer.is_law_name(written_surface(s, first, end));
    };
    for (const EntitySpan& span : entity_spans(document)) {
        Sentence& s = document[static_cast<std::size_t>(span.sentence)];
        const bool suffix_alone = span.end_token - span.first_token == 1 &&
                                  (is_generational_suffix(s.tokens[static_cast<std::size_t>(span.first_token)].form) ||
                                   is_roman_numeral(s.tokens[static_cast<std::size_t>(span.first_token)].form));
        const std::string name = surface(s, span.first_token, span.end_token);
        if (suffix_alone || m_gazetteer.is_product(name) || m_gazetteer.is_celestial_body(name) || names_law(s, span))
            clear_span(s, span.first_token, span.end_token);
    }

    // The steps above may leave two person names side by side ("Hillary" tagged by the sentence
    // pass, "Clinton" as a repeat of a name seen alone): one name, as the decoder reads it.
    for (Sentence& s : document)
        for (std::size_t i = 1; i < s.tokens.size(); ++i)
            if (s.tokens[i].ner == "B-PER"sv && (s.tokens[i - 1].ner == "B-PER"sv || s.tokens[i - 1].ner == "I-PER"sv))
                s.tokens[i].ner = "I-PER";
}

EntityRecognizer EntityRecognizer::train(const std::vector<Iob2Document>& corpus, Gazetteer gazetteer,
                                         const NerTrainOptions& options) {
    EntityRecognizer r;
    r.m_gazetteer = std::move(gazetteer);

    // The window network's guesses on the training text come from networks trained on the other
    // folds of documents: guesses on sentences a network learnt from would be nearly always
    // right, and the perceptron would learn to trust them more than they deserve on new text.
    std::vector<std::vector<std::vector<std::uint8_t>>> guesses(corpus.size());  // document, sentence, token
    const WordVectors& vectors = r.m_gazetteer.word_vectors();
    if (options.window_net_folds > 0 && vectors.size() > 0) {
        const auto folds = static_cast<std::size_t>(options.window_net_folds);
        auto sentences_of = [&](auto&& take) {
            std::vector<const Sentence*> out;
            for (std::size_t d = 0; d < corpus.size(); ++d)
                if (take(d))
                    for (const Sentence& sentence : corpus[d].sentences) out.push_back(&sentence);
            return out;
        };
        for (std::size_t fold = 0; folds > 1 && fold < folds; ++fold) {
            WindowNetOptions fold_options = options.window_net;
            fold_options.seed += fold + 1;
            const EntityWindowNet net = EntityWindowNet::train(
                sentences_of([&](std::size_t d) { return d % folds != fold; }), vectors, fold_options);
            for (std::size_t d = fold; d < corpus.size(); d += folds)
                for (const Sentence& sentence : corpus[d].sentences) {
                    guesses[d].emplace_back();
                    net.guess(sentence, vectors, guesses[d].back());
                }
        }
        r.m_net = EntityWindowNet::train(sentences_of([](std::size_t) { return true; }), vectors, options.window_net);
        if (folds == 1)  // no held-out guesses: the final network's own
            for (std::size_t d = 0; d < corpus.size(); ++d)
                for (const Sentence& sentence : corpus[d].sentences) {
                    guesses[d].emplace_back();
                    r.m_net.guess(sentence, vectors, guesses[d].back());
                }
    }

    // Features do not depend on the weights: extract them once.
    std::vector<Example> examples;
    {
        Scratch s;
        for (std::size_t d = 0; d < corpus.size(); ++d) {
            const Iob2Document& doc = corpus[d];
            collect_document_words(doc.sentences, s.cps, s.words);
            for (std::size_t k = 0; k < doc.sentences.size(); ++k) {
                const Sentence& sentence = doc.sentences[k];
                if (sentence.tokens.empty()) continue;
                Example e;
                analyse_sentence(sentence, r.m_gazetteer, &s.words, s.info, s.matches, s.cps);
                if (!guesses[d].empty())
                    for (std::size_t i = 0; i < s.info.size(); ++i) s.info[i].net = guesses[d][k][i];
                sentence_features(s.info, r.m_gazetteer.word_clusters().levels(), e.features, e.offsets);
                for (const Token& t : sentence.tokens) {
                    int tag = tag_id(t.ner);
                    if (tag == kBeginPerson && !e.gold.empty() && !allowed(e.gold.back(), tag)) tag = kInsidePerson;
                    e.gold.push_back(tag);
                }
                examples.push_back(std::move(e));
            }
        }
    }

    // Several members trained on different shuffles vote by summing their scores: that evens
    // out the luck of one training order.
    r.m_transitions.fill(0.0f);
    std::vector<Perceptron> members;
    for (int member = 0; member < std::max(1, options.ensemble); ++member) {
    Perceptron model(std::vector<std::string>(tags().begin(), tags().end()));
    // Averaged structured perceptron: decode with the current weights, then move weight from the
    // predicted to the gold tags. Transitions are averaged here the way Perceptron averages weights.
    std::array<double, (kTagCount + 1) * kTagCount> trans{}, trans_summed{};
    std::array<float, (kTagCount + 1) * kTagCount> trans_now{};
    std::uint64_t instances = 0;
    std::vector<std::size_t> order(examples.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(options.seed + static_cast<std::uint64_t>(member) * 7919);
    std::uniform_real_distribution<float> coin(0.0f, 1.0f);
    std::vector<float> emissions, best;
    std::vector<std::int8_t> back;
    std::vector<int> path;
    std::vector<Hash> kept;
    std::vector<std::uint32_t> kept_offsets;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        std::size_t correct = 0, total = 0;
        for (std::size_t idx : order) {
            const Example& e = examples[idx];
            const int n = static_cast<int>(e.gold.size());
            // Feature dropout: each token sees a random subset of its features, so that no single
            // memorised word feature carries a decision and the general ones (shape, cues,
            // lexicons, context) get trained too.
            kept.clear();
            kept_offsets.assign(1, 0);
            for (int i = 0; i < n; ++i) {
                for (std::uint32_t k = e.offsets[static_cast<std::size_t>(i)]; k < e.offsets[static_cast<std::size_t>(i) + 1]; ++k)
                    if (options.feature_dropout <= 0 || coin(rng) >= options.feature_dropout) kept.push_back(e.features[k]);
                kept_offsets.push_back(static_cast<std::uint32_t>(kept.size()));
            }
            emissions.resize(static_cast<std::size_t>(n) * kTagCount);
            score_tokens(model, kept.data(), kept_offsets.data(), n, emissions.data());
            for (std::size_t k = 0; k < trans.size(); ++k) trans_now[k] = static_cast<float>(trans[k]);
            viterbi(emissions.data(), n, trans_now.data(), best, back, path);
            for (int i = 0; i < n; ++i) {
                const int gold = e.gold[static_cast<std::size_t>(i)];
                const int guess = path[static_cast<std::size_t>(i)];
                model.update(kept.data() + kept_offsets[static_cast<std::size_t>(i)],
                                 kept_offsets[static_cast<std::size_t>(i) + 1] - kept_offsets[static_cast<std::size_t>(i)],
                                 gold, guess);
                ++instances;
                ++total;
                if (gold == guess) ++correct;
                const int gold_prev = i == 0 ? kTagCount : e.gold[static_cast<std::size_t>(i - 1)];
                const int guess_prev = i == 0 ? kTagCount : path[static_cast<std::size_t>(i - 1)];
                if (gold_prev == guess_prev && gold == guess) continue;
                const double t = static_cast<double>(instances);
                const std::size_t g = static_cast<std::size_t>(gold_prev * kTagCount + gold);
                const std::size_t p = static_cast<std::size_t>(guess_prev * kTagCount + guess);
                trans[g] += 1.0;
                trans_summed[g] += t;
                trans[p] -= 1.0;
                trans_summed[p] -= t;
            }
        }
        if (options.on_epoch) options.on_epoch(epoch, total ? double(correct) / double(total) : 0.0);
    }
    model.finalize();
    if (options.prune_below > 0) model.prune(options.prune_below);
    const double denominator = static_cast<double>(instances) + 1.0;
    for (std::size_t k = 0; k < trans.size(); ++k)
        r.m_transitions[k] += static_cast<float>(trans[k] - trans_summed[k] / denominator);
    members.push_back(std::move(model));
    }
    // The members share their features and the scores are linear in the weights, so their sum is
    // one model: an ensemble costs no more lookups at run time than a single member.
    r.m_model = members.size() == 1 ? std::move(members.front()) : Perceptron::sum(members);
    return r;
}

void EntityRecognizer::save(const std::filesystem::path& model_path) const {
    model_io::ByteWriter w;
    w.u32(kFeatureVersion);
    w.varint(m_transitions.size());
    for (float t : m_transitions) w.f32(t);
    w.str(m_net.to_bytes());
    w.varint(1);  // one model; files of 2026-12-02 and before may hold several members
    std::ostringstream block;
    m_model.save(block);
    w.raw(block.str());
    model_io::write_file(model_path.string(), kModelKind, kModelVersion, w.bytes());
}

EntityRecognizer EntityRecognizer::load(const std::filesystem::path& model_path, const std::filesystem::path& lexicon_dir) {
    const std::string path = model_path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(model_path, ec))
        throw ModelError("NER model file " + path + " not found (retrain it with train_ner, see docs/ner.md)");
    EntityRecognizer r;
    const std::string payload = model_io::read_file(path, kModelKind, kModelVersion);
    model_io::ByteReader reader(payload, "file " + path);
    if (const std::uint32_t v = reader.u32(); v != kFeatureVersion)
        reader.fail("feature version " + std::to_string(v) + ", this build extracts version " +
                    std::to_string(kFeatureVersion) + " (retrain with train_ner)");
    if (reader.count(1024) != r.m_transitions.size()) reader.fail("unexpected transition table size");
    for (float& t : r.m_transitions) t = reader.f32();
    const std::string net = reader.str();
    r.m_gazetteer = Gazetteer::load(lexicon_dir);
    r.m_net = EntityWindowNet::from_bytes(net, r.m_gazetteer.word_vectors(), "file " + path);
    const std::uint64_t members = reader.count(16);
    if (members == 0) reader.fail("no weights");
    std::string_view blocks = reader.raw(reader.remaining());
    std::vector<Perceptron> models;
    for (std::uint64_t m = 0; m < members; ++m) {
        std::size_t used = 0;
        models.push_back(Perceptron::load(blocks, "file " + path, &used, true));  // read_file() checked them
        blocks.remove_prefix(used);
        if (models.back().classes() != std::vector<std::string>(tags().begin(), tags().end()))
            reader.fail("unexpected tag set");
    }
    if (!blocks.empty()) reader.fail("trailing bytes after the weights");
    // Files written before the members were summed at training time hold them apart.
    r.m_model = models.size() == 1 ? std::move(models.front()) : Perceptron::sum(models);
    return r;
}

}  // namespace factgraph::nlp
