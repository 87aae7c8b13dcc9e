#pragma once
// Where Shuxiang finds its data at run time (assets/, shaders/).
#include <filesystem>

namespace shuxiang {

// The assets folder: $SHUXIANG_ASSET_DIR if set, else <exe>/../share/shuxiang/assets when installed,
// else the source tree's assets/ (builds run from the build tree).
std::filesystem::path asset_dir();
std::filesystem::path shader_dir();

}  // namespace shuxiang
