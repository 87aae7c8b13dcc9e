# Helpers that give every Shuxiang module the same shape: <dir>/include/shuxiang/<name>/*.hpp
# public headers, <dir>/src/*.cpp sources, one static library per module.

# Warnings as errors on project code only (third-party sources are compiled without them).
set(SHUXIANG_WARNINGS
    -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers
    # GCC 12 reports false positives for std::string at -O3 (GCC bug 105329).
    -Wno-restrict -Wno-stringop-overflow)

# Where data files live at run time when no install tree is found (the source tree).
set(SHUXIANG_SOURCE_ASSET_DIR "${CMAKE_SOURCE_DIR}/assets")
set(SHUXIANG_SOURCE_SHADER_DIR "${CMAKE_SOURCE_DIR}/shaders")

# sx_add_module(NAME <target> DIR <folder> [DEPS <targets...>])
function(sx_add_module)
  cmake_parse_arguments(M "" "NAME;DIR" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${M_DIR}/src/*.cpp)
  file(GLOB_RECURSE hdrs CONFIGURE_DEPENDS ${M_DIR}/include/*.hpp)
  add_library(${M_NAME} STATIC ${srcs} ${hdrs})
  target_include_directories(${M_NAME} PUBLIC ${M_DIR}/include PRIVATE ${M_DIR}/src)
  target_compile_options(${M_NAME} PRIVATE ${SHUXIANG_WARNINGS})
  target_compile_definitions(${M_NAME} PRIVATE
    SHUXIANG_SOURCE_ASSET_DIR="${SHUXIANG_SOURCE_ASSET_DIR}"
    SHUXIANG_SOURCE_SHADER_DIR="${SHUXIANG_SOURCE_SHADER_DIR}")
  if(M_DEPS)
    target_link_libraries(${M_NAME} PUBLIC ${M_DEPS})
  endif()
endfunction()

# sx_add_test(NAME <exe> SOURCES <files...> DEPS <targets...> [LABELS <labels...>] [DISPLAY] [WHOLE])
# DISPLAY tests run under xvfb-run so that they need no real display. WHOLE programs are one ctest
# entry (not one per case), for fixtures started once per program (a PostgreSQL cluster).
function(sx_add_test)
  cmake_parse_arguments(T "DISPLAY;WHOLE" "NAME" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  target_include_directories(${T_NAME} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_compile_options(${T_NAME} PRIVATE ${SHUXIANG_WARNINGS})
  target_compile_definitions(${T_NAME} PRIVATE
    SHUXIANG_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    SHUXIANG_SOURCE_ASSET_DIR="${SHUXIANG_SOURCE_ASSET_DIR}"
    SHUXIANG_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/tests/data"
    SHUXIANG_BIN_DIR="${CMAKE_BINARY_DIR}/bin")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  if(T_DISPLAY)
    # One ctest entry for the whole program under one X server: starting Xvfb per case is slow.
    # Each such test starts its search for a free display number at its own place (-a -n): two
    # xvfb-run -a started at the same moment from the same number can both pick it.
    get_property(display_tests GLOBAL PROPERTY SX_DISPLAY_TESTS)
    list(LENGTH display_tests display_index)
    set_property(GLOBAL APPEND PROPERTY SX_DISPLAY_TESTS ${T_NAME})
    math(EXPR server_num "120 + 7 * ${display_index}")
    add_test(NAME ${T_NAME}
      COMMAND xvfb-run -a -n ${server_num} -s "-screen 0 1600x1000x24" $<TARGET_FILE:${T_NAME}>)
    # The editor keeps recent files and recovery autosaves under the XDG folders: each display test
    # gets its own, so tests neither see each other's files nor touch the user's home.
    set(test_home ${CMAKE_BINARY_DIR}/test-home/${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 600
      ENVIRONMENT "XDG_CONFIG_HOME=${test_home}/config;XDG_STATE_HOME=${test_home}/state")
  elseif(T_WHOLE)
    add_test(NAME ${T_NAME} COMMAND $<TARGET_FILE:${T_NAME}>)
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 300)
  else()
    gtest_discover_tests(${T_NAME} PROPERTIES LABELS "${T_LABELS}" DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
