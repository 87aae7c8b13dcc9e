#pragma once
// The feedback tables (schema step kStepFeedback) on the connection of an SQLite unit of work.
#include <sqlite3.h>

#include <memory>

#include "shuxiang/circulation/feedback_store.hpp"

namespace shuxiang::circulation {

std::unique_ptr<FeedbackStore> make_sqlite_feedback_store(sqlite3* db);

}  // namespace shuxiang::circulation
