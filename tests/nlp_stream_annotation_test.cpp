// Annotation of inputs of any size a batch at a time: where text batches end, that the batches
// cover the input exactly and tokenise it as a whole would be, and the CoNLL-U reader read a
// sentence at a time.
#include "factgraph/core/error.hpp"
#include "factgraph/nlp/conllu.hpp"
#include "factgraph/nlp/pipeline.hpp"
#include "factgraph/nlp/stream_annotation.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace factgraph::nlp;

namespace {

const std::string kData = std::string(FACTGRAPH_SOURCE_DIR) + "/data";

const Pipeline& pipeline() {
    static const Pipeline p(kData, ParserSpeed::fast);
    return p;
}

// Paragraphs of a few sentences, separated by blank lines (some with spaces in them).
std::string paragraphs(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += "Amnesty International said on Monday that NSO Group sold spyware to " + std::to_string(i + 2) +
                " governments. The company denied it.\nIts lawyers wrote to the paper.\n";
        text += i % 3 == 0 ? "  \t\n" : "\n";
    }
    return text;
}

std::vector<std::string> forms(const std::vector<Sentence>& sentences) {
    std::vector<std::string> out;
    for (const Sentence& s : sentences) {
        std::string words;
        for (const Token& t : s.tokens) words += t.form + ' ';
        out.push_back(words);
    }
    return out;
}

}  // namespace

TEST(TextBatchEnd, WaitsForMoreInputBelowTheBatchSizeAndTakesEverythingAtTheEnd) {
    EXPECT_EQ(text_batch_end("One.\n\nTwo.\n", 100, false), 0u);
    EXPECT_EQ(text_batch_end("One.\n\nTwo.\n", 100, true), 11u);
    EXPECT_EQ(text_batch_end("", 100, true), 0u);
}

TEST(TextBatchEnd, EndsAfterTheFirstBlankLineEndingAtOrAfterTheBatchSize) {
    const std::string text = "aaaa.\n\nbbbb.\ncccc.\n \t\r\ndddd.\n\neeee.";
    // The blank line after "aaaa." ends at 7: with batches of 7 bytes it ends the batch.
    EXPECT_EQ(text_batch_end(text, 7, false), 7u);
    // With 8 the next blank line (spaces, a tab and a CR) ends it, after "cccc.".
    EXPECT_EQ(text_batch_end(text, 8, false), text.find("dddd"));
    EXPECT_EQ(text_batch_end(text, text.find("dddd"), false), text.find("dddd"));
    // The blank line after "dddd." ends at byte 30, the text's only line break after it.
    EXPECT_EQ(text_batch_end(text, 30, false), 30u);
    // No blank line ending after byte 31 yet, and less than 4 batches pending: more input first,
    // unless there is none.
    EXPECT_EQ(text_batch_end(text, 31, false), 0u);
    EXPECT_EQ(text_batch_end(text, 31, true), text.size());
    EXPECT_EQ(text_batch_end(text, 7, true), 7u);
}

TEST(TextBatchEnd, WithoutParagraphBreaksCutsAtALineBreakThenASpace) {
    const std::string lines = "one line.\nanother line.\nand a third\n";
    EXPECT_EQ(text_batch_end(lines, 5, false), lines.size());  // after the last line break
    EXPECT_EQ(text_batch_end(lines, 10, false), 0u);           // not yet 4 batches long
    EXPECT_EQ(text_batch_end("a single long line of words", 5, false), std::string("a single long line of ").size());
    // One word: whole when the input ends, else waited for up to 16 batches, then cut.
    EXPECT_EQ(text_batch_end("unbroken", 2, false), 0u);
    EXPECT_EQ(text_batch_end("unbroken", 2, true), 8u);
    EXPECT_EQ(text_batch_end(std::string(40, 'x'), 2, false), 39u);
}

TEST(TextBatchEnd, PrefersAnEarlierParagraphBreakToALineBreak) {
    // A paragraph break before byte 10, then wrapped lines without one for 4 batches: the batch
    // ends at that break, not inside the wrapped paragraph.
    const std::string text = "First.\n\nThe cat sat on the mat and\nthe dog ran. The cat sat\non the mat.\n";
    EXPECT_EQ(text_batch_end(text, 10, false), std::string("First.\n\n").size());
}

TEST(TextBatchEnd, NeverCutsInsideACharacter) {
    std::string word;
    for (int i = 0; i < 100; ++i) word += "\u4e2d";  // 300 bytes, no space or line break
    // Below 16 batches: wait for the word's end (or the input's).
    EXPECT_EQ(text_batch_end(word, 20, false), 0u);
    EXPECT_EQ(text_batch_end(word, 20, true), word.size());
    // Beyond: cut before a character's first byte.
    const std::string cut_word = word.substr(0, 298);  // ends inside its last character
    const std::size_t end = text_batch_end(cut_word, 10, false);
    ASSERT_GT(end, 0u);
    EXPECT_EQ(end % 3, 0u) << end;
}

TEST(AnnotateTextStream, BatchesCoverTheInputAndTokeniseItAsAWhole) {
    const std::string text = paragraphs(40);
    std::vector<std::string> batches;
    std::vector<Sentence> all;
    std::istringstream in(text);
    annotate_text_stream(pipeline(), in, "paragraphs.txt", [&](std::vector<Sentence>& sentences, std::string_view batch) {
        batches.emplace_back(batch);
        for (const Sentence& s : sentences) {
            EXPECT_LE(s.end, batch.size());
            EXPECT_EQ(std::string(batch.substr(s.tokens.front().start, s.tokens.front().end - s.tokens.front().start)),
                      s.tokens.front().form);
        }
        all.insert(all.end(), sentences.begin(), sentences.end());
    }, 1000);
    ASSERT_GE(batches.size(), 4u);
    std::string joined;
    for (const std::string& b : batches) {
        joined += b;
        // Each batch but the last runs to the first paragraph break after its 1000th byte.
        if (&b != &batches.back()) {
            EXPECT_TRUE(b.size() >= 1000 && b.size() < 1000 + 150) << b.size();
        }
        EXPECT_TRUE(b.ends_with("\n\n") || b.ends_with("\n  \t\n") || &b == &batches.back());
    }
    EXPECT_EQ(joined, text);
    EXPECT_EQ(forms(all), forms(pipeline().annotate(text)));
}

TEST(AnnotateTextStream, SmallInputIsOneBatchAnnotatedAsAWhole) {
    const std::string text = paragraphs(3);
    int calls = 0;
    std::istringstream in(text);
    annotate_text_stream(pipeline(), in, "small.txt", [&](std::vector<Sentence>& sentences, std::string_view batch) {
        ++calls;
        EXPECT_EQ(batch, text);
        const std::vector<Sentence> whole = pipeline().annotate(text);
        ASSERT_EQ(sentences.size(), whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i)
            for (std::size_t k = 0; k < whole[i].tokens.size(); ++k) {
                EXPECT_EQ(sentences[i].tokens[k].head, whole[i].tokens[k].head);
                EXPECT_EQ(sentences[i].tokens[k].ner, whole[i].tokens[k].ner);
            }
    });
    EXPECT_EQ(calls, 1);
}

TEST(AnnotateTextStream, InvalidUtf8InALaterBatchNamesTheFileAndTheOffsetInTheWholeInput) {
    std::string text = paragraphs(20);
    const std::size_t bad = text.size() - 10;
    text[bad] = '\xff';
    int batches = 0;
    std::istringstream in(text);
    try {
        annotate_text_stream(pipeline(), in, "broken.txt", [&](std::vector<Sentence>&, std::string_view) { ++batches; }, 500);
        FAIL() << "expected InputError";
    } catch (const factgraph::InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("broken.txt"), std::string::npos) << what;
        EXPECT_NE(what.find("offset " + std::to_string(bad)), std::string::npos) << what;
    }
    EXPECT_GT(batches, 0);
}

TEST(AnnotateConlluStream, KeepsTheSentencesInOrderAcrossBatches) {
    std::string conllu;
    for (int i = 1; i <= 30; ++i)
        conllu += "# sent_id = s" + std::to_string(i) + "\n# text = Amnesty said it.\n"
                  "1\tAmnesty\t_\t_\t_\t_\t_\t_\t_\t_\n2\tsaid\t_\t_\t_\t_\t_\t_\t_\t_\n"
                  "3\tit\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    std::vector<std::string> ids;
    int batches = 0;
    std::istringstream in(conllu);
    annotate_conllu_stream(pipeline(), in, "s.conllu", [&](std::vector<ConlluSentence>& batch) {
        ++batches;
        for (const ConlluSentence& cs : batch) {
            ids.push_back(cs.sentence.id);
            EXPECT_EQ(cs.text, "Amnesty said it.");
            ASSERT_EQ(cs.sentence.tokens.size(), 4u);
            EXPECT_EQ(cs.sentence.tokens[1].upos, "VERB");
            EXPECT_EQ(cs.sentence.tokens[1].head, 0);
        }
    }, 100);
    EXPECT_EQ(batches, 5);  // 16 bytes of text a sentence: 7 sentences make a batch of 100
    ASSERT_EQ(ids.size(), 30u);
    for (int i = 0; i < 30; ++i) EXPECT_EQ(ids[static_cast<std::size_t>(i)], "s" + std::to_string(i + 1));
}

TEST(ConlluReader, ReadsASentenceAtATimeAsReadConlluReadsThemAll) {
    const std::string conllu =
        "# sent_id = a\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n\n"
        "# sent_id = b\n# text = Go now\n1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n2\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\t_\n";
    std::istringstream all(conllu), one(conllu);
    const std::vector<ConlluSentence> whole = read_conllu(all, "x.conllu");
    ConlluReader reader(one, "x.conllu");
    ConlluSentence cs;
    for (const ConlluSentence& expected : whole) {
        ASSERT_TRUE(reader.next(cs));
        EXPECT_EQ(cs.sentence.id, expected.sentence.id);
        EXPECT_EQ(cs.text, expected.text);
        ASSERT_EQ(cs.sentence.tokens.size(), expected.sentence.tokens.size());
        EXPECT_EQ(cs.sentence.tokens.back().end, expected.sentence.tokens.back().end);
    }
    EXPECT_FALSE(reader.next(cs));
    EXPECT_EQ(whole.size(), 2u);
}

TEST(ConlluReader, ABadSentenceFailsWhenItIsReachedNamingTheFile) {
    std::istringstream in("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n1\tGo\tgo\tVERB\tVB\t_\t5\troot\t_\t_\n\n");
    ConlluReader reader(in, "bad.conllu");
    ConlluSentence cs;
    EXPECT_TRUE(reader.next(cs));
    try {
        reader.next(cs);
        FAIL() << "expected InputError";
    } catch (const factgraph::InputError& e) {
        // The word whose head lies outside its sentence is on line 3.
        EXPECT_NE(std::string(e.what()).find("bad.conllu:3"), std::string::npos) << e.what();
    }
}
