// build_gazetteer: writes data/lexicons/countries.tsv and subdivisions.tsv from Debian's
// iso-codes JSON files (ISO 3166-1, -2, -3) and the hand-written country_aliases.tsv, and
// proper_nouns.tsv and common_words.tsv from Debian's wamerican word list; then checks that every
// country named by demonyms.tsv and cities.tsv exists.
//
//   apt-get install iso-codes wamerican
//   build_gazetteer [--iso-codes /usr/share/iso-codes/json] [--dictionary /usr/share/dict/american-english]
//                   [--lexicons data/lexicons]
//
// The output is committed, so the project does not need iso-codes at run time.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Variant {
    std::string name;
    std::string kind;  // name, official, common, alias, alpha2, alpha3
};

struct Country {
    std::string code;
    std::string canonical;
    std::vector<Variant> variants;
};

json read_json(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string() + " (apt-get install iso-codes)");
    return json::parse(in);
}

std::vector<std::vector<std::string>> read_tsv(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        std::string col;
        while (std::getline(ss, col, '\t')) cols.push_back(col);
        rows.push_back(std::move(cols));
    }
    return rows;
}

// Subdivision names worth matching in English text: Latin script only (letters up to U+024F,
// no combining marks), no lists or qualifiers in punctuation.
bool usable_place_name(const std::string& name) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            if (!(std::isalpha(c) || c == ' ' || c == '-' || c == '\'' || c == '.')) return false;
            ++i;
            continue;
        }
        // Two-byte sequences cover U+0080..U+07FF; accept Latin-1 letters and Latin Extended-A/B.
        if ((c & 0xE0) != 0xC0 || i + 1 >= name.size()) {
            // Allow the typographic apostrophe U+2019 (E2 80 99); reject anything else.
            if (name.compare(i, 3, "\xE2\x80\x99") == 0) {
                i += 3;
                continue;
            }
            return false;
        }
        const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3Fu);
        if (cp < 0xC0 || cp > 0x24F || cp == 0xD7 || cp == 0xF7) return false;
        i += 2;
    }
    return true;
}

// First-level units that English news names; municipalities, districts, parishes etc. are too
// many, too small and too often homographs of common words.
const std::set<std::string> kSubdivisionTypes = {
    "State", "Province", "Region", "Governorate", "Prefecture", "Autonomous region", "Land",
    "Voivodship", "Country", "Emirate", "Territory", "Union territory", "Republic", "Oblast",
    "Autonomous community", "Metropolitan region", "Regional state", "Special administrative region",
    "Administrative region", "Autonomous district", "Autonomous republic", "Federal district",
    "Autonomous city", "Canton", "Overseas region", "Overseas collectivity", "Outlying area"};

// Subdivision names that are also everyday English (or Romance) words; as features they would
// only add noise.
const std::set<std::string> kGenericNames = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
    "Centre", "Center", "Coast", "Bay", "Gulf", "Delta", "Capital", "Mary", "Van", "Nelson",
    "Lakes", "Upper", "Lower", "Middle", "Islands", "Island", "Highlands", "Valley", "Plateau",
    "Littoral", "Interior", "Mountain", "Lake", "River", "Sea", "Sud", "Nord", "Est", "Ouest",
    "Centro", "Sur", "Norte", "Oriental", "Occidental", "Grand", "Federal", "Orange", "Sport"};

std::string strip_bracket(std::string name) {
    if (auto p = name.find(" ["); p != std::string::npos) name.erase(p);
    return name;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Builds data/lexicons/countries.tsv and subdivisions.tsv from Debian iso-codes"};
    std::string iso_dir = "/usr/share/iso-codes/json";
    std::string lex_dir = "data/lexicons";
    std::string dict_path = "/usr/share/dict/american-english";
    app.add_option("--iso-codes", iso_dir, "directory of iso-codes JSON files");
    app.add_option("--dictionary", dict_path, "SCOWL word list (Debian wamerican)");
    app.add_option("--lexicons", lex_dir, "lexicon directory (reads the hand-written files, writes the rest)");
    CLI11_PARSE(app, argc, argv);

    try {
        const fs::path iso(iso_dir), lex(lex_dir);
        std::map<std::string, Country> countries;  // by code
        std::map<std::string, std::string> codes;  // alpha-2 -> alpha-3, added after the aliases
        // Keep each document in a variable: a range-for over read_json(...).at(...) would iterate a
        // destroyed temporary.
        const json iso1 = read_json(iso / "iso_3166-1.json");
        const json iso2 = read_json(iso / "iso_3166-2.json");
        const json iso3 = read_json(iso / "iso_3166-3.json");
        for (const json& c : iso1.at("3166-1")) {
            Country country;
            country.code = c.at("alpha_2").get<std::string>();
            const std::string name = c.at("name").get<std::string>();
            country.canonical = c.contains("common_name") ? c.at("common_name").get<std::string>() : name;
            country.variants.push_back({name, "name"});
            if (c.contains("official_name")) {
                std::string official = c.at("official_name").get<std::string>();
                if (official.rfind("the ", 0) == 0) official.erase(0, 4);
                country.variants.push_back({official, "official"});
            }
            if (c.contains("common_name")) country.variants.push_back({c.at("common_name").get<std::string>(), "common"});
            codes[country.code] = c.at("alpha_3").get<std::string>();
            countries[country.code] = std::move(country);
        }
        std::set<std::string> former_codes;
        for (const json& c : iso3.at("3166-3"))
            former_codes.insert(c.at("alpha_4").get<std::string>());

        for (const auto& row : read_tsv(lex / "country_aliases.tsv")) {
            if (row.size() < 3) throw std::runtime_error("country_aliases.tsv: expected 3 columns");
            const std::string& code = row[0];
            auto it = countries.find(code);
            if (it == countries.end()) {
                // A former country (ISO 3166-3) or one ISO does not list (Kosovo): needs a canonical row first.
                if (row[2] != "canonical")
                    throw std::runtime_error("country_aliases.tsv: alias for unknown code " + code);
                if (code.size() == 4 && !former_codes.count(code))
                    throw std::runtime_error("country_aliases.tsv: " + code + " is not in ISO 3166-3");
                it = countries.emplace(code, Country{code, row[1], {}}).first;
                it->second.variants.push_back({row[1], "name"});
                continue;
            }
            if (row[2] == "canonical") {
                it->second.canonical = row[1];
                it->second.variants.push_back({row[1], "common"});
            } else {
                it->second.variants.push_back({row[1], "alias"});
            }
        }

        // Codes go last so that "USA" or "UAE", also listed as aliases, keep the alias kind and
        // are matched in running text.
        for (const auto& [alpha2, alpha3] : codes) {
            countries[alpha2].variants.push_back({alpha2, "alpha2"});
            countries[alpha2].variants.push_back({alpha3, "alpha3"});
        }

        std::set<std::string> canonical_names;
        std::map<std::string, std::string> owner;  // variant -> code, to catch clashes
        std::ofstream out(lex / "countries.tsv");
        out << "# Country names -> canonical English short name. GENERATED by tools/build_gazetteer from\n"
               "# Debian iso-codes (ISO 3166-1 and -3; iso-codes is LGPL-2.1+, the ISO names are facts) and\n"
               "# the hand-written country_aliases.tsv. Do not edit: edit country_aliases.tsv and rerun.\n"
               "# Columns: variant <TAB> canonical <TAB> code <TAB> kind (name, official, common, alias,\n"
               "# alpha2, alpha3: the recogniser matches all but the codes in text).\n";
        std::size_t rows = 0;
        for (auto& [code, c] : countries) {
            canonical_names.insert(c.canonical);
            std::set<std::string> seen;
            // The canonical name first so readers that keep the first row for a variant get it.
            std::stable_sort(c.variants.begin(), c.variants.end(), [&](const Variant& a, const Variant& b) {
                return (a.name == c.canonical) > (b.name == c.canonical);
            });
            for (const Variant& v : c.variants) {
                if (!seen.insert(v.name).second) continue;
                if (auto [it, fresh] = owner.emplace(v.name, code); !fresh && it->second != code)
                    throw std::runtime_error("country variant '" + v.name + "' names both " + it->second + " and " + code);
                out << v.name << '\t' << c.canonical << '\t' << code << '\t' << v.kind << '\n';
                ++rows;
            }
        }
        std::cerr << "countries.tsv: " << countries.size() << " countries, " << rows << " variants\n";

        std::ofstream sub(lex / "subdivisions.tsv");
        sub << "# Top-level subdivisions of ISO 3166-2 (states, provinces, regions...) with Latin-script\n"
               "# names. GENERATED by tools/build_gazetteer from Debian iso-codes (LGPL-2.1+); do not edit.\n"
               "# Columns: name <TAB> ISO 3166-2 code <TAB> country (canonical) <TAB> type\n";
        std::size_t subs = 0;
        std::set<std::string> sub_seen;
        for (const json& s : iso2.at("3166-2")) {
            if (s.contains("parent")) continue;
            const std::string code = s.at("code").get<std::string>();
            const std::string name = strip_bracket(s.at("name").get<std::string>());
            if (!usable_place_name(name) || kGenericNames.count(name)) continue;
            if (!kSubdivisionTypes.count(s.at("type").get<std::string>())) continue;
            const std::string cc = code.substr(0, 2);
            auto it = countries.find(cc);
            if (it == countries.end()) continue;
            if (!sub_seen.insert(name + '\t' + cc).second) continue;
            sub << name << '\t' << code << '\t' << it->second.canonical << '\t' << s.at("type").get<std::string>() << '\n';
            ++subs;
        }
        std::cerr << "subdivisions.tsv: " << subs << " subdivisions\n";

        // The SCOWL word list of Debian's wamerican: proper nouns (capitalised entries) and common
        // lower-case words, without possessives. Its licence asks for the notice to travel along.
        {
            std::ifstream in(dict_path);
            if (!in) throw std::runtime_error("cannot open " + dict_path + " (apt-get install wamerican)");
            std::ofstream proper(lex / "proper_nouns.tsv"), common(lex / "common_words.tsv");
            const char* notice =
                "# Copyright 2000-2011 by Kevin Atkinson (SCOWL, via Debian's wamerican package).\n"
                "# Permission to use, copy, modify, distribute and sell these word lists, the associated\n"
                "# scripts, the output created from the scripts, and its documentation for any purpose is\n"
                "# hereby granted without fee, provided that the above copyright notice appears in all copies\n"
                "# and that both that copyright notice and this permission notice appear in supporting\n"
                "# documentation. Kevin Atkinson makes no representations about the suitability of this\n"
                "# array for any purpose. It is provided \"as is\" without express or implied warranty.\n";
            proper << "# Proper nouns (capitalised entries) of /usr/share/dict/american-english. GENERATED by\n"
                      "# tools/build_gazetteer; do not edit.\n" << notice;
            common << "# Common lower-case words of /usr/share/dict/american-english. GENERATED by\n"
                      "# tools/build_gazetteer; do not edit.\n" << notice;
            std::string word;
            std::size_t n_proper = 0, n_common = 0;
            while (std::getline(in, word)) {
                if (word.empty() || word.find('\'') != std::string::npos) continue;
                const unsigned char c = static_cast<unsigned char>(word[0]);
                if (c >= 'a' && c <= 'z') {
                    common << word << '\n';
                    ++n_common;
                } else {
                    proper << word << '\n';
                    ++n_proper;
                }
            }
            std::cerr << "proper_nouns.tsv: " << n_proper << ", common_words.tsv: " << n_common << '\n';
        }

        int bad = 0;
        for (const char* file : {"demonyms.tsv", "cities.tsv"}) {
            for (const auto& row : read_tsv(lex / file)) {
                if (row.size() < 2 || !canonical_names.count(row[1])) {
                    std::cerr << file << ": unknown country '" << (row.size() > 1 ? row[1] : "") << "' for '"
                              << row[0] << "'\n";
                    ++bad;
                }
            }
        }
        if (bad) return 1;
    } catch (const std::exception& e) {
        std::cerr << "build_gazetteer: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
