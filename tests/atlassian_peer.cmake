# The fake Atlassian Cloud upstream behind two validating Prism proxies (tests/peers/atlassian) and
# its C++ launcher, included from tests/CMakeLists.txt. Label `peers`: the test runs `node
# tests/peers/atlassian/start.mjs` (needs `npm ci` in tests/peers, which scripts/setup.sh does) and
# skips, saying so, only when tests/peers/node_modules has no @stoplight/prism-cli.
add_library(ucf_atlassian_peer STATIC support/atlassian_peer.cpp)
target_include_directories(ucf_atlassian_peer PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(ucf_atlassian_peer PUBLIC ucf_test_support Boost::json fmt::fmt absl::status
                      absl::statusor)
target_compile_options(ucf_atlassian_peer PRIVATE ${UCF_OWN_WARNINGS})
target_compile_definitions(ucf_atlassian_peer PRIVATE UCF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

add_executable(ucf_atlassian_peer_test support/atlassian_peer_test.cpp)
target_link_libraries(ucf_atlassian_peer_test PRIVATE ucf_atlassian_peer ucf_catalog
                      GTest::gtest_main)
target_compile_options(ucf_atlassian_peer_test PRIVATE ${UCF_OWN_WARNINGS})
include(GoogleTest)
gtest_discover_tests(ucf_atlassian_peer_test PROPERTIES LABELS peers DISCOVERY_TIMEOUT 30 TIMEOUT 180)
