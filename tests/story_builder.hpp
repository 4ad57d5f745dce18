#pragma once
// Builds small articles for the graph and fact-tracking tests: one sentence per claim or
// relation, actors marked [like this] in claim contents, everything through ExtractionBuilder.
#include <map>
#include <string>
#include <vector>

#include "factgraph/core/extraction_builder.hpp"

namespace factgraph::testing {

class Story {
public:
    Story(std::string source, std::string outlet, std::string date)
        : m_source(std::move(source)), m_outlet(std::move(outlet)), m_date(std::move(date)) {}

    /** "<speaker> <cue-form> that <content>." — names in [brackets] inside content are mentions. */
    Story& said(const std::string& speaker, const std::string& content, Stance stance = Stance::Assert,
                const std::string& cue = "say") {
        Sentence s;
        s.kind = Sentence::Claim;
        s.a = speaker;
        s.cue = cue;
        s.stance = stance;
        s.content = content;
        m_sentences.push_back(std::move(s));
        return *this;
    }

    /** "<subject> <predicate> <object>." as a relation. */
    Story& relation(const std::string& subject, const std::string& predicate, const std::string& object,
                    bool negated = false) {
        Sentence s;
        s.kind = Sentence::Relation;
        s.a = subject;
        s.cue = predicate;
        s.b = object;
        s.negated = negated;
        m_sentences.push_back(std::move(s));
        return *this;
    }

    /** Types by actor name; unlisted actors are organisations. */
    Extraction build(const std::map<std::string, ActorType>& types = {}) const {
        struct Placed {
            ByteSpan span;
            std::vector<std::pair<std::string, ByteSpan>> names;
            ByteSpan content;
        };
        std::string body;
        std::vector<Placed> placed;
        for (const auto& s : m_sentences) {
            Placed p;
            std::size_t start = body.size();
            auto name = [&](const std::string& n) {
                p.names.push_back({n, {body.size(), body.size() + n.size()}});
                body += n;
            };
            if (s.kind == Sentence::Claim) {
                name(s.a);
                body += " " + std::string(s.stance == Stance::Deny ? "denied" : "said") + " that ";
                p.content.start = body.size();
                for (std::size_t i = 0; i < s.content.size(); ++i) {
                    if (s.content[i] == '[') {
                        std::size_t close = s.content.find(']', i);
                        name(s.content.substr(i + 1, close - i - 1));
                        i = close;
                    } else {
                        body += s.content[i];
                    }
                }
                p.content.end = body.size();
            } else {
                name(s.a);
                body += " " + s.cue + " ";
                name(s.b);
            }
            body += ".";
            p.span = {start, body.size()};
            body += " ";
            placed.push_back(std::move(p));
        }
        if (!body.empty()) body.pop_back();
        Article article;
        article.source = m_source;
        article.outlet = m_outlet;
        article.published = m_date;
        article.title = m_source;
        article.text = body;
        ExtractionBuilder b(article, "test");
        auto type_of = [&](const std::string& n) {
            auto it = types.find(n);
            return it == types.end() ? ActorType::Organization : it->second;
        };
        for (std::size_t i = 0; i < m_sentences.size(); ++i) {
            const auto& s = m_sentences[i];
            const auto& p = placed[i];
            int si = b.add_sentence(p.span);
            std::vector<std::string> ids;
            for (const auto& [n, span] : p.names) {
                ids.push_back(b.actor(n, type_of(n)));
                b.add_mention(ids.back(), si, span);
            }
            if (s.kind == Sentence::Claim) {
                ClaimDraft d;
                d.speaker = ids.front();
                d.speaker_text = s.a;
                d.cue = s.stance == Stance::Deny ? "deny" : s.cue;
                d.stance = s.stance;
                d.content = p.content;
                d.sentence = si;
                b.add_claim(d);
            } else {
                RelationDraft r;
                r.subject = ids[0];
                r.predicate = s.cue;
                r.object = ids[1];
                r.negated = s.negated;
                r.evidence = p.span;
                r.sentence = si;
                b.add_relation(r);
            }
        }
        return b.finish();
    }

private:
    struct Sentence {
        enum Kind { Claim, Relation } kind = Claim;
        std::string a, b, cue, content;
        Stance stance = Stance::Assert;
        bool negated = false;
    };
    std::string m_source, m_outlet, m_date;
    std::vector<Sentence> m_sentences;
};

}  // namespace factgraph::testing
