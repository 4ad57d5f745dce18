#include "factgraph/exporters/table_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "factgraph/core/error.hpp"

using namespace factgraph;

namespace {

Table sample() {
    Table t;
    t.columns = {"id", "speaker", "content"};
    t.rows.push_back({std::int64_t{1}, std::string("Kestrel"), std::string("said, \"we | are\" fine")});
    t.rows.push_back({std::int64_t{2}, std::monostate{}, std::string(200, 'x')});
    return t;
}

std::string write(exporters::TableFormat f) {
    std::ostringstream out;
    exporters::write_table(sample(), out, f);
    return out.str();
}

}  // namespace

TEST(TableWriter, TextTableFitsEightyColumns) {
    std::istringstream lines(write(exporters::TableFormat::Table));
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        EXPECT_LE(line.size(), 80u + 2) << line;  // the ellipsis is 3 bytes, 1 column
        ++n;
    }
    EXPECT_EQ(n, 4);
}

TEST(TableWriter, JsonRoundTrips) {
    auto j = nlohmann::json::parse(write(exporters::TableFormat::Json));
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["speaker"], "Kestrel");
    EXPECT_TRUE(j[1]["speaker"].is_null());
    EXPECT_EQ(j[1]["content"].get<std::string>().size(), 200u);
}

TEST(TableWriter, CsvQuotesFields) {
    std::string csv = write(exporters::TableFormat::Csv);
    EXPECT_NE(csv.find("\"said, \"\"we | are\"\" fine\""), std::string::npos);
    EXPECT_EQ(csv.substr(0, 20), "id,speaker,content\r\n");
}

TEST(TableWriter, MarkdownEscapesPipes) {
    EXPECT_NE(write(exporters::TableFormat::Markdown).find("we \\| are"), std::string::npos);
}

TEST(TableWriter, UnknownFormatIsAUsageError) {
    EXPECT_THROW(exporters::parse_table_format("xml"), UsageError);
}
