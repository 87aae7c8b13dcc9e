#pragma once
// Test helpers for error messages: the InputError a call raises, and its message in both languages.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::test {

// The InputError that `f` throws; a test failure (and an empty error) when it throws none.
inline InputError input_error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no InputError was thrown";
    return InputError("", "", "");
}

// The message of input_error_of(f) in Chinese, then in English; the language is set back afterwards.
inline std::pair<std::string, std::string> messages_zh_en(const std::function<void()>& f) {
    const Language before = language();
    set_language(Language::ZhCN);
    std::string zh = input_error_of(f).message();
    set_language(Language::En);
    std::string en = input_error_of(f).message();
    set_language(before);
    return {std::move(zh), std::move(en)};
}

}  // namespace shuxiang::test
