#include <gtest/gtest.h>

#include "factgraph/importers/date_parser.hpp"

namespace factgraph::importers {
namespace {

TEST(DateParser, HumanDates) {
    EXPECT_EQ(parse_date("21 July 2021, 11:06"), "2021-07-21T11:06");
    EXPECT_EQ(parse_date("July 21, 2021"), "2021-07-21");
    EXPECT_EQ(parse_date("21st Jul 2021"), "2021-07-21");
    EXPECT_EQ(parse_date("Wednesday 21 July 2021 11.06am"), "2021-07-21T11:06");
    EXPECT_EQ(parse_date("Updated on July 21, 2021 3:05 pm"), "2021-07-21T15:05");
    EXPECT_EQ(parse_date("Published: 21 July 2021 at 12:00 am BST"), "2021-07-21T00:00+01:00");
    EXPECT_EQ(parse_date("July 2021"), "2021-07");
    EXPECT_EQ(parse_date("29 February 2024"), "2024-02-29");
}

TEST(DateParser, MachineDates) {
    EXPECT_EQ(parse_date("2021-07-21T09:00:00Z"), "2021-07-21T09:00:00Z");
    EXPECT_EQ(parse_date("2021-07-21"), "2021-07-21");
    EXPECT_EQ(parse_date("2021-07-21 09:00"), "2021-07-21T09:00");
    EXPECT_EQ(parse_date("2021-07-21T09:00:00.250+0530"), "2021-07-21T09:00:00.250+05:30");
    EXPECT_EQ(parse_date("Wed, 21 Jul 2021 11:06:00 +0000"), "2021-07-21T11:06:00+00:00");
    EXPECT_EQ(parse_date("Sun, 01 Jan 23 00:00:00 GMT"), "2023-01-01T00:00:00Z");
    EXPECT_EQ(parse_date("Tue, 20 Jul 2021 18:00:00 EDT"), "2021-07-20T18:00:00-04:00");
    EXPECT_EQ(parse_date("21/07/2021"), "2021-07-21");
    EXPECT_EQ(parse_date("07/21/2021"), "2021-07-21");  // only month-first makes sense
    EXPECT_EQ(parse_date("03/04/2021"), "2021-04-03");  // ambiguous: day first
    EXPECT_EQ(parse_date("2021/07/21"), "2021-07-21");
    EXPECT_EQ(iso_from_unix_seconds(1626865560), "2021-07-21T11:06:00Z");
    EXPECT_EQ(iso_from_unix_seconds(-1), "1969-12-31T23:59:59Z");
}

TEST(DateParser, NotDates) {
    for (const char* s : {"", "France Ocenia Summit", "G7 Summit", "By Press Association", "2021 was a year",
                          "May", "21 July", "11:06", "March 4", "2021-02-30", "2021-13-01", "31 June 2021",
                          "25:00 21 July 2021", "July 21, 2021 and then some words",
                          "The report was published on 21 July 2021 by Le Monde."})
        EXPECT_EQ(parse_date(s), "") << s;
}

}  // namespace
}  // namespace factgraph::importers
