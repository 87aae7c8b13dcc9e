#include "scenarios.hpp"

#include <gtest/gtest.h>

using namespace shuxiang;
using namespace sxtest;

TEST(Model, PlaceholderBuilds) { SUCCEED(); }
