#include "factgraph/core/error.hpp"
#include "factgraph/nlp/conllu.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace factgraph::nlp;

namespace {

const char* const kSample =
    "# newdoc id = doc1\n"
    "# sent_id = s1\n"
    "# text = I don't know, Bob.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "4.1\tknows\tknow\tVERB\tVBZ\t_\t_\t_\t4:conj\t_\n"
    "5\t,\t,\tPUNCT\t,\t_\t6\tpunct\t6:punct\t_\n"
    "6\tBob\tBob\tPROPN\tNNP\t_\t4\tvocative\t4:vocative\tNER=B-PER|SpaceAfter=No\n"
    "7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n"
    "\n";

std::vector<ConlluSentence> read(const std::string& text) {
    std::istringstream in(text);
    return read_conllu(in, "sample.conllu");
}

}  // namespace

TEST(Conllu, ReadsWordsKeepingRangesBesideAndSkippingEmptyNodes) {
    const auto sentences = read(kSample);
    ASSERT_EQ(sentences.size(), 2u);
    const Sentence& s = sentences[0].sentence;
    EXPECT_EQ(s.id, "s1");
    EXPECT_EQ(sentences[0].text, "I don't know, Bob.");
    ASSERT_EQ(s.tokens.size(), 7u);
    EXPECT_EQ(s.tokens[1].form, "do");
    EXPECT_EQ(s.tokens[2].lemma, "not");
    EXPECT_EQ(s.tokens[3].upos, "VERB");
    EXPECT_EQ(s.tokens[3].xpos, "VB");
    EXPECT_EQ(s.tokens[3].head, 0);
    EXPECT_EQ(s.tokens[3].deprel, "root");
    EXPECT_EQ(s.tokens[5].deprel, "vocative");
    EXPECT_EQ(s.tokens[5].ner, "B-PER");
    EXPECT_EQ(s.tokens[0].ner, "O");
    EXPECT_FALSE(s.tokens[3].space_after);
    EXPECT_FALSE(s.tokens[1].space_after);  // inside "don't"
    EXPECT_TRUE(s.tokens[2].space_after);   // last word of "don't"
    EXPECT_EQ(sentences[1].sentence.id, "s2");
    EXPECT_TRUE(sentences[1].text.empty());
    ASSERT_EQ(sentences[0].multiword.size(), 1u);
    EXPECT_EQ(sentences[0].multiword[0].first, 2);
    EXPECT_EQ(sentences[0].multiword[0].last, 3);
    EXPECT_EQ(sentences[0].multiword[0].form, "don't");
    EXPECT_TRUE(sentences[0].multiword[0].space_after);
    EXPECT_TRUE(sentences[1].multiword.empty());
}

TEST(Conllu, WritesMultiwordTokensBackAsRead) {
    // "can't" ends before a comma: SpaceAfter=No belongs to the range line, not to its words.
    const std::string in =
        "# sent_id = m1\n"
        "# text = I can't, sorry.\n"
        "1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
        "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        "2\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n"
        "3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n"
        "4\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\t_\n"
        "5\tsorry\tsorry\tADJ\tJJ\t_\t2\tparataxis\t_\tSpaceAfter=No\n"
        "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    const auto sentences = read(in);
    ASSERT_EQ(sentences.size(), 1u);
    std::ostringstream out;
    write_conllu(sentences[0].sentence, out, sentences[0].text, sentences[0].multiword);
    const std::string text = out.str();
    EXPECT_NE(text.find("1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\tNER=O\n"
                        "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                        "2\tca\tcan\tAUX\tMD\t_\t0\troot\t_\tNER=O\n"
                        "3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\tNER=O\n"),
              std::string::npos)
        << text;
    // And it reads back to the same words, ranges and text.
    const auto back = read(text);
    ASSERT_EQ(back.size(), 1u);
    ASSERT_EQ(back[0].multiword.size(), 1u);
    EXPECT_EQ(back[0].multiword[0].form, "can't");
    EXPECT_FALSE(back[0].multiword[0].space_after);
    EXPECT_EQ(conllu_text(back[0].sentence), "I can't, sorry.");
}

TEST(Conllu, MultiwordTokenOverWordsTheSentenceLacksIsAnError) {
    const std::string range = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n";
    const std::string word = "1\tdo\tdo\tAUX\tVB\t_\t0\troot\t_\t_\n";
    try {
        read("# sent_id = x\n" + range + word + "\n");
        FAIL() << "expected InputError";
    } catch (const factgraph::InputError& e) {
        EXPECT_EQ(e.line(), 2u);  // the range's line
        EXPECT_NE(std::string(e.what()).find("1-2"), std::string::npos);
    }
    EXPECT_THROW(read(range), factgraph::InputError);  // no words at all, at the end of the file
    // A range starting inside the one before.
    EXPECT_THROW(read(range + word + "2-3\tn'tx\t_\t_\t_\t_\t_\t_\t_\t_\n"), factgraph::InputError);
}

TEST(Conllu, OffsetsPointIntoTheText) {
    const auto sentences = read(kSample);
    const std::string& text = sentences[0].text;
    const auto& t = sentences[0].sentence.tokens;
    EXPECT_EQ(text.substr(t[0].start, t[0].end - t[0].start), "I");
    // Words of a multiword token share its span.
    EXPECT_EQ(text.substr(t[1].start, t[1].end - t[1].start), "don't");
    EXPECT_EQ(t[2].start, t[1].start);
    EXPECT_EQ(text.substr(t[5].start, t[5].end - t[5].start), "Bob");
    EXPECT_EQ(text.substr(t[6].start, t[6].end - t[6].start), ".");
}

TEST(Conllu, WritesTheColumnsAndMisc) {
    const auto sentences = read(kSample);
    std::ostringstream out;
    write_conllu(sentences[0].sentence, out, sentences[0].text);
    const std::string text = out.str();
    EXPECT_NE(text.find("# sent_id = s1\n# text = I don't know, Bob.\n"), std::string::npos);
    EXPECT_NE(text.find("4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tNER=O|SpaceAfter=No\n"), std::string::npos);
    EXPECT_NE(text.find("6\tBob\tBob\tPROPN\tNNP\t_\t4\tvocative\t_\tNER=B-PER|SpaceAfter=No\n"), std::string::npos);
    EXPECT_EQ(text.substr(text.size() - 2), "\n\n");

    // What we write reads back to the same words.
    std::istringstream again(text);
    const auto back = read_conllu(again, "written");
    ASSERT_EQ(back.size(), 1u);
    ASSERT_EQ(back[0].sentence.tokens.size(), 7u);
    for (std::size_t i = 0; i < 7; ++i) {
        EXPECT_EQ(back[0].sentence.tokens[i].form, sentences[0].sentence.tokens[i].form);
        EXPECT_EQ(back[0].sentence.tokens[i].head, sentences[0].sentence.tokens[i].head);
        EXPECT_EQ(back[0].sentence.tokens[i].deprel, sentences[0].sentence.tokens[i].deprel);
    }
}

TEST(Conllu, TextOverALineBreakIsOneCommentLine) {
    Sentence s;
    for (const char* w : {"who", "has", "pledged"}) {
        Token t;
        t.form = w;
        s.tokens.push_back(t);
    }
    std::ostringstream out;
    write_conllu(s, out, "who has\r\npledged");
    EXPECT_EQ(out.str().substr(0, out.str().find("1\t")), "# text = who has pledged\n");
    std::istringstream again(out.str());
    const auto back = read_conllu(again, "written");
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].sentence.tokens.size(), 3u);
}

TEST(Conllu, RebuildsTextFromSpaceAfter) {
    const auto sentences = read(kSample);
    // Words inside "don't" have no space between them, so the text comes back exactly.
    EXPECT_EQ(conllu_text(sentences[0].sentence), "I don't know, Bob.");
}

TEST(Conllu, MalformedLineNamesFileAndLine) {
    try {
        read("# sent_id = x\n1\tonly\tthree\n");
        FAIL() << "expected InputError";
    } catch (const factgraph::InputError& e) {
        EXPECT_EQ(e.file(), "sample.conllu");
        EXPECT_EQ(e.line(), 2u);
    }
    EXPECT_THROW(read("2\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"), factgraph::InputError);  // id must start at 1
    EXPECT_THROW(read("1\tHi\thi\tINTJ\tUH\t_\t5\troot\t_\t_\n"), factgraph::InputError);  // head outside
}
