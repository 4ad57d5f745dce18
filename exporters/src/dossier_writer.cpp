// A Markdown dossier: one section per actor that an editor can read top to bottom, every fact
// followed by the article it comes from so it can be checked without the database.
#include <algorithm>

#include "factgraph/core/text.hpp"
#include "factgraph/exporters/graph_export.hpp"

namespace factgraph::exporters {

namespace {

// Inline text: one line, Markdown punctuation escaped so names such as "<Voss>" or "*NSYNC"
// show as written instead of becoming HTML or emphasis.
std::string md(std::string_view s) {
    std::string out;
    for (char c : text::collapse_whitespace(s)) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) continue;  // control characters
        switch (c) {
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
            case '#': case '|': case '&': case '~': case '!':
                out += '\\';
                [[fallthrough]];
            default: out += c;
        }
    }
    return out;
}

std::string plural(std::int64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

class DossierWriter {
public:
    DossierWriter(const Graph& graph, const FactRecords& records, std::ostream& out)
        : m_graph(graph), m_records(records), m_out(out) {}

    void write() {
        m_out << "# Dossier\n\n";
        m_out << plural(static_cast<std::int64_t>(m_graph.nodes.size()), "actor") << ", "
              << plural(static_cast<std::int64_t>(m_records.claims.size()), "claim") << ", "
              << plural(static_cast<std::int64_t>(m_records.relations.size()), "relation") << " from "
              << plural(static_cast<std::int64_t>(m_records.articles.size()), "article")
              << ". Actors are listed by how often they are mentioned.\n";
        std::vector<const GraphNode*> order;
        for (const auto& n : m_graph.nodes) order.push_back(&n);
        std::stable_sort(order.begin(), order.end(), [](const GraphNode* a, const GraphNode* b) {
            if (a->mentions != b->mentions) return a->mentions > b->mentions;
            return a->name < b->name;
        });
        for (const GraphNode* n : order) actor(*n);
        unnamed_sources();
        sources();
    }

private:
    // "— Outlet, 2024-03-01, *Title*": enough to find the article again.
    std::string cite(std::int64_t article_id) const {
        const ArticleRef* a = m_records.article(article_id);
        if (!a) return " — article " + std::to_string(article_id);
        std::string who = !a->outlet.empty() ? a->outlet : !a->byline.empty() ? a->byline : a->source;
        std::string s = " — " + md(who);
        if (!a->published.empty()) s += ", " + md(a->published.substr(0, 10));
        if (!a->title.empty()) s += ", *" + md(a->title) + "*";
        return s;
    }

    std::string cue(const ClaimRecord& c) const {
        std::string s = "*" + md(c.cue) + "*";
        std::string stance(to_string(c.stance));
        if (c.stance != Stance::Assert && stance != c.cue) s += " (" + stance + ")";
        return s;
    }

    // Quotation marks only for verbatim quotes: reported speech is the writer's paraphrase.
    std::string content(const ClaimRecord& c) const {
        std::string body = md(c.content);
        std::string s = c.direct ? "\u201C" + body + "\u201D" : body;
        if (c.reported_by) s += " (relayed by " + md(c.reported_by->name) + ")";
        return s;
    }

    std::string speaker(const ClaimRecord& c) const {
        return "**" + md(c.speaker ? c.speaker->name : c.speaker_text) + "**";
    }

    void actor(const GraphNode& n) {
        m_out << "\n## " << md(n.name) << "\n\n";
        m_out << "- **Type:** " << to_string(n.type) << "\n";
        if (!n.aliases.empty()) {
            m_out << "- **Also known as:** ";
            for (std::size_t i = 0; i < n.aliases.size(); ++i) m_out << (i ? ", " : "") << md(n.aliases[i]);
            m_out << "\n";
        }
        m_out << "- **Mentioned:** " << plural(n.mentions, "time") << " in " << plural(n.articles, "article") << "\n";
        for (const auto& r : m_records.roles) {
            if (r.actor_id != n.id) continue;
            m_out << "- **Role:** " << md(r.title);
            if (r.organization) m_out << ", " << md(r.organization->name);
            m_out << cite(r.article_id) << "\n";
        }

        std::vector<std::string> said, heard, related;
        for (const auto& c : m_records.claims) {
            if (c.speaker && c.speaker->id == n.id) {
                std::string line = cue(c);
                std::string about;
                for (const auto& a : c.about)
                    if (a.id != n.id) about += (about.empty() ? "" : ", ") + md(a.name);
                if (!about.empty()) line += " about " + about;
                said.push_back(line + ": " + content(c) + cite(c.source.article_id));
            } else if (std::any_of(c.about.begin(), c.about.end(), [&](const ActorRef& a) { return a.id == n.id; })) {
                heard.push_back(speaker(c) + " " + cue(c) + ": " + content(c) + cite(c.source.article_id));
            }
        }
        for (const auto& r : m_records.relations) {
            if (r.subject.id != n.id && r.object.id != n.id) continue;
            std::string line = "**" + md(r.subject.name) + "** " + (r.negated ? "*not* " : "") +
                               (r.modality.empty() ? "" : "*" + md(r.modality) + "* ") + "*" + md(r.predicate) +
                               "* **" + md(r.object.name) + "**";
            if (!r.asserted_by.empty()) line += ", according to " + md(r.asserted_by);
            if (!r.source.sentence_text.empty())
                line += ": \u201C" + md(text::truncate(r.source.sentence_text, 240)) + "\u201D";
            related.push_back(line + cite(r.source.article_id));
        }
        section("What they said", said);
        section("What was said about them", heard);
        section("Relations", related);
    }

    void unnamed_sources() {
        std::vector<std::string> lines;
        for (const auto& c : m_records.claims)
            if (!c.speaker) lines.push_back(speaker(c) + " " + cue(c) + ": " + content(c) + cite(c.source.article_id));
        if (lines.empty()) return;
        m_out << "\n## Claims from unidentified sources\n";
        section("", lines);
    }

    // Everything needed to find each article again, including what the inline citations leave out.
    void sources() {
        if (m_records.articles.empty()) return;
        m_out << "\n## Sources\n\n";
        for (const auto& a : m_records.articles) {
            m_out << "- " << (a.title.empty() ? "(untitled)" : "*" + md(a.title) + "*") << cite_tail(a);
            if (!a.url.empty()) {
                // An autolink cannot hold spaces or angle brackets: such a URL is printed as text.
                bool linkable = a.url.find_first_of(" <>\t\n") == std::string::npos;
                m_out << ", " << (linkable ? "<" + a.url + ">" : md(a.url));
            }
            m_out << " (article " << a.id << (a.ext_id.empty() ? "" : " \u201C" + md(a.ext_id) + "\u201D") << ", from "
                  << md(a.source) << ")\n";
        }
    }

    static std::string cite_tail(const ArticleRef& a) {
        std::string who = !a.outlet.empty() ? a.outlet : !a.byline.empty() ? a.byline : "";
        std::string s;
        if (!who.empty()) s += " — " + md(who);
        if (!a.published.empty()) s += (who.empty() ? " — " : ", ") + md(a.published.substr(0, 10));
        return s;
    }

    void section(const char* title, const std::vector<std::string>& lines) {
        if (lines.empty()) return;
        if (*title) m_out << "\n### " << title << "\n";
        m_out << "\n";
        for (const auto& l : lines) m_out << "- " << l << "\n";
    }

    const Graph& m_graph;
    const FactRecords& m_records;
    std::ostream& m_out;
};

}  // namespace

void write_dossier(const Graph& graph, const FactRecords& records, std::ostream& out) {
    DossierWriter(graph, records, out).write();
}

}  // namespace factgraph::exporters
