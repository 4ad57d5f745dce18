#pragma once
/** @file Normalises the many ways articles write dates to ISO 8601. */
#include <cstdint>
#include <string>
#include <string_view>

namespace factgraph::importers {

/** @brief ISO 8601 form of a date as articles and feeds write it, or "" when s is not a date.
 *
 *  "21 July 2021, 11:06" -> "2021-07-21T11:06", "July 21, 2021" -> "2021-07-21",
 *  "Wed, 21 Jul 2021 11:06:00 +0000" -> "2021-07-21T11:06:00+00:00", ISO input is kept
 *  ("2021-07-21T09:00:00Z"). Prefixes such as "Published:" or "Updated on" are ignored. All-numeric
 *  dates are read day first ("03/04/2021" is 3 April) unless that is impossible. A day and month
 *  without a year is not a date. */
std::string parse_date(std::string_view s);

/** @brief ISO 8601 UTC date-time ("2021-07-21T11:06:00Z") for seconds since the Unix epoch. */
std::string iso_from_unix_seconds(std::int64_t seconds);

}  // namespace factgraph::importers
