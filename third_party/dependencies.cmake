# CMake glue that turns Debian 12 packages into targets. Nothing is vendored here.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(pugixml REQUIRED)
find_package(PNG REQUIRED)
if(SHUXIANG_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(SHUXIANG_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Recast/Detour: Debian ships shared libraries and headers but no CMake config.
find_path(RECAST_INCLUDE_DIR Recast.h PATH_SUFFIXES recastnavigation REQUIRED)
foreach(lib Recast Detour DetourCrowd DetourTileCache)
  find_library(${lib}_LIBRARY ${lib} REQUIRED)
  add_library(recast::${lib} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(recast::${lib} PROPERTIES
    IMPORTED_LOCATION ${${lib}_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${RECAST_INCLUDE_DIR})
endforeach()
target_link_libraries(recast::DetourCrowd INTERFACE recast::Detour)

# Bullet links through pkg-config.
pkg_check_modules(BULLET REQUIRED IMPORTED_TARGET GLOBAL bullet)
add_library(bullet::bullet ALIAS PkgConfig::BULLET)

if(SHUXIANG_BUILD_EDITOR)
  pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET GLOBAL glfw3)
  pkg_check_modules(EPOXY REQUIRED IMPORTED_TARGET GLOBAL epoxy)
  pkg_check_modules(ASSIMP REQUIRED IMPORTED_TARGET GLOBAL assimp)
  pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET GLOBAL freetype2)
  find_package(glm REQUIRED)

  # Dear ImGui 1.86: Debian's libimgui.a plus the GLFW and OpenGL3 backends that the package ships
  # among its examples. libimgui.a needs stb and freetype at link time.
  find_library(IMGUI_LIBRARY imgui REQUIRED)
  find_path(IMGUI_INCLUDE_DIR imgui.h PATH_SUFFIXES imgui REQUIRED)
  set(IMGUI_BACKEND_DIR /usr/share/doc/libimgui-dev/examples/backends)
  if(NOT EXISTS ${IMGUI_BACKEND_DIR}/imgui_impl_glfw.cpp)
    message(FATAL_ERROR "libimgui-dev backend sources not found in ${IMGUI_BACKEND_DIR}")
  endif()
  find_library(STB_LIBRARY stb REQUIRED)
  add_library(imgui STATIC
    ${IMGUI_BACKEND_DIR}/imgui_impl_glfw.cpp
    ${IMGUI_BACKEND_DIR}/imgui_impl_opengl3.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_INCLUDE_DIR} ${IMGUI_INCLUDE_DIR}/backends)
  target_link_libraries(imgui PUBLIC ${IMGUI_LIBRARY} ${STB_LIBRARY} PkgConfig::FREETYPE PkgConfig::GLFW
                        ${CMAKE_DL_LIBS})
endif()

# The web server (`shuxiang serve`): cpp-httplib (Debian builds it as a shared library with
# OpenSSL support; its pkg-config file carries the matching CPPHTTPLIB_* definitions) and OpenSSL
# for TLS, random session ids and constant-time comparisons.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)
find_package(OpenSSL REQUIRED)

# The district's store (`shuxiang district`): PostgreSQL through libpqxx (which brings libpq). Only
# library_core/district's pg/ sources include it; a school never needs it.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET GLOBAL libpqxx)
