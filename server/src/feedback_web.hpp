#pragma once
// What the feedback routes (routes_feedback.cpp) and pages (pages_feedback.cpp) share.
#include "app.hpp"
#include "shuxiang/reading/feedback.hpp"

namespace shuxiang::server {

using reading::feedback_stats_json;

// A review with its title and state, as its author and the moderators see it.
json review_json(Call& c, const reading::Review& r);
// A linked pupil's loans and programmes, as their parent sees them.
json child_json(Call& c, const reading::ChildView& v);
// "三年级学生", "教师": who wrote an approved review, without naming them.
std::string reader_label(const reading::PublicReview& r);
// The session's reader acting for themselves.
circulation::Ctx reader_ctx(const Call& c);
// A record id in the query (400 when missing or not a number).
long long record_param(const Call& c, const char* name);
// ?year=YYYY, else the server's year (400 when malformed).
int feedback_year(const Call& c);
void add_feedback_pages(RouteTable& t);

}  // namespace shuxiang::server
