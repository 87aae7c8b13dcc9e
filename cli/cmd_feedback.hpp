#pragma once
// Readers' feedback statistics as `shuxiang stats` and `shuxiang feedback stats` print them.
#include "shuxiang/reading/feedback.hpp"

namespace shuxiang::cli {

// The anonymous aggregates (reading::feedback_stats_json) as lines of text.
void print_feedback_stats(const reading::FeedbackStats& st);

}  // namespace shuxiang::cli
