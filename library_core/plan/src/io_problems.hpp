#pragma once
// Building Problems of plan files: messages by translation key with their English text, JSON pointers.
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/plan/io.hpp"

namespace shuxiang::plan::detail {

// A problem whose English message is the key's English text with args filled in.
Problem make_problem(std::string pointer, std::string_view key, std::vector<std::string> args = {});

// Every message key with its English text (the same text as assets/i18n/plan_io.json).
struct MessageText {
    const char* key;
    const char* en;
};
const std::vector<MessageText>& message_texts();

// RFC 6901 escaping of one reference token ("~" → "~0", "/" → "~1").
std::string pointer_token(std::string_view key);
std::string child(const std::string& pointer, std::string_view key);
std::string child(const std::string& pointer, std::size_t index);

// Shortest text that reads back as the same double ("0.9", "12", "1e+20").
std::string number_text(double v);

}  // namespace shuxiang::plan::detail
