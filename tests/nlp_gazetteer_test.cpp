#include "factgraph/core/error.hpp"
#include "factgraph/nlp/gazetteer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

using namespace factgraph::nlp;

namespace {

const std::string kLexicons = std::string(FACTGRAPH_SOURCE_DIR) + "/data/lexicons";

const Gazetteer& lexicons() {
    static const Gazetteer g = Gazetteer::load(kLexicons);
    return g;
}

std::vector<Token> tokens_of(const std::string& text) {
    std::vector<Token> out;
    std::istringstream in(text);
    std::string w;
    while (in >> w) {
        Token t;
        t.form = w;
        out.push_back(t);
    }
    return out;
}

// Loads a copy of the shipped lexicons with `file` replaced by `content`: a ModelError whose
// message holds each of `expected`.
void expect_load_error_with_file(const std::string& file, const std::string& content,
                                 std::initializer_list<const char*> expected) {
    const auto dir = std::filesystem::temp_directory_path() / ("factgraph_gazetteer_" + file);
    std::filesystem::remove_all(dir);
    std::filesystem::copy(std::filesystem::path(FACTGRAPH_SOURCE_DIR) / "data/lexicons", dir);
    std::ofstream(dir / file) << content;
    try {
        Gazetteer::load(dir);
        ADD_FAILURE() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        for (const char* part : expected) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
}

// "first-end:kinds" for every match, to compare with one string.
std::string matches_of(const std::string& text) {
    std::string out;
    for (const GazetteerMatch& m : lexicons().match(tokens_of(text)))
        out += std::to_string(m.first_token) + "-" + std::to_string(m.end_token) + ":" + std::to_string(m.kinds) + " ";
    return out;
}

}  // namespace

TEST(Gazetteer, CanonicalCountryOfVariants) {
    const Gazetteer& g = lexicons();
    EXPECT_EQ(g.canonical_country("U.S.").value_or(""), "United States");
    EXPECT_EQ(g.canonical_country("US").value_or(""), "United States");
    EXPECT_EQ(g.canonical_country("USA").value_or(""), "United States");
    EXPECT_EQ(g.canonical_country("the United States of America").value_or(""), "United States");
    EXPECT_EQ(g.canonical_country("united kingdom").value_or(""), "United Kingdom");
    EXPECT_EQ(g.canonical_country("Britain").value_or(""), "United Kingdom");
    EXPECT_EQ(g.canonical_country("Russian Federation").value_or(""), "Russia");
    EXPECT_EQ(g.canonical_country("Korea, Republic of").value_or(""), "South Korea");
    EXPECT_EQ(g.canonical_country("Ivory Coast").value_or(""), "Côte d'Ivoire");
    EXPECT_EQ(g.canonical_country("  Saudi   Arabia ").value_or(""), "Saudi Arabia");
    EXPECT_EQ(g.country_code("France").value_or(""), "FR");
    EXPECT_EQ(g.country_code("USSR").value_or(""), "SUHH");
    // Two- and three-letter codes only match as written: "us" is a pronoun.
    EXPECT_FALSE(g.canonical_country("us").has_value());
    EXPECT_FALSE(g.canonical_country("Paris").has_value());
}

TEST(Gazetteer, DemonymsAndCities) {
    const Gazetteer& g = lexicons();
    EXPECT_EQ(g.country_for_demonym("French").value_or(""), "France");
    EXPECT_EQ(g.country_for_demonym("Moroccan").value_or(""), "Morocco");
    EXPECT_EQ(g.country_for_demonym("Israeli").value_or(""), "Israel");
    EXPECT_EQ(g.country_for_demonym("Israelis").value_or(""), "Israel");
    EXPECT_EQ(g.country_for_demonym("american").value_or(""), "United States");
    EXPECT_EQ(g.country_for_demonym("British").value_or(""), "United Kingdom");
    EXPECT_EQ(g.country_for_demonym("Saudi").value_or(""), "Saudi Arabia");
    EXPECT_FALSE(g.country_for_demonym("France").has_value());
    EXPECT_EQ(g.country_of_city("Paris").value_or(""), "France");
    EXPECT_FALSE(g.country_of_city("Atlantis").has_value());
}

TEST(Gazetteer, CueWords) {
    const Gazetteer& g = lexicons();
    EXPECT_TRUE(g.is_person_title("Mr"));
    EXPECT_TRUE(g.is_person_title("Mrs."));
    EXPECT_TRUE(g.is_person_title("president"));
    EXPECT_TRUE(g.is_person_title("Prime Minister"));
    EXPECT_FALSE(g.is_person_title("Macron"));
    EXPECT_TRUE(g.is_org_suffix("Inc."));
    EXPECT_TRUE(g.is_org_suffix("GmbH"));
    EXPECT_TRUE(g.is_org_suffix("plc"));
    EXPECT_TRUE(g.is_org_suffix("Ministry"));
    EXPECT_FALSE(g.is_org_suffix("Paris"));
}

TEST(Gazetteer, WordClasses) {
    const Gazetteer& g = lexicons();
    const auto common = static_cast<std::uint8_t>(WordClass::CommonWord);
    const auto proper = static_cast<std::uint8_t>(WordClass::ProperNoun);
    EXPECT_TRUE(g.word_classes("stories") & common);
    EXPECT_TRUE(g.word_classes("Stories") & common);
    EXPECT_TRUE(g.word_classes("Debra") & proper);
    EXPECT_TRUE(g.word_classes("debra") & proper);
    EXPECT_FALSE(g.word_classes("Debra") & common);
    EXPECT_EQ(g.word_classes("Xqzzv"), 0);
}

TEST(Gazetteer, LongestMatchAcrossTokenBoundaries) {
    const auto country = std::to_string(bit(LexiconKind::Country));
    const auto title = std::to_string(bit(LexiconKind::PersonTitle));
    // "Saudi Arabia" wins over the demonym "Saudi"; the title is a separate cue match.
    EXPECT_EQ(matches_of("President visits Saudi Arabia"), "0-1:" + title + " 2-4:" + country + " ");
    // The same phrase whether the tokeniser split the hyphen or not.
    EXPECT_EQ(matches_of("Guinea - Bissau"), "0-3:" + country + " ");
    EXPECT_EQ(matches_of("Guinea-Bissau"), "0-1:" + country + " ");
    // A sentence-final period split off "U.S" is not swallowed by "U.S.".
    EXPECT_EQ(matches_of("in the U.S ."), "");
    EXPECT_EQ(matches_of("in the U.S."), "2-3:" + country + " ");
    // Names are case-sensitive, except through match_names_any_case().
    EXPECT_EQ(matches_of("mexico"), "");
    std::vector<GazetteerMatch> any;
    lexicons().match_names_any_case(tokens_of("trip to mexico"), any);
    ASSERT_EQ(any.size(), 1u);
    EXPECT_EQ(any[0].first_token, 2);
    EXPECT_TRUE(any[0].has(LexiconKind::Country));
}

TEST(Gazetteer, StateAbbreviations) {
    const Gazetteer& g = lexicons();
    EXPECT_EQ(g.subdivision_of_abbreviation("Okla.").value_or(""), "Oklahoma");
    EXPECT_EQ(g.subdivision_of_abbreviation("N.C.").value_or(""), "North Carolina");
    EXPECT_FALSE(g.subdivision_of_abbreviation("Del.")) << "also a delegate's title";
    EXPECT_FALSE(g.subdivision_of_abbreviation("okla."));
    EXPECT_TRUE(g.kinds_of("Okla.") & bit(LexiconKind::Subdivision));
}

TEST(Gazetteer, ProductsAsWritten) {
    const Gazetteer& g = lexicons();
    EXPECT_TRUE(g.is_product("Pegasus"));
    EXPECT_TRUE(g.is_product("iPhone"));
    EXPECT_FALSE(g.is_product("pegasus")) << "as written";
    EXPECT_FALSE(g.is_product("Pegasus Airlines")) << "a whole name only";
    EXPECT_FALSE(g.is_product("NSO Group"));
    EXPECT_TRUE(g.is_celestial_body("Venus"));
    EXPECT_FALSE(g.is_celestial_body("Venus Williams")) << "a whole name only";
    EXPECT_FALSE(g.is_celestial_body("Earth")) << "a place in UNER";
}

TEST(Gazetteer, LawNamesAsWrittenAndTheirHeadWords) {
    const Gazetteer& g = lexicons();
    EXPECT_TRUE(g.is_law_name("Obamacare"));
    EXPECT_TRUE(g.is_law_name("Dodd-Frank"));
    EXPECT_TRUE(g.is_law_name("Trans-Pacific Partnership"));
    EXPECT_FALSE(g.is_law_name("obamacare")) << "as written";
    EXPECT_FALSE(g.is_law_name("Act")) << "a head word is no name";
    EXPECT_TRUE(g.is_law_head("Act"));
    EXPECT_TRUE(g.is_law_head("Treaty"));
    EXPECT_FALSE(g.is_law_head("act"));
    EXPECT_FALSE(g.is_law_head("Obamacare"));
}

TEST(Gazetteer, AliasOfAnUnknownSubdivisionIsModelErrorNamingTheLine) {
    expect_load_error_with_file("subdivision_aliases.tsv", "# header\nOkla.\tOklahoma\nAtl.\tAtlantis\n",
                                {"subdivision_aliases.tsv:3", "Atlantis"});
}

TEST(Gazetteer, UnknownCueTypeIsModelErrorNamingTheLine) {
    expect_load_error_with_file("name_cues.tsv", "# header\njournalist\tPER\nhurricane\tWEATHER\n",
                                {"name_cues.tsv:3", "WEATHER"});
}

TEST(Gazetteer, MissingOrBadLexiconIsModelError) {
    const auto dir = std::filesystem::temp_directory_path() / "factgraph_gazetteer_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    try {
        Gazetteer::load(dir);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("countries.tsv"), std::string::npos) << e.what();
    }
    std::ofstream(dir / "countries.tsv") << "# header\nFrance\tFrance\n";  // 2 columns, 4 expected
    try {
        Gazetteer::load(dir);
        FAIL() << "expected ModelError";
    } catch (const factgraph::ModelError& e) {
        EXPECT_NE(std::string(e.what()).find("countries.tsv:2"), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
}
