#include "factgraph/nlp/tokenizer.hpp"

#include <gtest/gtest.h>

using factgraph::nlp::Tokenizer;

namespace {

std::vector<std::string> forms(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& t : Tokenizer().tokens(text)) out.push_back(t.form);
    return out;
}

std::vector<std::string> sentences(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& s : Tokenizer().tokenize(text)) out.push_back(text.substr(s.start, s.end - s.start));
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(Tokenizer, OffsetsPointIntoTheOriginalText) {
    std::string text = "  Le Monde’s report — “grave,” he said.";
    for (const auto& t : Tokenizer().tokens(text)) EXPECT_EQ(text.substr(t.start, t.end - t.start), t.form);
}

TEST(Tokenizer, AbbreviationsAndInitialsKeepTheirPeriod) {
    EXPECT_EQ(forms("Mr. Smith met Dr. Jones of Acme Inc. in the U.S. on No. 10 Downing St."),
              (V{"Mr.", "Smith", "met", "Dr.", "Jones", "of", "Acme", "Inc.", "in", "the", "U.S.", "on", "No.", "10",
                 "Downing", "St."}));
    EXPECT_EQ(forms("John F. Kennedy"), (V{"John", "F.", "Kennedy"}));
}

TEST(Tokenizer, NumbersCurrencyAndPercent) {
    EXPECT_EQ(forms("It cost $300 million, up 4% from 1,000 units at 11:06."),
              (V{"It", "cost", "$", "300", "million", ",", "up", "4", "%", "from", "1,000", "units", "at", "11:06", "."}));
    EXPECT_EQ(forms("a 3.5 rise"), (V{"a", "3.5", "rise"}));
}

TEST(Tokenizer, CliticsAndApostrophesBothStraightAndCurly) {
    EXPECT_EQ(forms("NSO's clients don't know"), (V{"NSO", "'s", "clients", "do", "n't", "know"}));
    EXPECT_EQ(forms("NSO’s servers can’t"), (V{"NSO", "’s", "servers", "ca", "n’t"}));
    EXPECT_EQ(forms("the journalists' phones"), (V{"the", "journalists", "'", "phones"}));
    EXPECT_EQ(forms("We'll see, I'm sure"), (V{"We", "'ll", "see", ",", "I", "'m", "sure"}));
}

TEST(Tokenizer, HyphensFollowUdEnglishConventions) {
    EXPECT_EQ(forms("the Israel-based firm"), (V{"the", "Israel", "-", "based", "firm"}));
    EXPECT_EQ(forms("the then-government"), (V{"the", "then", "-", "government"}));
    EXPECT_EQ(forms("a non-stop post-war e-mail"), (V{"a", "non-stop", "post-war", "e-mail"}));
    EXPECT_EQ(forms("call 1-800-555"), (V{"call", "1-800-555"}));
}

TEST(Tokenizer, DashesQuotesAndBrackets) {
    EXPECT_EQ(forms("leak — and how"), (V{"leak", "—", "and", "how"}));
    EXPECT_EQ(forms("leak—and"), (V{"leak", "—", "and"}));
    EXPECT_EQ(forms("“Grave,” (he said)"), (V{"“", "Grave", ",", "”", "(", "he", "said", ")"}));
    EXPECT_EQ(forms("\"No.\""), (V{"\"", "No", ".", "\""}));
    EXPECT_EQ(forms("here.”― Ana"), (V{"here", ".", "”", "―", "Ana"}));
    EXPECT_EQ(forms("”Fear"), (V{"”", "Fear"}));
    EXPECT_EQ(forms("Lena Park (D-Mass.) and Ivo Berg, R-S.C., said"),
              (V{"Lena", "Park", "(", "D-Mass.", ")", "and", "Ivo", "Berg", ",", "R-S.C.", ",", "said"}));
    EXPECT_EQ(forms("a D-Day plan"), (V{"a", "D", "-", "Day", "plan"}));
    // brackets inside a word separate tokens, as UD English splits them; emoticons stay whole
    EXPECT_EQ(forms("the account(s) of f(x)"), (V{"the", "account", "(", "s", ")", "of", "f", "(", "x", ")"}));
    EXPECT_EQ(forms("is Warren.$WFC(via @JohnMelloy)"), (V{"is", "Warren.$WFC", "(", "via", "@JohnMelloy", ")"}));
    EXPECT_EQ(forms("great :) and :-( too"), (V{"great", ":)", "and", ":-(", "too"}));
    EXPECT_EQ(forms("see https://en.wikipedia.org/wiki/Pegasus_(spyware) (or www.nso.com)."),
              (V{"see", "https://en.wikipedia.org/wiki/Pegasus_(spyware)", "(", "or", "www.nso.com", ")", "."}));
}

TEST(Tokenizer, PartyAndStateTags) {
    for (const char* tag : {"D-Mass.", "R-S.C.", "I-Vt.", "R-Ohio", "D-N.Y.", "R-IN"}) EXPECT_TRUE(Tokenizer::is_party_state_tag(tag)) << tag;
    for (const char* word : {"D-Day", "R-rated", "I-95", "Rand", "D-"}) EXPECT_FALSE(Tokenizer::is_party_state_tag(word)) << word;
}

TEST(Tokenizer, UrlsAndEmailsStayWhole) {
    EXPECT_EQ(forms("See https://example.org/a-b?x=1, or mail press@example.com."),
              (V{"See", "https://example.org/a-b?x=1", ",", "or", "mail", "press@example.com", "."}));
}

TEST(Tokenizer, SentencesEndInsideQuotes) {
    EXPECT_EQ(sentences("Amazon said it was “confirmed.” Amazon said more."),
              (V{"Amazon said it was “confirmed.”", "Amazon said more."}));
    EXPECT_EQ(sentences("\"We are fine,\" Brandt said. \"B follows.\""),
              (V{"\"We are fine,\" Brandt said.", "\"B follows.\""}));
    // a quoted question or exclamation and its speaker are one sentence
    EXPECT_EQ(sentences("“Is the bridge safe?” Paulo Brandt asked. “Nobody knows.”"),
              (V{"“Is the bridge safe?” Paulo Brandt asked.", "“Nobody knows.”"}));
    EXPECT_EQ(sentences("\"Stop!\" she shouted. \"Why?\" asked Mr. Reyes."),
              (V{"\"Stop!\" she shouted.", "\"Why?\" asked Mr. Reyes."}));
    EXPECT_EQ(sentences("“Is it safe?” Nobody answered."), (V{"“Is it safe?”", "Nobody answered."}));
    // one signed quotation per line; a closing mark typed as the opening one
    EXPECT_EQ(sentences("”Fear is here.” ― Ana Ruiz\n“We stay.”― Ivo Berg"),
              (V{"”Fear is here.” ― Ana Ruiz", "“We stay.”― Ivo Berg"}));
}

TEST(Tokenizer, AbbreviationsDoNotEndSentencesButParagraphsDo) {
    EXPECT_EQ(sentences("Mr. Macron met Dr. Lee. They talked."), (V{"Mr. Macron met Dr. Lee.", "They talked."}));
    EXPECT_EQ(sentences("He moved to the U.S. The move was quiet."),
              (V{"He moved to the U.S.", "The move was quiet."}));
    EXPECT_EQ(sentences("Acme Inc. said no."), (V{"Acme Inc. said no."}));
    // "Del." is a delegate's title before a name, and Delaware at the end of a sentence.
    EXPECT_EQ(sentences("\"It hurts,\" said Del. Stacey Plaskett of the Virgin Islands."),
              (V{"\"It hurts,\" said Del. Stacey Plaskett of the Virgin Islands."}));
    EXPECT_EQ(sentences("The firm is based in Wilmington, Del. The move was quiet."),
              (V{"The firm is based in Wilmington, Del.", "The move was quiet."}));
    // A state abbreviation keeps its period, and ends a sentence before any capitalised word.
    EXPECT_EQ(forms("Sen. Marco Rubio (Fla.) agreed"), (V{"Sen.", "Marco", "Rubio", "(", "Fla.", ")", "agreed"}));
    EXPECT_EQ(sentences("Police in Tulsa, Okla. said more. It happened in Tulsa, Okla. Police said more."),
              (V{"Police in Tulsa, Okla. said more.", "It happened in Tulsa, Okla.", "Police said more."}));
    EXPECT_EQ(sentences("A headline without a stop\n\nThe body starts here."),
              (V{"A headline without a stop", "The body starts here."}));
}

TEST(Tokenizer, QuestionAndExclamationMarks) {
    EXPECT_EQ(sentences("Why? Because! 2 more."), (V{"Why?", "Because!", "2 more."}));
}

TEST(Tokenizer, EmptyAndWhitespaceOnlyInput) {
    EXPECT_TRUE(Tokenizer().tokenize("").empty());
    EXPECT_TRUE(Tokenizer().tokenize(" \n\t ").empty());
}

TEST(Tokenizer, AnEndlessSentenceIsCutIntoSentencesOfAtMostTheLimit) {
    // Text without a sentence end (a table, hostile input) must not make one giant sentence:
    // everything after the split is at least linear in the sentence length.
    std::string text;
    for (int i = 0; i < 1000; ++i) text += "word ";
    const auto sentences = factgraph::nlp::Tokenizer().tokenize(text);
    ASSERT_EQ(sentences.size(), 1000 / factgraph::nlp::Tokenizer::kMaxSentenceTokens);
    std::size_t words = 0;
    for (const auto& s : sentences) {
        EXPECT_LE(s.tokens.size(), factgraph::nlp::Tokenizer::kMaxSentenceTokens);
        EXPECT_EQ(text.substr(s.start, s.end - s.start).substr(0, 4), "word");
        words += s.tokens.size();
    }
    EXPECT_EQ(words, 1000u);
    EXPECT_EQ(sentences.back().end, text.size() - 1);
}

// "No." is split into the word and its period unless a number follows; the period keeps the
// offsets and the spacing of the original token, and the sentence it ends stays one sentence.
TEST(Tokenizer, NoBeforeAWordLosesItsPeriod) {
    const std::string text = "He said no. Then nos. 4 and No. 10 went. NO.";
    const auto tokens = Tokenizer().tokens(text);
    std::vector<std::string> got;
    for (const auto& t : tokens) {
        EXPECT_EQ(text.substr(t.start, t.end - t.start), t.form);
        got.push_back(t.form);
    }
    EXPECT_EQ(got, (V{"He", "said", "no", ".", "Then", "nos.", "4", "and", "No.", "10", "went", ".", "NO", "."}));
    EXPECT_FALSE(tokens[2].space_after);  // "no" is followed by its period
    EXPECT_TRUE(tokens[3].space_after);   // the period keeps the space after "no."
    EXPECT_EQ(sentences(text), (V{"He said no.", "Then nos. 4 and No. 10 went.", "NO."}));
}

// tokenize() builds its tokens straight into the sentences; it must agree with tokens() followed
// by split_sentences(), token by token.
TEST(Tokenizer, TokenizeAgreesWithTokensThenSplitSentences) {
    const Tokenizer tokenizer;
    for (const std::string text : {"“Is it safe?” Nobody answered. Mr. Smith left at 5 p.m. on Friday.\n\nNew line",
                                   "no. No. 3 \"No.\" said Dr. J. Doe (D-Mass.) — see https://a.org/x. Done!",
                                   "", "   ", "One\n“Two” ― Three\n“Four.”"}) {
        const auto direct = tokenizer.tokenize(text);
        const auto split = tokenizer.split_sentences(text, tokenizer.tokens(text));
        ASSERT_EQ(direct.size(), split.size()) << text;
        for (std::size_t s = 0; s < direct.size(); ++s) {
            EXPECT_EQ(direct[s].start, split[s].start);
            EXPECT_EQ(direct[s].end, split[s].end);
            ASSERT_EQ(direct[s].tokens.size(), split[s].tokens.size()) << text;
            for (std::size_t i = 0; i < direct[s].tokens.size(); ++i) {
                const auto& a = direct[s].tokens[i];
                const auto& b = split[s].tokens[i];
                EXPECT_EQ(a.form, b.form);
                EXPECT_EQ(a.start, b.start);
                EXPECT_EQ(a.end, b.end);
                EXPECT_EQ(a.space_after, b.space_after);
            }
        }
    }
}
