#include <map>
#include <set>

#include "extract/extraction_support.hpp"

namespace factgraph::importers::detail {

namespace {

// The people an article credits: its byline authors ("Jane Doe and John Roe") and the names in
// its photo credits ("Phil Noble/PA", "AP Photo/Jane Doe"), in normalised form.
std::set<std::string> credited_people(const Article& article) {
    std::set<std::string> people;
    auto add_parts = [&](std::string_view s, std::string_view separators) {
        std::string part;
        auto flush = [&] {
            std::string norm = text::normalize_name(part);
            if (!norm.empty()) people.insert(norm);
            part.clear();
        };
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (separators.find(s[i]) != std::string_view::npos) flush();
            else if (s.substr(i, 5) == " and ") flush(), i += 4;
            else part += s[i];
        }
        flush();
    };
    add_parts(article.byline, ",;");
    for (const auto& credit : article.credits) {
        add_parts(credit, "/,;");
        people.insert(text::normalize_name(credit));  // "Phil Noble/PA" may be tagged whole
    }
    return people;
}

}  // namespace

std::vector<std::string> group_names_into_actors(std::vector<NameSpan>& names, ExtractionBuilder& builder) {
    // A byline author or photographer named in the body (an inline "(Phil Noble/PA)", a sign-off
    // the reader left) is article metadata, not a person of the story. Agencies stay: "the Press
    // Association reported" makes one an actor.
    auto credited = credited_people(builder.article());
    if (!credited.empty())
        names.erase(std::remove_if(names.begin(), names.end(),
                                   [&](const NameSpan& n) {
                                       return n.type == ActorType::Person && credited.count(text::normalize_name(n.text));
                                   }),
                    names.end());
    std::map<std::string, ActorType> type_of;
    for (const auto& n : names) {
        auto& t = type_of.try_emplace(n.text, ActorType::Other).first->second;
        if (t == ActorType::Other) t = n.type;
    }
    auto words = [](const std::string& s) {
        std::vector<std::string> out;
        std::string cur;
        for (char c : s) {
            if (c == ' ') {
                if (!cur.empty()) out.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        if (!cur.empty()) out.push_back(cur);
        return out;
    };
    std::map<std::string, std::string> canonical;
    for (const auto& [name, type] : type_of) {
        auto w = words(name);
        std::string best;
        for (const auto& [other, other_type] : type_of) {
            if (other == name) continue;
            auto ow = words(other);
            if (ow.size() <= w.size()) continue;
            bool prefix = std::equal(w.begin(), w.end(), ow.begin());
            bool surname = w.size() == 1 && other_type == ActorType::Person && ow.back() == w[0];
            std::string initials;
            for (const auto& x : ow)
                if (!x.empty() && x != "of" && x != "The") initials += x[0];
            bool acronym = w.size() == 1 && w[0].size() >= 2 && w[0] == initials;
            if ((prefix && (type == ActorType::Other || type == other_type)) || surname || acronym)
                if (best.empty() || words(best).size() < ow.size()) best = other;
        }
        canonical[name] = best.empty() ? name : best;
    }
    std::vector<std::string> ids;
    for (auto& n : names) {
        std::string target = canonical[n.text];
        while (canonical[target] != target) target = canonical[target];
        ActorType type = type_of[target];
        if (type == ActorType::Other) type = type_of[n.text];
        std::string id = builder.actor(target, type_of[target]);
        if (type != ActorType::Other) builder.set_type(id, type);
        if (n.text != target) builder.add_alias(id, n.text);
        if (!n.surface.empty() && n.surface != target) builder.add_alias(id, n.surface);
        ids.push_back(id);
    }
    return ids;
}

}  // namespace factgraph::importers::detail
